"""Preview rendering, Qt-free: Markdown -> HTML per block with a cache, and the page shell.

The names below load their module on first use, so the Markdown helper process
(``render.offload``) imports Python-Markdown without the model and the dialects.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roundup_editor.render.markdown import BlockHtmlCache, markdown_to_html
    from roundup_editor.render.page import PageRenderer, RenderedBlock, excerpt_blocks

__all__ = ["BlockHtmlCache", "PageRenderer", "RenderedBlock", "excerpt_blocks", "markdown_to_html"]

_HOMES = {
    "BlockHtmlCache": "roundup_editor.render.markdown",
    "markdown_to_html": "roundup_editor.render.markdown",
    "PageRenderer": "roundup_editor.render.page",
    "RenderedBlock": "roundup_editor.render.page",
    "excerpt_blocks": "roundup_editor.render.page",
}


def __getattr__(name: str) -> object:
    """Load ``name`` from its module on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
