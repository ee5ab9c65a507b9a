"""Never lose work: the journal timer of the open post and the recovery prompt at start.

:class:`JournalKeeper` follows the window's document. While it is dirty, its whole model is
written to its journal (:class:`~roundup_editor.core.journal.Journal`, under the state folder):

* after a field edit, by a single-shot timer started by the first edit not journalled yet and
  not restarted by later ones, so every edit is journalled at most :data:`JOURNAL_DELAY_MS`
  after it was made, also during continuous typing (one write per interval at most);
* at once after a structural edit (add, delete, reorder) and after a drop (thumbnails, header).

A save (the document turns clean), undoing back to the saved state, Discard and a clean close
remove the journal. :func:`offer_recovery` runs once at start: each journal left behind by a
crash is offered (Recover / Discard / Later); recovering restores the model, the images staged
in the journal and the dirty state; Later keeps the journal for the next start.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from roundup_editor.core.document import Change, PostDocument
from roundup_editor.core.errors import RoundupError
from roundup_editor.core.journal import Journal, JournalEntry, JournalError, pending_journals
from roundup_editor.core.post import HeaderImage, Post, Session
from roundup_editor.formats.writer import render_post
from roundup_editor.paths import app_paths

if TYPE_CHECKING:
    from roundup_editor.gui.mainwindow import MainWindow

#: The longest time an edit waits before it is in the journal (the issue allows two seconds;
#: the margin covers the write itself).
JOURNAL_DELAY_MS = 1500
#: Field edits that journal at once: an image dropped on a session or the header.
IMMEDIATE_FIELDS = frozenset({"thumbnails", "src"})

Choice = Literal["recover", "discard", "later"]


def referenced_images(post: Post) -> list[str]:
    """Return the local image files a post shows (header image, session thumbnails)."""
    names: list[str] = []
    for block in post.blocks:
        if isinstance(block, HeaderImage) and block.src:
            names.append(block.src)
        elif isinstance(block, Session):
            names.extend(thumbnail.file for thumbnail in block.thumbnails if thumbnail.file)
    return [name for name in names if "://" not in name and not name.startswith("/")]


class JournalKeeper(QObject):
    """Journals one window's document while it is dirty.

    Signals:
        journalled: the time (``time.time()``) of each journal written.
        failed: the one-sentence reason when the journal cannot be written.
    """

    journalled = Signal(float)
    failed = Signal(str)

    def __init__(self, window: MainWindow, root: Path | None = None) -> None:
        """Work for ``window``; journals live in ``root`` (default: the state folder's)."""
        super().__init__(window)
        self.window = window
        self.root = root if root is not None else app_paths().journals
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(JOURNAL_DELAY_MS)
        self.timer.timeout.connect(self.write_now)
        self.document: PostDocument | None = None
        self.journal: Journal | None = None
        self.problem = ""

    # --- following the document -----------------------------------------------------------

    def attach(self, document: PostDocument) -> None:
        """Follow ``document`` (the window's new one); the previous journal stays as it is."""
        if self.document is not None:
            self.document.changed.disconnect(self._on_change)
            self.document.state_changed.disconnect(self._on_state)
        self.timer.stop()
        self.document = document
        self.journal = Journal(self.root, document.index_file)
        document.changed.connect(self._on_change)
        document.state_changed.connect(self._on_state)
        if document.dirty:
            self.write_now()

    def _on_change(self, change: Change) -> None:
        document = self.document
        if document is None or not document.dirty:
            return
        immediate = change.kind in ("structure", "post") or (
            change.kind == "field" and change.name in IMMEDIATE_FIELDS
        )
        if immediate:
            self.write_now()
        elif not self.timer.isActive():
            self.timer.start()

    def _on_state(self, dirty: bool) -> None:
        if not dirty:
            self.discard()

    # --- writing and removing -------------------------------------------------------------

    def write_now(self) -> bool:
        """Write the journal now (when the document is dirty); report a failure once."""
        self.timer.stop()
        document = self.document
        if document is None or not document.dirty:
            return False
        journal = self._journal_for(document)
        try:
            journal.write(document.post, dirty=True)
        except JournalError as error:
            message = f"Unsaved work is not protected: {error}"
            if message != self.problem:
                self.problem = message
                self.window.status(message, 0)
                self.failed.emit(message)
            return False
        if self.problem:
            self.problem = ""
            self.window.status("Unsaved work is protected again (journal written)")
        self.journalled.emit(time.time())
        return True

    def _journal_for(self, document: PostDocument) -> Journal:
        """Return the journal of the document's current path (it moves after Save As)."""
        journal = self.journal
        index = document.index_file
        if journal is None or journal.post_path != index:
            if journal is not None and index is not None:
                journal.move_to(index)
            else:
                journal = Journal(self.root, index)
            self.journal = journal
        return journal

    def discard(self) -> None:
        """Remove the journal (saved, discarded, or undone back to the saved state)."""
        self.timer.stop()
        if self.journal is not None:
            self.journal.discard()
        if self.document is not None:
            self.journal = Journal(self.root, self.document.index_file)

    def close_clean(self) -> None:
        """Remove the journal: the window closes with its work saved or discarded."""
        self.discard()
        if self.document is not None:
            self.document.changed.disconnect(self._on_change)
            self.document.state_changed.disconnect(self._on_state)
        self.document = None

    # --- recovery -------------------------------------------------------------------------

    def recover(self, entry: JournalEntry) -> PostDocument:
        """Open a journalled post in the window: the model, its staged images, dirty."""
        folder = entry.post_path.parent if entry.post_path is not None else None
        if folder is not None:
            _restore_images(entry, folder)
        document = PostDocument.recovered(entry.post(), folder)
        self.window.set_document(document)
        if self.document is not document:
            self.attach(document)
        self.write_now()
        if self.journal is not None and self.journal.folder != entry.folder:
            shutil.rmtree(entry.folder, ignore_errors=True)
        return document


def _restore_images(entry: JournalEntry, folder: Path) -> None:
    """Put images staged in the journal back into the post folder (never over a file)."""
    for image in entry.staged_images:
        target = folder / image.name
        if target.exists():
            continue
        try:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(image, target)
        except OSError:
            continue


def _already_saved(entry: JournalEntry) -> bool:
    """Tell whether the journalled post is exactly what its ``index.md`` holds."""
    if entry.post_path is None:
        return False
    try:
        on_disk = entry.post_path.read_bytes()
        return render_post(entry.post()).encode("utf-8") == on_disk
    except (OSError, RoundupError, KeyError, TypeError, ValueError):
        return False


def ask_recovery(parent: QWidget, entry: JournalEntry) -> Choice:
    """Ask what to do with one journal: Recover, Discard or Later (tests replace this)."""
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.updated))
    where = str(entry.post_path.parent) if entry.post_path is not None else "a new post"
    from PySide6.QtWidgets import QMessageBox  # (its type and enums cost ~1 ms to build)

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Recover unsaved work")
    box.setText(f"“{entry.title or 'Untitled post'}” has unsaved changes from {when}.")
    box.setInformativeText(f"{where}\nRecover them, discard them, or decide next time?")
    recover = box.addButton("&Recover", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("&Later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(recover)
    box.exec()
    clicked = box.clickedButton()
    if clicked is recover:
        return "recover"
    if clicked is discard:
        return "discard"
    return "later"


def offer_recovery(window: MainWindow, root: Path | None = None) -> int:
    """Offer each journal left behind; return how many posts were recovered (0 or 1).

    The window edits one post at a time: after one is recovered, the other journals wait for
    the next start.
    """
    keeper = getattr(window, "keeper", None)
    if not isinstance(keeper, JournalKeeper):
        return 0
    entries = pending_journals(root if root is not None else keeper.root)
    recovered = 0
    for number, entry in enumerate(entries):
        own = keeper.journal is not None and entry.folder == keeper.journal.folder
        if own and keeper.document is not None and keeper.document.dirty:
            continue  # the open post's own live journal
        if _already_saved(entry):  # the crash came between a save and removing the journal
            shutil.rmtree(entry.folder, ignore_errors=True)
            continue
        choice = ask_recovery(window, entry)
        if choice == "discard":
            shutil.rmtree(entry.folder, ignore_errors=True)
        elif choice == "recover":
            keeper.recover(entry)
            recovered = 1
            left = len(entries) - number - 1
            message = f"Recovered unsaved changes of “{entry.title or 'Untitled post'}”"
            if left:
                message += f"; {left} more will be offered next time"
            window.status(message, 0)
            break
    return recovered
