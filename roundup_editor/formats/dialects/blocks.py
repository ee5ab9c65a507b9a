"""Dialects for the post's fixed parts: text, truncate marker, header image and buttons."""

from __future__ import annotations

import html
import re
from typing import Any, ClassVar

from roundup_editor.core.layout import Layout, LayoutBuilder
from roundup_editor.core.post import Button, HeaderImage, TextBlock, Truncate
from roundup_editor.formats.dialects.base import Dialect, Lines, Match
from roundup_editor.formats.dialects.inline import IMAGE, LINKED_IMAGE, render_image
from roundup_editor.formats.patterns import lazy_pattern
from roundup_editor.formats.text import EMOJI_BREAK, escape_text, unescape_text, unescape_title

_HTML_TEXT_ENTITIES = {char: f"&#{ord(char)};" for char in "{}*_`[]\\~|#\t"}
_HTML_TEXT_ENTITIES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_EMOJI_COLON = lazy_pattern(r":(?=[A-Za-z_+\-\[{:]|[0-9A-Za-z_+\-]*:)")


def escape_html_text(text: str) -> str:
    """Escape text placed between HTML tags so MDX 1, MDX 3 and Python-Markdown show it as is.

    MDX parses Markdown inside JSX, so emphasis and emoji characters are written as entities too.
    """
    hazards = {match.start() for match in _EMOJI_COLON.finditer(text)}
    return "".join(
        "&#58;" if index in hazards else _HTML_TEXT_ENTITIES.get(char, char)
        for index, char in enumerate(text)
    )


def escape_button_label(text: str) -> str:
    """Escape a button label: :func:`escape_html_text`, with emoji names broken up.

    MDX 3 parses the text inside ``<a>`` as Markdown, and remark-emoji turns ``:name:`` into an
    emoji after entities are decoded, so ``&#58;`` does not stop it; an empty ``<span></span>``
    after the colon does (:data:`~roundup_editor.formats.text.EMOJI_BREAK`).
    """
    emoji = {match.start() for match in _EMOJI_NAME.finditer(text)}
    hazards = {match.start() for match in _EMOJI_COLON.finditer(text)}
    return "".join(
        ":" + EMOJI_BREAK
        if index in emoji
        else "&#58;"
        if index in hazards
        else _HTML_TEXT_ENTITIES.get(char, char)
        for index, char in enumerate(text)
    )


def _button_label(source: str) -> str:
    """Read a button label as written by :func:`escape_button_label` (or by hand)."""
    return html.unescape(source.replace(EMOJI_BREAK, ""))


_EMOJI_NAME = lazy_pattern(r":(?=[0-9A-Za-z_+\-]+:)")


def escape_attribute(value: str) -> str:
    """Escape a double-quoted HTML attribute value."""
    return html.escape(value, quote=True).replace("{", "&#123;").replace("}", "&#125;")


class TextDialect(Dialect):
    """Text blocks are written exactly as they are held."""

    name = "text"
    block_type = TextBlock
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {"text": ("text",)}

    def match(self, source: Lines, start: int) -> Match | None:
        """Text blocks are made by the engine, never recognised."""
        return None

    def render_fresh(self, block: Any) -> str:
        """Return the text verbatim."""
        return str(block.text)

    def render_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Return the text verbatim."""
        return str(block.text)

    def render(self, block: Any) -> str:
        """Return the text verbatim."""
        return str(block.text)


_TRUNCATE = lazy_pattern(r"^[ \t]*<!--\s*truncate\s*-->[ \t]*$")


class TruncateDialect(Dialect):
    """The ``<!-- truncate -->`` marker, in any spacing it was written with."""

    name = "truncate"
    block_type = Truncate
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {}

    def match(self, source: Lines, start: int) -> Match | None:
        """Match one marker line."""
        if not _TRUNCATE.match(source[start]):
            return None
        block = Truncate()
        block.layout = self.finish_layout(block, LayoutBuilder(source[start]))
        return Match(block, start + 1)

    def render_fresh(self, block: Any) -> str:
        """Return the marker that works on Docusaurus 2 and 3."""
        return "<!-- truncate -->"

    def render_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Truncate markers have no slots."""
        raise KeyError(slot)


_HTML_HEADER_START = lazy_pattern(r'^<a\s+href="([^"]*)"\s*>')
_ATTRIBUTE = r'\s{name}\s*=\s*"([^"]*)"'


