"""The reference dialect: reading an invented post, editing one field, writing afresh."""

from __future__ import annotations

import difflib

from roundup_editor.core.post import Session, Speaker, Thumbnail
from roundup_editor.core.serialize import dump_post, load_post
from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post

from support.posts import invented_post_text

TEXT = invented_post_text(3)


def changed_lines(before: str, after: str) -> list[str]:
    """Return the lines that differ between two texts (both sides of each change)."""
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line for line in diff if line[:2] in ("- ", "+ ")]


def test_fields_are_read() -> None:
    session = parse_post(TEXT).sessions()[1]
    assert session.title == "Zero-Downtime Upgrades: Lessons from Three Data Centres (part 2)"
    assert session.speakers == [
        Speaker(
            "Bruno Kettleby",
            "https://github.com/bkettleby",
            "Harbourline",
            "https://harbourline.example",
        )
    ]
    assert session.abstract.startswith("Bruno walked through")
    assert session.slides_url == "https://slides.example/deck/2"
    assert session.thumbnails == [
        Thumbnail("talk-2.png", "Zero-Downtime Upgrades: Lessons from Three Data Centres - slides")
    ]
    assert session.dialect == "reference"


def test_title_edit_in_dump_changes_exactly_one_line() -> None:
    data = dump_post(parse_post(TEXT))
    sessions = [block for block in data["blocks"] if block["type"] == "session"]
    sessions[0]["title"] = "A *new* title {with} <odd> text"
    after = render_post(load_post(data))
    lines = changed_lines(TEXT, after)
    assert len(lines) == 2
    assert lines[1].startswith("+ ## A \\*new\\* title &#123;with&#125; &lt;odd&gt; text, [Ada")


def test_speaker_url_edit_changes_exactly_one_line() -> None:
    post = parse_post(TEXT)
    post.sessions()[2].speakers[0].url = "https://example.org/chiara"
    after = render_post(post)
    lines = changed_lines(TEXT, after)
    assert len(lines) == 2
    assert "[Chiara Voss](https://example.org/chiara)" in lines[1]


def test_abstract_edit_keeps_heading_and_thumbnail_lines() -> None:
    post = parse_post(TEXT)
    post.sessions()[0].abstract = "Short and {sweet}."
    lines = changed_lines(TEXT, render_post(post))
    assert lines[1] == "+ Short and &#123;sweet&#125;."
    assert len(lines) == 2


def test_fresh_session_reads_back_equal() -> None:
    session = Session(
        title="Panels, Pitfalls & Pizza: a Retrospective",
        speakers=[
            Speaker(
                "Ann Example", "https://people.example/ann", "Acme, Inc.", "https://acme.example"
            ),
            Speaker("Bob Sample", None, "Acme, Inc.", "https://acme.example"),
            Speaker("Cleo (Ops)", None, None, None, "Site Reliability at Large"),
            Speaker("Dan", "https://dan.example", "Lab at MIT", None, "CTO"),
        ],
        abstract="First paragraph with *emphasis*.\n\n- a list\n- of things",
        slides_url="https://slides.example/x",
        video_url="https://www.youtube.com/watch?v=abc",
        thumbnails=[Thumbnail("x.png", 'Slides "quoted"'), Thumbnail("y.png", None, "video")],
    )
    post = parse_post(TEXT)
    post.blocks.append(session)
    reread = parse_post(render_post(post))
    assert reread.sessions()[-1] == session
    assert reread == post
