"""Start WebEngine early: the preview page is made, and its first page loading, before the window.

Chromium needs a few hundred milliseconds to start its renderer process and lay a page out.
``app.main`` renders the post's first page before Qt is even imported, and ``start_engine(html,
folder)`` (right after the QApplication exists) creates the preview's page and loads that page
into it, so Chromium works on the other core while Python imports and builds the window.
``WebPageView`` then takes that page (``take_page()``) instead of creating its own, and keeps the
load when its own first page is the same (``take_primed``). Without a first page
``start_engine()`` loads an empty one, and ``prime_page`` loads the first page later.

Chromium's browser side runs on the Qt main thread: while that thread is busy importing the
window's modules, Chromium's tasks wait. ``preload(modules)`` imports them on a worker thread
while the main thread runs the event loop, so both go on at once.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from roundup_editor.gui.preview.page import PreviewPage

_warm: list[PreviewPage] = []


def webengine_available() -> bool:
    """Tell whether QtWebEngine can be used (installed, and not switched off by the env)."""
    if os.environ.get("ROUNDUP_EDITOR_NO_WEBENGINE"):
        return False
    try:
        import PySide6.QtWebEngineWidgets  # noqa: F401
    except ImportError:
        return False
    return True


class _Primed:
    """The first page loading into the warm page before the window exists (see prime_page)."""

    def __init__(self) -> None:
        self.empty_loaded = False  # the empty page start_engine loads has finished
        self.html: str | None = None
        self.base = ""
        self.loaded = False  # the primed page has finished loading

    def on_load(self, _ok: bool) -> None:
        if self.html is None:
            self.empty_loaded = True
        else:
            self.loaded = True


_primed = _Primed()


def start_engine(html: str | None = None, folder: Path | None = None) -> None:
    """Create the preview page and start loading a page into it (once per process).

    With ``html`` (the window's first page, its images in ``folder``) that page is loaded at
    once, and the view that takes the page keeps the load (``take_primed``); without, an empty
    page starts Chromium's renderer and ``prime_page`` can load the first page later.
    """
    if _warm:
        return
    from PySide6.QtCore import QUrl

    from roundup_editor.gui.preview.page import PreviewPage

    page = PreviewPage()
    page.loadFinished.connect(_primed.on_load)
    _warm.append(page)
    if html is None:
        page.setHtml("<!DOCTYPE html><html><body></body></html>", QUrl("file:///"))
    else:
        _load_primed(page, html, folder)


def prime_page(html: str, folder: Path | None) -> bool:
    """Start loading the window's first page into the warm page, before the window is built.

    Chromium then lays the page out while the main thread's event loop runs (``preload``
    imports the window's modules meanwhile), instead of after the window is shown. The view
    that takes the page keeps this load if its first page is the same (``take_primed``).
    Return False when there is no warm page.
    """
    if not _warm or _primed.html is not None:
        return False
    from PySide6.QtCore import QEventLoop, QTimer

    page = _warm[0]
    # A load started before the empty one has finished would be reported as finished by
    # the empty one's (aborted) loadFinished: let that one finish first (it has, nearly
    # always: the preload takes longer than Chromium's start).
    if not _primed.empty_loaded:
        loop = QEventLoop()
        page.loadFinished.connect(loop.quit)  # after _primed.on_load, connected first
        QTimer.singleShot(5000, loop.quit)
        loop.exec()
        page.loadFinished.disconnect(loop.quit)
    _load_primed(page, html, folder)
    return True


def _load_primed(page: PreviewPage, html: str, folder: Path | None) -> None:
    """Load the window's first page into the warm page, remembering it for ``take_primed``."""
    from roundup_editor.gui.preview.page import base_url

    base = base_url(folder)
    _primed.html, _primed.base, _primed.loaded = html, base.toString(), False
    page.setHtml(html, base)


def take_page() -> PreviewPage | None:
    """Return the page ``start_engine`` made (only once), or None."""
    if not _warm:
        return None
    page = _warm.pop()
    page.loadFinished.disconnect(_primed.on_load)
    return page


def take_primed(html: str, base: str) -> bool | None:
    """Hand over the primed load if it is of ``html`` at ``base`` (only once).

    Return None when there is none to keep (the caller loads the page itself), else whether
    it has already finished (if not, the page's ``loadFinished`` follows).
    """
    primed, kept = _primed.html, _primed.loaded
    _primed.html = None
    if primed is None or primed != html or _primed.base != base:
        return None
    return kept


def preload(modules: Sequence[str]) -> None:
    """Import ``modules`` on a worker thread while the Qt event loop runs; return when done.

    An import that fails here is ignored: the main thread imports the module again later and
    sees the error there.
    """
    from PySide6.QtCore import QEventLoop, QObject, Signal

    class _Finished(QObject):
        done = Signal()

    loop = QEventLoop()
    finished = _Finished()
    # Emitted on the worker, so queued to this thread (named, the connection type would build
    # PySide6's Qt namespace here, before the worker starts: gui/lazy_qt.py).
    finished.done.connect(loop.quit)

    def work() -> None:
        for name in modules:
            with contextlib.suppress(Exception):
                importlib.import_module(name)
        finished.done.emit()

    thread = threading.Thread(target=work, name="preload", daemon=True)
    thread.start()
    loop.exec()
    thread.join()
