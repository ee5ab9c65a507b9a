"""Start WebEngine early: the preview's page is created, and Chromium launched, before the window.

Chromium needs a few hundred milliseconds to start its renderer process. ``start_engine()`` (called
by ``app.main`` right after the QApplication exists, before the editor's modules are imported)
creates the preview's page and loads an empty page into it, so the renderer starts on the other
core while Python imports and builds the window. ``WebPageView`` then takes that page
(``take_page()``) instead of creating its own; a later ``setHtml`` with a ``file:`` base URL stays
in the same renderer process (all ``file:`` URLs are one site).

Chromium's browser side runs on the Qt main thread: while that thread is busy importing the
editor's modules, Chromium's start-up tasks wait. ``preload(modules)`` imports them on a worker
thread while the main thread runs the event loop, so both go on at once.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roundup_editor.gui.preview.web import PreviewPage

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


def start_engine() -> None:
    """Create the preview page and start loading an empty page (once per process)."""
    if _warm:
        return
    from PySide6.QtCore import QUrl

    from roundup_editor.gui.preview.web import PreviewPage

    page = PreviewPage()
    page.setHtml("<!DOCTYPE html><html><body></body></html>", QUrl("file:///"))
    _warm.append(page)


def take_page() -> PreviewPage | None:
    """Return the page ``start_engine`` made (only once), or None."""
    return _warm.pop() if _warm else None


# Qt-free modules the window needs before its first paint (Markdown, YAML, the dialects). The
# image pipeline, the directory and lint load later, on first use or on a worker thread.
WINDOW_MODULES = (
    "roundup_editor.formats.writer",
    "roundup_editor.formats.reader",
    "roundup_editor.render",
    "roundup_editor.core.commands",
    "roundup_editor.core.document",
    "roundup_editor.core.settings",
    "roundup_editor.export.site",
)


def preload(modules: Sequence[str] = WINDOW_MODULES) -> None:
    """Import ``modules`` on a worker thread while the Qt event loop runs; return when done.

    An import that fails here is ignored: the main thread imports the module again later and
    sees the error there.
    """
    from PySide6.QtCore import QEventLoop, QObject, Qt, Signal

    class _Finished(QObject):
        done = Signal()

    loop = QEventLoop()
    finished = _Finished()
    finished.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def work() -> None:
        for name in modules:
            with contextlib.suppress(Exception):
                importlib.import_module(name)
        finished.done.emit()

    thread = threading.Thread(target=work, name="preload", daemon=True)
    thread.start()
    loop.exec()
    thread.join()
