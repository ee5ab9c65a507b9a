"""The image pipeline: open defensively, orient, strip, convert, resize and encode (Qt-free).

Whatever an organiser drops (a phone photo with GPS tags, a 16-bit PNG, a CMYK JPEG, an
animated GIF, a PDF) comes out as a small, clean PNG (slides, screenshots, anything with
transparency) or JPEG (photos), no wider than the configured width and without any metadata.
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from roundup_editor.core.errors import RoundupError

OutputFormat = Literal["png", "jpeg"]

#: Formats Pillow may open: the ones a browser shows plus TIFF and BMP (MPO comes with JPEG).
ALLOWED_FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF")
LARGE_FILE_BYTES = 1024 * 1024
MAX_SOURCE_BYTES = 200 * 1024 * 1024
_SRGB = ImageCms.createProfile("sRGB")
#: A sample with more distinct colours than this is a photo (slides have a few hundred).
GRAPHIC_MAX_COLOURS = 8192


class ImageError(RoundupError):
    """An image cannot be used: empty, truncated, too large, unsupported or unreadable."""


@dataclass(frozen=True)
class ImageOptions:
    """How images are processed.

    ``width`` is the largest width written (images are never upscaled); ``max_pixels`` refuses
    decompression bombs before any pixel is decoded.
    """

    width: int = 1200
    max_pixels: int = 100_000_000
    jpeg_quality: int = 85
    large_file_bytes: int = LARGE_FILE_BYTES
    force_format: OutputFormat | None = None


@dataclass
class ImageInfo:
    """What :func:`probe` learns from a file's header, without decoding its pixels."""

    format: str
    width: int
    height: int
    mode: str
    frames: int = 1


@dataclass
class ProcessedImage:
    """An encoded, metadata-free image ready to be stored in a post folder."""

    data: bytes
    format: OutputFormat
    width: int
    height: int
    source: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def extension(self) -> str:
        """The file extension for the format, without a dot."""
        return "jpg" if self.format == "jpeg" else "png"


def _name(source: Path | bytes, label: str | None) -> str:
    if label:
        return label
    return source.name if isinstance(source, Path) else "the dropped image"


def read_source(path: Path) -> bytes:
    """Read a dropped file's bytes, refusing what is not a regular, non-empty, sane-sized file.

    Symbolic links are followed to the file they name; a dangling link is an error.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise ImageError(f"{path.name} is a link to a file that does not exist") from None
        raise ImageError(f"{path.name} does not exist") from None
    except OSError as error:
        raise ImageError(f"{path.name} cannot be read: {error.strerror}") from None
    if not os.path.isfile(path):
        raise ImageError(f"{path.name} is not a file")
    if stat.st_size == 0:
        raise ImageError(f"{path.name} is empty (0 bytes)")
    if stat.st_size > MAX_SOURCE_BYTES:
        raise ImageError(f"{path.name} is over {MAX_SOURCE_BYTES // (1024 * 1024)} MB")
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImageError(f"{path.name} cannot be read: {error.strerror}") from None


def _check_bytes(data: bytes, name: str) -> None:
    if not data:
        raise ImageError(f"{name} is empty (0 bytes)")
    head = data[:512].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) or b"<svg" in head:
        raise ImageError(f"{name} is an SVG drawing; export it as PNG first")
    if data.startswith(b"%PDF"):
        raise ImageError(f"{name} is a PDF; use the PDF thumbnail instead")


def _draft_size(image: Image.Image, width: int) -> tuple[int, int] | None:
    """Return the size a JPEG may be decoded at and still give ``width`` after orientation."""
    if image.format not in ("JPEG", "MPO"):
        return None
    turned = image.getexif().get(0x0112) in (5, 6, 7, 8)
    shown_width = image.height if turned else image.width
    if shown_width <= width * 2:
        return None
    scale = width / shown_width
    return (int(image.width * scale) + 1, int(image.height * scale) + 1)


def open_image(
    data: bytes, name: str, options: ImageOptions | None = None, draft: bool = True
) -> Image.Image:
    """Open and fully decode ``data``; raise :class:`ImageError` with one clear sentence.

    The size is checked from the header (bomb limit) before decoding, the file is verified,
    and animations give their first frame. With ``draft``, a large JPEG is decoded directly at
    the smallest scale that still gives ``options.width`` (much faster, much less memory).
    """
    options = options or ImageOptions()
    _check_bytes(data, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            probe_image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
            width, height = probe_image.size
            if width * height > options.max_pixels:
                raise ImageError(
                    f"{name} is {width}x{height} pixels, over the limit of "
                    f"{options.max_pixels // 1_000_000} megapixels"
                )
            probe_image.verify()
            image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
            image.seek(0)
            size = _draft_size(image, options.width) if draft else None
            if size is not None:
                image.draft(image.mode, size)
            image.load()
    except ImageError:
        raise
    except Image.DecompressionBombError:
        raise ImageError(f"{name} is too large to open safely (a decompression bomb?)") from None
    except UnidentifiedImageError:
        raise ImageError(f"{name} is not an image format the app can read") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        text = str(error)
        if "truncated" in text or isinstance(error, EOFError):
            raise ImageError(f"{name} is truncated or damaged") from None
        raise ImageError(f"{name} cannot be read as an image ({text})") from None
    return image


def probe(data: bytes, name: str = "the image") -> ImageInfo:
    """Read format, size, mode and frame count from the header only."""
    _check_bytes(data, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
            return ImageInfo(
                format=str(image.format),
                width=image.width,
                height=image.height,
                mode=image.mode,
                frames=int(getattr(image, "n_frames", 1)),
            )
    except Image.DecompressionBombError:
        raise ImageError(f"{name} is too large to open safely (a decompression bomb?)") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ImageError(f"{name} is not an image format the app can read ({error})") from None


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert through the embedded ICC profile when there is one (CMYK, wide-gamut RGB)."""
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    return image


