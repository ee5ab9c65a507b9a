"""Editor forms for the post's parts: details, header image, text, button, truncate marker.

A form shows one part. User edits become core commands sent through the host (the window), so
every edit lands in the one history; :meth:`Form.refresh` puts the model's values back into the
widgets after undo, redo or an edit elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roundup_editor.core.commands import Command, SetField, SetFrontMatter, SetFrontMatterValues
from roundup_editor.core.document import PostDocument
from roundup_editor.core.naming import slugify
from roundup_editor.core.post import Block, Button, HeaderImage, TextBlock
from roundup_editor.gui.urlguard import connect_url
from roundup_editor.gui.widgets import ImageWell, LineEdit, PlainEditor, add_row, install_seal
from roundup_editor.render.page import post_date


def split_list(text: str) -> list[str]:
    """Split ``a, b , c`` into ``["a", "b", "c"]``."""
    return [item.strip() for item in text.split(",") if item.strip()]


def join_list(value: Any) -> str:
    """Return a list (or a single value) as comma-separated text."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


class FormHost(Protocol):
    """What a form needs from the window."""

    @property
    def document(self) -> PostDocument:
        """The document being edited."""

    def push(self, command: Command) -> None:
        """Run an undoable command."""

    def seal(self) -> None:
        """End the current typing burst."""

    def drop_on_block(self, block_id: int, mime: QMimeData) -> None:
        """Use a drop on a block's image well."""

    def choose_image_for(self, block_id: int) -> None:
        """Ask for an image file for a block's image well."""

    def fetch_thumbnail_for(self, block_id: int) -> None:
        """Fetch a session's thumbnail from its slides or video URL."""


class Form(QWidget):
    """One editor page; bound to a block (or to the post details)."""

    heading = "Part"

    def __init__(self, host: FormHost, parent: QWidget | None = None) -> None:
        """Build the form's frame: a heading and a form layout."""
        super().__init__(parent)
        self.host = host
        self.block_id: int | None = None
        outer = QVBoxLayout(self)
        self.title_label = QLabel(f"<b>{self.heading}</b>")
        outer.addWidget(self.title_label)
        self.layout_form = QFormLayout()
        self.layout_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.layout_form)
        self.outer = outer

    def block(self) -> Block | None:
        """Return the bound block, or None when it is gone."""
        if self.block_id is None:
            return None
        try:
            return self.host.document.block(self.block_id)
        except KeyError:
            return None

    def bind(self, block_id: int | None) -> None:
        """Show the block ``block_id``."""
        self.block_id = block_id
        self.refresh()

    def refresh(self) -> None:
        """Put the model's values into the widgets."""

    def line(self, label: str, help_text: str = "") -> LineEdit:
        """Add a labelled line edit that ends typing bursts on focus loss."""
        edit = LineEdit()
        add_row(self.layout_form, label, edit, help_text)
        install_seal(edit, self.host.seal)
        return edit

    def editor(self, label: str) -> PlainEditor:
        """Add a labelled plain-text Markdown editor."""
        edit = PlainEditor()
        add_row(self.layout_form, label, edit)
        install_seal(edit, self.host.seal)
        return edit

    def _dropped(self, mime: QMimeData) -> None:
        """Hand image data dropped on this form's well to the window, for the bound block."""
        if self.block_id is not None:
            self.host.drop_on_block(self.block_id, mime)

    def _choose(self) -> None:
        """Ask the window to pick an image file for the bound block."""
        if self.block_id is not None:
            self.host.choose_image_for(self.block_id)

    def set_field(self, name: str, value: Any, typing: bool = True) -> None:
        """Send a field edit of the bound block."""
        if self.block_id is not None:
            self.host.push(SetField(self.block_id, name, value, typing=typing))


class PostForm(Form):
    """The post details: title, slug, date, authors, tags, description (front matter)."""

    heading = "Post details"

    def __init__(self, host: FormHost, parent: QWidget | None = None) -> None:
        """Build the fields."""
        super().__init__(host, parent)
        self.title = self.line("&Title", "The post's title")
        self.slug = self.line("S&lug", "The URL part; follows the title until you edit it")
        self.date = self.line("&Date", "YYYY-MM-DD; empty: the folder name's date")
        self.authors = self.line("&Authors", "Author keys from authors.yml, comma-separated")
        self.tags = self.line("Ta&gs", "Comma-separated tags")
        self.description = self.line("Descri&ption", "The meta description (one sentence)")
        self.outer.addStretch(1)
        self.title.textEdited.connect(self._title_edited)
        self.slug.textEdited.connect(lambda text: self._set("slug", text))
        self.date.textEdited.connect(lambda text: self._set("date", text))
        self.authors.textEdited.connect(lambda text: self._set("authors", split_list(text)))
        self.tags.textEdited.connect(lambda text: self._set("tags", split_list(text)))
        self.description.textEdited.connect(lambda text: self._set("description", text))

    def _value(self, key: str) -> Any:
        front = self.host.document.post.front_matter
        return None if front is None else front.get(key)

    def _set(self, key: str, value: Any) -> None:
        self.host.push(SetFrontMatter(key, value, typing=True))

    def _title_edited(self, text: str) -> None:
        old_title = str(self._value("title") or "")
        slug = self._value("slug")
        if not slug or slug == slugify(old_title):
            self.host.push(SetFrontMatterValues({"title": text, "slug": slugify(text)}, True))
        else:
            self._set("title", text)

    def refresh(self) -> None:
        """Show the front matter's values."""
        self.title.set_text_keeping_cursor(str(self._value("title") or ""))
        self.slug.set_text_keeping_cursor(str(self._value("slug") or ""))
        self.date.set_text_keeping_cursor(str(self._value("date") or "")[:10])
        document = self.host.document
        folder_date = post_date(document.post, document.folder) if document.folder else ""
        self.date.setPlaceholderText(
            f"{folder_date} (from the folder name)" if folder_date else "YYYY-MM-DD"
        )
        for edit, key in ((self.authors, "authors"), (self.tags, "tags")):
            value = self._value(key)
            items = value if isinstance(value, list) else split_list(join_list(value))
            if split_list(edit.text()) != [str(item) for item in items]:
                edit.set_text_keeping_cursor(join_list(value))
        self.description.set_text_keeping_cursor(str(self._value("description") or ""))


