"""The WebEngine page view (imported only when PySide6's WebEngine wheel is installed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWebEngineCore import QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from roundup_editor.gui.preview.page import PreviewPage, base_url
from roundup_editor.gui.preview.views import Callback, PageView

__all__ = ["PreviewPage", "WebPageView"]


class WebPageView(PageView):
    """QWebEngineView with the preview page; patches blocks through ``runJavaScript``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the view and its page."""
        super().__init__(parent)
        self.view = QWebEngineView(parent)
        from roundup_editor.gui.preview.warm import take_page

        warm = take_page()
        if warm is not None:
            warm.setParent(self.view)
        self.page = warm or PreviewPage(self.view)
        self.view.setPage(self.page)
        self.view.setAccessibleName("Page preview")
        settings = self.page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
        self.page.loadFinished.connect(self._on_load)

    def widget(self) -> QWidget:
        """Return the QWebEngineView."""
        return self.view

    def set_page(self, html: str, folder: Path | None) -> None:
        """Load a whole page; ``loaded`` follows when WebEngine has finished.

        The first page may already be loading, primed by ``app.main`` (``warm.prime_page``):
        the same HTML is not loaded again.
        """
        from roundup_editor.gui.preview.warm import take_primed

        base = base_url(folder)
        primed = take_primed(html, base.toString())
        if primed is None:
            self.page.setHtml(html, base)
        elif primed:  # already loaded: report it as a load would, from the event loop
            QTimer.singleShot(0, self.view, lambda: self._on_load(True))

    def _on_load(self, ok: bool) -> None:
        self.loaded.emit()

    def run(self, script: str, callback: Callback | None = None) -> bool:
        """Run a preview script in the page."""
        if callback is None:
            self.page.runJavaScript(script, 0)
        else:
            self.page.runJavaScript(script, 0, callback)
        return True
