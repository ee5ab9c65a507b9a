"""Session dialects G and I: agenda lines that start with a time (agenda24, cseug23pre).

G (bold, abstract paragraphs below)::

    **11:15 - 12:00 - Title, [Speaker](profile), [Org](site)**

    Abstract paragraphs.

I (plain lines, usually two blank lines apart, no abstract)::

    12:55 - 13:25 - Title, Speaker, Org

Breaks (``**13:00 - 14:15 - Lunch Break**``, ``14:05 - 14:30 - Coffee Break``) have no speaker
list and stay text. The speaker grammar is in :mod:`.agenda_grammar`; the checked rendering
defined here (renders must read back, with fallbacks) is shared by the grid (H,
:mod:`.agenda_grid`) and HTML (J, :mod:`.agenda_html`) agendas.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from roundup_editor.core.layout import Layout, LayoutBuilder
from roundup_editor.core.post import Session
from roundup_editor.formats.dialects.agenda_grammar import (
    MARKDOWN,
    TIME,
    Media,
    SpeakerSyntax,
    edit_speakers,
    parse_thumbnail_line,
    render_heading,
    render_speakers,
    split_title,
)
from roundup_editor.formats.dialects.base import Dialect, Lines, Match
from roundup_editor.formats.dialects.reference import ReferenceSessionDialect, render_media
from roundup_editor.formats.patterns import lazy_pattern
from roundup_editor.formats.text import escape_markdown, unescape_markdown

_BOLD_LINE = lazy_pattern(rf"^\*\*({TIME})( [-–] )(.+)\*\*$")
_PLAIN_LINE = lazy_pattern(rf"^({TIME})( [-–] )(.+)$")
_BOLD_PARAGRAPH = lazy_pattern(r"^\*\*.*\*\*\s*$")
_TIME_START = lazy_pattern(rf"^(?:\*\*)?{TIME} [-–] ")


# --- abstracts and checked renders ----------------------------------------------------------

_OWN_ENTITY = lazy_pattern(r"&#(42|4[89]|5[0-7]);")


def escape_abstract(text: str) -> str:
    """Escape an abstract like :func:`escape_markdown`, plus lines an agenda would misread.

    A line that starts with a time or is one bold run would end the abstract; its first
    character is written as an entity. Typed entities are escaped by :func:`escape_markdown`,
    so these entities can only come from here.
    """
    lines = escape_markdown(text).split("\n")
    for index, line in enumerate(lines):
        if _TIME_START.match(line) or _BOLD_PARAGRAPH.match(line):
            lines[index] = f"&#{ord(line[0])};{line[1:]}"
    return "\n".join(lines)


def unescape_abstract(source: str) -> str:
    """Invert :func:`escape_abstract`."""
    return unescape_markdown(_OWN_ENTITY.sub(lambda match: chr(int(match.group(1))), source))


def fallback_fresh(block: Any, failed: str) -> str:
    """Write a session that the dialect ``failed`` cannot write so that it reads back equal.

    The HTML agenda (J) is unambiguous and keeps the time; the grid (H) has clear bounds and
    needs no time; the reference dialect is the last resort.
    """
    from roundup_editor.formats.dialects import dialect_named  # the registry imports us

    for name in ("agenda_html", "agenda_grid"):
        dialect = dialect_named(name)
        if name == failed or not isinstance(dialect, CheckedAgendaDialect):
            continue
        text = dialect.write_fresh(block)
        if text is not None and dialect.reads_back(block, text):
            return text
    return ReferenceSessionDialect().render_fresh(block)


class CheckedAgendaDialect(Dialect):
    """An agenda dialect whose heuristic grammar is checked: renders must read back equal.

    An edit that the dialect's own text would misread (a one-word unlinked speaker, say) is
    written afresh, and a fresh text that does not read back falls back to
    :func:`fallback_fresh`.
    """

    #: How the dialect writes speaker names, links and joiners.
    syntax: ClassVar[SpeakerSyntax] = MARKDOWN

    def write_fresh(self, block: Any) -> str | None:
        """Return the dialect's own fresh text, or None when it cannot write the block."""
        raise NotImplementedError

    def reads_back(self, block: Any, text: str) -> bool:
        """Tell whether this dialect reads ``text`` as exactly ``block``."""
        lines = Lines(text.split("\n"))
        try:
            found = self.match(lines, 0)
        except (ValueError, IndexError, KeyError):
            return False
        return found is not None and found.end == len(lines) and found.block == block

    def canonical_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Return the canonical fresh text of one slot."""
        raise NotImplementedError

    def render_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Write one changed slot; a speaker edit rewrites only the changed names or orgs."""
        if slot == "speakers":
            original = next(item for item in layout.slots if item.name == slot)
            edited = edit_speakers(
                original.text,
                layout.style,
                original.snapshot["speakers"],
                block.speakers,
                self.syntax,
            )
            if edited is not None:
                return edited
        return self.canonical_slot(block, slot, layout)

    def render(self, block: Any) -> str:
        """Render through the layout; afresh when the edited text would not read back."""
        layout: Layout | None = block.layout
        if layout is None or not self._layout_still_fits(block, layout):
            return self.render_fresh(block)
        edited = any(self.slot_value(block, slot.name) != slot.snapshot for slot in layout.slots)
        if not edited:
            return layout.source()
        for surgical in (True, False):
            text = self._through_layout(block, layout, surgical)
            if self.reads_back(block, text):
                return text
        return self.render_fresh(block)

    def _through_layout(self, block: Any, layout: Layout, surgical: bool) -> str:
        """Render with the layout; changed slots surgically or canonically."""

        def fresh(slot: str) -> str:
            if surgical:
                return self.render_slot(block, slot, layout)
            return self.canonical_slot(block, slot, layout)

        return layout.render(lambda slot: self.slot_value(block, slot), fresh)

    def render_fresh(self, block: Any) -> str:
        """Write the block in this dialect, or in the fallback when that would be misread."""
        text = self.write_fresh(block)
        if text is not None and self.reads_back(block, text):
            return text
        return fallback_fresh(block, self.name)


