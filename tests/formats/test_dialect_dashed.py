"""Dialect F (``##### Title - Speaker, Role at Org``): invented post, edits, fresh text, corpus."""

# The invented post has long heading lines, as real posts do.

from __future__ import annotations

import copy
import dataclasses
import difflib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roundup_editor.core.post import Session, Speaker, TextBlock, Thumbnail
from roundup_editor.core.serialize import dump_post, load_post
from roundup_editor.core.summary import summarize
from roundup_editor.formats.dialects import render_block
from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post

from corpus.scoring import session_field_scores

LINKEDIN = "https://www.linkedin.com/in/"
SLIDES = "https://slides.example/deck/"

TEXT = f"""---
layout: post
title: Harbourline Cloud Builders Day 2026 – Event Roundup
tags: [roundup]
authors: [jamie]
slug: harbourline-2026-roundup
---

![](harbourline-roundup.png "Blog Header Image")

The first Harbourline Cloud Builders Day gathered operators and tinkerers in a
converted ferry terminal.

<!-- truncate -->

**Access each session's slides by clicking onto the presentation graphic.**

##### Opening Remarks & Welcome - [Ada Quillfeather]({LINKEDIN}ada-quillfeather/), Meetup Chair and CTO at [Northwind Labs](https://northwind.example/)

Ada opened the day with a look back at the first meetup in a pub basement.

[![](AdaWelcome.png "Opening Remarks & Welcome - slides")]({SLIDES}opening/101)

##### Tidal Storage: a Cheap, Cold Tier - Built for Archives – [Bruno Kettleby](https://github.com/bkettleby), Principal Engineer at [Harbourline](https://harbourline.example)

Bruno showed how cold data moves to the cheap tier and comes back
when somebody finally needs it.

[![](Bruno.png "Tidal Storage - slides")]({SLIDES}tidal-storage/102)

##### GPU Sharing -  [Chiara Voss]({LINKEDIN}chiara-voss), CTO at [Voss & Partners](https://www.linkedin.com/company/voss/) # (https://voss.example)

Chiara compared passthrough and virtual GPUs on the same rack.

[![](Chiara.png "GPU Sharing - slides")]({SLIDES}gpu-sharing/103)

##### Bees, Bytes and Backups - Dara Mendel, Hivewise

Dara runs her hive sensors on a tiny cloud in a shed.

[![](Dara.png "Bees, Bytes and Backups - slides")]({SLIDES}bees/104)

##### Plugins (XaaS) - Orchestrate Everything + Demo - Emil Sauer, [Harbourline](https://www.linkedin.com/company/harbourline/)

Emil plugged a toaster into the orchestrator, live.

[![](Emil.png "Plugins (XaaS) - slides")]({SLIDES}plugins/105)

##### Extension Points - Hooks for Everyone - [Farah Oduya]({LINKEDIN}farah-oduya/) - Lead Engineer & [Gus Brandt]({LINKEDIN}gbrandt/) - Engineer at Northwind

Farah and Gus walked through the hook points and what they cost.

[![](FarahGus.png "Extension Point - slides")]({SLIDES}extension-points/106)

##### Automating the Boring Parts - [Helga Strand]({LINKEDIN}helga-strand/), Lead DevОps Engineer at [Fjordhost](https://fjordhost.example)

Helga's portal drives the playbooks so nobody has to.

[![] "Automating the Boring Parts - slides"](HelgaPortal.png {SLIDES}automating/107)

##### Community Corner

The day ended with stroopwafels and a long queue for the one charger.

###### Next Stop: Lisbon

See you there!"""

EXPECTED = [
    (
        "Opening Remarks & Welcome",
        [
            Speaker(
                "Ada Quillfeather",
                f"{LINKEDIN}ada-quillfeather/",
                "Northwind Labs",
                "https://northwind.example/",
                "Meetup Chair and CTO",
            )
        ],
        "AdaWelcome.png",
    ),
    (
        "Tidal Storage: a Cheap, Cold Tier - Built for Archives",
        [
            Speaker(
                "Bruno Kettleby",
                "https://github.com/bkettleby",
                "Harbourline",
                "https://harbourline.example",
                "Principal Engineer",
            )
        ],
        "Bruno.png",
    ),
    (
        "GPU Sharing",
        [
            Speaker(
                "Chiara Voss",
                f"{LINKEDIN}chiara-voss",
                "Voss & Partners",
                "https://www.linkedin.com/company/voss/",
                "CTO",
            )
        ],
        "Chiara.png",
    ),
    ("Bees, Bytes and Backups", [Speaker("Dara Mendel", None, "Hivewise")], "Dara.png"),
    (
        "Plugins (XaaS) - Orchestrate Everything + Demo",
        [
            Speaker(
                "Emil Sauer", None, "Harbourline", "https://www.linkedin.com/company/harbourline/"
            )
        ],
        "Emil.png",
    ),
    (
        "Extension Points - Hooks for Everyone",
        [
            Speaker("Farah Oduya", f"{LINKEDIN}farah-oduya/", None, None, "Lead Engineer"),
            Speaker("Gus Brandt", f"{LINKEDIN}gbrandt/", "Northwind", None, "Engineer"),
        ],
        "FarahGus.png",
    ),
    (
        "Automating the Boring Parts",
        [
            Speaker(
                "Helga Strand",
                f"{LINKEDIN}helga-strand/",
                "Fjordhost",
                "https://fjordhost.example",
                "Lead DevОps Engineer",
            )
        ],
        "HelgaPortal.png",
    ),
]


