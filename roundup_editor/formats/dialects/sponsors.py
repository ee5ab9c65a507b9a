"""Sponsor thanks: a paragraph that credits the host and the sponsors by name.

Two recognisers share one renderer:

* :class:`FreshSponsorsDialect` reads the paragraph the app writes for a new block (the reference
  post's wording: "We would like to extend our gratitude to event host and sponsor, [A](…), as
  well as to the additional event sponsors, [B](…) and C."). Its lists follow a strict grammar
  (see :mod:`.sponsors_grammar`), so any names, with or without a URL, read back exactly.
* :class:`SponsorsDialect` finds sponsor lists inside hand-written prose: after a lead-in such as
  "host and sponsor,", "sponsors –", "sponsors from", "supported by" or "Supporters and sponsors of
  the event are". The prose around the lists stays in the layout's pieces; each list is a slot,
  written afresh as "A, B and C" once edited (as HTML links when the list was HTML).
"""

from __future__ import annotations

from typing import Any, ClassVar

from roundup_editor.core.layout import Layout, LayoutBuilder
from roundup_editor.core.post import Sponsor, Sponsors
from roundup_editor.formats.dialects.base import Dialect, Lines, Match, jsonable
from roundup_editor.formats.dialects.sponsors_grammar import (
    escape_sponsor,
    find_top_level,
    is_prose_plain_name,
    parse_fresh_list,
    parse_prose_list,
    render_list,
)
from roundup_editor.formats.patterns import lazy_pattern

__all__ = [
    "FreshSponsorsDialect",
    "SponsorsDialect",
    "escape_sponsor",
    "parse_fresh_list",
    "parse_prose_list",
    "render_list",
]

_HOST_LEAD = lazy_pattern(r"hosts?[ \n]+and[ \n]+sponsors?,[ \n]+")
_SPONSOR_LEAD = lazy_pattern(
    r"(?:"
    r"sponsors,"  # "... the additional event sponsors, A and B"
    r"|sponsors[ \n]+from"  # "... thank the Conference sponsors from <a>A</a>, ..."
    r"|sponsors?[ \n]+of[ \n]+the[ \n]+event[ \n]+are"  # "Supporters and sponsors of the event are"
    r"|sponsors?[ \n]+of[ \n]+the[ \n]+[^–.\[<]{0,120}?[ \n][–-]"  # "sponsors of the X – A, B"
    r"|sponsors[ \n]+for[ \n][^–.\[<]{0,120}?[ \n][–-]"  # "sponsors for supporting ... –"
    r"|supported[ \n]+by"  # "supported by A, B and C"
    r")[ \n]+"
)

#: The fresh paragraph's wording (reference post).
FRESH_INTRO = "We would like to extend our gratitude to "
FRESH_EMPTY = "We would like to extend our gratitude to the event sponsors."
_ONE_HOST = "event host and sponsor, "
_MANY_HOSTS = "event hosts and sponsors, "
_OTHERS_AFTER_HOSTS = ", as well as to the additional event sponsors, "
_OTHERS_ALONE = "the event sponsors, "


def _role_of(slot: str) -> str:
    return "host" if slot == "hosts" else "sponsor"


