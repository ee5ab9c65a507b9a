"""Session dialects G and I: agenda lines that start with a time (agenda24, cseug23pre).

G (bold, abstract paragraphs below)::

    **11:15 - 12:00 - Title, [Speaker](profile), [Org](site)**

    Abstract paragraphs.

I (plain lines, usually two blank lines apart, no abstract)::

    12:55 - 13:25 - Title, Speaker, Org

Breaks (``**13:00 - 14:15 - Lunch Break**``, ``14:05 - 14:30 - Coffee Break``) have no speaker
list and stay text. The title/speaker split and the speaker grammar defined here are shared by
the grid (H, :mod:`.agenda_grid`) and HTML (J, :mod:`.agenda_html`) agendas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from roundup_editor.core.layout import Layout, LayoutBuilder
from roundup_editor.core.post import Session, Speaker, Thumbnail
from roundup_editor.formats.dialects.base import Dialect, Lines, Match
from roundup_editor.formats.dialects.inline import LINK, split_top_level
from roundup_editor.formats.dialects.reference import (
    ReferenceSessionDialect,
    parse_media_line,
    render_media,
)
from roundup_editor.formats.text import (
    escape_markdown,
    escape_text,
    unescape_markdown,
    unescape_text,
    unescape_title,
)

#: A time or time range as agendas write it: ``11:00``, ``11:15 - 12:00``, ``15:10- 15:40``.
TIME = r"\d{1,2}[:.]\d{2}(?: ?[-–] ?\d{1,2}[:.]\d{2})?"

# ![alt](src "title" attr="value") - an image with optional non-standard attributes.
PHOTO = re.compile(
    r'!\[((?:\\.|[^\[\]\\])*)\]\(\s*([^\s()"]+)(?:\s+"((?:\\.|[^"\\])*)")?'
    r'((?:\s+[A-Za-z][\w-]*="[^"]*")*)\s*\)'
)

#: A media line: (thumbnail or None, kind, link URL or, for photos, their extra attributes).
Media = tuple[Thumbnail | None, str, str | None]


def parse_thumbnail_line(line: str) -> Media | None:
    """Read a media line: a photo (maybe with attributes), a linked thumbnail or a text link."""
    photo = PHOTO.fullmatch(line)
    if photo:
        title = photo.group(3)
        thumbnail = Thumbnail(
            file=photo.group(2),
            title=None if title is None else unescape_title(title),
            kind="photo",
            alt=unescape_text(photo.group(1)),
        )
        return thumbnail, "photo", photo.group(4) or None
    return parse_media_line(line)


_BOLD_LINE = re.compile(rf"^\*\*({TIME})( [-–] )(.+)\*\*$")
_PLAIN_LINE = re.compile(rf"^({TIME})( [-–] )(.+)$")
_BOLD_PARAGRAPH = re.compile(r"^\*\*.*\*\*\s*$")
_TIME_START = re.compile(rf"^(?:\*\*)?{TIME} [-–] ")


# --- the agenda speaker grammar (shared with agenda_grid and agenda_html) -------------------

_PARTICLES = frozenset(
    ("de", "la", "le", "van", "von", "der", "den", "da", "di", "du", "del", "dos", "das", "ter")
)
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_ROLE_SUFFIX = re.compile(r"^(.*) \(([^()]+)\)$")
_TRAILING_LINK = re.compile(LINK.pattern + r"$")


_GRAMMAR_TOKEN = re.compile(
    r"(?<![^ ])&amp;(?![^ ])|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"
    r"|[,;](?![^ ])|(?<![^ ])(?:at|and)(?![^ ])|[()]"
)
_GRAMMAR_ESCAPES = {
    "&amp;": "&#38;",
    ",": "&#44;",
    ";": "&#59;",
    "at": "a&#116;",
    "and": "&#97;nd",
    "(": "&#40;",
    ")": "&#41;",
}


def escape_grammar(escaped: str) -> str:
    """Write the grammar's separators in already escaped text as entities.

    ``,`` ``;`` ``at`` ``and`` ``&`` (as words) and brackets would split names, roles and
    organisations; entities already in ``escaped`` are left alone.
    """
    return _GRAMMAR_TOKEN.sub(
        lambda match: _GRAMMAR_ESCAPES.get(match.group(0), match.group(0)), escaped
    )


def name_like(text: str) -> bool:
    """Tell whether plain ``text`` looks like a person's name (2-5 capitalised words)."""
    words = text.split(" ")
    if not 2 <= len(words) <= 5:
        return False
    for index, word in enumerate(words):
        if word in _PARTICLES and 0 < index < len(words) - 1:
            continue
        if not _NAME_WORD.match(word) or not word[0].isupper():
            return False
    return True


