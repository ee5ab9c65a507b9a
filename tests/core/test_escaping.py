"""Escaping proven with real Python-Markdown, plus static checks for what breaks MDX 1 and 3.

For every field context (heading, link text, paragraph text, image title, Markdown abstract) the
text a user types must (1) read back exactly and (2) be what Python-Markdown shows. The MDX rules
come from ``../shared/docusaurus/README.md``; real Docusaurus builds are issue 4's job.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest

from roundup_editor.formats.dialects.speakers import escape_name
from roundup_editor.formats.dialects.sponsors_grammar import escape_sponsor
from roundup_editor.formats.text import (
    EMOJI_BREAK,
    escape_markdown,
    escape_text,
    escape_title,
    normalize_block,
    normalize_line,
    normalize_url,
    unescape_markdown,
    unescape_text,
    unescape_title,
    url_problem,
)

HOSTILE = [
    "plain words",
    "* star _under_ **bold** __b__",
    "[link](https://evil.example) ![img](x.png)",
    "<script>alert('x')</script>",
    "a<b <3 <= <https://x.example> <a@b.example> <Foo/>",
    "{props.title} ${x} {1+1} }{",
    "back\\slash \\* \\\\",
    "`code` ``double`` `",
    "# not a heading",
    "#hash",
    "pipe | table | cell",
    "Room:A[1] :::note :x{y}",
    ":fire: :+1: a:b:c ::bug:: 10:30 https://x.example:8080/p",
    "1. first",
    "1986. A great year",
    "3) three",
    "- dash",
    "+ plus",
    "-",
    "---",
    "===",
    "> quote",
    "import React from 'react'",
    "export const x = 1",
    "importance of exports",
    "&copy; &amp; &#123; &#x41; &nbsp;",
    "AT&T & co",
    "\u200fright-to-left\u200e mark \u202eoverride",
    "emoji 🔥 and ZWJ 👩\u200d💻",
    "Cyrillic Оbject and curly ’quotes’ “here”",
    "tab\tinside",
    "~~strike~~ ~tilde~",
    "trailing hashes ##",
    "a  double  space",
    "x" * 5000,
    "The End.",
    "{#custom-id}",
    "\"quoted\" and 'single'",
    "!bang ![",
    "[ref]: https://x.example",
    "<!-- comment -->",
    "&#58;already&#58;",
    "<span></span>",
]


class _Visible(HTMLParser):
    """Collect the text content and the img titles of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.titles: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if tag == "img" and name == "title" and value is not None:
                self.titles.append(value)

    handle_startendtag = handle_starttag


def visible(source: str) -> _Visible:
    parser = _Visible()
    parser.feed(markdown.markdown(source))
    parser.close()
    return parser


def shown_text(source: str) -> str:
    return "".join(visible(source).text)


# --- single-line fields -------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_text_reads_back_exactly(text: str) -> None:
    assert unescape_text(escape_text(text)) == text


@pytest.mark.parametrize("text", HOSTILE)
def test_heading_shows_text_literally(text: str) -> None:
    line = normalize_line(text)
    html_text = shown_text("## " + escape_text(line))
    assert html_text == line


@pytest.mark.parametrize("text", HOSTILE)
def test_link_text_shows_text_literally(text: str) -> None:
    line = normalize_line(text)
    assert shown_text(f"[{escape_text(line)}](https://x.example/)") == line


@pytest.mark.parametrize("text", HOSTILE)
def test_text_inside_a_paragraph_shows_literally(text: str) -> None:
    line = normalize_line(text)
    assert shown_text(f"Thanks to {escape_text(line)} for all.") == f"Thanks to {line} for all."


@pytest.mark.parametrize("text", HOSTILE)
def test_speaker_and_sponsor_names_show_literally(text: str) -> None:
    line = normalize_line(text)
    assert shown_text("## " + escape_name(line)) == line
    assert shown_text("Thanks to " + escape_sponsor(line)) == "Thanks to " + line
    assert unescape_text(escape_name(line)) == line
    assert unescape_text(escape_sponsor(line)) == line


@pytest.mark.parametrize("text", HOSTILE)
def test_image_title_shows_text_literally(text: str) -> None:
    line = normalize_line(text)
    escaped = escape_title(line)
    assert unescape_title(escaped) == line
    shown = visible(f'![](x.png "{escaped}")')
    assert shown.titles == [line]


def test_multi_line_text_stays_on_one_source_line() -> None:
    escaped = escape_text("one\ntwo\r\nthree")
    assert "\n" not in escaped and "\r" not in escaped
    assert unescape_text(escaped) == "one\ntwo\r\nthree"


# --- what MDX 1 and MDX 3 would break on (static checks on the escaped source) ------------------

_JS_EMOJI = re.compile(r":\+1:|:-1:|:[A-Za-z0-9_\-]+:")


def assert_mdx_safe(source: str) -> None:
    """Check the hazards of ../shared/docusaurus/README.md on escaped source text."""
    assert "{" not in source and "}" not in source
    bare = source.replace(EMOJI_BREAK, "")
    assert not re.search(r"<[A-Za-z/0-9=!]", bare), source
    assert not re.search(r":[A-Za-z\[{]", source), source
    for line in source.split("\n"):
        assert not re.match(r"(import|export)\b", line), line
    # remark-emoji sees text nodes after entities are decoded; the break splits the node.
    for piece in source.split(EMOJI_BREAK):
        assert not _JS_EMOJI.search(html.unescape(piece)), source


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_single_line_text_is_mdx_safe(text: str) -> None:
    line = normalize_line(text)
    for escaped in (escape_text(line), escape_name(line), escape_sponsor(line)):
        assert_mdx_safe(escaped)
    title = escape_title(line)
    assert "{" not in title and "}" not in title and "<" not in title and '"' not in title


