"""Shared parts of the headed session dialects (B, C, D): the heading line and embedded media.

The heading is ``#… Title, Speakers``. Titles may contain ``, `` themselves, so the split is:

* when the speaker part holds a link, it starts after the last ``, `` before the first link
  (``Backroll, News and Demo, [Ann](…), [Bob](…)``);
* when nobody is linked, it starts after the first ``, `` (``Title, Ann and Bob``).

Speakers are joined by ``, ``, `` and ``, ``, and `` or `` & ``; each is ``[Name](url)`` or a plain
name, optionally followed by an affiliation `` (at Org)``, `` (Role at Org)`` or `` (Role)`` (the
reference grammar's form for a role alone). None is found in the corpus posts; they are written
only when the user gives a speaker an organisation or a role. Fresh text
escapes the title and names so the split and the joiners always read back the same.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from typing import Any, ClassVar

from roundup_editor.core.layout import Layout, LayoutBuilder
from roundup_editor.core.post import Session, Speaker
from roundup_editor.formats.dialects.base import Dialect, Lines, jsonable
from roundup_editor.formats.dialects.inline import LINK, closing_paren
from roundup_editor.formats.dialects.speakers import escape_name
from roundup_editor.formats.patterns import lazy_pattern
from roundup_editor.formats.text import EMOJI_BREAK, unescape_text

HEADING = lazy_pattern(r"^(#{2,6}) (\S.*?)$")
#: Joiners between speakers, longest first.
JOINERS = (", and ", ", ", " and ", " & ")
_AFFILIATION = lazy_pattern(r"^(.*?) \((.*)\)$")
_ESCAPED = lazy_pattern(r"\\.")
_SPACED_WORD = lazy_pattern(r" (and|at)(?= )")
_FIRST_ENTITY = {"and": "&#97;nd", "at": "a&#116;"}


def _bad_plain(text: str) -> bool:
    """Tell whether ``text`` cannot be a plain name (empty, padded, or holding link syntax)."""
    bare = _ESCAPED.sub("", text).replace(EMOJI_BREAK, "")
    return not text or text != text.strip() or any(mark in bare for mark in ("[", "]", "<"))


#: An ``<iframe … src="…" …></iframe>`` line, cut around the ``src`` value.
IFRAME = lazy_pattern(
    r'^(?P<pre><iframe\b[^>]*?\bsrc=")(?P<src>[^"]*)(?P<post>"[^>]*>\s*</iframe>)(?P<tail>.*)$'
)


def escape_heading_text(text: str) -> str:
    """Escape a name, role or organisation so no joiner or parenthesis can split it."""
    out = _SPACED_WORD.sub(lambda match: " " + _FIRST_ENTITY[match.group(1)], escape_name(text))
    out = out.replace(")", "&#41;")
    for word in ("and", "at"):
        if out.startswith(word + " "):
            out = _FIRST_ENTITY[word] + out[len(word) :]
        if out.endswith(" " + word):
            out = out[: -len(word)] + _FIRST_ENTITY[word]
    if out.endswith((",", " ")):
        out = out[:-1] + f"&#{ord(out[-1])};"
    return out


def escape_src(url: str) -> str:
    """Write a URL as a double-quoted HTML attribute value (``&`` becomes ``&amp;``)."""
    return html.escape(url, quote=True)


@dataclass
class HeadingParts:
    """A parsed session heading: level, title and speakers, with spans in the heading line."""

    level: int
    title: str
    title_span: tuple[int, int]
    speakers: list[Speaker]
    speakers_span: tuple[int, int]
    items: list[str]
    joiners: list[str]
    linked: bool


def _first_link(text: str) -> int:
    """Return where the first top-level (unescaped) link starts in ``text``, or -1."""
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[" and LINK.match(text, index):
            return index
        index += 1
    return -1


def split_speaker_items(text: str) -> tuple[list[str], list[str]]:
    """Split a speaker list into item texts and joiners (outside links and parentheses)."""
    items: list[str] = []
    joiners: list[str] = []
    depth = parens = 0
    start = index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "(" and depth == 0:
            parens += 1
        elif char == ")" and depth == 0:
            parens = max(0, parens - 1)
        elif char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
            if text.startswith("](", index):
                close = closing_paren(text, index + 1)
                if close > 0:
                    index = close + 1
                    continue
        elif depth == 0 and parens == 0 and char in ", &":
            for joiner in JOINERS:
                if text.startswith(joiner, index):
                    items.append(text[start:index])
                    joiners.append(joiner)
                    index += len(joiner)
                    start = index
                    break
            else:
                index += 1
            continue
        index += 1
    items.append(text[start:])
    return items, joiners


def parse_speaker_item(text: str) -> Speaker | None:
    """Read one speaker: ``[Name](url)`` or a plain name, with an optional ``(affiliation)``."""
    org = org_url = role = None
    affiliation = _AFFILIATION.match(text)
    if affiliation and not LINK.fullmatch(text):
        text, inner = affiliation.group(1), affiliation.group(2)
        at = inner.rfind(" at ")
        if at >= 0:
            role = unescape_text(inner[:at])
            inner = inner[at + 4 :]
        elif inner.startswith("at "):
            inner = inner[3:]
        elif not LINK.fullmatch(inner):
            # "(Role)": a role without an organisation, as the reference grammar writes it.
            if _bad_plain(inner):
                return None
            inner, role = "", unescape_text(inner)
        link = LINK.fullmatch(inner)
        if link:
            org, org_url = unescape_text(link.group(1)) or None, link.group(2)
        elif inner:
            if _bad_plain(inner):
                return None
            org = unescape_text(inner)
    link = LINK.fullmatch(text)
    if link:
        return Speaker(unescape_text(link.group(1)), link.group(2), org, org_url, role)
    if _bad_plain(text):
        return None
    return Speaker(unescape_text(text), None, org, org_url, role)


def parse_heading(line: str) -> HeadingParts | None:
    """Split a heading line into title and speakers (see the module docstring)."""
    if ", " not in line or not line.startswith("##"):
        return None
    cached = _parse_heading(line)
    if cached is None:
        return None
    level, title, title_span, speakers, speakers_span, items, joiners, linked = cached
    return HeadingParts(
        level=level,
        title=title,
        title_span=title_span,
        speakers=[Speaker(*speaker) for speaker in speakers],
        speakers_span=speakers_span,
        items=list(items),
        joiners=list(joiners),
        linked=linked,
    )


@functools.lru_cache(maxsize=512)
def _parse_heading(line: str) -> tuple[Any, ...] | None:
    """Parse a heading into immutable parts (cached: every headed dialect asks for each line)."""
    heading = HEADING.match(line)
    if heading is None:
        return None
    offset = len(heading.group(1)) + 1
    text = heading.group(2)
    first = _first_link(text)
    if first >= 0:
        cut = text.rfind(", ", 0, first)
        linked = True
    else:
        cut = text.find(", ")
        linked = False
    if cut <= 0:
        return None
    items, joiners = split_speaker_items(text[cut + 2 :])
    speakers = []
    for item in items:
        speaker = parse_speaker_item(item)
        if speaker is None:
            return None
        speakers.append((speaker.name, speaker.url, speaker.org, speaker.org_url, speaker.role))
    return (
        len(heading.group(1)),
        unescape_text(text[:cut]),
        (offset, offset + cut),
        tuple(speakers),
        (offset + cut + 2, len(line)),
        tuple(items),
        tuple(joiners),
        linked,
    )


def render_speaker_item(speaker: Speaker) -> str:
    """Write one speaker in the headed grammar."""
    name = escape_heading_text(speaker.name)
    out = f"[{name}]({speaker.url})" if speaker.url else name
    if speaker.org is not None or speaker.org_url or speaker.role:
        org_text = escape_heading_text(speaker.org or "")
        org = f"[{org_text}]({speaker.org_url})" if speaker.org_url else org_text
        role_text = escape_heading_text(speaker.role or "").replace(" at ", " a&#116; ")
        if speaker.role and (speaker.org is not None or speaker.org_url):
            out += f" ({role_text} at {org})"
        elif speaker.role:
            out += f" ({role_text})"  # a role alone, as in the reference grammar
        else:
            out += f" (at {org})"
    return out


def fresh_joiners(speakers: list[Speaker], plain: str = ", ") -> list[str]:
    """Joiners for a fresh speaker list.

    With ``, `` as the joiner, speakers before the first one holding a link are joined by
    `` & `` instead: the title split (the last ``, `` before the first link) would otherwise take
    them into the title.
    """
    if plain != ", ":
        return [plain] * max(0, len(speakers) - 1)
    linked = [bool(speaker.url or speaker.org_url) for speaker in speakers]
    if not any(linked):
        return [", "] * max(0, len(speakers) - 1)
    first = linked.index(True)
    return [" & " if index < first else ", " for index in range(len(speakers) - 1)]


def render_speakers(
    speakers: list[Speaker],
    original: list[list[Any]] | None = None,
    joiners: list[str] | None = None,
    plain: str = ", ",
) -> str:
    """Write a speaker list, reusing the original text of unchanged speakers and the joiners.

    ``original`` is a list of ``[speaker JSON, item text]`` as read; ``joiners`` the original
    joiners (used when the number of speakers is unchanged).
    """
    if joiners is None or len(joiners) != len(speakers) - 1:
        joiners = fresh_joiners(speakers, plain)
    out = []
    for index, speaker in enumerate(speakers):
        if index:
            out.append(joiners[index - 1])
        if original and index < len(original) and original[index][0] == jsonable(speaker):
            out.append(original[index][1])
        else:
            out.append(render_speaker_item(speaker))
    return "".join(out)


def render_heading(level: int, title: str, speakers: list[Speaker], plain: str = ", ") -> str:
    """Write a whole heading line afresh."""
    return f"{'#' * level} {escape_name(title)}, {render_speakers(speakers, plain=plain)}"


def line_offsets(source: Lines, start: int, end: int) -> list[int]:
    """Character offset of each line start within ``source.text(start, end)``, plus the end."""
    offsets = [0]
    for index in range(start, end):
        offsets.append(offsets[-1] + len(source[index]) + 1)
    return offsets


def next_content(source: Lines, index: int) -> int:
    """Return the first non-blank line at or after ``index`` (or the line count)."""
    while index < len(source) and not source[index].strip():
        index += 1
    return index


def unescape_src(text: str) -> str:
    """Decode an HTML attribute value (``&amp;`` -> ``&``)."""
    return html.unescape(text)


class HeadedDialect(Dialect):
    """What the headed dialects share: heading slots, speaker joiners kept, verified renders."""

    #: The joiner between plain speakers in fresh text.
    PLAIN_JOINER: ClassVar[str] = ", "

    def heading_slots(self, parts: HeadingParts) -> list[tuple[str, int, int]]:
        """Return the title and speakers slots of a heading at the start of the block."""
        return [("title", *parts.title_span), ("speakers", *parts.speakers_span)]

    def build_layout(
        self,
        session: Session,
        full: str,
        slots: list[tuple[str, int, int]],
        parts: HeadingParts,
        **style: Any,
    ) -> Layout:
        """Build the layout once the session's values are known."""
        builder = LayoutBuilder(full)
        for name, start, end in slots:
            builder.slot(name, start, end, self.slot_value(session, name))
        items = [
            [jsonable(speaker), item]
            for speaker, item in zip(parts.speakers, parts.items, strict=True)
        ]
        return self.finish_layout(
            session,
            builder,
            level=parts.level,
            items=items,
            joiners=parts.joiners,
            kinds=[thumbnail.kind for thumbnail in session.thumbnails],
            **style,
        )

    def render_heading_slot(self, block: Session, slot: str, layout: Layout) -> str:
        """Write a changed title or speaker list."""
        if slot == "title":
            return escape_name(block.title)
        return render_speakers(
            block.speakers,
            layout.style.get("items"),
            layout.style.get("joiners"),
            plain=self.PLAIN_JOINER,
        )

    def _layout_still_fits(self, block: Any, layout: Layout) -> bool:
        """Also require the thumbnails' kinds in their original order."""
        kinds = [thumbnail.kind for thumbnail in block.thumbnails]
        return super()._layout_still_fits(block, layout) and kinds == layout.style.get(
            "kinds", kinds
        )

    def render(self, block: Any) -> str:
        """Render through the layout; when an edit made it read back differently, render fresh."""
        layout = block.layout
        text = super().render(block)
        if layout is None or text == layout.source():
            return text
        lines = Lines(text.split("\n"))
        try:
            match = self.match(lines, 0)
        except (ValueError, IndexError, KeyError):
            match = None
        if match is not None and match.end == len(lines) and match.block == block:
            return text
        return self.render_fresh(block)
