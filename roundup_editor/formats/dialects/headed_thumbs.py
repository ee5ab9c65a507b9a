"""Session dialect B (corpus post csiug24): a heading, an abstract, video and slide thumbnails.

```
## Title, [Speaker](profile) & [Speaker 2](profile)

Abstract paragraphs (Markdown).

[![](youtube/Talk.png "Title - video")](https://www.youtube.com/watch?v=…)

[![](slideshare/Talk.png "Title - slides")](https://www.slideshare.net/slideshow/embed_code/key/…)
```

Unlike the reference dialect, the title may contain ``, `` (the speakers start after the last
``, `` before the first link), and speakers are joined by `` & `` or `` and `` only, never by
``, ``: that is what keeps ``Title, [Speaker](…), [Org](…)`` reference headings out of this dialect.
A title with ``, `` is accepted only when the reference dialect cannot read the heading cleanly
(``## T, Ann, [Org](…)`` is a reference heading). A video thumbnail is required. The video lines
and the slides lines are separate slots.
"""

from __future__ import annotations

from typing import Any, ClassVar

from roundup_editor.core.layout import Layout
from roundup_editor.core.post import Session, Thumbnail
from roundup_editor.formats.dialects.base import Lines, Match
from roundup_editor.formats.dialects.headed_common import (
    HeadedDialect,
    line_offsets,
    next_content,
    parse_heading,
    render_heading,
)
from roundup_editor.formats.dialects.inline import render_image
from roundup_editor.formats.dialects.reference import ReferenceSessionDialect, parse_media_line
from roundup_editor.formats.text import escape_markdown, unescape_markdown

_KINDS = ("video", "slides")


def render_kind_lines(block: Session, kind: str) -> list[str]:
    """Return the media lines of one kind: its thumbnails, or a text link when it has none."""
    url = getattr(block, f"{kind}_url")
    lines = [
        render_image(thumbnail.file, thumbnail.title, thumbnail.alt, url)
        for thumbnail in block.thumbnails
        if thumbnail.kind == kind
    ]
    if not lines and url:
        lines.append(f"[{kind.capitalize()}]({url})")
    return lines


def _reference_reads(source: Lines, start: int) -> bool:
    """Tell whether the reference dialect reads the block cleanly (no link syntax left in names).

    ``## T, Ann, [Org](url)`` (a reference heading) and ``## A, B, [Ann](url)`` (a title with a
    comma) look alike; the title keeps its comma only when the reference reading is broken.
    """
    match = ReferenceSessionDialect().match(source, start)
    if match is None or not isinstance(match.block, Session):
        return False
    return not any(
        "[" in (text or "") or "](" in (text or "")
        for speaker in match.block.speakers
        for text in (speaker.name, speaker.org, speaker.role)
    )


def kind_order(block: Session) -> list[str]:
    """Return the media kinds in the order their thumbnails come (video first by default)."""
    order: list[str] = []
    for thumbnail in block.thumbnails:
        if thumbnail.kind in _KINDS and thumbnail.kind not in order:
            order.append(thumbnail.kind)
    return order + [kind for kind in _KINDS if kind not in order]


