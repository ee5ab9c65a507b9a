"""The window's journal: when it is written, when it goes away, and recovery at start."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import make_png
from PySide6.QtWidgets import QMessageBox  # noqa: TID251

from recovery.windows import WindowFactory
from roundup_editor.core.commands import SetField, SetFrontMatter
from roundup_editor.core.journal import Journal, JournalError, pending_journals
from roundup_editor.formats.reader import read_post
from roundup_editor.gui import recovery
from roundup_editor.gui.recovery import JOURNAL_DELAY_MS, offer_recovery
from roundup_editor.paths import app_paths

pytestmark = pytest.mark.gui


def _journalled_title(root: Path) -> str:
    entries = pending_journals(root)
    assert len(entries) == 1
    return str(entries[0].post().front_matter.get("title"))  # type: ignore[union-attr]


def test_a_typed_edit_is_journalled_within_the_delay(
    make_window: WindowFactory, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder)
    root = app_paths().journals
    with qtbot.waitSignal(window.keeper.journalled, timeout=JOURNAL_DELAY_MS + 1000):
        window.push(SetFrontMatter("title", "Typed Title", typing=True))
        assert not pending_journals(root)  # a field edit waits for the timer
    assert _journalled_title(root) == "Typed Title"
    assert JOURNAL_DELAY_MS <= 2000


def test_continuous_typing_does_not_postpone_the_journal(
    make_window: WindowFactory, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder)
    timer = window.keeper.timer
    window.push(SetFrontMatter("title", "T", typing=True))
    assert timer.isActive()
    qtbot.waitUntil(lambda: timer.remainingTime() < JOURNAL_DELAY_MS - 300, timeout=3000)
    before = timer.remainingTime()
    window.push(SetFrontMatter("title", "Ty", typing=True))
    assert 0 <= timer.remainingTime() <= before  # not restarted by the later keystroke
    with qtbot.waitSignal(window.keeper.journalled, timeout=JOURNAL_DELAY_MS + 1000):
        pass
    assert _journalled_title(app_paths().journals) == "Ty"


@pytest.mark.parametrize("action", ["add", "delete", "move"])
def test_structural_edits_are_journalled_at_once(
    make_window: WindowFactory, post_folder: Path, action: str
) -> None:
    window = make_window(post_folder)
    session = window.document.post.sessions()[1]
    window.select_block(session.id)
    if action == "add":
        window.add_session()
    elif action == "delete":
        window.delete_selected()
    else:
        window.move_selected(-1)
    entries = pending_journals(app_paths().journals)
    assert len(entries) == 1
    assert entries[0].post() == window.document.post
    assert not window.keeper.timer.isActive()


def test_a_dropped_thumbnail_is_journalled_at_once(
    make_window: WindowFactory, post_folder: Path
) -> None:
    window = make_window(post_folder)
    session = window.document.post.sessions()[0]
    thumbnails = [*session.thumbnails]
    thumbnails[0].file = "talk-3.png"
    window.push(SetField(session.id, "thumbnails", thumbnails))
    assert pending_journals(app_paths().journals)[0].post() == window.document.post


def test_saving_removes_the_journal(make_window: WindowFactory, post_folder: Path) -> None:
    window = make_window(post_folder)
    window.add_session()
    assert pending_journals(app_paths().journals)
    assert window.files.save()
    assert not pending_journals(app_paths().journals)


def test_undo_back_to_the_saved_state_removes_the_journal(
    make_window: WindowFactory, post_folder: Path
) -> None:
    window = make_window(post_folder)
    window.add_session()
    assert pending_journals(app_paths().journals)
    window.undo()
    assert not window.document.dirty
    assert not pending_journals(app_paths().journals)


def test_discard_on_close_removes_the_journal(
    make_window: WindowFactory, post_folder: Path
) -> None:
    window = make_window(post_folder)
    window.add_session()
    window.answer = QMessageBox.StandardButton.Discard  # type: ignore[attr-defined]
    assert window.close()
    assert not pending_journals(app_paths().journals)


def test_cancelled_close_keeps_the_journal(make_window: WindowFactory, post_folder: Path) -> None:
    window = make_window(post_folder)
    window.add_session()
    window.answer = QMessageBox.StandardButton.Cancel  # type: ignore[attr-defined]
    assert not window.close()
    assert pending_journals(app_paths().journals)


def test_a_journal_that_cannot_be_written_is_said_once(
    make_window: WindowFactory, post_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(post_folder)
    messages: list[str] = []
    window.keeper.failed.connect(messages.append)

    def refuse(self: Journal, post: object, *, dirty: bool = True) -> None:
        raise JournalError("the disk is full: journal.json was not written")

    monkeypatch.setattr(Journal, "write", refuse)
    window.add_session()
    window.add_session()
    assert len(messages) == 1
    assert "disk is full" in messages[0]
    assert "not protected" in window.statusBar().currentMessage()
    assert window.document.dirty  # the edits stay in memory


# --- recovery at start ----------------------------------------------------------------------


def _crash_journal(post_folder: Path, title: str) -> Journal:
    """Leave a journal as a crashed editor would: the post with an unsaved title."""
    post = read_post(post_folder / "index.md")
    post.front_matter.set("title", title)  # type: ignore[union-attr]
    journal = Journal(app_paths().journals, post_folder / "index.md")
    journal.write(post)
    return journal


def test_recover_restores_the_model_and_the_dirty_state(
    make_window: WindowFactory, post_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _crash_journal(post_folder, "Recovered Title")
    monkeypatch.setattr(recovery, "ask_recovery", lambda _w, _e: "recover")
    window = make_window(post_folder)
    assert offer_recovery(window) == 1
    assert window.document.title() == "Recovered Title"
    assert window.document.dirty
    assert window.isWindowModified()
    assert "Recovered" in window.statusBar().currentMessage()
    assert _journalled_title(app_paths().journals) == "Recovered Title"
    before = (post_folder / "index.md").read_text(encoding="utf-8")
    assert "Recovered Title" not in before  # nothing written until the user saves
    assert window.files.save()
    assert "Recovered Title" in (post_folder / "index.md").read_text(encoding="utf-8")
    assert not pending_journals(app_paths().journals)


def test_recover_brings_back_staged_images(
    make_window: WindowFactory, post_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = _crash_journal(post_folder, "With Staged Image")
    make_png(journal.images / "staged-slide.png")
    monkeypatch.setattr(recovery, "ask_recovery", lambda _w, _e: "recover")
    window = make_window(post_folder)
    offer_recovery(window)
    assert (post_folder / "staged-slide.png").is_file()


def test_later_keeps_the_journal_and_the_post(
    make_window: WindowFactory, post_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _crash_journal(post_folder, "Not Now")
    monkeypatch.setattr(recovery, "ask_recovery", lambda _w, _e: "later")
    window = make_window(post_folder)
    assert offer_recovery(window) == 0
    assert window.document.title() != "Not Now"
    assert not window.document.dirty
    assert _journalled_title(app_paths().journals) == "Not Now"


def test_discard_removes_the_journal(
    make_window: WindowFactory, post_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _crash_journal(post_folder, "Gone")
    monkeypatch.setattr(recovery, "ask_recovery", lambda _w, _e: "discard")
    window = make_window(post_folder)
    assert offer_recovery(window) == 0
    assert not pending_journals(app_paths().journals)


def test_each_journal_is_offered_until_one_is_recovered(
    make_window: WindowFactory, post_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "2025-10-01-other"
    other.mkdir()
    (other / "index.md").write_bytes((post_folder / "index.md").read_bytes())
    _crash_journal(post_folder, "First")
    _crash_journal(other, "Second")
    asked: list[str] = []

    def ask(_window: object, entry: recovery.JournalEntry) -> recovery.Choice:
        asked.append(entry.title)
        return "later" if len(asked) == 1 else "recover"

    monkeypatch.setattr(recovery, "ask_recovery", ask)
    window = make_window(post_folder)
    assert offer_recovery(window) == 1
    assert sorted(asked) == ["First", "Second"]
    assert window.document.title() == asked[1]
    assert len(pending_journals(app_paths().journals)) == 2  # the one put off stays


def test_a_new_post_with_a_dropped_image_is_recovered_from_its_drafts_folder(
    make_window: WindowFactory,
    post_folder: Path,
    tmp_path: Path,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gui_helpers import file_mime

    window = make_window(post_folder)
    window.files.new()
    draft = window.document.folder
    assert draft is not None and not (draft / "index.md").exists()
    session = window.document.post.sessions()[0]
    image = make_png(tmp_path / "drops" / "keynote.png", (160, 90), "olive")
    assert window.drops.drop_on_block(session.id, file_mime(image))
    with qtbot.waitSignal(window.images.finished, timeout=30000):
        pass
    stored = window.document.block(session.id).thumbnails[0].file  # type: ignore[attr-defined]
    entries = pending_journals(app_paths().journals)
    assert len(entries) == 1 and entries[0].post() == window.document.post
    # the editor dies here: a second window starts and recovers the new post
    monkeypatch.setattr(recovery, "ask_recovery", lambda _w, _e: "recover")
    second = make_window(post_folder)
    assert offer_recovery(second) == 1
    assert second.document.folder == draft
    assert second.document.dirty
    recovered = second.document.block(second.document.post.sessions()[0].id)
    assert recovered.thumbnails[0].file == stored  # type: ignore[attr-defined]
    assert (draft / stored).is_file()
    window.bridge.mark_saved()  # the first window closes without asking


@pytest.mark.parametrize("button", ["Recover", "Discard", "Later"])
def test_the_recovery_question_offers_three_choices(
    make_window: WindowFactory, post_folder: Path, monkeypatch: pytest.MonkeyPatch, button: str
) -> None:
    _crash_journal(post_folder, "Asked")
    window = make_window(post_folder)
    seen: list[str] = []

    def exec_(box: QMessageBox) -> int:
        seen.extend(b.text().replace("&", "") for b in box.buttons())
        seen.append(box.text())
        next(b for b in box.buttons() if b.text().replace("&", "") == button).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    entry = pending_journals(app_paths().journals)[0]
    assert recovery.ask_recovery(window, entry) == button.lower()
    assert sorted(seen[:3]) == ["Discard", "Later", "Recover"]
    assert "Asked" in seen[3]


def test_a_journal_of_what_was_saved_is_removed_without_asking(
    make_window: WindowFactory, post_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the editor died after writing index.md and before removing the journal
    post = read_post(post_folder / "index.md")
    Journal(app_paths().journals, post_folder / "index.md").write(post)
    asked: list[object] = []
    monkeypatch.setattr(recovery, "ask_recovery", lambda _w, e: asked.append(e) or "recover")
    window = make_window(post_folder)
    assert offer_recovery(window) == 0
    assert asked == []
    assert not pending_journals(app_paths().journals)


def test_the_journal_holds_what_a_save_writes_before_it_is_written(
    make_window: WindowFactory, post_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(post_folder)
    window.push(SetFrontMatter("title", "Typed Then Saved", typing=True))
    assert window.keeper.timer.isActive()
    seen: list[str] = []
    real_save = window.document.save

    def save(*args: object, **kwargs: object) -> Path:
        seen.append(_journalled_title(app_paths().journals))
        return real_save(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(window.document, "save", save)
    assert window.files.save()
    assert seen == ["Typed Then Saved"]
    assert not pending_journals(app_paths().journals)
