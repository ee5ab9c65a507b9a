"""Sponsor lists ("A, B and C"): the strict grammar of lists the app writes, and prose lists.

Written lists separate items with ``, `` and a final `` and ``. Each item is ``[name](url)`` or a
plain name. Names are escaped for Markdown/MDX (:func:`~roundup_editor.formats.text.escape_text`),
and the list's own tokens inside a name are written as entities: every ``,`` as ``&#44;`` and a
free-standing ``and`` as ``a&#110;d``. So a written list splits back into exactly its items,
whatever the names hold (:func:`parse_fresh_list`).

Hand-written prose is read more cautiously (:func:`parse_prose_list`): items are Markdown links
(their text may wrap across lines), HTML ``<a href>`` links, or capitalised plain names, and the
list ends where the next thing is not one of those.
"""

from __future__ import annotations

import html

from roundup_editor.core.post import Sponsor
from roundup_editor.formats.dialects.inline import LINK, split_top_level
from roundup_editor.formats.patterns import lazy_pattern
from roundup_editor.formats.text import escape_text, normalize_url, unescape_text

# A free-standing "and" (bounded by spaces or the ends of the name).
_FREE_AND = lazy_pattern(r"(?:(?<= )|^)and(?= |$)")
_HTML_NAME_ENTITIES = {char: f"&#{ord(char)};" for char in "{}*_`[]\\~|#,"}
_HTML_NAME_ENTITIES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_HTML_COLON = lazy_pattern(r":(?=[A-Za-z_+\-\[{:]|[0-9A-Za-z_+\-]*:)")

_PROSE_ITEM = lazy_pattern(
    r"\[(?P<text>(?:\\.|[^\[\]\\])+)\]\((?P<url>[^()\s]+)\)"
    r'|<a\s+href="(?P<href>[^"]*)"[^>]*>(?P<html>[^<]*)</a>'
    r"|(?P<plain>[A-Z][\w\-]*(?:\.[\w\-]+)*(?: [A-Z0-9][\w\-]*(?:\.[\w\-]+)*)*)"
)
# A plain name in prose: capitalised words; dots only inside a word ("Your.Online").
_PROSE_PLAIN = lazy_pattern(r"[A-Z][\w\-]*(?:\.[\w\-]+)*(?: [A-Z0-9][\w\-]*(?:\.[\w\-]+)*)*")
_PROSE_SEPARATOR = lazy_pattern(r",[ \n]+and[ \n]+|,[ \n]+|[ \n]+and[ \n]+")
_SOFT_BREAK = lazy_pattern(r"[ \t]*\n[ \t]*")


def is_prose_plain_name(name: str) -> bool:
    """Tell whether ``name``, written without a link, reads back from a prose list."""
    return _PROSE_PLAIN.fullmatch(name) is not None and escape_sponsor(name) == name


def escape_sponsor(name: str) -> str:
    """Escape a sponsor name (Markdown) so a list of names reads back exactly."""
    return _FREE_AND.sub("a&#110;d", escape_text(name).replace(",", "&#44;"))


def escape_html_sponsor(name: str) -> str:
    """Escape a sponsor name placed inside an HTML ``<a>`` element of a paragraph."""
    hazards = {match.start() for match in _HTML_COLON.finditer(name)}
    out = "".join(
        "&#58;" if index in hazards else _HTML_NAME_ENTITIES.get(char, char)
        for index, char in enumerate(name)
    )
    out = "".join(
        f"&#x{ord(char):X};" if ord(char) < 32 or ord(char) == 127 else char for char in out
    )
    return _FREE_AND.sub("a&#110;d", out)


def render_item(sponsor: Sponsor, html_links: bool = False) -> str:
    """Write one list item: a link when the sponsor has a URL, else the escaped name."""
    if not sponsor.url:
        return escape_sponsor(sponsor.name)
    if html_links:
        href = html.escape(sponsor.url, quote=True).replace("{", "&#123;").replace("}", "&#125;")
        return f'<a href="{href}" target="_blank">{escape_html_sponsor(sponsor.name)}</a>'
    return f"[{escape_sponsor(sponsor.name)}]({normalize_url(sponsor.url)})"


def render_list(sponsors: list[Sponsor], html: bool = False) -> str:
    """Write sponsors as "A, B and C", linked where they have a URL."""
    items = [render_item(sponsor, html) for sponsor in sponsors]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def find_top_level(text: str, separator: str, start: int, end: int) -> int | None:
    """Return the first position of ``separator`` in ``text[start:end]`` outside links."""
    parts = split_top_level(text[start:end], separator)
    return start + parts[0][1] if len(parts) > 1 else None


def parse_fresh_list(text: str) -> list[Sponsor] | None:
    """Read a list written by :func:`render_list` (Markdown links); None when it is not one."""
    parts = [text[first:last] for first, last in split_top_level(text, ", ")]
    last = parts[-1]
    tail = [last[first:end] for first, end in split_top_level(last, " and ")]
    if len(tail) > 2 or (len(parts) > 1 and len(tail) != 2):
        return None
    items = parts[:-1] + tail
    sponsors: list[Sponsor] = []
    for item in items:
        if not item:
            return None
        link = LINK.fullmatch(item)
        if link and link.group(2):
            sponsors.append(Sponsor(unescape_text(link.group(1)), link.group(2)))
        else:
            sponsors.append(Sponsor(unescape_text(item), None))
    if render_list(sponsors) != text:
        return None
    return sponsors


def parse_prose_list(text: str, position: int) -> tuple[list[Sponsor], int, bool] | None:
    """Read "A, B and C" in prose from ``position``.

    Returns the sponsors, where the list ends, and whether its links are HTML ``<a>`` elements;
    None when no item starts at ``position``.
    """
    sponsors: list[Sponsor] = []
    index = position
    html_links = markdown_links = 0
    while True:
        item = _PROSE_ITEM.match(text, index)
        if item is None:
            break
        if item.group("url"):
            name = unescape_text(_SOFT_BREAK.sub(" ", item.group("text")))
            sponsors.append(Sponsor(name, item.group("url")))
            markdown_links += 1
        elif item.group("href") is not None:
            name = unescape_text(_SOFT_BREAK.sub(" ", item.group("html")))
            sponsors.append(Sponsor(name, html.unescape(item.group("href")) or None))
            html_links += 1
        else:
            sponsors.append(Sponsor(unescape_text(item.group("plain")), None))
        index = item.end()
        separator = _PROSE_SEPARATOR.match(text, index)
        if separator is None or _PROSE_ITEM.match(text, separator.end()) is None:
            break
        index = separator.end()
    if not sponsors:
        return None
    return sponsors, index, html_links > 0 and markdown_links == 0


__all__ = [
    "escape_html_sponsor",
    "escape_sponsor",
    "find_top_level",
    "is_prose_plain_name",
    "parse_fresh_list",
    "parse_prose_list",
    "render_item",
    "render_list",
]