class _SponsorsBase(Dialect):
    """What both sponsor dialects share: list slots by role and the fresh paragraph."""

    block_type = Sponsors
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "hosts": ("sponsors",),
        "others": ("sponsors",),
    }

    def slot_value(self, block: Any, slot: str) -> Any:
        """Each list slot shows the sponsors of its role."""
        role = _role_of(slot)
        return [jsonable(sponsor) for sponsor in block.sponsors if sponsor.role == role]

    def _layout_still_fits(self, block: Any, layout: Layout) -> bool:
        """Every list the prose names must still have someone in it, and nobody may be left out.

        The hosts must also still come before the other sponsors, as the model's order says.
        """
        names = [slot.name for slot in layout.slots]
        roles = [sponsor.role for sponsor in block.sponsors]
        if set(roles) != {_role_of(name) for name in names}:
            return False
        expected: list[str] = []
        for name in names:
            expected.extend(
                sponsor.role for sponsor in block.sponsors if sponsor.role == _role_of(name)
            )
        return roles == expected

    def render_fresh(self, block: Any) -> str:
        """Write a thank-you paragraph in the reference wording (one line)."""
        hosts = [sponsor for sponsor in block.sponsors if sponsor.role == "host"]
        others = [sponsor for sponsor in block.sponsors if sponsor.role != "host"]
        if not hosts and not others:
            return FRESH_EMPTY
        text = FRESH_INTRO
        if hosts:
            text += (_MANY_HOSTS if len(hosts) > 1 else _ONE_HOST) + render_list(hosts)
            if others:
                text += _OTHERS_AFTER_HOSTS + render_list(others)
        else:
            text += _OTHERS_ALONE + render_list(others)
        return text + "."

    def render_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Write one list afresh, in the link style the list was written in."""
        role = _role_of(slot)
        chosen = [sponsor for sponsor in block.sponsors if sponsor.role == role]
        return render_list(chosen, html=bool(layout.style.get(f"html_{slot}")))


class FreshSponsorsDialect(_SponsorsBase):
    """The paragraph written by :meth:`render_fresh`, read with the strict list grammar."""

    name = "sponsors_fresh"

    def match(self, source: Lines, start: int) -> Match | None:
        """Match one line in exactly the fresh wording."""
        line = source[start]
        if not line.startswith(FRESH_INTRO) or not line.endswith("."):
            return None
        if start + 1 < len(source) and source[start + 1].strip():
            return None
        builder = LayoutBuilder(line)
        if line == FRESH_EMPTY:
            block = Sponsors(sponsors=[])
            block.layout = self.finish_layout(block, builder)
            return Match(block, start + 1)
        body_start = len(FRESH_INTRO)
        body_end = len(line) - 1
        rest = line[body_start:body_end]
        spans: list[tuple[str, int, int]] = []
        if rest.startswith((_ONE_HOST, _MANY_HOSTS)):
            lead = _ONE_HOST if rest.startswith(_ONE_HOST) else _MANY_HOSTS
            hosts_start = body_start + len(lead)
            hosts_end = _hosts_end(line, hosts_start, body_end, many=lead == _MANY_HOSTS)
            if hosts_end is None:
                return None
            spans.append(("hosts", hosts_start, hosts_end))
            if hosts_end < body_end:
                if not line.startswith(_OTHERS_AFTER_HOSTS, hosts_end):
                    return None
                spans.append(("others", hosts_end + len(_OTHERS_AFTER_HOSTS), body_end))
        elif rest.startswith(_OTHERS_ALONE):
            spans.append(("others", body_start + len(_OTHERS_ALONE), body_end))
        else:
            return None
        sponsors: list[Sponsor] = []
        for slot, first, last in spans:
            items = parse_fresh_list(line[first:last])
            if items is None:
                return None
            for item in items:
                item.role = "host" if slot == "hosts" else "sponsor"
            sponsors.extend(items)
            builder.slot(slot, first, last, [jsonable(item) for item in items])
        block = Sponsors(sponsors=sponsors)
        block.layout = self.finish_layout(block, builder)
        return Match(block, start + 1)


def _hosts_end(line: str, first: int, body_end: int, many: bool) -> int | None:
    """Where the host list of a fresh paragraph ends.

    Names never hold a top-level ``, `` or a free-standing ``and`` (both are escaped), so one
    host ends at the first ``, ``; several end at the first ``, `` after the one `` and ``.
    """
    position = first
    if many:
        joiner = find_top_level(line, " and ", first, body_end)
        if joiner is None:
            return None
        position = joiner + len(" and ")
    comma = find_top_level(line, ", ", position, body_end)
    return body_end if comma is None else comma


class SponsorsDialect(_SponsorsBase):
    """Sponsor lists inside hand-written thank-you prose."""

    name = "sponsors"

    def _layout_still_fits(self, block: Any, layout: Layout) -> bool:
        """Also require an edited paragraph to read back with the same sponsors.

        Prose lists are read cautiously (capitalised plain names only, the list ends where the
        prose goes on), so a list edited in place is read again; when it would not come back
        as it is (a plain "acme", a name running into the next sentence), the paragraph is
        written fresh instead.
        """
        if not super()._layout_still_fits(block, layout):
            return False
        values = {slot.name: self.slot_value(block, slot.name) for slot in layout.slots}
        if all(values[slot.name] == slot.snapshot for slot in layout.slots):
            return True
        if not all(sponsor.url or is_prose_plain_name(sponsor.name) for sponsor in block.sponsors):
            return False
        text = layout.render(
            lambda slot: values[slot], lambda slot: self.render_slot(block, slot, layout)
        )
        lines = Lines(text.split("\n"))
        again = self.match(lines, 0)
        return (
            again is not None
            and again.end == len(lines)
            and isinstance(again.block, Sponsors)
            and again.block.sponsors == block.sponsors
        )

    @classmethod
    def variants(cls) -> list[Dialect]:
        """Return the sponsor recognisers to register, strictest first."""
        return [FreshSponsorsDialect(), cls()]

    def match(self, source: Lines, start: int) -> Match | None:
        """Match a paragraph with a host lead-in and/or a sponsor lead-in followed by a list."""
        if source[start].startswith(("#", "<", "!", "[!", "*", "-", "|", ">", " ", "\t")):
            return None
        end = start
        while end < len(source) and source[end].strip():
            if end > start and source[end].startswith(("#", "<", "!", "[![")):
                break
            end += 1
        text = source.text(start, end)
        builder = LayoutBuilder(text)
        sponsors: list[Sponsor] = []
        style: dict[str, Any] = {}
        taken = 0
        for slot, lead, role in (
            ("hosts", _HOST_LEAD, "host"),
            ("others", _SPONSOR_LEAD, "sponsor"),
        ):
            for found in lead.finditer(text, taken):
                parsed = parse_prose_list(text, found.end())
                if parsed is None:
                    continue
                items, list_end, html = parsed
                for item in items:
                    item.role = role  # type: ignore[assignment]
                sponsors.extend(items)
                builder.slot(slot, found.end(), list_end, [jsonable(item) for item in items])
                if html:
                    style[f"html_{slot}"] = True
                taken = list_end
                break
        if not sponsors:
            return None
        block = Sponsors(sponsors=sponsors)
        try:
            block.layout = self.finish_layout(block, builder, **style)
        except ValueError:
            return None
        return Match(block, end)