class AgendaLineDialect(CheckedAgendaDialect):
    """A session written as one agenda line with a time, then optional abstract and media."""

    name: ClassVar[str] = "agenda"
    block_type = Session
    bold: ClassVar[bool] = True
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "time": ("time",),
        "title": ("title",),
        "speakers": ("speakers",),
        "abstract": ("abstract",),
        "media": ("thumbnails", "slides_url", "video_url"),
    }

    def _line(self, line: str) -> re.Match[str] | None:
        if self.bold:
            match = _BOLD_LINE.match(line)
            if match and "**" in match.group(3):
                return None
            return match
        if line.startswith(("**", "<", "#", " ", "\t")):
            return None
        return _PLAIN_LINE.match(line)

    def match(self, source: Lines, start: int) -> Match | None:
        """Match an agenda line with a speaker list, then abstract paragraphs and media lines."""
        line = source[start]
        found = self._line(line)
        if found is None:
            return None
        rest = found.group(3)
        split = split_title(rest)
        if split is None:
            return None
        title, read, title_end, speakers_start = split
        end, abstract_range, media = self._body(source, start + 1)
        session = Session(
            title=title, speakers=read.speakers, time=found.group(1), dialect=self.name
        )
        session.thumbnails = [item[0] for item in media if item[0] is not None]
        for _thumb, kind, url in media:
            if kind == "slides" and session.slides_url is None:
                session.slides_url = url
            elif kind == "video" and session.video_url is None:
                session.video_url = url
        full = source.text(start, end)
        builder = LayoutBuilder(full)
        offset = 2 if self.bold else 0
        time_end = offset + len(found.group(1))
        rest_start = time_end + len(found.group(2))
        line_end = len(line) - (2 if self.bold else 0)
        builder.slot("time", offset, time_end, self.slot_value(session, "time"))
        builder.slot("title", rest_start, rest_start + title_end, self.slot_value(session, "title"))
        builder.slot(
            "speakers", rest_start + speakers_start, line_end, self.slot_value(session, "speakers")
        )
        position = len(line)
        if abstract_range is not None:
            first, last = abstract_range
            session.abstract = unescape_abstract(source.text(first, last))
            abstract_end = len(source.text(start, last))
            builder.slot("abstract", position, abstract_end, self.slot_value(session, "abstract"))
            position = abstract_end
        else:
            builder.slot("abstract", position, position, self.slot_value(session, "abstract"))
        builder.slot("media", position, len(full), self.slot_value(session, "media"))
        session.layout = self.finish_layout(
            session, builder, separator=found.group(2), names=read.names, orgs=read.orgs
        )
        return Match(session, end)

    def _body(self, source: Lines, start: int) -> tuple[int, tuple[int, int] | None, list[Media]]:
        """Find abstract paragraphs and media lines up to the next agenda line or heading."""
        index = start
        end = start
        abstract_first: int | None = None
        abstract_last = start
        media: list[Media] = []
        while index < len(source):
            line = source[index]
            if not line.strip():
                index += 1
                continue
            if (
                line.startswith(("#", "<"))
                or _TIME_START.match(line)
                or (self.bold and _BOLD_PARAGRAPH.match(line))
            ):
                break
            parsed = parse_thumbnail_line(line)
            if parsed is not None:
                media.append(parsed)
                end = index + 1
                index += 1
                continue
            if media:
                break
            if abstract_first is None:
                abstract_first = index
            abstract_last = end = index + 1
            index += 1
        abstract = None if abstract_first is None else (abstract_first, abstract_last)
        return end, abstract, media

    def write_fresh(self, block: Any) -> str | None:
        """Write the agenda line, the abstract and the media lines."""
        if not block.time or not block.speakers:
            return None
        separator = " - "
        if block.layout is not None:
            separator = block.layout.style.get("separator", separator)
        line = f"{block.time}{separator}{render_heading(block.title, block.speakers)}"
        parts = [f"**{line}**" if self.bold else line]
        if block.abstract:
            parts.append(escape_abstract(block.abstract))
        parts.extend(render_media(block))
        return "\n\n".join(parts)

    def canonical_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Write one changed part of the session."""
        if slot == "time":
            return str(block.time or "")
        if slot == "title":
            return MARKDOWN.escape(block.title)
        if slot == "speakers":
            return render_speakers(block.speakers)
        if slot == "abstract":
            return "\n\n" + escape_abstract(block.abstract) if block.abstract else ""
        media = render_media(block)
        return "\n\n" + "\n\n".join(media) if media else ""


class BoldAgendaDialect(AgendaLineDialect):
    """G: ``**11:15 - 12:00 - Title, [Speaker](url), [Org](url)**`` and abstract paragraphs."""

    name = "agenda_bold"
    bold = True


class PlainAgendaDialect(AgendaLineDialect):
    """I: ``12:55 - 13:25 - Title, Speaker, Org`` plain lines."""

    name = "agenda_plain"
    bold = False


#: The recognisers this module contributes, tried in this order (see dialects/__init__.py).
DIALECTS: list[Dialect] = [BoldAgendaDialect(), PlainAgendaDialect()]
