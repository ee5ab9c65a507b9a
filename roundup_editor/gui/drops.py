"""Drops onto sessions, the header well and the outline, turned into undoable commands.

One image on a session becomes its slide thumbnail; on the header well, the header. Several
images (or a folder of them) on the session list become one new session each, in file-name
order, as one undo step. Images go through the pipeline off the GUI thread
(:mod:`roundup_editor.gui.imagework`); the command is pushed when they are stored. A drop that
cannot be used changes nothing and says why in the status bar.
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
    check_file,
    check_image,
    decode_drop,
    remote_urls,
    title_from_file,
)
from roundup_editor.gui.imagework import outcome_message
from roundup_editor.gui.outline import SESSIONS_GROUP

if TYPE_CHECKING:
    from roundup_editor.gui.mainwindow import MainWindow
    from roundup_editor.images.batch import JobResult


def _readable(payload: DropPayload) -> tuple[list[Path | bytes], list[str]]:
    """Split a drop's images into usable ones and the names of broken ones (headers only)."""
    usable: list[Path | bytes] = []
    broken: list[str] = []
    for path in payload.files:
        problem = check_file(path)
        if problem is not None:
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


#: The header image is shown across the page: it is kept wider than slide thumbnails.
HEADER_WIDTH = 1200


class DropHandler:
    """Decodes drops for one window; images are processed off the GUI thread, then commands."""

    def __init__(self, window: MainWindow) -> None:
        """Work for ``window``."""
        self.window = window
        self.skipped: list[str] = []

    def _images(self, mime: QMimeData) -> list[Path | bytes] | None:
        payload = decode_drop(mime)
        if not payload.usable:
            self.window.status(payload.problem)
            return None
        usable, broken = _readable(payload)
        if not usable:
            self.window.status(f"Cannot use {', '.join(broken)}: not a readable image")
            return None
        self.skipped = broken  # named again in the message that ends the batch
        if broken:
            self.window.status(f"Skipped {', '.join(broken)}: not a readable image")
        return usable

    def drop_on_block(self, block_id: int, mime: QMimeData) -> bool:
        """Use an image dropped on a session (thumbnail) or the header (header image).

        The image is processed off the GUI thread; the block changes (one undo step) when it
        is stored. Returns whether processing started.
        """
        block = self.window.document.block(block_id)
        if not isinstance(block, (Session, HeaderImage)):
            self.window.status("Drop images on a session, the header or the session list")
            return False
        urls = remote_urls(mime)
        if urls and not decode_drop(mime).usable:
            # A link (slides, video, an image on the web): fetch its thumbnail.
            title = block.title if isinstance(block, Session) else _header_title(self.window)
            return self.window.images.fetch(
                urls[0], title, lambda name: self._fetched(block_id, name)
            )
        images = self._images(mime)
        if not images:
            return False
        image = images[0]
        if isinstance(block, Session):
            title = _session_image_title(block, image)
            return self.window.images.process(
                [image], [title], lambda results, cancelled: self._use(block_id, results)
            )
        return self.window.images.process(
            [image],
            [_header_title(self.window)],
            lambda results, cancelled: self._use(block_id, results),
            width=max(HEADER_WIDTH, self.window.settings.thumbnail_width),
        )

    def _use(self, block_id: int, results: list[JobResult]) -> None:
        """Put a stored image in the block it was dropped on (one undoable command)."""
        stored = [result for result in results if result.file is not None]
        if not stored:
            self.window.status(outcome_message(results, False, "") or "The image was not added")
            return
        name = str(stored[0].file)
        try:
            block = self.window.document.block(block_id)
        except KeyError:
            self.window.status(f"The part the image was dropped on is gone: {name} not used")
            return
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
            return
        self.window.push(command)
        self.window.status(outcome_message(results, False, f"Added {name}"))

    def drop_on_outline(self, mime: QMimeData, target: int) -> bool:
        """Images dropped on the outline: on a session, its thumbnail; elsewhere, new sessions.

        All the sessions of one drop are inserted by one undoable command when the batch ends
        (after a Cancel, the sessions of the images finished by then).
        """
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
        titles = [
            title_from_file(image) if isinstance(image, Path) else "New session" for image in images
        ]
        skipped = list(self.skipped)
        return self.window.images.process(
            images,
            titles,
            lambda results, cancelled: self._add_sessions(results, cancelled, target, skipped),
        )

    def _add_sessions(
        self, results: list[JobResult], cancelled: bool, target: int, skipped: list[str]
    ) -> None:
        """Insert one session per stored image, in drop order, as one undoable command."""
        post = self.window.document.post
        sessions: list[Session] = []
        for result in results:
            if result.file is None:
                continue
            title = result.job.title
            session = Session(title=title)
            session.thumbnails = [Thumbnail(result.file, f"{title} - slides", "slides")]
            sessions.append(session)
        if not sessions:
            self.window.status(_with_skipped(outcome_message(results, cancelled, ""), skipped))
            return
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
        message = outcome_message(results, cancelled, label.replace("Add", "Added"))
        self.window.status(_with_skipped(message, skipped))

    def choose_image_for(self, block_id: int) -> None:
        """Ask for an image file (or a PDF) and use it as if dropped."""
        name, _filter = QFileDialog.getOpenFileName(self.window, "Choose image", "", CHOOSE_FILTER)
        if name:
            mime = QMimeData()
            mime.setUrls([QUrl.fromLocalFile(name)])
            self.drop_on_block(block_id, mime)

    def fetch_for(self, block_id: int) -> bool:
        """Fetch a session's thumbnail from its slides URL (or else its video URL)."""
        try:
            block = self.window.document.block(block_id)
        except KeyError:
            return False
        if not isinstance(block, Session):
            return False
        url = block.slides_url or block.video_url
        if not url:
            self.window.status("Type the session's slides or video URL first")
            return False
        return self.window.images.fetch(
            url, block.title, lambda name: self._fetched(block_id, name)
        )

    def _fetched(self, block_id: int, name: str) -> None:
        from roundup_editor.images.batch import ImageJob, JobResult  # the pipeline loads late

        results = [JobResult(0, ImageJob(b"", ""), file=name)]
        self._use(block_id, results)


def _with_skipped(message: str, skipped: list[str]) -> str:
    """Add the files refused at the drop (unreadable headers) to a batch's closing message."""
    if not skipped:
        return message
    return f"{message}. Not readable: {', '.join(skipped)}"


CHOOSE_FILTER = "Images and PDFs (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.tif *.tiff *.pdf)"


def _session_image_title(session: Session, image: Path | bytes) -> str:
    """Return the title a session's image is named from: the session's, else the file's."""
    if session.title.strip() and session.title != "New session":
        return session.title
    return title_from_file(image) if isinstance(image, Path) else "slides"


def _header_title(window: MainWindow) -> str:
    return f"{window.document.title() or 'post'} header"


__all__ = ["SESSIONS_GROUP", "DropHandler"]
