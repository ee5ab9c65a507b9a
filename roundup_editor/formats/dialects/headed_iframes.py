"""Session dialect C (corpus post ccc23): a ``###`` heading, an abstract and embedded players.

```
### Title, [Speaker](profile), [Speaker 2](profile) and [Speaker 3](profile)

Abstract paragraphs (Markdown).

<iframe width="640" … src="https://www.youtube.com/embed/ID?si=X&amp;controls=0" …></iframe>

<iframe src="https://www.slideshare.net/slideshow/embed_code/key/K?…&amp;page=upload" …> </iframe>
```

The video and slides URLs are the iframes' ``src`` values, entity-decoded. Each iframe is its own
slot, and the attributes around ``src`` are kept, so changing one URL rewrites one line and keeps
the original markup. This module also collects the recognisers of dialects B and D.
"""

from __future__ import annotations

from typing import Any, ClassVar

from roundup_editor.core.layout import Layout
from roundup_editor.core.post import Session
from roundup_editor.formats.dialects.base import Dialect, Lines, Match
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
from roundup_editor.formats.dialects.headed_described import DescribedSessionDialect
from roundup_editor.formats.dialects.headed_thumbs import ThumbnailSessionDialect
from roundup_editor.formats.dialects.reference import ReferenceSessionDialect, is_video_url
from roundup_editor.formats.text import escape_markdown, unescape_markdown

#: The iframes written for sessions that have no layout (the corpus post's markup).
VIDEO_IFRAME = (
    '<iframe width="640" height="315" src="',
    '" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; '
    'clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" '
    "allowfullscreen></iframe>",
)
SLIDES_IFRAME = (
    '<iframe src="',
    '" width="640" height="480" frameborder="0" marginwidth="0" marginheight="0" '
    'scrolling="no" allowfullscreen="allowfullscreen"> </iframe>',
)


class IframeSessionDialect(HeadedDialect):
    """Sessions as a heading, an abstract, a YouTube ``<iframe>`` and a SlideShare ``<iframe>``."""

    name = "headed_iframes"
    block_type = Session
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "title": ("title",),
        "speakers": ("speakers",),
        "abstract": ("abstract",),
        "video": ("video_url",),
        "slides": ("slides_url",),
    }

    def match(self, source: Lines, start: int) -> Match | None:
        """Match a heading with speakers, an optional abstract and one or two iframes."""
        parts = parse_heading(source[start])
        if parts is None:
            return None
        index = next_content(source, start + 1)
        abstract_first = index
        abstract_last: int | None = None
        while index < len(source) and not IFRAME.match(source[index]):
            line = source[index]
            if line.startswith(("#", "<")):
                return None
            if line.strip():
                abstract_last = index + 1
            index += 1
        frames: list[tuple[int, str, str, str]] = []  # line, kind, url, source src
        while index < len(source):
            frame = IFRAME.match(source[index])
            if frame is None or frame.group("tail"):
                break
            url = unescape_src(frame.group("src"))
            kind = "video" if is_video_url(url) else "slides"
            if any(seen[1] == kind for seen in frames):
                return None
            frames.append((index, kind, url, frame.group("src")))
            index = next_content(source, index + 1)
        if not frames:
            return None
        end = frames[-1][0] + 1
        session = Session(title=parts.title, speakers=parts.speakers, dialect=self.name)
        full = source.text(start, end)
        offsets = line_offsets(source, start, end)
        slots = self.heading_slots(parts)
        heading_end = len(source[start])
        abstract_end = heading_end
        if abstract_last is not None:
            session.abstract = unescape_markdown(source.text(abstract_first, abstract_last))
            abstract_end = offsets[abstract_last - start] - 1
        slots.append(("abstract", heading_end, abstract_end))
        style: dict[str, Any] = {}
        previous_end = abstract_end
        for frame_line, kind, url, _src in frames:
            found = IFRAME.match(source[frame_line])
            assert found is not None
            style[f"{kind}_iframe"] = [found.group("pre"), found.group("post")]
            setattr(session, f"{kind}_url", url)
            line_end = offsets[frame_line - start] + len(source[frame_line])
            slots.append((kind, previous_end, line_end))
            previous_end = line_end
        kinds = [frame[1] for frame in frames]
        if "video" not in kinds:
            slots.append(("video", abstract_end, abstract_end))
        if "slides" not in kinds:
            slots.append(("slides", len(full), len(full)))
        session.layout = self.build_layout(session, full, slots, parts, **style)
        return Match(session, end)

    def render_fresh(self, block: Any) -> str:
        """Write the session with the corpus post's iframes (other dialects when it cannot)."""
        if block.thumbnails:
            return ThumbnailSessionDialect().render_fresh(block)
        if not (block.video_url or block.slides_url) or not block.speakers:
            return ReferenceSessionDialect().render_fresh(block)
        layout = block.layout
        level = layout.style.get("level", 3) if layout else 3
        parts = [render_heading(level, block.title, block.speakers)]
        if block.abstract:
            parts.append(escape_markdown(block.abstract))
        for kind in ("video", "slides"):
            url = getattr(block, f"{kind}_url")
            if url:
                parts.append(self._iframe(kind, url, layout))
        return "\n\n".join(parts)

    def render_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Write one changed part of the session."""
        if slot in ("video", "slides"):
            url = getattr(block, f"{slot}_url")
            return "\n\n" + self._iframe(slot, url, layout) if url else ""
        if slot == "abstract":
            return "\n\n" + escape_markdown(block.abstract) if block.abstract else ""
        return self.render_heading_slot(block, slot, layout)

    def _iframe(self, kind: str, url: str, layout: Layout | None) -> str:
        default = VIDEO_IFRAME if kind == "video" else SLIDES_IFRAME
        pre, post = layout.style.get(f"{kind}_iframe", default) if layout else default
        return f"{pre}{escape_src(url)}{post}"


#: The recognisers this module contributes, tried in this order (see dialects/__init__.py):
#: D (labelled description) and B (video and slide thumbnails) are more specific than C.
DIALECTS: list[Dialect] = [
    DescribedSessionDialect(),
    ThumbnailSessionDialect(),
    IframeSessionDialect(),
]
