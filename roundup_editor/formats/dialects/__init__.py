"""The dialect registry: every way of writing a block that the reader recognises, in one place.

Order matters: the first dialect that recognises the lines at a position wins. Session dialects
come after the fixed parts; the reference dialect is the one new sessions are written in.
"""

from __future__ import annotations

from typing import Any

from roundup_editor.core.post import (
    Button,
    HeaderImage,
    Session,
    Sponsors,
    TextBlock,
    Truncate,
)
from roundup_editor.formats.dialects import (
    agenda,
    agenda_grid,
    agenda_html,
    dashed,
    headed_iframes,
    linked_title,
)
from roundup_editor.formats.dialects.base import Dialect, Lines, Match
from roundup_editor.formats.dialects.blocks import (
    ButtonDialect,
    HeaderImageDialect,
    TextDialect,
    TruncateDialect,
)
from roundup_editor.formats.dialects.reference import ReferenceSessionDialect
from roundup_editor.formats.dialects.sponsors import SponsorsDialect

#: Recognisers in the order they are tried at each block start: fixed parts, the specific
#: session dialects, the reference dialect (the most general heading form), sponsor thanks.
RECOGNISERS: list[Dialect] = [
    TruncateDialect(),
    HeaderImageDialect(),
    ButtonDialect(),
    *agenda_html.DIALECTS,
    *agenda_grid.DIALECTS,
    *agenda.DIALECTS,
    *linked_title.DIALECTS,
    *dashed.DIALECTS,
    *headed_iframes.DIALECTS,
    ReferenceSessionDialect(),
    *SponsorsDialect.variants(),
]

_BY_NAME: dict[str, Dialect] = {dialect.name: dialect for dialect in RECOGNISERS}
_BY_NAME["text"] = TextDialect()

#: The dialect a block of each type is written in when it has no layout of its own.
DEFAULT_FOR_TYPE: dict[type[Any], str] = {
    TextBlock: "text",
    Truncate: "truncate",
    HeaderImage: "header",
    Button: "button",
    Sponsors: "sponsors",
    Session: "reference",
}


def register(dialect: Dialect, before: str | None = None) -> None:
    """Add a recogniser, optionally before the one named ``before``."""
    _BY_NAME[dialect.name] = dialect
    if before is None:
        RECOGNISERS.append(dialect)
        return
    names = [existing.name for existing in RECOGNISERS]
    RECOGNISERS.insert(names.index(before), dialect)


def dialect_named(name: str) -> Dialect:
    """Return the dialect registered under ``name``."""
    return _BY_NAME[name]


def dialect_for(block: Any) -> Dialect:
    """Return the dialect that writes ``block``: its layout's, its session's, or the default."""
    if block.layout is not None and block.layout.style.get("dialect") in _BY_NAME:
        return _BY_NAME[block.layout.style["dialect"]]
    if isinstance(block, Session) and block.dialect in _BY_NAME:
        return _BY_NAME[block.dialect]
    return _BY_NAME[DEFAULT_FOR_TYPE[type(block)]]


def render_block(block: Any) -> str:
    """Return the text of ``block`` without its trailing gap."""
    return dialect_for(block).render(block)


__all__ = ["RECOGNISERS", "Dialect", "Lines", "Match", "dialect_for", "register", "render_block"]
