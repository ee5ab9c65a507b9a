"""Drops onto sessions, the header well and the outline, turned into undoable commands.

One image on a session becomes its slide thumbnail; on the header well, the header. Several
images (or a folder of them) on the session list become one new session each, in file-name
order. A drop that cannot be used changes nothing and says why in the status bar.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QFileDialog

from roundup_editor.core.commands import Command, InsertBlocks, SetField
from roundup_editor.core.post import HeaderImage, Session, Thumbnail
from roundup_editor.gui.dnd import (
    DropPayload,
    check_image,
    decode_drop,
    store_image,
    title_from_file,
)
from roundup_editor.gui.outline import SESSIONS_GROUP

if TYPE_CHECKING:
    from roundup_editor.gui.mainwindow import MainWindow


def _readable(payload: DropPayload) -> tuple[list[Path | bytes], list[str]]:
    """Split a drop's images into usable ones and the names of broken ones."""
    usable: list[Path | bytes] = []
    broken: list[str] = []
    for path in payload.files:
        try:
            check_image(path.read_bytes())
        except (ValueError, OSError):
            broken.append(path.name)
            continue
        usable.append(path)
    for data in payload.data:
        try:
            check_image(data)
        except ValueError:
            broken.append("the dropped image data")
            continue
        usable.append(data)
    return usable, broken


class DropHandler:
    """Decodes drops for one window and pushes the resulting commands."""

    def __init__(self, window: MainWindow) -> None:
        """Work for ``window``."""
        self.window = window

    def _images(self, mime: QMimeData) -> list[Path | bytes] | None:
        payload = decode_drop(mime)
        if not payload.usable:
            self.window.status(payload.problem)
            return None
        usable, broken = _readable(payload)
        if not usable:
            self.window.status(f"Cannot use {', '.join(broken)}: not a readable image")
            return None
        if broken:
            self.window.status(f"Skipped {', '.join(broken)}: not a readable image")
        return usable

    def _store(self, image: Path | bytes, stem: str) -> str | None:
        folder = self.window.post_folder()
        if folder is None:
            self.window.status("Save the post first: images are stored in its folder")
            return None
        try:
            return store_image(image, folder, stem)
        except (ValueError, OSError) as error:
            self.window.status(f"Cannot use the image: {error}")
            return None

    def drop_on_block(self, block_id: int, mime: QMimeData) -> bool:
        """Use an image dropped on a session (thumbnail) or the header (header image)."""
        images = self._images(mime)
        if not images:
            return False
        block = self.window.document.block(block_id)
        image = images[0]
        stem = image.stem if isinstance(image, Path) else _stem_for(block)
        name = self._store(image, stem)
        if name is None:
            return False
        command: Command
        if isinstance(block, Session):
            thumbnails = copy.deepcopy(block.thumbnails)
            title = thumbnails[0].title if thumbnails else f"{block.title} - slides"
            fresh = Thumbnail(name, title, "slides")
            thumbnails[:1] = [fresh]
            command = SetField(block.id, "thumbnails", thumbnails)
            command.label = "Drop thumbnail"
        elif isinstance(block, HeaderImage):
            command = SetField(block.id, "src", name)
            command.label = "Drop header image"
        else:
            self.window.status("Drop images on a session, the header or the session list")
            return False
        self.window.push(command)
        self.window.status(f"Added {name}")
        return True

    def drop_on_outline(self, mime: QMimeData, target: int) -> bool:
        """Images dropped on the outline: on a session, its thumbnail; elsewhere, new sessions."""
        post = self.window.document.post
        if target > 0:
            try:
                block = self.window.document.block(target)
            except KeyError:
                block = None
            payload = decode_drop(mime)
            if isinstance(block, Session) and len(payload.files) + len(payload.data) == 1:
                return self.drop_on_block(target, mime)
        images = self._images(mime)
        if not images:
            return False
        sessions: list[Session] = []
        for number, image in enumerate(images, 1):
            stem = image.stem if isinstance(image, Path) else f"dropped-slide-{number}"
            name = self._store(image, stem)
            if name is None:
                return False
            title = title_from_file(Path(stem)) if isinstance(image, Path) else "New session"
            session = Session(title=title)
            session.thumbnails = [Thumbnail(name, f"{title} - slides", "slides")]
            sessions.append(session)
        existing = post.sessions()
        if target > 0 and any(s.id == target for s in existing):
            index = post.block_index(target) + 1
        elif existing:
            index = post.block_index(existing[-1].id) + 1
        else:
            index = len(post.blocks)
        label = f"Add {len(sessions)} session{'s' if len(sessions) > 1 else ''} from images"
        self.window.push(InsertBlocks(index, sessions, label))
        self.window.select_block(sessions[0].id)
        self.window.status(f"{label.replace('Add', 'Added')}")
        return True

    def choose_image_for(self, block_id: int) -> None:
        """Ask for an image file and use it as if dropped."""
        name, _filter = QFileDialog.getOpenFileName(
            self.window, "Choose image", "", "Images (*.png *.jpg *.jpeg *.gif *.webp)"
        )
        if name:
            mime = QMimeData()
            mime.setUrls([QUrl.fromLocalFile(name)])
            self.drop_on_block(block_id, mime)


def _stem_for(block: object) -> str:
    if isinstance(block, Session):
        return block.title
    return "header"


__all__ = ["SESSIONS_GROUP", "DropHandler"]
