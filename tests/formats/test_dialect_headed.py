"""The headed session dialects B, C and D on invented posts (fictional events), and the corpus."""

from __future__ import annotations

import copy
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
from roundup_editor.formats.dialects.base import Lines
from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post

from corpus.scoring import session_field_scores

FRONT = (
    "---\nlayout: post\ntitle: {title}\ntags: [roundup]\nauthors: [jamie]\nslug: {slug}\n---\n\n"
)

# --- B: ## heading, abstract, video and slide thumbnails in sub-folders -----------------------

THUMBS_POST = (
    FRONT.format(title="Lakeside Cloud Users Meetup 2025 Roundup", slug="lakeside-2025")
    + '[![](banner.png "Lakeside 2025")](/blog/lakeside-2025)\n\n'
    "The Lakeside Cloud Users Meetup gathered operators on the shore of an invented lake.\n\n"
    "<!-- truncate -->\n\n"
    "# Sessions\n\n"
    "## Storage Tiers, Quotas, and Snapshots, [Mira Tallis](https://www.linkedin.com/in/mira-t/)"
    " & [Oskar Brun](https://www.linkedin.com/in/oskar-brun/)\n\n"
    "Mira and Oskar compared three storage tiers\n"
    "and showed where snapshots hide their costs.\n\n"
    '[![](youtube/Storage.png "Storage Tiers - video")](https://www.youtube.com/watch?v=AAA111&list=PL1&index=1)\n\n'
    '[![](slideshare/Storage.png "Storage Tiers - slides")](https://www.slideshare.net/slideshow/embed_code/key/KEY1)\n\n\n'
    "## Billing Without Tears, [Ines Paley](https://github.com/ipaley)\n\n"
    "A tour of usage records.\n\n"
    "Questions followed.\n\n"
    '[![](youtube/Billing.png "Billing - video")](https://www.youtube.com/watch?v=BBB222&list=PL1&index=2)\n\n'
    '[![](slideshare/Billing.png "Billing - slides")](https://www.slideshare.net/slideshow/embed_code/key/KEY2)\n'
)

# --- C: ### under day headings, YouTube and SlideShare iframes --------------------------------

VIDEO = (
    '<iframe width="640" height="315" src="https://www.youtube.com/embed/{id}?si=S{id}&amp;controls=0"'
    ' title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write;'
    ' encrypted-media; gyroscope; picture-in-picture; web-share" allowfullscreen></iframe>'
)
SLIDES = (
    '<iframe src="https://www.slideshare.net/slideshow/embed_code/key/{key}?hostedIn=slideshare'
    '{amp}page=upload" width="640" height="480" frameborder="0" marginwidth="0" marginheight="0"'
    ' scrolling="no" allowfullscreen="allowfullscreen"> </iframe>'
)

IFRAMES_POST = (
    FRONT.format(title="Harbour Open Infra Summit 2024 Roundup", slug="harbour-summit-2024")
    + '[![](banner.jpg "Harbour Summit")](/blog/harbour-summit-2024)\n\n'
    "The Harbour Open Infra Summit took place in a converted fish market.\n\n"
    "<!-- truncate -->\n\n"
    "## Day 1 Sessions\n\n"
    "### Keynote: State of the Harbour, [Lena Korr](https://www.linkedin.com/in/lena-korr/)\n\n"
    "Lena looked back on a year of the project. \n\n"
    + VIDEO.format(id="v1")
    + "\n\n"
    + SLIDES.format(key="k1", amp="&amp;")
    + "\n\n"
    "### Ropes, Knots and Networks, [Tom Aske](https://www.linkedin.com/in/tom-aske), "
    "[Rui Vela](https://www.linkedin.com/in/rui-vela) and [Ada Noor](https://github.com/adanoor)\n\n"
    "Three speakers, one network.\n\n"
    + VIDEO.format(id="v2")
    + "\n\n"
    + SLIDES.format(key="k2", amp="&")
    + "\n\n"
    "### Panel Discussion: Ask the Harbour Masters, Lena Korr, Tom Aske, Pia de Wit, Rui Vela\n\n"
    "Questions from the floor.\n\n" + VIDEO.format(id="v3") + "\n\n\n"
    "## Day 2 Sessions\n\n"
    "### Tides - Scheduling VMs by the Moon, Jan Ebb\n\n"
    + VIDEO.format(id="v4")
    + "\n\n"
    + SLIDES.format(key="k4", amp="&amp;")
    + "\n"
)

