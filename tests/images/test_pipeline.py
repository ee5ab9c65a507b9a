"""The image pipeline on real files made with Pillow: every awkward case an organiser drops."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from images import samples
from roundup_editor.core.errors import RoundupError
from roundup_editor.images.pipeline import (
    ImageError,
    ImageOptions,
    probe,
    process_image,
)


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_photo_becomes_a_resized_jpeg() -> None:
    result = process_image(samples.to_bytes(samples.photo(2400, 1600), "JPEG"), name="p.jpg")
    assert result.format == "jpeg" and result.extension == "jpg"
    assert (result.width, result.height) == (1200, 800)
    image = decoded(result.data)
    assert image.format == "JPEG" and image.size == (1200, 800)


def test_slide_becomes_a_png() -> None:
    result = process_image(samples.to_bytes(samples.slide(), "PNG"), ImageOptions(width=800))
    assert result.format == "png"
    assert decoded(result.data).size == (800, 450)


@pytest.mark.parametrize("quality", [95, 70])
def test_slide_saved_as_jpeg_still_becomes_png(quality: int) -> None:
    # Flat colours survive JPEG compression well enough to be told apart from a photo.
    result = process_image(samples.to_bytes(samples.slide(), "JPEG", quality=quality))
    assert result.format == "png"


def test_photo_saved_as_png_becomes_jpeg() -> None:
    assert process_image(samples.to_bytes(samples.photo(1600, 1200), "PNG")).format == "jpeg"


def test_never_upscales() -> None:
    result = process_image(samples.to_bytes(samples.photo(300, 200), "JPEG"))
    assert (result.width, result.height) == (300, 200)


def test_exif_orientation_applied_and_gps_removed() -> None:
    source = samples.exif_rotated_photo_with_gps()
    assert b"FictionalPhone" in source
    result = process_image(source, ImageOptions(width=1000))
    image = decoded(result.data)
    assert image.size == (400, 600)  # stored 600x400, orientation 6 turns it upright
    red = image.convert("RGB").getpixel((image.width - 20, 20))
    assert isinstance(red, tuple) and red[0] > 200 and red[1] < 60  # top-left went top-right
    assert len(image.getexif()) == 0
    assert "exif" not in image.info and "icc_profile" not in image.info
    assert b"FictionalPhone" not in result.data and b"Exif" not in result.data
    assert b"GPS" not in result.data


def test_metadata_stripped_from_png_too() -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Ada Quillfeather, Northwind Labs")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: samples.GPS_LATITUDE}
    source = samples.to_bytes(samples.slide(400, 300), "PNG", pnginfo=info, exif=exif)
    result = process_image(source)
    assert b"Quillfeather" not in result.data and b"eXIf" not in result.data
    assert decoded(result.data).info.get("Author") is None


def test_decompression_bomb_is_refused_before_decoding() -> None:
    bomb = samples.bomb_png(12_000)
    assert len(bomb) < 100_000
    with pytest.raises(ImageError, match="over the limit of 100 megapixels"):
        process_image(bomb, name="bomb.png")
    with pytest.raises(ImageError, match="megapixels"):
        process_image(
            samples.to_bytes(samples.photo(400, 300), "PNG"), ImageOptions(max_pixels=1000)
        )


def test_pillow_bomb_error_is_caught_too() -> None:
    # Beyond twice Pillow's own limit Image.open itself refuses: still one clear sentence.
    with pytest.raises(ImageError, match=r"too large|megapixels"):
        process_image(samples.bomb_png(14_000), ImageOptions(max_pixels=10**12))


def test_truncated_jpeg() -> None:
    with pytest.raises(ImageError, match="truncated or damaged"):
        process_image(samples.truncated_jpeg(), name="half.jpg")


def test_cmyk_jpeg_becomes_rgb() -> None:
    result = process_image(samples.cmyk_jpeg())
    image = decoded(result.data).convert("RGB")
    assert decoded(result.data).mode in ("RGB", "L")
    red, green, blue = image.getpixel((10, 10))  # type: ignore[misc]
    assert red > 180 and green < 80 and blue < 80


def test_16_bit_png_is_scaled_not_clipped() -> None:
    result = process_image(samples.png16())
    image = decoded(result.data).convert("L")
    left, middle, right = (image.getpixel((x, 100)) for x in (0, 150, 299))
    assert left < 10 and 100 < middle < 160 and right > 245  # type: ignore[operator]


def test_animated_gif_gives_its_first_frame() -> None:
    result = process_image(samples.animated_gif())
    image = decoded(result.data)
    assert getattr(image, "n_frames", 1) == 1
    assert image.convert("RGB").getpixel((5, 5)) == (0, 200, 0)


def test_palette_image() -> None:
    result = process_image(samples.palette_png())
    assert result.format == "png"
    assert decoded(result.data).mode in ("RGB", "P", "L")


def test_alpha_kept_as_png_when_used() -> None:
    result = process_image(samples.alpha_png())
    image = decoded(result.data)
    assert result.format == "png" and image.mode == "RGBA"
    assert image.getpixel((0, 0))[3] == 0  # type: ignore[index]


def test_opaque_alpha_channel_dropped() -> None:
    result = process_image(samples.opaque_rgba_png())
    assert decoded(result.data).mode == "RGB"


def test_forced_jpeg_flattens_alpha_on_white() -> None:
    result = process_image(samples.alpha_png(), ImageOptions(force_format="jpeg"))
    image = decoded(result.data).convert("RGB")
    assert image.getpixel((0, 0)) == pytest.approx((255, 255, 255), abs=3)


def test_zero_bytes(tmp_path: Path) -> None:
    empty = samples.write(tmp_path / "empty.png", b"")
    with pytest.raises(ImageError, match=r"empty\.png is empty"):
        process_image(empty)
    with pytest.raises(ImageError, match="empty"):
        process_image(b"")


def test_svg_is_refused_with_advice(tmp_path: Path) -> None:
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    with pytest.raises(ImageError, match=r"SVG.*export it as PNG"):
        process_image(samples.write(tmp_path / "logo.svg", svg))


def test_wrong_extension_is_read_by_content(tmp_path: Path) -> None:
    png_named_jpg = samples.write(tmp_path / "slide.jpg", samples.to_bytes(samples.slide(), "PNG"))
    assert process_image(png_named_jpg).format == "png"
    text_named_png = samples.write(tmp_path / "notes.png", b"These are my speaker notes.\n")
    with pytest.raises(ImageError, match=r"notes\.png is not an image format"):
        process_image(text_named_png)


def test_symlink_followed_and_dangling_link_refused(tmp_path: Path) -> None:
    target = samples.write(tmp_path / "real.jpg", samples.to_bytes(samples.photo(200, 100), "JPEG"))
    link = tmp_path / "link.jpg"
    os.symlink(target, link)
    assert process_image(link).width == 200
    dangling = tmp_path / "gone.jpg"
    os.symlink(tmp_path / "missing.jpg", dangling)
    with pytest.raises(ImageError, match="link to a file that does not exist"):
        process_image(dangling)


def test_folder_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="not a file"):
        process_image(tmp_path)
    with pytest.raises(ImageError, match="does not exist"):
        process_image(tmp_path / "nothing.png")


def test_pdf_bytes_point_to_the_pdf_path() -> None:
    with pytest.raises(ImageError, match="PDF"):
        process_image(samples.pdf_deck())


def test_errors_are_roundup_errors() -> None:
    assert issubclass(ImageError, RoundupError)


def test_large_result_is_reported() -> None:
    result = process_image(
        samples.to_bytes(samples.photo(1200, 900), "PNG"),
        ImageOptions(large_file_bytes=10_000, force_format="png"),
    )
    assert result.warnings and "MB after processing" in result.warnings[0]


def test_probe_reads_the_header_only() -> None:
    info = probe(samples.animated_gif())
    assert (info.format, info.width, info.height, info.frames) == ("GIF", 120, 80, 3)
    assert probe(samples.bomb_png(12_000)).width == 12_000


def test_large_jpeg_decoded_at_draft_scale_gives_exact_width() -> None:
    source = samples.to_bytes(samples.photo(4000, 3000), "JPEG", quality=80)
    result = process_image(source, ImageOptions(width=640))
    assert (result.width, result.height) == (640, 480)
