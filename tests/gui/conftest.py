"""GUI fixtures: WebEngine set up before the QApplication, windows over invented posts."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
try:  # WebEngine must be imported before the QApplication exists
    import PySide6.QtWebEngineWidgets  # noqa: F401

    HAVE_WEBENGINE = True
except ImportError:  # pragma: no cover - depends on the installed wheels
    HAVE_WEBENGINE = False

from gui_helpers import invented_post_folder  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from roundup_editor.core.document import PostDocument  # noqa: E402
from roundup_editor.core.settings import Settings  # noqa: E402
from roundup_editor.gui.mainwindow import MainWindow  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def post_folder(tmp_path: Path) -> Path:
    """An invented six-session post folder with its images."""
    return invented_post_folder(tmp_path / "2025-05-17-northwind-meetup", 6)


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: object) -> Iterator[WindowFactory]:
    """Return a factory: a shown window over a folder, WebEngine or the fallback preview."""
    windows: list[MainWindow] = []

    def factory(folder: Path | None = None, webengine: bool = False) -> MainWindow:
        if webengine and not HAVE_WEBENGINE:
            pytest.skip("PySide6 WebEngine is not installed")
        document = PostDocument.open(folder) if folder is not None else None
        if document is None:
            from roundup_editor.resources import sample_document

            document = sample_document()
        window = MainWindow(Settings(), document, use_webengine=webengine)
        window.questions = []  # type: ignore[attr-defined]

        def ask(title: str, _text: str) -> QMessageBox.StandardButton:
            window.questions.append(title)  # type: ignore[attr-defined]
            return QMessageBox.StandardButton.Discard

        window.ask = ask  # type: ignore[method-assign]
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # type: ignore[attr-defined]
        windows.append(window)
        return window

    yield factory
    for window in windows:
        window.bridge.mark_saved()  # closing must not ask
        window.close()
        window.deleteLater()
