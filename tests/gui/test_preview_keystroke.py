"""The keystroke path: paragraph-wise conversion gives the whole block's HTML, the patch leaves
first and the outline row and title follow on a later event-loop turn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui_helpers import type_into

from roundup_editor.core.commands import SetField
from roundup_editor.formats.dialects import render_block
from roundup_editor.formats.reader import parse_post
from roundup_editor.gui.preview.chunks import chunked_html, new_length, split_paragraphs
from roundup_editor.gui.session_form import SessionForm
from roundup_editor.render.markdown import BlockHtmlCache, markdown_to_html

from support.posts import invented_post_text

pytestmark = pytest.mark.gui

TRICKY = [
    "### A talk\n\nFirst paragraph.\n\nSecond *one* with a [link](https://example.org).",
    "Intro.\n\n- one\n\n- two",  # a loose list spans the blank line
    "Intro.\n\n1. one\n\n2. two",
    "Code:\n\n    indented = True\n\n    still = 'code'",
    "Text.\n\n```\nfenced\n\ncode\n```",
    "Quote.\n\n> one\n\n> two",
    "See [the site][s].\n\n[s]: https://example.org",
    "<div>\n\nraw\n\n</div>",
    "a | b\n--|--\n1 | 2\n\nAfter the table.",
    "Line one  \nline two\n\n***\n\nAfter a rule.",
    "Heading\n=======\n\nBody.\n\n---\n\nEnd.",
    "Trailing blank lines.\n\n\n\nAnd spaces between.\n   \nDone.",
    "One paragraph only.",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_chunked_html_equals_whole_conversion_on_tricky_markdown(text: str) -> None:
    assert chunked_html(text, BlockHtmlCache().html) == markdown_to_html(text)


def test_constructs_that_span_blank_lines_are_converted_whole() -> None:
    for text in TRICKY[1:8]:
        assert split_paragraphs(text) is None, text
    assert split_paragraphs(TRICKY[0]) == [
        "### A talk",
        "First paragraph.",
        "Second *one* with a [link](https://example.org).",
    ]


def test_chunked_html_equals_whole_conversion_on_invented_posts() -> None:
    chunked = 0
    for sessions in (6, 50):
        for block in parse_post(invented_post_text(sessions)).blocks:
            text = render_block(block)
            chunked += split_paragraphs(text) is not None
            assert chunked_html(text, BlockHtmlCache().html) == markdown_to_html(text)
    assert chunked > 0  # sessions are converted paragraph by paragraph


def test_chunked_html_equals_whole_conversion_on_the_corpus(corpus: Path) -> None:
    for index in sorted(corpus.glob("*/index.md")):
        for block in parse_post(index.read_text(encoding="utf-8")).blocks:
            text = render_block(block)
            assert chunked_html(text, BlockHtmlCache().html) == markdown_to_html(text), index


def test_typing_converts_only_the_new_paragraph() -> None:
    cache = BlockHtmlCache()
    text = "### Talk\n\nSpeaker line.\n\nThe abstract"
    chunked_html(text, cache.html)
    typed = text + "s"
    assert new_length(typed, cache.__contains__) == len("The abstracts")
    before = cache.misses
    chunked_html(typed, cache.html)
    assert cache.misses == before + 1


def test_patch_leaves_before_the_outline_row_and_title_update(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder, webengine=True)
    qtbot.waitUntil(lambda: not window.preview._loading, timeout=30000)
    session = window.document.post.sessions()[1]
    window.select_block(session.id)
    order: list[str] = []
    view = window.preview.view
    run = view.run

    def recording_run(script: str, callback: Any = None) -> bool:
        if script.startswith("rb.patch("):
            order.append("patch")
        return bool(run(script, callback))

    view.run = recording_run
    model = window.outline_model
    model.itemChanged.connect(lambda _item: order.append("outline"))
    window.windowTitleChanged.connect(lambda _title: order.append("title"))
    window.push(SetField(session.id, "title", "A renamed talk"))
    assert order == ["patch"]  # the outline and the title wait for the next turn
    qtbot.waitUntil(lambda: "outline" in order, timeout=5000)
    assert order[0] == "patch"
    assert "A renamed talk" in model.items[session.id].text()
    del view.run


def test_typing_in_the_abstract_keeps_the_form_and_page_in_step(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder, webengine=True)
    qtbot.waitUntil(lambda: not window.preview._loading, timeout=30000)
    session = window.document.post.sessions()[0]
    window.select_block(session.id)
    form = window.forms["session"]
    assert isinstance(form, SessionForm)
    form.abstract.setFocus()
    type_into(qtbot, form.abstract, " More words.")
    block = window.document.block(session.id)
    assert form.abstract.toPlainText() == block.abstract  # type: ignore[union-attr]
    expected = markdown_to_html(render_block(block))
    assert window.preview._shown[session.id] == expected
    window.undo()
    assert form.abstract.toPlainText() == window.document.block(session.id).abstract  # type: ignore[union-attr]


def test_long_new_text_is_converted_on_the_worker_and_the_outline_follows(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder, webengine=True)
    qtbot.waitUntil(lambda: not window.preview._loading, timeout=30000)
    preview = window.preview
    preview.convert_inline_max = 0  # every new paragraph counts as long: the worker converts
    session = window.document.post.sessions()[2]
    window.select_block(session.id)
    with qtbot.waitSignal(preview.patched, timeout=10000) as blocker:
        window.push(SetField(session.id, "title", "Converted off the GUI thread"))
        assert preview._in_flight == 1  # not sent yet: the outline waits for it too
    assert blocker.args == [session.id]
    assert "Converted off the GUI thread" in preview._shown[session.id]
    item = window.outline_model.items[session.id]
    qtbot.waitUntil(lambda: "Converted off the GUI thread" in item.text(), timeout=5000)
    assert preview._in_flight == 0
