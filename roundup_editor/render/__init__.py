"""Preview rendering, Qt-free: Markdown -> HTML per block with a cache, and the page shell."""

from roundup_editor.render.markdown import BlockHtmlCache, markdown_to_html
from roundup_editor.render.page import PageRenderer, RenderedBlock, excerpt_blocks

__all__ = ["BlockHtmlCache", "PageRenderer", "RenderedBlock", "excerpt_blocks", "markdown_to_html"]
