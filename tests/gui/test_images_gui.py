"""Images in the window: real files made by Pillow, dropped with real QDropEvents.

Dropped images go through the pipeline off the GUI thread (oriented, stripped, resized to the
settings' thumbnail width, named from the session title); a drop of several images is one undo
step; Cancel keeps the sessions of the images finished by then and nothing else; Fetch gets a
thumbnail from a local HTTP server (never the internet) and says so clearly when offline.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from gui_helpers import drop, file_mime, make_png, type_into
from images import samples
from PIL import Image
from PySide6.QtCore import QByteArray, QMimeData, Qt, QUrl
from PySide6.QtWidgets import QFileDialog

from roundup_editor.formats.writer import render_post
from roundup_editor.gui.dnd import store_image
from roundup_editor.gui.session_form import SessionForm
from roundup_editor.images.fetch import FetchConfig, ThumbnailFetcher
from roundup_editor.images.store import is_safe_name, slugify

pytestmark = pytest.mark.gui

WAIT_MS = 60_000


def _session_form(window, number: int):  # type: ignore[no-untyped-def]
    session = window.document.post.sessions()[number]
    window.select_block(session.id)
    form = window.forms["session"]
    assert isinstance(form, SessionForm)
    return session, form


def _big_phone_photo(path: Path) -> Path:
    """A 4000x3000 JPEG stored sideways (EXIF orientation 6) with GPS tags and a maker."""
    image = samples.photo(4000, 3000)
    image.paste((255, 0, 0), (0, 0, 400, 400))  # stored top-left: shown top-right
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "FictionalPhone Inc."
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", samples.GPS_LATITUDE, "E", (7.0, 5.0, 12.0)
    image.save(path, "JPEG", exif=exif, quality=92)
    return path


def _assert_clean(path: Path) -> Image.Image:
    with Image.open(path) as stored:
        stored.load()
        assert not stored.getexif(), "metadata must be stripped"
        assert "exif" not in stored.info and "icc_profile" not in stored.info
        return stored.copy()


def _drop_and_wait(qtbot, window, widget, mime, pos=None):  # type: ignore[no-untyped-def]
    """Drop ``mime`` and wait until the window has used the processed images."""
    with qtbot.waitSignal(window.images.finished, timeout=WAIT_MS) as blocker:
        drop(widget, mime, pos)
    return blocker.args


def _sessions_group_center(window):  # type: ignore[no-untyped-def]
    model = window.outline_model
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if str(index.data()).startswith("Sessions"):
            return window.outline.visualRect(index).center()
    raise AssertionError("no session group in the outline")


def test_phone_photo_on_a_session_is_oriented_stripped_resized_and_named_from_the_title(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot
) -> None:
    window = make_window(post_folder)
    session, form = _session_form(window, 1)
    type_into(qtbot, form.session_title, "Ceph at Zürich Scale: Part 2/3")
    window.seal()
    (tmp_path / "incoming").mkdir()
    photo = _big_phone_photo(tmp_path / "incoming" / "IMG_2041.JPG")
    assert photo.stat().st_size > 1_000_000
    steps = window.bridge.stack.count()
    results, cancelled = _drop_and_wait(qtbot, window, form.well, file_mime(photo))
    assert not cancelled and results[0].ok
    name = session.thumbnails[0].file
    assert name == "ceph-at-zurich-scale-part-2-3.jpg" and is_safe_name(name)
    stored = post_folder / name
    assert stored.stat().st_size < 200_000
    image = _assert_clean(stored)
    width = window.settings.thumbnail_width
    assert image.size == (width, width * 4 // 3)  # portrait: the rotation was applied
    red = image.getpixel((image.width - 5, 5))
    assert isinstance(red, tuple) and red[0] > 200 and red[1] < 60
    assert window.bridge.stack.count() == steps + 1
    assert f"[![]({name}" in render_post(window.document.post)
    # The well shows the processed image at its real aspect ratio.
    pixmap = form.well.image.pixmap()
    assert form.well.path == stored and not pixmap.isNull()
    assert abs(pixmap.height() / pixmap.width() - 4 / 3) < 0.02
    assert name in form.thumbnail.size_label.text()
    window.undo()
    assert session.thumbnails[0].file == "talk-2.png"


def test_png_with_alpha_stays_png_and_an_identical_drop_is_stored_once(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot
) -> None:
    window = make_window(post_folder)
    first, form = _session_form(window, 0)
    logo = samples.write(tmp_path / "logo.png", samples.alpha_png())
    _drop_and_wait(qtbot, window, form.well, file_mime(logo))
    name = first.thumbnails[0].file
    assert name.endswith(".png")
    with Image.open(post_folder / name) as stored:
        assert stored.mode in ("RGBA", "LA", "P") and stored.getextrema()[-1][0] < 255
    second, form = _session_form(window, 3)
    copy = samples.write(tmp_path / "same logo.png", samples.alpha_png())
    _drop_and_wait(qtbot, window, form.well, file_mime(copy))
    assert second.thumbnails[0].file == name  # identical image: stored once
    assert len([p for p in post_folder.iterdir() if p.suffix == ".png"]) == 8


def test_pdf_gives_its_first_page(make_window, post_folder: Path, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    session, form = _session_form(window, 2)
    deck = samples.write(tmp_path / "Deck (final).pdf", samples.pdf_deck())
    _drop_and_wait(qtbot, window, form.well, file_mime(deck))
    name = session.thumbnails[0].file
    assert name.startswith(session.title.lower().split()[0]) and name.endswith((".png", ".jpg"))
    with Image.open(post_folder / name) as page:
        assert page.width <= window.settings.thumbnail_width and page.width > page.height / 2


def test_browser_image_data_goes_through_the_pipeline(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder)
    session, form = _session_form(window, 2)
    raw = QMimeData()
    raw.setData("image/jpeg", QByteArray(samples.to_bytes(samples.photo(1600, 900), "JPEG")))
    _drop_and_wait(qtbot, window, form.well, raw)
    with Image.open(post_folder / session.thumbnails[0].file) as stored:
        assert stored.size == (600, 337) or stored.size == (600, 338)


def test_several_files_a_folder_and_a_pdf_become_sessions_in_one_undo_step(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot
) -> None:
    window = make_window(post_folder)
    incoming = tmp_path / "drop"
    incoming.mkdir()
    samples.write(incoming / "01_keynote.jpg", samples.to_bytes(samples.photo(2000, 1500), "JPEG"))
    samples.write(incoming / "02-storage deep dive.png", samples.to_bytes(samples.slide(), "PNG"))
    samples.write(incoming / "03-closing-panel.pdf", samples.pdf_deck())
    (incoming / "notes.txt").write_text("not an image")
    seen: list[int] = []
    window.images.progressed.connect(lambda done, _total: seen.append(done))
    viewport, where = window.outline.viewport(), _sessions_group_center(window)
    results, cancelled = _drop_and_wait(qtbot, window, viewport, file_mime(incoming), where)
    assert not cancelled and [r.ok for r in results] == [True, True, True]
    assert seen == [1, 2, 3]
    assert not window.images.panel.isVisible()
    sessions = window.document.post.sessions()
    assert [s.title for s in sessions[-3:]] == ["Keynote", "Storage deep dive", "Closing panel"]
    assert [s.thumbnails[0].file for s in sessions[-3:]] == [
        "keynote.jpg",
        "storage-deep-dive.png",
        "closing-panel.png",
    ]
    assert window.bridge.stack.count() == 1
    window.undo()
    assert len(window.document.post.sessions()) == 6


def test_large_batch_shows_progress_and_cancel_keeps_only_finished_images(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot
) -> None:
    window = make_window(post_folder)
    files_before = {p.name for p in post_folder.iterdir()}
    incoming = tmp_path / "many"
    incoming.mkdir()
    base = samples.photo(3000, 2000)
    paths = []
    for number in range(12):
        base.paste((number * 20, 90, 200 - number * 10), (0, 0, 300, 300))
        path = incoming / f"photo-{number:02d}.jpg"
        base.save(path, "JPEG", quality=90)
        paths.append(path)

    def cancel_on_first(done: int, _total: int) -> None:
        assert window.images.panel.isVisible()
        assert window.images.panel.bar.maximum() == 12
        if done == 1:
            qtbot.mouseClick(window.images.panel.cancel_button, Qt.MouseButton.LeftButton)

    window.images.progressed.connect(cancel_on_first)
    results, cancelled = _drop_and_wait(
        qtbot, window, window.outline.viewport(), file_mime(*paths), _sessions_group_center(window)
    )
    assert cancelled
    stored = [r.file for r in results if r.file is not None]
    assert 1 <= len(stored) < 12
    added = window.document.post.sessions()[6:]
    assert [s.thumbnails[0].file for s in added] == stored
    new_files = {p.name for p in post_folder.iterdir()} - files_before
    assert new_files == set(stored)  # no file without its session, no session without its file
    assert "Cancelled" in window.statusBar().currentMessage()
    assert window.bridge.stack.count() == 1
    window.undo()
    assert len(window.document.post.sessions()) == 6


def test_truncated_and_unsupported_files_change_nothing_with_one_message(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot
) -> None:
    window = make_window(post_folder)
    before = render_post(window.document.post)
    files_before = sorted(p.name for p in post_folder.iterdir())
    _session, form = _session_form(window, 0)
    truncated = samples.write(tmp_path / "cut.jpg", samples.truncated_jpeg())
    results, _cancelled = _drop_and_wait(qtbot, window, form.well, file_mime(truncated))
    assert not results[0].ok
    assert "cut.jpg" in window.statusBar().currentMessage()
    bomb = samples.write(tmp_path / "bomb.png", samples.bomb_png())
    _drop_and_wait(qtbot, window, form.well, file_mime(bomb))
    assert "bomb.png" in window.statusBar().currentMessage()
    sheet = tmp_path / "budget.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not an image")
    drop(form.well, file_mime(sheet))
    assert "budget.xlsx" in window.statusBar().currentMessage()
    assert not window.images.busy
    assert render_post(window.document.post) == before
    assert sorted(p.name for p in post_folder.iterdir()) == files_before
    assert window.bridge.stack.count() == 0


def test_a_second_drop_while_busy_is_refused_politely(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot
) -> None:
    window = make_window(post_folder)
    _session, form = _session_form(window, 0)
    first = samples.write(tmp_path / "a.jpg", samples.to_bytes(samples.photo(2400, 1600), "JPEG"))
    second = make_png(tmp_path / "b.png")
    with qtbot.waitSignal(window.images.finished, timeout=WAIT_MS):
        drop(form.well, file_mime(first))
        assert window.images.busy
        drop(form.well, file_mime(second))
        assert "still being processed" in window.statusBar().currentMessage()
    assert window.bridge.stack.count() == 1


def test_store_image_runs_the_pipeline(tmp_path: Path) -> None:
    photo = samples.write(tmp_path / "IMG_1.JPG", samples.exif_rotated_photo_with_gps())
    folder = tmp_path / "post"
    name = store_image(photo, folder, "Édge Cases: 100% Fun", width=300)
    assert name == "edge-cases-100-fun.jpg"
    image = _assert_clean(folder / name)
    assert image.size == (300, 450)
    assert store_image(photo, folder, "Another title", width=300) == name
    with pytest.raises(ValueError, match=r"truncated|broken|read"):
        store_image(samples.truncated_jpeg(), folder, "Cut")


# --- fetching a thumbnail from a local server ------------------------------------------------


@pytest.fixture
def slides_server() -> Iterator[str]:
    """Serve a slides page with an og:image and the image, on 127.0.0.1."""
    cover = samples.to_bytes(samples.slide(1280, 720), "PNG")
    routes = {
        "/talks/ceph": (
            "text/html",
            b'<html><head><meta property="og:image" content="/cover.png"></head></html>',
        ),
        "/cover.png": ("image/png", cover),
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            content_type, body = routes.get(self.path, ("text/plain", b""))
            self.send_response(200 if self.path in routes else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_gets_the_thumbnail_of_the_slides_url(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, slides_server: str, qtbot
) -> None:
    window = make_window(post_folder)
    window.images.fetcher = ThumbnailFetcher(FetchConfig(timeout=5))
    session, form = _session_form(window, 4)
    type_into(qtbot, form.slides_url, "")
    type_into(qtbot, form.video_url, "")
    window.seal()
    assert not form.thumbnail.fetch.isEnabled()
    type_into(qtbot, form.slides_url, f"{slides_server}/talks/ceph")
    assert form.thumbnail.fetch.isEnabled()
    with qtbot.waitSignal(window.images.fetch_finished, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(form.thumbnail.fetch, Qt.MouseButton.LeftButton)
    assert blocker.args[0].startswith("Fetched thumbnail")
    name = session.thumbnails[0].file
    assert name.startswith(name.split(".")[0]) and (post_folder / name).is_file()
    with Image.open(post_folder / name) as stored:
        assert stored.size == (600, 338)
    assert window.bridge.stack.undoText() == "Drop thumbnail"


def test_fetch_when_offline_says_so_and_changes_nothing(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    with socket.socket() as probe:  # a port nobody listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    window = make_window(post_folder)
    window.images.fetcher = ThumbnailFetcher(FetchConfig(timeout=5))
    session, form = _session_form(window, 4)
    type_into(qtbot, form.slides_url, f"http://127.0.0.1:{closed}/talks/x")
    window.seal()
    steps = window.bridge.stack.count()
    before = list(session.thumbnails)
    with qtbot.waitSignal(window.images.fetch_finished, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(form.thumbnail.fetch, Qt.MouseButton.LeftButton)
    message = blocker.args[0]
    assert message.startswith("Cannot fetch a thumbnail") and "offline" in message
    assert window.statusBar().currentMessage() == message
    assert session.thumbnails == before and window.bridge.stack.count() == steps


def test_header_drop_is_processed_wider_than_thumbnails(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot
) -> None:
    window = make_window(post_folder)
    header = window.document.post.blocks[0]
    window.select_block(header.id)
    banner = samples.write(
        tmp_path / "banner.jpg", samples.to_bytes(samples.photo(3000, 1000), "JPEG")
    )
    _drop_and_wait(qtbot, window, window.forms["header"].well, file_mime(banner))  # type: ignore[attr-defined]
    src = header.src  # type: ignore[union-attr]
    assert src.endswith("header.jpg") and is_safe_name(src)
    with Image.open(post_folder / src) as stored:
        assert stored.size == (1200, 400)
    assert (post_folder / src).stat().st_size < 400_000


def test_a_link_dropped_on_a_session_fetches_its_thumbnail(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, slides_server: str, qtbot
) -> None:
    window = make_window(post_folder)
    session, form = _session_form(window, 1)
    link = QMimeData()
    link.setUrls([QUrl(f"{slides_server}/talks/ceph")])  # a link dragged from a browser
    with qtbot.waitSignal(window.images.fetch_finished, timeout=WAIT_MS) as blocker:
        drop(form.well, link)
    assert blocker.args[0].startswith("Fetched thumbnail")
    name = session.thumbnails[0].file
    assert name == f"{slugify(session.title)}.png" and (post_folder / name).is_file()
    assert window.bridge.stack.count() == 1


def test_choose_picks_a_pdf_through_the_file_dialog(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    window = make_window(post_folder)
    session, form = _session_form(window, 5)
    deck = samples.write(tmp_path / "deck.pdf", samples.pdf_deck())
    asked: list[str] = []

    def choose(_parent, _caption, _folder, filters):  # type: ignore[no-untyped-def]
        asked.append(filters)
        return str(deck), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    with qtbot.waitSignal(window.images.finished, timeout=WAIT_MS):
        qtbot.mouseClick(form.thumbnail.choose, Qt.MouseButton.LeftButton)
    assert "*.pdf" in asked[0]
    name = session.thumbnails[0].file
    assert name.startswith(slugify(session.title)) and (post_folder / name).is_file()


def test_closing_the_window_during_a_batch_cancels_it_cleanly(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot
) -> None:
    window = make_window(post_folder)
    paths = []
    for number in range(6):
        path = tmp_path / f"shot-{number}.jpg"
        samples.photo(2400, 1600, seed=number).save(path, "JPEG")
        paths.append(path)
    with qtbot.waitSignal(window.images.progressed, timeout=WAIT_MS):  # one image is done
        drop(window.outline.viewport(), file_mime(*paths), _sessions_group_center(window))
    running = window.images.running
    assert running is not None
    window.bridge.mark_saved()
    window.close()
    qtbot.waitUntil(lambda: running.batch.finished, timeout=WAIT_MS)
    assert running.batch.cancelled
    assert len(window.document.post.sessions()) == 6  # nothing was added after the close


def test_a_batch_with_a_broken_file_adds_the_others_and_says_which_was_skipped(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, tmp_path: Path, qtbot
) -> None:
    window = make_window(post_folder)
    incoming = tmp_path / "mixed"
    incoming.mkdir()
    samples.write(incoming / "a-cmyk.jpg", samples.cmyk_jpeg())
    samples.write(incoming / "b-cut.jpg", samples.truncated_jpeg())
    samples.write(incoming / "c-scan.png", samples.png16())
    samples.write(incoming / "d-loop.gif", samples.animated_gif())
    samples.write(incoming / "e-fake.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10)
    viewport, where = window.outline.viewport(), _sessions_group_center(window)
    results, _cancelled = _drop_and_wait(qtbot, window, viewport, file_mime(incoming), where)
    assert [r.ok for r in results] == [True, False, True, True]
    added = window.document.post.sessions()[6:]
    assert [s.title for s in added] == ["A cmyk", "C scan", "D loop"]
    for session in added:
        with Image.open(post_folder / session.thumbnails[0].file) as stored:
            assert stored.mode in ("RGB", "L", "P", "RGBA") and getattr(stored, "n_frames", 1) == 1
    message = window.statusBar().currentMessage()
    assert message.startswith("Added 3 sessions from images") and "b-cut.jpg" in message
    assert "e-fake.png" in message  # refused at the drop already, still named at the end
    assert window.bridge.stack.count() == 1