class SpeakerSyntax:
    """How an agenda format writes speaker names, links and joiners (this class: Markdown)."""

    joiners: tuple[str, ...] = (" & ", " and ")

    def split(self, text: str, separator: str) -> list[tuple[int, int]]:
        """Split ``text`` on ``separator`` outside links."""
        return split_top_level(text, separator)

    def link(self, part: str) -> tuple[str, str] | None:
        """Return (text, url) when ``part`` is exactly one link."""
        match = LINK.fullmatch(part)
        return None if match is None else (self.decode(match.group(1)), match.group(2))

    def trailing_link(self, part: str) -> tuple[str, str, str] | None:
        """Return (prefix, text, url) when ``part`` ends with a link after some text."""
        match = _TRAILING_LINK.search(part)
        if match is None or match.start() == 0:
            return None
        return part[: match.start()], self.decode(match.group(1)), match.group(2)

    def has_link(self, part: str) -> bool:
        """Tell whether ``part`` holds a link."""
        return "](" in part

    def decode(self, source: str) -> str:
        """Return the text that ``source`` shows."""
        return unescape_text(source)

    def escape(self, text: str) -> str:
        """Write ``text`` so this grammar reads it back as one name, role or organisation."""
        return escape_grammar(escape_text(text))

    def write_link(self, text: str, url: str | None) -> str:
        """Write a name or organisation, linked when it has a URL."""
        return f"[{self.escape(text)}]({url})" if url else self.escape(text)


MARKDOWN = SpeakerSyntax()


def _name_spans(part: str, syntax: SpeakerSyntax) -> list[tuple[int, int]]:
    """Return the spans of the names in ``part``, split at the joiners."""
    spans = [(0, len(part))]
    for joiner in syntax.joiners:
        spans = [
            (first + start, first + end)
            for first, last in spans
            for start, end in syntax.split(part[first:last], joiner)
        ]
    return spans


def _name_list_like(part: str, syntax: SpeakerSyntax) -> bool:
    return all(
        name_like(syntax.decode(part[start:end])) for start, end in _name_spans(part, syntax)
    )


#: A span of source text (start, end) relative to the speaker segment.
Span = tuple[int, int]


def _read_org(
    part: str, syntax: SpeakerSyntax
) -> tuple[str | None, str | None, str | None, Span]:
    """Read the last part of a speaker group: (org, org URL, role written with it, org span)."""
    linked = syntax.link(part)
    if linked is not None:
        return linked[0], linked[1], None, (0, len(part))
    trailing = syntax.trailing_link(part)
    if trailing is not None:
        prefix, text, url = trailing
        span = (len(prefix), len(part))
        if prefix.endswith(" at "):
            return text, url, syntax.decode(prefix[:-4]), span
        if text.startswith("at "):
            return text[3:], url, syntax.decode(prefix.rstrip(" ")), span
        return text, url, syntax.decode(prefix.rstrip(" ")), span
    at = syntax.split(part, " at ")
    if len(at) > 1:
        role = syntax.decode(part[: at[-2][1]])
        return syntax.decode(part[at[-1][0] :]), None, role, (at[-1][0], len(part))
    return syntax.decode(part), None, None, (0, len(part))