# --- Markdown fields (abstracts) ----------------------------------------------------------------

ABSTRACTS = [
    "A plain paragraph.\n\nAnd a second one.",
    "Some *emphasis*, a [link](https://x.example/) and `code {x} <y>`.",
    "- item one\n- item two\n\n1. first\n2. second",
    "Text with {braces} and <tags> and a:b:c :fire: emoji.",
    "# Not a heading\n## nor this",
    "import os\nexport default x",
    "&copy; is shown as typed, &amp; too.",
    "```\n{code} <kept> &amp; :fire:\n```\nafter the fence {x}",
    "Right-to-left \u200f mark and \u202e override.",
    "x" * 3000,
    "Room:A[1] and :::note",
    "Ends with a backtick `",
    "A paragraph.\n\n[Slides](https://slides.example/deck)\n\nMore after the link.",
    "```\n[Slides](https://slides.example/deck)\n```",
]


@pytest.mark.parametrize("text", ABSTRACTS)
def test_abstract_reads_back_exactly(text: str) -> None:
    abstract = normalize_block(text)
    assert unescape_markdown(escape_markdown(abstract)) == abstract


@pytest.mark.parametrize("text", ABSTRACTS)
def test_abstract_is_mdx_safe_outside_code(text: str) -> None:
    escaped = escape_markdown(normalize_block(text))
    without_code = re.sub(r"```.*?```", "", escaped, flags=re.S)
    without_code = re.sub(r"`[^`\n]*`", "", without_code)
    assert_mdx_safe(without_code)


def test_abstract_keeps_its_formatting_in_python_markdown() -> None:
    text = "Some *emphasis*, a [link](https://x.example/) and `code {x} <y>`.\n\n- one\n- two"
    assert markdown.markdown(escape_markdown(text)) == markdown.markdown(text)


def test_abstract_shows_hostile_text_literally() -> None:
    text = "Braces {x}, a <script>alert(1)</script>, &copy; and a:b:c and :fire:."
    assert shown_text(escape_markdown(text)) == text
    heading_like = "# Not a heading"
    assert shown_text(escape_markdown(heading_like)) == heading_like
    esm = "import os"
    assert shown_text(escape_markdown(esm)) == esm


def test_a_lone_link_line_is_kept_off_the_media_lines() -> None:
    text = "A paragraph.\n\n[Slides](https://slides.example/deck)  \n\nMore."
    escaped = escape_markdown(text)
    assert "[Slides](https://slides.example/deck)" + EMOJI_BREAK + "  \n" in escaped
    assert markdown.markdown(escaped).replace(EMOJI_BREAK, "") == markdown.markdown(text)


def test_code_span_content_is_not_escaped() -> None:
    text = "Use `{props}` and `a<b` here"
    escaped = escape_markdown(text)
    assert "`{props}`" in escaped and "`a<b`" in escaped
    assert shown_text(escaped) == "Use {props} and a<b here"


# --- normalisers and URLs ------------------------------------------------------------------------


def test_normalize_line_and_block() -> None:
    assert normalize_line("  a\r\nb\nc  ") == "a  b c"
    assert normalize_block("\n\n  \nA\r\nB\rC\n\n") == "A\nB\nC"


def test_normalize_url_encodes_what_breaks_a_link() -> None:
    url = normalize_url(' https://x.example/a b(c)<d>"e"{f}|g ')
    assert url == "https://x.example/a%20b%28c%29%3Cd%3E%22e%22%7Bf%7D%7Cg"
    assert url_problem(url) is None
    assert url_problem("javascript:alert(1)") is not None
    assert url_problem("/blog/x") is None


# --- a whole fresh post, rendered by Python-Markdown -------------------------------------------


class _Elements(HTMLParser):
    """Collect the text of h2, a and p elements and the titles of images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.texts: dict[str, list[str]] = {"h2": [], "a": [], "p": []}
        self.titles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.titles.extend(value or "" for name, value in attrs if name == "title")
            return
        self.stack.append(tag)
        if tag in self.texts:
            self.texts[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for tag in self.texts:
            if tag in self.stack:
                self.texts[tag][-1] += data


@pytest.mark.parametrize("text", HOSTILE)
def test_fresh_post_fields_show_literally_in_python_markdown(text: str) -> None:
    from roundup_editor.core.post import (
        Button,
        HeaderImage,
        Post,
        Session,
        Speaker,
        Sponsor,
        Sponsors,
        Thumbnail,
    )
    from roundup_editor.formats.writer import render_post

    line = normalize_line(text)
    post = Post(
        blocks=[
            HeaderImage(src="header.png", title=line),
            Sponsors(sponsors=[Sponsor(line, "https://sponsor.example/")]),
            Button(label=line, href="https://video.example/"),
            Session(
                title=line,
                speakers=[Speaker(line, "https://people.example/", line, "https://org.example/")],
                abstract="An abstract.",
                slides_url="https://slides.example/deck",
                thumbnails=[Thumbnail("slides.png", line)],
            ),
        ]
    )
    parser = _Elements()
    parser.feed(markdown.markdown(render_post(post)))
    parser.close()
    assert parser.texts["h2"] == [f"{line}, {line}, {line}"]
    assert parser.titles == [line, line]
    # The sponsor link, the button, and the speaker and organisation links in the heading.
    assert parser.texts["a"].count(line) == 4
    assert any(f"sponsors, {line}." in paragraph for paragraph in parser.texts["p"])
