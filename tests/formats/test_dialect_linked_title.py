"""Dialect E (the whole title is a link): an invented post, edits, fresh text and the corpus."""

# The invented post has long link lines, as real posts do.

from __future__ import annotations

import copy
import dataclasses
import difflib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roundup_editor.core.post import HeaderImage, Session, Speaker, Thumbnail
from roundup_editor.core.serialize import dump_post, load_post
from roundup_editor.core.summary import summarize
from roundup_editor.formats.dialects import render_block
from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post

from corpus.scoring import session_field_scores

YT = "https://www.youtube.com/watch?v="
PL = "&list=PLbalticstack2026&index="

TEXT = f"""---
layout: post
title: Baltic Stack Circle 2026 Roundup
tags: [news, roundup]
authors: [jamie]
slug: baltic-stack-2026-roundup
---

[![](banner.png "Banner")](/blog/baltic-stack-2026-roundup)

The Baltic Stack Circle met on a very windy day in a harbour warehouse.

<!-- truncate -->

# Sessions

[**Welcome, Marta Ilves**
![](welcome.png)]({YT}AAAAAAAAAA1{PL}1)
**Session description:**
Marta Ilves, who chairs the circle, outlines what everyone could expect.

[**What’s new in Kelpie 2.4, Marta Ilves**
![](whats-new.png)]({YT}AAAAAAAAAA2{PL}2)
**Session description:**
An overview of the features in Kelpie 2.4: edge zones, quotas
and a calmer upgrade path.

[**Storage Monitoring, Oskar Lind, Fjordhost**
![](monitoring.png)]({YT}AAAAAAAAAA3{PL}3)
**Session description:**
Oskar explains what to watch on a storage cluster - and what to ignore.

[**Recycling old servers, thus saving money and the planet, Tove Berg, Hyper.Nord**
![](recycling.png)]({YT}AAAAAAAAAA4{PL}4)
**Session description:**
Tips for keeping older hardware busy for longer.

[**A proposal - faster reviews with vendor CI, Ivo Petrov, Lena Marsh, Quaystack**
![](vendor-ci.png)]({YT}AAAAAAAAAA5{PL}5)
**Session description:**
How other communities use vendor CI, and what that could mean here.

[**Quokka and Backpack : What’s next, Jules Ferrand, Anne de La Roche and Mo, Quokka**
![](quokka.png "Quokka - video")]({YT}AAAAAAAAAA6{PL}6)
**Session Description:**
Team news from the backup plugin project.

[**Closing Words, Marta Ilves**
![](closing.png)]({YT}AAAAAAAAAA7{PL}7)

Thank you all for coming!
"""

EXPECTED = [
    ("Welcome", [Speaker("Marta Ilves")]),
    ("What’s new in Kelpie 2.4", [Speaker("Marta Ilves")]),
    ("Storage Monitoring", [Speaker("Oskar Lind", None, "Fjordhost")]),
    (
        "Recycling old servers, thus saving money and the planet",
        [Speaker("Tove Berg", None, "Hyper.Nord")],
    ),
    (
        "A proposal - faster reviews with vendor CI",
        [Speaker("Ivo Petrov", None, "Quaystack"), Speaker("Lena Marsh", None, "Quaystack")],
    ),
    (
        "Quokka and Backpack : What’s next",
        [
            Speaker("Jules Ferrand", None, "Quokka"),
            Speaker("Anne de La Roche", None, "Quokka"),
            Speaker("Mo", None, "Quokka"),
        ],
    ),
    ("Closing Words", [Speaker("Marta Ilves")]),
]
FILES = [
    "welcome.png",
    "whats-new.png",
    "monitoring.png",
    "recycling.png",
    "vendor-ci.png",
    "quokka.png",
    "closing.png",
]


def changed_lines(before: str, after: str) -> list[str]:
    """Return the lines that differ between two texts (both sides of each change)."""
    diff = difflib.ndiff(before.split("\n"), after.split("\n"))
    return [line for line in diff if line[:2] in ("- ", "+ ")]


def session_block(data: dict[str, object], position: int) -> dict[str, object]:
    """Return the ``position``-th session block of ``dump_post`` output."""
    blocks = data["blocks"]
    assert isinstance(blocks, list)
    block = [block for block in blocks if block["type"] == "session"][position]
    assert isinstance(block, dict)
    return block


