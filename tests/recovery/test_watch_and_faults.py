"""Changes made outside the editor, and save faults: the file on disk is never damaged."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent  # noqa: TID251
from PySide6.QtGui import QGuiApplication  # noqa: TID251

from recovery.windows import WindowFactory
from roundup_editor.core.commands import SetField, SetFrontMatter
from roundup_editor.core.journal import pending_journals
from roundup_editor.paths import app_paths

pytestmark = pytest.mark.gui


def _replace_outside(path: Path, text: str) -> None:
    """Write ``path`` as git or another editor does: a new file renamed over the old one."""
    temp = path.with_name(".outside.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def _edited_outside(path: Path) -> str:
    text = path.read_text(encoding="utf-8").replace("Roundup", "Roundup (pulled)", 1)
    _replace_outside(path, text)
    return text


def test_an_atomic_replace_outside_shows_the_banner(
    make_window: WindowFactory, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder)
    with qtbot.waitSignal(window.watch.changed_outside, timeout=5000):
        _edited_outside(post_folder / "index.md")
    assert "changed by another program" in window.watch.banner.text()
    assert window.watch.banner.reload_action.isEnabled()
    # the watcher lost the replaced file: it is watched again
    qtbot.waitUntil(lambda: str(post_folder / "index.md") in window.watch.watcher.files())
    with qtbot.waitSignal(window.watch.changed_outside, timeout=5000):
        _replace_outside(post_folder / "index.md", "---\ntitle: Again\n---\n\nAgain.\n")


def test_activation_checks_the_file_too(make_window: WindowFactory, post_folder: Path) -> None:
    window = make_window(post_folder)
    window.watch.watcher.removePaths(
        window.watch.watcher.files() + window.watch.watcher.directories()
    )
    _edited_outside(post_folder / "index.md")
    assert not window.watch.banner.text()
    QGuiApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert "changed by another program" in window.watch.banner.text()


def test_save_never_overwrites_a_change_made_outside(
    make_window: WindowFactory, post_folder: Path
) -> None:
    window = make_window(post_folder)
    window.push(SetFrontMatter("title", "Mine"))
    theirs = _edited_outside(post_folder / "index.md")
    assert not window.files.save()
    assert (post_folder / "index.md").read_text(encoding="utf-8") == theirs
    assert "changed on disk" in window.statusBar().currentMessage()
    assert window.watch.banner.text()
    assert window.document.dirty
    assert pending_journals(app_paths().journals)[0].post() == window.document.post


def test_keep_mine_then_save_replaces_theirs(make_window: WindowFactory, post_folder: Path) -> None:
    window = make_window(post_folder)
    window.push(SetFrontMatter("title", "Mine"))
    _edited_outside(post_folder / "index.md")
    assert window.watch.check()
    window.watch.banner.keep_action.trigger()
    assert not window.watch.banner.text()
    assert window.files.save()
    assert "title: Mine" in (post_folder / "index.md").read_text(encoding="utf-8")


def test_reload_reads_theirs(make_window: WindowFactory, post_folder: Path) -> None:
    window = make_window(post_folder)
    window.push(SetFrontMatter("title", "Mine"))
    assert window.keeper.write_now()
    _edited_outside(post_folder / "index.md")
    assert window.watch.check()
    window.watch.banner.reload_action.trigger()
    assert "(pulled)" in window.document.title()
    assert not window.document.dirty
    assert not window.watch.banner.text()
    assert not pending_journals(app_paths().journals)  # the dropped edits are not offered again


def test_save_elsewhere_writes_a_new_folder(
    make_window: WindowFactory, post_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(post_folder)
    window.push(SetFrontMatter("title", "Mine"))
    theirs = _edited_outside(post_folder / "index.md")
    assert window.watch.check()
    elsewhere = tmp_path / "2025-09-12-kestrel-mine"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getExistingDirectory", lambda *_a: str(elsewhere)
    )
    window.watch.banner.save_elsewhere_action.trigger()
    assert "title: Mine" in (elsewhere / "index.md").read_text(encoding="utf-8")
    assert (elsewhere / "talk-1.png").is_file()  # the images came along
    assert (post_folder / "index.md").read_text(encoding="utf-8") == theirs
    assert not window.document.dirty


def test_save_as_into_another_post_is_refused(
    make_window: WindowFactory, post_folder: Path, tmp_path: Path
) -> None:
    other = tmp_path / "2025-01-01-someone-else"
    other.mkdir()
    (other / "index.md").write_text("---\ntitle: Theirs\n---\n\nKeep.\n", encoding="utf-8")
    window = make_window(post_folder)
    assert not window.files.save_to(other)
    assert (other / "index.md").read_text(encoding="utf-8").endswith("Keep.\n")
    assert "already holds a post" in window.statusBar().currentMessage()


def test_our_own_save_raises_no_banner(
    make_window: WindowFactory, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder)
    window.push(SetFrontMatter("title", "Saved By Us"))
    assert window.files.save()
    assert not window.watch.check()
    assert not window.watch.banner.text()


# --- faults -----------------------------------------------------------------------------------

FAULTS = {
    "disk full": (errno.ENOSPC, "disk is full"),
    "permission denied": (errno.EACCES, "permission denied"),
    "read-only folder": (errno.EROFS, "read-only"),
    "quota": (errno.EDQUOT, "quota"),
}


@pytest.mark.parametrize("where", ["write", "replace"])
@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_write_fault_keeps_file_and_edits(
    make_window: WindowFactory,
    post_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    fault: str,
    where: str,
) -> None:
    window = make_window(post_folder)
    before = (post_folder / "index.md").read_bytes()
    window.push(SetFrontMatter("title", "Unsaved But Safe"))
    code, words = FAULTS[fault]
    journal_root = app_paths().journals

    def refuse(*args: object, **kwargs: object) -> None:
        target = str(args[1] if where == "replace" else "")
        if where == "write" or target.endswith("index.md"):
            raise OSError(code, os.strerror(code))

    if where == "replace":
        real = os.replace

        def replace(src: object, dst: object) -> None:
            refuse(src, dst)
            real(src, dst)  # type: ignore[arg-type]

        monkeypatch.setattr("roundup_editor.formats.writer.os.replace", replace)
    else:
        monkeypatch.setattr("roundup_editor.formats.writer.tempfile.mkstemp", refuse)
        monkeypatch.setattr(  # the journal goes to another disk in this test
            "roundup_editor.core.journal.atomic_write",
            lambda path, data: path.write_bytes(data),
        )
    assert not window.files.save()
    monkeypatch.undo()
    assert (post_folder / "index.md").read_bytes() == before
    assert sorted(p.name for p in post_folder.iterdir() if p.name.startswith(".")) == []
    message = window.watch.banner.text()
    assert words in message and "Not saved" in message and "\n" not in message
    assert window.document.dirty
    assert pending_journals(journal_root)[0].post() == window.document.post


def test_folder_deleted_while_open(make_window: WindowFactory, post_folder: Path) -> None:
    window = make_window(post_folder)
    window.push(SetFrontMatter("title", "Still Here"))
    shutil.rmtree(post_folder)
    assert not window.files.save()
    assert not post_folder.exists()  # not made again behind the user's back
    assert "deleted or moved" in window.statusBar().currentMessage()
    assert "deleted or moved" in window.watch.banner.text()
    assert not window.watch.banner.reload_action.isEnabled()
    assert window.document.dirty
    assert pending_journals(app_paths().journals)[0].post() == window.document.post


def test_image_deleted_before_save(make_window: WindowFactory, post_folder: Path) -> None:
    window = make_window(post_folder)
    session = window.document.post.sessions()[0]
    before = (post_folder / "index.md").read_bytes()
    window.push(SetField(session.id, "title", "Edited Before The Image Went"))
    image = session.thumbnails[0].file
    (post_folder / image).unlink()
    assert not window.files.save()
    assert (post_folder / "index.md").read_bytes() == before
    message = window.watch.banner.text()
    assert image in message and "deleted" in message
    assert window.document.dirty
    assert pending_journals(app_paths().journals)[0].post() == window.document.post
