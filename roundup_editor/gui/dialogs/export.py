"""Export to site…: put the open post into a Docusaurus site's blog folder.

A non-modal dialog: the site folder (the last one is remembered in the settings), what was detected
there (``roundup_editor.export.detect_site``), the target ``blog/YYYY-MM-DD-slug`` folder, the
author keys and tags the site does not know (the post form then completes and flags them). An
existing folder is replaced only after the user confirms; the export itself runs in a worker
thread with a busy progress bar, and the result is reported in the dialog and the status bar.
"""

from __future__ import annotations

import copy
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from roundup_editor.core.errors import RoundupError
from roundup_editor.core.post import Post
from roundup_editor.gui.lazy_qt import Qt

if TYPE_CHECKING:  # the export modules load when the dialog is first opened
    from roundup_editor.export.bundle import ExportResult
    from roundup_editor.export.site import DocusaurusSite
    from roundup_editor.gui.mainwindow import MainWindow


class _Relay(QObject):
    done = Signal(object)


def run_export(
    post: Post, site: DocusaurusSite, source: Path | None, name: str, force: bool
) -> ExportResult | str:
    """Export (on the worker thread); return the :class:`ExportResult` or the error's sentence."""
    from roundup_editor.export.bundle import export_post

    try:
        return export_post(post, site, source, name=name, force=force)
    except (RoundupError, OSError) as error:
        return str(error)


def blog_label(site: DocusaurusSite) -> str:
    """Return the blog folder relative to the site root (``blog``), or its full path."""
    try:
        return site.blog_dir.relative_to(site.root.resolve()).as_posix()
    except ValueError:
        return str(site.blog_dir)


class ExportDialog(QDialog):
    """The Export to site dialog of one window.

    Signals:
        finished_export: the :class:`ExportResult`, or the error sentence, of each export run.
    """

    finished_export = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        """Build the fields; the site folder starts at the last one used."""
        super().__init__(window)
        self.main = window
        self.site: DocusaurusSite | None = None
        self.last_result: ExportResult | str | None = None
        self.setWindowTitle("Export to site")
        self.setModal(False)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export")
        self._relay = _Relay()
        self._relay.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        row = QHBoxLayout()
        self.site_path = QLineEdit(window.settings.blog_repository)
        self.site_path.setAccessibleName("Docusaurus site folder")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.site_path, 1)
        row.addWidget(browse)
        form.addRow("&Site folder", row)
        self.detected = QLabel("")
        self.detected.setWordWrap(True)
        self.detected.setAccessibleName("Detected site")
        form.addRow("Site", self.detected)
        self.target = QLabel("")
        self.target.setAccessibleName("Target folder")
        self.target.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Target", self.target)
        self.unknown = QLabel("")
        self.unknown.setWordWrap(True)
        self.unknown.setAccessibleName("Unknown authors and tags")
        form.addRow("Check", self.unknown)
        layout.addLayout(form)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setAccessibleName("Export progress")
        layout.addWidget(self.progress)
        self.outcome = QLabel("")
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName("Export result")
        layout.addWidget(self.outcome)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = QPushButton("&Export")
        self.export_button.clicked.connect(self.export)
        close = QPushButton("&Close")
        close.clicked.connect(self.close)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        for button in (browse, self.export_button, close):
            button.setAutoDefault(False)  # Return in the folder field detects, never browses
        self.site_path.editingFinished.connect(self.detect)
        self.resize(620, 260)
        self.detect()

    # --- site and target --------------------------------------------------------------------

    def _browse(self) -> None:
        start = self.site_path.text()
        name = QFileDialog.getExistingDirectory(self, "Docusaurus site folder", start)
        if name:
            self.site_path.setText(name)
            self.detect()

    def folder(self) -> str:
        """Return the post's folder name in the blog: ``YYYY-MM-DD-slug``."""
        from roundup_editor.export.bundle import folder_name

        document = self.main.document
        source = document.folder.name if document.folder is not None else None
        return folder_name(document.post, source)

    def detect(self) -> DocusaurusSite | None:
        """Detect the site in the folder field; show what it means for this post."""
        from roundup_editor.export.site import detect_site

        text = self.site_path.text().strip()
        self.site = None
        if not text:
            self.detected.setText("Choose the folder of your Docusaurus site.")
        else:
            try:
                self.site = detect_site(Path(text))
            except RoundupError as error:
                self.detected.setText(f"Not a site: {error}")
        site = self.site
        self.export_button.setEnabled(site is not None)
        completion = getattr(self.main, "completion", None)
        if completion is not None:
            completion.set_site(site)
        if site is None:
            self.target.setText("")
            self.unknown.setText("")
            return None
        version = f"Docusaurus {site.version}" if site.version else "Docusaurus"
        self.detected.setText(f"{version}; posts in {site.blog_dir}")
        self.target.setText(f"{blog_label(site)}/{self.folder()}")
        self.main.settings.blog_repository = text
        self.main.files.remember_settings()
        self._show_unknown()
        return site

    def _show_unknown(self) -> None:
        completion = getattr(self.main, "completion", None)
        authors, tags = completion.unknown() if completion is not None else ([], [])
        parts = []
        if authors:
            parts.append("Authors not in authors.yml: " + ", ".join(authors))
        if tags:
            parts.append("Tags not in tags.yml: " + ", ".join(tags))
        known = "Authors and tags are known."
        self.unknown.setText("; ".join(parts) + "." if parts else known)

    # --- export -----------------------------------------------------------------------------

    def confirm_replace(self, target: Path) -> bool:
        """Ask before replacing an existing post folder (tests replace this)."""
        answer = QMessageBox.question(
            self,
            "Replace post?",
            f"{target} already exists. Replace it with this post?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def export(self) -> bool:
        """Start the export in the worker thread; return False when it did not start."""
        site = self.site or self.detect()
        if site is None:
            return False
        name = self.folder()
        target = site.blog_dir / name
        force = False
        if target.exists():
            if not self.confirm_replace(target):
                self.outcome.setText("Not exported: the existing folder was kept.")
                return False
            force = True
        post = copy.deepcopy(self.main.document.post)
        source = self.main.document.folder
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy
        self.outcome.setText(f"Exporting to {target}…")
        relay = self._relay
        self._executor.submit(lambda: relay.done.emit(run_export(post, site, source, name, force)))
        return True

    def _done(self, result: object) -> None:
        from roundup_editor.export.bundle import ExportResult

        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.export_button.setEnabled(self.site is not None)
        if isinstance(result, ExportResult):
            self.last_result = result
            files = len(result.files)
            warnings = "".join(f"\nWarning: {item}." for item in result.warnings)
            self.outcome.setText(f"Exported {files} file(s) to {result.folder}.{warnings}")
            self.main.status(f"Exported to {result.folder}")
        else:
            self.last_result = str(result)
            self.outcome.setText(f"Not exported: {result}.")
            self.main.status(f"Not exported: {result}")
        self.finished_export.emit(result)


def show_export_dialog(window: MainWindow) -> ExportDialog:
    """Open (or raise) the window's Export to site dialog."""
    dialog = getattr(window, "export_dialog", None)
    if not isinstance(dialog, ExportDialog):
        dialog = ExportDialog(window)
        window.export_dialog = dialog  # type: ignore[attr-defined]
    else:
        dialog.detect()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
