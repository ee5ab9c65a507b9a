"""The window: opening, saving unchanged bytes, undo through the widgets, closing, settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gui_helpers import type_into
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from roundup_editor.core.post import Session, TextBlock
from roundup_editor.core.settings import Settings
from roundup_editor.formats.writer import render_post
from roundup_editor.gui.files import new_post_document
from roundup_editor.gui.session_form import SessionForm

pytestmark = pytest.mark.gui


def _select_session(window, number: int) -> Session:  # type: ignore[no-untyped-def]
    session = window.document.post.sessions()[number]
    window.select_block(session.id)
    assert window.current_form is window.forms["session"]
    return session


def test_opens_sample_when_no_path(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert "Lighthouse Cloud Day 2025 Roundup" in window.windowTitle()
    assert window.outline_model.rowCount() >= 6
    assert window.slug_label.text() == "lighthouse-cloud-day-2025-roundup · 2025-06-14"
    assert window.state_label.text() == "Saved"


def test_every_input_has_an_accessible_name(make_window, post_folder: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

    window = make_window(post_folder)
    for form in window.forms.values():
        for kind in (QLineEdit, QPlainTextEdit, QComboBox):
            for widget in form.findChildren(kind):
                if widget.parent() is not None and isinstance(widget.parent(), QComboBox):
                    continue
                assert widget.accessibleName(), f"{type(form).__name__}: {widget}"


def test_typing_merges_and_undo_restores_forms_and_bytes(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder)
    original = (post_folder / "index.md").read_text(encoding="utf-8")
    session = _select_session(window, 2)
    form = window.forms["session"]
    assert isinstance(form, SessionForm)
    type_into(qtbot, form.session_title, "Object Stores, Revisited")
    assert window.bridge.stack.count() == 1
    assert window.isWindowModified()
    assert "Unsaved" in window.state_label.text()
    assert session.title == "Object Stores, Revisited"
    assert "## Object Stores&#44; Revisited" in render_post(window.document.post) or (
        "## Object Stores, Revisited" in render_post(window.document.post)
    )
    form.abstract.setFocus()  # focus change ends the burst
    type_into(qtbot, form.abstract, "A new abstract.\n\nSecond paragraph.")
    assert window.bridge.stack.count() == 2
    qtbot.keyClick(form.abstract, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert form.abstract.toPlainText() == session.abstract
    assert "A new abstract" not in session.abstract
    window.undo()
    assert form.session_title.text() == session.title
    assert render_post(window.document.post) == original
    assert not window.isWindowModified()
    window.redo()
    assert session.title == "Object Stores, Revisited"


def test_save_writes_atomically_and_marks_clean(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder)
    type_into(qtbot, window.forms["post"].title, "Northwind Meetup Roundup")  # type: ignore[attr-defined]
    assert window.document.post.front_matter.get("slug") == "northwind-meetup-2025-roundup"
    window.acts.save.trigger()
    text = (post_folder / "index.md").read_text(encoding="utf-8")
    assert "title: Northwind Meetup Roundup\n" in text
    assert not window.isWindowModified()
    assert not list(post_folder.glob(".index.md.*"))
    assert window.settings.recent[0] == str(post_folder.resolve())
    assert Settings.load().recent[0] == str(post_folder.resolve())


def test_slug_follows_title_until_edited(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.set_document(new_post_document(Settings(default_authors=["jamie"])))
    form = window.forms["post"]
    type_into(qtbot, form.title, "Harbour Summit 2026")  # type: ignore[attr-defined]
    front = window.document.post.front_matter
    assert front.get("slug") == "harbour-summit-2026"
    assert front.get("authors") == ["jamie"]
    type_into(qtbot, form.slug, "harbour-2026")  # type: ignore[attr-defined]
    type_into(qtbot, form.title, "Harbour Summit 2026 Roundup")  # type: ignore[attr-defined]
    assert front.get("slug") == "harbour-2026"


def test_the_slug_from_a_title_folds_accents_like_every_other_slug(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The form derives the slug as imports and new drafts do (core.naming.slugify)."""
    window = make_window()
    window.set_document(new_post_document(Settings()))
    type_into(qtbot, window.forms["post"].title, "Journée Brüseke: 2026!")  # type: ignore[attr-defined]
    assert window.document.post.front_matter.get("slug") == "journee-bruseke-2026"
    type_into(qtbot, window.forms["post"].title, "?!")  # type: ignore[attr-defined]
    assert window.document.post.front_matter.get("slug") == "post"  # never empty


