"""The corpus of 15 real posts: byte-identical round trips and what the reader recognises.

Reads ``../shared/corpus`` (skips when it is absent); never copies it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roundup_editor.core.serialize import dump_post, load_post
from roundup_editor.core.summary import summarize
from roundup_editor.formats.reader import parse_post, read_post
from roundup_editor.formats.writer import render_post

from corpus.scoring import mismatches, session_field_scores
from support.posts import CORPUS

REFERENCE = "2024-10-01-cseug-roundup"
POSTS = sorted(path.parent.name for path in CORPUS.glob("*/index.md")) if CORPUS.is_dir() else []
VERSIONS = sorted(CORPUS.glob("*/versions/index@*.md")) if CORPUS.is_dir() else []


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", POSTS)
def test_render_is_byte_identical(corpus: Path, name: str) -> None:
    path = corpus / name / "index.md"
    assert render_post(read_post(path)).encode("utf-8") == path.read_bytes()


@pytest.mark.parametrize("path", VERSIONS, ids=lambda path: path.name)
def test_older_versions_render_byte_identical(corpus: Path, path: Path) -> None:
    text = _text(path)
    assert render_post(parse_post(text)) == text


@pytest.mark.parametrize("name", POSTS)
def test_build_of_dump_is_byte_identical(corpus: Path, name: str) -> None:
    text = _text(corpus / name / "index.md")
    model = json.loads(json.dumps(dump_post(parse_post(text)), ensure_ascii=False))
    assert render_post(load_post(model)) == text


@pytest.mark.parametrize("name", POSTS)
def test_summary_matches_expected_outside_sessions(corpus: Path, name: str) -> None:
    expected = json.loads(_text(corpus / name / "expected.json"))
    actual = summarize(parse_post(_text(corpus / name / "index.md")))
    assert mismatches(expected, actual) == []


def test_session_fields_score(corpus: Path) -> None:
    right_all = total_all = 0
    print("\nsession fields recognised per post (title, speakers, slides, video, thumbnails):")
    for name in POSTS:
        expected = json.loads(_text(corpus / name / "expected.json"))
        actual = summarize(parse_post(_text(corpus / name / "index.md")))
        right, total = session_field_scores(expected["sessions"], actual["sessions"])
        right_all += right
        total_all += total
        share = f"{100 * right / total:5.1f}%" if total else "   - "
        print(f"  {name:<62} {right:>3}/{total:<3} {share}")
        if name == REFERENCE:
            assert right == total, "the reference post must be recognised completely"
    share = right_all / total_all
    print(f"  {'all posts':<62} {right_all:>3}/{total_all:<3} {100 * share:5.1f}%")
    assert share >= 0.95


def _one_line_changed(before: str, after: str) -> list[int]:
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new), "an edit must not add or remove lines"
    return [index for index, (x, y) in enumerate(zip(old, new, strict=True)) if x != y]


@pytest.mark.parametrize("name", POSTS)
def test_editing_one_field_changes_one_line_per_dialect(corpus: Path, name: str) -> None:
    text = _text(corpus / name / "index.md")
    model = dump_post(parse_post(text))
    sessions = [block for block in model["blocks"] if block["type"] == "session"]
    if not sessions:
        pytest.skip("no sessions in this post")
    seen: set[str] = set()
    for session in sessions:
        if session["dialect"] in seen:
            continue
        seen.add(session["dialect"])
        original_title = session["title"]
        session["title"] = "Renamed Session Title"
        changed = _one_line_changed(text, render_post(load_post(model)))
        assert len(changed) == 1, f"{session['dialect']}: title edit changed {changed}"
        session["title"] = original_title
        if session["speakers"]:
            # Dialect E links the whole title to the video, so a speaker there cannot have a
            # link of their own (Markdown links do not nest): edit the name instead.
            key = "name" if session["dialect"] == "linked_title" else "url"
            original = session["speakers"][0][key]
            session["speakers"][0][key] = (
                "Renamed Speaker" if key == "name" else "https://people.example/renamed"
            )
            changed = _one_line_changed(text, render_post(load_post(model)))
            assert len(changed) == 1, f"{session['dialect']}: {key} edit changed {changed}"
            session["speakers"][0][key] = original
