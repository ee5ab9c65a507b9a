"""Tools > Directory…: view and edit the speaker and sponsor directory.

A non-modal dialog over the window's :class:`~roundup_editor.importers.directory.Directory`:
people and organisations in editable tables, Remove, Save, Export and Import of the file, a scan
of a blog repository (in a worker thread, with progress and Cancel) whose entries are merged in,
and the flagged near-duplicates, each settled as "Same" (merged) or "Different".
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from roundup_editor.core.errors import RoundupError
from roundup_editor.gui.lazy_qt import Qt
from roundup_editor.gui.urlguard import encode_url, url_refusal

if TYPE_CHECKING:  # the directory modules load when the dialog is first opened
    from roundup_editor.gui.mainwindow import MainWindow
    from roundup_editor.importers.directory import Directory, NearDuplicate
    from roundup_editor.importers.directory_scan import Progress, ScanReport

PEOPLE_COLUMNS = (
    ("name", "Name"),
    ("url", "Profile URL"),
    ("org", "Organisation"),
    ("org_url", "Organisation URL"),
    ("role", "Role"),
)
ORG_COLUMNS = (("name", "Name"), ("url", "URL"), ("sponsor", "Sponsor"))


def scan_blog(folder: Path, progress: Progress) -> ScanReport:
    """Build a directory from the posts under ``folder`` (the core's scan)."""
    from roundup_editor.importers.directory import scan_blog as scan

    return scan(folder, progress)


class _Relay(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)


def _table(columns: tuple[tuple[str, str], ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels([label for _key, label in columns])
    table.setAccessibleName(name)
    table.horizontalHeader().setStretchLastSection(True)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    return table


class DirectoryDialog(QDialog):
    """View, edit, export, import and build the directory.

    Signals:
        scan_finished: the :class:`ScanReport`, or a sentence on cancel or failure.
    """

    scan_finished = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        """Build the tables, the near-duplicates list and the buttons."""
        super().__init__(window)
        self.main = window
        self.directory: Directory = window.completion.directory
        self.setWindowTitle("Directory of speakers and sponsors")
        self.setModal(False)
        self._filling = False
        self._cancel = threading.Event()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scan")
        self._relay = _Relay()
        self._relay.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self._relay.done.connect(self._scanned, Qt.ConnectionType.QueuedConnection)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.people = _table(PEOPLE_COLUMNS, "People in the directory")
        self.organisations = _table(ORG_COLUMNS, "Organisations in the directory")
        self.people.cellChanged.connect(self._person_edited)
        self.organisations.cellChanged.connect(self._organisation_edited)
        self.tabs.addTab(self.people, "&People")
        self.tabs.addTab(self.organisations, "&Organisations")
        duplicates = QWidget()
        inner = QVBoxLayout(duplicates)
        self.duplicates = QListWidget()
        self.duplicates.setAccessibleName("Possible duplicates")
        inner.addWidget(self.duplicates)
        row = QHBoxLayout()
        self.same_button = QPushButton("&Same (merge)")
        self.same_button.clicked.connect(lambda: self.resolve(True))
        self.different_button = QPushButton("&Different")
        self.different_button.clicked.connect(lambda: self.resolve(False))
        for button in (self.same_button, self.different_button):
            row.addWidget(button)
        row.addStretch(1)
        inner.addLayout(row)
        self.tabs.addTab(duplicates, "Possible &duplicates")
        layout.addWidget(self.tabs)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Scan progress")
        self.progress.setRange(0, 1)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Directory status")
        layout.addWidget(self.progress)
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, slot in (
            ("remove", "&Remove", self.remove_selected),
            ("scan", "S&can blog…", self.scan_dialog),
            ("cancel", "Cancel scan", self.cancel_scan),
            ("import", "&Import…", self.import_dialog),
            ("export", "E&xport…", self.export_dialog),
            ("save", "Sa&ve", self.save),
        ):
            button = QPushButton(label)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, s=slot: s())
            buttons.addWidget(button)
            self.buttons[key] = button
        self.buttons["cancel"].setEnabled(False)
        layout.addLayout(buttons)
        self.resize(900, 560)
        self.fill()

    # --- showing ---------------------------------------------------------------------------

    def fill(self) -> None:
        """Show the directory's entries and flagged pairs."""
        self._filling = True
        directory = self.directory
        self.people.setRowCount(len(directory.people))
        for row, person in enumerate(directory.people):
            for column, (key, _label) in enumerate(PEOPLE_COLUMNS):
                self.people.setItem(row, column, QTableWidgetItem(getattr(person, key) or ""))
        self.organisations.setRowCount(len(directory.organisations))
        for row, organisation in enumerate(directory.organisations):
            self.organisations.setItem(row, 0, QTableWidgetItem(organisation.name))
            self.organisations.setItem(row, 1, QTableWidgetItem(organisation.url or ""))
            check = QTableWidgetItem("")
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            sponsor = Qt.CheckState.Checked if organisation.sponsor else Qt.CheckState.Unchecked
            check.setCheckState(sponsor)
            self.organisations.setItem(row, 2, check)
        self.duplicates.clear()
        for pair in directory.near_duplicates:
            self.duplicates.addItem(f"{pair.first}  /  {pair.second}  ({pair.kind}: {pair.reason})")
        if directory.near_duplicates:
            self.duplicates.setCurrentRow(0)
        self.tabs.setTabText(2, f"Possible &duplicates ({len(directory.near_duplicates)})")
        for button in (self.same_button, self.different_button):
            button.setEnabled(bool(directory.near_duplicates))
        self._filling = False

    # --- editing ---------------------------------------------------------------------------

    def _person_edited(self, row: int, column: int) -> None:
        if self._filling or not 0 <= row < len(self.directory.people):
            return
        key = PEOPLE_COLUMNS[column][0]
        item = self.people.item(row, column)
        text = item.text().strip() if item is not None else ""
        if key == "name" and not text:
            self.fill()
            return
        value: str | None = text if key == "name" else (text or None)
        if key in ("url", "org_url") and text:
            value = self._safe_url(text)
            if value is None:
                return
        setattr(self.directory.people[row], key, value)
        self.note.setText("Edited; Save keeps the change.")

    def _organisation_edited(self, row: int, column: int) -> None:
        if self._filling or not 0 <= row < len(self.directory.organisations):
            return
        organisation = self.directory.organisations[row]
        item = self.organisations.item(row, column)
        if item is None:
            return
        if column == 2:
            organisation.sponsor = item.checkState() == Qt.CheckState.Checked
        elif column == 1:
            text = item.text().strip()
            url = self._safe_url(text) if text else None
            if text and url is None:
                return
            organisation.url = url
        elif item.text().strip():
            organisation.name = item.text().strip()
        self.note.setText("Edited; Save keeps the change.")

    def _safe_url(self, text: str) -> str | None:
        """Return the encoded link, or None (and put the table back) when it is refused."""
        problem = url_refusal(text)
        if problem is not None:
            self.fill()
            self.note.setText(problem)
            return None
        return encode_url(text)

    def remove_selected(self) -> None:
        """Remove the selected person or organisation."""
        if self.tabs.currentIndex() == 0:
            row = self.people.currentRow()
            if 0 <= row < len(self.directory.people):
                del self.directory.people[row]
        elif self.tabs.currentIndex() == 1:
            row = self.organisations.currentRow()
            if 0 <= row < len(self.directory.organisations):
                del self.directory.organisations[row]
        self.fill()

    def resolve(self, same: bool) -> None:
        """Settle the selected near-duplicate pair: merge it, or remember the two differ."""
        row = self.duplicates.currentRow()
        pairs = self.directory.near_duplicates
        if not 0 <= row < len(pairs):
            return
        pair: NearDuplicate = pairs[row]
        self.directory.resolve(pair, same)
        verb = "Merged" if same else "Kept apart"
        self.note.setText(f"{verb}: {pair.first} and {pair.second}. Save keeps the change.")
        self.fill()

    # --- files -----------------------------------------------------------------------------

    def ask_file(self, save: bool) -> Path | None:
        """Ask for a directory file to export to or import from (tests replace this)."""
        caption = "Export directory" if save else "Import directory"
        pattern = "Directory files (*.json)"
        if save:
            name, _f = QFileDialog.getSaveFileName(self, caption, "directory.json", pattern)
        else:
            name, _f = QFileDialog.getOpenFileName(self, caption, "", pattern)
        return Path(name) if name else None

    def ask_folder(self) -> Path | None:
        """Ask for the blog repository to scan (tests replace this)."""
        name = QFileDialog.getExistingDirectory(self, "Blog repository to scan")
        return Path(name) if name else None

    def save(self) -> bool:
        """Write the directory to the user's directory file."""
        try:
            path = self.directory.save()
        except RoundupError as error:
            self.note.setText(f"Not saved: {error}")
            return False
        self.main.completion.set_directory(self.directory)
        self.note.setText(f"Saved {path}.")
        return True

    def export_dialog(self) -> None:
        """Write the directory to a file the user chooses."""
        path = self.ask_file(save=True)
        if path is None:
            return
        try:
            self.directory.export_file(path)
        except RoundupError as error:
            self.note.setText(f"Not exported: {error}")
            return
        self.note.setText(f"Exported to {path}.")

    def import_dialog(self) -> None:
        """Merge the entries of a directory file the user chooses."""
        path = self.ask_file(save=False)
        if path is None:
            return
        try:
            self.directory.import_file(path)
        except RoundupError as error:
            self.note.setText(f"Not imported: {error}")
            return
        self.fill()
        self.note.setText(f"Imported {path.name}; Save keeps the entries.")

    # --- scanning --------------------------------------------------------------------------

    def scan_dialog(self) -> None:
        """Ask for a blog repository and scan it."""
        folder = self.ask_folder()
        if folder is not None:
            self.scan(folder)

    def scan(self, folder: Path) -> None:
        """Scan ``folder`` in the worker thread; progress shows here, Cancel stops it."""
        self._cancel.clear()
        self.buttons["scan"].setEnabled(False)
        self.buttons["cancel"].setEnabled(True)
        self.progress.setRange(0, 0)
        self.note.setText(f"Scanning {folder}…")
        relay, cancel = self._relay, self._cancel

        def progress(done: int, total: int, path: Path) -> bool:
            relay.progress.emit(done, total, path.name)
            return not cancel.is_set()

        def work() -> None:
            from roundup_editor.importers.directory_scan import ScanCancelled

            try:
                relay.done.emit(scan_blog(folder, progress))
            except ScanCancelled:
                relay.done.emit("Scan cancelled; the directory is unchanged.")
            except (RoundupError, OSError) as error:
                relay.done.emit(f"Scan failed: {error}")

        self._executor.submit(work)

    def cancel_scan(self) -> None:
        """Stop a running scan (nothing is merged)."""
        self._cancel.set()

    def _progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.note.setText(f"Scanning {done}/{total}: {name}")

    def _scanned(self, result: object) -> None:
        from roundup_editor.importers.directory_scan import ScanReport

        self.buttons["scan"].setEnabled(True)
        self.buttons["cancel"].setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        if isinstance(result, ScanReport):
            self.directory.merge_from(result.directory)
            self.fill()
            self.note.setText(
                f"Read {result.posts} post(s): {len(result.directory.people)} people, "
                f"{len(result.directory.organisations)} organisations, "
                f"{result.flagged} possible duplicate(s) to decide. Save keeps them."
            )
        else:
            self.note.setText(str(result))
        self.scan_finished.emit(result)


def show_directory_dialog(window: MainWindow) -> DirectoryDialog:
    """Open (or raise) the window's directory dialog."""
    dialog = getattr(window, "directory_dialog", None)
    if not isinstance(dialog, DirectoryDialog):
        dialog = DirectoryDialog(window)
        window.directory_dialog = dialog  # type: ignore[attr-defined]
    else:
        dialog.directory = window.completion.directory
        dialog.fill()
    dialog.show()
    dialog.raise_()
    return dialog
