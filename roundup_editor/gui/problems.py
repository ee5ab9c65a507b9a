"""The problems list: lint findings of the open post, kept current off the keystroke path.

After every change a single-shot timer waits for a pause in typing, then a worker thread lints a
copy of the post (``lint_post(copy, folder, site)``); a result whose document revision is no
longer current is dropped. Activating a finding selects its block in the outline and focuses its
field; "Fix" pushes a :class:`~roundup_editor.lint.command.FixCommand` (one undo step). The status
bar shows "N problems (click)", which opens the list. Saving warns about errors, never refuses.
"""

from __future__ import annotations

import copy
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from roundup_editor.core.post import Post
from roundup_editor.gui.lazy_qt import Qt

if TYPE_CHECKING:  # lint is imported when first used (off the start-up path)
    from PySide6.QtWidgets import QStyle

    from roundup_editor.gui.mainwindow import MainWindow
    from roundup_editor.lint import Finding, Site

#: How long typing must pause before the post is linted again (ms).
LINT_DELAY_MS = 350
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_INDEXED = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")
# The standard icons of each severity (QStyle's Python type is built on first use: 8 ms
# that start-up need not pay, as the first findings come after the window is shown).
_ICON_NAMES = {
    "error": "SP_MessageBoxCritical",
    "warning": "SP_MessageBoxWarning",
    "info": "SP_MessageBoxInformation",
}
#: Front matter keys and the post form's widgets showing them.
_FRONT_FIELDS = {
    "title": "title",
    "slug": "slug",
    "date": "date",
    "authors": "authors",
    "tags": "tags",
    "description": "description",
}
#: Block fields whose widget has another name in its form.
_WIDGET_NAMES = {"title": ("session_title", "image_title", "title"), "text": ("text",)}


def _severity_icon(style: QStyle, severity: str) -> QIcon:
    """Return the standard icon of a finding's severity."""
    from PySide6.QtWidgets import QStyle

    name = _ICON_NAMES.get(severity, _ICON_NAMES["info"])
    return style.standardIcon(getattr(QStyle.StandardPixmap, name))


def lint_snapshot(post: Post, folder: Path | None, site: Site | None) -> list[Finding]:
    """Lint ``post`` (a copy owned by the caller) and return the findings."""
    from roundup_editor.lint import lint_post

    return lint_post(post, folder, site)


def summary_text(findings: list[Finding]) -> str:
    """Return the status bar text: ``"No problems"`` or ``"N problems (click)"``."""
    count = len(findings)
    if count == 0:
        return "No problems"
    return f"{count} problem{'s' if count != 1 else ''} (click)"


class _Relay(QObject):
    """Carries a worker's result back to the GUI thread (a queued signal)."""

    done = Signal(object, int, object)