def _high_bit_to_l(image: Image.Image) -> Image.Image:
    """Scale 16-bit (and 32-bit) greyscale down to 8 bits instead of clipping it."""
    if image.mode == "F":
        extrema = image.getextrema()
        low, high = float(extrema[0]), float(extrema[1])  # type: ignore[arg-type]
        scale = 255.0 / (high - low) if high > low else 1.0
        return image.point(lambda value: (value - low) * scale).convert("L")
    wide = image.convert("I")
    top = float(wide.getextrema()[1])  # type: ignore[arg-type]
    divisor = 257.0 if top > 255 else 1.0
    return wide.point(lambda value: value / divisor).convert("L")


def normalize_mode(image: Image.Image) -> Image.Image:
    """Return ``image`` as RGB, RGBA or L: CMYK, 16-bit, palette and 1-bit images converted."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        return _high_bit_to_l(image)
    if image.mode == "CMYK":
        converted = _to_srgb(image)
        return converted if converted.mode == "RGB" else image.convert("RGB")
    if image.mode == "P":
        palette_mode = image.palette.mode if image.palette is not None else "RGB"
        has_alpha = "transparency" in image.info or palette_mode == "RGBA"
        return image.convert("RGBA" if has_alpha else "RGB")
    if image.mode in ("LA", "La", "PA", "RGBa"):
        return image.convert("RGBA")
    if image.mode == "1":
        return image.convert("L")
    if image.mode in ("RGB", "RGBA", "L"):
        return _to_srgb(image) if image.mode == "RGB" else image
    return image.convert("RGB")


def uses_alpha(image: Image.Image) -> bool:
    """Tell whether an RGBA image has any pixel that is not fully opaque."""
    if image.mode != "RGBA":
        return False
    low = image.getchannel("A").getextrema()[0]
    return bool(low < 255)  # type: ignore[operator]


def looks_like_graphic(image: Image.Image) -> bool:
    """Tell slides, screenshots and drawings (flat colours) from photos.

    A sample of the pixels is taken without blending them; when the 32 most common colours
    cover at least half of it, the image is a graphic and PNG keeps it crisp.
    """
    sample = image.convert("RGB")
    if max(sample.size) > 256:
        sample = sample.resize(
            (
                max(1, sample.width * 256 // max(sample.size)),
                max(1, sample.height * 256 // max(sample.size)),
            ),
            Image.Resampling.NEAREST,
        )
    colours = sample.getcolors(GRAPHIC_MAX_COLOURS)
    if colours is None:  # thousands of distinct colours: a photo
        return False
    counts = sorted((count for count, _colour in colours), reverse=True)
    return sum(counts[:32]) >= 0.5 * sample.width * sample.height


def orient(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation (phone photos) in place and return the upright image."""
    ImageOps.exif_transpose(image, in_place=True)
    return image


def resize_to_width(image: Image.Image, width: int) -> Image.Image:
    """Shrink to ``width`` keeping the aspect ratio; never upscale."""
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.BICUBIC, reducing_gap=2.0)


def encode(image: Image.Image, fmt: OutputFormat, quality: int = 85) -> bytes:
    """Encode without any metadata (no EXIF, GPS, ICC, XMP or text chunks)."""
    saved_info, image.info = image.info, {}
    try:
        return _encode_clean(image, fmt, quality)
    finally:
        image.info = saved_info


def _encode_clean(clean: Image.Image, fmt: OutputFormat, quality: int) -> bytes:
    buffer = io.BytesIO()
    if fmt == "jpeg":
        if clean.mode == "RGBA":
            background = Image.new("RGB", clean.size, (255, 255, 255))
            background.paste(clean, mask=clean.getchannel("A"))
            clean = background
        elif clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        clean.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    else:
        clean.save(buffer, "PNG", optimize=clean.width * clean.height <= 4_000_000)
    return buffer.getvalue()


def process_image(
    source: Path | bytes,
    options: ImageOptions | None = None,
    name: str | None = None,
) -> ProcessedImage:
    """Run the whole pipeline on a file or its bytes and return the encoded result."""
    options = options or ImageOptions()
    label = _name(source, name)
    data = read_source(source) if isinstance(source, Path) else source
    image = open_image(data, label, options)
    return process_decoded(image, options, label)


def process_decoded(image: Image.Image, options: ImageOptions, label: str) -> ProcessedImage:
    """Orient, convert, resize and encode an already opened image."""
    image = orient(image)
    image = normalize_mode(image)
    alpha = uses_alpha(image)
    if image.mode == "RGBA" and not alpha:
        image = image.convert("RGB")
    image = resize_to_width(image, options.width)
    fmt: OutputFormat
    if options.force_format is not None:
        fmt = options.force_format
    else:
        fmt = "png" if alpha or looks_like_graphic(image) else "jpeg"
    data = encode(image, fmt, options.jpeg_quality)
    if fmt == "png" and len(data) > options.large_file_bytes and not alpha:
        as_jpeg = encode(image, "jpeg", options.jpeg_quality)
        if len(as_jpeg) < len(data) // 2:
            data, fmt = as_jpeg, "jpeg"
    result = ProcessedImage(data, fmt, image.width, image.height, source=label)
    if len(data) > options.large_file_bytes:
        size = len(data) / (1024 * 1024)
        result.warnings.append(f"{label} is still {size:.1f} MB after processing")
    return result