@dataclass
class ReadSpeakers:
    """Speakers read from a segment, with where each name and organisation was written."""

    speakers: list[Speaker]
    names: list[Span]
    orgs: list[Span | None]


def _read_group(
    group: str, offset: int, syntax: SpeakerSyntax, plain_names: bool, out: ReadSpeakers
) -> bool:
    """Read ``names[, more names][, role...][, org]`` into ``out``; False when it does not fit."""
    spans = syntax.split(group, ", ")
    parts = [group[start:end] for start, end in spans]
    if not all(part.strip() for part in parts):
        return False
    names = [(spans[0][0] + a, spans[0][0] + b) for a, b in _name_spans(parts[0], syntax)]
    linked = syntax.link(group[names[0][0] : names[0][1]]) is not None
    count = 1
    while count < len(parts) - 1:
        base = spans[count][0]
        pieces = [(base + a, base + b) for a, b in _name_spans(parts[count], syntax)]
        more_links = linked and all(syntax.link(group[a:b]) for a, b in pieces)
        more_plain = not linked and plain_names and _name_list_like(parts[count], syntax)
        if not (more_links or more_plain):
            break
        names.extend(pieces)
        count += 1
    rest = parts[count:]
    org = org_url = None
    org_span: Span | None = None
    roles = [syntax.decode(part) for part in rest[:-1]]
    if rest:
        org, org_url, extra, (first, last) = _read_org(rest[-1], syntax)
        org_span = (offset + spans[-1][0] + first, offset + spans[-1][0] + last)
        if extra:
            roles.append(extra)
    role = ", ".join(roles) or None
    for name_start, name_end in names:
        name_source = group[name_start:name_end]
        if not name_source.strip():
            return False
        own_role = role
        suffix = _ROLE_SUFFIX.match(name_source)
        if suffix and org is None and role is None and syntax.link(name_source) is None:
            name_source, own_role = suffix.group(1), syntax.decode(suffix.group(2))
            name_end = name_start + len(name_source)
        linked_name = syntax.link(name_source)
        if linked_name is None:
            if syntax.has_link(name_source):
                return False
            name, url = syntax.decode(name_source), None
        else:
            name, url = linked_name
        out.speakers.append(Speaker(name, url, org, org_url, own_role))
        out.names.append((offset + name_start, offset + name_end))
        out.orgs.append(org_span)
    return True


def read_speakers(
    text: str, syntax: SpeakerSyntax = MARKDOWN, plain_names: bool = True
) -> ReadSpeakers | None:
    """Read a whole speaker segment (groups joined with ``; ``), keeping the source spans."""
    out = ReadSpeakers([], [], [])
    for start, end in syntax.split(text, "; "):
        if not _read_group(text[start:end], start, syntax, plain_names, out):
            return None
    return out if out.speakers else None


def parse_speakers(
    text: str, syntax: SpeakerSyntax = MARKDOWN, plain_names: bool = True
) -> list[Speaker] | None:
    """Read a whole speaker segment: groups joined with ``; ``."""
    read = read_speakers(text, syntax, plain_names)
    return None if read is None else read.speakers


