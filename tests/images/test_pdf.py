"""A dropped PDF gives a thumbnail of its first page; encrypted or broken PDFs a clear error."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from images import samples
from roundup_editor.images.batch import process_any
from roundup_editor.images.pdf import process_pdf, render_first_page
from roundup_editor.images.pipeline import ImageError, ImageOptions


def test_first_page_rendered_at_width() -> None:
    page = render_first_page(samples.pdf_deck(3), 400)
    assert page.size == (400, 225) and page.mode == "RGB"
    # The title bar of the slide is dark blue at the top.
    red, _green, blue = page.getpixel((200, 10))  # type: ignore[misc]
    assert blue > red and blue > 80


def test_pdf_file_to_png_thumbnail(tmp_path: Path) -> None:
    deck = samples.write(tmp_path / "deck.pdf", samples.pdf_deck())
    result = process_pdf(deck, ImageOptions(width=640))
    assert result.format == "png"
    image = Image.open(io.BytesIO(result.data))
    assert image.size == (640, 360)


def test_pdf_told_apart_by_content(tmp_path: Path) -> None:
    disguised = samples.write(tmp_path / "slides.png", samples.pdf_deck())
    assert process_any(disguised, ImageOptions(width=320)).width == 320


def test_encrypted_pdf(tmp_path: Path) -> None:
    locked = samples.write(tmp_path / "locked.pdf", samples.encrypted_pdf())
    with pytest.raises(ImageError, match=r"locked\.pdf is encrypted"):
        process_pdf(locked)


def test_broken_pdf(tmp_path: Path) -> None:
    broken = samples.write(tmp_path / "broken.pdf", samples.broken_pdf())
    with pytest.raises(ImageError, match=r"broken\.pdf is damaged"):
        process_pdf(broken)


def test_empty_and_not_a_pdf(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="empty"):
        process_pdf(samples.write(tmp_path / "empty.pdf", b""))
    with pytest.raises(ImageError, match="not a PDF"):
        render_first_page(b"hello", 100)