def changed_lines(before: str, after: str) -> list[str]:
    """Return the lines that differ between two texts (both sides of each change)."""
    diff = difflib.ndiff(before.split("\n"), after.split("\n"))
    return [line for line in diff if line[:2] in ("- ", "+ ")]


def session_indexes(data: dict[str, object]) -> list[int]:
    """Return the positions of the session blocks in ``dump_post`` output."""
    blocks = data["blocks"]
    assert isinstance(blocks, list)
    return [index for index, block in enumerate(blocks) if block["type"] == "session"]


def test_fields_are_read() -> None:
    sessions = parse_post(TEXT).sessions()
    assert [(s.title, s.speakers, s.thumbnails[0].file) for s in sessions] == EXPECTED
    assert all(session.dialect == "dashed" for session in sessions)
    assert all(session.abstract for session in sessions)
    assert [session.slides_url for session in sessions] == [
        f"{SLIDES}opening/101",
        f"{SLIDES}tidal-storage/102",
        f"{SLIDES}gpu-sharing/103",
        f"{SLIDES}bees/104",
        f"{SLIDES}plugins/105",
        f"{SLIDES}extension-points/106",
        f"{SLIDES}automating/107",
    ]
    assert sessions[6].thumbnails == [
        Thumbnail("HelgaPortal.png", "Automating the Boring Parts - slides", "slides")
    ]


def test_sections_without_speakers_stay_text() -> None:
    post = parse_post(TEXT)
    texts = [block.text for block in post.blocks if isinstance(block, TextBlock)]
    assert any(text.startswith("##### Community Corner") for text in texts)
    assert any(text.startswith("###### Next Stop: Lisbon") for text in texts)
    assert len(post.sessions()) == 7


@pytest.mark.parametrize("text", [TEXT, TEXT + "\n", TEXT.replace("\n", "\r\n")])
def test_render_is_byte_identical(text: str) -> None:
    assert render_post(parse_post(text)) == text
    assert render_post(load_post(json.loads(json.dumps(dump_post(parse_post(text)))))) == text


@pytest.mark.parametrize("position", range(7))
def test_title_edit_in_dump_changes_exactly_one_line(position: int) -> None:
    data = dump_post(parse_post(TEXT))
    block = data["blocks"][session_indexes(data)[position]]
    block["title"] = "Cheap - Cheerful, [Fast] & *Odd* -"
    after = render_post(load_post(data))
    lines = changed_lines(TEXT, after)
    assert len(lines) == 2
    assert lines[1].startswith("+ ##### Cheap - Cheerful, \\[Fast\\] &amp; \\*Odd\\* &#45;")
    reread = parse_post(after).sessions()[position]
    assert reread.title == "Cheap - Cheerful, [Fast] & *Odd* -"
    assert reread.dialect == "dashed"


@pytest.mark.parametrize("position", range(7))
def test_speaker_url_edit_in_dump_changes_exactly_one_line(position: int) -> None:
    data = dump_post(parse_post(TEXT))
    block = data["blocks"][session_indexes(data)[position]]
    block["speakers"][-1]["url"] = "https://people.example/new"
    after = render_post(load_post(data))
    lines = changed_lines(TEXT, after)
    assert len(lines) == 2
    assert lines[1].startswith("+ #####")
    assert "](https://people.example/new)" in lines[1]
    reread = parse_post(after).sessions()[position]
    assert reread.speakers[-1].url == "https://people.example/new"
    assert reread.speakers[:-1] == EXPECTED[position][1][:-1]


def test_stray_text_after_the_org_survives_a_title_edit() -> None:
    post = parse_post(TEXT)
    post.sessions()[2].title = "GPU Sharing, Revisited"
    after = render_post(post)
    assert "##### GPU Sharing, Revisited -  [Chiara Voss]" in after
    assert after.count("# (https://voss.example)") == 1


def test_broken_thumbnail_is_kept_until_the_media_change() -> None:
    post = parse_post(TEXT)
    post.sessions()[6].abstract = "Shorter now."
    assert '[![] "Automating the Boring Parts - slides"](HelgaPortal.png' in render_post(post)
    post.sessions()[6].thumbnails[0].title = "Portal - slides"
    lines = changed_lines(TEXT, render_post(post))
    assert f'+ [![](HelgaPortal.png "Portal - slides")]({SLIDES}automating/107)' in lines


