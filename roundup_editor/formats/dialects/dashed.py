"""Session dialect F: a ``#####`` heading with `` - `` separators and roles (csiug25, cseug25).

```
##### Title - [Speaker](profile), Role at [Org](site)

Abstract paragraphs (Markdown).

[![](Speaker.png "Title - slides")](https://www.slideshare.net/slideshow/slug/123)
```

The title/speaker separator is `` - ``, `` – `` or `` -  ``; titles contain those too, so the
split is the last separator before the first link (or the last one when nothing is linked). The
speaker part is a list of entries joined by `` & ``; an entry is ``Name``, ``Name, Org``,
``Name, Role at Org``, ``Name - Role`` or ``Name - Role at Org`` (each name or organisation linked
or plain), or ``Name (Role)``. A stray `` # (url)`` after a linked organisation is kept verbatim
but is not a field. The broken thumbnail ``[![] "Title - slides"](file.png https://…)`` counts as a
thumbnail and is written back untouched until the media are edited.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, ClassVar

from roundup_editor.core.layout import Layout, LayoutBuilder
from roundup_editor.core.post import Session, Speaker, Thumbnail, ThumbnailKind
from roundup_editor.formats.dialects.base import Dialect, Lines, Match
from roundup_editor.formats.dialects.inline import LINK, split_top_level
from roundup_editor.formats.dialects.reference import (
    ReferenceSessionDialect,
    is_video_url,
    parse_media_line,
    render_media,
)
from roundup_editor.formats.dialects.speakers import escape_name
from roundup_editor.formats.patterns import lazy_pattern
from roundup_editor.formats.text import (
    escape_markdown,
    escape_text,
    unescape_markdown,
    unescape_text,
    unescape_title,
)

HEADING = lazy_pattern(r"^(#{4,6}) (\S.*?)$")
#: The title/speaker separators: `` - ``, `` – `` and `` -  ``.
SEPARATOR = lazy_pattern(r" [-–] {1,2}(?=\S)")
#: Junk after a linked organisation, e.g. `` # (https://linbit.com)``.
JUNK = lazy_pattern(r" +# \(\S*\)$")
#: The broken thumbnail: ``[![] "title"](file.png https://slides)``.
BROKEN_THUMBNAIL = lazy_pattern(r'\[!\[((?:\\.|[^\[\]\\])*)\] "([^"]*)"\]\(([^()\s]+) ([^()\s]+)\)')
_ROLE_SUFFIX = lazy_pattern(r"^(.*) \(([^()]+)\)$")
_DASH = lazy_pattern(r"(?:(?<=\s)|^)[-–]|[-–](?=\s|$)")

MediaItem = tuple[Thumbnail | None, str, str]


def escape_part(text: str) -> str:
    """Escape a name, role or organisation so no F separator or joiner can split it."""
    out = escape_name(text).replace(")", "&#41;")
    out = _DASH.sub(lambda match: f"&#{ord(match.group(0))};", out)
    if out.endswith(","):
        out = out[:-1] + "&#44;"
    if out.endswith(" at"):
        out = out[:-1] + "&#116;"
    if out.startswith("at "):
        out = "a&#116;" + out[2:]
    return out


def escape_dashed_title(text: str) -> str:
    """Escape a title; a trailing `` -`` is written as an entity so the separator stays last."""
    out = escape_text(text)
    if re.search(r" [-–]$", out):
        out = out[:-1] + f"&#{ord(out[-1])};"
    return out


def first_link(text: str) -> int:
    """Return the index of the first top-level ``[text](url)`` in ``text``, or ``len(text)``."""
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[" and LINK.match(text, index):
            return index
        index += 1
    return len(text)


def _link_or_plain(text: str) -> tuple[str, str | None] | None:
    """Read ``[text](url)`` or plain text; None for empty text or a stray link piece."""
    if not text or text != text.strip():
        return None
    link = LINK.fullmatch(text)
    if link:
        return unescape_text(link.group(1)), link.group(2)
    if "](" in text:
        return None
    return unescape_text(text), None


def _first_joiner(entry: str) -> tuple[int, str] | None:
    """Return the position and text of the first top-level `` , `` or `` - `` in ``entry``."""
    best: tuple[int, str] | None = None
    for joiner in (", ", " - "):
        parts = split_top_level(entry, joiner)
        if len(parts) > 1 and (best is None or parts[0][1] < best[0]):
            best = (parts[0][1], joiner)
    return best


def parse_entry(entry: str) -> tuple[Speaker, str] | None:
    """Read one speaker entry; return the speaker and the joiner used after the name."""
    found = _first_joiner(entry)
    if found is None:
        suffix = None if LINK.fullmatch(entry) else _ROLE_SUFFIX.match(entry)
        if suffix is None:
            whole = _link_or_plain(entry)
            return None if whole is None else (Speaker(whole[0], whole[1]), "")
        name = _link_or_plain(suffix.group(1))
        role = _link_or_plain(suffix.group(2))
        if name is None or role is None or role[1] is not None:
            return None
        return Speaker(name[0], name[1], role=role[0]), " ("
    position, joiner = found
    name = _link_or_plain(entry[:position])
    rest = entry[position + len(joiner) :]
    if name is None or not rest:
        return None
    at = split_top_level(rest, " at ")
    role_text: str | None
    org_text: str | None
    if len(at) > 1:
        role_text, org_text = rest[: at[-2][1]], rest[at[-1][0] :]
    elif joiner == ", ":
        role_text, org_text = None, rest
    else:
        role_text, org_text = rest, None
    speaker = Speaker(name[0], name[1])
    if role_text is not None:
        role = _link_or_plain(role_text)
        if role is None or role[1] is not None:
            return None
        speaker.role = role[0]
    if org_text is not None:
        org = _link_or_plain(org_text)
        if org is None:
            return None
        speaker.org, speaker.org_url = org
    return speaker, joiner


def parse_dashed_speakers(text: str) -> tuple[list[Speaker], list[str]] | None:
    """Read the speaker part; return the speakers and each entry's joiner, or None."""
    speakers: list[Speaker] = []
    joiners: list[str] = []
    for start, end in split_top_level(text, " & "):
        parsed = parse_entry(text[start:end])
        if parsed is None:
            return None
        speakers.append(parsed[0])
        joiners.append(parsed[1])
    return speakers, joiners


