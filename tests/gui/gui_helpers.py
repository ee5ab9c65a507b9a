"""Helpers for GUI tests: typing into fields, real drops, small images, HTML comparison."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from roundup_editor.gui.widgets import PlainEditor


def make_png(path: Path, size: tuple[int, int] = (64, 36), colour: str = "steelblue") -> Path:
    """Write a small real PNG (or JPEG, by suffix) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)
    return path


def invented_post_folder(folder: Path, sessions: int) -> Path:
    """Write an invented post with ``sessions`` sessions and its images into ``folder``."""
    from support.posts import invented_post_text

    folder.mkdir()
    (folder / "index.md").write_text(invented_post_text(sessions), encoding="utf-8")
    make_png(folder / "header.png", (300, 100))
    for index in range(1, sessions + 1):
        make_png(folder / f"talk-{index}.png")
    return folder


def type_char(widget: QWidget, char: str) -> None:
    """Enter one character QTest cannot type (outside ASCII), as an input method commits it."""
    event = QInputMethodEvent()
    event.setCommitString(char)
    QApplication.sendEvent(widget, event)


def type_into(qtbot: object, widget: QWidget, text: str) -> None:
    """Replace a field's text by typing (select all, then key clicks; Return for newlines)."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    if not text:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
        return
    lines = text.split("\n")
    for number, line in enumerate(lines):
        for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]", line):
            if run.isascii():
                qtbot.keyClicks(widget, run)  # type: ignore[attr-defined]
            else:
                type_char(widget, run)
        if number < len(lines) - 1:
            qtbot.keyClick(widget, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    if isinstance(widget, QLineEdit):
        assert widget.text() == text, widget.text()
    elif isinstance(widget, PlainEditor):
        assert widget.toPlainText() == text


def file_mime(*paths: Path) -> QMimeData:
    """Return drag data carrying local files, as a file manager sends it."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def drop(widget: QWidget, mime: QMimeData, pos: QPoint | None = None) -> QDropEvent:
    """Drag ``mime`` over ``widget`` and drop it there, as a real drag does.

    Sends QDragEnterEvent, QDragMoveEvent and QDropEvent (Qt delivers a drop only to a widget
    that accepted the drag entering it). Returns the drop event.
    """
    point = pos if pos is not None else widget.rect().center()
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(point, actions, mime, buttons, keys)
        move = QDragMoveEvent(point, actions, mime, buttons, keys)
    QApplication.sendEvent(widget, enter)
    QApplication.sendEvent(widget, move)
    event = QDropEvent(QPointF(point), actions, mime, buttons, keys)
    QApplication.sendEvent(widget, event)
    return event


def normalise_html(text: str) -> str:
    """Drop whitespace differences and entity encoding from HTML."""
    import html

    text = html.unescape(text)
    text = re.sub(r">\s+", ">", text)
    text = re.sub(r"\s+<", "<", text)
    return re.sub(r"\s+", " ", text).strip()
