"""Sponsor thanks: recognised in every corpus style, edited in place, written afresh exactly."""

from __future__ import annotations

import html as html_module
import json
import re
from pathlib import Path

import markdown
import pytest

from roundup_editor.core.post import Post, Sponsor, Sponsors, TextBlock
from roundup_editor.core.summary import summarize
from roundup_editor.formats.dialects import render_block
from roundup_editor.formats.dialects.sponsors import SponsorsDialect, parse_fresh_list
from roundup_editor.formats.dialects.sponsors_grammar import render_list
from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post

FRONT = "---\ntitle: Fjordline Cloud Day 2031\n---\n\n"


def _sponsor_blocks(text: str) -> list[Sponsors]:
    return [block for block in parse_post(text).blocks if isinstance(block, Sponsors)]


def _names(text: str) -> list[tuple[str, str | None, str]]:
    return [
        (sponsor.name, sponsor.url, sponsor.role)
        for block in _sponsor_blocks(text)
        for sponsor in block.sponsors
    ]


# --- the corpus ---------------------------------------------------------------------------------


def test_corpus_sponsors_match_expected(corpus: Path) -> None:
    posts = sorted(corpus.glob("*/index.md"))
    assert len(posts) == 15
    wrong = []
    for path in posts:
        expected = json.loads((path.parent / "expected.json").read_text(encoding="utf-8"))
        got = summarize(parse_post(path.read_text(encoding="utf-8")))
        if got["sponsors"] != expected["sponsors"]:
            wrong.append((path.parent.name, expected["sponsors"], got["sponsors"]))
    assert wrong == []


def test_corpus_sponsor_edit_changes_only_the_list_lines(corpus: Path) -> None:
    edited_posts = 0
    for path in sorted(corpus.glob("*/index.md")):
        text = path.read_text(encoding="utf-8")
        post = parse_post(text)
        blocks = [block for block in post.blocks if isinstance(block, Sponsors)]
        if not blocks:
            continue
        edited_posts += 1
        block = blocks[0]
        block.sponsors[-1] = Sponsor(
            "Quillfeather Systems", "https://quill.example/", block.sponsors[-1].role
        )
        assert block.layout is not None
        old_source = block.layout.source()
        new_source = render_block(block)
        out = render_post(post)
        # Only the block's text changed, and in it only the edited list: the prose is kept.
        assert out == text.replace(old_source, new_source, 1)
        position = 0
        for piece in block.layout.pieces:
            found = new_source.find(piece, position)
            assert found >= 0, (path.parent.name, piece)
            position = found + len(piece)
        assert "[Quillfeather Systems](https://quill.example/)" in new_source or (
            '<a href="https://quill.example/" target="_blank">Quillfeather Systems</a>'
            in new_source
        )
        # The prose around the list is kept, and the edit reads back.
        reread = next(b for b in parse_post(out).blocks if isinstance(b, Sponsors))
        assert reread.sponsors == block.sponsors, path.parent.name
    assert edited_posts == 7


# --- hand-written prose (invented posts) ---------------------------------------------------------