# --- D: ### plain heading, video thumbnail or note, slides iframe, labelled description -------

D_SLIDES = (
    '<iframe src="https://www.slideshare.net/slideshow/embed_code/key/{key}" width="100%"'
    ' height="400" frameborder="0" marginwidth="0" marginheight="0" scrolling="no"'
    " allowfullscreen> </iframe><br/>\n"
    '<strong> <a href="https://www.slideshare.net/Riverside/{slug}" title="{slug}"'
    ' target="_blank">Open in SlideShare</a>{space}</strong>'
)

DESCRIBED_POST = (
    FRONT.format(title="Riverside Stack Meetup 2023 Roundup", slug="riverside-2023")
    + '[![](banner.png "Riverside")](/blog/riverside-2023)\n\n'
    "The Riverside Stack Meetup met in a boathouse.\n\n"
    "<!-- truncate -->\n\n"
    "<h2>Sessions</h2>\n\n"
    "### Welcome and State of the River, Noor Halvik\n\n"
    "(The session recording is not available)\n\n"
    + D_SLIDES.format(key="r1", slug="welcome", space=" ")
    + "\n\n"
    "**Session Description:**\n"
    "Noor welcomed everyone and walked through the year.\n\n"
    "**Speaker Bio:**\n"
    "[Noor](https://www.linkedin.com/in/noor-halvik/) chairs the meetup.\n\n"
    "### Paddling Through Upgrades, Sven Oar and Lia Reed\n\n"
    "[![](paddle.png)](https://www.youtube.com/watch?v=PADDLE1)\n\n"
    + D_SLIDES.format(key="r2", slug="paddling", space="")
    + "\n\n"
    "**Session Description:**\n\n"
    "Upgrading without capsizing.\n\n"
    "https://docs.example/upgrades.html\n\n"
    "**Speakers Bios:**\n\n"
    "Sven and Lia row together.\n\n\n"
)


def changed_lines(before: str, after: str) -> list[str]:
    """Return the lines that differ between two texts (both sides of each change)."""
    diff = difflib.ndiff(before.split("\n"), after.split("\n"))
    return [line for line in diff if line[:2] in ("- ", "+ ")]


def summary_sessions(text: str) -> list[dict[str, Any]]:
    return summarize(parse_post(text))["sessions"]


def edit_dump(text: str, index: int, change: Any) -> str:
    """Change session ``index`` in the dump of ``text``, load it and render it."""
    data = json.loads(json.dumps(dump_post(parse_post(text))))
    sessions = [block for block in data["blocks"] if block["type"] == "session"]
    change(sessions[index])
    return render_post(load_post(data))


def fresh_round_trip(session: Session) -> Session:
    """Render ``session`` without its layout and read it back."""
    fresh = copy.deepcopy(session)
    fresh.layout = None
    text = dialect_named(session.dialect).render(fresh)
    post = parse_post(text + "\n")
    assert len(post.blocks) == 1, text
    block = post.blocks[0]
    assert isinstance(block, Session), text
    return block


ALL_POSTS = [
    (THUMBS_POST, "headed_thumbs", 2),
    (IFRAMES_POST, "headed_iframes", 4),
    (DESCRIBED_POST, "headed_described", 2),
]


@pytest.mark.parametrize(("text", "dialect", "count"), ALL_POSTS)
def test_render_is_byte_identical_and_dialect_is_recognised(
    text: str, dialect: str, count: int
) -> None:
    post = parse_post(text)
    assert render_post(post) == text
    assert [session.dialect for session in post.sessions()] == [dialect] * count


