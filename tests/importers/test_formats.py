"""Each agenda format imports into a post whose inspect summary matches the fixture."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from roundup_editor.cli import main
from roundup_editor.core.post import Session
from roundup_editor.core.summary import summarize
from roundup_editor.formats.reader import parse_post, read_post
from roundup_editor.formats.writer import render_post
from roundup_editor.importers import AgendaError, load_schedule
from roundup_editor.importers.build import build_post

AGENDAS = Path(__file__).resolve().parents[1] / "data" / "agendas"
SUMMARY_KEYS = ("title", "speakers", "abstract_present", "slides_url", "video_url")

CASES = [
    ("pretalx", "hocd-2025-schedule.json", "hocd-2025-schedule.expected.json"),
    ("frab", "hocd-2025-schedule.json", "hocd-2025-schedule.expected.json"),
    ("frab-xml", "hocd-2025-schedule.xml", "hocd-2025-schedule.xml.expected.json"),
    ("sessionize", "kps-2025-sessionize-all.json", "kps-2025-sessionize-all.expected.json"),
    ("csv", "nwcm-autumn-2025.csv", "nwcm-autumn-2025.csv.expected.json"),
]


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((AGENDAS / name).read_text(encoding="utf-8"))
    return data


def _sessions(summary: dict[str, Any]) -> list[dict[str, Any]]:
    return [{key: item[key] for key in SUMMARY_KEYS} for item in summary["sessions"]]


@pytest.mark.parametrize(("fmt", "source", "expected"), CASES)
def test_import_matches_fixture(fmt: str, source: str, expected: str) -> None:
    """Titles, speakers, organisations, links, time order and skipped slots are as expected."""
    want = _expected(expected)
    schedule = load_schedule(fmt, AGENDAS / source)
    assert schedule.title == want["title"]
    assert sorted(item.title for item in schedule.skipped) == sorted(want["skipped"])
    post = build_post(schedule)
    reread = parse_post(render_post(post))
    assert _sessions(summarize(reread)) == want["sessions"]
    assert _sessions(summarize(post)) == want["sessions"]


@pytest.mark.parametrize(("fmt", "source", "expected"), CASES)
def test_built_post_reads_back_equal(fmt: str, source: str, expected: str) -> None:
    """The built post renders through the dialects and reads back as the same model."""
    post = build_post(load_schedule(fmt, AGENDAS / source))
    text = render_post(post)
    reread = parse_post(text)
    assert reread == post
    assert render_post(reread) == text
    assert all(block.dialect == "reference" for block in reread.sessions())
    front = reread.front_matter
    assert front is not None
    assert front.get("layout") == "post"
    assert front.get("tags") == ["roundup"]
    assert front.get("authors") == []
    assert front.get("slug")
    kinds = [type(block).__name__ for block in reread.blocks[:4]]
    assert kinds == ["HeaderImage", "TextBlock", "Truncate", "TextBlock"]


def test_escaping_of_hazardous_titles() -> None:
    """Braces and angle brackets in a title are written as entities, never raw."""
    post = build_post(load_schedule("pretalx", AGENDAS / "hocd-2025-schedule.json"))
    text = render_post(post)
    assert "{without}" not in text and "<tears>" not in text
    assert "&#123;without&#125; &lt;tears&gt;" in text
    assert "`&#123;limits&#125;`" not in text  # abstract code spans keep their braces escaped too
    session = next(s for s in parse_post(text).sessions() if "GPU" in s.title)
    assert session.title == "Hands-on: GPU Passthrough {without} <tears>"


def test_description_joins_abstract() -> None:
    """pretalx's abstract and description become the session's abstract paragraphs."""
    schedule = load_schedule("pretalx", AGENDAS / "hocd-2025-schedule.json")
    quotas = next(item for item in schedule.sessions if item.title.startswith("Quotas"))
    assert quotas.abstract == (
        "Why **every** quota is a product decision.\n\n"
        "Chiara and Dmitri show the billing hooks they built\nand the `{limits}` they regret."
    )
    assert (quotas.day, quotas.start, quotas.room) == ("2025-03-13", "11:00", "Main Hall")


def test_post_format_takes_sessions_from_a_post(tmp_path: Path) -> None:
    """An agenda post in another dialect gives sessions for a new reference-layout roundup."""
    first = build_post(load_schedule("sessionize", AGENDAS / "kps-2025-sessionize-all.json"))
    folder = tmp_path / "2025-05-01-agenda"
    folder.mkdir()
    (folder / "index.md").write_text(render_post(first), encoding="utf-8")
    schedule = load_schedule("post", folder)
    assert [item.title for item in schedule.sessions] == [s.title for s in first.sessions()]
    again = build_post(schedule)
    assert [s.speakers for s in again.sessions()] == [s.speakers for s in first.sessions()]


def test_post_format_reads_corpus_agenda(corpus: Path) -> None:
    """Last year's agenda post (a non-reference dialect) seeds a reference-layout roundup."""
    source = corpus / "2024-08-09-cseug2024-agenda"
    expected = json.loads((source / "expected.json").read_text(encoding="utf-8"))
    schedule = load_schedule("post", source)
    with_speakers = [item for item in expected["sessions"] if item["speakers"]]
    assert [item.title for item in schedule.sessions] == [item["title"] for item in with_speakers]
    post = build_post(schedule)
    reread = parse_post(render_post(post))
    assert reread == post
    assert all(isinstance(block, Session) for block in reread.blocks[4:])


def test_cli_import_writes_a_post_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``roundup-editor import`` writes index.md and a placeholder header image."""
    out = tmp_path / "blog" / "2025-03-20-hocd-2025-roundup"
    status = main(
        ["import", "pretalx", str(AGENDAS / "hocd-2025-schedule.json"), "--out", str(out)]
    )
    captured = capsys.readouterr()
    assert status == 0
    assert captured.out.strip() == str(out / "index.md")
    other = tmp_path / "drafts" / "hocd"
    assert (
        main(["import", "pretalx", str(AGENDAS / "hocd-2025-schedule.json"), "--out", str(other)])
        == 0
    )
    other_front = read_post(other).front_matter
    assert other_front is not None
    assert other_front.get("slug") == "harbourline-open-cloud-days-2025-roundup"
    assert "skipped 'Coffee Break': break slot" in captured.err
    post = read_post(out)
    assert (out / "header.png").read_bytes().startswith(b"\x89PNG")
    assert summarize(post)["header_image"]["src"] == "header.png"
    assert post.front_matter is not None
    assert post.front_matter.get("title") == "Harbourline Open Cloud Days 2025 Roundup"
    assert post.front_matter.get("slug") == "hocd-2025-roundup"  # from the folder name
    assert (
        main(["import", "pretalx", str(AGENDAS / "hocd-2025-schedule.json"), "--out", str(out)])
        == 2
    )
    assert "already exists" in capsys.readouterr().err


def test_every_corpus_post_seeds_a_roundup_that_reads_back(corpus: Path) -> None:
    """Each corpus post with sessions imports into a reference-layout post that reads back equal."""
    imported = 0
    for folder in sorted(path for path in corpus.iterdir() if (path / "index.md").is_file()):
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        if not expected["sessions"]:
            with pytest.raises(AgendaError, match="no sessions were recognised"):
                load_schedule("post", folder)
            continue
        schedule = load_schedule("post", folder)
        assert schedule.sessions, folder.name
        post = build_post(schedule)
        assert parse_post(render_post(post)) == post, folder.name
        imported += len(schedule.sessions)
    assert imported > 100
