"""Layouts: the exact source text of a block, cut into fixed pieces and field slots.

A block read from a post keeps a :class:`Layout`. The text between fields (``## ``, ``, ``,
``](``, blank lines, HTML wrappers) is kept as *pieces*; each field's text is a *slot* that
remembers the value it showed (its *snapshot*) and the exact text it was written with. Rendering
writes a slot's original text while the block's value for it still equals the snapshot, and renders
it afresh once the user has changed it. So an unedited block gives back its bytes, and an edit
changes only the lines that show the edited field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Slot:
    """One field's place in a layout: its name, the value it showed and its source text."""

    name: str
    snapshot: Any
    text: str


@dataclass
class Layout:
    """Source text of a block as ``pieces[0] slot[0] pieces[1] ... slot[n-1] pieces[n]``.

    Attributes:
        pieces: the fixed text around the slots; always one more than ``slots``.
        slots: the field slots in source order.
        style: dialect hints kept for fresh renders (heading level, separators, ...).
    """

    pieces: list[str]
    slots: list[Slot]
    style: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Check the pieces/slots shape."""
        if len(self.pieces) != len(self.slots) + 1:
            raise ValueError("a layout needs exactly one more piece than slots")

    def source(self) -> str:
        """Return the text the layout was read from."""
        out = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            out.append(slot.text)
            out.append(piece)
        return "".join(out)

    def render(
        self,
        current: Callable[[str], Any],
        fresh: Callable[[str], str],
    ) -> str:
        """Render with ``current(name)`` values, calling ``fresh(name)`` for changed slots."""
        out = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            value = current(slot.name)
            out.append(slot.text if value == slot.snapshot else fresh(slot.name))
            out.append(piece)
        return "".join(out)


class LayoutBuilder:
    """Cut a source string into pieces and slots, given the slots' character spans."""

    def __init__(self, source: str) -> None:
        """Start a layout over ``source``."""
        self.source = source
        self._spans: list[tuple[int, int, str, Any]] = []

    def slot(self, name: str, start: int, end: int, snapshot: Any) -> None:
        """Mark ``source[start:end]`` as the slot ``name`` showing ``snapshot``."""
        if not 0 <= start <= end <= len(self.source):
            raise ValueError(f"slot {name!r} span {start}:{end} outside the source")
        self._spans.append((start, end, name, snapshot))

    def build(self, style: dict[str, Any] | None = None) -> Layout:
        """Return the layout; slots must not overlap."""
        spans = sorted(self._spans, key=lambda span: (span[0], span[1]))
        pieces: list[str] = []
        slots: list[Slot] = []
        position = 0
        for start, end, name, snapshot in spans:
            if start < position:
                raise ValueError(f"slot {name!r} overlaps the one before it")
            pieces.append(self.source[position:start])
            slots.append(Slot(name, snapshot, self.source[start:end]))
            position = end
        pieces.append(self.source[position:])
        return Layout(pieces, slots, dict(style or {}))
