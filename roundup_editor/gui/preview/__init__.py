"""The preview pane: Page (WebEngine or QTextBrowser), Markdown and Excerpt tabs."""

from roundup_editor.gui.preview.pane import PreviewPane, webengine_available

__all__ = ["PreviewPane", "webengine_available"]
