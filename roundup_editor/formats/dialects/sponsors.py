"""Sponsor thanks: a paragraph that credits the host and the sponsors by name.

The reference post's paragraph ends with "... gratitude to event host and sponsor, [proIO](...),
as well as to the additional event sponsors, [ShapeBlue](...) and [LINBIT](...)." The prose around
the lists is kept as written; the lists are slots, written afresh as "A, B and C" when edited.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from roundup_editor.core.layout import Layout, LayoutBuilder
from roundup_editor.core.post import Sponsor, Sponsors
from roundup_editor.formats.dialects.base import Dialect, Lines, Match, jsonable
from roundup_editor.formats.text import escape_text, unescape_text

# A list item: a Markdown link (its text may wrap) or a capitalised plain name.
_ITEM = re.compile(
    r"\[(?P<text>(?:\\.|[^\[\]\\])+)\]\((?P<url>[^()\s]+)\)"
    r"|(?P<plain>[A-Z][\w.\-]*(?: [A-Z0-9][\w.\-]*)*)"
)
_SEPARATOR = re.compile(r",\s+and\s+|,\s+|\s+and\s+")
_HOST_LEAD = re.compile(r"hosts? and sponsors?,\s+")
_SPONSOR_LEAD = re.compile(
    r"(?:sponsors,|sponsors? of the (?:event|conference)(?:,? whose [^–.]*?)?\s+[–-]|"
    r"reality\s+[–-]|supported by|sponsors of the event\s+are)\s+"
)

FRESH_INTRO = "We would like to extend our gratitude to "


def escape_sponsor(name: str) -> str:
    """Escape a sponsor name so a list of names reads back exactly."""
    return escape_text(name).replace(",", "&#44;").replace(" and ", " a&#110;d ")


def parse_list(text: str, position: int) -> tuple[list[Sponsor], int] | None:
    """Read "A, B and C" starting at ``position``; return the sponsors and where the list ends."""
    sponsors: list[Sponsor] = []
    index = position
    while True:
        item = _ITEM.match(text, index)
        if item is None:
            break
        if item.group("url"):
            name = " ".join(unescape_text(item.group("text")).split())
            sponsors.append(Sponsor(name, item.group("url")))
        else:
            sponsors.append(Sponsor(unescape_text(item.group("plain")), None))
        index = item.end()
        separator = _SEPARATOR.match(text, index)
        if separator is None or _ITEM.match(text, separator.end()) is None:
            break
        index = separator.end()
    if not sponsors:
        return None
    return sponsors, index


def render_list(sponsors: list[Sponsor]) -> str:
    """Write sponsors as "A, B and C", linked where they have a URL."""
    items = [
        f"[{escape_sponsor(sponsor.name)}]({sponsor.url})"
        if sponsor.url
        else escape_sponsor(sponsor.name)
        for sponsor in sponsors
    ]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class SponsorsDialect(Dialect):
    """A paragraph thanking a host and/or sponsors."""

    name = "sponsors"
    block_type = Sponsors
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "hosts": ("sponsors",),
        "others": ("sponsors",),
    }

    @classmethod
    def variants(cls) -> list[Dialect]:
        """Return the sponsor recognisers to register (the reference one and any others)."""
        return [cls()]

    def slot_value(self, block: Any, slot: str) -> Any:
        """Each list slot shows the sponsors of its role."""
        role = "host" if slot == "hosts" else "sponsor"
        return [jsonable(sponsor) for sponsor in block.sponsors if sponsor.role == role]

    def _layout_still_fits(self, block: Any, layout: Layout) -> bool:
        names = {slot.name for slot in layout.slots}
        roles = {sponsor.role for sponsor in block.sponsors}
        slot_roles = {"host" if name == "hosts" else "sponsor" for name in names}
        # Every list the prose names must still have someone in it, and nobody may be left out.
        return roles == slot_roles

    def match(self, source: Lines, start: int) -> Match | None:
        """Match a paragraph with a host lead-in and/or a sponsor lead-in followed by a list."""
        end = start
        while end < len(source) and source[end].strip():
            if end > start and source[end].startswith(("#", "<", "!", "[![")):
                break
            end += 1
        if source[start].startswith(("#", "<", "!", "[!", "*", "-")):
            return None
        text = source.text(start, end)
        builder = LayoutBuilder(text)
        sponsors: list[Sponsor] = []
        for slot, lead, role in (
            ("hosts", _HOST_LEAD, "host"),
            ("others", _SPONSOR_LEAD, "sponsor"),
        ):
            found = lead.search(text)
            if found is None:
                continue
            parsed = parse_list(text, found.end())
            if parsed is None:
                continue
            items, list_end = parsed
            for item in items:
                item.role = role  # type: ignore[assignment]
            sponsors.extend(items)
            builder.slot(slot, found.end(), list_end, [jsonable(item) for item in items])
        if not sponsors:
            return None
        block = Sponsors(sponsors=sponsors)
        try:
            block.layout = self.finish_layout(block, builder)
        except ValueError:
            return None
        return Match(block, end)

    def render_fresh(self, block: Any) -> str:
        """Write a thank-you paragraph in the reference wording."""
        hosts = [sponsor for sponsor in block.sponsors if sponsor.role == "host"]
        others = [sponsor for sponsor in block.sponsors if sponsor.role != "host"]
        parts = []
        if hosts:
            noun = "hosts and sponsors" if len(hosts) > 1 else "host and sponsor"
            parts.append(f"event {noun}, {render_list(hosts)}")
        if others:
            lead = "the additional event sponsors" if hosts else "the event sponsors"
            parts.append(f"{lead}, {render_list(others)}")
        if not parts:
            return FRESH_INTRO.strip()
        return FRESH_INTRO + ", as well as to ".join(parts) + "."

    def render_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Write one list afresh."""
        role = "host" if slot == "hosts" else "sponsor"
        return render_list([sponsor for sponsor in block.sponsors if sponsor.role == role])