def test_corpus_posts_save_unedited_without_changing_a_byte(  # type: ignore[no-untyped-def]
    make_window, corpus: Path, tmp_path: Path
) -> None:
    window = make_window()
    for source in sorted(corpus.glob("*/index.md")):
        folder = tmp_path / source.parent.name
        folder.mkdir()
        shutil.copyfile(source, folder / "index.md")
        assert window.files.open_path(folder)
        assert window.preview.markdown_text() == source.read_text(encoding="utf-8").replace(
            "\r\n", "\n"
        )
        assert window.files.save_to(folder)
        assert (folder / "index.md").read_bytes() == source.read_bytes(), source.parent.name


def test_close_with_unsaved_changes_asks(make_window, post_folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    type_into(qtbot, window.forms["post"].tags, "roundup, meetup")  # type: ignore[attr-defined]
    asked: list[str] = []
    window.ask = lambda title, text: asked.append(title) or QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert asked == ["Unsaved changes"]
    window.ask = lambda title, text: QMessageBox.StandardButton.Save
    assert window.close()
    assert "tags: [roundup, meetup]" in (post_folder / "index.md").read_text(encoding="utf-8")


def test_standard_shortcuts_and_keyboard_structure(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder)
    assert window.acts.save.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert window.acts.undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    sessions = window.document.post.sessions()
    window.select_block(sessions[1].id)
    window.outline.setFocus()
    qtbot.keyClick(window.outline, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [s.id for s in window.document.post.sessions()][:2] == [sessions[1].id, sessions[0].id]
    qtbot.keyClick(window.outline, Qt.Key.Key_Delete)
    assert sessions[1] not in window.document.post.blocks
    window.outline.setFocus()
    qtbot.keyClick(window.outline, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    added = window.document.post.sessions()
    assert any(s.title == "New session" for s in added)
    window.undo()
    window.undo()
    window.undo()
    assert render_post(window.document.post) == (post_folder / "index.md").read_text("utf-8")


def test_add_text_block_and_new_post(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.files.new()
    assert window.document.folder is not None
    assert "drafts" in str(window.document.folder)
    blocks = window.document.post.blocks
    assert any(isinstance(b, Session) for b in blocks)
    block = window.add_text()
    assert isinstance(block, TextBlock)
    type_into(qtbot, window.forms["text"].text, "Thanks for coming!")  # type: ignore[attr-defined]
    assert block.text == "Thanks for coming!"
    assert window.files.save()
    assert (window.document.folder / "index.md").is_file()


def test_undo_to_start_after_long_gui_session(  # type: ignore[no-untyped-def]
    make_window, post_folder: Path, qtbot
) -> None:
    window = make_window(post_folder)
    original = (post_folder / "index.md").read_text(encoding="utf-8")
    form = window.forms["session"]
    assert isinstance(form, SessionForm)
    for round_number in range(3):
        for number in range(0, 6, 2):
            session = _select_session(window, number)
            type_into(qtbot, form.session_title, f"Talk {round_number}-{number} {{draft}}")
            form.abstract.setFocus()
            type_into(qtbot, form.abstract, f"Rewritten <b> {round_number}\n\nMore: [x](y)")
            type_into(qtbot, form.slides_url, "https://slides.example/new")
            if session.speakers:
                form.speaker_list.setCurrentRow(0)
                type_into(qtbot, form.speaker_edits["org"], "Renamed Org")
        window.add_session()
        window.move_selected(-1)
        window.select_block(window.document.post.sessions()[1].id)
        window.delete_selected()
        type_into(qtbot, window.forms["post"].description, "About the day")  # type: ignore[attr-defined]
    assert render_post(window.document.post) != original
    while window.bridge.stack.canUndo():
        window.undo()
    assert render_post(window.document.post) == original
    assert not window.isWindowModified()


def test_splitter_sizes_are_remembered(make_window, post_folder: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    window.splitter.setSizes([420, 500, 580])
    sizes = window.splitter.sizes()
    window.close()
    again = make_window(post_folder)
    restored = again.splitter.sizes()
    # The offscreen screen is small, so the window may come back narrower: same proportions.
    for before, after in zip(sizes, restored, strict=True):
        assert abs(before / sum(sizes) - after / sum(restored)) < 0.02


def test_window_geometry_and_pane_sizes_come_back_next_run(make_window, post_folder: Path) -> None:  # type: ignore[no-untyped-def]
    first = make_window(post_folder)
    first.resize(760, 540)  # within the offscreen screen (800x600): restoring clamps to it
    first.splitter.setSizes([150, 330, 270])
    sizes = first.splitter.sizes()
    first.bridge.mark_saved()
    assert first.close()  # closing saves the geometry
    second = make_window(post_folder)
    assert second.splitter.sizes() == sizes
    assert (second.width(), second.height()) == (760, 540)
