"""The settings dialog: default authors, blog repository, thumbnail width."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from roundup_editor.core.settings import Settings
from roundup_editor.gui.forms import join_list, split_list
from roundup_editor.gui.widgets import add_row


class SettingsDialog(QDialog):
    """Edit a copy of the settings; :meth:`edit` returns the new settings or None."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        """Build the fields from ``settings``."""
        super().__init__(parent)
        self.setWindowTitle("Settings")
        layout = QFormLayout(self)
        self.authors = QLineEdit(join_list(settings.default_authors))
        add_row(layout, "Default &authors", self.authors, "Author keys for new posts")
        self.repository = QLineEdit(settings.blog_repository)
        add_row(layout, "&Blog repository", self.repository, "The Docusaurus site folder")
        self.width_box = QSpinBox()
        self.width_box.setRange(16, 4096)
        self.width_box.setValue(settings.thumbnail_width)
        self.width_box.setSuffix(" px")
        add_row(layout, "&Thumbnail width", self.width_box, "Slide thumbnails are resized to this")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.settings = settings

    def values(self) -> Settings:
        """Return the settings as entered."""
        return dataclasses.replace(
            self.settings,
            default_authors=split_list(self.authors.text()),
            blog_repository=self.repository.text().strip(),
            thumbnail_width=self.width_box.value(),
        )

    @classmethod
    def edit(cls, settings: Settings, parent: QWidget | None = None) -> Settings | None:
        """Show the dialog; return the new settings, or None when cancelled."""
        dialog = cls(settings, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
