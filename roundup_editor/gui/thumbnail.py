"""The session form's thumbnail well: the processed image and Choose…, Fetch and Remove.

The well shows the stored (processed) image at its real aspect ratio and accepts drops of image
files, PDFs and image data. *Choose…* opens a file dialog, *Fetch* gets the thumbnail from the
session's slides or video URL (off the GUI thread, through the window's
:class:`~roundup_editor.gui.imagework.ImageWork`), *Remove* clears it. The widget only emits
signals: the session form turns them into window calls and undoable commands.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from roundup_editor.gui.widgets import ImageWell


class ThumbnailWell(QWidget):
    """A slide thumbnail drop zone with its buttons.

    Signals:
        dropped: the QMimeData of a drop on the well.
        choose_requested: Choose… was pressed.
        fetch_requested: Fetch was pressed.
        remove_requested: Remove was pressed.
    """

    dropped = Signal(QMimeData)
    choose_requested = Signal()
    fetch_requested = Signal()
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the well and its buttons (Fetch and Remove start disabled)."""
        super().__init__(parent)
        self.well = ImageWell("Drop a slide image or a PDF here")
        self.well.setAccessibleName("Slide thumbnail drop zone")
        self.well.dropped.connect(self.dropped)
        self.size_label = QLabel()
        self.size_label.setAccessibleName("Thumbnail size")
        self.choose = QPushButton("C&hoose…")
        self.choose.setAccessibleName("Choose slide thumbnail")
        self.choose.setToolTip("Pick an image file or a PDF of the slides")
        self.choose.clicked.connect(self.choose_requested)
        self.fetch = QPushButton("&Fetch")
        self.fetch.setAccessibleName("Fetch thumbnail from the slides or video URL")
        self.fetch.setToolTip("Get the thumbnail from the slides URL (or else the video URL)")
        self.fetch.clicked.connect(self.fetch_requested)
        self.remove = QPushButton("Remove thumbnail")
        self.remove.clicked.connect(self.remove_requested)
        buttons = QHBoxLayout()
        for button in (self.choose, self.fetch, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.well)
        layout.addWidget(self.size_label)
        layout.addLayout(buttons)
        self._described: Path | None = None

    def show_thumbnail(self, path: Path | None, can_fetch: bool) -> None:
        """Show the stored image at ``path`` (or the hint) and enable the buttons that apply."""
        if path != self.well.path or path is None:
            self.well.show_image(path)
        self.remove.setEnabled(path is not None)
        self.fetch.setEnabled(can_fetch)
        if path != self._described:  # refresh runs on every keystroke: read the header once
            self._described = path
            self.size_label.setText(_describe(path))


def _describe(path: Path | None) -> str:
    """Return ``name · W×H · size`` for a stored image, or an empty string."""
    if path is None or not path.is_file():
        return ""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError, ValueError):
        return path.name
    size = path.stat().st_size
    amount = f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1048576:.1f} MB"
    return f"{path.name} · {width}×{height} · {amount}"