class HeaderForm(Form):
    """The header image: a drop well, the file, its title, alt text and link."""

    heading = "Header image"

    def __init__(self, host: FormHost, parent: QWidget | None = None) -> None:
        """Build the well and fields."""
        super().__init__(host, parent)
        self.well = ImageWell("Drop the header image here")
        self.well.setAccessibleName("Header image drop zone")
        self.layout_form.addRow(QLabel("Image"), self.well)
        choose = QPushButton("&Choose…")
        choose.setAccessibleName("Choose header image")
        row = QHBoxLayout()
        row.addWidget(choose)
        row.addStretch(1)
        self.layout_form.addRow("", row)
        self.src = self.line("&File", "The image file in the post folder")
        self.image_title = self.line("&Image title", "Shown when hovering the image")
        self.alt = self.line("&Alt text", "Describes the image for screen readers")
        self.link = self.line("&Link", "Optional: where clicking the image goes")
        self.outer.addStretch(1)
        self.well.dropped.connect(self._dropped)
        choose.clicked.connect(lambda: self._choose())
        self.src.textEdited.connect(lambda text: self.set_field("src", text))
        self.image_title.textEdited.connect(lambda text: self.set_field("title", text or None))
        self.alt.textEdited.connect(lambda text: self.set_field("alt", text))
        connect_url(self.link, lambda value: self.set_field("link", value))

    def refresh(self) -> None:
        """Show the header's values and image."""
        block = self.block()
        if not isinstance(block, HeaderImage):
            return
        self.src.set_text_keeping_cursor(block.src)
        self.image_title.set_text_keeping_cursor(block.title or "")
        self.alt.set_text_keeping_cursor(block.alt)
        self.link.set_text_keeping_cursor(block.link or "")
        folder = self.host.document.folder
        self.well.show_image(folder / block.src if folder is not None and block.src else None)


class TextForm(Form):
    """A free text block (intro, closing, raw HTML of an imported post)."""

    heading = "Text"

    def __init__(self, host: FormHost, parent: QWidget | None = None) -> None:
        """Build the Markdown editor."""
        super().__init__(host, parent)
        self.text = self.editor("&Markdown")
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.outer.addWidget(self.note)
        self.text.edited.connect(lambda text: self.set_field("text", text))

    def refresh(self) -> None:
        """Show the block's text."""
        block = self.block()
        if not isinstance(block, TextBlock):
            return
        self.text.set_text_keeping_cursor(block.text)
        raw = "This block holds HTML kept exactly as written." if block.kind == "raw" else ""
        self.note.setText(raw)


class ButtonForm(Form):
    """A call-to-action button."""

    heading = "Button"

    def __init__(self, host: FormHost, parent: QWidget | None = None) -> None:
        """Build the fields."""
        super().__init__(host, parent)
        self.label = self.line("&Label", "The button's text")
        self.href = self.line("&Link", "Where the button goes")
        self.outer.addStretch(1)
        self.label.textEdited.connect(lambda text: self.set_field("label", text))
        connect_url(self.href, lambda value: self.set_field("href", value or ""))

    def refresh(self) -> None:
        """Show the button's values."""
        block = self.block()
        if isinstance(block, Button):
            self.label.set_text_keeping_cursor(block.label)
            self.href.set_text_keeping_cursor(block.href)


class TruncateForm(Form):
    """The excerpt marker: nothing to edit, an explanation."""

    heading = "Excerpt marker"

    def __init__(self, host: FormHost, parent: QWidget | None = None) -> None:
        """Build the explanation."""
        super().__init__(host, parent)
        text = QLabel(
            "The blog list shows the post down to this marker. "
            "Move it with Alt+Up and Alt+Down; the Excerpt tab shows the result."
        )
        text.setWordWrap(True)
        self.outer.addWidget(text)
        self.outer.addStretch(1)


def image_path(folder: Path | None, name: str) -> Path | None:
    """Return the path of an image named in the post, or None without a folder."""
    return folder / name if folder is not None and name else None
