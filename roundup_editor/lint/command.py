"""Safe fixes as one undoable step: a :class:`Command` for the document's history.

The window builds ``FixCommand([finding])`` (or several findings for "Fix all") and pushes it on
the undo stack like any other edit. Applying runs the findings' fixes; reverting puts back the
very block objects, their values and gaps, and the front matter, so undo restores the bytes.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from roundup_editor.core.commands import Command
from roundup_editor.core.document import Change
from roundup_editor.core.post import Block, FrontMatterEntry, Post
from roundup_editor.lint.engine import apply_fixes
from roundup_editor.lint.finding import Finding

_KEPT = ("layout", "id")


def _values(block: Block) -> dict[str, Any]:
    return {name: copy.deepcopy(value) for name, value in vars(block).items() if name not in _KEPT}


class FixCommand(Command):
    """Apply the safe fixes of ``findings`` (those with a fix) as one step.

    Attributes:
        findings: the findings whose fixes run, in the order given.
        applied: how many fixes changed the post on the last apply.
    """

    def __init__(self, findings: Sequence[Finding], label: str | None = None) -> None:
        """Prepare the fixes; the label defaults to the fix text or "Fix N problems"."""
        super().__init__()
        self.findings = [finding for finding in findings if finding.action is not None]
        if label is None:
            count = len(self.findings)
            first = self.findings[0].fix if count == 1 else None
            label = f"Fix: {first}" if first else f"Fix {count} problems"
        self.label = label
        self.applied = 0
        self._blocks: list[tuple[Block, str, dict[str, Any]]] = []
        self._entries: list[tuple[FrontMatterEntry, Any, str | None]] | None = None

    def apply(self, post: Post) -> Change:
        """Snapshot what a fix may touch, then run the fixes."""
        self._blocks = [(block, block.gap, _values(block)) for block in post.blocks]
        front = post.front_matter
        self._entries = (
            None
            if front is None
            else [(entry, copy.deepcopy(entry.value), entry.source) for entry in front.entries]
        )
        self.applied = apply_fixes(post, self.findings)
        self.last_change = Change("post")
        return self.last_change

    def revert(self, post: Post) -> Change:
        """Put back the blocks (the same objects, values and gaps) and the front matter."""
        post.blocks[:] = [block for block, _gap, _state in self._blocks]
        for block, gap, state in self._blocks:
            for name, value in state.items():
                setattr(block, name, copy.deepcopy(value))
            block.gap = gap
        if self._entries is not None and post.front_matter is not None:
            post.front_matter.entries[:] = [entry for entry, _value, _source in self._entries]
            for entry, value, source in self._entries:
                entry.value = copy.deepcopy(value)
                entry.source = source
        self.last_change = Change("post")
        return self.last_change
