"""The first page of a dropped PDF (a slide deck) as an image, through pypdfium2."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from roundup_editor.images.pipeline import (
    ImageError,
    ImageOptions,
    ProcessedImage,
    process_decoded,
    read_source,
)

#: A page is never rendered larger than this many pixels, whatever its size in points.
MAX_RENDER_PIXELS = 25_000_000


def is_pdf(data: bytes) -> bool:
    """Tell whether ``data`` looks like a PDF file (the header may follow a little junk)."""
    return b"%PDF-" in data[:1024]


def render_first_page(data: bytes, width: int, name: str = "the PDF") -> Image.Image:
    """Render page 1 of the PDF in ``data`` at ``width`` pixels wide (RGB, on white).

    Encrypted, broken and empty documents raise :class:`ImageError` with one sentence.
    """
    if not data:
        raise ImageError(f"{name} is empty (0 bytes)")
    if not is_pdf(data):
        raise ImageError(f"{name} is not a PDF file")
    import pypdfium2  # type: ignore[import-untyped]

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        text = str(error).lower()
        if "password" in text or "security" in text:
            raise ImageError(f"{name} is encrypted; export the slides without a password") from None
        raise ImageError(f"{name} is damaged and cannot be opened as a PDF") from None
    try:
        if len(document) == 0:
            raise ImageError(f"{name} has no pages")
        page = document[0]
        try:
            page_width, page_height = page.get_size()
            if page_width <= 0 or page_height <= 0:
                raise ImageError(f"{name} has an empty first page")
            scale = width / page_width
            if page_width * page_height * scale * scale > MAX_RENDER_PIXELS:
                scale = (MAX_RENDER_PIXELS / (page_width * page_height)) ** 0.5
            bitmap = page.render(scale=scale, fill_color=(255, 255, 255, 255))
            try:
                image: Image.Image = bitmap.to_pil().convert("RGB")
            finally:
                bitmap.close()
        finally:
            page.close()
    except pypdfium2.PdfiumError:
        raise ImageError(f"{name} is damaged: its first page cannot be drawn") from None
    finally:
        document.close()
    return image


def process_pdf(
    source: Path | bytes, options: ImageOptions | None = None, name: str | None = None
) -> ProcessedImage:
    """Return the first page of a PDF as a processed (PNG, metadata-free) thumbnail."""
    options = options or ImageOptions()
    label = name or (source.name if isinstance(source, Path) else "the PDF")
    data = read_source(source) if isinstance(source, Path) else source
    page = render_first_page(data, options.width, label)
    return process_decoded(page, options, label)
