"""Real drops (QDropEvent with real QMimeData) on sessions, the header, the outline, the window."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from gui_helpers import drop, file_mime, make_png
from PIL import Image
from PySide6.QtCore import QByteArray, QMimeData
from PySide6.QtGui import QImage

from roundup_editor.formats.writer import render_post
from roundup_editor.gui.dnd import BLOCK_MIME
from roundup_editor.gui.session_form import SessionForm
from roundup_editor.images.store import slugify

pytestmark = pytest.mark.gui


def _session_form(window, number: int):  # type: ignore[no-untyped-def]
    session = window.document.post.sessions()[number]
    window.select_block(session.id)
    form = window.forms["session"]
    assert isinstance(form, SessionForm)
    return session, form


def _drop_and_wait(qtbot, window, widget, mime, pos=None) -> None:  # type: ignore[no-untyped-def]
    """Drop, then wait until the images were processed off the GUI thread and used."""
    with qtbot.waitSignal(window.images.finished, timeout=60_000):
        drop(widget, mime, pos)


def test_image_dropped_on_session_becomes_its_thumbnail(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot
) -> None:
    window = make_window(post_folder)
    session, form = _session_form(window, 1)
    image = make_png(tmp_path / "incoming" / "My Slides (final).PNG", (160, 90))
    _drop_and_wait(qtbot, window, form.well, file_mime(image))
    name = f"{slugify(session.title)}.png"  # named from the session's title
    assert session.thumbnails[0].file == name
    with Image.open(post_folder / name) as stored:
        assert stored.size == (160, 90)  # never upscaled
    assert f"[![]({name}" in render_post(window.document.post)
    assert form.well.path == post_folder / name
    assert not form.well.image.pixmap().isNull()
    window.undo()
    assert session.thumbnails[0].file == "talk-2.png"


def test_image_dropped_on_header_well(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot
) -> None:
    window = make_window(post_folder)
    header = window.document.post.blocks[0]
    window.select_block(header.id)
    form = window.forms["header"]
    banner = make_png(tmp_path / "banner.jpg", (400, 120))
    _drop_and_wait(qtbot, window, form.well, file_mime(banner))  # type: ignore[attr-defined]
    assert header.src.endswith("-header.png")  # type: ignore[union-attr]  # flat colour: PNG
    assert (post_folder / header.src).is_file()  # type: ignore[union-attr]


def test_unusable_drops_change_nothing_and_say_why(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path
) -> None:
    window = make_window(post_folder)
    before = render_post(window.document.post)
    files_before = sorted(p.name for p in post_folder.iterdir())
    _session, form = _session_form(window, 0)
    text = tmp_path / "notes.txt"
    text.write_text("not an image")
    drop(form.well, file_mime(text))
    assert "notes.txt" in window.statusBar().currentMessage()
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 10)
    drop(form.well, file_mime(broken))
    assert "broken.png" in window.statusBar().currentMessage()
    drop(window.outline.viewport(), file_mime(broken, text))
    assert "broken.png" in window.statusBar().currentMessage()
    assert render_post(window.document.post) == before
    assert sorted(p.name for p in post_folder.iterdir()) == files_before
    assert window.bridge.stack.count() == 0


def test_several_images_on_session_list_make_sessions_in_name_order(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot
) -> None:
    window = make_window(post_folder)
    images = [
        make_png(tmp_path / name, colour=colour)  # different images: each stored on its own
        for name, colour in (
            ("03-closing-panel.png", "teal"),
            ("01_keynote.png", "orange"),
            ("02-storage-deep-dive.jpg", "navy"),
        )
    ]
    model = window.outline_model
    group = model.index(0, 0)
    for row in range(model.rowCount()):
        if model.index(row, 0).data().startswith("Sessions"):
            group = model.index(row, 0)
    rect = window.outline.visualRect(group)
    _drop_and_wait(qtbot, window, window.outline.viewport(), file_mime(*images), rect.center())
    titles = [s.title for s in window.document.post.sessions()]
    assert titles[-3:] == ["Keynote", "Storage deep dive", "Closing panel"]
    assert window.bridge.stack.count() == 1
    assert window.document.post.sessions()[-1].thumbnails[0].file == "closing-panel.png"
    window.undo()
    assert len(window.document.post.sessions()) == 6


def test_folder_of_images_on_the_list(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot
) -> None:
    window = make_window(post_folder)
    folder = tmp_path / "slides"
    for name in ("b.png", "a.png", "c.webp"):
        make_png(folder / name)
    (folder / "readme.txt").write_text("skip me")
    viewport = window.outline.viewport()
    _drop_and_wait(qtbot, window, viewport, file_mime(folder), viewport.rect().bottomLeft())
    titles = [s.title for s in window.document.post.sessions()]
    assert titles[-3:] == ["A", "B", "C"]


def test_image_data_from_a_browser(make_window, post_folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    session, form = _session_form(window, 2)
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(0x3366AA)
    mime = QMimeData()
    mime.setImageData(image)
    mime.setHtml('<img src="https://slides.example/x.png">')
    _drop_and_wait(qtbot, window, form.well, mime)
    name = session.thumbnails[0].file
    assert name.endswith(".png") and (post_folder / name).is_file()
    with Image.open(post_folder / name) as stored:
        assert stored.size == (120, 60)
    # Raw PNG bytes under image/png (as some browsers send them) work too.
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "red").save(buffer, "PNG")
    raw = QMimeData()
    raw.setData("image/png", QByteArray(buffer.getvalue()))
    _drop_and_wait(qtbot, window, form.well, raw)
    assert session.thumbnails[0].file != name


def test_reorder_sessions_by_dragging_in_outline(make_window, post_folder: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    sessions = window.document.post.sessions()
    moving, target = sessions[4], sessions[1]
    index = window.outline_model.index_of(target.id)
    rect = window.outline.visualRect(index)
    mime = window.outline_model.mimeData([window.outline_model.index_of(moving.id)])
    assert mime.hasFormat(BLOCK_MIME)
    drop(window.outline.viewport(), mime, rect.topLeft())
    order = [s.id for s in window.document.post.sessions()]
    assert order.index(moving.id) == order.index(target.id) - 1
    assert window.bridge.stack.count() == 1
    window.undo()
    assert [s.id for s in window.document.post.sessions()] == [s.id for s in sessions]


def test_dropping_a_post_folder_on_the_window_opens_it(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot
) -> None:
    window = make_window()
    drop(window, file_mime(post_folder))
    qtbot.waitUntil(lambda: window.document.folder == post_folder, timeout=5000)
    assert "Northwind" in window.windowTitle()