def test_fields_are_read() -> None:
    post = parse_post(TEXT)
    sessions = post.sessions()
    assert [(session.title, session.speakers) for session in sessions] == EXPECTED
    assert [session.thumbnails[0].file for session in sessions] == FILES
    assert [session.video_url for session in sessions] == [
        f"{YT}AAAAAAAAAA{n}{PL}{n}" for n in range(1, 8)
    ]
    assert all(session.slides_url is None for session in sessions)
    assert all(session.dialect == "linked_title" for session in sessions)
    assert sessions[5].thumbnails == [Thumbnail("quokka.png", "Quokka - video", "video")]
    assert sessions[1].abstract == (
        "An overview of the features in Kelpie 2.4: edge zones, quotas\nand a calmer upgrade path."
    )
    assert sessions[6].abstract == ""
    assert isinstance(post.blocks[0], HeaderImage)


@pytest.mark.parametrize(
    "text", [TEXT, TEXT.rstrip("\n"), TEXT.replace("\n", "\r\n")], ids=["lf", "no-eol", "crlf"]
)
def test_render_is_byte_identical(text: str) -> None:
    assert render_post(parse_post(text)) == text
    assert render_post(load_post(json.loads(json.dumps(dump_post(parse_post(text)))))) == text


@pytest.mark.parametrize("position", range(7))
def test_title_edit_in_dump_changes_exactly_one_line(position: int) -> None:
    data = dump_post(parse_post(TEXT))
    session_block(data, position)["title"] = "Fast, Cheap - *and* {Odd}"
    after = render_post(load_post(data))
    lines = changed_lines(TEXT, after)
    assert len(lines) == 2
    assert lines[1].startswith("+ [**Fast&#44; Cheap - \\*and\\* &#123;Odd&#125;, ")
    reread = parse_post(after).sessions()[position]
    assert reread.title == "Fast, Cheap - *and* {Odd}"
    assert reread.speakers == EXPECTED[position][1]
    assert reread.dialect == "linked_title"


@pytest.mark.parametrize("position", range(7))
def test_speaker_name_edit_in_dump_changes_exactly_one_line(position: int) -> None:
    data = dump_post(parse_post(TEXT))
    speakers = session_block(data, position)["speakers"]
    assert isinstance(speakers, list)
    speakers[-1]["name"] = "zoe van Dam"
    after = render_post(load_post(data))
    lines = changed_lines(TEXT, after)
    assert len(lines) == 2
    assert "&#122;oe van Dam" in lines[1]
    reread = parse_post(after).sessions()[position]
    assert reread.speakers[-1].name == "zoe van Dam"
    assert reread.speakers[:-1] == EXPECTED[position][1][:-1]


def test_shared_org_edit_changes_exactly_one_line() -> None:
    post = parse_post(TEXT)
    for speaker in post.sessions()[4].speakers:
        speaker.org = "Quay Stack AB"
    after = render_post(post)
    lines = changed_lines(TEXT, after)
    assert lines == [
        "- [**A proposal - faster reviews with vendor CI, Ivo Petrov, Lena Marsh, Quaystack**",
        "+ [**A proposal - faster reviews with vendor CI, Ivo Petrov, Lena Marsh, Quay&#32;Stack&#32;AB**",
    ]
    assert parse_post(after).sessions()[4].speakers[1] == Speaker(
        "Lena Marsh", None, "Quay Stack AB"
    )


def test_video_and_thumbnail_edits_change_only_the_image_line() -> None:
    post = parse_post(TEXT)
    post.sessions()[2].video_url = f"{YT}BBBBBBBBBBB"
    post.sessions()[2].thumbnails[0].title = "Monitoring - video"
    lines = changed_lines(TEXT, render_post(post))
    assert lines == [
        f"- ![](monitoring.png)]({YT}AAAAAAAAAA3{PL}3)",
        f'+ ![](monitoring.png "Monitoring - video")]({YT}BBBBBBBBBBB)',
    ]


def test_abstract_added_to_a_session_without_description() -> None:
    post = parse_post(TEXT)
    post.sessions()[6].abstract = "Marta thanks {everyone}."
    after = render_post(post)
    lines = changed_lines(TEXT, after)
    assert lines == ["+ **Session description:**", "+ Marta thanks &#123;everyone&#125;."]
    assert parse_post(after).sessions()[6].abstract == "Marta thanks {everyone}."


