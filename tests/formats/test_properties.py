"""Property tests: fresh posts with hostile text read back equal; any text renders back exactly.

(a) ``parse_post(render_post(post)) == post`` for generated posts with no layouts, hostile text in
    every field. Fields are normalised as the app's forms do (``normalize_line``,
    ``normalize_url``, ``normalize_block``), and the model is kept in the shapes the app makes
    (see :func:`sessions` and :func:`sponsor_blocks` for the few invariants).
(b) ``render_post(parse_post(text)) == text`` for arbitrary text and for generated Markdown-ish
    posts (headings, links, front matter, CRLF, no final newline).
"""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from roundup_editor.core.post import (
    Button,
    FrontMatter,
    FrontMatterEntry,
    HeaderImage,
    Post,
    Session,
    Speaker,
    Sponsor,
    Sponsors,
    TextBlock,
    Thumbnail,
    Truncate,
)
from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.text import (
    EMOJI_BREAK,
    normalize_block,
    normalize_line,
    normalize_url,
)
from roundup_editor.formats.writer import render_post

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- hostile text ---------------------------------------------------------------------------------

NASTY = [
    "*",
    "_",
    "[",
    "]",
    "<",
    ">",
    "{",
    "}",
    "\\",
    "`",
    "#",
    "|",
    ":",
    "!",
    "(",
    ")",
    "&",
    ";",
    "-",
    "+",
    "=",
    ".",
    ",",
    "'",
    '"',
    "~",
    "$",
    "%",
    "/",
    "@",
    " ",
    "  ",
    "\t",
    "1.",
    "1)",
    "- ",
    "+ ",
    "> ",
    "import ",
    "export ",
    " and ",
    " at ",
    ", ",
    "; ",
    " & ",
    ":fire:",
    ":+1:",
    "a:b:c",
    "<script>",
    "</div>",
    "&copy;",
    "&amp;",
    "&#123;",
    "&#58;",
    "<span></span>",
    "](",
    "[x](y)",
    "![",
    "---",
    "***",
    "<!-- truncate -->",
    "## ",
    "\\*",
    "\u200f",
    "\u200e",
    "\u202e",
    "\u00a0",
    "\u2028",
    "\u0085",
    "Оbject",
    "’",
    "“",
    "—",
    "–",
    "🔥",
    "👩\u200d💻",
    "ü",
    "and",
    "at",
    "sponsors",
    "Slides",
    "Video",
    "https://",
    "www.",
]
FRAGMENT = st.one_of(
    st.sampled_from(NASTY),
    st.text(min_size=1, max_size=6),
    st.text(alphabet="abcXYZ 019", min_size=1, max_size=8),
)
RAW_TEXT = st.lists(FRAGMENT, max_size=12).map("".join)
LINE = RAW_TEXT.map(normalize_line)
NAME = LINE.filter(bool)  # forms refuse an empty title or name


def _no_controls(text: str) -> str:
    return "".join(char for char in text if char in "\t\n" or (ord(char) >= 32 and char != "\x7f"))


ABSTRACT = st.lists(
    st.one_of(
        FRAGMENT,
        st.sampled_from(["\n", "\n\n", "\n- ", "\n1. ", "\n# ", "\n```\n", "`"]),
        # Lines a session dialect would take for its slides or video link.
        st.sampled_from(
            [
                "\n\n[Slides](https://slides.example/x)\n\n",
                "\n\n[Video](https://www.youtube.com/watch?v=x)",
                '\n\n[![](t.png "T - slides")](https://slides.example/x)\n\n',
            ]
        ),
    ),
    max_size=20,
).map(lambda parts: normalize_block(_no_controls("".join(parts))))
URL_TEXT = st.lists(
    st.one_of(st.sampled_from(NASTY), st.text(alphabet="abc/?=&%.#-_~", max_size=6)), max_size=6
).map("".join)
URL = st.one_of(
    st.none(),
    st.tuples(st.sampled_from(["https://x.example/", "/blog/", "mailto:a@", ""]), URL_TEXT).map(
        lambda pair: normalize_url(pair[0] + pair[1]) or None
    ),
)
FILE = st.tuples(st.sampled_from(["", "img/", "slides/"]), URL_TEXT).map(
    lambda pair: normalize_url(pair[0] + pair[1] + ".png")
)


# --- blocks ---------------------------------------------------------------------------------------


