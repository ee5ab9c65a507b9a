"""What the window shows of its post's state: the title bar, the save state and the slug."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from roundup_editor.core.document import PostDocument
from roundup_editor.render.page import post_date


class DocumentStateView:
    """The title bar (``Title[*] — folder — Roundup Editor``) and two status bar labels.

    Attributes:
        state_label: "Saved" or "Unsaved changes".
        slug_label: the post's slug and date (``cloud-day · 2025-06-14``).
    """

    def __init__(self, window: QMainWindow) -> None:
        """Add the labels to ``window``'s status bar."""
        self.window = window
        self.state_label = QLabel()
        self.slug_label = QLabel()
        self.state_label.setContentsMargins(0, 0, 16, 0)
        self.state_label.setAccessibleName("Save state")
        self.slug_label.setAccessibleName("Slug and date")
        window.statusBar().addPermanentWidget(self.state_label)
        window.statusBar().addPermanentWidget(self.slug_label)

    def show(self, document: PostDocument) -> None:
        """Show ``document``'s title, folder, dirty state, slug and date."""
        title = document.title() or "Untitled post"
        folder = str(document.folder) if document.folder else "not saved yet"
        self.window.setWindowTitle(f"{title}[*] — {folder} — Roundup Editor")
        self.window.setWindowModified(document.dirty)
        self.state_label.setText("Unsaved changes" if document.dirty else "Saved")
        front = document.post.front_matter
        slug = str(front.get("slug") or "") if front is not None else ""
        date = post_date(document.post, document.folder)
        self.slug_label.setText(" · ".join(part for part in (slug, date) if part))