class ProblemsPanel(QObject):
    """The problems dock, its status bar button and the lint scheduling of one window.

    Signals:
        updated: the findings shown, after each completed lint run.
    """

    updated = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        """Build the dock (bottom area, hidden until asked for) and the status bar button."""
        super().__init__(window)
        self.window = window
        self.findings: list[Finding] = []
        self.revision = -1
        self._sized = False
        self._sites: dict[Path, Site | None] = {}
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lint")
        self._closed = False
        self._relay = _Relay()
        self._relay.done.connect(self._on_result, Qt.ConnectionType.QueuedConnection)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(LINT_DELAY_MS)
        self.timer.timeout.connect(self.run)
        self.dock = QDockWidget("Problems", window)
        self.dock.setObjectName("problems-dock")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Problem", "Safe fix", "Line", "Rule"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Problems")
        for column, width in enumerate((700, 260, 50)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemActivated.connect(lambda item, _column: self.activate(self._row(item)))
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.tree)
        buttons = QHBoxLayout()
        self.fix_button = QPushButton("&Fix")
        self.fix_button.setAccessibleName("Fix the selected problem")
        self.fix_button.clicked.connect(self.fix_selected)
        self.fix_all_button = QPushButton("Fix &all safe")
        self.fix_all_button.setAccessibleName("Fix every problem that has a safe fix")
        self.fix_all_button.clicked.connect(self.fix_all)
        for button in (self.fix_button, self.fix_all_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.dock.setWidget(body)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.toggle = self.dock.toggleViewAction()
        self.toggle.setText("&Problems List")
        self.toggle.setShortcut("Ctrl+Shift+M")
        for action in window.menuBar().actions():
            menu = action.menu()
            if action.text().replace("&", "") == "View" and isinstance(menu, QMenu):
                menu.addSeparator()
                menu.addAction(self.toggle)
        self.status_button = QPushButton("No problems")
        self.status_button.setFlat(True)
        self.status_button.setAccessibleName("Problems count: open the problems list")
        self.status_button.clicked.connect(self.show_list)
        window.statusBar().addPermanentWidget(self.status_button)
        self._update_buttons()

    # --- scheduling ------------------------------------------------------------------------

    def schedule(self, *_args: object) -> None:
        """Lint again once typing pauses (called after every change)."""
        self.timer.start()

    def site(self) -> Site | None:
        """Return the blog the open post belongs to (looked up once per folder)."""
        return self._site_for(self.window.document.folder)

    def _site_for(self, folder: Path | None) -> Site | None:
        """Return the blog of ``folder``, cached (also called from the worker thread)."""
        from roundup_editor.lint import find_site

        if folder is None:
            return None
        if folder not in self._sites:
            try:
                self._sites[folder] = find_site(folder)
            except Exception:  # a damaged site must not stop linting
                self._sites[folder] = None
        return self._sites[folder]

    def run(self) -> None:
        """Lint a copy of the post in the worker thread; the result comes back queued."""
        self.timer.stop()
        if self._closed:  # a change arriving after the window closed (deferred work)
            return
        document = self.window.document
        revision = document.revision
        post = copy.deepcopy(document.post)
        folder = document.folder
        relay = self._relay

        def work() -> None:
            findings: list[Any]
            try:
                findings = lint_snapshot(post, folder, self._site_for(folder))
            except Exception as error:  # reported, never raised in a thread
                from roundup_editor.lint import Finding

                findings = [Finding("lint.crash", "info", f"The check could not run: {error}")]
            relay.done.emit(document, revision, findings)

        self._executor.submit(work)

    def run_now(self) -> list[Finding]:
        """Lint the live post on this thread (Check, and the warning on Save)."""
        document = self.window.document
        self.timer.stop()
        findings = lint_snapshot(document.post, document.folder, self.site())
        self._show(document.revision, findings)
        return findings

    def _on_result(self, document: object, revision: int, findings: list[Finding]) -> None:
        current = self.window.document
        if document is not current or revision != current.revision:
            return  # stale: another post, or the post changed while it was being checked
        self._show(revision, findings)

    def _show(self, revision: int, findings: list[Finding]) -> None:
        self.revision = revision
        self.findings = findings
        style = self.window.style()
        current = self.tree.currentIndex().row()
        self.tree.clear()
        for index, finding in enumerate(findings):
            columns = [finding.message, finding.fix or "", str(finding.line), finding.rule]
            item = QTreeWidgetItem(columns)
            item.setIcon(0, _severity_icon(style, finding.severity))
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            item.setToolTip(0, f"{finding.severity}: {finding.message}")
            self.tree.addTopLevelItem(item)
        if findings:
            self._select(min(max(current, 0), len(findings) - 1))
        self.status_button.setText(summary_text(findings))
        self.mark_outline()
        self.dock.setWindowTitle(f"Problems ({len(findings)})")
        self._update_buttons()
        self.updated.emit(findings)

    def mark_outline(self) -> None:
        """Show the worst severity of each block's findings as an icon on its outline row."""
        worst: dict[int, str] = {}
        for finding in self.findings:
            if finding.block_id is None:
                continue
            known = worst.get(finding.block_id)
            if known is None or _SEVERITY_ORDER[finding.severity] < _SEVERITY_ORDER[known]:
                worst[finding.block_id] = finding.severity
        style = self.window.style()
        for block_id, item in self.window.outline_model.items.items():
            severity = worst.get(block_id)
            if severity in ("error", "warning"):
                item.setIcon(_severity_icon(style, severity))
            else:
                item.setIcon(QIcon())

    # --- actions ---------------------------------------------------------------------------

    def show_list(self) -> None:
        """Open the problems list and put the keyboard focus in it."""
        if not self._sized:
            self._sized = True
            self.window.resizeDocks([self.dock], [190], Qt.Orientation.Vertical)
        self.dock.show()
        self.dock.raise_()
        self.tree.setFocus()

    def check(self) -> None:
        """Lint now and open the list (the Check action)."""
        findings = self.run_now()
        self.show_list()
        self.window.status(f"Check: {summary_text(findings).replace(' (click)', '')}")

    def _select(self, row: int) -> None:
        item = self.tree.topLevelItem(row)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _row(self, item: QTreeWidgetItem | None) -> int:
        return -1 if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))

    def selected(self) -> Finding | None:
        """Return the finding of the current row."""
        row = self._row(self.tree.currentItem())
        return self.findings[row] if 0 <= row < len(self.findings) else None

    def _update_buttons(self) -> None:
        finding = self.selected()
        self.fix_button.setEnabled(finding is not None and finding.action is not None)
        self.fix_all_button.setEnabled(any(item.action is not None for item in self.findings))

    def activate(self, row: int) -> None:
        """Jump to a finding: select its block in the outline and focus its field."""
        if not 0 <= row < len(self.findings):
            return
        finding = self.findings[row]
        window = self.window
        if finding.block_id is None:
            window.select_block(0)
        else:
            try:
                window.document.block(finding.block_id)
            except KeyError:
                window.status("That part of the post is gone; check again.")
                return
            window.select_block(finding.block_id)
        widget = self.field_widget(finding)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def field_widget(self, finding: Finding) -> QWidget | None:
        """Return the widget of the current form that edits the finding's field."""
        form = self.window.current_form
        field = finding.field or ""
        if finding.block_id is None:
            name = _FRONT_FIELDS.get(field.split(".")[0].split("[")[0])
            widget = getattr(form, name, None) if name else None
            return widget if isinstance(widget, QWidget) else None
        match = _INDEXED.match(field)
        if match is not None:
            return self._indexed_widget(form, match.group(1), int(match.group(2)), match.group(3))
        for name in _WIDGET_NAMES.get(field, (field,)):
            widget = getattr(form, name, None)
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                return widget
        return None

    @staticmethod
    def _indexed_widget(form: QWidget, group: str, index: int, name: str) -> QWidget | None:
        if group == "speakers":
            speakers = getattr(form, "speaker_list", None)
            edits = getattr(form, "speaker_edits", {})
            if speakers is not None and 0 <= index < speakers.count():
                speakers.setCurrentRow(index)
            widget = edits.get(name) if isinstance(edits, dict) else None
            return widget if isinstance(widget, QWidget) else None
        if group == "thumbnails" and name == "title":
            widget = getattr(form, "thumb_title", None)
            return widget if isinstance(widget, QWidget) else None
        if group == "sponsors":
            items = getattr(form, "items", None)
            if items is not None and 0 <= index < items.count():
                items.setCurrentRow(index)
            widget = getattr(form, name, None)
            return widget if isinstance(widget, QWidget) else None
        return None

    def _fresh(self) -> bool:
        """Lint now when the list is older than the post; tell whether it was current."""
        self.window.seal()
        if self.revision == self.window.document.revision:
            return True
        self.run_now()
        return False

    def fix_selected(self) -> None:
        """Apply the selected finding's safe fix as one undo step."""
        row = self.tree.currentIndex().row()
        if not self._fresh():
            self._select(row)
            self.window.status("The list was out of date and is updated: choose Fix again.")
            return
        finding = self.selected()
        if finding is None or finding.action is None:
            return
        from roundup_editor.lint.command import FixCommand

        self.window.push(FixCommand([finding]))
        self.run_now()

    def fix_all(self) -> None:
        """Apply every safe fix (of a current check) as one undo step."""
        self._fresh()
        fixable = [item for item in self.findings if item.action is not None]
        if not fixable:
            return
        from roundup_editor.lint.command import FixCommand

        command = FixCommand(fixable)
        self.window.push(command)
        self.window.status(f"Fixed {command.applied} problem(s); Undo puts them back")
        self.run_now()

    def warn_after_save(self) -> None:
        """After a save: say so in the status bar when errors remain (never refuses)."""
        findings = self.run_now()
        if any(finding.severity == "error" for finding in findings):
            errors = [item for item in findings if item.severity == "error"]
            self.window.status(
                f"Saved, but {len(errors)} error(s) remain: {errors[0].message} "
                "(see the problems list)",
                15000,
            )

    def shutdown(self) -> None:
        """Stop the worker (the window is closing); later changes start no more checks."""
        self._closed = True
        self.timer.stop()
        self._executor.shutdown(wait=True, cancel_futures=True)