def _name(text: str, url: str | None) -> str:
    return f"[{escape_text(text)}]({url})" if url else escape_part(text)


def render_dashed_speakers(
    speakers: list[Speaker], dash: bool = False, joiners: list[str] | None = None
) -> str:
    """Write speakers as F entries joined by `` & ``.

    ``joiners`` (the source's, one per entry, kept in the layout) are reused where they still
    fit the speaker's fields; otherwise ``dash`` prefers ``Name - Role at Org`` to
    ``Name, Role at Org``. The caller checks that the text reads back.
    """
    linked_first = bool(speakers) and speakers[0].url is not None
    if joiners is None or len(joiners) != len(speakers):
        joiners = [""] * len(speakers)
    entries = []
    for speaker, joiner in zip(speakers, joiners, strict=True):
        name = _name(speaker.name, speaker.url)
        role = escape_part(speaker.role) if speaker.role is not None else None
        if speaker.org is not None:
            org = _name(speaker.org, speaker.org_url)
            if joiner not in (", ", " - ") or (joiner == " - " and role is None):
                joiner = " - " if dash and role is not None else ", "
            if joiner == " - " and not linked_first:
                joiner = ", "
            entries.append(f"{name}{joiner}{role + ' at ' if role is not None else ''}{org}")
        elif role is not None:
            entries.append(f"{name} - {role}" if linked_first else f"{name} ({role})")
        else:
            entries.append(name)
    return " & ".join(entries)


def parse_media(line: str) -> MediaItem | None:
    """Read a media line: a reference media line or the broken thumbnail form."""
    parsed = parse_media_line(line)
    if parsed is not None:
        return parsed
    broken = BROKEN_THUMBNAIL.fullmatch(line)
    if broken is None:
        return None
    url = broken.group(4)
    kind: ThumbnailKind = "video" if is_video_url(url) else "slides"
    thumbnail = Thumbnail(
        file=broken.group(3),
        title=unescape_title(broken.group(2)),
        kind=kind,
        alt=unescape_text(broken.group(1)),
    )
    return thumbnail, kind, url


def apply_media(session: Session, media: list[MediaItem]) -> None:
    """Set a session's thumbnails and first slides/video URLs from its media lines."""
    session.thumbnails = [item[0] for item in media if item[0] is not None]
    for _thumbnail, kind, url in media:
        if kind == "slides" and session.slides_url is None:
            session.slides_url = url
        elif kind == "video" and session.video_url is None:
            session.video_url = url


def line_offsets(source: Lines, start: int, end: int) -> list[int]:
    """Character offset of each line start within ``source.text(start, end)``, plus the end."""
    offsets = [0]
    for index in range(start, end):
        offsets.append(offsets[-1] + len(source[index]) + 1)
    return offsets


class VerifiedSessionDialect(Dialect):
    """A session dialect whose edited renders are read back; what it cannot show goes reference.

    An unedited block is written through its layout. Once a slot is written afresh (or the block
    has no layout), the text is read back with :meth:`match`; when that does not give the same
    session (a field this dialect cannot show), the session is written in the reference dialect.
    """

    def render(self, block: Any) -> str:
        """Render through the layout, checking any fresh text by reading it back."""
        layout = block.layout
        if layout is not None and self._layout_still_fits(block, layout):
            unchanged = all(
                self.slot_value(block, slot.name) == slot.snapshot for slot in layout.slots
            )
            text: str = layout.render(
                lambda slot: self.slot_value(block, slot),
                lambda slot: self.render_slot(block, slot, layout),
            )
            if unchanged or self._reads_back(text, block):
                return text
        text = str(self.render_fresh(block))
        if self._reads_back(text, block):
            return text
        return str(ReferenceSessionDialect().render_fresh(dataclasses.replace(block, layout=None)))

    def _reads_back(self, text: str, block: Any) -> bool:
        lines = Lines(text.split("\n"))
        try:
            match = self.match(lines, 0)
        except (ValueError, IndexError, KeyError):
            return False
        return match is not None and match.end == len(lines) and match.block == block