@st.composite
def speakers(draw: st.DrawFn) -> Speaker:
    org = draw(st.one_of(st.none(), NAME))
    return Speaker(
        name=draw(NAME),
        url=draw(URL),
        org=org,
        org_url=draw(URL) if org is not None else None,  # a link needs a text to sit on
        # A role without an organisation is written "Name (Role)"; dialect B reads it the same
        # way (it writes an organisation alone as "Name (at Org)").
        role=draw(st.one_of(st.none(), NAME)),
    )


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    slides = draw(st.one_of(st.none(), URL_TEXT.map(lambda t: "https://slides.example/" + t)))
    video = draw(
        st.one_of(st.none(), URL_TEXT.map(lambda t: "https://www.youtube.com/watch?v=" + t))
    )
    slides = None if slides is None else normalize_url(slides)
    video = None if video is None else normalize_url(video)
    thumbnails = []
    # A thumbnail is a linked image: the app attaches it to the session's slides or video link.
    for kind, url in (("slides", slides), ("video", video)):
        if url is not None:
            for _ in range(draw(st.integers(0, 2))):
                title = draw(st.one_of(st.none(), LINE))
                thumbnails.append(Thumbnail(draw(FILE), title, kind, draw(LINE)))  # type: ignore[arg-type]
    if draw(st.booleans()):
        thumbnails.reverse()
    return Session(
        title=draw(NAME),
        speakers=draw(st.lists(speakers(), min_size=1, max_size=4)),
        abstract=draw(ABSTRACT),
        slides_url=slides,
        video_url=video,
        thumbnails=thumbnails,
    )


@st.composite
def sponsor_blocks(draw: st.DrawFn) -> Sponsors:
    # The paragraph names the hosts first, then the other sponsors (the form keeps that order).
    hosts = draw(st.lists(st.builds(Sponsor, NAME, URL, st.just("host")), max_size=3))
    others = draw(st.lists(st.builds(Sponsor, NAME, URL, st.just("sponsor")), max_size=4))
    return Sponsors(sponsors=hosts + others)


@st.composite
def posts(draw: st.DrawFn) -> Post:
    blocks: list = []
    if draw(st.booleans()):
        blocks.append(
            HeaderImage(
                src=draw(FILE),
                title=draw(st.one_of(st.none(), LINE)),
                link=draw(URL),
                alt=draw(LINE),
            )
        )
    blocks.append(TextBlock(text="An intro paragraph about the Fjordline Cloud Day."))
    blocks.append(Truncate())
    if draw(st.booleans()):
        blocks.append(draw(sponsor_blocks()))
    if draw(st.booleans()):
        blocks.append(Button(label=draw(NAME), href=draw(URL.filter(bool))))
    blocks.extend(draw(st.lists(sessions(), max_size=3)))
    tags = draw(st.lists(LINE, max_size=3))
    front = FrontMatter(
        entries=[
            FrontMatterEntry("layout", "post"),
            FrontMatterEntry("title", draw(LINE)),
            FrontMatterEntry("tags", tags),
            FrontMatterEntry("authors", ["jamie"]),
            FrontMatterEntry("slug", draw(LINE)),
        ]
    )
    return Post(front_matter=front, blocks=blocks)


@SETTINGS
@given(posts())
def test_fresh_post_reads_back_equal(post: Post) -> None:
    text = render_post(post)
    assert parse_post(text) == post, text


@SETTINGS
@given(sessions())
def test_fresh_session_reads_back_equal(session: Session) -> None:
    post = Post(blocks=[TextBlock(text="Intro."), session])
    text = render_post(post)
    assert parse_post(text) == post, text


@SETTINGS
@given(sponsor_blocks())
def test_fresh_sponsors_read_back_equal(block: Sponsors) -> None:
    post = Post(blocks=[TextBlock(text="Intro."), block])
    text = render_post(post)
    assert parse_post(text) == post, text


@SETTINGS
@given(posts(), st.data())
def test_edited_post_still_reads_back_equal(post: Post, data: st.DataObject) -> None:
    """Parse a fresh post, change fields through the layouts, and read the result back."""
    parsed = parse_post(render_post(post))
    for block in parsed.blocks:
        if isinstance(block, Session) and data.draw(st.booleans()):
            block.title = data.draw(NAME)
            block.speakers[0].name = data.draw(NAME)
        if isinstance(block, Sponsors) and block.sponsors and data.draw(st.booleans()):
            block.sponsors[0].name = data.draw(NAME)
    text = render_post(parsed)
    assert parse_post(text) == parsed, text


# --- any text renders back exactly ---------------------------------------------------------

