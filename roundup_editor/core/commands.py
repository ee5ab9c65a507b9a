"""Undoable edits of a post (apply/revert) and the Qt-free history that runs them.

Every edit of the post, from a form field, a drop, a reorder or an import, is a
:class:`Command`. A command remembers what it needs to put the post back exactly: old values,
and for structural edits the block list with every block's gap. Reverting therefore restores
the very block objects (with their source layouts), so undoing to the start gives back the bytes
the post was opened with.

Typing bursts merge: consecutive :class:`SetField` commands with ``typing=True`` on the same field
of the same block become one step, until the burst is sealed (the field lost focus).
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from roundup_editor.core.document import Change
from roundup_editor.core.post import Block, FrontMatter, FrontMatterEntry, Post, Session, Speaker

if TYPE_CHECKING:
    from roundup_editor.core.document import PostDocument


class Command(ABC):
    """One undoable edit.

    Attributes:
        label: the text shown in Edit > Undo.
        serial: set by the document when first applied (identifies the state after it).
        last_change: the change of the latest apply or revert (used when a burst merges).
    """

    label: str = "Edit"

    def __init__(self) -> None:
        """Start unapplied."""
        self.serial = 0
        self.last_change = Change("post")

    @abstractmethod
    def apply(self, post: Post) -> Change:
        """Make the edit on ``post`` and return what changed."""

    @abstractmethod
    def revert(self, post: Post) -> Change:
        """Undo the edit on ``post`` (which is in the state :meth:`apply` left) and return it."""

    def merge_key(self) -> tuple[Any, ...] | None:
        """Return a key: commands with equal keys may merge (None: never)."""
        return None

    def merge(self, other: Command, post: Post) -> bool:
        """Take in ``other`` (already in effect on ``post``) when possible; return True if so."""
        return False


class SetField(Command):
    """Set one field of one block (a title, an abstract, a speaker list, thumbnails, ...)."""

    def __init__(self, block_id: int, name: str, value: Any, typing: bool = False) -> None:
        """Set ``name`` of the block ``block_id`` to ``value``; ``typing`` allows merging."""
        super().__init__()
        self.block_id = block_id
        self.name = name
        self.value = copy.deepcopy(value)
        self.old: Any = None
        self.typing = typing
        self.sealed = False
        self.label = f"Edit {name.replace('_', ' ')}"

    def _block(self, post: Post) -> Block:
        return post.blocks[post.block_index(self.block_id)]

    def apply(self, post: Post) -> Change:
        """Remember the old value and set the new one."""
        block = self._block(post)
        self.old = copy.deepcopy(getattr(block, self.name))
        setattr(block, self.name, copy.deepcopy(self.value))
        self.last_change = Change("field", self.block_id, self.name)
        return self.last_change

    def revert(self, post: Post) -> Change:
        """Put the old value back."""
        setattr(self._block(post), self.name, copy.deepcopy(self.old))
        self.last_change = Change("field", self.block_id, self.name)
        return self.last_change

    def merge_key(self) -> tuple[Any, ...] | None:
        """Typing in the same field of the same block merges."""
        if not self.typing or self.sealed:
            return None
        return ("field", self.block_id, self.name)

    def merge(self, other: Command, post: Post) -> bool:
        """Keep this command's old value and take ``other``'s new one."""
        if not isinstance(other, SetField) or other.merge_key() != self.merge_key():
            return False
        if self.merge_key() is None:
            return False
        self.value = copy.deepcopy(other.value)
        self.last_change = other.last_change
        return True


class SetFrontMatter(Command):
    """Set a front-matter value; a new key is appended, and removed again on undo."""

    def __init__(self, key: str, value: Any, typing: bool = False) -> None:
        """Set ``key`` to ``value``; ``typing`` allows merging with the next edit of ``key``."""
        super().__init__()
        self.key = key
        self.value = copy.deepcopy(value)
        self.typing = typing
        self.sealed = False
        self.old: Any = None
        self.added = False
        self.created_front = False
        self.label = f"Edit {key}"

    def apply(self, post: Post) -> Change:
        """Set the value, creating the front matter or the entry when needed."""
        if post.front_matter is None:
            post.front_matter = FrontMatter()
            self.created_front = True
        front = post.front_matter
        entry = next((item for item in front.entries if item.key == self.key), None)
        if entry is None:
            front.entries.append(FrontMatterEntry(self.key, copy.deepcopy(self.value)))
            self.added = True
        else:
            self.old = copy.deepcopy(entry.value)
            entry.value = copy.deepcopy(self.value)
        self.last_change = Change("front_matter", name=self.key)
        return self.last_change

    def revert(self, post: Post) -> Change:
        """Restore the old value, or remove what apply added."""
        front = post.front_matter
        assert front is not None
        if self.added:
            front.entries = [item for item in front.entries if item.key != self.key]
            self.added = False
        else:
            for item in front.entries:
                if item.key == self.key:
                    item.value = copy.deepcopy(self.old)
        if self.created_front:
            post.front_matter = None
            self.created_front = False
        self.last_change = Change("front_matter", name=self.key)
        return self.last_change

    def merge_key(self) -> tuple[Any, ...] | None:
        """Typing in the same key merges."""
        return None if not self.typing or self.sealed else ("front", self.key)

    def merge(self, other: Command, post: Post) -> bool:
        """Take ``other``'s value, keep this command's old one."""
        key = self.merge_key()
        if key is None or not isinstance(other, SetFrontMatter) or other.merge_key() != key:
            return False
        self.value = copy.deepcopy(other.value)
        self.last_change = other.last_change
        return True


class SetFrontMatterValues(Command):
    """Set several front-matter keys as one step (a title and the slug derived from it)."""

    def __init__(self, values: dict[str, Any], typing: bool = False) -> None:
        """Set every key of ``values``; ``typing`` allows merging with the same keys' next edit."""
        super().__init__()
        self.parts = [SetFrontMatter(key, value) for key, value in values.items()]
        self.typing = typing
        self.sealed = False
        self.label = f"Edit {', '.join(values)}"

    def apply(self, post: Post) -> Change:
        """Set the values in order."""
        for part in self.parts:
            self.last_change = part.apply(post)
        return self.last_change

    def revert(self, post: Post) -> Change:
        """Restore the values in reverse order."""
        for part in reversed(self.parts):
            self.last_change = part.revert(post)
        return self.last_change

    def merge_key(self) -> tuple[Any, ...] | None:
        """Typing in the same keys merges."""
        if not self.typing or self.sealed:
            return None
        return ("front", *(part.key for part in self.parts))

    def merge(self, other: Command, post: Post) -> bool:
        """Take ``other``'s values, keep this command's old ones."""
        key = self.merge_key()
        if key is None or not isinstance(other, SetFrontMatterValues):
            return False
        if other.merge_key() != key:
            return False
        for mine, theirs in zip(self.parts, other.parts, strict=True):
            mine.value = copy.deepcopy(theirs.value)
        self.last_change = other.last_change
        return True


