"""The main window's size, position and pane sizes, kept between runs.

They live in an INI file in the app's state folder (not with the user's settings: they are
the window's, not the organiser's choices).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from roundup_editor.paths import app_paths


def _store() -> QSettings:
    return QSettings(str(app_paths().state / "window.ini"), QSettings.Format.IniFormat)


def restore_geometry(window: QMainWindow, splitter: QSplitter) -> None:
    """Give ``window`` and its ``splitter`` the geometry saved by the last run, if any."""
    store = _store()
    geometry = store.value("geometry")
    sizes = store.value("splitter")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    if isinstance(sizes, QByteArray):
        splitter.restoreState(sizes)


def save_geometry(window: QMainWindow, splitter: QSplitter) -> None:
    """Save the geometry of ``window`` and its ``splitter`` for the next run."""
    store = _store()
    store.setValue("geometry", window.saveGeometry())
    store.setValue("splitter", splitter.saveState())
    store.sync()
