"""Render the app icon's PNG sizes from ``resources/icons/roundup-editor.svg``.

Run it when the SVG changes:

uv run python packaging/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def main() -> int:
    """Write one PNG per size next to the SVG."""
    app = QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(ICONS / "roundup-editor.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"roundup-editor-{size}.png"))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