PROSE = {
    "host and additional": (
        "The community thanks event host and sponsor,\n[Fjordline](https://fjordline.example/), "
        "as well as the additional event\nsponsors, [Quillfeather](https://quill.example) and\n"
        "[Harbour Tech](https://harbour.example/).",
        [
            ("Fjordline", "https://fjordline.example/", "host"),
            ("Quillfeather", "https://quill.example", "sponsor"),
            ("Harbour Tech", "https://harbour.example/", "sponsor"),
        ],
    ),
    "dash lead with wrapped link text": (
        "We thank the sponsors of the Fjordline Cloud\nDay – [Quillfeather](https://q.example/), "
        "[Harbour\nTech](https://h.example/) – for their help.",
        [
            ("Quillfeather", "https://q.example/", "sponsor"),
            ("Harbour Tech", "https://h.example/", "sponsor"),
        ],
    ),
    "plain names inside a longer sentence": (
        "Held in Tromsø and supported by Quillfeather, Fjordline and NORDA, the day was packed.",
        [
            ("Quillfeather", None, "sponsor"),
            ("Fjordline", None, "sponsor"),
            ("NORDA", None, "sponsor"),
        ],
    ),
    "closing sentence": (
        "Supporters and sponsors of the event\nare [Quillfeather](https://q.example) and\n"
        "[Fjordline](https://f.example). A big thank you goes to the organisers.",
        [
            ("Quillfeather", "https://q.example", "sponsor"),
            ("Fjordline", "https://f.example", "sponsor"),
        ],
    ),
    "html links": (
        'We would like to thank the Fjordline Day sponsors from <a href="https://q.example/" '
        'target="_blank">Quillfeather</a>, <a href="https://h.example/?a=1&amp;b=2" '
        'target="_blank">Harbour</a> and <a href="https://n.example/" target="_blank">NORDA</a> '
        "for the help.",
        [
            ("Quillfeather", "https://q.example/", "sponsor"),
            ("Harbour", "https://h.example/?a=1&b=2", "sponsor"),
            ("NORDA", "https://n.example/", "sponsor"),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(PROSE))
def test_prose_sponsor_lists_are_read_and_kept(name: str) -> None:
    paragraph, expected = PROSE[name]
    text = FRONT + paragraph + "\n"
    assert _names(text) == expected
    assert render_post(parse_post(text)) == text


NOT_SPONSORS = {
    "a host only named": "Hosted by [Fjordline](https://fjordline.example/), the day opened early.",
    "meet the host": "Meet Fjordline – Our host for the day.",
    "logo image": '### Made Possible by Our Sponsors\n\n![](sponsors.png "sponsors")',
    "organisers thanked": "A big thank you to the organisers, speakers and the Fjordline team.",
    "sponsors in passing": "The organisers, sponsors, speakers, and participants made it.",
}


@pytest.mark.parametrize("name", sorted(NOT_SPONSORS))
def test_things_that_are_not_sponsors(name: str) -> None:
    text = FRONT + NOT_SPONSORS[name] + "\n"
    assert _names(text) == []
    assert render_post(parse_post(text)) == text


def test_edited_html_list_stays_html() -> None:
    paragraph, _expected = PROSE["html links"]
    text = FRONT + paragraph + "\n"
    post = parse_post(text)
    block = next(b for b in post.blocks if isinstance(b, Sponsors))
    block.sponsors.append(Sponsor("Kettle & Co", "https://kettle.example/"))
    out = render_post(post)
    assert '<a href="https://kettle.example/" target="_blank">Kettle &amp; Co</a>' in out
    assert out.startswith(FRONT + "We would like to thank the Fjordline Day sponsors from <a")
    assert out.endswith(" for the help.\n")
    assert _names(out)[-1] == ("Kettle & Co", "https://kettle.example/", "sponsor")
    assert "&amp;b=2" in out  # the untouched item's HTML is re-written equivalently


def test_removing_every_host_rewrites_the_paragraph_fresh() -> None:
    paragraph, _expected = PROSE["host and additional"]
    post = parse_post(FRONT + paragraph + "\n")
    block = next(b for b in post.blocks if isinstance(b, Sponsors))
    block.sponsors = [s for s in block.sponsors if s.role != "host"]
    out = render_post(post)
    assert "We would like to extend our gratitude to the event sponsors, [Quillfeather]" in out
    assert _sponsor_blocks(out)[0] == block


# --- fresh paragraphs --------------------------------------------------------------------------

HOSTILE_NAMES = [
    "acme",
    "and",
    "Ann and Bob",
    "A, B and C",
    "x and and y",
    ", and ",
    "and so, and",
    "[Evil](javascript:alert(1))",
    "<script>alert(1)</script>",
    "{props.x}",
    ":fire: Labs",
    "1. First",
    "- dash",
    "import os",
    "Tab\there",
    "Back\\slash*star*_under_",
    "&copy; Corp &amp;",
    "\u200fRTL\u200e mark",
    "Ends with a dot.",
    "as well as to the additional event sponsors",
    "x" * 500,
    "a  double  space",
    "# heading",
    "`code`",
    "| pipe |",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
@pytest.mark.parametrize("with_url", [True, False])
def test_fresh_paragraph_reads_back_any_name(name: str, with_url: bool) -> None:
    url = "https://sponsor.example/a?b=1&c=2" if with_url else None
    sponsors = [
        Sponsor(name, url, "host"),
        Sponsor("Second " + name, None, "host"),
        Sponsor(name, url),
        Sponsor("lowercase co", None),
        Sponsor(name + " Ltd", "https://x.example/"),
    ]
    for chosen in (sponsors, sponsors[:1], sponsors[2:], sponsors[2:3], sponsors[:2]):
        post = Post(blocks=[Sponsors(sponsors=list(chosen))])
        text = render_post(post)
        assert parse_post(text) == post, text


def test_empty_sponsor_block_reads_back() -> None:
    post = Post(blocks=[Sponsors(sponsors=[])])
    assert parse_post(render_post(post)) == post


def test_fresh_list_grammar_rejects_what_it_did_not_write() -> None:
    assert parse_fresh_list("A, B") is None  # two items are joined with " and "
    assert parse_fresh_list("A and B and C") is None
    assert parse_fresh_list("") is None
    sponsors = [Sponsor("A, B", None), Sponsor("and", "https://x.example/"), Sponsor("C", None)]
    assert parse_fresh_list(render_list(sponsors)) == sponsors


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_fresh_list_shows_names_literally_in_markdown(name: str) -> None:
    html = markdown.markdown(render_list([Sponsor(name, None)]))
    shown = re.sub(r"<[^>]*>", "", html)  # tags are markup; escaped text has no raw "<"
    assert html_module.unescape(shown) == name


def test_sponsors_dialect_registers_the_fresh_recogniser_first() -> None:
    names = [dialect.name for dialect in SponsorsDialect.variants()]
    assert names == ["sponsors_fresh", "sponsors"]


def test_unrecognised_paragraph_stays_text() -> None:
    post = parse_post(FRONT + "We would like to extend our gratitude to nobody in particular.\n")
    assert all(isinstance(block, TextBlock) for block in post.blocks)