def edit_speakers(
    source: str,
    spans: dict[str, Any],
    before: list[dict[str, Any]],
    speakers: list[Speaker],
    syntax: SpeakerSyntax,
) -> str | None:
    """Rewrite only the names and organisations that changed in a speaker segment's source.

    ``spans`` holds the ``names`` and ``orgs`` spans read with the segment, ``before`` the
    speakers as read. Returns None when the edit is more than that (a speaker added or removed,
    a role changed, an organisation shared by several speakers changed for only some of them).
    """
    names, orgs = spans.get("names"), spans.get("orgs")
    if names is None or orgs is None or not len(names) == len(before) == len(speakers):
        return None
    edits: dict[Span, str] = {}
    for speaker, old, name_span, org_span in zip(speakers, before, names, orgs, strict=True):
        if speaker.role != old["role"]:
            return None
        if (speaker.name, speaker.url) != (old["name"], old["url"]):
            edits[(name_span[0], name_span[1])] = syntax.write_link(speaker.name, speaker.url)
        if (speaker.org, speaker.org_url) != (old["org"], old["org_url"]):
            if org_span is None or speaker.org is None:
                return None
            text = syntax.write_link(speaker.org, speaker.org_url)
            if edits.setdefault((org_span[0], org_span[1]), text) != text:
                return None
    for speaker, old, org_span in zip(speakers, before, orgs, strict=True):
        unchanged = (speaker.org, speaker.org_url) == (old["org"], old["org_url"])
        if org_span is not None and unchanged and (org_span[0], org_span[1]) in edits:
            return None  # a shared organisation changed for only some of its speakers
    out = source
    for (start, end), text in sorted(edits.items(), reverse=True):
        out = out[:start] + text + out[end:]
    return out


def render_speakers(speakers: list[Speaker], syntax: SpeakerSyntax = MARKDOWN) -> str:
    """Write speakers: ``A & B, Role at Org; C`` (groups share org, URL and role)."""
    groups: list[list[Speaker]] = []
    for speaker in speakers:
        last = groups[-1][-1] if groups else None
        if last is not None and (last.org, last.org_url, last.role) == (
            speaker.org,
            speaker.org_url,
            speaker.role,
        ) and (speaker.org is not None or speaker.role is None):
            groups[-1].append(speaker)
        else:
            groups.append([speaker])
    out = []
    for group in groups:
        first = group[0]
        names = syntax.joiners[0].join(
            syntax.write_link(speaker.name, speaker.url) for speaker in group
        )
        if first.org is not None:
            role = f"{syntax.escape(first.role)} at " if first.role else ""
            out.append(f"{names}, {role}{syntax.write_link(first.org, first.org_url)}")
        elif first.role:
            out.append(f"{names} ({syntax.escape(first.role)})")
        else:
            out.append(names)
    return "; ".join(out)


def split_title(text: str) -> tuple[str, ReadSpeakers, int, int] | None:
    """Split ``Title, speakers`` (Markdown) at the speaker list.

    Returns (title, speakers read, end of the title source, start of the speaker source). The
    list starts at the first part holding a link (plain names just before a trailing linked
    organisation belong to it), else at the first part that looks like a list of names.
    """
    spans = split_top_level(text, ", ")
    if len(spans) < 2:
        return None
    parts = [text[start:end] for start, end in spans]
    first: int | None = None
    for index in range(1, len(parts)):
        if MARKDOWN.has_link(parts[index]):
            first = index
            if index == len(parts) - 1:
                while first > 1 and _name_list_like(parts[first - 1], MARKDOWN):
                    first -= 1
            break
    else:
        for index in range(1, len(parts)):
            if _name_list_like(parts[index], MARKDOWN):
                first = index
                break
    if first is None:
        return None
    title_end, speakers_start = spans[first - 1][1], spans[first][0]
    speakers = read_speakers(text[speakers_start:])
    title = unescape_text(text[:title_end])
    if speakers is None or not title.strip():
        return None
    return title, speakers, title_end, speakers_start


def render_heading(title: str, speakers: list[Speaker]) -> str:
    """Write ``Title, speakers`` in Markdown so :func:`split_title` reads it back."""
    return f"{MARKDOWN.escape(title)}, {render_speakers(speakers)}"


# --- abstracts and checked renders ----------------------------------------------------------

_OWN_ENTITY = re.compile(r"&#(42|4[89]|5[0-7]);")


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

    syntax: ClassVar[SpeakerSyntax] = MARKDOWN

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
        builder.slot(
            "title", rest_start, rest_start + title_end, self.slot_value(session, "title")
        )
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

    def _body(
        self, source: Lines, start: int
    ) -> tuple[int, tuple[int, int] | None, list[Media]]:
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
