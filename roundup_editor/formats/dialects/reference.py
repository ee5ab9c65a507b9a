"""The reference dialect (corpus post ``2024-10-01-cseug-roundup``), used for every new session.

```
## Title, [Speaker](profile), [Org](site)

Abstract paragraphs (Markdown).

[![](thumbnail.png "Title - slides")](https://slides.example/deck)
```

Media lines are linked thumbnails (slides or video, told apart by the link's host), or a plain
``[Slides](url)`` / ``[Video](url)`` link when there is no thumbnail.
"""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urlsplit

from roundup_editor.core.layout import Layout, LayoutBuilder
from roundup_editor.core.post import Session, Thumbnail, ThumbnailKind
from roundup_editor.formats.dialects.base import Dialect, Lines, Match
from roundup_editor.formats.dialects.inline import (
    LINK,
    LINKED_IMAGE,
    render_image,
    split_top_level,
)
from roundup_editor.formats.dialects.speakers import (
    escape_name,
    parse_speaker_list,
    render_speaker_list,
)
from roundup_editor.formats.patterns import lazy_pattern
from roundup_editor.formats.text import (
    escape_markdown,
    normalize_url,
    unescape_markdown,
    unescape_text,
    unescape_title,
)

DATE_LIKE = lazy_pattern(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d"
)
HEADING = lazy_pattern(r"^(#{2,6}) (\S.*?)$")
_VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "peertube", "dailymotion.com")
_TEXT_LINK_LABELS = {"Slides": "slides", "Video": "video"}


def is_video_url(url: str) -> bool:
    """Tell whether ``url`` points at a video host."""
    host = urlsplit(url).netloc.lower()
    return any(video in host for video in _VIDEO_HOSTS)


def parse_media_line(line: str) -> tuple[Thumbnail | None, str, str] | None:
    """Read one media line: a linked thumbnail or a labelled text link.

    Returns (thumbnail or None, kind, url), or None when the line is not a media line.
    """
    image = LINKED_IMAGE.fullmatch(line)
    if image:
        url = image.group(5)
        kind: ThumbnailKind = "video" if is_video_url(url) else "slides"
        title = image.group(4)
        thumbnail = Thumbnail(
            file=image.group(3),
            title=None if title is None else unescape_title(title),
            kind=kind,
            alt=unescape_text(image.group(2)),
        )
        return thumbnail, kind, url
    link = LINK.fullmatch(line)
    if link and link.group(1) in _TEXT_LINK_LABELS:
        return None, _TEXT_LINK_LABELS[link.group(1)], link.group(2)
    return None


def render_media(session: Session) -> list[str]:
    """Return the media lines of a session in the reference form."""
    lines = []
    linked = {"slides": False, "video": False}
    for thumbnail in session.thumbnails:
        link = {"slides": session.slides_url, "video": session.video_url}.get(thumbnail.kind)
        if link:
            linked[thumbnail.kind] = True
        lines.append(render_image(thumbnail.file, thumbnail.title, thumbnail.alt, link))
    for kind, url in (("video", session.video_url), ("slides", session.slides_url)):
        if url and not linked[kind]:
            lines.append(f"[{kind.capitalize()}]({normalize_url(url)})")
    return lines


def title_boundary(text: str) -> int | None:
    """Return where the title ends in ``Title, Speakers``: the offset of the separating ``, ``.

    Titles may contain ``, `` themselves, so the speakers start at the first part that is a link
    (``[Name](url)``), unless that link is the last part and follows a plain name: then it is the
    organisation of a plain-named speaker (``Title, Rene Peinthor, [LINBIT](url)``). Without links
    the first ``, `` ends the title (fresh titles escape theirs).
    """
    first_group = text[: split_top_level(text, "; ")[0][1]]
    parts = split_top_level(first_group, ", ")
    if len(parts) < 2:
        return None
    linked = [index for index, (start, _end) in enumerate(parts) if index and text[start] == "["]
    boundary = 1
    if linked:
        boundary = linked[0]
        if boundary == len(parts) - 1 and boundary >= 2:
            boundary -= 1
    offset = parts[boundary - 1][1]
    if "](" in text[:offset]:
        return None
    return offset


