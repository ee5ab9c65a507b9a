"""Forms: sponsors (edit, add, reorder), speakers (pick, reorder), settings dialog, open errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import type_into
from PySide6.QtCore import QModelIndex

from roundup_editor.core.post import Sponsors
from roundup_editor.core.settings import Settings
from roundup_editor.formats.writer import render_post
from roundup_editor.gui.dialogs.settings import SettingsDialog
from roundup_editor.gui.session_form import SessionForm
from roundup_editor.gui.sponsors_form import SponsorsForm

pytestmark = pytest.mark.gui


def test_sponsors_edit_add_and_reorder(make_window, post_folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    block = next(b for b in window.document.post.blocks if isinstance(b, Sponsors))
    window.select_block(block.id)
    form = window.forms["sponsors"]
    assert isinstance(form, SponsorsForm)
    assert form.items.count() == 3
    form.items.setCurrentRow(1)
    type_into(qtbot, form.url, "https://northwind.example/labs")
    assert block.sponsors[1].url == "https://northwind.example/labs"
    assert "[Northwind Labs](https://northwind.example/labs)" in render_post(window.document.post)
    form._add()
    type_into(qtbot, form.name, "Gullwing Hosting")
    assert [s.name for s in block.sponsors][-1] == "Gullwing Hosting"
    # Drag-reorder: the list model moves a row (as an internal drag does); the model follows.
    form.items.model().moveRow(QModelIndex(), 3, QModelIndex(), 1)
    qtbot.waitUntil(lambda: block.sponsors[1].name == "Gullwing Hosting", timeout=3000)
    assert window.bridge.stack.count() == 4
    while window.bridge.stack.canUndo():
        window.undo()
    assert render_post(window.document.post) == (post_folder / "index.md").read_text("utf-8")


def test_speaker_picked_from_known_and_reordered(make_window, post_folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    session = window.document.post.sessions()[0]
    window.select_block(session.id)
    form = window.forms["session"]
    assert isinstance(form, SessionForm)
    names = [speaker.name for speaker in form.known_speakers]
    assert names == ["Bruno Kettleby", "Chiara Voss"]
    form.known.setCurrentIndex(1)
    form._pick_known()
    assert [s.name for s in session.speakers] == ["Ada Quillfeather", "Chiara Voss"]
    assert session.speakers[1] == window.document.post.sessions()[2].speakers[0]
    form.speaker_list.model().moveRow(QModelIndex(), 1, QModelIndex(), 0)
    qtbot.waitUntil(lambda: session.speakers[0].name == "Chiara Voss", timeout=3000)
    out = render_post(window.document.post)
    assert "(part 1), [Chiara Voss](https://www.linkedin.com/in/chiara-voss)" in out


def test_settings_dialog_returns_values(qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(default_authors=["jamie"], thumbnail_width=600)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.authors, "jamie, alex")
    dialog.width_box.setValue(480)
    chosen = dialog.values()
    assert chosen.default_authors == ["jamie", "alex"]
    assert chosen.thumbnail_width == 480
    assert settings.thumbnail_width == 600  # the dialog leaves the original alone


def test_open_error_is_one_line_in_status_bar(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    before = window.document
    assert not window.files.open_path(tmp_path / "missing")
    assert "does not exist" in window.statusBar().currentMessage()
    assert window.document is before


def test_empty_date_shows_the_folder_names_date(make_window, post_folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    form = window.forms["post"]
    form.refresh()
    assert form.date.text() == ""
    assert form.date.placeholderText() == "2025-05-17 (from the folder name)"
    type_into(qtbot, form.date, "2025-05-18")
    assert window.document.post.front_matter.get("date") == "2025-05-18"
    window.bridge.stack.undo()
    form.refresh()
    assert form.date.text() == "" and form.date.placeholderText().startswith("2025-05-17")


def test_date_placeholder_without_a_dated_folder(make_window, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from support.posts import invented_post_text

    folder = tmp_path / "northwind"
    folder.mkdir()
    (folder / "index.md").write_text(invented_post_text(2), encoding="utf-8")
    window = make_window(folder)
    window.forms["post"].refresh()
    assert window.forms["post"].date.placeholderText() == "YYYY-MM-DD"
