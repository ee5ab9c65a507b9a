"""The preview pane: the rendered page, the exact ``index.md``, and the excerpt.

Changes from the document are collected and flushed once per event-loop turn: a field change
patches only that block in the page (its HTML comes from the per-block cache), a front-matter
change patches the header, and a structural change re-lays the sections out, re-rendering only
blocks the page has not seen. The Markdown and Excerpt tabs update when they are shown.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QTabWidget, QWidget

from roundup_editor.core.document import Change, PostDocument
from roundup_editor.formats.dialects import render_block
from roundup_editor.gui.lazy_qt import Qt
from roundup_editor.gui.preview.chunks import chunked_html, new_length
from roundup_editor.gui.preview.views import BrowserPageView, PageView, js_call, make_web_view
from roundup_editor.gui.preview.warm import webengine_available
from roundup_editor.render.markdown import warm_up
from roundup_editor.render.page import PageRenderer, Theme

PAGE, MARKDOWN, EXCERPT = range(3)
_DELIVER = QEvent.Type(QEvent.registerEventType())


class _Mailbox(QObject):
    """Hands results from the worker thread to the GUI thread ahead of queued repaints.

    A queued signal would wait behind the repaints the keystroke itself posted (the editor,
    the outline, the web view's compositor: a few ms); a high-priority posted event is
    delivered first, so the patch leaves before the window repaints.
    """

    def __init__(
        self, receive: Callable[[tuple[int, str, str | None]], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._receive = receive
        self._items: deque[tuple[int, str, str | None]] = deque()
        self._lock = threading.Lock()

    def post(self, item: tuple[int, str, str | None]) -> None:
        """Queue ``item`` from any thread and wake the GUI thread."""
        with self._lock:
            self._items.append(item)
        priority = Qt.EventPriority.HighEventPriority.value
        QCoreApplication.postEvent(self, QEvent(_DELIVER), priority)

    def event(self, event: QEvent) -> bool:
        """Deliver every queued result (on the GUI thread)."""
        if event.type() != _DELIVER:
            return super().event(event)
        while True:
            with self._lock:
                if not self._items:
                    return True
                item = self._items.popleft()
            self._receive(item)


class PreviewPane(QTabWidget):
    """Page / Markdown / Excerpt tabs over one document.

    Signals:
        ready: the page finished a full load (first show, another post, fallback refresh).
        patched: a block id whose patch the page has applied (the script's callback returned).
    """

    ready = Signal()
    patched = Signal(int)

    # A block with this little new text (typically the one paragraph being typed in: a tenth
    # of a millisecond) is converted on the GUI thread: handing it to the worker and back
    # costs more than it saves. Paragraphs convert separately (see ``chunks``).
    convert_inline_max = 4000
    # The window's other updates after a keystroke wait about one frame (see after_patch).
    after_patch_ms = 16

    def __init__(
        self,
        document: PostDocument,
        renderer: PageRenderer | None = None,
        use_webengine: bool | None = None,
        theme: Theme = "auto",
        parent: QWidget | None = None,
    ) -> None:
        """Build the tabs; the page view is WebEngine unless missing or switched off."""
        super().__init__(parent)
        self.document = document
        self.renderer = renderer or PageRenderer()
        self.theme: Theme = theme
        if use_webengine is None:
            use_webengine = webengine_available()
        self.view: PageView = make_web_view(self) if use_webengine else BrowserPageView(self)
        self.uses_webengine = use_webengine
        self.excerpt_view = BrowserPageView(self)
        self.excerpt_view.browser.setAccessibleName("Excerpt preview")
        self.markdown = QPlainTextEdit(self)
        self.markdown.setReadOnly(True)
        self.markdown.setAccessibleName("Markdown that Save writes")
        self.markdown.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.markdown.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.addTab(self.view.widget(), "&Page")
        self.addTab(self.markdown, "&Markdown")
        self.addTab(self.excerpt_view.widget(), "E&xcerpt")
        self.setAccessibleName("Preview")
        self.view.loaded.connect(self._on_loaded)
        self.currentChanged.connect(self._refresh_tab)
        self._pending: list[Change] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)
        self._shown: dict[int, str] = {}
        # Work the window puts off until the keystroke's patch has left (outline, title...).
        self._after: list[Callable[[], None]] = []
        self._in_flight = 0  # patches converting on the worker thread
        self._after_timer = QTimer(self)
        self._after_timer.setSingleShot(True)
        self._after_timer.timeout.connect(self._run_after)
        self._wanted: dict[int, str] = {}  # the Markdown each block's latest patch shows
        self._loading = False
        self.has_loaded = False  # a whole page has finished loading once (ready was emitted)
        # The first page may have come from the start-up helper: warm Markdown up after it.
        self._after_first_load: list[Callable[[], object]] = [lambda: self._pool.submit(warm_up)]
        self._stale_tabs = {MARKDOWN, EXCERPT}
        self.selected: int | None = None
        # Markdown of an edited block is converted here, never on the GUI thread; the result
        # comes back through the mailbox (a high-priority posted event).
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="preview")
        self._mailbox = _Mailbox(self._deliver, self)
        self.destroyed.connect(lambda *_: self._pool.shutdown(wait=False))
        font = QFont(self.markdown.font())
        self.markdown.setFont(font)

    # --- whole page -------------------------------------------------------------------

    def set_document(self, document: PostDocument) -> None:
        """Show another document."""
        self.document = document
        self._pending.clear()
        self.reload()

    def reload(self) -> None:
        """Render and load the whole page (used on open and by the fallback view)."""
        rendered = self.renderer.blocks(self.document.post)
        self._shown = {item.block_id: item.html for item in rendered}
        self._wanted = {item.block_id: item.markdown for item in rendered}
        html = self.renderer.page(
            self.document.post, self.document.folder, theme=self.theme, rendered=rendered
        )
        self._loading = True
        self.view.set_page(html, self.document.folder)
        self._stale_tabs = {MARKDOWN, EXCERPT}
        self._refresh_tab(self.currentIndex())

    def _on_loaded(self) -> None:
        first = not self.has_loaded
        self._loading = False
        self.has_loaded = True
        if self.selected is not None:
            # The web view loads only on open: show the selected part. The fallback reloads on
            # every change and keeps its own scroll position instead.
            self.select_block(self.selected, scroll=self.uses_webengine)
        if self._pending:
            self.flush()
        self.ready.emit()
        if first:
            for slot in self._after_first_load:
                QTimer.singleShot(0, self, slot)
            self._after_first_load.clear()

    def after_first_load(self, slot: Callable[[], object]) -> None:
        """Call ``slot`` once, an event-loop turn after the first page has loaded.

        Start-up work the window can do without goes here: it then neither competes with
        Chromium's first load nor delays ``ready``. When the page has loaded already, ``slot``
        comes on the next turn.
        """
        if self.has_loaded:
            QTimer.singleShot(0, self, slot)
        else:
            self._after_first_load.append(slot)

    # --- live updates -----------------------------------------------------------------

    def on_change(self, change: Change) -> None:
        """Take a document change: a field edit starts its block's patch at once, others queue.

        A keystroke's block is patched here and now: the window calls this before anything
        else and puts its other updates off with :meth:`after_patch`. Only the block's new
        paragraphs are converted (a long new text goes to the worker thread instead).
        Structural and front-matter changes (and anything after one in the same turn) are
        applied together on the next event-loop turn.
        """
        self._stale_tabs = {MARKDOWN, EXCERPT}
        immediate = (
            self.uses_webengine
            and not self._loading
            and not self._pending
            and change.kind == "field"
            and change.block_id is not None
        )
        if immediate and change.block_id is not None:
            self._patch(change.block_id)
        else:
            self._pending.append(change)
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Apply the queued changes to the page and the visible tab."""
        if self._loading:
            return  # _on_loaded flushes
        changes, self._pending = self._pending, []
        if not changes:
            self._refresh_tab(self.currentIndex())
            return
        if not self.uses_webengine:
            self.reload()
            return
        structural = any(change.kind in ("structure", "post") for change in changes)
        header = structural or any(change.kind == "front_matter" for change in changes)
        if structural:
            self._relayout()
        else:
            seen: set[int] = set()
            for change in changes:
                if change.block_id is not None and change.block_id not in seen:
                    seen.add(change.block_id)
                    self._patch(change.block_id)
        if header:
            title, meta = self.renderer.header(self.document.post, self.document.folder)
            self.view.run(js_call("setHeader", title, meta))
        self._refresh_tab(self.currentIndex())

    def _patch(self, block_id: int) -> None:
        """Patch one block: cached HTML, its new paragraphs converted here, or the worker's."""
        try:
            block = self.document.block(block_id)
        except KeyError:
            return
        text = render_block(block)
        self._wanted[block_id] = text
        cache = self.renderer.cache
        if text in cache:  # undo, or a block typed back to what it was
            self._send_patch(block_id, cache.html(text))
            return
        if new_length(text, cache.__contains__) <= self.convert_inline_max:
            self._send_patch(block_id, chunked_html(text, cache.html))
            return
        future = self._pool.submit(chunked_html, text, cache.html)
        self._in_flight += 1

        mailbox = self._mailbox

        def converted(done: Future[str]) -> None:
            html = None if done.exception() is not None else done.result()
            with contextlib.suppress(RuntimeError):  # the pane was closed meanwhile
                mailbox.post((block_id, text, html))

        future.add_done_callback(converted)

    def _deliver(self, result: tuple[int, str, str | None]) -> None:
        """Patch with HTML converted off the GUI thread, unless the block changed since."""
        block_id, text, html = result
        self._in_flight = max(0, self._in_flight - 1)
        if html is not None and self._wanted.get(block_id) == text:  # older revisions dropped
            self._send_patch(block_id, html)
        if self._after and not self._in_flight and not self._after_timer.isActive():
            self._after_timer.start(self.after_patch_ms)

    def after_patch(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once, ``after_patch_ms`` after the pending patches have left.

        A keystroke's other work (outline row, title bar...) waits so that the patch reaches
        the page and its frame is drawn first (the page's answers come back through this
        thread); the same callback asked for again before it runs is called once, so a burst
        of keys updates the outline at most once a frame.
        """
        if callback not in self._after:
            self._after.append(callback)
        if self._in_flight:
            # The patch's delivery starts the timer again; this interval is a safety net.
            self._after_timer.start(100)
        elif not self._after_timer.isActive():
            self._after_timer.start(self.after_patch_ms)

    def _run_after(self) -> None:
        callbacks, self._after = self._after, []
        for callback in callbacks:
            callback()

    def _send_patch(self, block_id: int, html: str) -> None:
        if self._shown.get(block_id) == html:
            return
        self._shown[block_id] = html

        def done(_result: object) -> None:
            self.patched.emit(block_id)

        self.view.run(js_call("patch", block_id, html), done)

    def _relayout(self) -> None:
        items: list[list[Any]] = []
        shown: dict[int, str] = {}
        wanted: dict[int, str] = {}
        for item in self.renderer.blocks(self.document.post):
            known = self._shown.get(item.block_id)
            items.append([item.block_id, item.kind, None if known == item.html else item.html])
            shown[item.block_id] = item.html
            wanted[item.block_id] = item.markdown
        self._shown, self._wanted = shown, wanted  # patches still on the worker are dropped
        self.view.run(js_call("layout", items), lambda _r: self.patched.emit(-1))

    def select_block(self, block_id: int | None, scroll: bool = True) -> None:
        """Outline the selected block in the page and scroll it into view."""
        self.selected = block_id
        if block_id is None:
            return
        ran = self.view.run(js_call("select", block_id, scroll))
        if not ran and scroll and isinstance(self.view, BrowserPageView):
            self.view.scroll_to(block_id)

    # --- other tabs -------------------------------------------------------------------

    def _refresh_tab(self, index: int) -> None:
        if index not in self._stale_tabs:
            return
        self._stale_tabs.discard(index)
        if index == MARKDOWN:
            bar = self.markdown.verticalScrollBar()
            position = bar.value()
            self.markdown.setPlainText(self.document.text())
            bar.setValue(position)
        elif index == EXCERPT:
            html = self.renderer.page(
                self.document.post, self.document.folder, excerpt=True, theme=self.theme
            )
            self.excerpt_view.set_page(html, self.document.folder)

    def markdown_text(self) -> str:
        """Return the Markdown tab's text, brought up to date."""
        self._stale_tabs.add(MARKDOWN)
        self._refresh_tab(MARKDOWN)
        return self.markdown.toPlainText()

    def folder(self) -> Path | None:
        """Return the folder images resolve against."""
        return self.document.folder
