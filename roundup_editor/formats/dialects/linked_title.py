"""Session dialect E: the whole title is a link, then ``**Session description:**`` (cseug23).

```
[**Title, Speaker, Speaker and Speaker, Org**
![](thumbnail.png)](https://www.youtube.com/watch?v=…)
**Session description:**
Abstract text, with no blank line inside the block.
```

Speakers and the organisation are plain text (a link cannot hold links). The heading text is read
as ``Title, names[, Org]``: parts starting with a lowercase letter continue the title
(``Re-using old hardware, thus saving money…``); names are joined by ``, `` and `` and ``; a last
part without a space is the organisation shared by every speaker. Fresh text escapes whatever
would be read otherwise (``, `` in a title, `` and `` in a name, spaces in an organisation, a
lowercase first letter), so it reads back to the same session. Sessions this form cannot show
(linked speakers, roles, several thumbnails, a multi-paragraph abstract, ...) are written in the
reference dialect instead.
"""

from __future__ import annotations

from typing import Any, ClassVar

from roundup_editor.core.layout import Layout, LayoutBuilder
from roundup_editor.core.post import Session, Speaker, Thumbnail, ThumbnailKind
from roundup_editor.formats.dialects.base import Dialect, Lines, Match
from roundup_editor.formats.dialects.dashed import VerifiedSessionDialect
from roundup_editor.formats.dialects.inline import IMAGE, render_image, split_top_level
from roundup_editor.formats.dialects.reference import is_video_url
from roundup_editor.formats.dialects.speakers import escape_name
from roundup_editor.formats.patterns import lazy_pattern
from roundup_editor.formats.text import (
    escape_markdown,
    unescape_markdown,
    unescape_text,
    unescape_title,
)

#: ``[**Title, Speakers**`` on a line of its own.
OPENING = lazy_pattern(r"^\[\*\*(.+)\*\*$")
#: ``![alt](file "title")](url)`` closing the title link.
CLOSING = lazy_pattern(r"^(" + IMAGE.pattern + r")\]\(([^()\s]+)\)$")
#: The label before the abstract; the spelling is kept in the layout.
LABEL = lazy_pattern(r"^\*\*Session [Dd]escription:\*\*$")


def split_heading(text: str) -> tuple[int, list[Speaker], list[str]] | None:
    """Split the bold text into the title's length, the speakers and the joiners between names.

    None when the text does not fit the form.
    """
    parts = split_top_level(text, ", ")
    if len(parts) < 2:
        return None
    cut = 1
    while cut < len(parts) - 1 and text[parts[cut][0] : parts[cut][0] + 1].islower():
        cut += 1
    rest = [text[start:end] for start, end in parts[cut:]]
    org: str | None = None
    if len(rest) >= 2 and " " not in rest[-1]:
        org = _plain(rest.pop())
        if org is None:
            return None
    speakers: list[Speaker] = []
    joiners: list[str] = []
    for part in rest:
        if speakers:
            joiners.append(", ")
        for index, (start, end) in enumerate(split_top_level(part, " and ")):
            name = _plain(part[start:end])
            if name is None:
                return None
            if index:
                joiners.append(" and ")
            speakers.append(Speaker(name, None, org))
    return parts[cut - 1][1], speakers, joiners


def _plain(text: str) -> str | None:
    """Read plain text (no link, no surrounding spaces); None when it is not."""
    if not text or text != text.strip() or "](" in text or text.startswith("["):
        return None
    return unescape_text(text)


def escape_speaker_name(text: str) -> str:
    """Escape a name so it cannot split or join the title (see the module docstring)."""
    out = escape_part(text).replace(" and ", " an&#100; ")
    if out.endswith(" and"):
        out = out[:-1] + "&#100;"
    if out.startswith("and "):
        out = "an&#100;" + out[3:]
    if out[:1].islower():
        out = f"&#{ord(out[0])};" + out[1:]
    return out


def escape_part(text: str) -> str:
    """Escape a title or organisation; a trailing comma cannot join the next part."""
    out = escape_name(text)
    return out[:-1] + "&#44;" if out.endswith(",") else out


def render_linked_speakers(speakers: list[Speaker], joiners: list[str] | None = None) -> str:
    """Write plain names (``A, B and C``) and the shared organisation, if any.

    ``joiners`` (the source's, kept in the layout) are used between the names when their number
    still fits; the caller checks that the text reads back.
    """
    names = [escape_speaker_name(speaker.name) for speaker in speakers]
    if not names:
        return ""
    if joiners is None or len(joiners) != len(names) - 1:
        joiners = [", "] * (len(names) - 2) + [" and "] if len(names) > 1 else []
    text = names[0] + "".join(
        joiner + name for joiner, name in zip(joiners, names[1:], strict=True)
    )
    org = speakers[0].org if speakers else None
    if org is not None:
        text += ", " + escape_part(org).replace(" ", "&#32;")
    return text


def fits(session: Session) -> bool:
    """Tell whether this dialect can show every field of ``session``."""
    if not session.speakers or session.time is not None or len(session.thumbnails) != 1:
        return False
    org = session.speakers[0].org
    if any(
        (speaker.url, speaker.org_url, speaker.role) != (None, None, None) or speaker.org != org
        for speaker in session.speakers
    ):
        return False
    urls = [url for url in (session.slides_url, session.video_url) if url is not None]
    if len(urls) != 1 or session.thumbnails[0].kind != _kind(urls[0]):
        return False
    if session.video_url is not None and not is_video_url(session.video_url):
        return False
    return all(line.strip() for line in session.abstract.split("\n")) or not session.abstract


def _kind(url: str) -> ThumbnailKind:
    return "video" if is_video_url(url) else "slides"


class LinkedTitleSessionDialect(VerifiedSessionDialect):
    """Sessions whose bold title and thumbnail form one link, then a labelled description."""

    name = "linked_title"
    block_type = Session
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "title": ("title",),
        "speakers": ("speakers",),
        "thumbnail": ("thumbnails",),
        "link": ("slides_url", "video_url"),
        "abstract": ("abstract",),
    }

    def match(self, source: Lines, start: int) -> Match | None:
        """Match the two-line title link, the optional label and the description lines."""
        opening = OPENING.match(source[start])
        if opening is None or start + 1 >= len(source):
            return None
        closing = CLOSING.match(source[start + 1])
        if closing is None:
            return None
        text = opening.group(1)
        split = split_heading(text)
        if split is None:
            return None
        title_length, speakers, joiners = split
        url = closing.group(5)
        raw_title = closing.group(4)
        thumbnail = Thumbnail(
            file=closing.group(3),
            title=None if raw_title is None else unescape_title(raw_title),
            kind=_kind(url),
            alt=unescape_text(closing.group(2)),
        )
        session = Session(
            title=unescape_text(text[:title_length]),
            speakers=speakers,
            thumbnails=[thumbnail],
            dialect=self.name,
        )
        if thumbnail.kind == "video":
            session.video_url = url
        else:
            session.slides_url = url
        end = start + 2
        abstract_first = None
        if end + 1 < len(source) and LABEL.match(source[end]) and source[end + 1].strip():
            end += 1
            abstract_first = end
            while end < len(source) and source[end].strip():
                end += 1
            session.abstract = unescape_markdown(source.text(abstract_first, end))
        full = source.text(start, end)
        builder = LayoutBuilder(full)
        builder.slot("title", 3, 3 + title_length, self.slot_value(session, "title"))
        builder.slot(
            "speakers", 3 + title_length + 2, 3 + len(text), self.slot_value(session, "speakers")
        )
        second = len(source[start]) + 1
        image_end = second + len(closing.group(1))
        builder.slot("thumbnail", second, image_end, self.slot_value(session, "thumbnail"))
        builder.slot(
            "link", image_end + 2, image_end + 2 + len(url), self.slot_value(session, "link")
        )
        if abstract_first is not None:
            first_offset = len(source.text(start, abstract_first)) + 1
            builder.slot("abstract", first_offset, len(full), self.slot_value(session, "abstract"))
        else:
            builder.slot("abstract", len(full), len(full), self.slot_value(session, "abstract"))
        labelled = abstract_first is not None
        label = source[start + 2] if labelled else "**Session description:**"
        session.layout = self.finish_layout(
            session, builder, label=label, labelled=labelled, joiners=joiners
        )
        return Match(session, end)

    def render(self, block: Any) -> str:
        """Render through the layout or afresh; sessions this form cannot show go reference."""
        if not fits(block):
            return self._reference(block)
        return super().render(block)

    def _reference(self, block: Any) -> str:
        from dataclasses import replace

        from roundup_editor.formats.dialects.reference import ReferenceSessionDialect

        return str(ReferenceSessionDialect().render_fresh(replace(block, layout=None)))

    def render_fresh(self, block: Any) -> str:
        """Write the title link, the label and the description."""
        if not fits(block):
            return self._reference(block)
        label = (block.layout.style if block.layout else {}).get(
            "label", "**Session description:**"
        )
        lines = [
            f"[**{self.render_slot(block, 'title', None)}, "
            f"{self.render_slot(block, 'speakers', None)}**",
            f"{self.render_slot(block, 'thumbnail', None)}]"
            f"({self.render_slot(block, 'link', None)})",
        ]
        if block.abstract:
            lines.extend([label, escape_markdown(block.abstract)])
        return "\n".join(lines)

    def render_slot(self, block: Any, slot: str, layout: Layout | None) -> str:
        """Write one changed part of the session."""
        if slot == "title":
            return escape_part(block.title)
        if slot == "speakers":
            joiners = layout.style.get("joiners") if layout is not None else None
            return render_linked_speakers(block.speakers, joiners)
        if slot == "thumbnail":
            thumbnail = block.thumbnails[0]
            return render_image(thumbnail.file, thumbnail.title, thumbnail.alt)
        if slot == "link":
            return str(block.video_url or block.slides_url)
        if layout is None or layout.style.get("labelled", True):
            return escape_markdown(block.abstract)
        if not block.abstract:
            return ""
        return f"\n{layout.style['label']}\n{escape_markdown(block.abstract)}"


#: The recognisers this module contributes, tried in this order (see dialects/__init__.py).
DIALECTS: list[Dialect] = [LinkedTitleSessionDialect()]