class _Structural(Command):
    """A change of the block list: remembers every block and gap to restore them exactly."""

    def __init__(self) -> None:
        super().__init__()
        self._before: list[tuple[Block, str]] = []

    def apply(self, post: Post) -> Change:
        """Snapshot the block list, change it, then keep paragraphs apart where blocks met."""
        self._before = [(block, block.gap) for block in post.blocks]
        tail = post.blocks[-1] if post.blocks else None
        tail_gap = tail.gap if tail is not None else "\n"
        touched = self._change(post.blocks)
        _fix_gaps(post, tail, tail_gap, touched)
        self.last_change = Change("structure", block_ids=tuple(touched))
        return self.last_change

    def revert(self, post: Post) -> Change:
        """Put back the very blocks, in their order, with their gaps."""
        touched = {block.id for block in post.blocks} ^ {block.id for block, _ in self._before}
        post.blocks[:] = [block for block, _ in self._before]
        for block, gap in self._before:
            block.gap = gap
        ids = tuple(touched) or self.last_change.block_ids
        self.last_change = Change("structure", block_ids=ids)
        return self.last_change

    @abstractmethod
    def _change(self, blocks: list[Block]) -> list[int]:
        """Change ``blocks`` in place; return the ids of the blocks added, removed or moved."""


def _fix_gaps(post: Post, old_tail: Block | None, tail_gap: str, touched: Sequence[int]) -> None:
    """Keep the file's final line end on the last block and a blank line between moved blocks."""
    blocks = post.blocks
    if not blocks:
        return
    last = blocks[-1]
    if old_tail is not None and last is not old_tail:
        last.gap = tail_gap
    touched_set = set(touched)
    for index, block in enumerate(blocks[:-1]):
        near = block.id in touched_set or blocks[index + 1].id in touched_set
        if (near or block is old_tail) and block.gap.count("\n") < 2:
            block.gap = "\n\n"


