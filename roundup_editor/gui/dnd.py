"""Decode drops (files, folders, PDFs, image data from a browser) and store images in the post.

:func:`decode_drop` and :func:`check_file` only look at names and headers (cheap enough for the
GUI thread). :func:`store_image` is the one place an image becomes a file of the post, through
the image pipeline (``roundup_editor.images``: orientation, metadata stripped, resized, safe
unique names from the session title, identical images stored once, a PDF's first page); batches
run the same steps off the GUI thread (:mod:`roundup_editor.gui.imagework`).
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData

from roundup_editor.core.errors import RoundupError

# The image pipeline (Pillow, multiprocessing, pypdfium2) is imported on first use, inside the
# functions below: the window starts faster without it (issue 3).
if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from roundup_editor.images.pipeline import ImageOptions

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".pdf"}
HEADER_BYTES = 64 * 1024
BLOCK_MIME = "application/x-roundup-block"
_UNSAFE = re.compile(r"[^a-z0-9._]+")


@dataclass
class DropPayload:
    """What a drop carries: image files (sorted by name), raw image bytes, or a reason to refuse."""

    files: list[Path] = field(default_factory=list)
    data: list[bytes] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    problem: str = ""

    @property
    def usable(self) -> bool:
        """Tell whether the drop holds at least one image."""
        return bool(self.files or self.data)


def safe_name(stem: str, suffix: str) -> str:
    """Return a lower-case file name with only letters, digits, dots, underscores and dashes."""
    clean = _UNSAFE.sub("-", stem.lower()).strip("-._") or "image"
    return f"{clean[:60]}{suffix.lower()}"


def title_from_file(path: Path) -> str:
    """Return a session title guessed from an image file name (``02-storage_tiers`` -> ...)."""
    words = re.sub(r"^[\d\s._-]+", "", path.stem)
    words = re.sub(r"[_-]+", " ", words).strip() or path.stem
    return words[:1].upper() + words[1:]


def check_image(data: bytes) -> str:
    """Return the suffix the stored file would get from its format (``.pdf`` for a PDF).

    Only the header is read (no pixels are decoded), so this is cheap enough for the GUI thread;
    the pipeline finds truncated files later. Raises ValueError with a sentence when the data is
    not an image or PDF the editor can use.
    """
    from PIL import UnidentifiedImageError
    from PIL.Image import DecompressionBombError

    from roundup_editor.images.pdf import is_pdf

    if is_pdf(data[:1024]):
        return ".pdf"
    if not data:
        raise ValueError("the file is empty")
    try:
        kind = _header_format(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValueError(f"not a readable image ({error})") from None
    except DecompressionBombError:  # far over the pipeline's pixel limit: never decoded
        raise ValueError("the image is too large (a decompression bomb?)") from None
    return {"jpeg": ".jpg", "mpo": ".jpg", "tiff": ".tif"}.get(kind, f".{kind}")


#: Formats whose plugins Pillow loads cheaply (``preinit``); the others load every plugin
#: (~20 ms the first time), so they are tried only when these do not match.
_COMMON_FORMATS = ("JPEG", "PNG", "GIF", "BMP")


def _header_format(source: Path | io.BytesIO) -> str:
    """Return the lower-case format read from an image's header (no pixels are decoded)."""
    from PIL import Image, UnidentifiedImageError

    from roundup_editor.images.pipeline import ALLOWED_FORMATS

    with warnings.catch_warnings():  # the pipeline applies its own pixel limit
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(source, formats=_COMMON_FORMATS) as image:
                return (image.format or "").lower()
        except UnidentifiedImageError:
            if isinstance(source, io.BytesIO):
                source.seek(0)
            with Image.open(source, formats=ALLOWED_FORMATS) as image:
                return (image.format or "").lower()


