"""What a dialect is: one recogniser (source lines -> block) plus one renderer (block -> text).

A recogniser looks at the body's lines from a start line and, when the lines there are written in
its dialect, returns a block whose :class:`~roundup_editor.core.layout.Layout` reproduces them
exactly. The engine (:mod:`roundup_editor.formats.reader`) double-checks that by rendering.

A renderer writes a block: through its layout when it has one (fresh text only for the slots whose
fields changed), or wholly fresh for blocks made in the app. Every field of a block must belong to
a slot (``SLOT_FIELDS``), so no edit can go unwritten.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, ClassVar

from roundup_editor.core.layout import Layout, LayoutBuilder
from roundup_editor.core.post import Block


def jsonable(value: Any) -> Any:
    """Return ``value`` as plain JSON data (dataclasses become dicts, tuples lists)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: jsonable(getattr(value, f.name))
            for f in fields(value)
            if f.compare and f.name not in ("gap", "layout", "id")
        }
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    return value


@dataclass
class Lines:
    """The body's lines (LF split, no line ends) with character offsets for layouts."""

    lines: list[str]

    def text(self, start: int, end: int) -> str:
        """Return lines ``start`` to ``end`` (exclusive) joined with LF."""
        return "\n".join(self.lines[start:end])

    def __len__(self) -> int:
        """Return the number of lines."""
        return len(self.lines)

    def __getitem__(self, index: int) -> str:
        """Return one line."""
        return self.lines[index]


@dataclass
class Match:
    """A recognised block and the line after its last content line."""

    block: Block
    end: int


class Dialect(ABC):
    """One way of writing a kind of block: recognise it in source lines and render it back.

    Attributes:
        name: the registry key, stored in layouts (``style["dialect"]``) and on sessions.
        SLOT_FIELDS: for each slot name, the block fields its text shows.
    """

    name: ClassVar[str]
    block_type: ClassVar[type[Any]]
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]]

    @abstractmethod
    def match(self, source: Lines, start: int) -> Match | None:
        """Return the block written at line ``start``, or None when this dialect does not fit."""

    @abstractmethod
    def render_fresh(self, block: Any) -> str:
        """Return the block's whole text (no trailing line end) for a block without a layout."""

    @abstractmethod
    def render_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Return fresh text for one slot whose fields changed."""

    def slot_value(self, block: Any, slot: str) -> Any:
        """Return the JSON value of the fields that ``slot`` shows."""
        return {name: jsonable(getattr(block, name)) for name in self.SLOT_FIELDS[slot]}

    def render(self, block: Any) -> str:
        """Render ``block`` through its layout when it has one, else fresh."""
        layout = block.layout
        if layout is None or not self._layout_still_fits(block, layout):
            return self.render_fresh(block)
        text: str = layout.render(
            lambda slot: self.slot_value(block, slot),
            lambda slot: self.render_slot(block, slot, layout),
        )
        return text

    def _layout_still_fits(self, block: Any, layout: Layout) -> bool:
        """Fields that no slot of the layout shows must still have their parse-time values."""
        fixed = layout.style.get("fixed", {})
        return all(jsonable(getattr(block, name)) == value for name, value in fixed.items())

    def finish_layout(self, block: Any, builder: LayoutBuilder, **style: Any) -> Layout:
        """Build the layout for ``block``; remember the values of fields no slot shows."""
        layout = builder.build({"dialect": self.name, **style})
        shown = {name for slot in layout.slots for name in self.SLOT_FIELDS.get(slot.name, ())}
        every = {f.name for f in fields(block) if f.compare}
        layout.style["fixed"] = {
            name: jsonable(getattr(block, name)) for name in sorted(every - shown)
        }
        return layout
