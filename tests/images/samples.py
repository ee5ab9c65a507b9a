"""Image files the tests make with Pillow: photos, slides, bombs, broken files, PDFs."""

from __future__ import annotations

import functools
import io
import random
from pathlib import Path

from PIL import Image, ImageDraw

GPS_LATITUDE = (51.0, 28.0, 38.0)


def photo(width: int = 800, height: int = 600, seed: int = 1) -> Image.Image:
    """A photo-like RGB image: a smooth gradient with sensor noise (thousands of colours)."""
    rng = random.Random(seed)
    base = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    return Image.blend(base, noise, 0.25)


def slide(width: int = 1600, height: int = 900, text: str = "Scaling object stores") -> Image.Image:
    """A slide-like image: flat background, a title bar and text (few colours)."""
    image = Image.new("RGB", (width, height), (250, 250, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, height // 6), fill=(20, 60, 120))
    for line in range(6):
        draw.text(
            (width // 10, height // 4 + line * height // 10), f"{text} {line}", fill=(0, 0, 0)
        )
    draw.ellipse(
        (width * 3 // 4, height // 2, width * 9 // 10, height * 3 // 4), fill=(200, 40, 40)
    )
    return image


def to_bytes(image: Image.Image, fmt: str, **params: object) -> bytes:
    """Encode ``image`` with Pillow."""
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def exif_rotated_photo_with_gps() -> bytes:
    """A 600x400 JPEG stored sideways (orientation 6: shown 400x600) with GPS tags.

    The stored top-left corner is red, so after orientation the top-right corner is red.
    """
    image = photo(600, 400)
    ImageDraw.Draw(image).rectangle((0, 0, 100, 100), fill=(255, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "FictionalPhone Inc."
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = GPS_LATITUDE
    gps[3] = "E"
    gps[4] = (7.0, 5.0, 12.0)
    return to_bytes(image, "JPEG", exif=exif, quality=90)


@functools.cache
def bomb_png(side: int = 12_000) -> bytes:
    """A tiny PNG (a few kB) that decodes to side*side pixels: a decompression bomb."""
    return to_bytes(Image.new("1", (side, side), 0), "PNG")


def truncated_jpeg() -> bytes:
    data = to_bytes(photo(400, 300), "JPEG", quality=90)
    return data[: len(data) // 2]


def cmyk_jpeg() -> bytes:
    image = Image.new("CMYK", (320, 240), (0, 255, 255, 0))  # pure red in CMYK
    return to_bytes(image, "JPEG", quality=95)


def png16(width: int = 300, height: int = 200) -> bytes:
    """A 16-bit greyscale PNG: a horizontal ramp from 0 to 65535."""
    image = Image.new("I;16", (width, height))
    image.putdata([x * 65535 // (width - 1) for _y in range(height) for x in range(width)])
    return to_bytes(image, "PNG")


def animated_gif() -> bytes:
    frames = [Image.new("P", (120, 80), colour) for colour in (1, 2, 3)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 0, 200, 0, 0, 0, 200, 200, 0, 0] + [0] * 756)
    return to_bytes(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)


def palette_png() -> bytes:
    return to_bytes(slide(640, 360).quantize(16), "PNG")


def alpha_png() -> bytes:
    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((50, 50, 350, 250), fill=(30, 120, 200, 255))
    return to_bytes(image, "PNG")


def opaque_rgba_png() -> bytes:
    return to_bytes(slide(640, 360).convert("RGBA"), "PNG")


def pdf_deck(pages: int = 2) -> bytes:
    """A PDF of ``pages`` slide-like pages (Pillow's PDF writer)."""
    first, *rest = [slide(800, 450, f"Page {page + 1}") for page in range(pages)]
    return to_bytes(first, "PDF", save_all=True, append_images=rest, resolution=72.0)


def encrypted_pdf() -> bytes:
    """A one-page PDF whose trailer names a standard security handler with a user password."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + b"41" * 32
        + b"> /U <"
        + b"42" * 32
        + b"> /P -44 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        b"00" * 16,
        b"00" * 16,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def broken_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\n" + bytes(range(256)) * 4
