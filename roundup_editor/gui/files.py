"""Open, Save, Save As, New, recent posts and settings for the main window.

Reading and writing are the core's (``PostDocument.open``, ``PostDocument.save`` through
``formats.writer.write_post``, atomic); this module asks the questions and reports errors as one
sentence in the status bar.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData

from roundup_editor.core.disk import ExternalChangeError
from roundup_editor.core.document import PostDocument
from roundup_editor.core.errors import RoundupError
from roundup_editor.core.naming import slugify
from roundup_editor.core.settings import Settings
from roundup_editor.formats.reader import parse_post
from roundup_editor.paths import app_paths
from roundup_editor.resources import read_resource

if TYPE_CHECKING:
    from roundup_editor.gui.mainwindow import MainWindow


def new_post_document(settings: Settings, title: str = "New Event Roundup") -> PostDocument:
    """Return a new post in the reference layout, in a fresh drafts folder."""
    slug = slugify(title)
    authors = ", ".join(settings.default_authors)
    text = (
        read_resource("templates", "new-post.md")
        .replace("{{title}}", title)
        .replace("{{slug}}", slug)
        .replace("{{authors}}", authors)
    )
    return PostDocument(parse_post(text), new_draft_folder(slug))


def new_draft_folder(slug: str) -> Path:
    """Return a drafts folder ``YYYY-MM-DD-slug`` not taken yet (``-2``, ``-3``... appended)."""
    today = datetime.date.today().isoformat()
    drafts = app_paths().drafts
    folder = drafts / f"{today}-{slug}"
    counter = 2
    while folder.exists():
        folder = drafts / f"{today}-{slug}-{counter}"
        counter += 1
    return folder


def copy_images(source: Path, target: Path) -> None:
    """Copy the images of a post folder into another one (Save As), keeping existing files."""
    if not source.is_dir() or source.resolve() == target.resolve():
        return
    target.mkdir(parents=True, exist_ok=True)
    for item in source.iterdir():
        if item.is_file() and item.name != "index.md" and not (target / item.name).exists():
            shutil.copy2(item, target / item.name)


class FileHandler:
    """File operations of one window."""

    def __init__(self, window: MainWindow) -> None:
        """Work for ``window``."""
        self.window = window

    # --- questions --------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """Return True when the current post may be closed (saved, discarded or clean)."""
        from PySide6.QtWidgets import QMessageBox  # (dialog types are built on first use)

        if not self.window.document.dirty:
            return True
        answer = self.window.ask(
            "Unsaved changes", "The post has unsaved changes. Save them before closing it?"
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.window.keeper.discard()
            return True
        return False

    # --- commands ---------------------------------------------------------------------

    def new(self) -> None:
        """Start a new post from the template."""
        if self.confirm_discard():
            self.window.set_document(new_post_document(self.window.settings))
            self.window.status("New post: fill in the details, then drop slide images on sessions")

    def open_dialog(self) -> None:
        """Ask for a post folder or index.md and open it."""
        from PySide6.QtWidgets import QFileDialog

        if not self.confirm_discard():
            return
        name, _filter = QFileDialog.getOpenFileName(
            self.window, "Open post", "", "Posts (index.md index.mdx *.md)"
        )
        if name:
            self.open_path(Path(name), confirmed=True)

    def open_path(self, path: Path, confirmed: bool = False) -> bool:
        """Open the post at ``path``; report a problem in the status bar."""
        if not confirmed and not self.confirm_discard():
            return False
        try:
            document = PostDocument.open(path)
        except RoundupError as error:
            self.window.status(str(error))
            return False
        self.window.set_document(document)
        if document.folder is not None:
            self.window.settings.add_recent(document.folder)
            self.remember_settings()
            self.update_recent_menu()
        self.window.status(f"Opened {document.folder}")
        return True

    def save(self) -> bool:
        """Save to the post's folder (atomically); return True on success."""
        document = self.window.document
        if document.folder is None:
            return self.save_as_dialog()
        return self.save_to(document.folder)

    def save_to(self, folder: Path) -> bool:
        """Save into ``folder`` (images of the old folder come along); True on success.

        Never overwrites a change made outside the editor (the banner offers the choices) and
        never writes half a file; on a fault the file on disk is unchanged, the edits stay in
        memory and in the journal, and one sentence says what went wrong.
        """
        window = self.window
        document = window.document
        old = document.folder
        same = old is not None and old.absolute() == folder.absolute()
        missing = window.watch.missing_images() if same and folder.is_dir() else []
        if missing:
            names = ", ".join(missing)
            verb = "was" if len(missing) == 1 else "were"
            window.watch.fault(
                f"Not saved: {names} {verb} deleted from the post folder. Drop the image again "
                "or remove it from the post; your edits are kept."
            )
            window.keeper.write_now()
            return False
        # The journal first holds what is being saved: a crash between writing index.md and
        # removing the journal then never recovers a state older than the saved file.
        window.keeper.write_now()
        try:
            path = document.save(folder)
        except ExternalChangeError as error:
            if same:
                window.watch.check()
            window.status(f"Not saved: {error}", 0)
            window.keeper.write_now()
            return False
        except (RoundupError, OSError) as error:
            window.watch.fault(f"Not saved: {error}. Your edits are kept.")
            window.keeper.write_now()
            return False
        if old is not None and not same:
            try:
                copy_images(old, folder)
            except OSError as error:
                window.status(f"Saved, but the images were not all copied: {error.strerror}", 0)
        window.watch.attach(document)
        self.window.bridge.mark_saved()
        self.window.settings.add_recent(folder)
        self.remember_settings()
        self.update_recent_menu()
        if old != folder:
            self.window.preview.reload()
        self.window.status(f"Saved {path}")
        self.window.after_save()
        return True

    def save_as_dialog(self) -> bool:
        """Ask for a post folder and save there."""
        from PySide6.QtWidgets import QFileDialog

        name = QFileDialog.getExistingDirectory(self.window, "Save post into folder")
        return bool(name) and self.save_to(Path(name))

    def edit_settings(self) -> None:
        """Show the settings dialog and keep what the user chose."""
        from roundup_editor.gui.dialogs.settings import SettingsDialog

        chosen = SettingsDialog.edit(self.window.settings, self.window)
        if chosen is not None:
            self.window.settings = chosen
            self.remember_settings()

    # --- recent posts and settings ----------------------------------------------------

    def remember_settings(self) -> None:
        """Write the settings file; a failure is reported, never raised."""
        try:
            self.window.settings.save()
        except RoundupError as error:
            self.window.status(f"Settings not saved: {error}")

    def update_recent_menu(self) -> None:
        """List the recent posts in File > Open Recent."""
        menu = self.window.acts.recent_menu
        menu.clear()
        for name in self.window.settings.recent:
            action = menu.addAction(name)
            action.triggered.connect(lambda _c=False, p=name: self.open_path(Path(p)))
        menu.setEnabled(bool(self.window.settings.recent))

    @staticmethod
    def post_in(mime: QMimeData) -> Path | None:
        """Return the post folder (or index.md) a drop carries, if any."""
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if not url.isLocalFile():
                continue
            path = Path(url.toLocalFile())
            if path.is_dir() and (path / "index.md").is_file():
                return path
            if path.is_file() and path.name in ("index.md", "index.mdx"):
                return path
        return None
