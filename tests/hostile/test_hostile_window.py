"""Hostile input through the window: posts, dropped images, field text, URLs and names.

Each case expects: no crash, one clear sentence (status bar or banner), nothing written outside
the post folder, and what was accepted shown literally in the preview and written back exactly.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from gui_helpers import file_mime, make_png
from recovery.windows import WindowFactory

from roundup_editor.core.post import Session
from roundup_editor.formats.reader import read_post
from roundup_editor.formats.writer import render_post

from support.posts import invented_post_text

pytestmark = pytest.mark.gui


def _tree(root: Path, skip: Path | None = None) -> dict[str, bytes]:
    """Every file under ``root`` (except under ``skip``) with its bytes."""
    files = {}
    for path in sorted(root.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        if path.is_file() and not path.is_symlink():
            files[str(path.relative_to(root))] = path.read_bytes()
    return files


def _one_sentence(message: str) -> None:
    assert message.strip(), "no message was shown"
    assert "\n" not in message and "Traceback" not in message


def _page_text(window: object) -> str:
    return window.preview.view.browser.toPlainText()  # type: ignore[attr-defined]


# --- posts --------------------------------------------------------------------------------------

BASE = invented_post_text(1)
REFUSED_POSTS: dict[str, tuple[Callable[[Path], None], str]] = {
    "not utf-8": (
        lambda f: (f / "index.md").write_bytes(
            BASE.replace("Roundup", "Roundup é").encode("cp1252")
        ),
        "not UTF-8",
    ),
    "byte-order mark": (
        lambda f: (f / "index.md").write_bytes(b"\xef\xbb\xbf" + BASE.encode()),
        "byte-order mark",
    ),
    "nul bytes": (
        lambda f: (f / "index.md").write_bytes(BASE.replace("Roundup", "Round\0up").encode()),
        "NUL",
    ),
    "50 MB of text": (
        lambda f: (f / "index.md").write_bytes(
            BASE.encode() + (b"lorem ipsum dolor sit amet " * 39 + b"\n\n") * 48_000
        ),
        "MB",
    ),
    "yaml alias bomb": (
        lambda f: (f / "index.md").write_text(
            "---\na: &a [x,x,x,x,x,x,x,x,x]\n"
            + "".join(
                f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
                for p, n in zip("abcdef", "bcdefg", strict=True)
            )
            + "title: Bomb\n---\n\nBody.\n",
            encoding="utf-8",
        ),
        "front matter",
    ),
    "front matter is a list": (
        lambda f: (f / "index.md").write_text("---\n- a\n- b\n---\n\nBody.\n", encoding="utf-8"),
        "front matter",
    ),
    "front matter is a scalar": (
        lambda f: (f / "index.md").write_text("---\njust words\n---\n\nBody.\n", encoding="utf-8"),
        "front matter",
    ),
    "symlinked index.md outside": (
        lambda f: (f / "index.md").symlink_to(f.parent / "outside.md"),
        "outside the post folder",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED_POSTS))
def test_a_hostile_post_is_refused_in_one_sentence(
    make_window: WindowFactory, post_folder: Path, tmp_path: Path, case: str
) -> None:
    (tmp_path / "outside.md").write_text(BASE, encoding="utf-8")
    window = make_window(post_folder)
    hostile = tmp_path / "2025-11-11-hostile"
    hostile.mkdir()
    make, words = REFUSED_POSTS[case]
    make(hostile)
    before = _tree(tmp_path)
    shown = window.document
    assert not window.files.open_path(hostile)
    message = window.statusBar().currentMessage()
    _one_sentence(message)
    assert words in message
    assert window.document is shown
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("newline", ["crlf", "mixed"])
def test_odd_line_endings_open_and_save_unchanged(
    make_window: WindowFactory, post_folder: Path, newline: str
) -> None:
    text = BASE.replace("\n", "\r\n") if newline == "crlf" else BASE.replace("\n", "\r\n", 4)
    (post_folder / "index.md").write_bytes(text.encode("utf-8"))
    window = make_window(post_folder)
    assert window.files.save()
    assert (post_folder / "index.md").read_bytes() == text.encode("utf-8")


# --- images through the drop path -------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _huge_png(path: Path, width: int, height: int) -> None:
    """A small file claiming a huge 1-bit image (its pixel rows compress to almost nothing)."""
    row = b"\0" + b"\0" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(min(height, 2000)))
    data += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def _truncated(path: Path) -> None:
    full = path.with_name("full.png")
    make_png(full, (800, 600), "orange")
    path.write_bytes(full.read_bytes()[:200])
    full.unlink()


HOSTILE_IMAGES: dict[str, Callable[[Path], Path]] = {
    "zero bytes": lambda d: _write(d / "empty.png", b""),
    "truncated": lambda d: (_truncated(d / "cut.png"), d / "cut.png")[1],
    "30000x30000": lambda d: (_huge_png(d / "huge.png", 30000, 30000), d / "huge.png")[1],
    "decompression bomb": lambda d: (_huge_png(d / "bomb.png", 60000, 60000), d / "bomb.png")[1],
    "text with an image extension": lambda d: _write(d / "notes.png", b"just some text\n" * 50),
    "svg": lambda d: _write(
        d / "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ),
    "symlink to a non-image": lambda d: _link(d / "passwd.png", Path("/etc/passwd")),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _link(path: Path, target: Path) -> Path:
    path.symlink_to(target)
    return path


def _drop_and_wait(window: object, qtbot: object, block_id: int, image: Path) -> None:
    """Drop ``image`` on a block; wait for the image work when it started."""
    started = window.drops.drop_on_block(block_id, file_mime(image))  # type: ignore[attr-defined]
    if started:
        with qtbot.waitSignal(window.images.finished, timeout=30000):  # type: ignore[attr-defined]
            pass


@pytest.mark.parametrize("case", sorted(HOSTILE_IMAGES))
def test_a_hostile_image_is_refused_in_one_sentence(
    make_window: WindowFactory, post_folder: Path, tmp_path: Path, qtbot, case: str
) -> None:
    drops = tmp_path / "drops"
    drops.mkdir()
    image = HOSTILE_IMAGES[case](drops)
    window = make_window(post_folder)
    session = window.document.post.sessions()[0]
    before_post = render_post(window.document.post)
    before = _tree(tmp_path)
    _drop_and_wait(window, qtbot, session.id, image)
    _one_sentence(window.statusBar().currentMessage())
    assert render_post(window.document.post) == before_post
    assert _tree(tmp_path) == before  # nothing written, in the post folder or elsewhere


@pytest.mark.parametrize("case", ["png named .jpg", "symlink to an image outside"])
def test_an_odd_but_real_image_is_stored_inside_the_post(
    make_window: WindowFactory, post_folder: Path, tmp_path: Path, qtbot, case: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    if case == "png named .jpg":
        image = make_png(outside / "photo.png", (120, 80), "purple")
        image = image.rename(outside / "photo.jpg")
    else:
        target = make_png(outside / "real.png", (120, 80), "purple")
        image = outside / "link.png"
        image.symlink_to(target)
    before_outside = _tree(outside)
    window = make_window(post_folder)
    session = window.document.post.sessions()[0]
    _drop_and_wait(window, qtbot, session.id, image)
    stored = window.document.block(session.id).thumbnails[0].file  # type: ignore[attr-defined]
    path = post_folder / stored
    assert path.is_file() and not path.is_symlink()
    assert path.resolve().parent == post_folder.resolve()
    assert _tree(outside) == before_outside


# --- field text ---------------------------------------------------------------------------------

HOSTILE_TEXT = {
    "markdown": "*stars* _under_ `tick` # hash [link](x) ![img](y) > quote | pipe | ~~del~~",
    "html": "<b>bold</b> <img src=x onerror=alert(1)> &amp; &lt; &#123;",
    "script": "<script>alert('x')</script>",
    "mdx braces": "{props.title} {{double}} }{",
    "mdx import": "import Evil from './evil'",
    "mdx export": "export const x = 1",
    "html comment": "<!-- hidden --> -->",
    "front matter fence": "---",
    "backslashes": "C:\\path\\to\\file \\* \\_",
    "right-to-left": "abc \u202edcba\u202c \u200fRTL\u200f \u05e9\u05dc\u05d5\u05dd",
    "emoji and accents": "Ünïcödé ✓ 🚀 ﬁ",
    "very long": "Lorem ipsum dolor sit amet. " * 700,
}


def _set_line(edit: object, text: str) -> None:
    edit.setText(text)  # type: ignore[attr-defined]
    edit.textEdited.emit(text)  # type: ignore[attr-defined]


@pytest.mark.parametrize("case", sorted(HOSTILE_TEXT))
def test_hostile_text_in_a_session_title_is_shown_and_saved_literally(
    make_window: WindowFactory, post_folder: Path, tmp_path: Path, qtbot, case: str
) -> None:
    text = HOSTILE_TEXT[case]
    window = make_window(post_folder)
    session = window.document.post.sessions()[0]
    window.select_block(session.id)
    form = window.forms["session"]
    _set_line(form.session_title, text)  # type: ignore[attr-defined]
    assert window.document.block(session.id).title == text  # type: ignore[attr-defined]
    visible = " ".join(text.split())
    qtbot.waitUntil(lambda: visible in " ".join(_page_text(window).split()), timeout=10000)
    outside = _tree(tmp_path, skip=post_folder)
    assert window.files.save()
    assert _tree(tmp_path, skip=post_folder) == outside
    reread = read_post(post_folder / "index.md").sessions()[0]
    assert reread.title == text


@pytest.mark.parametrize("case", ["script", "mdx braces", "mdx import", "html comment"])
def test_hostile_text_in_the_post_title_is_saved_literally(
    make_window: WindowFactory, post_folder: Path, case: str
) -> None:
    text = HOSTILE_TEXT[case]
    window = make_window(post_folder)
    _set_line(window.forms["post"].title, text)  # type: ignore[attr-defined]
    assert window.document.title() == text
    assert window.files.save()
    assert read_post(post_folder / "index.md").front_matter.get("title") == text  # type: ignore[union-attr]


@pytest.mark.parametrize("case", ["control characters", "nul"])
def test_control_characters_never_break_the_file(
    make_window: WindowFactory, post_folder: Path, case: str
) -> None:
    text = "bell\x07 escape\x1b[31m tab\tend" if case == "control characters" else "nul\x00here"
    window = make_window(post_folder)
    session = window.document.post.sessions()[0]
    window.select_block(session.id)
    _set_line(window.forms["session"].session_title, text)  # type: ignore[attr-defined]
    assert window.files.save()
    data = (post_folder / "index.md").read_bytes()
    assert b"\x00" not in data and b"\x1b" not in data and b"\x07" not in data
    assert (
        read_post(post_folder / "index.md").sessions()[0].title
        == window.document.block(session.id).title
    )  # type: ignore[attr-defined]


def test_script_in_an_abstract_never_reaches_the_page_as_a_script(
    make_window: WindowFactory, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder)
    session = window.document.post.sessions()[0]
    window.select_block(session.id)
    form = window.forms["session"]
    form.abstract.setPlainText("Before <script>alert('x')</script> after {braces}")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "{braces}" in _page_text(window), timeout=10000)
    assert "<script>alert('x')</script>" in _page_text(window)  # shown as text, not run
    assert window.files.save()
    assert "{braces}" in read_post(post_folder / "index.md").sessions()[0].abstract


# --- URL fields ---------------------------------------------------------------------------------

REFUSED_URLS = {
    "javascript": "javascript:alert(1)",
    "javascript upper case": "JaVaScRiPt:alert(document.cookie)",
    "javascript with a tab": "java\tscript:alert(1)",
    "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file": "file:///etc/passwd",
    "vbscript": "vbscript:msgbox(1)",
}


@pytest.mark.parametrize("case", sorted(REFUSED_URLS))
def test_a_dangerous_url_is_refused_quietly_and_not_written(
    make_window: WindowFactory, post_folder: Path, case: str
) -> None:
    url = REFUSED_URLS[case]
    window = make_window(post_folder)
    session = window.document.post.sessions()[0]
    old = session.slides_url
    window.select_block(session.id)
    edit = window.forms["session"].slides_url  # type: ignore[attr-defined]
    _set_line(edit, url)
    assert window.document.block(session.id).slides_url == old  # type: ignore[attr-defined]
    assert edit.property("refusedUrl") is True
    _one_sentence(edit.toolTip())
    assert "not allowed" in edit.toolTip()
    _set_line(edit, "https://slides.example/deck")
    assert edit.property("refusedUrl") is False and not edit.toolTip()
    assert window.files.save()
    assert "script:" not in (post_folder / "index.md").read_text(encoding="utf-8").lower()


def test_a_dangerous_speaker_url_is_refused(make_window: WindowFactory, post_folder: Path) -> None:
    window = make_window(post_folder)
    session = window.document.post.sessions()[0]
    window.select_block(session.id)
    form = window.forms["session"]
    form.speaker_list.setCurrentRow(0)  # type: ignore[attr-defined]
    old = session.speakers[0].url
    _set_line(form.speaker_edits["url"], "javascript:alert(1)")  # type: ignore[attr-defined]
    block = window.document.block(session.id)
    assert isinstance(block, Session) and block.speakers[0].url == old


@pytest.mark.parametrize(
    ("url", "written"),
    [
        ("https://slides.example/my deck.pdf", "https://slides.example/my%20deck.pdf"),
        ("https://slides.example/Ünïcode/日本", "https://slides.example/Ünïcode/日本"),
        ("https://slides.example/a(b)", "https://slides.example/a%28b%29"),
    ],
)
def test_spaces_and_non_ascii_in_a_url_are_kept_and_encoded(
    make_window: WindowFactory, post_folder: Path, url: str, written: str
) -> None:
    window = make_window(post_folder)
    session = window.document.post.sessions()[0]
    window.select_block(session.id)
    _set_line(window.forms["session"].slides_url, url)  # type: ignore[attr-defined]
    assert window.document.block(session.id).slides_url == written  # type: ignore[attr-defined]
    assert window.files.save()
    assert read_post(post_folder / "index.md").sessions()[0].slides_url == written


# --- names of stored images -----------------------------------------------------------------------

HOSTILE_NAMES = {
    "parent": "../../../etc/cron.d/evil",
    "slash": "a/b/c",
    "backslash": "a\\..\\b",
    "drive letter": "C:\\Windows\\evil",
    "reserved windows name": "CON",
    "trailing dots": "talk...",
    "thousands of characters": "x" * 5000,
}


@pytest.mark.parametrize("case", sorted(HOSTILE_NAMES))
def test_an_image_named_from_a_hostile_title_stays_in_the_post_folder(
    make_window: WindowFactory, post_folder: Path, tmp_path: Path, qtbot, case: str
) -> None:
    drops = tmp_path / "drops"
    image = make_png(drops / "slide.png", (160, 90), "navy")
    window = make_window(post_folder)
    session = window.document.post.sessions()[0]
    window.select_block(session.id)
    _set_line(window.forms["session"].session_title, HOSTILE_NAMES[case])  # type: ignore[attr-defined]
    outside = _tree(tmp_path, skip=post_folder)
    _drop_and_wait(window, qtbot, session.id, image)
    name = window.document.block(session.id).thumbnails[0].file  # type: ignore[attr-defined]
    assert "/" not in name and "\\" not in name and ".." not in name and ":" not in name
    assert len(name) < 120 and not name.rstrip(".").endswith(" ")
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}
    assert (post_folder / name).is_file()
    assert _tree(tmp_path, skip=post_folder) == outside
    assert os.path.commonpath([post_folder.resolve(), (post_folder / name).resolve()]) == str(
        post_folder.resolve()
    )
