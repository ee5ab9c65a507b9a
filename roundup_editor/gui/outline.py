"""The outline: the post's parts in document order, sessions grouped, as a Qt item model.

The model adapts the post: it is rebuilt when the block list changes and updates one row when a
field changes. The view takes drops: a block dragged within the outline moves (a core command),
image files or data dropped on a session or the sessions become thumbnails or new sessions.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from roundup_editor.core.post import (
    Block,
    Button,
    HeaderImage,
    Post,
    Session,
    Sponsors,
    TextBlock,
    Truncate,
)
from roundup_editor.gui.dnd import BLOCK_MIME, may_carry_images
from roundup_editor.gui.lazy_qt import Qt

BLOCK_ROLE = 257  # Qt.ItemDataRole.UserRole + 1 (a test checks it)
POST_DETAILS = 0
SESSIONS_GROUP = -1
PEOPLE = -2


def first_line(text: str, width: int = 48) -> str:
    """Return the first non-empty line of ``text``, shortened to ``width`` characters."""
    line = next((item.strip() for item in text.splitlines() if item.strip()), "(empty)")
    return line if len(line) <= width else line[: width - 1] + "…"


def session_problems(session: Session) -> list[str]:
    """Return what a session is missing (shown as a marker in the outline)."""
    problems = []
    if not session.speakers:
        problems.append("no speaker")
    if not session.abstract.strip():
        problems.append("no abstract")
    if not session.thumbnails and not session.slides_url and not session.video_url:
        problems.append("no slides or video")
    return problems


def block_label(block: Block, number: int = 0) -> str:
    """Return the outline text of a block."""
    if isinstance(block, Session):
        marker = " ⚠" if session_problems(block) else ""
        return f"{number} {first_line(block.title, 44)}{marker}"
    if isinstance(block, HeaderImage):
        return "Header image"
    if isinstance(block, Truncate):
        return "— excerpt ends here —"
    if isinstance(block, Button):
        return f"Button: {first_line(block.label, 36)}"
    if isinstance(block, Sponsors):
        return f"Sponsors ({len(block.sponsors)})"
    assert isinstance(block, TextBlock)
    return first_line(block.text)


def _session_runs(post: Post) -> dict[int, tuple[int, int]]:
    """Map the first session of each run of consecutive sessions to its (first, last) number."""
    runs: dict[int, tuple[int, int]] = {}
    number = 0
    start: Session | None = None
    first = 0
    for block in [*post.blocks, None]:
        if isinstance(block, Session):
            number += 1
            if start is None:
                start, first = block, number
        elif start is not None:
            runs[start.id] = (first, number)
            start = None
    return runs


def _people_text(post: Post) -> str:
    speakers = {speaker.name for session in post.sessions() for speaker in session.speakers}
    return f"People ({len(speakers)})"


class OutlineModel(QStandardItemModel):
    """A tree of the post's parts: Post details, then blocks, sessions under ``Sessions (n)``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Start empty; :meth:`rebuild` fills it."""
        super().__init__(parent)
        self.items: dict[int, QStandardItem] = {}
        self.people_item: QStandardItem | None = None

    def rebuild(self, post: Post) -> None:
        """Build the rows from ``post``."""
        self.clear()
        self.items = {}
        root = self.invisibleRootItem()
        details = QStandardItem("Post details")
        details.setData(POST_DETAILS, BLOCK_ROLE)
        details.setDropEnabled(False)
        root.appendRow(details)
        people = QStandardItem(_people_text(post))
        people.setData(PEOPLE, BLOCK_ROLE)
        people.setEditable(False)
        people.setDragEnabled(False)
        people.setDropEnabled(False)
        people.setToolTip("The post's speakers: an edit here updates every session")
        root.appendRow(people)
        self.people_item = people
        group: QStandardItem | None = None
        number = 0
        runs = _session_runs(post)
        for block in post.blocks:
            if isinstance(block, Session):
                if group is None:
                    first, last = runs[block.id]
                    group = QStandardItem(
                        f"Sessions ({last})" if len(runs) == 1 else f"Sessions {first}–{last}"
                    )
                    group.setData(SESSIONS_GROUP, BLOCK_ROLE)
                    group.setDragEnabled(False)
                    root.appendRow(group)
                number += 1
                item = self._item(block, number)
                group.appendRow(item)
            else:
                group = None
                root.appendRow(self._item(block, 0))

    def _item(self, block: Block, number: int) -> QStandardItem:
        item = QStandardItem(block_label(block, number))
        item.setData(block.id, BLOCK_ROLE)
        item.setEditable(False)
        item.setDragEnabled(True)
        if isinstance(block, Session):
            problems = session_problems(block)
            item.setToolTip("Missing: " + ", ".join(problems) if problems else block.title)
        self.items[block.id] = item
        return item

    def update_block(self, block: Block, post: Post) -> None:
        """Refresh the row of one block after a field change."""
        if self.people_item is not None:
            self.people_item.setText(_people_text(post))
        item = self.items.get(block.id)
        if item is None:
            return
        number = 0
        if isinstance(block, Session):
            number = next(i for i, s in enumerate(post.sessions(), 1) if s.id == block.id)
        replacement = self._item(block, number)
        item.setText(replacement.text())
        item.setToolTip(replacement.toolTip())
        self.items[block.id] = item

    def index_of(self, block_id: int) -> QModelIndex:
        """Return the model index of a block's row (invalid when absent)."""
        if block_id == POST_DETAILS:
            return self.index(0, 0)
        if block_id == PEOPLE:
            return self.index(1, 0)
        item = self.items.get(block_id)
        return item.index() if item is not None else QModelIndex()

    def mimeTypes(self) -> list[str]:
        """Outline drags carry block ids."""
        return [BLOCK_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """Return the dragged block's id."""
        mime = QMimeData()
        ids = [str(index.data(BLOCK_ROLE)) for index in indexes if index.isValid()]
        mime.setData(BLOCK_MIME, QByteArray(",".join(ids).encode()))
        return mime


class OutlineView(QTreeView):
    """The outline tree; turns drops into requests the window carries out.

    Signals:
        move_requested: (block id, target block id, after target) for a block dragged here.
        files_dropped: (QMimeData, target block id or SESSIONS_GROUP) for outside drops.
    """

    move_requested = Signal(int, int, bool)
    files_dropped = Signal(QMimeData, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        """Set the tree up for dragging and dropping."""
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Outline")
        self.setUniformRowHeights(True)

    def _target(self, event: QDropEvent | QDragMoveEvent) -> tuple[int, bool]:
        index = self.indexAt(event.position().toPoint())
        if not index.isValid():
            return SESSIONS_GROUP, True
        rect = self.visualRect(index)
        after = event.position().y() > rect.center().y()
        return int(index.data(BLOCK_ROLE)), after

    def _usable(self, mime: QMimeData) -> bool:
        return mime.hasFormat(BLOCK_MIME) or may_carry_images(mime)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept block moves, files and image data."""
        if self._usable(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Keep accepting; Qt's own drop indicator is not used."""
        if self._usable(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Turn the drop into a move or a files request; the model is never changed here."""
        mime = event.mimeData()
        target, after = self._target(event)
        if mime.hasFormat(BLOCK_MIME):
            raw = bytes(mime.data(BLOCK_MIME).data()).decode()
            event.setDropAction(Qt.DropAction.CopyAction)  # keep Qt from removing the row
            event.accept()
            for part in raw.split(","):
                if part.strip().lstrip("-").isdigit():
                    self.move_requested.emit(int(part), target, after)
            return
        event.acceptProposedAction()
        self.files_dropped.emit(mime, target)

    def select_block(self, block_id: int) -> None:
        """Select the row of a block without emitting a second selection round-trip."""
        model = self.model()
        if isinstance(model, OutlineModel):
            index = model.index_of(block_id)
            if index.isValid():
                self.setCurrentIndex(index)
                self.scrollTo(index)


def persistent(index: QModelIndex) -> QPersistentModelIndex:
    """Return a persistent index (kept across row changes)."""
    return QPersistentModelIndex(index)
