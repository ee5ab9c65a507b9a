"""Qt set-up and window fixtures for the recovery and hostile-input GUI tests.

The same set-up as ``tests/gui/conftest.py`` (WebEngine imported before the QApplication,
software Qt Quick offscreen), so these tests can run alone or with the GUI suite.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gui"))

from PySide6.QtQuick import QQuickWindow, QSGRendererInterface  # noqa: TID251

QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
with contextlib.suppress(ImportError):  # WebEngine must come before the QApplication
    import PySide6.QtWebEngineWidgets  # noqa: F401, TID251

from gui_helpers import invented_post_folder  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402, TID251

from roundup_editor.core.document import PostDocument  # noqa: E402
from roundup_editor.core.settings import Settings  # noqa: E402
from roundup_editor.gui.compat import protect_none  # noqa: E402
from roundup_editor.gui.mainwindow import MainWindow  # noqa: E402

protect_none()

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def post_folder(tmp_path: Path) -> Path:
    """An invented three-session post folder with its images."""
    return invented_post_folder(tmp_path / "2025-09-12-kestrel-infra-day", 3)


@pytest.fixture
def make_window(qtbot: object) -> Iterator[WindowFactory]:
    """Return a factory: a shown window (fallback preview) over a post folder."""
    windows: list[MainWindow] = []

    def factory(folder: Path) -> MainWindow:
        window = MainWindow(Settings(), PostDocument.open(folder), use_webengine=False)
        window.questions = []  # type: ignore[attr-defined]
        window.answer = QMessageBox.StandardButton.Discard  # type: ignore[attr-defined]

        def ask(title: str, _text: str) -> QMessageBox.StandardButton:
            window.questions.append(title)  # type: ignore[attr-defined]
            return window.answer  # type: ignore[attr-defined,no-any-return]

        window.ask = ask  # type: ignore[method-assign]
        window.show()
        qtbot.waitExposed(window)  # type: ignore[attr-defined]
        windows.append(window)
        return window

    yield factory
    for window in windows:
        window.answer = QMessageBox.StandardButton.Discard  # type: ignore[attr-defined]
        window.close()
        window.deleteLater()
