"""Session dialect H: a bold or heading title over a JSX row/col grid (cccagenda23, cccagenda24).

```
###### Keynote: Title, [Speaker](profile), Role, [Org](site)      (or **Title, [Speaker](url)**)

<div className="row">
<div className="col col--3">

![](photo.png "Speaker Name" class="blog-image")

</div>
<div className="col col--9">
Abstract (Markdown).
</div>
</div>
```

The left column holds the speaker photo (a thumbnail of kind ``photo``; the non-standard
``class="blog-image"`` attribute is kept) and, for sessions given slides or a video in the app,
the reference dialect's media lines. The title line uses the agenda speaker grammar of
:mod:`.agenda`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from roundup_editor.core.layout import Layout, LayoutBuilder
from roundup_editor.core.post import Session
from roundup_editor.formats.dialects.agenda import CheckedAgendaDialect
from roundup_editor.formats.dialects.agenda_grammar import (
    MARKDOWN,
    TIME,
    Media,
    parse_thumbnail_line,
    render_heading,
    render_speakers,
    split_title,
)
from roundup_editor.formats.dialects.base import Dialect, Lines, Match
from roundup_editor.formats.dialects.inline import render_image
from roundup_editor.formats.patterns import lazy_pattern
from roundup_editor.formats.text import (
    escape_markdown,
    escape_text,
    escape_title,
    unescape_markdown,
)

_BOLD = lazy_pattern(r"^\*\*(.+)\*\*$")
_HEADING = lazy_pattern(r"^(#{2,6}) (\S.*)$")
_ROW = '<div className="row">'
_LEFT = '<div className="col col--3">'
_RIGHT = '<div className="col col--9">'
_CLOSE = "</div>"
_TIMED = lazy_pattern(rf"({TIME}) [-–] ")


def _column(source: Lines, start: int, stop: int) -> tuple[int, int] | None:
    """Return the first and end line of the non-blank lines in ``start:stop``."""
    filled = [index for index in range(start, stop) if source[index].strip()]
    return (filled[0], filled[-1] + 1) if filled else None


class GridAgendaDialect(CheckedAgendaDialect):
    """H: a title line (bold or ``#`` heading) followed by a photo/abstract JSX grid."""

    name = "agenda_grid"
    block_type = Session
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "time": ("time",),
        "title": ("title",),
        "speakers": ("speakers",),
        "media": ("thumbnails", "slides_url", "video_url"),
        "abstract": ("abstract",),
    }

    def match(self, source: Lines, start: int) -> Match | None:
        """Match the title line, then the row with its two columns."""
        line = source[start]
        bold = _BOLD.match(line)
        heading = None if bold else _HEADING.match(line)
        if bold and "**" in bold.group(1):
            return None
        if bold is None and heading is None:
            return None
        text_start = 2 if bold else len(heading.group(1)) + 1  # type: ignore[union-attr]
        text_end = len(line) - 2 if bold else len(line)
        row = start + 1
        while row < len(source) and not source[row].strip():
            row += 1
        if row + 1 >= len(source) or source[row] != _ROW or source[row + 1] != _LEFT:
            return None
        right = next(
            (index for index in range(row + 2, len(source)) if source[index] == _CLOSE), None
        )
        if right is None or right + 1 >= len(source) or source[right + 1] != _RIGHT:
            return None
        close = next(
            (
                index
                for index in range(right + 2, len(source) - 1)
                if source[index] == _CLOSE and source[index + 1] == _CLOSE
            ),
            None,
        )
        if close is None:
            return None
        timed = _TIMED.match(line, text_start, text_end)
        time_start = text_start
        if timed is not None:
            text_start = timed.end()
        split = split_title(line[text_start:text_end])
        if split is None:
            return None
        title, read, title_end, speakers_start = split
        left_lines = _column(source, row + 2, right)
        media: list[Media] = []
        if left_lines is not None:
            for index in range(*left_lines):
                if not source[index].strip():
                    continue
                item = parse_thumbnail_line(source[index])
                if item is None:
                    return None
                media.append(item)
        time = None if timed is None else timed.group(1)
        session = Session(title=title, speakers=read.speakers, time=time, dialect=self.name)
        attributes = next((extra for thumb, kind, extra in media if kind == "photo" and extra), "")
        session.thumbnails = [item[0] for item in media if item[0] is not None]
        for _thumb, kind, url in media:
            if kind == "slides" and session.slides_url is None:
                session.slides_url = url
            elif kind == "video" and session.video_url is None:
                session.video_url = url
        abstract_lines = _column(source, right + 2, close)
        if abstract_lines is not None:
            session.abstract = unescape_markdown(source.text(*abstract_lines))
        full = source.text(start, close + 2)
        offsets = [0]
        for index in range(start, close + 2):
            offsets.append(offsets[-1] + len(source[index]) + 1)
        builder = LayoutBuilder(full)
        builder.slot("time", time_start, text_start, self.slot_value(session, "time"))
        builder.slot("title", text_start, text_start + title_end, self.slot_value(session, "title"))
        builder.slot(
            "speakers", text_start + speakers_start, text_end, self.slot_value(session, "speakers")
        )
        for slot, lines, opener in (
            ("media", left_lines, row + 1),
            ("abstract", abstract_lines, right + 1),
        ):
            if lines is None:
                at = offsets[opener - start] + len(source[opener])
                builder.slot(slot, at, at, self.slot_value(session, slot))
            else:
                first, end = lines
                builder.slot(
                    slot,
                    offsets[first - start],
                    offsets[end - start] - 1,
                    self.slot_value(session, slot),
                )
        head = "**" if bold else heading.group(1)  # type: ignore[union-attr]
        session.layout = self.finish_layout(
            session, builder, head=head, attributes=attributes, names=read.names, orgs=read.orgs
        )
        return Match(session, close + 2)

    def write_fresh(self, block: Any) -> str | None:
        """Write the title line and the grid."""
        if not block.speakers:
            return None
        head = "######"
        if block.layout is not None:
            head = block.layout.style.get("head", head)
        heading = self._time(block) + render_heading(block.title, block.speakers)
        line = f"**{heading}**" if head == "**" else f"{head} {heading}"
        media = self._media_lines(block)
        left = f"\n{media}\n\n" if media else ""
        abstract = escape_markdown(block.abstract)
        right = f"\n{abstract}\n\n" if abstract else ""
        return f"{line}\n\n{_ROW}\n{_LEFT}\n{left}{_CLOSE}\n{_RIGHT}\n{right}{_CLOSE}\n{_CLOSE}"

    def canonical_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Write one changed part of the session."""
        if slot == "time":
            return self._time(block)
        if slot == "title":
            return MARKDOWN.escape(block.title)
        if slot == "speakers":
            return render_speakers(block.speakers)
        text = self._media_lines(block) if slot == "media" else escape_markdown(block.abstract)
        was_empty = any(item.name == slot and not item.text for item in layout.slots)
        if was_empty and text:
            return f"\n\n{text}\n"
        return text

    def _time(self, block: Any) -> str:
        """Return the optional ``TIME - `` prefix of the title line."""
        return f"{block.time} - " if block.time else ""

    def _media_lines(self, block: Any) -> str:
        """Photos (with the layout's extra attributes), linked thumbnails and text links."""
        attributes = ' class="blog-image"'
        if block.layout is not None:
            attributes = block.layout.style.get("attributes", attributes)
        lines = []
        linked = {"slides": False, "video": False}
        for thumbnail in block.thumbnails:
            if thumbnail.kind == "photo":
                title = f' "{escape_title(thumbnail.title)}"' if thumbnail.title is not None else ""
                lines.append(
                    f"![{escape_text(thumbnail.alt)}]({thumbnail.file}{title}{attributes})"
                )
                continue
            link = block.slides_url if thumbnail.kind == "slides" else block.video_url
            if link:
                linked[thumbnail.kind] = True
            lines.append(render_image(thumbnail.file, thumbnail.title, thumbnail.alt, link))
        for kind, url in (("video", block.video_url), ("slides", block.slides_url)):
            if url and not linked[kind]:
                lines.append(f"[{kind.capitalize()}]({url})")
        return "\n\n".join(lines)


#: The recognisers this module contributes, tried in this order (see dialects/__init__.py).
DIALECTS: list[Dialect] = [GridAgendaDialect()]
