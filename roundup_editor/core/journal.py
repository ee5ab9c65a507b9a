"""Journals of unsaved work, so a crash loses at most the last couple of seconds.

While a post is open and dirty, the editor writes its whole model (``serialize.dump_post``) to
``<state>/journals/<key>/journal.json`` atomically: within two seconds of the last edit and after
every structural edit. Images dropped but not saved yet are staged in ``<key>/images/``. A clean
close (or discarding) removes the folder; on start, the folders still there are the posts to offer
for recovery.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roundup_editor.core.errors import RoundupError
from roundup_editor.core.post import Post
from roundup_editor.core.serialize import dump_post, load_post
from roundup_editor.formats.writer import atomic_write

JOURNAL_FORMAT = "roundup-editor-journal/1"
JOURNAL_FILE = "journal.json"


class JournalError(RoundupError):
    """A journal could not be written or read."""


@dataclass
class JournalEntry:
    """A journal found on disk: which post it belongs to, when it was written, its model."""

    folder: Path
    post_path: Path | None
    updated: float
    title: str
    dirty: bool
    data: dict[str, Any]

    def post(self) -> Post:
        """Return the journalled post."""
        return load_post(self.data["model"])

    @property
    def staged_images(self) -> list[Path]:
        """Return images dropped into the post but not saved yet."""
        images = self.folder / "images"
        if not images.is_dir():
            return []
        return sorted(path for path in images.iterdir() if path.is_file())


def journal_key(post_path: Path | None) -> str:
    """Return the journal folder name for a post: stable per saved post, unique for new ones."""
    if post_path is None:
        return f"untitled-{os.urandom(6).hex()}"  # (os, not uuid: uuid costs 5 ms to import)
    import hashlib  # (~3 ms to import: only once a journal is written or looked for)

    digest = hashlib.sha256(str(post_path.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"post-{digest}"


class Journal:
    """The journal of one open post."""

    def __init__(self, root: Path, post_path: Path | None) -> None:
        """Prepare the journal under ``root`` (``paths.app_paths().journals``).

        Nothing is computed or written yet: a window opens a journal for every post it opens,
        and most are never journalled (no edit) before they are closed.
        """
        self.root = root
        self.post_path = post_path
        self._folder: Path | None = None

    @property
    def folder(self) -> Path:
        """Return the journal's folder (named after the post's path, worked out on first use)."""
        if self._folder is None:
            self._folder = self.root / journal_key(self.post_path)
        return self._folder

    @folder.setter
    def folder(self, value: Path) -> None:
        self._folder = value

    @property
    def images(self) -> Path:
        """Return the folder where dropped images wait for the next save."""
        return self.folder / "images"

    def write(self, post: Post, *, dirty: bool = True) -> None:
        """Write the post's model atomically; raise JournalError when the disk refuses."""
        title = post.front_matter.get("title", "") if post.front_matter else ""
        data = {
            "format": JOURNAL_FORMAT,
            "post_path": None if self.post_path is None else str(self.post_path),
            "updated": time.time(),
            "title": str(title or ""),
            "dirty": dirty,
            "model": dump_post(post),
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror
            raise JournalError(f"cannot keep a journal in {self.folder}: {reason}") from None
        encoded = json.dumps(data, ensure_ascii=False).encode("utf-8")
        try:
            atomic_write(self.folder / JOURNAL_FILE, encoded)
        except RoundupError as error:
            raise JournalError(f"the journal could not be written ({error})") from None

    def move_to(self, post_path: Path) -> None:
        """Follow a Save As: the journal now belongs to ``post_path``."""
        target = self.root / journal_key(post_path)
        if target != self.folder and self.folder.exists():
            if target.exists():
                shutil.rmtree(target, ignore_errors=True)
            self.folder.rename(target)
        self.folder = target
        self.post_path = post_path
        file = self.folder / JOURNAL_FILE
        if file.is_file():
            data = json.loads(file.read_text(encoding="utf-8"))
            data["post_path"] = str(post_path)
            atomic_write(file, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def discard(self) -> None:
        """Remove the journal (after a clean close or when the user declines recovery)."""
        shutil.rmtree(self.folder, ignore_errors=True)


def pending_journals(root: Path) -> list[JournalEntry]:
    """Return the journals left behind (newest first); unreadable ones are skipped."""
    if not root.is_dir():
        return []
    entries = []
    for folder in root.iterdir():
        file = folder / JOURNAL_FILE
        if not file.is_file():
            continue
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue
        if not isinstance(data, dict) or data.get("format") != JOURNAL_FORMAT:
            continue
        post_path = data.get("post_path")
        entries.append(
            JournalEntry(
                folder=folder,
                post_path=None if post_path is None else Path(post_path),
                updated=float(data.get("updated", 0.0)),
                title=str(data.get("title", "")),
                dirty=bool(data.get("dirty", True)),
                data=data,
            )
        )
    return sorted(entries, key=lambda entry: entry.updated, reverse=True)
