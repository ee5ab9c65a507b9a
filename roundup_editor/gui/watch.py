"""Changes made on disk by someone else (a ``git pull``, another editor) and save faults.

:class:`DiskWatcher` watches the open post's ``index.md`` and its folder with a
QFileSystemWatcher. Watchers lose a file replaced atomically (rename over it), so the paths are
added again after each event, and the fingerprint is also compared when the window is activated
and before every save (:meth:`PostDocument.save` checks it and refuses to overwrite).

A change shows a non-blocking banner (a tool bar under the menus): **Reload** (read the file
again, dropping the edits), **Keep mine** (keep the edits; the next save replaces the file on
disk) or **Save elsewhere** (Save As). The same banner carries save faults (disk full,
permission denied, folder gone, image deleted) as one sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar

from roundup_editor.core.disk import Fingerprint, fingerprint
from roundup_editor.core.document import PostDocument
from roundup_editor.core.errors import RoundupError
from roundup_editor.gui.lazy_qt import set_enum_property
from roundup_editor.gui.recovery import referenced_images

if TYPE_CHECKING:
    from roundup_editor.gui.mainwindow import MainWindow


class Banner(QToolBar):
    """A one-line message with actions, shown above the panes; it never blocks."""

    def __init__(self, window: MainWindow) -> None:
        """Build the hidden banner for ``window``."""
        super().__init__("Notice", window)
        self.setObjectName("notice-banner")
        self.setAccessibleName("Notice")
        self.setMovable(False)
        self.setFloatable(False)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        set_enum_property(self.label, "textFormat", "PlainText")
        self.label.setContentsMargins(8, 2, 8, 2)
        self.addWidget(self.label)
        self.reload_action = QAction("&Reload", self)
        self.keep_action = QAction("&Keep mine", self)
        self.save_elsewhere_action = QAction("Save &elsewhere…", self)
        self.close_action = QAction("Dismiss", self)
        for action in (
            self.reload_action,
            self.keep_action,
            self.save_elsewhere_action,
            self.close_action,
        ):
            self.addAction(action)
        self.close_action.triggered.connect(self.hide)
        self.setStyleSheet(
            "QToolBar#notice-banner { background: #fff4ce; border: 0; }"
            "QToolBar#notice-banner QLabel, QToolBar#notice-banner QToolButton { color: #3b2f00; }"
        )
        window.addToolBarBreak()  # a row of its own, in the top area (the default)
        window.addToolBar(self)
        self.toggleViewAction().setVisible(False)  # not a tool bar the user turns on or off
        self.hide()

    def show_change(self, message: str, can_reload: bool) -> None:
        """Offer Reload / Keep mine / Save elsewhere for a change made outside."""
        self.label.setText(message)
        self.reload_action.setVisible(True)
        self.reload_action.setEnabled(can_reload)
        self.keep_action.setVisible(True)
        self.save_elsewhere_action.setVisible(True)
        self.close_action.setVisible(False)
        self.show()

    def show_fault(self, message: str) -> None:
        """Show a save fault; the edits are kept (Save elsewhere is offered)."""
        self.label.setText(message)
        self.reload_action.setVisible(False)
        self.keep_action.setVisible(False)
        self.save_elsewhere_action.setVisible(True)
        self.close_action.setVisible(True)
        self.show()

    def text(self) -> str:
        """Return the message shown (empty when hidden)."""
        return self.label.text() if self.isVisible() else ""


_IMAGE_FIELDS = frozenset({"thumbnails", "src", "text"})


class DiskWatcher(QObject):
    """Notices changes to the open post's file made outside the editor.

    Signals:
        changed_outside: the sentence shown when ``index.md`` is not as it was opened or saved.
    """

    changed_outside = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        """Watch for ``window`` (call :meth:`attach` with each new document)."""
        super().__init__(window)
        self.window = window
        self.banner = Banner(window)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_event)
        self.watcher.directoryChanged.connect(self._on_event)
        self.document: PostDocument | None = None
        self.known_images: set[str] = set()
        self._shown: Fingerprint | str | None = "none"
        self.banner.reload_action.triggered.connect(self.reload)
        self.banner.keep_action.triggered.connect(self.keep_mine)
        self.banner.save_elsewhere_action.triggered.connect(self.save_elsewhere)
        window.installEventFilter(self)

    # --- following the document -----------------------------------------------------------

    def attach(self, document: PostDocument) -> None:
        """Watch ``document``'s file from now on."""
        if self.document is not None:
            self.document.changed.disconnect(self._on_change)
        self.document = document
        self.known_images = set()
        document.changed.connect(self._on_change)
        self._on_change(None)
        self._shown = "none"
        self.banner.hide()
        self.rewatch()

    def rewatch(self) -> None:
        """Watch the post's file and folder again (after an atomic replace they are lost)."""
        current = self.watcher.files() + self.watcher.directories()
        if current:
            self.watcher.removePaths(current)
        document = self.document
        if document is None or document.index_file is None:
            return
        paths = [p for p in (document.index_file, document.folder) if p is not None and p.exists()]
        if paths:
            self.watcher.addPaths([str(p) for p in paths])

    def _on_change(self, change: object) -> None:
        """Remember the images the post showed while they existed (to notice deletions).

        Only changes that can bring in an image are looked at: typing in a title or an abstract
        costs no file-system call (this runs on every keystroke).
        """
        document = self.document
        if document is None or document.folder is None:
            return
        kind = getattr(change, "kind", None)
        if kind == "field" and getattr(change, "name", None) not in _IMAGE_FIELDS:
            return
        for name in referenced_images(document.post):
            if name not in self.known_images and (document.folder / name).is_file():
                self.known_images.add(name)

    def _on_event(self, _path: str) -> None:
        self.rewatch()
        self.check()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Check the file when the window becomes active again."""
        if watched is self.window and event.type() == QEvent.Type.WindowActivate:
            self.check()
        return False

    # --- checking ---------------------------------------------------------------------------

    def check(self) -> bool:
        """Compare ``index.md`` with its fingerprint; show the banner once per change."""
        document = self.document
        if document is None or document.index_file is None:
            return False
        try:
            current = fingerprint(document.index_file)
        except RoundupError as error:
            self.banner.show_fault(str(error))
            return True
        if current == document.disk_print:
            if self._shown != "none":
                self._shown = "none"
                self.banner.hide()
            return False
        if current == self._shown:
            return True
        self._shown = current
        if current is None:
            message = (
                f"{document.index_file} was deleted or moved by another program. "
                "Your edits are kept: save them elsewhere, or keep them to write the file again."
            )
        else:
            message = (
                f"{document.index_file} was changed by another program. Reload it (your "
                "unsaved edits are dropped), keep yours (saving replaces it), or save elsewhere."
            )
        self.banner.show_change(message, can_reload=current is not None)
        self.window.status("The post was changed outside the editor", 0)
        self.changed_outside.emit(message)
        return True

    def missing_images(self) -> list[str]:
        """Return images the post shows that were in its folder and are gone now."""
        document = self.document
        if document is None or document.folder is None:
            return []
        return [
            name
            for name in referenced_images(document.post)
            if name in self.known_images and not (document.folder / name).is_file()
        ]

    # --- the banner's choices -------------------------------------------------------------

    def reload(self) -> None:
        """Read the post from disk again (the edits in memory are dropped)."""
        document = self.document
        if document is None or document.index_file is None:
            return
        self.banner.hide()
        if self.window.files.open_path(document.index_file, confirmed=True):
            self.window.keeper.discard()  # the user dropped those edits

    def keep_mine(self) -> None:
        """Keep the edits; the next save replaces what is on disk now."""
        document = self.document
        if document is None:
            return
        document.accept_disk_version()
        self._shown = "none"
        self.banner.hide()
        self.rewatch()
        self.window.status("Keeping your version: saving will replace the file on disk")

    def save_elsewhere(self) -> None:
        """Save the edits into another folder (Save As)."""
        if self.window.files.save_as_dialog():
            self._shown = "none"
            self.banner.hide()

    def fault(self, message: str) -> None:
        """Show a save fault in the banner and the status bar."""
        self.banner.show_fault(message)
        self.window.status(message, 0)


def watched_paths(watcher: DiskWatcher) -> list[Path]:
    """Return the paths being watched (tests)."""
    return [Path(p) for p in watcher.watcher.files() + watcher.watcher.directories()]