class DashedSessionDialect(VerifiedSessionDialect):
    """Sessions as ``##### Title - Speaker, Role at Org``, an abstract and slide thumbnails."""

    name = "dashed"
    block_type = Session
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "title": ("title",),
        "speakers": ("speakers",),
        "abstract": ("abstract",),
        "media": ("thumbnails", "slides_url", "video_url"),
    }

    def match(self, source: Lines, start: int) -> Match | None:
        """Match a dashed heading with a speaker list, then abstract paragraphs and media."""
        heading = HEADING.match(source[start])
        if heading is None:
            return None
        text = heading.group(2)
        head_end = first_link(text)
        separators = [found for found in SEPARATOR.finditer(text) if found.end() <= head_end]
        if not separators:
            return None
        separator = separators[-1]
        title_raw = text[: separator.start()]
        speakers_raw = text[separator.end() :]
        junk = JUNK.search(speakers_raw)
        if junk and speakers_raw[: junk.start()].endswith(")"):
            speakers_raw = speakers_raw[: junk.start()]
        parsed = parse_dashed_speakers(speakers_raw)
        if not title_raw.strip() or parsed is None or not parsed[0]:
            return None
        speakers, joiners = parsed
        end, abstract_range, media = self._body(source, start + 1)
        if end is None:
            end = start + 1
        session = Session(title=unescape_text(title_raw), speakers=speakers, dialect=self.name)
        apply_media(session, media)
        full = source.text(start, end)
        builder = LayoutBuilder(full)
        offset = len(heading.group(1)) + 1
        builder.slot("title", offset, offset + len(title_raw), self.slot_value(session, "title"))
        speakers_at = offset + separator.end()
        builder.slot(
            "speakers",
            speakers_at,
            speakers_at + len(speakers_raw),
            self.slot_value(session, "speakers"),
        )
        offsets = line_offsets(source, start, end)
        heading_end = len(source[start])
        media_from = heading_end
        if abstract_range is not None:
            first, last = abstract_range
            session.abstract = unescape_markdown(source.text(first, last))
            media_from = offsets[last - start] - 1
        builder.slot("abstract", heading_end, media_from, self.slot_value(session, "abstract"))
        builder.slot("media", media_from, len(full), self.slot_value(session, "media"))
        session.layout = self.finish_layout(
            session,
            builder,
            level=len(heading.group(1)),
            separator=separator.group(0),
            dash=" - " in joiners,
            joiners=joiners,
        )
        return Match(session, end)

    def _body(
        self, source: Lines, start: int
    ) -> tuple[int | None, tuple[int, int] | None, list[MediaItem]]:
        """Find the abstract and the media lines after a heading."""
        index = start
        abstract_first: int | None = None
        abstract_last: int | None = None
        media: list[MediaItem] = []
        media_last: int | None = None
        while index < len(source):
            line = source[index]
            if not line.strip():
                index += 1
                continue
            if line.startswith("#") or line.lstrip().startswith(("<div", "<!--")):
                break
            parsed = parse_media(line)
            if parsed is not None:
                media.append(parsed)
                media_last = index + 1
                index += 1
                continue
            if media_last is not None:
                break
            if abstract_first is None:
                abstract_first = index
            abstract_last = index + 1
            index += 1
        end = media_last if media_last is not None else abstract_last
        if end is None:
            return None, None, []
        abstract = None
        if abstract_first is not None and abstract_last is not None:
            abstract = (abstract_first, abstract_last)
        return end, abstract, media

    def _style(self, block: Any) -> dict[str, Any]:
        return dict(block.layout.style) if block.layout is not None else {}

    def render_fresh(self, block: Any) -> str:
        """Write the session as a dashed heading, its abstract and its media lines."""
        style = self._style(block)
        level = style.get("level", 5)
        separator = style.get("separator", " - ")
        heading = (
            f"{'#' * level} {escape_dashed_title(block.title)}{separator}"
            f"{render_dashed_speakers(block.speakers, style.get('dash', False))}"
        )
        parts = [heading]
        if block.abstract:
            parts.append(escape_markdown(block.abstract))
        parts.extend(render_media(block))
        return "\n\n".join(parts)

    def render_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Write one changed part of the session."""
        if slot == "title":
            return escape_dashed_title(block.title)
        if slot == "speakers":
            style = layout.style
            return render_dashed_speakers(
                block.speakers, style.get("dash", False), style.get("joiners")
            )
        if slot == "abstract":
            return "\n\n" + escape_markdown(block.abstract) if block.abstract else ""
        media = render_media(block)
        return "\n\n" + "\n\n".join(media) if media else ""


#: The recognisers this module contributes, tried in this order (see dialects/__init__.py).
DIALECTS: list[Dialect] = [DashedSessionDialect()]
