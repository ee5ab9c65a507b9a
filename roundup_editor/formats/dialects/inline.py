"""Inline Markdown pieces the dialects share: links, images, linked images, speaker lists.

Parsers return positions so a dialect can cut a layout; renderers write the canonical form.
"""

from __future__ import annotations

from dataclasses import dataclass

from roundup_editor.formats.patterns import lazy_pattern
from roundup_editor.formats.text import (
    escape_text,
    escape_title,
    normalize_url,
    unescape_text,
    unescape_title,
)

# [text](url) where text may hold escaped brackets but no nested links.
LINK = lazy_pattern(r"\[((?:\\.|[^\[\]\\])*)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)")
# ![alt](src "title") with an optional title.
IMAGE = lazy_pattern(
    r"!\[((?:\\.|[^\[\]\\])*)\]\(\s*([^\s()\"]+)(?:\s+\"((?:\\.|[^\"\\])*)\")?\s*\)"
)
LINKED_IMAGE = lazy_pattern(r"\[(" + IMAGE.pattern + r")\]\(([^()\s]+)\)")


@dataclass
class LinkText:
    """A parsed ``[text](url)`` or plain text, with the span it came from."""

    text: str
    url: str | None
    start: int
    end: int


@dataclass
class ImageRef:
    """A parsed Markdown image, maybe wrapped in a link."""

    src: str
    title: str | None
    alt: str
    link: str | None


def parse_image(text: str) -> ImageRef | None:
    """Parse ``text`` that is exactly one image or one linked image."""
    match = LINKED_IMAGE.fullmatch(text)
    if match:
        alt, src, title, link = match.group(2), match.group(3), match.group(4), match.group(5)
        return ImageRef(src, _title(title), unescape_text(alt), link)
    match = IMAGE.fullmatch(text)
    if match:
        return ImageRef(match.group(2), _title(match.group(3)), unescape_text(match.group(1)), None)
    return None


def _title(raw: str | None) -> str | None:
    return None if raw is None else unescape_title(raw)


def render_image(src: str, title: str | None, alt: str = "", link: str | None = None) -> str:
    """Write an image (linked when ``link`` is given) in canonical Markdown."""
    title_part = f' "{escape_title(title)}"' if title is not None else ""
    image = f"![{escape_text(alt)}]({normalize_url(src)}{title_part})"
    return f"[{image}]({normalize_url(link)})" if link else image


def parse_link_or_text(text: str) -> LinkText:
    """Parse ``text`` that is one ``[name](url)`` or plain text."""
    match = LINK.fullmatch(text)
    if match:
        return LinkText(unescape_text(match.group(1)), match.group(2), 0, len(text))
    return LinkText(unescape_text(text), None, 0, len(text))


def render_link_or_text(text: str, url: str | None, escape: bool = True) -> str:
    """Write ``[text](url)``, or the escaped text alone when there is no URL."""
    shown = escape_text(text) if escape else text
    return f"[{shown}]({url})" if url else shown


_ENTITY = lazy_pattern(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def split_top_level(text: str, separator: str) -> list[tuple[int, int]]:
    """Split ``text`` on ``separator`` outside links and entities; return each part's span."""
    parts = []
    depth = 0
    start = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "&":
            entity = _ENTITY.match(text, index)
            if entity:
                index = entity.end()
                continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
            if text.startswith("](", index):
                close = closing_paren(text, index + 1)
                if close > 0:
                    index = close + 1
                    continue
        elif depth == 0 and text.startswith(separator, index):
            parts.append((start, index))
            index += len(separator)
            start = index
            continue
        index += 1
    parts.append((start, len(text)))
    return parts


def closing_paren(text: str, open_index: int) -> int:
    """Return the index of the ``)`` matching the ``(`` at ``open_index``, or -1."""
    depth = 0
    for index in range(open_index, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    return -1
