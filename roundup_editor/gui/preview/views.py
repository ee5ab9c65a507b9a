"""The two page views behind one interface: QWebEngineView (patched in place) and QTextBrowser.

The web view loads the page once and then patches single blocks through ``runJavaScript``
(``rb.patch`` in ``templates/preview.js``), so typing keeps the scroll position and costs one
block. QTextBrowser cannot run scripts: it is given the whole page again, at the same scroll
position.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from roundup_editor.gui.preview.page import base_url

Callback = Callable[[Any], None]
_SECTION = re.compile(r'<section id="(b-\d+)"')


class PageView(QObject):
    """What the preview needs from a page view.

    Signals:
        loaded: the page finished loading (after :meth:`set_page`).
    """

    loaded = Signal()

    def widget(self) -> QWidget:
        """Return the widget showing the page."""
        raise NotImplementedError

    def set_page(self, html: str, folder: Path | None) -> None:
        """Show a whole page; ``loaded`` follows."""
        raise NotImplementedError

    def run(self, script: str, callback: Callback | None = None) -> bool:
        """Run a preview script (``rb.*``); return False when the view cannot run scripts."""
        return False


class BrowserPageView(PageView):
    """The fallback: a QTextBrowser given whole pages, keeping its scroll position."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the browser widget."""
        super().__init__(parent)
        from PySide6.QtWidgets import QTextBrowser  # (only without WebEngine)

        self.browser = QTextBrowser(parent)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Page preview")

    def widget(self) -> QWidget:
        """Return the QTextBrowser."""
        return self.browser

    def set_page(self, html: str, folder: Path | None) -> None:
        """Replace the document, keeping the scroll position; emit ``loaded``."""
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        if folder is not None:
            self.browser.setSearchPaths([str(folder.resolve())])
            self.browser.document().setBaseUrl(base_url(folder))
        # QTextBrowser knows anchors only as <a name>: give every section one.
        html = _SECTION.sub(lambda m: f'<a name="{m.group(1)}"></a>{m.group(0)}', html)
        self.browser.setHtml(html)
        bar.setValue(position)
        self.loaded.emit()

    def scroll_to(self, block_id: int) -> None:
        """Scroll to a block's section."""
        self.browser.scrollToAnchor(f"b-{block_id}")


def make_web_view(parent: QWidget | None = None) -> PageView:
    """Return a WebEngine page view (raises ImportError when WebEngine is missing)."""
    from roundup_editor.gui.preview.web import WebPageView

    return WebPageView(parent)


def js_call(function: str, *args: Any) -> str:
    """Return ``rb.function(args...)`` with JSON-encoded arguments."""
    return f"rb.{function}({', '.join(json.dumps(arg) for arg in args)})"
