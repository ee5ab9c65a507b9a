"""The preview page: the post's blocks as HTML sections inside a Docusaurus-like shell.

Each block becomes ``<section id="b-<id>" class="rb-block rb-<type>">``, so the GUI can patch a
single block in the page (``rb.patch(id, html)`` in ``templates/preview.js``). Relative image paths
resolve against the post folder through ``<base href>``.
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from roundup_editor.core.post import BLOCK_TYPE_NAMES, Block, Post, Truncate
from roundup_editor.formats.dialects import render_block
from roundup_editor.render.markdown import BlockHtmlCache
from roundup_editor.resources import read_resource

Theme = Literal["light", "dark", "auto"]
_FOLDER_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


@dataclass(frozen=True)
class RenderedBlock:
    """One block's Markdown and HTML, as shown in the page."""

    block_id: int
    kind: str
    markdown: str
    html: str

    def section(self) -> str:
        """Return the block wrapped in its page section."""
        return (
            f'<section id="b-{self.block_id}" class="rb-block rb-{self.kind}">{self.html}</section>'
        )


def excerpt_blocks(post: Post) -> list[Block]:
    """Return the blocks above the truncate marker (the whole post when there is none)."""
    for index, block in enumerate(post.blocks):
        if isinstance(block, Truncate):
            return post.blocks[:index]
    return list(post.blocks)


def post_date(post: Post, folder: Path | None) -> str:
    """Return the post's date: front matter ``date``, else the folder name's, else empty."""
    front = post.front_matter
    value: Any = front.get("date") if front is not None else None
    if value:
        return str(value)[:10]
    if folder is not None:
        match = _FOLDER_DATE.match(folder.name)
        if match:
            return "-".join(match.groups())
    return ""


def _long_date(text: str) -> str:
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return text
    return f"{day:%B} {day.day}, {day.year}"


class PageRenderer:
    """Renders posts to preview pages, reusing the cached HTML of unchanged blocks."""

    def __init__(self, cache: BlockHtmlCache | None = None) -> None:
        """Use ``cache`` (a fresh one when None) for block HTML."""
        self.cache = cache or BlockHtmlCache()
        self._template = read_resource("templates", "page.html")
        self.style = read_resource("templates", "docusaurus.css")
        self.script = read_resource("templates", "preview.js")

    def block(self, block: Block) -> RenderedBlock:
        """Render one block: its Markdown (as saved) and that Markdown's HTML."""
        text = render_block(block)
        return RenderedBlock(block.id, BLOCK_TYPE_NAMES[type(block)], text, self.cache.html(text))

    def uncached_markdown(self, post: Post) -> list[str]:
        """Return the Markdown of the post's blocks whose HTML is not cached (each text once)."""
        texts = dict.fromkeys(render_block(block) for block in post.blocks)
        return [text for text in texts if text not in self.cache]

    def blocks(self, post: Post, excerpt: bool = False) -> list[RenderedBlock]:
        """Render every block of the post (or only the excerpt's)."""
        chosen = excerpt_blocks(post) if excerpt else post.blocks
        return [self.block(block) for block in chosen]

    def header(self, post: Post, folder: Path | None) -> tuple[str, str]:
        """Return the page title (plain text) and the meta line (HTML): date and authors."""
        front = post.front_matter
        title = str(front.get("title") or "") if front is not None else ""
        parts = []
        date = post_date(post, folder)
        if date:
            parts.append(html.escape(_long_date(date)))
        authors = front.get("authors") if front is not None else None
        if isinstance(authors, str):
            authors = [authors]
        if isinstance(authors, list) and authors:
            parts.append(html.escape(", ".join(str(author) for author in authors)))
        return title or "Untitled post", " · ".join(parts)

    def footer(self, post: Post) -> str:
        """Return the tags line (HTML)."""
        front = post.front_matter
        tags = front.get("tags") if front is not None else None
        if isinstance(tags, str):
            tags = [tags]
        if not isinstance(tags, list) or not tags:
            return ""
        return "Tags: " + "".join(f'<span class="tag">{html.escape(str(t))}</span>' for t in tags)

    def page(
        self,
        post: Post,
        folder: Path | None = None,
        *,
        excerpt: bool = False,
        theme: Theme = "auto",
        rendered: list[RenderedBlock] | None = None,
    ) -> str:
        """Return the whole preview page of ``post`` (or of its excerpt)."""
        title, meta = self.header(post, folder)
        items = rendered if rendered is not None else self.blocks(post, excerpt=excerpt)
        base = folder.resolve().as_uri() + "/" if folder is not None else "about:blank"
        values = {
            "theme": theme,
            "base": html.escape(base, quote=True),
            "title": html.escape(title),
            "meta": meta,
            "body": "\n".join(item.section() for item in items),
            "footer": "" if excerpt else self.footer(post),
            "style": self.style,
            "script": self.script,
        }
        return _PLACEHOLDER.sub(lambda match: values[match.group(1)], self._template)
