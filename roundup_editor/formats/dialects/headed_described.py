"""Session dialect D (csiug23): plain heading, video, slides iframe and labelled description.

```
### Title, Speaker and Speaker 2

[![](talk.png "Title")](https://www.youtube.com/watch?v=…)

(or, instead of the thumbnail: "(The session recording is not available)")

<iframe src="https://www.slideshare.net/slideshow/embed_code/key/K" …> </iframe><br/>
<strong> <a href="https://www.slideshare.net/…" …>Open in SlideShare</a> </strong>

**Session Description:**
Description text (Markdown).
```

The block ends with the description; the ``**Speaker Bio:**`` paragraphs that follow stay prose.
Slots: the video lines, the slides iframe with its "Open in SlideShare" line (both point at the
slides, so a new slides URL rewrites both), and the description with its label.
"""

from __future__ import annotations

from typing import Any, ClassVar

from roundup_editor.core.layout import Layout
from roundup_editor.core.post import Session
from roundup_editor.formats.dialects.base import Lines, Match
from roundup_editor.formats.dialects.headed_common import (
    IFRAME,
    HeadedDialect,
    escape_src,
    line_offsets,
    next_content,
    parse_heading,
    render_heading,
    unescape_src,
)
from roundup_editor.formats.dialects.headed_thumbs import ThumbnailSessionDialect
from roundup_editor.formats.dialects.inline import render_image
from roundup_editor.formats.dialects.reference import parse_media_line
from roundup_editor.formats.patterns import lazy_pattern
from roundup_editor.formats.text import escape_markdown, unescape_markdown

NO_RECORDING = "(The session recording is not available)"
DESCRIPTION_LABEL = lazy_pattern(r"^\*\*Session [Dd]escription:\*\*$")
BIO_LABEL = lazy_pattern(r"^\*\*Speakers? Bios?:\*\*$")
OPEN_LINK = lazy_pattern(
    r'^(?P<pre><strong>\s*<a href=")(?P<src>[^"]*)'
    r'(?P<post>"[^>]*>Open in SlideShare</a>\s*</strong>)$'
)
#: Markup written for sessions that have no layout (the corpus post's).
SLIDES_IFRAME = (
    '<iframe src="',
    '" width="100%" height="400" frameborder="0" marginwidth="0" marginheight="0" '
    'scrolling="no" allowfullscreen> </iframe><br/>',
)
OPEN_IN_SLIDESHARE = ('<strong> <a href="', '" target="_blank">Open in SlideShare</a> </strong>')
LABEL = "**Session Description:**"