MD_LINES = st.one_of(
    st.sampled_from(
        [
            "",
            "---",
            "title: x",
            "tags: [a, b]",
            "## Title, [Ann](https://a.example), [Org](https://o.example)",
            "### Talk - [Bob](https://b.example), CTO at [Org](https://o.example)",
            "**11:00 - 11:30 - Welcome, [Ann](https://a.example)**",
            '[![](t.png "T - slides")](https://slides.example/x)',
            '![](header.png "Header")',
            "<!-- truncate -->",
            '<div class="col col-3 col-lg text-center">',
            '<a class="button button--primary" href="https://v.example" target="_blank">Go</a>',
            "</div>",
            "We would like to extend our gratitude to the event sponsors, [A](https://a.example).",
            "supported by Alpha, Beta and Gamma, the day",
            "```",
            "  indented",
            "- item",
            '<iframe src="https://www.youtube.com/embed/x"></iframe>',
        ]
    ),
    RAW_TEXT,
)


@st.composite
def markdownish(draw: st.DrawFn) -> str:
    lines = draw(st.lists(MD_LINES, max_size=25))
    if draw(st.booleans()):
        lines = ["---", "title: " + draw(LINE), "---", *lines]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines)
    if draw(st.booleans()):
        text += newline
    return text


@SETTINGS
@given(st.text())
@example("\r\n")
@example("---\n---")
@example("---\n\n---")
@example("---\n  \n---\r\n")
@example("---\ntitle: [\n---\nbody")
def test_any_text_renders_back_exactly(text: str) -> None:
    assert render_post(parse_post(text)) == text


@SETTINGS
@given(markdownish())
def test_markdownish_text_renders_back_exactly(text: str) -> None:
    assert render_post(parse_post(text)) == text


# --- sponsor lists edited inside hand-written prose ----------------------------------------------

PROSE_PARAGRAPHS = [
    "The community thanks event host and sponsor,\n[Fjordline](https://fjordline.example/), "
    "as well as the additional event\nsponsors, [Quillfeather](https://quill.example) and\n"
    "[Harbour Tech](https://harbour.example/).",
    "Held in Tromsø and supported by Quillfeather, Fjordline and NORDA, the day was packed.",
    'We thank the Fjordline Day sponsors from <a href="https://q.example/" target="_blank">'
    'Quill</a> and <a href="https://n.example/" target="_blank">NORDA</a> for the help.',
    "Supporters and sponsors of the event\nare [Quill](https://q.example) and\n"
    "[Fjordline](https://f.example). A big thank you goes to the organisers.",
]
SPONSOR_NAME = st.one_of(NAME, st.sampled_from(["Acme", "NORDA Labs", "X1", "Kettle.io"]))


@SETTINGS
@given(st.sampled_from(PROSE_PARAGRAPHS), st.data())
def test_edited_prose_sponsor_list_reads_back(paragraph: str, data: st.DataObject) -> None:
    post = parse_post("---\ntitle: x\n---\n\n" + paragraph + "\n")
    block = next(b for b in post.blocks if isinstance(b, Sponsors))
    roles = [role for role in ("host", "sponsor") if any(s.role == role for s in block.sponsors)]
    block.sponsors = [
        Sponsor(data.draw(SPONSOR_NAME), data.draw(URL), role)  # type: ignore[arg-type]
        for role in roles
        for _ in range(data.draw(st.integers(1, 3)))
    ]
    text = render_post(post)
    reread = next(b for b in parse_post(text).blocks if isinstance(b, Sponsors))
    assert reread == block, text


# --- what a fresh post holds is safe for MDX 1 and MDX 3 -----------------------------------------

_ALLOWED_TAG = re.compile(
    r'<div class="col col-3 col-lg text-center">|<a class="button button--primary" href="[^"]*" '
    r'target="_blank">|</a>|</div>|<!-- truncate -->|' + re.escape(EMOJI_BREAK)
)
_DESTINATION = re.compile(r"\]\([^()\s]*(?: \"[^\"]*\")?\)")
_JS_EMOJI = re.compile(r":\+1:|:-1:|:[A-Za-z0-9_\-]+:")


@SETTINGS
@given(posts())
def test_fresh_post_body_has_no_mdx_hazards(post: Post) -> None:
    """The hazards of ../shared/docusaurus/README.md, checked on the written body."""
    text = render_post(post)
    body = text.split("\n---\n", 1)[1] if post.front_matter else text
    prose = _DESTINATION.sub("]()", body)
    # Nothing inside code needs escaping (README): leave closed fences and code spans out.
    prose = re.sub(r"^```[^\n]*\n.*?^```[ `]*$", "", prose, flags=re.S | re.M)
    prose = re.sub(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", "", prose)
    assert "{" not in prose and "}" not in prose
    for line in prose.split("\n"):
        assert not re.match(r"(import|export)\b", line), line
    bare = _ALLOWED_TAG.sub(" ", prose)
    assert not re.search(r"<[A-Za-z/0-9=!]", bare), bare
    assert not re.search(r":[A-Za-z\[{]", bare), bare
    for piece in _ALLOWED_TAG.split(prose):
        assert not _JS_EMOJI.search(html.unescape(piece)), piece
