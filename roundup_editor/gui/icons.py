"""The app icon, built once from the PNG sizes in ``resources/icons`` (the SVG is their source)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from roundup_editor.resources import resource_path

APP_ID = "io.github.roundup_editor.RoundupEditor"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """Return the app icon with every bundled size (empty when the files are missing)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", f"roundup-editor-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon
