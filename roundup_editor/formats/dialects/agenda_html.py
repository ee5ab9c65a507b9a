"""Session dialect J: an agenda written as HTML paragraphs (cseug22v).

```
<p><strong>09:45- 10:30 - CloudStack with Ansible,&nbsp;</strong>Speaker, Role, Org</p>
<p>Abstract paragraph.</p>
```

Blocks follow each other without blank lines, so the dialect declares ``starts_block`` for the
reader. Values are HTML-entity-decoded (``&nbsp;`` -> U+00A0, ``&amp;`` -> ``&``); fresh text is
entity-escaped. The speaker list uses the agenda grammar of :mod:`.agenda` with HTML links
(``<a href="...">Name</a>``) and the ``&amp;`` joiner. Sessions given slides, a video or images
in the app get ``<p>`` lines with links and ``<img>`` tags after the abstract.
"""

from __future__ import annotations

import html
import re
from typing import Any, ClassVar

from roundup_editor.core.layout import Layout, LayoutBuilder
from roundup_editor.core.post import Session, Thumbnail
from roundup_editor.formats.dialects.agenda import CheckedAgendaDialect
from roundup_editor.formats.dialects.agenda_grammar import (
    TIME,
    SpeakerSyntax,
    escape_grammar,
    read_speakers,
)
from roundup_editor.formats.dialects.agenda_grammar import render_speakers as render_speaker_text
from roundup_editor.formats.dialects.base import Dialect, Lines, Match
from roundup_editor.formats.dialects.blocks import escape_attribute, escape_html_text
from roundup_editor.formats.dialects.reference import is_video_url
from roundup_editor.formats.patterns import lazy_pattern

_LINE = lazy_pattern(
    rf"^<p><strong>({TIME})( [-–] )(.+?)(,&nbsp;|, | -&nbsp;| - |,)</strong>(.+)</p>$"
)
_START = lazy_pattern(rf"^<p><strong>{TIME} ")
_PARAGRAPH = lazy_pattern(r"^<p>(?!<strong>)(.*)</p>$")
_ANCHOR = lazy_pattern(r"<a\b[^>]*>.*?</a>")
_LINK = lazy_pattern(r'<a href="([^"]*)">(.*?)</a>')
_TRAILING_LINK = lazy_pattern(_LINK.pattern + "$")
_TAG = lazy_pattern(r"<[^>]*>")
_TEXT_LINK = lazy_pattern(r'^<p><a href="([^"]*)">(Slides|Video)</a></p>$')
_IMAGE = lazy_pattern(
    r'^<p>(?:<a href="([^"]*)">)?<img src="([^"]*)" alt="([^"]*)"(?: title="([^"]*)")? />'
    r"(?(1)</a>)</p>$"
)

Media = tuple[Thumbnail | None, str, str | None]


def decode_html(source: str) -> str:
    """Return the text an HTML fragment shows: tags dropped, entities decoded."""
    return html.unescape(_TAG.sub("", source))


def escape_html_field(text: str) -> str:
    """Escape one line of text for HTML inside MDX; line breaks become ``&#10;``."""
    return escape_html_text(text).replace("\n", "&#10;").replace("\r", "&#13;")


class HtmlSpeakerSyntax(SpeakerSyntax):
    """The agenda speaker grammar with HTML links, entities and the ``&amp;`` joiner."""

    joiners = (" &amp; ", " & ", " and ")

    def split(self, text: str, separator: str) -> list[tuple[int, int]]:
        """Split outside ``<a>`` elements; ``; `` right after an entity does not split."""
        anchors = [match.span() for match in _ANCHOR.finditer(text)]
        parts = []
        start = index = 0
        while True:
            index = text.find(separator, index)
            if index < 0:
                break
            inside = any(first <= index < last for first, last in anchors)
            entity = separator.startswith(";") and re.search(r"&#?\w+$", text[:index])
            if inside or entity:
                index += 1
                continue
            parts.append((start, index))
            index += len(separator)
            start = index
        parts.append((start, len(text)))
        return parts

    def link(self, part: str) -> tuple[str, str] | None:
        """Return (text, url) when ``part`` is one ``<a href>`` element."""
        match = _LINK.fullmatch(part)
        if match is None:
            return None
        return self.decode(match.group(2)), html.unescape(match.group(1))

    def trailing_link(self, part: str) -> tuple[str, str, str] | None:
        """Return (prefix, text, url) when ``part`` ends with a link after some text."""
        match = _TRAILING_LINK.search(part)
        if match is None or match.start() == 0:
            return None
        return part[: match.start()], self.decode(match.group(2)), html.unescape(match.group(1))

    def has_link(self, part: str) -> bool:
        """Tell whether ``part`` holds a link."""
        return "<a " in part

    def decode(self, source: str) -> str:
        """Return the text an HTML fragment shows."""
        return decode_html(source)

    def escape(self, text: str) -> str:
        """Escape a name, role or organisation so the grammar cannot split it."""
        return escape_grammar(escape_html_field(text))

    def write_link(self, text: str, url: str | None) -> str:
        """Write a name or organisation, linked when it has a URL."""
        if not url:
            return self.escape(text)
        return f'<a href="{escape_attribute(url)}">{self.escape(text)}</a>'


HTML = HtmlSpeakerSyntax()


def parse_media(line: str) -> Media | None:
    """Read a media paragraph: a Slides/Video link or an image, maybe linked."""
    text_link = _TEXT_LINK.match(line)
    if text_link:
        return None, text_link.group(2).lower(), html.unescape(text_link.group(1))
    image = _IMAGE.match(line)
    if image is None:
        return None
    link = None if image.group(1) is None else html.unescape(image.group(1))
    kind = "photo" if link is None else ("video" if is_video_url(link) else "slides")
    title = image.group(4)
    thumbnail = Thumbnail(
        file=html.unescape(image.group(2)),
        title=None if title is None else html.unescape(title),
        kind=kind,  # type: ignore[arg-type]
        alt=html.unescape(image.group(3)),
    )
    return thumbnail, kind, link


class HtmlAgendaDialect(CheckedAgendaDialect):
    """J: ``<p><strong>TIME - Title,&nbsp;</strong>Speakers</p>`` and ``<p>`` abstracts."""

    name = "agenda_html"
    syntax = HTML
    block_type = Session
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "time": ("time",),
        "title": ("title",),
        "speakers": ("speakers",),
        "abstract": ("abstract",),
        "media": ("thumbnails", "slides_url", "video_url"),
    }

    def starts_block(self, line: str) -> bool:
        """Agenda paragraphs start blocks even right after another paragraph."""
        return bool(_START.match(line))

    def match(self, source: Lines, start: int) -> Match | None:
        """Match the agenda paragraph, then abstract and media paragraphs."""
        line = source[start]
        found = _LINE.match(line)
        if found is None:
            return None
        read = read_speakers(found.group(5), HTML, plain_names=False)
        title = decode_html(found.group(3))
        if read is None or not title.strip():
            return None
        session = Session(
            title=title, speakers=read.speakers, time=found.group(1), dialect=self.name
        )
        index = start + 1
        paragraphs: list[str] = []
        while index < len(source) and parse_media(source[index]) is None:
            paragraph = _PARAGRAPH.match(source[index])
            if paragraph is None:
                break
            paragraphs.append(html.unescape(paragraph.group(1)))
            index += 1
        abstract_end = index
        media: list[Media] = []
        while index < len(source):
            item = parse_media(source[index])
            if item is None:
                break
            media.append(item)
            index += 1
        session.abstract = "\n\n".join(paragraphs)
        session.thumbnails = [item[0] for item in media if item[0] is not None]
        for _thumb, kind, url in media:
            if kind == "slides" and session.slides_url is None:
                session.slides_url = url
            elif kind == "video" and session.video_url is None:
                session.video_url = url
        full = source.text(start, index)
        builder = LayoutBuilder(full)
        for slot, group in (("time", 1), ("title", 3), ("speakers", 5)):
            builder.slot(slot, found.start(group), found.end(group), self.slot_value(session, slot))
        abstract_to = len(source.text(start, abstract_end))
        builder.slot("abstract", len(line), abstract_to, self.slot_value(session, "abstract"))
        builder.slot("media", abstract_to, len(full), self.slot_value(session, "media"))
        session.layout = self.finish_layout(
            session,
            builder,
            separator=found.group(2),
            joiner=found.group(4),
            names=read.names,
            orgs=read.orgs,
        )
        return Match(session, index)

    def write_fresh(self, block: Any) -> str | None:
        """Write the agenda paragraph, abstract paragraphs and media paragraphs."""
        if not block.time or not block.speakers or not re.fullmatch(TIME, block.time):
            return None
        style = block.layout.style if block.layout is not None else {}
        separator = style.get("separator", " - ")
        joiner = style.get("joiner", ",&nbsp;")
        line = (
            f"<p><strong>{escape_html_field(block.time or '')}{separator}"
            f"{escape_html_field(block.title)}{joiner}</strong>"
            f"{render_speaker_text(block.speakers, HTML)}</p>"
        )
        return line + self._abstract(block) + self._media(block)

    def canonical_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Write one changed part of the session."""
        if slot == "time":
            return escape_html_field(block.time or "")
        if slot == "title":
            return escape_html_field(block.title)
        if slot == "speakers":
            return render_speaker_text(block.speakers, HTML)
        if slot == "abstract":
            return self._abstract(block)
        return self._media(block)

    def _abstract(self, block: Any) -> str:
        if not block.abstract:
            return ""
        paragraphs = block.abstract.split("\n\n")
        return "".join(f"\n<p>{escape_html_field(part)}</p>" for part in paragraphs)

    def _media(self, block: Any) -> str:
        lines = []
        linked = {"slides": False, "video": False}
        for thumbnail in block.thumbnails:
            link = {"slides": block.slides_url, "video": block.video_url}.get(thumbnail.kind)
            title = (
                "" if thumbnail.title is None else f' title="{escape_attribute(thumbnail.title)}"'
            )
            image = (
                f'<img src="{escape_attribute(thumbnail.file)}" '
                f'alt="{escape_attribute(thumbnail.alt)}"{title} />'
            )
            if link:
                linked[thumbnail.kind] = True
                image = f'<a href="{escape_attribute(link)}">{image}</a>'
            lines.append(f"\n<p>{image}</p>")
        for kind, url in (("video", block.video_url), ("slides", block.slides_url)):
            if url and not linked[kind]:
                lines.append(f'\n<p><a href="{escape_attribute(url)}">{kind.capitalize()}</a></p>')
        return "".join(lines)


#: The recognisers this module contributes, tried in this order (see dialects/__init__.py).
DIALECTS: list[Dialect] = [HtmlAgendaDialect()]