@pytest.mark.parametrize(("text", "dialect", "count"), ALL_POSTS)
def test_title_edit_in_dump_changes_exactly_one_line(text: str, dialect: str, count: int) -> None:
    for index in range(count):
        after = edit_dump(text, index, lambda s: s.update(title=s["title"] + ", revised & {new}"))
        lines = changed_lines(text, after)
        assert len(lines) == 2, lines
        assert lines[0].startswith("- #") and lines[1].startswith("+ #")
        assert summary_sessions(after)[index]["title"].endswith(", revised & {new}")


@pytest.mark.parametrize(("text", "dialect", "count"), ALL_POSTS)
def test_speaker_url_edit_in_dump_changes_exactly_one_line(
    text: str, dialect: str, count: int
) -> None:
    for index in range(count):
        after = edit_dump(
            text, index, lambda s: s["speakers"][-1].update(url="https://people.example/x(1)")
        )
        lines = changed_lines(text, after)
        assert len(lines) == 2, lines
        assert "](https://people.example/x(1))" in lines[1]
        got = summary_sessions(after)[index]["speakers"][-1]
        assert got["url"] == "https://people.example/x(1)"


@pytest.mark.parametrize(("text", "dialect", "count"), ALL_POSTS)
def test_render_fresh_reads_back_equal(text: str, dialect: str, count: int) -> None:
    for session in parse_post(text).sessions():
        back = fresh_round_trip(session)
        assert back == session
        assert back.dialect == dialect


# --- B ----------------------------------------------------------------------------------------


def test_thumbs_fields() -> None:
    sessions = parse_post(THUMBS_POST).sessions()
    first = sessions[0]
    assert first.title == "Storage Tiers, Quotas, and Snapshots"
    assert first.speakers == [
        Speaker("Mira Tallis", "https://www.linkedin.com/in/mira-t/"),
        Speaker("Oskar Brun", "https://www.linkedin.com/in/oskar-brun/"),
    ]
    assert first.abstract == (
        "Mira and Oskar compared three storage tiers\nand showed where snapshots hide their costs."
    )
    assert first.video_url == "https://www.youtube.com/watch?v=AAA111&list=PL1&index=1"
    assert first.slides_url == "https://www.slideshare.net/slideshow/embed_code/key/KEY1"
    assert first.thumbnails == [
        Thumbnail("youtube/Storage.png", "Storage Tiers - video", "video"),
        Thumbnail("slideshare/Storage.png", "Storage Tiers - slides", "slides"),
    ]
    assert sessions[1].abstract == "A tour of usage records.\n\nQuestions followed."


def test_thumbs_video_edit_changes_only_the_video_line() -> None:
    post = parse_post(THUMBS_POST)
    post.sessions()[1].video_url = "https://www.youtube.com/watch?v=NEW"
    lines = changed_lines(THUMBS_POST, render_post(post))
    assert lines == [
        '- [![](youtube/Billing.png "Billing - video")](https://www.youtube.com/watch?v=BBB222&list=PL1&index=2)',
        '+ [![](youtube/Billing.png "Billing - video")](https://www.youtube.com/watch?v=NEW)',
    ]


def test_thumbs_reordered_thumbnails_are_written() -> None:
    post = parse_post(THUMBS_POST)
    session = post.sessions()[0]
    session.thumbnails.reverse()
    back = parse_post(render_post(post)).sessions()[0]
    assert back == session


@pytest.mark.parametrize(
    "heading",
    [
        "## Talk, [Ann Vale](https://ann.example), [Vale Corp](https://vale.example)",
        "## Talk, Ann Vale, [Vale Corp](https://vale.example)",
        "## Talk, Ann Vale, CTO at [Vale Corp](https://vale.example)",
    ],
)
def test_reference_headings_with_organisations_are_not_taken(heading: str) -> None:
    text = f'{heading}\n\nAbstract.\n\n[![](v.png "Talk - video")](https://www.youtube.com/watch?v=X)\n'
    session = parse_post(text).sessions()[0]
    assert session.dialect == "reference"
    assert session.title == "Talk"
    assert session.speakers[0].org == "Vale Corp"


