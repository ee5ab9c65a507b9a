"""Decode drops (files, folders, image data from a browser) and place images in the post folder.

:func:`store_image` is the one place a dropped image becomes a file of the post. It copies and
checks the image with Pillow today; the image pipeline (``roundup_editor/images``) can take its
place without touching the widgets.
"""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData
from PySide6.QtGui import QImage

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
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
    """Return the image format's suffix, or raise ValueError when it is not a usable image."""
    from PIL import Image, UnidentifiedImageError  # imported on first drop: faster startup

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            kind = (image.format or "").lower()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValueError(f"not a readable image ({error})") from None
    suffix = {"jpeg": ".jpg", "png": ".png", "gif": ".gif", "webp": ".webp"}.get(kind)
    if suffix is None:
        raise ValueError(f"{kind or 'this'} images are not supported")
    return suffix


def store_image(source: Path | bytes, folder: Path, stem: str) -> str:
    """Check an image and copy it into ``folder`` under a safe, unused name; return the name.

    Raises ValueError (with a sentence for the status bar) when the image cannot be used.
    """
    data = source.read_bytes() if isinstance(source, Path) else source
    suffix = check_image(data)
    folder.mkdir(parents=True, exist_ok=True)
    name = safe_name(stem, suffix)
    candidate = folder / name
    counter = 2
    while candidate.exists():
        if candidate.read_bytes() == data:
            return candidate.name
        candidate = folder / safe_name(f"{stem}-{counter}", suffix)
        counter += 1
    if isinstance(source, Path):
        shutil.copyfile(source, candidate)
    else:
        candidate.write_bytes(data)
    return candidate.name


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
            payload.problem = f"Cannot use {', '.join(skipped)}: drop PNG, JPEG, GIF or WebP images"
        else:
            payload.problem = "Nothing to use in this drop: drop image files or a folder of images"
    return payload


def _png_bytes(image: QImage) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes
    buffer.close()
    return bytes(array.data())