def test_what_the_form_cannot_show_is_written_in_the_reference_dialect() -> None:
    # A link cannot hold links: a speaker URL moves the session to the reference form.
    post = parse_post(TEXT)
    session = post.sessions()[2]
    session.speakers[0].url = "https://people.example/oskar"
    after = render_post(post)
    assert "## Storage Monitoring, [Oskar Lind](https://people.example/oskar), Fjordhost" in after
    reread = parse_post(after)
    assert reread.sessions()[2] == session
    assert reread.sessions()[2].dialect == "reference"
    assert [s.dialect for s in reread.sessions()].count("linked_title") == 6


def test_fresh_render_reads_back_equal() -> None:
    for session in parse_post(TEXT).sessions():
        fresh = dataclasses.replace(session, layout=None)
        reread = parse_post(render_block(fresh)).sessions()
        assert reread == [fresh]
        assert reread[0].dialect == "linked_title"


HOSTILE = [
    Session(
        title="lower, start, and [brackets] & **bold**",
        speakers=[
            Speaker("ann and bob", None, "Org With Spaces, Ltd"),
            Speaker("Ci", None, "Org With Spaces, Ltd"),
        ],
        abstract="Line one {x}\n# not a heading\nimport y",
        video_url=f"{YT}CCCCCCCCCCC",
        thumbnails=[Thumbnail("c.png", 'Title "q"', "video", "alt text")],
    ),
    Session(
        title="Slides only",
        speakers=[Speaker("Solo")],
        slides_url="https://slides.example/deck/9",
        thumbnails=[Thumbnail("s.png")],
    ),
]


@pytest.mark.parametrize("session", HOSTILE)
def test_fresh_hostile_sessions_read_back_equal(session: Session) -> None:
    block = copy.deepcopy(session)
    block.dialect = "linked_title"
    text = render_block(block)
    assert text.startswith("[**")
    reread = parse_post(text).sessions()
    assert reread == [session]
    assert reread[0].dialect == "linked_title"


_WORDS = st.text(alphabet="aB ,&*[]:#-", min_size=1, max_size=10).filter(
    lambda text: text.strip() == text
)


@settings(max_examples=60, deadline=None)
@given(title=_WORDS, names=st.lists(_WORDS, min_size=1, max_size=3), org=st.none() | _WORDS)
def test_fresh_text_reads_back_for_generated_sessions(
    title: str, names: list[str], org: str | None
) -> None:
    session = Session(
        title=title,
        speakers=[Speaker(name, None, org) for name in names],
        video_url=f"{YT}DDDDDDDDDDD",
        thumbnails=[Thumbnail("d.png", None, "video")],
        dialect="linked_title",
    )
    text = render_block(session)
    assert text.startswith("[**")
    assert parse_post(text).sessions() == [session]


def test_corpus_post_renders_identically_and_scores_fully(corpus: Path) -> None:
    name = "2023-05-24-cseug2023-roundup"
    text = (corpus / name / "index.md").read_text(encoding="utf-8")
    post = parse_post(text)
    assert render_post(post) == text
    expected = json.loads((corpus / name / "expected.json").read_text(encoding="utf-8"))
    actual = summarize(post)
    right, total = session_field_scores(expected["sessions"], actual["sessions"])
    print(f"{name}: {right}/{total} session fields")
    assert right == total
    assert [session["title"] for session in actual["sessions"]] == [
        session["title"] for session in expected["sessions"]
    ]
    assert all(session.dialect == "linked_title" for session in post.sessions())


def test_corpus_title_and_speaker_name_edits_change_one_line(corpus: Path) -> None:
    text = (corpus / "2023-05-24-cseug2023-roundup" / "index.md").read_text(encoding="utf-8")
    data = dump_post(parse_post(text))
    count = len(parse_post(text).sessions())
    for position in range(count):
        for field in ("title", "name"):
            edited = copy.deepcopy(data)
            block = session_block(edited, position)
            if field == "title":
                block["title"] = "A Renamed Talk, Part 2"
            else:
                speakers = block["speakers"]
                assert isinstance(speakers, list)
                speakers[0]["name"] = "Renamed Speaker"
            after = render_post(load_post(edited))
            assert len(changed_lines(text, after)) == 2, (position, field)