# --- C ----------------------------------------------------------------------------------------


def test_iframes_fields() -> None:
    sessions = parse_post(IFRAMES_POST).sessions()
    assert [session.title for session in sessions] == [
        "Keynote: State of the Harbour",
        "Ropes, Knots and Networks",
        "Panel Discussion: Ask the Harbour Masters",
        "Tides - Scheduling VMs by the Moon",
    ]
    assert [speaker.name for speaker in sessions[1].speakers] == [
        "Tom Aske",
        "Rui Vela",
        "Ada Noor",
    ]
    assert sessions[1].speakers[2].url == "https://github.com/adanoor"
    assert sessions[2].speakers == [
        Speaker("Lena Korr"),
        Speaker("Tom Aske"),
        Speaker("Pia de Wit"),
        Speaker("Rui Vela"),
    ]
    assert sessions[3].speakers == [Speaker("Jan Ebb")]
    assert sessions[0].abstract == "Lena looked back on a year of the project. "
    assert sessions[0].video_url == "https://www.youtube.com/embed/v1?si=Sv1&controls=0"
    assert sessions[0].slides_url == (
        "https://www.slideshare.net/slideshow/embed_code/key/k1?hostedIn=slideshare&page=upload"
    )
    assert sessions[1].slides_url == sessions[0].slides_url.replace("k1", "k2")
    assert sessions[2].slides_url is None
    assert sessions[3].abstract == ""
    assert all(session.thumbnails == [] for session in sessions)


def test_iframes_day_headings_stay_text() -> None:
    texts = [b.text for b in parse_post(IFRAMES_POST).blocks if isinstance(b, TextBlock)]
    assert "## Day 1 Sessions" in texts
    assert "## Day 2 Sessions" in texts


def test_iframes_slides_edit_changes_one_line_and_keeps_attributes() -> None:
    post = parse_post(IFRAMES_POST)
    post.sessions()[1].slides_url = "https://www.slideshare.net/slideshow/embed_code/key/n?a=1&b=2"
    lines = changed_lines(IFRAMES_POST, render_post(post))
    assert len(lines) == 2
    assert lines[1] == "+ " + SLIDES.format(key="k2", amp="&").replace(
        "k2?hostedIn=slideshare&page=upload", "n?a=1&amp;b=2"
    )


def test_iframes_adding_slides_to_the_panel_adds_an_iframe() -> None:
    post = parse_post(IFRAMES_POST)
    panel = post.sessions()[2]
    panel.slides_url = "https://www.slideshare.net/slideshow/embed_code/key/panel"
    after = render_post(post)
    lines = changed_lines(IFRAMES_POST, after)
    assert [line[:2] for line in lines] == ["+ ", "+ "]
    assert parse_post(after).sessions()[2] == panel


def test_iframes_removing_the_video_removes_its_line() -> None:
    post = parse_post(IFRAMES_POST)
    post.sessions()[0].video_url = None
    after = render_post(post)
    assert "embed/v1" not in after
    assert parse_post(after).sessions()[0] == post.sessions()[0]


# --- D ----------------------------------------------------------------------------------------


def test_described_fields() -> None:
    sessions = parse_post(DESCRIBED_POST).sessions()
    first, second = sessions
    assert first.title == "Welcome and State of the River"
    assert first.speakers == [Speaker("Noor Halvik")]
    assert first.video_url is None and first.thumbnails == []
    assert first.slides_url == "https://www.slideshare.net/slideshow/embed_code/key/r1"
    assert first.abstract == "Noor welcomed everyone and walked through the year."
    assert second.speakers == [Speaker("Sven Oar"), Speaker("Lia Reed")]
    assert second.video_url == "https://www.youtube.com/watch?v=PADDLE1"
    assert second.thumbnails == [Thumbnail("paddle.png", None, "video")]
    assert second.abstract == "Upgrading without capsizing.\n\nhttps://docs.example/upgrades.html"