class ThumbnailSessionDialect(HeadedDialect):
    """Sessions as a heading, an abstract and linked video and slide thumbnails."""

    name = "headed_thumbs"
    block_type = Session
    PLAIN_JOINER: ClassVar[str] = " & "
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "title": ("title",),
        "speakers": ("speakers",),
        "abstract": ("abstract",),
        "video": ("video_url", "thumbnails"),
        "slides": ("slides_url", "thumbnails"),
    }

    def slot_value(self, block: Any, slot: str) -> Any:
        """Return the slot's value; the media slots show only their own kind of thumbnails."""
        value = super().slot_value(block, slot)
        if slot in _KINDS:
            value["thumbnails"] = [item for item in value["thumbnails"] if item["kind"] == slot]
        return value

    def match(self, source: Lines, start: int) -> Match | None:
        """Match a heading, an optional abstract and media lines with a video thumbnail."""
        parts = parse_heading(source[start])
        if parts is None or any(joiner not in (" & ", " and ") for joiner in parts.joiners):
            return None
        if ", " in source[start][slice(*parts.title_span)] and _reference_reads(source, start):
            return None
        index = next_content(source, start + 1)
        abstract_first = index
        abstract_last: int | None = None
        while index < len(source) and parse_media_line(source[index]) is None:
            line = source[index]
            if line.startswith(("#", "<")):
                return None
            if line.strip():
                abstract_last = index + 1
            index += 1
        media: list[tuple[int, Thumbnail | None, str, str]] = []
        while index < len(source):
            parsed = parse_media_line(source[index])
            if parsed is None:
                break
            media.append((index, *parsed))
            index = next_content(source, index + 1)
        if not any(item[1] is not None and item[2] == "video" for item in media):
            return None
        kinds = [item[2] for item in media]
        groups = [kind for position, kind in enumerate(kinds) if kinds.index(kind) == position]
        if any(kinds[position] != kinds[position - 1] for position in range(1, len(kinds))) and (
            len(groups) != 2 or kinds != sorted(kinds, key=groups.index)
        ):
            return None
        session = Session(title=parts.title, speakers=parts.speakers, dialect=self.name)
        for _line, thumbnail, kind, url in media:
            if getattr(session, f"{kind}_url") not in (None, url):
                return None
            setattr(session, f"{kind}_url", url)
            if thumbnail is not None:
                session.thumbnails.append(thumbnail)
        end = media[-1][0] + 1
        full = source.text(start, end)
        offsets = line_offsets(source, start, end)
        slots = self.heading_slots(parts)
        heading_end = len(source[start])
        abstract_end = heading_end
        if abstract_last is not None:
            session.abstract = unescape_markdown(source.text(abstract_first, abstract_last))
            abstract_end = offsets[abstract_last - start] - 1
        slots.append(("abstract", heading_end, abstract_end))
        previous_end = abstract_end
        for kind in groups:
            lines = [item[0] for item in media if item[2] == kind]
            line_end = offsets[lines[-1] - start] + len(source[lines[-1]])
            slots.append((kind, previous_end, line_end))
            previous_end = line_end
        if "slides" not in groups:
            slots.append(("slides", len(full), len(full)))
        session.layout = self.build_layout(session, full, slots, parts)
        return Match(session, end)

    def can_write(self, block: Session) -> bool:
        """Tell whether a fresh render in this dialect reads back (else the reference is used)."""
        kinds = [thumbnail.kind for thumbnail in block.thumbnails]
        contiguous = all(
            kinds[index] == kinds[index - 1] or kinds[index] not in kinds[:index]
            for index in range(1, len(kinds))
        )
        return (
            contiguous
            and bool(block.speakers)
            and block.video_url is not None
            and any(thumbnail.kind == "video" for thumbnail in block.thumbnails)
            and all(
                thumbnail.kind in _KINDS and getattr(block, f"{thumbnail.kind}_url")
                for thumbnail in block.thumbnails
            )
        )

    def render_fresh(self, block: Any) -> str:
        """Write the session in the csiug24 layout (the reference one when it cannot)."""
        if not self.can_write(block):
            return ReferenceSessionDialect().render_fresh(block)
        level = block.layout.style.get("level", 2) if block.layout else 2
        parts = [render_heading(level, block.title, block.speakers, plain=self.PLAIN_JOINER)]
        if block.abstract:
            parts.append(escape_markdown(block.abstract))
        for kind in kind_order(block):
            parts.extend(render_kind_lines(block, kind))
        return "\n\n".join(parts)

    def render_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Write one changed part of the session."""
        if slot in _KINDS:
            lines = render_kind_lines(block, slot)
            return "\n\n" + "\n\n".join(lines) if lines else ""
        if slot == "abstract":
            return "\n\n" + escape_markdown(block.abstract) if block.abstract else ""
        return self.render_heading_slot(block, slot, layout)
