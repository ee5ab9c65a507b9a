"""Both preview paths: WebEngine patched in place, and the QTextBrowser fallback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import type_into

from roundup_editor.core.commands import MoveBlock
from roundup_editor.formats.writer import render_post
from roundup_editor.gui.preview.views import BrowserPageView
from roundup_editor.gui.session_form import SessionForm

pytestmark = pytest.mark.gui


def _js(qtbot: Any, window: Any, script: str) -> Any:
    """Run a script in the page and wait for its result."""
    box: list[Any] = []
    window.preview.view.run(script, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return box[0]


def _loaded(qtbot: Any, window: Any) -> None:
    """Wait until the page has loaded (the ready signal may already have fired)."""
    qtbot.waitUntil(lambda: not window.preview._loading, timeout=30000)


def test_webengine_patches_only_the_edited_block(make_window, post_folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder, webengine=True)
    assert window.preview.uses_webengine
    _loaded(qtbot, window)
    marker = _js(qtbot, window, "document.getElementById('blocks').dataset.marker = 'kept'; 1")
    assert marker == 1
    session = window.document.post.sessions()[4]
    window.select_block(session.id)
    form = window.forms["session"]
    assert isinstance(form, SessionForm)
    with qtbot.waitSignal(window.preview.patched, timeout=10000) as blocker:
        type_into(qtbot, form.abstract, "Patched in place & quickly")
    assert blocker.args == [session.id]
    qtbot.waitUntil(
        lambda: (
            "Patched in place &amp; quickly"
            in _js(qtbot, window, f"document.getElementById('b-{session.id}').innerHTML")
        ),
        timeout=10000,
    )
    # The page was patched, not reloaded: the marker set on the DOM is still there.
    assert _js(qtbot, window, "document.getElementById('blocks').dataset.marker") == "kept"
    selected = _js(qtbot, window, "document.querySelector('.rb-selected').id")
    assert selected == f"b-{session.id}"
    scrolled = _js(qtbot, window, "window.scrollY")
    assert scrolled > 0  # selecting the session scrolled the page to it; typing kept it there
    # A structural change re-lays sections out without a reload.
    first = window.document.post.sessions()[0]
    window.push(MoveBlock(session.id, window.document.post.block_index(first.id)))
    qtbot.waitUntil(
        lambda: (
            _js(
                qtbot,
                window,
                "JSON.stringify(Array.from(document.querySelectorAll('section')).map(s => s.id))",
            )
            == json.dumps([f"b-{block.id}" for block in window.document.post.blocks]).replace(
                " ", ""
            )
        ),
        timeout=10000,
    )
    assert _js(qtbot, window, "document.getElementById('blocks').dataset.marker") == "kept"
    type_into(qtbot, window.forms["post"].title, "Renamed Meetup")  # type: ignore[attr-defined]
    qtbot.waitUntil(
        lambda: _js(qtbot, window, "document.querySelector('h1').textContent") == "Renamed Meetup",
        timeout=10000,
    )


def test_webengine_images_resolve_from_the_post_folder(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder, webengine=True)
    _loaded(qtbot, window)
    qtbot.waitUntil(
        lambda: (
            _js(
                qtbot,
                window,
                "Array.from(document.images).every(i => i.complete && i.naturalWidth)",
            )
            is True
        ),
        timeout=10000,
    )
    sources = _js(qtbot, window, "Array.from(document.images).map(i => i.src).join(' ')")
    assert (post_folder.resolve().as_uri() + "/header.png") in sources


def test_fallback_browser_keeps_up_and_keeps_scroll(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder, webengine=False)
    view = window.preview.view
    assert isinstance(view, BrowserPageView)
    assert "Northwind Open Infrastructure Meetup" in view.browser.toPlainText()
    bar = view.browser.verticalScrollBar()
    session = window.document.post.sessions()[1]
    window.select_block(session.id)
    assert bar.value() > 0  # scrolled to the selected session
    bar.setValue(bar.value() - 20)
    position = bar.value()
    form = window.forms["session"]
    assert isinstance(form, SessionForm)
    with qtbot.waitSignal(window.preview.ready, timeout=5000):
        type_into(qtbot, form.abstract, "Fallback text")
    assert "Fallback text" in view.browser.toPlainText()
    assert bar.value() == position
    with qtbot.waitSignal(window.preview.ready, timeout=5000):
        window.undo()
    assert "Fallback text" not in view.browser.toPlainText()
    assert form.abstract.toPlainText() == session.abstract


def test_webengine_switch_off_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from roundup_editor.gui.preview import webengine_available

    monkeypatch.setenv("ROUNDUP_EDITOR_NO_WEBENGINE", "1")
    assert not webengine_available()


def test_markdown_and_excerpt_tabs(make_window, post_folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    session = window.document.post.sessions()[0]
    window.select_block(session.id)
    type_into(qtbot, window.forms["session"].session_title, "Edited Title")  # type: ignore[attr-defined]
    qtbot.keyClick(window, "2", qtbot_modifier_ctrl())
    assert window.preview.currentIndex() == 1
    assert window.preview.markdown.toPlainText() == render_post(window.document.post)
    qtbot.keyClick(window, "3", qtbot_modifier_ctrl())
    excerpt = window.preview.excerpt_view.browser.toPlainText()
    assert "ferry terminal" in excerpt
    assert "Edited Title" not in excerpt


def qtbot_modifier_ctrl() -> Any:
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.ControlModifier


def _top(qtbot: Any, window: Any, block_id: int) -> float:
    """Return where a section starts in the viewport (CSS px)."""
    script = f"document.getElementById('b-{block_id}').getBoundingClientRect().top"
    return float(_js(qtbot, window, script))


def _settle(qtbot: Any, window: Any) -> None:
    """Wait for three painted frames (the selection realigns itself over two)."""
    page = window.preview.view.page
    for index in range(3):
        with qtbot.waitSignal(page.frame, timeout=10000):
            window.preview.view.run(f"rb.frame('settle-{index}')")


def test_webengine_edits_keep_the_view_and_the_outline(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    from roundup_editor.core.commands import SetField

    window = make_window(post_folder, webengine=True)
    _loaded(qtbot, window)
    sessions = window.document.post.sessions()
    selected, above = sessions[4], sessions[0]
    window.select_block(selected.id)
    _settle(qtbot, window)
    top = _top(qtbot, window, selected.id)
    assert _js(qtbot, window, "window.scrollY") > 0
    form = window.forms["session"]
    assert isinstance(form, SessionForm)
    form.abstract.setFocus()
    form.abstract.moveCursor(form.abstract.textCursor().MoveOperation.End)
    with qtbot.waitSignal(window.preview.patched, timeout=10000):
        qtbot.keyClicks(form.abstract, " Typed at the end")
    qtbot.waitUntil(
        lambda: "Typed at the end" in _js(qtbot, window, f"rb.section({selected.id}).textContent"),
        timeout=10000,
    )
    _settle(qtbot, window)
    assert abs(_top(qtbot, window, selected.id) - top) < 1
    # A block above the view grows by many lines: what is on screen stays where it was.
    longer = above.abstract + "\n\n" + "\n\n".join(f"Added paragraph {i}." for i in range(30))
    with qtbot.waitSignal(window.preview.patched, timeout=10000):
        window.push(SetField(above.id, "abstract", longer))
    _settle(qtbot, window)
    assert "Added paragraph 29." in _js(
        qtbot, window, f"document.getElementById('b-{above.id}').textContent"
    )
    assert abs(_top(qtbot, window, selected.id) - top) < 1
    assert _js(qtbot, window, "document.querySelector('.rb-selected').id") == f"b-{selected.id}"
    assert _js(qtbot, window, "document.querySelectorAll('.rb-selected').length") == 1


def test_webengine_drops_a_conversion_that_a_relayout_overtook(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder, webengine=True)
    _loaded(qtbot, window)
    preview = window.preview
    session = window.document.post.sessions()[1]
    shown = preview._shown[session.id]
    patched: list[int] = []
    preview.patched.connect(patched.append)
    # A worker result for Markdown the block no longer has arrives: it is not sent to the page.
    preview._mailbox.post((session.id, "stale text", "<p>Stale result</p>"))
    qtbot.waitUntil(lambda: not preview._mailbox._items, timeout=5000)
    assert preview._shown[session.id] == shown
    assert patched == []
    html = _js(qtbot, window, f"document.getElementById('b-{session.id}').innerHTML")
    assert "Stale result" not in html


def test_webengine_frame_probe_follows_the_next_patch(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder, webengine=True)
    _loaded(qtbot, window)
    page = window.preview.view.page
    session = window.document.post.sessions()[2]
    window.select_block(session.id)
    assert _js(qtbot, window, "rb.probeNext('after-patch')") == "after-patch"
    with qtbot.waitSignal(page.frame, timeout=10000) as blocker:
        type_into(qtbot, window.forms["session"].abstract, "x")  # type: ignore[attr-defined]
    assert blocker.args == ["after-patch"]
    assert _js(qtbot, window, "rb.probe === null") is True


def test_warm_page_is_taken_by_the_preview(make_window, post_folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from roundup_editor.gui.preview import warm

    warm.start_engine()
    page = warm._warm[0]
    window = make_window(post_folder, webengine=True)
    assert window.preview.view.page is page
    assert warm.take_page() is None  # taken once
    _loaded(qtbot, window)
    assert "Northwind Open Infrastructure Meetup" in _js(qtbot, window, "document.body.textContent")


def _primed_window(qtbot: Any, folder: Path, html_of: Any = None) -> tuple[Any, Any, list[int]]:
    """Prime the warm page with a post's first page, then build a window over the post.

    ``html_of(html)`` may change the primed HTML. Return the window, the warm page and the
    list the page's later ``loadStarted`` signals append to.
    """
    pytest.importorskip("PySide6.QtWebEngineWidgets")
    from roundup_editor.core.document import PostDocument
    from roundup_editor.core.settings import Settings
    from roundup_editor.gui.mainwindow import MainWindow
    from roundup_editor.gui.preview import warm
    from roundup_editor.render.page import PageRenderer

    warm.start_engine()
    page = warm._warm[0]
    document = PostDocument.open(folder)
    renderer = PageRenderer()
    html = renderer.page(document.post, document.folder, rendered=renderer.blocks(document.post))
    assert warm.prime_page(html_of(html) if html_of else html, document.folder)
    qtbot.waitUntil(lambda: warm._primed.loaded, timeout=30000)  # loaded with no window yet
    starts: list[int] = []
    page.loadStarted.connect(lambda: starts.append(1))
    window = MainWindow(Settings(), document, use_webengine=True, renderer=renderer)
    return window, page, starts


def _close(window: Any) -> None:
    window.bridge.mark_saved()
    window.close()
    window.deleteLater()


def test_primed_first_page_is_kept_not_loaded_again(post_folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, page, starts = _primed_window(qtbot, post_folder)
    try:
        with qtbot.waitSignal(window.preview.ready, timeout=10000):
            window.show()
        assert window.preview.view.page is page
        assert starts == []  # the window kept the primed load
        text = _js(qtbot, window, "document.body.textContent")
        assert "Northwind Open Infrastructure Meetup" in text
        session = window.document.post.sessions()[1]  # and the page takes patches as usual
        window.select_block(session.id)
        with qtbot.waitSignal(window.preview.patched, timeout=10000):
            type_into(qtbot, window.forms["session"].abstract, "Q")  # type: ignore[attr-defined]
        assert "Q" in _js(qtbot, window, f"rb.section({session.id}).textContent")
    finally:
        _close(window)


def test_primed_page_of_other_html_is_replaced(post_folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, _page, starts = _primed_window(
        qtbot, post_folder, lambda html: html.replace("Northwind", "Primed-only")
    )
    try:
        with qtbot.waitSignal(window.preview.ready, timeout=30000):
            window.show()
        assert starts  # the window loaded its own page
        text = _js(qtbot, window, "document.body.textContent")
        assert "Northwind Open Infrastructure Meetup" in text and "Primed-only" not in text
    finally:
        _close(window)


def test_window_built_while_the_primed_page_loads_reports_ready(  # type: ignore[no-untyped-def]
    post_folder: Path, qtbot
) -> None:
    pytest.importorskip("PySide6.QtWebEngineWidgets")
    from roundup_editor.core.document import PostDocument
    from roundup_editor.core.settings import Settings
    from roundup_editor.gui.mainwindow import MainWindow
    from roundup_editor.gui.preview import warm
    from roundup_editor.render.page import PageRenderer

    warm.start_engine()
    document = PostDocument.open(post_folder)
    renderer = PageRenderer()
    html = renderer.page(document.post, document.folder, rendered=renderer.blocks(document.post))
    assert warm.prime_page(html, document.folder)
    window = MainWindow(Settings(), document, use_webengine=True, renderer=renderer)
    try:
        with qtbot.waitSignal(window.preview.ready, timeout=30000):
            window.show()
        text = _js(qtbot, window, "document.body.textContent")
        assert "Northwind Open Infrastructure Meetup" in text
    finally:
        _close(window)


def test_preload_imports_on_a_worker_and_returns(qtbot) -> None:  # type: ignore[no-untyped-def]
    import sys

    from roundup_editor.gui.preview.warm import preload

    preload(["json", "roundup_editor.render", "no_such_module_for_the_preload_test"])
    assert "roundup_editor.render" in sys.modules
    assert "no_such_module_for_the_preload_test" not in sys.modules


def test_webengine_patch_replaces_only_the_changed_children(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder, webengine=True)
    _loaded(qtbot, window)
    session = window.document.post.sessions()[3]
    window.select_block(session.id)
    section = f"rb.section({session.id})"
    # Mark the heading and the last child with JS properties (not attributes: the comparison
    # of nodes ignores them), then edit the abstract only.
    count = _js(
        qtbot,
        window,
        f"{section}.querySelector('h2,h3').kept = 1; {section}.lastElementChild.kept = 1;"
        f"{section}.children.length",
    )
    assert count >= 2
    form = window.forms["session"]
    assert isinstance(form, SessionForm)
    form.abstract.setFocus()
    form.abstract.moveCursor(form.abstract.textCursor().MoveOperation.End)
    with qtbot.waitSignal(window.preview.patched, timeout=10000):
        qtbot.keyClicks(form.abstract, " Morphed")
    qtbot.waitUntil(
        lambda: "Morphed" in _js(qtbot, window, f"{section}.textContent"), timeout=10000
    )
    assert _js(qtbot, window, f"{section}.querySelector('h2,h3').kept === 1") is True
    assert _js(qtbot, window, f"{section}.lastElementChild.kept === 1") is True
    html = _js(qtbot, window, f"{section}.innerHTML")
    assert html == window.preview._shown[session.id]  # the same HTML as a full replacement