def test_described_bios_stay_prose() -> None:
    texts = [b.text for b in parse_post(DESCRIBED_POST).blocks if isinstance(b, TextBlock)]
    assert any(text.startswith("**Speaker Bio:**\n[Noor]") for text in texts)
    assert any(text.startswith("**Speakers Bios:**") for text in texts)


def test_described_adding_a_video_replaces_the_note() -> None:
    post = parse_post(DESCRIBED_POST)
    post.sessions()[0].video_url = "https://www.youtube.com/watch?v=NEW"
    lines = changed_lines(DESCRIBED_POST, render_post(post))
    assert lines == [
        "- (The session recording is not available)",
        "+ [Video](https://www.youtube.com/watch?v=NEW)",
    ]


def test_described_description_edit() -> None:
    post = parse_post(DESCRIBED_POST)
    post.sessions()[0].abstract = "New *text* with {braces}."
    after = render_post(post)
    lines = changed_lines(DESCRIBED_POST, after)
    assert lines[-1] == "+ New *text* with &#123;braces&#125;."
    assert parse_post(after).sessions()[0] == post.sessions()[0]


# --- hostile values through every dialect's fresh render -----------------------------------------

HOSTILE = [
    Speaker("Ann, the First", "https://a.example/(x)", "Acme, Inc (EU)", None, "VP, R&D at night"),
    Speaker("Bob and Cy", None, None, None, None),
    Speaker("Dee [Q] *Star*", "https://d.example", "Dee's (Lab)", "https://dee.example", None),
    Speaker("Eve", None, None, None, "CTO"),
]


@pytest.mark.parametrize("dialect", ["headed_thumbs", "headed_iframes", "headed_described"])
@pytest.mark.parametrize("order", [[0, 1, 2, 3], [1, 3, 0], [1], [3, 1], [2]])
def test_fresh_render_of_hostile_sessions_reads_back(dialect: str, order: list[int]) -> None:
    session = Session(
        title="Tricky, Title - with [brackets], {braces} and: colons",
        speakers=[copy.deepcopy(HOSTILE[index]) for index in order],
        abstract="Line one <b>\n\n# not a heading\n\n1. list & more",
        video_url="https://www.youtube.com/watch?v=T&list=L",
        slides_url='https://www.slideshare.net/slideshow/embed_code/key/Q?x=1&y="2"',
        thumbnails=[Thumbnail("youtube/t.png", 'A "title" - video', "video")]
        if dialect != "headed_iframes"
        else [],
        dialect=dialect,
    )
    assert fresh_round_trip(session) == session


@pytest.mark.parametrize("dialect", ["headed_thumbs", "headed_iframes", "headed_described"])
def test_speaker_edits_through_the_layout_read_back(dialect: str) -> None:
    text = {"headed_thumbs": THUMBS_POST, "headed_iframes": IFRAMES_POST}.get(
        dialect, DESCRIBED_POST
    )
    for edit in range(4):
        post = parse_post(text)
        session = post.sessions()[-1]
        if edit == 0:
            session.speakers.append(Speaker("Zoe, Jr.", "https://z.example"))
        elif edit == 1:
            session.speakers.insert(0, Speaker("Plain Person"))
        elif edit == 2:
            session.speakers[0].org, session.speakers[0].role = "Org and Co", "Lead"
        else:
            session.title = "Now, with commas"
            session.speakers[-1].url = None
        back = parse_post(render_post(post)).sessions()[-1]
        assert back == session


def test_matching_stops_before_non_session_text() -> None:
    lines = Lines(["### Not a session", "", '<iframe src="https://x.example"></iframe>'])
    for name in ("headed_thumbs", "headed_iframes", "headed_described"):
        assert dialect_named(name).match(lines, 0) is None


