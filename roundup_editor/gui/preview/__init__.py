"""The preview pane: Page (WebEngine or QTextBrowser), Markdown and Excerpt tabs.

``PreviewPane`` is imported on first use, so ``app.main`` can ask ``webengine_available`` and
start WebEngine (``warm.start_engine``) before the editor's heavier modules are imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from roundup_editor.gui.preview.warm import webengine_available

if TYPE_CHECKING:
    from roundup_editor.gui.preview.pane import PreviewPane

__all__ = ["PreviewPane", "webengine_available"]


def __getattr__(name: str) -> Any:
    """Import ``PreviewPane`` when it is first asked for."""
    if name == "PreviewPane":
        from roundup_editor.gui.preview.pane import PreviewPane

        return PreviewPane
    raise AttributeError(name)
