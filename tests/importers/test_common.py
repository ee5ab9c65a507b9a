"""Shared importer rules: link hosts, relative links, do-not-record, tag lines, time order."""

from __future__ import annotations

import pytest

from roundup_editor.core.post import Speaker
from roundup_editor.importers.common import (
    ImportedSession,
    clean_url,
    finish_schedule,
    is_break_type,
    link_kind,
    parse_time,
    sort_links,
    split_tagline,
)


@pytest.mark.parametrize(
    ("url", "label", "kind"),
    [
        ("https://www.slideshare.net/slideshow/some-deck/123", "", "slides"),
        ("https://speakerdeck.com/someone/a-deck", "", "slides"),
        ("https://files.example.org/decks/talk.PDF", "", "slides"),
        ("https://docs.google.com/presentation/d/abc/edit", "", "slides"),
        ("https://www.youtube.com/watch?v=abc", "", "video"),
        ("https://youtu.be/abc", "Slides", "video"),  # the host decides before the label
        ("https://vimeo.com/12345", "", "video"),
        ("https://peertube.example.org/videos/watch/abc-123", "", "video"),
        ("https://videos.example.org/w/9f8e7d6c", "", "video"),
        ("https://media.ccc.de/v/talk-1", "", "video"),
        ("https://cdn.example.org/recordings/talk.mp4", "", "video"),
        ("https://example.org/talk-page", "Slides", "slides"),
        ("https://example.org/talk-page", "Recording", "video"),
        ("https://example.org/talk-page", "Project page", None),
    ],
)
def test_link_kind_by_host(url: str, label: str, kind: str | None) -> None:
    """Links are sorted into slides and video by their host, file type, then label."""
    assert link_kind(url, label) == kind


def test_relative_links_resolve_against_the_base_url() -> None:
    """Relative attachment links become absolute; unsafe schemes are dropped."""
    base = "https://pretalx.example/ev/schedule/"
    assert clean_url("/media/ev/deck.pdf", base) == "https://pretalx.example/media/ev/deck.pdf"
    assert clean_url("deck.pdf", base) == "https://pretalx.example/ev/schedule/deck.pdf"
    assert clean_url("deck.pdf", "") is None
    assert clean_url("javascript:alert(1)", base) is None
    assert clean_url("https://example.org/a b(c)", "") == "https://example.org/a%20b%28c%29"


def test_do_not_record_gets_no_video() -> None:
    """A talk marked do-not-record keeps its slides but gets no video link."""
    links = [("https://vimeo.com/1", "Video"), ("slides.pdf", "Slides")]
    base = "https://example.org/"
    assert sort_links(links, base) == ("https://example.org/slides.pdf", "https://vimeo.com/1")
    assert sort_links(links, base, do_not_record=True) == ("https://example.org/slides.pdf", None)


@pytest.mark.parametrize(
    ("tagline", "expected"),
    [
        ("CTO at Example Corp", ("CTO", "Example Corp")),
        ("Principal Engineer @ Harbourline", ("Principal Engineer", "Harbourline")),
        ("Developer Advocate, Voss & Partners", ("Developer Advocate", "Voss & Partners")),
        ("Head of Cloud at Northwind Labs at Scale", ("Head of Cloud", "Northwind Labs at Scale")),
        ("Independent consultant", (None, None)),
        ("", (None, None)),
    ],
)
def test_tagline_gives_role_and_organisation(
    tagline: str, expected: tuple[str | None, str | None]
) -> None:
    """Sessionize tag lines give a role and an organisation when they name one."""
    assert split_tagline(tagline) == expected


def test_times_and_break_types() -> None:
    """Times come from HH:MM or ISO date-times; break types are recognised in any spelling."""
    assert parse_time("9:05") == "09:05"
    assert parse_time("2025-03-14T10:30:00+01:00") == "10:30"
    assert parse_time("25:00") == "" and parse_time("soon") == ""
    assert all(is_break_type(kind) for kind in ("Break", "Coffee Break", "lunch", "coffee-break"))
    assert not any(is_break_type(kind) for kind in ("Talk", "Workshop", "Keynote", ""))


def test_time_order_then_room_order() -> None:
    """Sessions sort by day, start and room order, whatever order they were listed in."""

    def item(title: str, day: str, start: str, room: int) -> ImportedSession:
        return ImportedSession(
            title, title, [Speaker("A Person")], day=day, start=start, room_order=room
        )

    schedule = finish_schedule(
        "test",
        "Test",
        [
            item("d2", "2025-01-02", "09:00", 0),
            item("d1-late", "2025-01-01", "14:00", 0),
            item("d1-room1", "2025-01-01", "09:00", 1),
            item("d1-room0", "2025-01-01", "09:00", 0),
            ImportedSession("x", "Open space", [], day="2025-01-01", start="08:00"),
            ImportedSession("y", "Dinner", [Speaker("Chef")], kind="Dinner"),
            ImportedSession("z", "Sponsor walk", [Speaker("Host")], service=True),
        ],
    )
    assert [s.title for s in schedule.sessions] == ["d1-room0", "d1-room1", "d1-late", "d2"]
    assert [(s.title, s.reason) for s in schedule.skipped] == [
        ("Open space", "no speakers"),
        ("Dinner", "dinner slot"),
        ("Sponsor walk", "service session"),
    ]


def test_abstract_line_that_looks_like_a_media_line_stays_in_the_abstract() -> None:
    """A description ending in ``[Slides](url)`` reads back as abstract text, not as a link."""
    from roundup_editor.formats.reader import parse_post
    from roundup_editor.formats.writer import render_post
    from roundup_editor.importers.build import build_post

    item = ImportedSession(
        "1",
        "Deck Links in Descriptions",
        [Speaker("Ann Example")],
        abstract="What we built.\n[Slides](https://example.org/deck)",
        video_url="https://youtu.be/abc",
    )
    post = build_post(finish_schedule("test", "Test", [item]))
    reread = parse_post(render_post(post))
    assert reread == post
    session = reread.sessions()[0]
    assert session.slides_url is None
    assert session.abstract.rstrip() == "What we built.\n[Slides](https://example.org/deck)"