# --- the corpus posts written in these dialects -------------------------------------------------

CORPUS_POSTS = {
    "2024-02-28-csiug-2024-hyd-roundup": ("headed_thumbs", 7),
    "2023-12-07-ccc2023-roundup": ("headed_iframes", 36),
    "2023-08-23-cloudstack-india-user-group-2023-roundup": ("headed_described", 7),
}


@pytest.mark.parametrize("folder", sorted(CORPUS_POSTS))
def test_corpus_post_round_trip_and_score(corpus: Path, folder: str) -> None:
    text = (corpus / folder / "index.md").read_text(encoding="utf-8")
    expected = json.loads((corpus / folder / "expected.json").read_text(encoding="utf-8"))
    post = parse_post(text)
    assert render_post(post) == text
    assert render_post(load_post(json.loads(json.dumps(dump_post(post))))) == text
    dialect, count = CORPUS_POSTS[folder]
    assert [session.dialect for session in post.sessions()] == [dialect] * count
    got = summarize(post)["sessions"]
    right, total = session_field_scores(expected["sessions"], got)
    print(f"{folder}: {right}/{total} session fields")
    assert (right, total) == (count * 5, count * 5)
    assert [s["abstract_present"] for s in got] == [
        s["abstract_present"] for s in expected["sessions"]
    ]
    for session in post.sessions():
        assert fresh_round_trip(session) == session


@pytest.mark.parametrize("folder", sorted(CORPUS_POSTS))
def test_corpus_post_edits_change_one_line(corpus: Path, folder: str) -> None:
    text = (corpus / folder / "index.md").read_text(encoding="utf-8")
    _dialect, count = CORPUS_POSTS[folder]
    for index in range(count):
        after = edit_dump(text, index, lambda s: s.update(title=s["title"] + " (revised)"))
        assert len(changed_lines(text, after)) == 2
        after = edit_dump(
            text, index, lambda s: s["speakers"][0].update(url="https://people.example/new")
        )
        assert len(changed_lines(text, after)) == 2


# --- property: any session written afresh in these dialects reads back equal ---------------


_TOKENS = [*"abc XY,;&()[]*_<>{}:#\\-–.'\"|`!1", " and ", " at ", ", ", "](", "&amp;"]
_TEXT = (
    st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=8)
    .map("".join)
    .map(lambda text: " ".join(text.split()) or "x")
)
_URL = st.sampled_from(
    [None, "https://p.example/a", "https://p.example/b?x=1&y=2", "https://p.example/(c)"]
)
_SPEAKER = st.builds(
    Speaker,
    name=_TEXT,
    url=_URL,
    org=st.one_of(st.none(), _TEXT),
    org_url=st.just(None),
    role=st.one_of(st.none(), _TEXT),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    dialect=st.sampled_from(["headed_thumbs", "headed_iframes", "headed_described"]),
    title=_TEXT,
    speakers=st.lists(_SPEAKER, min_size=1, max_size=4),
    abstract=st.sampled_from(["", "Plain words.", "Two\n\nparagraphs <x> {y}", "**bold:** a"]),
    video=st.booleans(),
    slides=st.booleans(),
)
def test_property_fresh_sessions_read_back(
    dialect: str,
    title: str,
    speakers: list[Speaker],
    abstract: str,
    video: bool,
    slides: bool,
) -> None:
    session = Session(
        title=title,
        speakers=speakers,
        abstract=abstract,
        video_url="https://www.youtube.com/watch?v=V&t=1" if video else None,
        slides_url="https://www.slideshare.net/slideshow/embed_code/key/S" if slides else None,
        dialect=dialect,
    )
    if dialect == "headed_thumbs" and video:
        session.thumbnails = [Thumbnail("youtube/v.png", "T - video", "video")]
    if (dialect == "headed_thumbs" and not video) or (
        dialect == "headed_iframes" and not (video or slides)
    ):
        return  # written by the reference dialect (tested with it)
    assert fresh_round_trip(session) == session
