"""The bridge between the core document and Qt: one QUndoStack over the core commands.

Every edit goes through :meth:`UndoBridge.push`. The stack's commands wrap core
:class:`~roundup_editor.core.commands.Command` objects, so undo and redo call the core's
``apply``/``revert`` through the document, which announces each change to the panels.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from roundup_editor.core.commands import Command, SetField, SetFrontMatter, SetFrontMatterValues
from roundup_editor.core.document import Change, PostDocument

_MERGE_IDS: dict[tuple[Any, ...], int] = {}


def _merge_id(command: Command) -> int:
    """Return a Qt merge id for the command's merge key (-1: never merges)."""
    key = command.merge_key()
    if key is None:
        return -1
    return _MERGE_IDS.setdefault(key, len(_MERGE_IDS) + 1)


class CommandAdapter(QUndoCommand):
    """A QUndoCommand running one core command on the document."""

    def __init__(self, bridge: UndoBridge, command: Command) -> None:
        """Wrap ``command`` for ``bridge``'s document."""
        super().__init__(command.label)
        self.bridge = bridge
        self.command = command

    def redo(self) -> None:
        """Apply the core command (also on first push)."""
        self.bridge.document.apply(self.command)

    def undo(self) -> None:
        """Revert the core command."""
        self.bridge.document.revert(self.command)

    def id(self) -> int:
        """Return the merge id: typing in one field of one block shares it."""
        return _merge_id(self.command)

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Take in a later keystroke of the same burst."""
        if not isinstance(other, CommandAdapter):
            return False
        if not self.command.merge(other.command, self.bridge.document.post):
            return False
        self.bridge.document.absorbed(self.command, other.command)
        return True


class UndoBridge(QObject):
    """Owns the QUndoStack for one document and re-emits core events as Qt signals.

    Signals:
        changed: a :class:`Change` after every applied or reverted command.
        dirty_changed: the document's dirty flag when it flips.
    """

    changed = Signal(object)
    dirty_changed = Signal(bool)

    def __init__(self, document: PostDocument, parent: QObject | None = None) -> None:
        """Start an empty history for ``document``."""
        super().__init__(parent)
        self.document = document
        self.stack = QUndoStack(self)
        document.changed.connect(self._on_changed)
        document.state_changed.connect(self._on_state)

    def _on_changed(self, change: Change) -> None:
        self.changed.emit(change)

    def _on_state(self, dirty: bool) -> None:
        self.dirty_changed.emit(dirty)

    def push(self, command: Command) -> None:
        """Run ``command`` as one undo step (or as part of the current typing burst)."""
        self.stack.push(CommandAdapter(self, command))

    def seal(self) -> None:
        """End the current typing burst (a field lost focus)."""
        index = self.stack.index()
        if index <= 0:
            return
        top = self.stack.command(index - 1)
        if isinstance(top, CommandAdapter) and isinstance(
            top.command, (SetField, SetFrontMatter, SetFrontMatterValues)
        ):
            top.command.sealed = True

    def mark_saved(self) -> None:
        """Record the current state as saved, in the document and the stack."""
        self.document.mark_saved()
        self.stack.setClean()
