"""Small widgets shared by the forms: editors that leave Undo/Redo to the window, an image well."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from roundup_editor.gui.dnd import may_carry_images
from roundup_editor.gui.lazy_qt import Qt

_HISTORY_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def _is_history_key(event: QEvent) -> bool:
    return isinstance(event, QKeyEvent) and any(event.matches(key) for key in _HISTORY_KEYS)


class LineEdit(QLineEdit):
    """A line edit whose Ctrl+Z/Ctrl+Y go to the window's one history.

    Signals:
        focus_lost: the field lost focus (the typing burst ends).
    """

    focus_lost = Signal()

    def event(self, event: QEvent) -> bool:
        """Let Undo/Redo shortcuts reach the window instead of the widget's own undo."""
        if event.type() == QEvent.Type.ShortcutOverride and _is_history_key(event):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ignore Undo/Redo keys (the window's actions handle them)."""
        if _is_history_key(event):
            event.ignore()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """End the typing burst."""
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def set_text_keeping_cursor(self, text: str) -> None:
        """Show ``text`` (from undo or another widget) without emitting ``textEdited``."""
        if self.text() == text:
            return
        position = self.cursorPosition()
        self.setText(text)
        self.setCursorPosition(min(position, len(text)))


class PlainEditor(QPlainTextEdit):
    """A plain-text Markdown editor (line wrap on) whose undo is the window's history.

    Signals:
        edited: the user changed the text (not emitted for programmatic changes).
        focus_lost: the editor lost focus (the typing burst ends).
    """

    edited = Signal(str)
    focus_lost = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the editor with its own undo switched off."""
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._quiet = False
        self.textChanged.connect(self._on_changed)

    def _on_changed(self) -> None:
        if not self._quiet:
            self.edited.emit(self.toPlainText())

    def event(self, event: QEvent) -> bool:
        """Let Undo/Redo shortcuts reach the window."""
        if event.type() == QEvent.Type.ShortcutOverride and _is_history_key(event):
            event.ignore()
            return False
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """End the typing burst."""
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def set_text_keeping_cursor(self, text: str) -> None:
        """Show ``text`` without emitting ``edited``, keeping the cursor and scroll position."""
        if self.toPlainText() == text:
            return
        cursor = self.textCursor()
        position = cursor.position()
        scroll = self.verticalScrollBar().value()
        self._quiet = True
        try:
            self.setPlainText(text)
        finally:
            self._quiet = False
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(scroll)


def add_row(layout: QFormLayout, label: str, widget: QWidget, help_text: str = "") -> QWidget:
    """Add ``widget`` with a label (its buddy) and the label as its accessible name."""
    caption = QLabel(label)
    caption.setBuddy(widget)
    widget.setAccessibleName(label.replace("&", ""))
    if help_text:
        widget.setAccessibleDescription(help_text)
        widget.setToolTip(help_text)
    layout.addRow(caption, widget)
    return widget


class ImageWell(QFrame):
    """A drop zone showing an image at its real aspect ratio.

    Signals:
        dropped: the QMimeData of a drop on the well (decoded by the window).
    """

    dropped = Signal(QMimeData)

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        """Build an empty well showing ``hint``."""
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumSize(200, 112)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.hint = hint
        self.image = QLabel(hint, self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image)
        self.setAccessibleName("Image drop zone")
        self.path: Path | None = None

    def show_image(self, path: Path | None) -> None:
        """Show the image at ``path`` (scaled to the well's width), or the hint."""
        self.path = path
        pixmap = QPixmap(str(path)) if path is not None and path.is_file() else QPixmap()
        if pixmap.isNull():
            self.setMinimumHeight(112)
            self.image.setPixmap(QPixmap())
            self.image.setText(self.hint if path is None else f"{path.name} (not found)")
            return
        width = max(160, min(self.width() - 24, 320))
        scaled = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(scaled)
        self.setMinimumHeight(scaled.height() + 24)  # the real aspect ratio, never cropped

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept anything with files or image data; the window decides what it can use."""
        if may_carry_images(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Keep accepting while over the well."""
        if may_carry_images(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Hand the drop to the window."""
        event.acceptProposedAction()
        self.dropped.emit(event.mimeData())


def install_seal(widget: QObject, seal: object) -> None:
    """Connect a widget's ``focus_lost`` to ``seal`` (ends typing bursts)."""
    signal = getattr(widget, "focus_lost", None)
    if signal is not None:
        signal.connect(seal)