class DescribedSessionDialect(HeadedDialect):
    """Sessions with a video thumbnail, a SlideShare iframe and a labelled description."""

    name = "headed_described"
    block_type = Session
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "title": ("title",),
        "speakers": ("speakers",),
        "video": ("video_url", "thumbnails"),
        "slides": ("slides_url",),
        "abstract": ("abstract",),
    }

    def match(self, source: Lines, start: int) -> Match | None:
        """Match heading, video lines, slides iframe + link and the labelled description."""
        parts = parse_heading(source[start])
        if parts is None:
            return None
        session = Session(title=parts.title, speakers=parts.speakers, dialect=self.name)
        index = next_content(source, start + 1)
        video_last: int | None = None
        while index < len(source):
            line = source[index]
            parsed = None if line == NO_RECORDING else parse_media_line(line)
            if line != NO_RECORDING and (parsed is None or parsed[1] != "video"):
                break
            if parsed is not None:
                thumbnail, _kind, url = parsed
                if session.video_url not in (None, url):
                    return None
                session.video_url = url
                if thumbnail is not None:
                    session.thumbnails.append(thumbnail)
            video_last = index
            index = next_content(source, index + 1)
        style: dict[str, Any] = {}
        slides_last: int | None = None
        frame = IFRAME.match(source[index]) if index < len(source) else None
        if frame and index + 1 < len(source):
            link = OPEN_LINK.match(source[index + 1])
            if link is None:
                return None
            session.slides_url = unescape_src(frame.group("src"))
            style["slides_iframe"] = [frame.group("pre"), frame.group("post") + frame.group("tail")]
            style["open"] = [link.group("pre"), link.group("post")]
            slides_last = index + 1
            index = next_content(source, index + 2)
        description: tuple[int, int] | None = None
        label_line: int | None = None
        if index < len(source) and DESCRIPTION_LABEL.match(source[index]):
            label_line = index
            style["label"] = source[index]
            first = next_content(source, index + 1)
            last = cursor = first
            while cursor < len(source) and not (
                BIO_LABEL.match(source[cursor]) or source[cursor].startswith(("#", "<iframe"))
            ):
                if source[cursor].strip():
                    last = cursor + 1
                cursor += 1
            if last > first:
                description = (first, last)
                style["separator"] = "\n" * (first - index)
        if slides_last is None and label_line is None:
            return None
        if description is not None:
            end = description[1]
        elif label_line is not None:
            end = label_line + 1
        else:
            assert slides_last is not None
            end = slides_last + 1
        full = source.text(start, end)
        offsets = line_offsets(source, start, end)

        def line_end(line: int) -> int:
            return offsets[line - start] + len(source[line])

        slots = self.heading_slots(parts)
        position = len(source[start])
        if video_last is not None:
            slots.append(("video", position, line_end(video_last)))
            position = line_end(video_last)
        else:
            slots.append(("video", position, position))
        if slides_last is not None:
            slots.append(("slides", position, line_end(slides_last)))
            position = line_end(slides_last)
        else:
            slots.append(("slides", position, position))
        if label_line is not None:
            if description:
                session.abstract = unescape_markdown(source.text(*description))
            slots.append(("abstract", position, len(full)))
        else:
            slots.append(("abstract", len(full), len(full)))
        session.layout = self.build_layout(session, full, slots, parts, **style)
        return Match(session, end)

    def can_write(self, block: Session) -> bool:
        """Tell whether a fresh render in this dialect reads back (else dialect B is used)."""
        return bool(block.speakers) and all(
            thumbnail.kind == "video" and block.video_url for thumbnail in block.thumbnails
        )

    def render_fresh(self, block: Any) -> str:
        """Write the session in the csiug23 layout (dialect B when it cannot)."""
        if not self.can_write(block):
            return ThumbnailSessionDialect().render_fresh(block)
        layout = block.layout
        level = layout.style.get("level", 3) if layout else 3
        out = render_heading(level, block.title, block.speakers)
        out += self._video(block)
        if block.slides_url:
            out += self._slides(block, layout)
        return out + self._description(block, layout)

    def render_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Write one changed part of the session."""
        if slot == "video":
            return self._video(block)
        if slot == "slides":
            return self._slides(block, layout) if block.slides_url else ""
        if slot == "abstract":
            return self._description(block, layout)
        return self.render_heading_slot(block, slot, layout)

    def _video(self, block: Session) -> str:
        lines = [
            render_image(thumbnail.file, thumbnail.title, thumbnail.alt, block.video_url)
            for thumbnail in block.thumbnails
        ]
        if not lines:
            lines = [f"[Video]({block.video_url})" if block.video_url else NO_RECORDING]
        return "\n\n" + "\n\n".join(lines)

    def _slides(self, block: Session, layout: Layout | None) -> str:
        style = layout.style if layout else {}
        pre, post = style.get("slides_iframe", SLIDES_IFRAME)
        open_pre, open_post = style.get("open", OPEN_IN_SLIDESHARE)
        url = escape_src(block.slides_url or "")
        return f"\n\n{pre}{url}{post}\n{open_pre}{url}{open_post}"

    def _description(self, block: Session, layout: Layout | None) -> str:
        style = layout.style if layout else {}
        label = style.get("label", LABEL)
        if not block.abstract:
            return f"\n\n{label}"
        return f"\n\n{label}{style.get('separator', chr(10))}{escape_markdown(block.abstract)}"


__all__ = ["DescribedSessionDialect"]