class ReferenceSessionDialect(Dialect):
    """Sessions as a ``##`` heading, an abstract and linked thumbnails."""

    name = "reference"
    block_type = Session
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "title": ("title",),
        "speakers": ("speakers",),
        "abstract": ("abstract",),
        "media": ("thumbnails", "slides_url", "video_url"),
    }

    def match(self, source: Lines, start: int) -> Match | None:
        """Match a heading with a speaker list, then abstract paragraphs and media lines."""
        heading = HEADING.match(source[start])
        if heading is None:
            return None
        text = heading.group(2)
        comma = title_boundary(text)
        if comma is None:
            return None
        if DATE_LIKE.match(text[comma + 2 :]):
            return None  # "Next Stop: London, September 18th" is a heading, not a talk
        speakers = parse_speaker_list(text[comma + 2 :])
        if not speakers:
            return None
        end, abstract_range, media_range, media = self._body(source, start + 1)
        if end is None:
            return None
        session = Session(
            title=unescape_text(text[:comma]),
            speakers=speakers,
            dialect=self.name,
        )
        thumbnails = [item[0] for item in media if item[0] is not None]
        session.thumbnails = thumbnails
        for _thumb, kind, url in media:
            if kind == "slides" and session.slides_url is None:
                session.slides_url = url
            elif kind == "video" and session.video_url is None:
                session.video_url = url
        full = source.text(start, end)
        builder = LayoutBuilder(full)
        offset = len(heading.group(1)) + 1
        builder.slot("title", offset, offset + comma, self.slot_value(session, "title"))
        builder.slot(
            "speakers", offset + comma + 2, len(source[start]), self.slot_value(session, "speakers")
        )
        line_offsets = _line_offsets(source, start, end)
        heading_end = len(source[start])
        if abstract_range is not None:
            first, last = abstract_range
            abstract_source = source.text(first, last)
            session.abstract = unescape_markdown(abstract_source)
            builder.slot(
                "abstract",
                heading_end,
                line_offsets[last - start] - 1,
                self.slot_value(session, "abstract"),
            )
            media_from = line_offsets[last - start] - 1
        else:
            builder.slot("abstract", heading_end, heading_end, self.slot_value(session, "abstract"))
            media_from = heading_end
        if media_range is not None:
            builder.slot("media", media_from, len(full), self.slot_value(session, "media"))
        else:
            builder.slot("media", len(full), len(full), self.slot_value(session, "media"))
        session.layout = self.finish_layout(session, builder, level=len(heading.group(1)))
        return Match(session, end)

    def _body(
        self, source: Lines, start: int
    ) -> tuple[
        int | None,
        tuple[int, int] | None,
        tuple[int, int] | None,
        list[tuple[Thumbnail | None, str, str]],
    ]:
        """Find the abstract and media lines after a heading; return their line ranges."""
        index = start
        abstract_first = abstract_last = None
        media: list[tuple[Thumbnail | None, str, str]] = []
        media_first = media_last = None
        while index < len(source):
            line = source[index]
            if not line.strip():
                index += 1
                continue
            fence_end = _fence_end(source, index)
            if fence_end is not None:  # fenced code in the abstract: "# comments" stay inside
                if media_first is not None:
                    break
                if abstract_first is None:
                    abstract_first = index
                abstract_last = index = fence_end
                continue
            if line.startswith("#") or line.lstrip().startswith(("<div", "<!--")):
                break
            parsed = parse_media_line(line)
            if parsed is not None:
                if media_first is None:
                    media_first = index
                media.append(parsed)
                media_last = index + 1
                index += 1
                continue
            if media_first is not None:
                break
            if abstract_first is None:
                abstract_first = index
            abstract_last = index + 1
            index += 1
        if abstract_first is None and media_first is None:
            return start, None, None, []  # a heading alone: a session with no abstract yet
        end = media_last if media_last is not None else abstract_last
        abstract = (abstract_first, abstract_last) if abstract_first is not None else None
        media_range = (media_first, media_last) if media_first is not None else None
        assert end is not None
        return end, abstract, media_range, media  # type: ignore[return-value]

    def render_fresh(self, block: Any) -> str:
        """Write the session in the reference layout."""
        level = block.layout.style.get("level", 2) if block.layout else 2
        parts = [f"{'#' * level} {escape_name(block.title)}, {render_speaker_list(block.speakers)}"]
        if block.abstract:
            parts.append(escape_markdown(block.abstract))
        parts.extend(render_media(block))
        return "\n\n".join(parts)

    def render_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Write one changed part of the session."""
        if slot == "title":
            return escape_name(block.title)
        if slot == "speakers":
            return render_speaker_list(block.speakers)
        if slot == "abstract":
            return "\n\n" + escape_markdown(block.abstract) if block.abstract else ""
        media = render_media(block)
        return "\n\n" + "\n\n".join(media) if media else ""


_FENCE_OPEN = lazy_pattern(r"^ {0,3}(`{3,}|~{3,})")


def _fence_end(source: Lines, index: int) -> int | None:
    """When a fenced code block opens at ``index`` and closes later, return the line after it."""
    opened = _FENCE_OPEN.match(source[index])
    if opened is None:
        return None
    marker = opened.group(1)
    for line in range(index + 1, len(source)):
        closing = _FENCE_OPEN.match(source[line])
        if (
            closing
            and closing.group(1)[0] == marker[0]
            and len(closing.group(1)) >= len(marker)
            and not source[line].strip(" " + marker[0])
        ):
            return line + 1
    return None


def _line_offsets(source: Lines, start: int, end: int) -> list[int]:
    """Character offset of each line start within ``source.text(start, end)``, plus the end."""
    offsets = [0]
    for index in range(start, end):
        offsets.append(offsets[-1] + len(source[index]) + 1)
    return offsets
