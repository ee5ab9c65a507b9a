"""PostDocument: the open post, where it lives, and what changed since it was saved.

Widgets never change a :class:`~roundup_editor.core.post.Post` directly. They build a
:class:`~roundup_editor.core.commands.Command` and hand it to :meth:`PostDocument.execute` (or
the GUI's undo stack calls :meth:`PostDocument.apply` and :meth:`PostDocument.revert`). Every
change bumps :attr:`PostDocument.revision` and is announced through :attr:`PostDocument.changed`.
"""

from __future__ import annotations

import contextlib
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from roundup_editor.core.disk import (
    ExternalChangeError,
    Fingerprint,
    check_unchanged,
    fingerprint,
)
from roundup_editor.core.events import Signal
from roundup_editor.core.post import Block, Post

if TYPE_CHECKING:
    from roundup_editor.core.commands import Command, History

ChangeKind = Literal["field", "front_matter", "structure", "post"]
_serials = itertools.count(1)


@dataclass(frozen=True)
class Change:
    """What a command changed: a block field, a front-matter key, the block list or everything.

    Attributes:
        kind: which part of the post changed.
        block_id: the block whose field changed (``field`` changes).
        name: the field or front-matter key.
        block_ids: the blocks a structural change touched (inserted, removed, moved).
    """

    kind: ChangeKind
    block_id: int | None = None
    name: str | None = None
    block_ids: tuple[int, ...] = field(default=())


class PostDocument:
    """The post being edited, its folder, a revision counter and the dirty state.

    Attributes:
        post: the current post (mutated only by commands).
        folder: the post folder (where ``index.md`` and images live), or None for a new post.
        revision: bumped by every applied or reverted command.
        changed: emits a :class:`Change` after every applied or reverted command.
        state_changed: emits the dirty flag when it flips, and after saving or opening.
    """

    def __init__(self, post: Post, folder: Path | None = None) -> None:
        """Hold ``post``, read from (or to be saved in) ``folder``."""
        from roundup_editor.core.commands import History

        self.post = post
        self.folder = folder
        self.revision = 0
        self.changed: Signal[Change] = Signal()
        self.state_changed: Signal[bool] = Signal()
        self._applied: list[int] = []
        self._saved: list[int] = []
        self.history: History = History(self)
        #: The fingerprint of ``index.md`` when it was opened or last saved (None: no file).
        self.disk_print: Fingerprint | None = None

    # --- opening and saving ---------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> PostDocument:
        """Read the post at ``path`` (a folder or its ``index.md``)."""
        from roundup_editor.formats.reader import read_post, resolve_post_path

        file = resolve_post_path(path)
        document = cls(read_post(file), file.parent)
        document.disk_print = fingerprint(file)
        return document

    @classmethod
    def recovered(cls, post: Post, folder: Path | None) -> PostDocument:
        """Return a document over a post recovered from a journal: it starts dirty.

        The file on disk (if any) becomes the base a later save is checked against.
        """
        document = cls(post, folder)
        document._saved = [-1]
        index = document.index_file
        document.disk_print = None if index is None else fingerprint(index)
        return document

    @property
    def index_file(self) -> Path | None:
        """The ``index.md`` that Save writes, or None before the first Save As."""
        return None if self.folder is None else self.folder / "index.md"

    def save(self, folder: Path | None = None, *, overwrite: bool = False) -> Path:
        """Write ``index.md`` atomically into ``folder`` (or the current one); return its path.

        Saving into the post's own folder first checks that ``index.md`` is still as it was
        opened or last saved (raises ExternalChangeError otherwise); a missing post folder is
        an error, not made again. Saving elsewhere (Save As) refuses to replace an existing
        ``index.md`` unless ``overwrite``. On any error the file on disk is unchanged.
        """
        from roundup_editor.formats.writer import write_post

        target = folder if folder is not None else self.folder
        if target is None:
            raise ValueError("a new post needs a folder: use Save As")
        same = self.folder is not None and _same_folder(target, self.folder)
        if not overwrite:
            if same:
                check_unchanged(target / "index.md", self.disk_print)
            elif (target / "index.md").exists():
                raise ExternalChangeError(
                    f"{target} already holds a post (index.md): choose another folder"
                )
        existed = same and self.disk_print is not None
        path = write_post(self.post, target, create=not existed)
        _remove_stale_temporaries(target)
        self.folder = target
        self.disk_print = fingerprint(path)
        self.mark_saved()
        return path

    def accept_disk_version(self) -> None:
        """Keep the edits in memory but treat the file now on disk as the base ("Keep mine")."""
        index = self.index_file
        self.disk_print = None if index is None else fingerprint(index)
        if not self.dirty:
            self._saved = [-1]
            self.state_changed.emit(True)

    def text(self) -> str:
        """Return the ``index.md`` text that saving would write."""
        from roundup_editor.formats.writer import render_post

        return render_post(self.post)

    # --- dirty state ----------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Tell whether the post differs from the last save (undoing back to it makes it clean)."""
        return self._applied != self._saved

    def mark_saved(self) -> None:
        """Record the current state as the saved one."""
        self._saved = list(self._applied)
        self.state_changed.emit(False)

    # --- commands -------------------------------------------------------------------------

    def execute(self, command: Command) -> None:
        """Run ``command`` through the document's own history (the Qt-free path)."""
        self.history.push(command)

    def apply(self, command: Command) -> None:
        """Apply ``command`` to the post and announce the change (used by undo stacks)."""
        was_dirty = self.dirty
        change = command.apply(self.post)
        if command.serial == 0:
            command.serial = next(_serials)
        self._applied.append(command.serial)
        self._announce(change, was_dirty)

    def revert(self, command: Command) -> None:
        """Undo ``command`` and announce the change."""
        was_dirty = self.dirty
        change = command.revert(self.post)
        if self._applied and self._applied[-1] == command.serial:
            self._applied.pop()
        self._announce(change, was_dirty)

    def absorbed(self, top: Command, command: Command) -> None:
        """Record that the applied ``command`` merged into ``top`` (stacks that apply first)."""
        was_dirty = self.dirty
        if self._applied and self._applied[-1] == command.serial and command is not top:
            self._applied.pop()
        if self.dirty != was_dirty:
            self.state_changed.emit(self.dirty)

    def merged(self, command: Command) -> None:
        """Announce that the applied top command took in ``command`` (a typing burst)."""
        was_dirty = self.dirty
        if self._saved and self._saved == self._applied:
            # The saved state is gone: the top command now means something else.
            self._saved = [*self._saved[:-1], -1]
        self._announce(command.last_change, was_dirty)

    def _announce(self, change: Change, was_dirty: bool) -> None:
        self.revision += 1
        self.changed.emit(change)
        if self.dirty != was_dirty:
            self.state_changed.emit(self.dirty)

    # --- lookups --------------------------------------------------------------------------

    def block(self, block_id: int) -> Block:
        """Return the block with ``block_id``; raise KeyError when it is not in the post."""
        return self.post.blocks[self.post.block_index(block_id)]

    def title(self) -> str:
        """Return the post's title (front matter), or an empty string."""
        front = self.post.front_matter
        return "" if front is None else str(front.get("title") or "")


def _same_folder(first: Path, second: Path) -> bool:
    """Tell whether two paths name the same folder (also when it no longer exists)."""
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return first.absolute() == second.absolute()


def _remove_stale_temporaries(folder: Path) -> None:
    """Remove temporary files a save interrupted by a crash left beside ``index.md``."""
    for stale in folder.glob(".index.md.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