def test_fresh_render_reads_back_equal() -> None:
    post = parse_post(TEXT)
    for session in post.sessions():
        fresh = dataclasses.replace(session, layout=None)
        text = render_block(fresh)
        reread = parse_post(text).sessions()
        assert reread == [fresh]
        assert reread[0].dialect == "dashed"


HOSTILE = [
    Session(
        title="Dash - at the end -",
        speakers=[
            Speaker("Ann - the Admin", None, "Acme, Inc. at Home", None, "VP, R&D at Large"),
            Speaker("Bo (Ops)", "https://bo.example", None, None, "Night - Shift"),
        ],
        abstract="One *line* with {braces}.",
        slides_url="https://slides.example/x",
        thumbnails=[Thumbnail("x.png", 'Slides "quoted" - slides')],
    ),
    Session(
        title="Plain roles – only",
        speakers=[Speaker("cleo lower", None, None, None, "Role (with) parens"), Speaker("Dan")],
    ),
    Session(
        title="[Not](a link) & co",
        speakers=[Speaker("Eve", "https://eve.example", "Org", "https://org.example", None)],
        video_url="https://www.youtube.com/watch?v=abc",
        thumbnails=[Thumbnail("v.png", None, "video")],
    ),
]


@pytest.mark.parametrize("session", HOSTILE)
def test_fresh_hostile_sessions_read_back_equal(session: Session) -> None:
    block = copy.deepcopy(session)
    block.dialect = "dashed"
    text = render_block(block)
    assert text.startswith("##### ")
    assert parse_post(text).sessions() == [session]


_WORDS = st.text(alphabet="ab -–,&()[]*:#at", min_size=1, max_size=12).filter(
    lambda text: text.strip() == text
)


@settings(max_examples=60, deadline=None)
@given(
    title=_WORDS,
    names=st.lists(_WORDS, min_size=1, max_size=3),
    org=st.none() | _WORDS,
    role=st.none() | _WORDS,
    linked=st.booleans(),
)
def test_fresh_text_reads_back_for_generated_sessions(
    title: str, names: list[str], org: str | None, role: str | None, linked: bool
) -> None:
    session = Session(
        title=title,
        speakers=[
            Speaker(name, "https://p.example/x" if linked else None, org, None, role)
            for name in names
        ],
        dialect="dashed",
    )
    text = render_block(session)
    assert text.startswith("##### ")
    assert parse_post(text).sessions() == [session]


DASHED_POSTS = ("2025-07-18-csiug-roundup", "2025-09-25-cseug-autumn-roundup")


@pytest.mark.parametrize("name", DASHED_POSTS)
def test_corpus_posts_render_identically_and_score_fully(corpus: Path, name: str) -> None:
    text = (corpus / name / "index.md").read_text(encoding="utf-8")
    post = parse_post(text)
    assert render_post(post) == text
    expected = json.loads((corpus / name / "expected.json").read_text(encoding="utf-8"))
    actual = summarize(post)
    right, total = session_field_scores(expected["sessions"], actual["sessions"])
    print(f"{name}: {right}/{total} session fields")
    assert right == total
    dashed = [session for session in post.sessions() if session.dialect == "dashed"]
    assert [session.title for session in dashed] == [s["title"] for s in expected["sessions"]]


def test_speaker_edit_keeps_each_entry_form() -> None:
    heading = (
        "##### Mixed Forms - [Ann Aster](https://ann.example), CTO at [Xylo](https://xylo.example)"
        " & [Ben Birch](https://ben.example) - Engineer at Yarrow"
    )
    text = heading + "\n\nTwo people, two styles.\n"
    post = parse_post(text)
    session = post.sessions()[0]
    assert session.speakers == [
        Speaker("Ann Aster", "https://ann.example", "Xylo", "https://xylo.example", "CTO"),
        Speaker("Ben Birch", "https://ben.example", "Yarrow", None, "Engineer"),
    ]
    session.speakers[1].url = "https://ben.example/new"
    after = render_post(post)
    assert after == text.replace("https://ben.example)", "https://ben.example/new)")


@pytest.mark.parametrize("name", DASHED_POSTS)
def test_corpus_title_and_speaker_url_edits_change_one_line(corpus: Path, name: str) -> None:
    text = (corpus / name / "index.md").read_text(encoding="utf-8")
    data = dump_post(parse_post(text))
    for index in session_indexes(data):
        for field in ("title", "url"):
            edited = copy.deepcopy(data)
            block = edited["blocks"][index]
            if field == "title":
                block["title"] = "A Renamed Talk - Part 2"
            else:
                block["speakers"][0]["url"] = "https://people.example/renamed"
            after = render_post(load_post(edited))
            assert len(changed_lines(text, after)) == 2, (name, index, field)