class InsertBlocks(_Structural):
    """Insert new blocks at a position (a new session, a text block, sessions from a drop)."""

    def __init__(self, index: int, blocks: Sequence[Block], label: str = "Add block") -> None:
        """Insert ``blocks`` before position ``index`` (the end when ``index`` is past it)."""
        super().__init__()
        self.index = index
        self.blocks = list(blocks)
        self.label = label

    def _change(self, blocks: list[Block]) -> list[int]:
        position = min(max(self.index, 0), len(blocks))
        blocks[position:position] = self.blocks
        return [block.id for block in self.blocks]


class DeleteBlocks(_Structural):
    """Remove blocks (kept by the command, so undo puts back the same objects)."""

    def __init__(self, block_ids: Sequence[int], label: str = "Delete") -> None:
        """Remove the blocks with ``block_ids``."""
        super().__init__()
        self.block_ids = list(block_ids)
        self.label = label

    def _change(self, blocks: list[Block]) -> list[int]:
        doomed = set(self.block_ids)
        blocks[:] = [block for block in blocks if block.id not in doomed]
        return list(self.block_ids)


class MoveBlock(_Structural):
    """Move one block to a new position (reordering sessions)."""

    def __init__(self, block_id: int, index: int, label: str = "Move") -> None:
        """Move the block ``block_id`` so that it ends up at position ``index``."""
        super().__init__()
        self.block_id = block_id
        self.index = index
        self.label = label

    def _change(self, blocks: list[Block]) -> list[int]:
        position = next(i for i, block in enumerate(blocks) if block.id == self.block_id)
        block = blocks.pop(position)
        blocks.insert(min(max(self.index, 0), len(blocks)), block)
        return [self.block_id]


class Macro(Command):
    """Several commands as one step (a speaker renamed in every session, a drop of images)."""

    def __init__(self, label: str, commands: Sequence[Command]) -> None:
        """Group ``commands``; they apply in order and revert in reverse."""
        super().__init__()
        self.label = label
        self.commands = list(commands)

    def apply(self, post: Post) -> Change:
        """Apply every command; report a whole-post change when more than one thing changed."""
        changes = [command.apply(post) for command in self.commands]
        self.last_change = changes[0] if len(changes) == 1 else Change("post")
        return self.last_change

    def revert(self, post: Post) -> Change:
        """Revert every command, last first."""
        changes = [command.revert(post) for command in reversed(self.commands)]
        self.last_change = changes[0] if len(changes) == 1 else Change("post")
        return self.last_change


def replace_speaker(post: Post, old: Speaker, new: Speaker) -> Macro:
    """Return a command that replaces the speaker ``old`` with ``new`` in every session."""
    commands: list[Command] = []
    for session in post.sessions():
        if old in session.speakers:
            speakers = [copy.deepcopy(new) if item == old else item for item in session.speakers]
            commands.append(SetField(session.id, "speakers", speakers))
    return Macro(f"Edit speaker {old.name}", commands)


def new_session(title: str = "New session", speakers: Sequence[Speaker] = ()) -> Session:
    """Return a fresh session in the reference dialect."""
    return Session(title=title, speakers=list(speakers))


class History:
    """A Qt-free undo history over a document: push, undo, redo, with typing bursts merged."""

    def __init__(self, document: PostDocument) -> None:
        """Start an empty history for ``document``."""
        self.document = document
        self.commands: list[Command] = []
        self.index = 0

    def push(self, command: Command) -> None:
        """Apply ``command``, merging it into the top one when both belong to one burst."""
        del self.commands[self.index :]
        top = self.commands[-1] if self.commands else None
        at_saved = not self.document.dirty and bool(self.commands)
        key = command.merge_key()
        if top is not None and key is not None and top.merge_key() == key and not at_saved:
            command.apply(self.document.post)
            if top.merge(command, self.document.post):
                self.document.merged(top)
                return
            command.revert(self.document.post)
        self.document.apply(command)
        self.commands.append(command)
        self.index = len(self.commands)

    def seal(self) -> None:
        """End the current typing burst: the next keystroke starts a new undo step."""
        top = self.commands[self.index - 1] if self.index else None
        if isinstance(top, (SetField, SetFrontMatter, SetFrontMatterValues)):
            top.sealed = True

    def undo(self) -> bool:
        """Undo one step; return False when there is nothing to undo."""
        if not self.index:
            return False
        self.index -= 1
        self.document.revert(self.commands[self.index])
        return True

    def redo(self) -> bool:
        """Redo one step; return False when there is nothing to redo."""
        if self.index >= len(self.commands):
            return False
        self.document.apply(self.commands[self.index])
        self.index += 1
        return True

    @property
    def can_undo(self) -> bool:
        """Tell whether there is a step to undo."""
        return self.index > 0

    @property
    def can_redo(self) -> bool:
        """Tell whether there is a step to redo."""
        return self.index < len(self.commands)