class HeaderImageDialect(Dialect):
    """The header image: ``![](src "title")``, linked, or an HTML ``<a><img/></a>``."""

    name = "header"
    block_type = HeaderImage
    only_first = True
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "image": ("src", "title", "alt", "link"),
        "src": ("src",),
        "link": ("link",),
        "alt": ("alt",),
    }

    def match(self, source: Lines, start: int) -> Match | None:
        """Match a Markdown image line or an HTML link around an image."""
        line = source[start]
        image = LINKED_IMAGE.fullmatch(line) or IMAGE.fullmatch(line)
        if image:
            return self._markdown(line, start, image)
        if _HTML_HEADER_START.match(line):
            return self._html(source, start)
        return None

    def _markdown(self, line: str, start: int, image: re.Match[str]) -> Match:
        linked = image.re is LINKED_IMAGE.compiled
        offset = 1 if linked else 0
        title = image.group(3 + offset)
        block = HeaderImage(
            src=image.group(2 + offset),
            title=None if title is None else unescape_title(title),
            alt=unescape_text(image.group(1 + offset)),
            link=image.group(5) if linked else None,
        )
        builder = LayoutBuilder(line)
        builder.slot("image", 0, len(line), self.slot_value(block, "image"))
        block.layout = self.finish_layout(block, builder)
        return Match(block, start + 1)

    def _html(self, source: Lines, start: int) -> Match | None:
        end = start
        while end < len(source) and "</a>" not in source[end]:
            if not source[end].strip():
                return None
            end += 1
        if end >= len(source):
            return None
        text = source.text(start, end + 1)
        if not text.rstrip().endswith("</a>") or text.count("<img") != 1:
            return None
        href = re.search(_ATTRIBUTE.format(name="href"), text)
        src = re.search(_ATTRIBUTE.format(name="src"), text)
        alt = re.search(_ATTRIBUTE.format(name="alt"), text)
        if href is None or src is None:
            return None
        block = HeaderImage(
            src=html.unescape(src.group(1)),
            link=html.unescape(href.group(1)),
            alt=html.unescape(alt.group(1)) if alt else "",
        )
        builder = LayoutBuilder(text)
        for name, found in (("link", href), ("src", src), ("alt", alt)):
            if found is not None:
                builder.slot(name, found.start(1), found.end(1), self.slot_value(block, name))
        block.layout = self.finish_layout(block, builder, html=True)
        return Match(block, end + 1)

    def render_fresh(self, block: Any) -> str:
        """Write a Markdown image, linked when the header has a link."""
        return render_image(block.src, block.title, block.alt, block.link)

    def render_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Write the changed part: the whole image, or one HTML attribute value."""
        if slot == "image":
            return self.render_fresh(block)
        return escape_attribute(str(getattr(block, slot) or ""))


_BUTTON = lazy_pattern(
    r'<a\s+class="(button[^"]*)"\s*(?:href="([^"]*)")?[^>]*>((?:[^<]|<span></span>)*)</a>', re.S
)
_DIV_OPEN = lazy_pattern(r'^<div\s+class(?:Name)?="[^"]*"\s*>$')


class ButtonDialect(Dialect):
    """A button link, bare or inside a ``<div class="col ...">``."""

    name = "button"
    block_type = Button
    SLOT_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {"label": ("label",), "href": ("href",)}

    def match(self, source: Lines, start: int) -> Match | None:
        """Match ``<div ...>`` + button + ``</div>``, or a bare button line."""
        first = source[start].strip()
        in_div = bool(_DIV_OPEN.match(first))
        link_start = start + 1 if in_div else start
        if link_start >= len(source) or not source[link_start].lstrip().startswith(
            '<a class="button'
        ):
            return None
        link_end = link_start
        while link_end < len(source) and "</a>" not in source[link_end]:
            link_end += 1
            if link_end - link_start > 3:
                return None
        end = link_end + 1
        if in_div:
            if end >= len(source) or source[end].strip() != "</div>":
                return None
            end += 1
        text = source.text(start, end)
        found = _BUTTON.search(text)
        if found is None or found.group(2) is None or text.count("<a ") != 1:
            return None
        if not re.fullmatch(r"(<br\s*/>\s*)*", text[found.end() :].split("\n")[0].strip()):
            return None
        block = Button(label=_button_label(found.group(3)), href=html.unescape(found.group(2)))
        builder = LayoutBuilder(text)
        builder.slot("href", found.start(2), found.end(2), self.slot_value(block, "href"))
        builder.slot("label", found.start(3), found.end(3), self.slot_value(block, "label"))
        block.layout = self.finish_layout(block, builder)
        return Match(block, end)

    def render_fresh(self, block: Any) -> str:
        """Write the reference post's button: a centred column with a primary button."""
        return (
            '<div class="col col-3 col-lg text-center">\n'
            f'<a class="button button--primary" href="{escape_attribute(block.href)}" '
            f'target="_blank">{escape_button_label(block.label)}</a>\n'
            "</div>"
        )

    def render_slot(self, block: Any, slot: str, layout: Layout) -> str:
        """Write the changed label or link."""
        if slot == "href":
            return escape_attribute(block.href)
        return escape_button_label(block.label)


def plain_heading_text(text: str) -> str:
    """Return a heading's text as shown (escapes removed)."""
    return unescape_text(text)


__all__ = [
    "ButtonDialect",
    "HeaderImageDialect",
    "TextDialect",
    "TruncateDialect",
    "escape_attribute",
    "escape_html_text",
    "escape_text",
]