def check_file(path: Path) -> str | None:
    """Return why ``path`` cannot be used as an image (reading only its header), or None."""
    try:
        with path.open("rb") as stream:
            head = stream.read(HEADER_BYTES)
    except OSError as error:
        return f"cannot read it ({error.strerror})"
    from roundup_editor.images.pdf import is_pdf

    if is_pdf(head):
        return None
    if len(head) == HEADER_BYTES:  # a large file: let Pillow read the header from the file
        from PIL import UnidentifiedImageError
        from PIL.Image import DecompressionBombError

        try:
            _header_format(path)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            return f"not a readable image ({error})"
        except DecompressionBombError:
            return "the image is too large (a decompression bomb?)"
        return None
    try:
        check_image(head)
    except ValueError as error:
        return str(error)
    return None


def image_options(width: int) -> ImageOptions:
    """Return the pipeline options for images at most ``width`` pixels wide."""
    from roundup_editor.images.pipeline import ImageOptions

    return ImageOptions(width=max(16, width))


def store_image(source: Path | bytes, folder: Path, title: str, width: int = 1200) -> str:
    """Run an image (or a PDF's first page) through the pipeline and store it in ``folder``.

    The image is oriented, stripped of metadata and resized to ``width``; its name comes from
    ``title`` (safe and unique); an identical image already in the folder is reused. Returns
    the file name. Raises ValueError (with a sentence for the status bar) when it cannot be used.
    This runs on the caller's thread: the window uses :mod:`roundup_editor.gui.imagework`.
    """
    from roundup_editor.images.batch import process_any
    from roundup_editor.images.store import ImageStore

    try:
        processed = process_any(source, image_options(width))
        return ImageStore(folder).store(processed, title)
    except RoundupError as error:
        raise ValueError(str(error)) from None


RAW_IMAGE_FORMATS = ("image/png", "image/jpeg", "image/webp", "image/gif")


def may_carry_images(mime: QMimeData) -> bool:
    """Tell whether a drag may hold images (files, folders or image data) worth accepting."""
    return mime.hasUrls() or mime.hasImage() or any(mime.hasFormat(f) for f in RAW_IMAGE_FORMATS)


def decode_drop(mime: QMimeData) -> DropPayload:
    """Read a drop: local image files and folders of images, or image data (from a browser)."""
    payload = DropPayload()
    skipped: list[str] = []
    if mime.hasUrls():
        for url in mime.urls():
            if not url.isLocalFile():
                continue
            path = Path(url.toLocalFile())
            if path.is_dir():
                payload.folders.append(path)
                images = [p for p in path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES]
                payload.files.extend(sorted(images, key=lambda p: p.name.lower()))
            elif path.suffix.lower() in IMAGE_SUFFIXES:
                payload.files.append(path)
            else:
                skipped.append(path.name)
        if not payload.folders:
            payload.files.sort(key=lambda p: p.name.lower())
    if not payload.files and mime.hasImage():
        from PySide6.QtGui import QImage  # (image types are built on the first drop)

        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            payload.data.append(_png_bytes(image))
    if not payload.files and not payload.data:
        for kind in RAW_IMAGE_FORMATS:
            if mime.hasFormat(kind):
                payload.data.append(bytes(mime.data(kind).data()))
                break
    if not payload.usable:
        if skipped:
            payload.problem = (
                f"Cannot use {', '.join(skipped)}: drop images (PNG, JPEG, GIF, WebP...) or a PDF"
            )
        else:
            payload.problem = "Nothing to use in this drop: drop image files or a folder of images"
    return payload


def remote_urls(mime: QMimeData) -> list[str]:
    """Return the http(s) addresses a drag carries (a link or an image dragged from a browser)."""
    found: list[str] = []
    if mime.hasUrls():
        found = [url.toString() for url in mime.urls() if url.scheme() in ("http", "https")]
    if not found and mime.hasText():
        text = mime.text().strip()
        if re.fullmatch(r"https?://\S+", text):
            found = [text]
    return found


def _png_bytes(image: QImage) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes
    buffer.close()
    return bytes(array.data())
