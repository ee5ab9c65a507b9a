"""File > Import agenda…: a schedule file becomes a new post, or updates the open one.

The dialog asks for the file and its format (guessed from the extension and, for JSON, from its
top-level keys). A new post is built by the core (``build_post``), written into a fresh drafts
folder (``write_new_post``) and opened. "Update this post" merges the schedule into the open post
(``merge_schedule``) as ONE undo step and shows the summary in a non-modal message. Errors are one
sentence in the status bar.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from roundup_editor.core.errors import RoundupError
from roundup_editor.gui.lazy_qt import Qt

if TYPE_CHECKING:  # the importers load when an agenda is first imported
    from roundup_editor.gui.mainwindow import MainWindow
    from roundup_editor.importers.common import ImportedSchedule

#: Format names shown in the dialog, with their labels.
FORMAT_LABELS = {
    "pretalx": "pretalx / frab schedule.json",
    "frab-xml": "frab / pretalx schedule.xml",
    "sessionize": "Sessionize “All” JSON",
    "csv": "CSV with a header row",
    "post": "A post (agenda or roundup, Markdown)",
}
_FILTER = "Agendas (*.json *.xml *.csv *.md *.mdx);;All files (*)"


def guess_format(path: Path) -> str:
    """Return the import format for ``path``: by extension, and by the keys of a JSON file."""
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return "frab-xml"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".md", ".mdx", ".markdown") or path.is_dir():
        return "post"
    if suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return "pretalx"
        if isinstance(data, dict) and "sessions" in data and "speakers" in data:
            return "sessionize"
        if isinstance(data, list) and data and isinstance(data[0], dict) and "sessions" in data[0]:
            return "sessionize"
    return "pretalx"


@dataclass
class ImportChoice:
    """What the user chose: the file, its format, and whether to update the open post."""

    path: Path
    format_name: str
    update: bool = False


class ImportAgendaDialog(QDialog):
    """Pick an agenda file, its format, and new post or update."""

    def __init__(self, parent: QWidget | None, can_update: bool) -> None:
        """Build the fields; "Update this post" is offered when a post is open."""
        super().__init__(parent)
        self.setWindowTitle("Import agenda")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setAccessibleName("Agenda file")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        browse.setAutoDefault(False)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow("&File", row)
        self.format = QComboBox()
        self.format.setAccessibleName("Agenda format")
        for name, label in FORMAT_LABELS.items():
            self.format.addItem(label, name)
        form.addRow("F&ormat", self.format)
        self.new_post = QRadioButton("Create a &new post")
        self.update_post = QRadioButton("&Update this post (keeps your edits)")
        self.update_post.setEnabled(can_update)
        (self.update_post if can_update else self.new_post).setChecked(True)
        form.addRow("", self.new_post)
        form.addRow("", self.update_post)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.path.textChanged.connect(self._guess)
        self.resize(560, 200)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, "Agenda file", "", _FILTER)
        if name:
            self.path.setText(name)

    def _guess(self, text: str) -> None:
        if text.strip():
            index = self.format.findData(guess_format(Path(text.strip())))
            if index >= 0:
                self.format.setCurrentIndex(index)

    def choice(self) -> ImportChoice | None:
        """Return the choice shown in the fields (None without a file)."""
        text = self.path.text().strip()
        if not text:
            return None
        update = self.update_post.isChecked()
        return ImportChoice(Path(text), str(self.format.currentData()), update)

    @classmethod
    def ask(cls, parent: QWidget | None, can_update: bool) -> ImportChoice | None:
        """Show the dialog modally (the user must choose); tests replace this."""
        dialog = cls(parent, can_update)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()


def new_post_folder(title: str) -> Path:
    """Return a fresh drafts folder ``YYYY-MM-DD-slug`` for an imported post."""
    from roundup_editor.core.naming import slugify
    from roundup_editor.gui.files import new_draft_folder

    return new_draft_folder(slugify(title))


class AgendaImport:
    """File > Import agenda for one window."""

    def __init__(self, window: MainWindow) -> None:
        """Work for ``window``."""
        self.window = window
        self.message: QMessageBox | None = None

    def start(self) -> None:
        """Ask what to import, then import it."""
        can_update = self.window.document.folder is not None or bool(
            self.window.document.post.sessions()
        )
        choice = ImportAgendaDialog.ask(self.window, can_update)
        if choice is not None:
            self.run(choice)

    def run(self, choice: ImportChoice) -> bool:
        """Import ``choice``; report errors as one sentence in the status bar."""
        from roundup_editor.importers import FORMATS, load_schedule

        if choice.format_name not in FORMATS:
            self.window.status(f"{choice.format_name} is not an agenda format.")
            return False
        try:
            schedule = load_schedule(choice.format_name, choice.path)
        except (RoundupError, OSError) as error:
            self.window.status(f"Not imported: {error}")
            return False
        if choice.update:
            return self._update(schedule, choice.path)
        return self._create(schedule, choice.path)

    def _create(self, schedule: ImportedSchedule, source: Path) -> bool:
        from roundup_editor.importers.build import build_post, write_new_post

        window = self.window
        if not window.files.confirm_discard():
            return False
        post = build_post(schedule, authors=window.settings.default_authors)
        title = str(post.front_matter.get("title") if post.front_matter else "") or "roundup"
        folder = new_post_folder(title)
        try:
            write_new_post(post, folder)
        except (RoundupError, OSError) as error:
            window.status(f"Not imported: {error}")
            return False
        if not window.files.open_path(folder, confirmed=True):
            return False
        lines = [
            f"Imported {len(schedule.sessions)} session(s) from {source.name}.",
            f"The new post is in {folder}.",
        ]
        self.show_summary("Agenda imported", lines)
        return True

    def _update(self, schedule: ImportedSchedule, source: Path) -> bool:
        from roundup_editor.importers.merge import merge_schedule

        window = self.window
        result = merge_schedule(window.document.post, schedule)
        lines = result.summary.lines()
        if not result.summary.changed:
            window.status(f"{source.name}: nothing new to import.")
            self.show_summary("Agenda: nothing changed", lines)
            return True
        window.seal()
        window.push(result.command())
        self.show_summary(f"Updated from {source.name} (Undo takes it back)", lines)
        return True

    def show_summary(self, title: str, lines: list[str]) -> None:
        """Show the summary lines in a non-modal message, and the first one in the status bar."""
        if self.message is not None:
            self.message.close()
        box = QMessageBox(self.window)
        box.setWindowTitle(title)
        box.setText(title)
        box.setInformativeText("\n".join(lines))
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setModal(False)
        box.show()
        self.message = box
        self.window.status(lines[0] if lines else title)
