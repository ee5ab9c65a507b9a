"""Agenda dialects G (bold timed lines), H (JSX grid), I (plain timed lines), J (HTML paragraphs).

Each dialect is checked on an invented post written in it: fields read, byte-identical render,
one-line edits through dump/load, and fresh renders that read back equal. A corpus test checks
the five real agenda posts.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roundup_editor.core.post import Session, Speaker, TextBlock, Thumbnail
from roundup_editor.core.serialize import dump_post, load_post
from roundup_editor.core.summary import summarize
from roundup_editor.formats.dialects import dialect_named
from roundup_editor.formats.dialects.agenda_grammar import name_like, parse_speakers
from roundup_editor.formats.dialects.agenda_html import HTML
from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.text import normalize_block, normalize_line
from roundup_editor.formats.writer import render_post

from corpus.scoring import session_field_scores

HEAD = """---
layout: post
title: Harbourline Cloud Day 2026 Agenda
tags: [news]
authors: [jamie]
slug: harbourline-2026-agenda
---

"""

BOLD = (
    HEAD
    + """## Event Agenda

**09:30 – Doors Open & Coffee**

**10:00 – Opening Remarks, [Mira Okonkwo](https://people.example/mira), [Harbourline](https://harbourline.example)**

**10:15 - 11:00 - Storage Tiers, Caches, and Other Lies, [Tobias Renn](https://people.example/tobias), [Northwind Labs](https://northwind.example/)**

Tobias walks through three storage tiers and the caches
that pretend to be a fourth.

A second paragraph with *emphasis*.

**11:10 - 11:40 - Running Edge Zones, Petra Lindqvist, [Fjordline](https://fjordline.example)**

The abstract for this session is currently unavailable.

**12:00 - 13:00 - Lunch Break**

See you in the hall!
"""
)

PLAIN = (
    HEAD
    + """<h4>Programme:</h4>


10:00 - 10:20 - Welcome, Mira Okonkwo, Chair, Harbourline Users


10:20 - 11:00 - Backups, Restores, and Regrets, Tobias Renn, Northwind Labs


11:00 - 11:15 - Tea Break


11:15- 11:45 - Edge Zones in Practice, Petra Lindqvist, Jonas van der Berg and Ilse Maren, Fjordline


<h4>Meet the Speakers:</h4>

**Mira Okonkwo**

Mira chairs the user group.
"""
)

GRID = (
    HEAD
    + """# Highlights

**State of the Harbour, [Mira Okonkwo](https://people.example/mira)**

<div className="row">
<div className="col col--3">

![](mira.png "Mira Okonkwo" class="blog-image")

</div>
<div className="col col--9">
Mira looks back on a year of releases
and forward to the next one.
</div>
</div>

###### Keynote: Clouds, Costs - and Choices, [Tobias Renn](https://people.example/tobias), Chief Architect, [Northwind Labs](https://northwind.example/)

<div className="row">
<div className="col col--3">

![](tobias.png "Tobias Renn")

</div>
<div className="col col--9">

Tobias compares three ways to pay for a cloud:

* up front,
* by the hour.

</div>
</div>

##### Evening: Harbour Cruise

<div className="row">
<div className="col col--6">

Drinks on the boat.

</div>
</div>
"""
)

HTML_POST = (
    HEAD.rstrip("\n")
    + """
<p><strong>AGENDA</strong></p>
<p><strong>09:30 - 09:45 - Welcome &amp; News -&nbsp;</strong>Mira Okonkwo, Chair HUG,&nbsp; Board member, Harbourline</p>
<p>Mira opens the day&rsquo;s programme.</p>
<p><strong>09:45- 10:30 - Queues, Locks and Latency,&nbsp;</strong>Tobias Renn &amp; Petra Lindqvist, Northwind Labs<u></u></p>
<p>Why the job queue is slow, and what to do about it.</p>
<p><strong>10:40 - 11:20 - Caching at the Edge, </strong>Jonas van der Berg, Principal Engineer - Platform at Fjordline (FJL)</p>
<p>Edge caches explained.</p>
<p><strong>11:20 - 12:00 - Networking and Coffee</strong></p>
<hr />
<p><strong>Mira Okonkwo</strong></p>
<p>Mira chairs the user group.</p>
"""
)

MIRA = "https://people.example/mira"
TOBIAS = "https://people.example/tobias"
NORTHWIND = "https://northwind.example/"


def changed_lines(before: str, after: str) -> list[str]:
    """Return the lines that differ between two texts (both sides of each change)."""
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line for line in diff if line[:2] in ("- ", "+ ")]


def session_dumps(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the session entries of ``dump_post`` data."""
    return [block for block in data["blocks"] if block["type"] == "session"]


# --- G: bold agenda lines -----------------------------------------------------------------


def test_bold_agenda_fields() -> None:
    post = parse_post(BOLD)
    sessions = post.sessions()
    assert [s.dialect for s in sessions] == ["agenda_bold"] * 3
    welcome, storage, edge = sessions
    assert welcome.time == "10:00"
    assert welcome.title == "Opening Remarks"
    assert welcome.speakers == [
        Speaker("Mira Okonkwo", MIRA, "Harbourline", "https://harbourline.example")
    ]
    assert welcome.abstract == ""
    assert storage.time == "10:15 - 11:00"
    assert storage.title == "Storage Tiers, Caches, and Other Lies"
    assert storage.speakers == [Speaker("Tobias Renn", TOBIAS, "Northwind Labs", NORTHWIND)]
    assert storage.abstract.startswith("Tobias walks through")
    assert storage.abstract.endswith("A second paragraph with *emphasis*.")
    assert edge.title == "Running Edge Zones"
    assert edge.speakers == [
        Speaker("Petra Lindqvist", None, "Fjordline", "https://fjordline.example")
    ]
    assert summarize(post)["sessions"][2]["abstract_present"] is False


def test_bold_agenda_breaks_and_closing_stay_text() -> None:
    texts = [b.text for b in parse_post(BOLD).blocks if isinstance(b, TextBlock)]
    assert any("Doors Open & Coffee" in text for text in texts)
    assert any("Lunch Break" in text for text in texts)


# --- I: plain agenda lines ----------------------------------------------------------------


def test_plain_agenda_fields() -> None:
    sessions = parse_post(PLAIN).sessions()
    assert [s.dialect for s in sessions] == ["agenda_plain"] * 3
    welcome, backups, edge = sessions
    assert (welcome.time, welcome.title) == ("10:00 - 10:20", "Welcome")
    assert welcome.speakers == [Speaker("Mira Okonkwo", None, "Harbourline Users", None, "Chair")]
    assert backups.title == "Backups, Restores, and Regrets"
    assert backups.speakers == [Speaker("Tobias Renn", None, "Northwind Labs", None)]
    assert edge.time == "11:15- 11:45"
    assert edge.title == "Edge Zones in Practice"
    assert [s.name for s in edge.speakers] == [
        "Petra Lindqvist",
        "Jonas van der Berg",
        "Ilse Maren",
    ]
    assert {s.org for s in edge.speakers} == {"Fjordline"}
    assert all(not s.abstract for s in sessions)


# --- H: JSX grid --------------------------------------------------------------------------


def test_grid_agenda_fields() -> None:
    sessions = parse_post(GRID).sessions()
    assert [s.dialect for s in sessions] == ["agenda_grid"] * 2
    state, keynote = sessions
    assert state.title == "State of the Harbour"
    assert state.speakers == [Speaker("Mira Okonkwo", MIRA)]
    assert state.thumbnails == [Thumbnail("mira.png", "Mira Okonkwo", "photo")]
    assert state.abstract == "Mira looks back on a year of releases\nand forward to the next one."
    assert state.time is None
    assert keynote.title == "Keynote: Clouds, Costs - and Choices"
    assert keynote.speakers == [
        Speaker("Tobias Renn", TOBIAS, "Northwind Labs", NORTHWIND, "Chief Architect")
    ]
    assert keynote.thumbnails == [Thumbnail("tobias.png", "Tobias Renn", "photo")]
    assert keynote.abstract.endswith("* by the hour.")


def test_grid_without_speaker_stays_text() -> None:
    texts = [b.text for b in parse_post(GRID).blocks if isinstance(b, TextBlock)]
    assert any("Harbour Cruise" in text for text in texts)


# --- J: HTML paragraphs -------------------------------------------------------------------


def test_html_agenda_fields() -> None:
    sessions = parse_post(HTML_POST).sessions()
    assert [s.dialect for s in sessions] == ["agenda_html"] * 3
    welcome, queues, edge = sessions
    assert (welcome.time, welcome.title) == ("09:30 - 09:45", "Welcome & News")
    assert welcome.speakers == [
        Speaker("Mira Okonkwo", None, "Harbourline", None, "Chair HUG,\u00a0 Board member")
    ]
    assert welcome.abstract == "Mira opens the day\u2019s programme."
    assert queues.time == "09:45- 10:30"
    assert queues.title == "Queues, Locks and Latency"
    assert queues.speakers == [
        Speaker("Tobias Renn", None, "Northwind Labs"),
        Speaker("Petra Lindqvist", None, "Northwind Labs"),
    ]
    assert edge.speakers == [
        Speaker(
            "Jonas van der Berg", None, "Fjordline (FJL)", None, "Principal Engineer - Platform"
        )
    ]


def test_html_speaker_syntax_links_and_entities() -> None:
    speakers = parse_speakers(
        '<a href="https://a.example/?x=1&amp;y=2">Ann &amp; Co</a>, CTO, Acme', HTML, False
    )
    assert speakers == [Speaker("Ann & Co", "https://a.example/?x=1&y=2", "Acme", None, "CTO")]


# --- shared checks for every dialect --------------------------------------------------------

POSTS = {
    "agenda_bold": BOLD,
    "agenda_plain": PLAIN,
    "agenda_grid": GRID,
    "agenda_html": HTML_POST,
}


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("dialect", list(POSTS))
def test_render_is_byte_identical(dialect: str, crlf: bool) -> None:
    text = POSTS[dialect].replace("\n", "\r\n") if crlf else POSTS[dialect]
    post = parse_post(text)
    assert len(post.sessions()) == (2 if dialect == "agenda_grid" else 3)
    assert render_post(post) == text
    assert render_post(load_post(json.loads(json.dumps(dump_post(post))))) == text


@pytest.mark.parametrize("dialect", list(POSTS))
def test_title_edit_in_dump_changes_one_line(dialect: str) -> None:
    text = POSTS[dialect]
    data = dump_post(parse_post(text))
    session_dumps(data)[-1]["title"] = "Renamed: *bold* {braces}, <tags> & more"
    after = render_post(load_post(data))
    lines = changed_lines(text, after)
    assert len(lines) == 2, lines
    reread = parse_post(after).sessions()[-1]
    assert reread.title == "Renamed: *bold* {braces}, <tags> & more"
    assert reread.dialect == dialect


@pytest.mark.parametrize("dialect", list(POSTS))
def test_speaker_url_edit_in_dump_changes_one_line(dialect: str) -> None:
    text = POSTS[dialect]
    data = dump_post(parse_post(text))
    speaker = session_dumps(data)[0]["speakers"][0]
    speaker["url"] = "https://people.example/new-profile"
    after = render_post(load_post(data))
    lines = changed_lines(text, after)
    assert len(lines) == 2, lines
    assert "https://people.example/new-profile" in lines[1]
    assert parse_post(after).sessions()[0].speakers[0].url == "https://people.example/new-profile"


@pytest.mark.parametrize("dialect", list(POSTS))
def test_abstract_edit_keeps_the_title_line(dialect: str) -> None:
    text = POSTS[dialect]
    post = parse_post(text)
    session = post.sessions()[1]
    session.abstract = "A new abstract {with braces}."
    after = render_post(post)
    reread = parse_post(after).sessions()[1]
    assert reread == session
    assert all("A new abstract" in line or line[2:] in text for line in changed_lines(text, after))


HOSTILE = Session(
    title="Caches, Lies & *Stars* {x} <y> at 10:00 - and more: a_b [c]",
    speakers=[
        Speaker(
            "Ann Example", "https://people.example/ann", "Acme, Inc.", "https://acme.example", "CTO"
        ),
        Speaker("Bob Sample", None, "Acme, Inc.", "https://acme.example", "CTO"),
        Speaker("Cleo de la Rue"),
        Speaker("Dan Doe", "https://dan.example", "Lab and Co; Partners", None, "Head, Research"),
    ],
    abstract="First *para* {x}.\n\nSecond: <b>bold</b> & more\nimport x",
    time="10:00 - 10:45",
    slides_url="https://slides.example/deck",
    video_url="https://www.youtube.com/watch?v=abc",
    thumbnails=[
        Thumbnail("deck.png", 'Deck "one"', "slides"),
        Thumbnail("ann.png", "Ann", "photo"),
    ],
)
SIMPLE = Session(title="Plain Talk", speakers=[Speaker("Ann Example", None, "Acme")], time="11:00")


@pytest.mark.parametrize("dialect", list(POSTS))
@pytest.mark.parametrize("session", [HOSTILE, SIMPLE], ids=["hostile", "simple"])
def test_fresh_render_reads_back_equal(dialect: str, session: Session) -> None:
    fresh = dataclasses.replace(session, dialect=dialect)
    text = dialect_named(dialect).render_fresh(fresh)
    reread = parse_post(text + "\n").sessions()
    assert reread == [fresh]
    assert reread[0].dialect == dialect


@pytest.mark.parametrize("dialect", list(POSTS))
def test_session_without_layout_is_written_fresh_in_its_dialect(dialect: str) -> None:
    post = parse_post(POSTS[dialect])
    index = post.blocks.index(post.sessions()[0])
    post.blocks[index] = dataclasses.replace(post.sessions()[0], layout=None)
    reread = parse_post(render_post(post))
    assert reread == post
    assert reread.sessions()[0].dialect == dialect


def test_speaker_edits_rewrite_only_the_changed_name_or_org() -> None:
    post = parse_post(PLAIN)
    post.sessions()[0].speakers[0].url = "https://people.example/mira"
    for speaker in post.sessions()[2].speakers:
        speaker.org = "Fjordline, Oslo"
    lines = changed_lines(PLAIN, render_post(post))
    assert lines == [
        "- 10:00 - 10:20 - Welcome, Mira Okonkwo, Chair, Harbourline Users",
        "+ 10:00 - 10:20 - Welcome, [Mira Okonkwo](https://people.example/mira), Chair, "
        "Harbourline Users",
        "- 11:15- 11:45 - Edge Zones in Practice, Petra Lindqvist, Jonas van der Berg and "
        "Ilse Maren, Fjordline",
        "+ 11:15- 11:45 - Edge Zones in Practice, Petra Lindqvist, Jonas van der Berg and "
        "Ilse Maren, Fjordline&#44; Oslo",
    ]
    assert parse_post(render_post(post)) == post


def test_html_name_edit_keeps_entities_around_it() -> None:
    post = parse_post(HTML_POST)
    post.sessions()[1].speakers[1].name = "Petra & Co (Ops)"
    lines = changed_lines(HTML_POST, render_post(post))
    assert lines[1].endswith(
        "</strong>Tobias Renn &amp; Petra &#38; Co &#40;Ops&#41;, Northwind Labs<u></u></p>"
    )
    assert len(lines) == 2
    assert parse_post(render_post(post)) == post


def test_org_change_for_only_one_of_its_speakers_is_written_canonically() -> None:
    post = parse_post(HTML_POST)
    post.sessions()[1].speakers[1].org = "Elsewhere"
    after = render_post(post)
    assert "</strong>Tobias Renn, Northwind Labs; Petra Lindqvist, Elsewhere</p>" in after
    assert parse_post(after) == post


def test_speaker_the_grammar_cannot_show_falls_back_to_the_html_agenda() -> None:
    post = parse_post(BOLD)
    post.sessions()[1].speakers[0] = Speaker("Cher", None, "Northwind Labs", NORTHWIND)
    after = render_post(post)
    assert "</strong>Cher, " in after
    assert parse_post(after) == post
    assert parse_post(after).sessions()[1].dialect == "agenda_html"


def test_session_without_time_falls_back_to_the_grid() -> None:
    post = parse_post(BOLD)
    post.sessions()[0].time = None
    after = render_post(post)
    assert "###### Opening Remarks, [Mira Okonkwo]" in after
    assert parse_post(after) == post
    assert parse_post(after).sessions()[0].dialect == "agenda_grid"


def test_name_heuristic() -> None:
    assert name_like("Jonas van der Berg")
    assert name_like("Ann O’Neil-Smith")
    assert not name_like("Chair")
    assert not name_like("thus saving money")
    assert not name_like("VP of Engineering")


# --- the corpus: the five agenda posts ------------------------------------------------------

AGENDA_POSTS = {
    "2024-08-09-cseug2024-agenda": "agenda_bold",
    "2023-04-27-cloudstack-european-user-group-may4": "agenda_plain",
    "2023-10-03-ccc2023-agenda-revealed": "agenda_grid",
    "2024-10-25-ccc-agenda": "agenda_grid",
    "2022-03-30-cloudstack-european-user-group-virtual": "agenda_html",
}


@pytest.mark.parametrize("folder", list(AGENDA_POSTS))
def test_corpus_agenda_posts(corpus: Path, folder: str) -> None:
    text = (corpus / folder / "index.md").read_text(encoding="utf-8")
    expected = json.loads((corpus / folder / "expected.json").read_text(encoding="utf-8"))
    post = parse_post(text)
    assert render_post(post) == text
    assert render_post(load_post(dump_post(post))) == text
    summary = summarize(post)
    right, total = session_field_scores(expected["sessions"], summary["sessions"])
    print(f"{folder}: {right}/{total} session fields")
    assert (right, total) == (total, 5 * len(expected["sessions"]))
    assert summary["sessions"] == expected["sessions"]  # roles, times and abstracts too
    assert {s.dialect for s in post.sessions()} == {AGENDA_POSTS[folder]}


@pytest.mark.parametrize("folder", list(AGENDA_POSTS))
def test_corpus_agenda_title_edit_changes_one_line(corpus: Path, folder: str) -> None:
    text = (corpus / folder / "index.md").read_text(encoding="utf-8")
    data = dump_post(parse_post(text))
    for field in ("title", "speakers"):
        edited = json.loads(json.dumps(data))
        session = session_dumps(edited)[1]
        if field == "title":
            session["title"] = "An edited title"
        else:
            session["speakers"][0]["url"] = "https://people.example/edited"
        assert len(changed_lines(text, render_post(load_post(edited)))) == 2


# --- generated hostile values ---------------------------------------------------------------

_ALPHABET = "ab AB,;&()[]*_:#<>{}`\\|~-–!\"'.at and10:00 - \u00a0é"
_LINE = st.text(alphabet=_ALPHABET, min_size=1, max_size=20).map(normalize_line).filter(bool)
_URL = st.sampled_from([None, "https://x.example/a", "https://x.example/?a=1&b=2"])
_ABSTRACT = st.text(alphabet=_ALPHABET + "\n", max_size=60).map(normalize_block)


@st.composite
def _speakers(draw: st.DrawFn) -> Speaker:
    org = draw(st.none() | _LINE)
    return Speaker(
        draw(_LINE), draw(_URL), org, draw(_URL) if org else None, draw(st.none() | _LINE)
    )


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    dialect=st.sampled_from(list(POSTS)),
    title=_LINE,
    speakers=st.lists(_speakers(), min_size=1, max_size=3),
    time=st.sampled_from(["10:00", "10:00 - 10:45", "9:05- 9:30"]),
    abstract=_ABSTRACT,
)
def test_generated_sessions_read_back_equal(
    dialect: str, title: str, speakers: list[Speaker], time: str, abstract: str
) -> None:
    session = Session(title=title, speakers=speakers, time=time, abstract=abstract, dialect=dialect)
    post = parse_post(HEAD + "Intro.\n\n")
    post.blocks.append(session)
    assert parse_post(render_post(post)) == post


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    dialect=st.sampled_from(list(POSTS)),
    field=st.sampled_from(["title", "name", "org", "role", "abstract"]),
    value=_LINE,
    abstract=_ABSTRACT,
)
def test_generated_edits_read_back_equal(
    dialect: str, field: str, value: str, abstract: str
) -> None:
    post = parse_post(POSTS[dialect])
    session = post.sessions()[1]
    if field == "title":
        session.title = value
    elif field == "abstract":
        session.abstract = abstract
    else:
        setattr(session.speakers[0], field, value)
    assert parse_post(render_post(post)) == post
