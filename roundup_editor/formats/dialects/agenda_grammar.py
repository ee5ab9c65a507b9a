"""The agenda speaker grammar shared by the agenda dialects (G, H, I, J).

Agenda posts write ``Title, Speaker, Org`` with commas inside titles, plain or linked names, a
shared trailing organisation and roles in several forms::

    Title, [Speaker](url), [Org](url)                 Title, Speaker, Org
    Title, [Speaker](url), Role, [Org](url)           Title, A, B and C, Org
    Title, [Speaker](url), Role, Role [at Org](url)   Title, Speaker, Role at Org

Reading keeps where every name and organisation was written (``ReadSpeakers``), so an edit can
rewrite just that span (``edit_speakers``). Fresh text (``render_speakers``) is ``A & B, Role at
Org; C``, with every separator inside a value written as an entity (``escape_grammar``).
Unlinked names are told from titles and roles by :func:`name_like`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from roundup_editor.core.post import Speaker, Thumbnail
from roundup_editor.formats.dialects.inline import LINK, split_top_level
from roundup_editor.formats.dialects.reference import parse_media_line
from roundup_editor.formats.patterns import lazy_pattern
from roundup_editor.formats.text import escape_text, unescape_text, unescape_title

#: A time or time range as agendas write it: ``11:00``, ``11:15 - 12:00``, ``15:10- 15:40``.
TIME = r"\d{1,2}[:.]\d{2}(?: ?[-–] ?\d{1,2}[:.]\d{2})?"

# ![alt](src "title" attr="value") - an image with optional non-standard attributes.
PHOTO = lazy_pattern(
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


_PARTICLES = frozenset(
    ("de", "la", "le", "van", "von", "der", "den", "da", "di", "du", "del", "dos", "das", "ter")
)
_NAME_WORD = lazy_pattern(r"^[^\W\d_][\w'’.\-]*$")
_ROLE_SUFFIX = lazy_pattern(r"^(.*) \(([^()]+)\)$")
_TRAILING_LINK = lazy_pattern(LINK.pattern + r"$")


_GRAMMAR_TOKEN = lazy_pattern(
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


def _read_org(part: str, syntax: SpeakerSyntax) -> tuple[str | None, str | None, str | None, Span]:
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
        if (
            last is not None
            and (last.org, last.org_url, last.role)
            == (
                speaker.org,
                speaker.org_url,
                speaker.role,
            )
            and (speaker.org is not None or speaker.role is None)
        ):
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
