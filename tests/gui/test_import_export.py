"""File > Import agenda, Export to site and Tools > Directory, through the window's widgets."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from gui_helpers import type_into
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from roundup_editor.core.settings import Settings
from roundup_editor.gui.dialogs import directory as directory_dialog
from roundup_editor.gui.dialogs.directory import DirectoryDialog, show_directory_dialog
from roundup_editor.gui.dialogs.export import ExportDialog
from roundup_editor.gui.dialogs.import_agenda import (
    ImportAgendaDialog,
    ImportChoice,
    guess_format,
)
from roundup_editor.importers.directory import load_directory
from roundup_editor.importers.directory_scan import ScanCancelled
from roundup_editor.paths import app_paths

from support.posts import invented_post_text

pytestmark = pytest.mark.gui

AGENDAS = Path(__file__).resolve().parents[1] / "data" / "agendas"


# --- import ---------------------------------------------------------------------------------


def test_the_format_is_guessed_from_the_file(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert guess_format(AGENDAS / "hocd-2025-schedule.json") == "pretalx"
    assert guess_format(AGENDAS / "hocd-2025-schedule.xml") == "frab-xml"
    assert guess_format(AGENDAS / "kps-2025-sessionize-all.json") == "sessionize"
    assert guess_format(AGENDAS / "nwcm-autumn-2025.csv") == "csv"
    assert guess_format(Path("last-month/index.md")) == "post"
    dialog = ImportAgendaDialog(None, can_update=False)
    qtbot.addWidget(dialog)
    assert not dialog.update_post.isEnabled() and dialog.new_post.isChecked()
    type_into(qtbot, dialog.path, str(AGENDAS / "kps-2025-sessionize-all.json"))
    assert dialog.format.currentData() == "sessionize"
    choice = dialog.choice()
    assert choice == ImportChoice(AGENDAS / "kps-2025-sessionize-all.json", "sessionize", False)


def _stub_dialog(monkeypatch, choice: ImportChoice) -> list[bool]:  # type: ignore[no-untyped-def]
    offered: list[bool] = []

    def ask(_parent: object, can_update: bool) -> ImportChoice:
        offered.append(can_update)
        return choice

    monkeypatch.setattr(ImportAgendaDialog, "ask", staticmethod(ask))
    return offered


def test_import_creates_a_new_post(make_window, post_folder, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    _stub_dialog(monkeypatch, ImportChoice(AGENDAS / "nwcm-autumn-2025.csv", "csv", False))
    window.acts.import_agenda.trigger()
    document = window.document
    assert document.folder is not None and document.folder.parent == app_paths().drafts
    assert (document.folder / "index.md").is_file()
    titles = [session.title for session in document.post.sessions()]
    assert "Backups You Can Actually Restore" in titles
    assert "Coffee" not in titles
    assert not document.dirty
    box = window.agenda.message
    assert box is not None and box.isVisible() and not box.isModal()
    assert "session(s) from nwcm-autumn-2025.csv" in box.informativeText()


def test_update_this_post_is_one_undo_step(make_window, post_folder, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    _stub_dialog(monkeypatch, ImportChoice(AGENDAS / "hocd-2025-schedule.json", "pretalx", False))
    window.acts.import_agenda.trigger()
    first = window.document.text()
    count = len(window.document.post.sessions())
    offered = _stub_dialog(
        monkeypatch, ImportChoice(AGENDAS / "hocd-2025-schedule-v2.json", "pretalx", True)
    )
    window.acts.import_agenda.trigger()
    assert offered == [True]
    assert len(window.document.post.sessions()) == count + 1
    assert window.bridge.stack.count() == 1
    summary = window.agenda.message.informativeText()
    assert "Added" in summary and "Updated" in summary
    assert window.statusBar().currentMessage()
    window.undo()
    assert window.document.text() == first


def test_import_errors_are_one_sentence(make_window, post_folder, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    before = window.document.text()
    broken = tmp_path / "broken.csv"
    broken.write_text("Title,Colour\nA talk,blue\n", encoding="utf-8")
    _stub_dialog(monkeypatch, ImportChoice(broken, "csv", True))
    window.acts.import_agenda.trigger()
    message = window.statusBar().currentMessage()
    assert message.startswith("Not imported:") and "\n" not in message
    assert window.document.text() == before
    assert window.bridge.stack.count() == 0


# --- export ---------------------------------------------------------------------------------


def _site(root: Path, authors: str = "jamie:\n  name: Jamie Placeholder\n") -> Path:
    (root / "blog").mkdir(parents=True)
    (root / "docusaurus.config.js").write_text("module.exports = {};\n", encoding="utf-8")
    (root / "package.json").write_text(
        '{"dependencies": {"@docusaurus/core": "3.10.0"}}', encoding="utf-8"
    )
    (root / "blog" / "authors.yml").write_text(authors, encoding="utf-8")
    return root


def _export_dialog(window, qtbot, site: Path) -> ExportDialog:  # type: ignore[no-untyped-def]
    window.settings.blog_repository = ""
    window.acts.export_site.trigger()
    dialog = window.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible() and not dialog.isModal()
    type_into(qtbot, dialog.site_path, str(site))
    qtbot.keyClick(dialog.site_path, Qt.Key.Key_Return)
    return dialog


def test_export_to_site(make_window, post_folder, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    site = _site(tmp_path / "site")
    dialog = _export_dialog(window, qtbot, site)
    assert dialog.detected.text().startswith("Docusaurus 3.10.0")
    assert dialog.target.text() == "blog/2025-05-17-northwind-meetup"
    assert dialog.unknown.text() == "Authors and tags are known."
    with qtbot.waitSignal(dialog.finished_export, timeout=20000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    target = site / "blog" / "2025-05-17-northwind-meetup"
    assert (target / "index.md").read_text(encoding="utf-8") == window.document.text()
    assert (target / "header.png").is_file() and (target / "talk-6.png").is_file()
    assert dialog.outcome.text().startswith("Exported 8 file(s)")
    assert window.statusBar().currentMessage() == f"Exported to {target}"
    # the site folder is remembered for next time
    assert Settings.load().blog_repository == str(site)


def test_export_asks_before_replacing(make_window, post_folder, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    site = _site(tmp_path / "site")
    target = site / "blog" / "2025-05-17-northwind-meetup"
    target.mkdir()
    (target / "index.md").write_text("---\ntitle: Old\nslug: old-one\n---\n\nOld.\n", "utf-8")
    dialog = _export_dialog(window, qtbot, site)
    answers = [False]
    dialog.confirm_replace = lambda _target: answers.pop(0)  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.text() == "Not exported: the existing folder was kept."
    assert "Old." in (target / "index.md").read_text(encoding="utf-8")
    answers.append(True)
    with qtbot.waitSignal(dialog.finished_export, timeout=20000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "Old." not in (target / "index.md").read_text(encoding="utf-8")


def test_export_flags_unknown_authors(make_window, post_folder, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    site = _site(tmp_path / "site", authors="riley:\n  name: Riley Example\n")
    dialog = _export_dialog(window, qtbot, site)
    assert dialog.unknown.text() == "Authors not in authors.yml: jamie."
    authors = window.forms["post"].authors
    assert "jamie" in authors.toolTip()
    with qtbot.waitSignal(dialog.finished_export, timeout=20000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert isinstance(blocker.args[0], str) and "jamie" in blocker.args[0]
    assert dialog.outcome.text().startswith("Not exported:")
    assert not (site / "blog" / "2025-05-17-northwind-meetup").exists()


# --- directory ------------------------------------------------------------------------------


def _blog(root: Path) -> Path:
    """Two invented posts; the second spells a speaker "Phillip" where the first has "Philipp"."""
    one = root / "2025-03-01-spring"
    two = root / "2025-09-01-autumn"
    for folder in (one, two):
        folder.mkdir(parents=True)
    text = invented_post_text(3)
    (one / "index.md").write_text(
        text.replace("Chiara Voss", "Philipp Brandauer"), encoding="utf-8"
    )
    (two / "index.md").write_text(
        text.replace("Chiara Voss", "Phillip Brandauer").replace(
            "chiara-voss", "phillip-brandauer"
        ),
        encoding="utf-8",
    )
    return root


def test_directory_scan_resolve_export_import(make_window, post_folder, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    window.acts.directory.trigger()
    dialog = window.directory_dialog
    assert isinstance(dialog, DirectoryDialog) and dialog.isVisible()
    blog = _blog(tmp_path / "blog")
    dialog.ask_folder = lambda: blog  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.scan_finished, timeout=30000):
        qtbot.mouseClick(dialog.buttons["scan"], Qt.MouseButton.LeftButton)
    names = [dialog.people.item(row, 0).text() for row in range(dialog.people.rowCount())]
    assert "Ada Quillfeather" in names
    assert {"Philipp Brandauer", "Phillip Brandauer"} <= set(names)
    assert dialog.duplicates.count() >= 1
    assert "Brandauer" in dialog.duplicates.item(0).text()
    dialog.tabs.setCurrentIndex(2)
    qtbot.mouseClick(dialog.same_button, Qt.MouseButton.LeftButton)
    names = [dialog.people.item(row, 0).text() for row in range(dialog.people.rowCount())]
    assert len([name for name in names if "Brandauer" in name]) == 1
    # edit a cell, save, and the completions use the saved directory
    row = names.index("Ada Quillfeather")
    dialog.people.item(row, 4).setText("Storage Lead")
    dialog.people.item(row, 1).setText("javascript:alert(1)")  # refused, the table put back
    assert dialog.people.item(row, 1).text() == "https://www.linkedin.com/in/ada-quillfeather/"
    assert "javascript: scheme" in dialog.note.text()
    qtbot.mouseClick(dialog.buttons["save"], Qt.MouseButton.LeftButton)
    saved = load_directory()
    ada = saved.person("Ada Quillfeather")
    assert ada is not None and ada.role == "Storage Lead"
    assert window.completion.directory is dialog.directory
    # export, clear, import back
    exported = tmp_path / "people.json"
    dialog.ask_file = lambda save: exported  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.buttons["export"], Qt.MouseButton.LeftButton)
    assert exported.is_file()
    dialog.tabs.setCurrentIndex(0)
    dialog.people.setCurrentCell(row, 0)
    qtbot.mouseClick(dialog.buttons["remove"], Qt.MouseButton.LeftButton)
    assert dialog.directory.person("Ada Quillfeather") is None
    qtbot.mouseClick(dialog.buttons["import"], Qt.MouseButton.LeftButton)
    assert dialog.directory.person("Ada Quillfeather") is not None
    assert show_directory_dialog(window) is dialog


def test_directory_scan_can_be_cancelled(
    make_window, post_folder, qtbot, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    dialog = show_directory_dialog(window)
    before = len(dialog.directory.people)
    started = threading.Event()

    def slow_scan(folder: Path, progress):  # type: ignore[no-untyped-def]
        progress(0, 2, folder / "a.md")
        started.set()
        dialog._cancel.wait(20)
        if not progress(1, 2, folder / "b.md"):
            raise ScanCancelled("cancelled")
        raise AssertionError("the scan was not cancelled")

    monkeypatch.setattr(directory_dialog, "scan_blog", slow_scan)
    dialog.ask_folder = lambda: tmp_path  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.buttons["scan"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.note.text().startswith("Scanning 0/2"), timeout=10000)
    assert dialog.buttons["cancel"].isEnabled() and not dialog.buttons["scan"].isEnabled()
    with qtbot.waitSignal(dialog.scan_finished, timeout=20000):
        qtbot.mouseClick(dialog.buttons["cancel"], Qt.MouseButton.LeftButton)
    assert dialog.note.text() == "Scan cancelled; the directory is unchanged."
    assert len(dialog.directory.people) == before
    assert started.is_set()
    QApplication.processEvents()
