"""The preview's QWebEnginePage and the base URL pages load at (a small module of its own).

``warm.start_engine`` creates the page right after the QApplication exists, before the window's
modules are imported, so only what the page needs is imported here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWebEngineCore import QWebEnginePage


def base_url(folder: Path | None) -> QUrl:
    """Return the URL a page of the post in ``folder`` loads at (its images are relative)."""
    return QUrl.fromLocalFile(str(folder.resolve()) + "/") if folder else QUrl()


class PreviewPage(QWebEnginePage):
    """A page that reports ``rb.frame`` tokens logged by the preview script.

    Signals:
        frame: a token whose ``requestAnimationFrame`` callback ran.
    """

    frame = Signal(str)

    def javaScriptConsoleMessage(
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        """Forward frame tokens; drop other console output."""
        if message.startswith("rb-frame:"):
            self.frame.emit(message[len("rb-frame:") :])

    def acceptNavigationRequest(
        self, url: object, kind: QWebEnginePage.NavigationType, main_frame: bool
    ) -> bool:
        """Keep the preview in place: links are not followed inside it."""
        return kind != QWebEnginePage.NavigationType.NavigationTypeLinkClicked
