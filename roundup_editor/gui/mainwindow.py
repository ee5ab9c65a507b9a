"""The main window: outline, editor and preview side by side; it routes, the core decides.

The window holds no business logic: edits are core commands pushed through the
:class:`~roundup_editor.gui.bridge.UndoBridge`; files are read and written by the core
(:mod:`roundup_editor.gui.files`); drops are decoded by :mod:`roundup_editor.gui.drops`.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QModelIndex, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from roundup_editor.core.commands import Command, DeleteBlocks, InsertBlocks, MoveBlock
from roundup_editor.core.document import Change, PostDocument
from roundup_editor.core.post import Session, TextBlock
from roundup_editor.core.settings import Settings
from roundup_editor.gui.actions import build_actions
from roundup_editor.gui.bridge import UndoBridge
from roundup_editor.gui.compat import protect_none
from roundup_editor.gui.completion import Completion
from roundup_editor.gui.document_state import DocumentStateView
from roundup_editor.gui.files import FileHandler
from roundup_editor.gui.form_pages import FormPages
from roundup_editor.gui.forms import Form
from roundup_editor.gui.geometry import restore_geometry, save_geometry
from roundup_editor.gui.lazy_qt import build_qt_namespace, set_enum_property
from roundup_editor.gui.outline import (
    BLOCK_ROLE,
    PEOPLE,
    POST_DETAILS,
    SESSIONS_GROUP,
    OutlineModel,
    OutlineView,
)
from roundup_editor.gui.preview import PreviewPane
from roundup_editor.gui.recovery import JournalKeeper
from roundup_editor.gui.watch import DiskWatcher
from roundup_editor.render.page import PageRenderer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from roundup_editor.gui.dialogs.import_agenda import AgendaImport
    from roundup_editor.gui.drops import DropHandler
    from roundup_editor.gui.imagework import ImageWork
    from roundup_editor.gui.problems import ProblemsPanel


#: finish_start_up comes this long after the window is built should its page never load.
FINISH_START_UP_MS = 5000


class MainWindow(QMainWindow):
    """Roundup Editor's window over one :class:`PostDocument` at a time."""

    def __init__(
        self,
        settings: Settings,
        document: PostDocument,
        use_webengine: bool | None = None,
        renderer: PageRenderer | None = None,
    ) -> None:
        """Build the panes around ``document``.

        ``renderer`` may bring the block HTML already converted (``app.main`` renders the
        first page before the window is built).
        """
        protect_none()
        super().__init__()
        self.settings = settings
        self._document = document
        self.bridge = UndoBridge(document, self)
        self.files = FileHandler(self)
        self.setAcceptDrops(True)
        self.resize(1500, 900)
        # The preview first: WebEngine starts its processes while the rest is built.
        self.preview = PreviewPane(
            document, renderer=renderer, use_webengine=use_webengine, parent=self
        )
        self.preview.reload()
        # Outline
        self.outline_model = OutlineModel(self)
        self.outline = OutlineView(self)
        self.outline.setModel(self.outline_model)
        self.outline.selectionModel().currentChanged.connect(self._on_current)
        self.outline.move_requested.connect(self._move_requested)
        self.outline.files_dropped.connect(self._files_dropped)
        # Editor: each form is built when first shown (the post details at once)
        self.stack = QStackedWidget()
        self.forms = FormPages(self, self.stack)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.stack)
        scroller.setAccessibleName("Editor")
        self.current_form: Form = self.forms["post"]
        self._stale_rows: set[int] = set()  # outline rows a keystroke left to update
        # Preview
        self.splitter = QSplitter()  # horizontal
        for pane in (self.outline, scroller, self.preview):
            self.splitter.addWidget(pane)
        self.splitter.setSizes([300, 520, 680])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        # Status bar
        self.state = DocumentStateView(self)
        self.state_label, self.slug_label = self.state.state_label, self.state.slug_label
        self.acts = build_actions(
            self,
            {
                "new": self.files.new,
                "open": self.files.open_dialog,
                "save": self.files.save,
                "save_as": self.files.save_as_dialog,
                "close": self.close,
                "quit": self.close,
                "undo": self.undo,
                "redo": self.redo,
                "add_session": self.add_session,
                "add_text": self.add_text,
                "delete": self.delete_selected,
                "move_up": lambda: self.move_selected(-1),
                "move_down": lambda: self.move_selected(1),
                "settings": self.files.edit_settings,
                "page_tab": lambda: self.preview.setCurrentIndex(0),
                "markdown_tab": lambda: self.preview.setCurrentIndex(1),
                "excerpt_tab": lambda: self.preview.setCurrentIndex(2),
                "import_agenda": lambda: self.agenda.start(),
                "export_site": self._export_site,
                "check": lambda: self.problems.check(),
                "directory": self._show_directory,
            },
        )
        set_enum_property(self.acts.delete, "shortcutContext", "WidgetShortcut")
        self.outline.addAction(self.acts.delete)
        self.files.update_recent_menu()
        self.completion = Completion(self)
        self.forms.on_built = self.completion.form_built
        restore_geometry(self, self.splitter)
        self.keeper = JournalKeeper(self)
        self.watch = DiskWatcher(self)
        self._attach(document, reload_preview=False)
        # What the window can start without comes after its first page (or after
        # FINISH_START_UP_MS should it never load): finish_start_up.
        self._started = False
        self.preview.after_first_load(self.finish_start_up)
        QTimer.singleShot(FINISH_START_UP_MS, self, self.finish_start_up)
        if settings.problem:
            self.statusBar().showMessage(settings.problem, 10000)

    # --- built on first use, off the start-up path ------------------------------------------

    @cached_property
    def images(self) -> ImageWork:
        """Image batches and fetches off the GUI thread, with their progress panel."""
        from roundup_editor.gui.imagework import ImageWork

        return ImageWork(self)

    @cached_property
    def problems(self) -> ProblemsPanel:
        """The problems list (a dock), its status bar button and the lint scheduling."""
        from roundup_editor.gui.problems import ProblemsPanel

        return ProblemsPanel(self)

    def finish_start_up(self) -> None:
        """Build what the window shows without (once): it comes after the first page.

        PySide6's Qt namespace (~20-40 ms, gui/lazy_qt.py), then the image work and the
        problems list (in this order: the status bar's), which show nothing until there is
        work or a lint result.
        """
        if self._started:
            return
        self._started = True
        build_qt_namespace()
        self.images  # noqa: B018  (built on first use)
        self.problems.schedule()

    def _built(self, name: str) -> bool:
        return name in self.__dict__  # a cached_property that has been built

    @cached_property
    def drops(self) -> DropHandler:
        """Drops of images on the outline and the image wells, and chosen images."""
        from roundup_editor.gui.drops import DropHandler

        return DropHandler(self)

    def _files_dropped(self, mime: QMimeData, target: int) -> None:
        self.drops.drop_on_outline(mime, target)

    @cached_property
    def agenda(self) -> AgendaImport:
        """The agenda import flow (File > Import Agenda)."""
        from roundup_editor.gui.dialogs.import_agenda import AgendaImport

        return AgendaImport(self)

    def _export_site(self) -> None:
        from roundup_editor.gui.dialogs.export import show_export_dialog

        show_export_dialog(self)

    def _show_directory(self) -> None:
        from roundup_editor.gui.dialogs.directory import show_directory_dialog

        show_directory_dialog(self)

    # --- the document ---------------------------------------------------------------------

    @property
    def document(self) -> PostDocument:
        """The document being edited."""
        return self._document

    def set_document(self, document: PostDocument) -> None:
        """Edit another document (after New or Open): a fresh history, panes rebuilt."""
        self.bridge.changed.disconnect(self._on_change)
        self.bridge.dirty_changed.disconnect(self._update_title)
        self.bridge.stack.clear()
        self.bridge.deleteLater()
        self._document = document
        self.bridge = UndoBridge(document, self)
        self.preview.set_document(document)
        self._attach(document, reload_preview=False)

    def _attach(self, document: PostDocument, reload_preview: bool = True) -> None:
        self.keeper.attach(document)
        self.watch.attach(document)
        self.bridge.changed.connect(self._on_change)
        self.bridge.dirty_changed.connect(self._update_title)
        self.bridge.stack.canUndoChanged.connect(self.acts.undo.setEnabled)
        self.bridge.stack.canRedoChanged.connect(self.acts.redo.setEnabled)
        self.acts.undo.setEnabled(False)
        self.acts.redo.setEnabled(False)
        self.outline_model.rebuild(document.post)
        self.outline.expandAll()
        self.outline.setCurrentIndex(self.outline_model.index_of(POST_DETAILS))
        self._show_form(POST_DETAILS)
        if reload_preview:
            self.preview.reload()
        self._update_title()
        if self._built("problems"):  # else finish_start_up builds and schedules it
            self.problems.schedule()

    def push(self, command: Command) -> None:
        """Run an undoable command (forms, drops and actions all come here)."""
        self.bridge.push(command)

    def seal(self) -> None:
        """End the current typing burst."""
        self.bridge.seal()

    def undo(self) -> None:
        """Undo one step."""
        self.seal()
        self.bridge.stack.undo()

    def redo(self) -> None:
        """Redo one step."""
        self.bridge.stack.redo()

    def drop_on_block(self, block_id: int, mime: QMimeData) -> None:
        """Use a drop on a block's image well."""
        self.drops.drop_on_block(block_id, mime)

    def choose_image_for(self, block_id: int) -> None:
        """Ask for an image file for a block's image well."""
        self.drops.choose_image_for(block_id)

    def fetch_thumbnail_for(self, block_id: int) -> None:
        """Fetch a session's thumbnail from its slides or video URL (off the GUI thread)."""
        self.drops.fetch_for(block_id)

    # --- changes --------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.kind == "field" and change.block_id is not None:
            self._on_field_change(change)
            return
        post = self.document.post
        if change.kind in ("structure", "post"):
            selected = self.selected_block_id()
            self.outline_model.rebuild(post)
            self.outline.expandAll()
            ids = {block.id for block in post.blocks}
            focus = next((i for i in change.block_ids if i in ids), None)
            kept = selected in ids or selected in (POST_DETAILS, PEOPLE)
            target = selected if kept else POST_DETAILS
            if change.kind == "structure" and focus is not None:
                target = focus
            self.outline.blockSignals(True)
            self.outline.select_block(target)
            self.outline.blockSignals(False)
            self._show_form(target)
        elif change.kind == "field" and change.block_id is not None:
            try:
                block = self.document.block(change.block_id)
            except KeyError:
                block = None
            if block is not None:
                self.outline_model.update_block(block, post)
        if change.kind == "front_matter":
            self.forms["post"].refresh()
        else:
            self.current_form.refresh()
        self.preview.on_change(change)
        self._update_title()
        self.problems.schedule()

    def _on_field_change(self, change: Change) -> None:
        """Send the preview patch first; the outline and title wait for it (a keystroke).

        The form shows the changed field again (undo, redo); the outline row, the title bar and
        the problems timer follow on an event-loop turn after the patch was handed to the page.
        """
        self.preview.on_change(change)
        refresh_field = getattr(self.current_form, "refresh_field", None)
        if refresh_field is not None:
            refresh_field(change.block_id, change.name)
        else:
            self.current_form.refresh()
        if change.block_id is not None:
            self._stale_rows.add(change.block_id)
        self.preview.after_patch(self._after_field_change)

    def _after_field_change(self) -> None:
        """Bring the outline rows, the title bar and the problems timer up to date."""
        post = self.document.post
        rows, self._stale_rows = self._stale_rows, set()
        for block_id in rows:
            try:
                block = self.document.block(block_id)
            except KeyError:
                continue
            self.outline_model.update_block(block, post)
        self._update_title()
        self.problems.schedule()

    def _update_title(self, *_args: object) -> None:
        self.state.show(self.document)

    # --- selection ------------------------------------------------------------------------

    def selected_block_id(self) -> int:
        """Return the selected outline row's block id (POST_DETAILS or SESSIONS_GROUP too)."""
        index = self.outline.currentIndex()
        return int(index.data(BLOCK_ROLE)) if index.isValid() else POST_DETAILS

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.seal()
            self._show_form(int(current.data(BLOCK_ROLE)))

    def _show_form(self, block_id: int) -> None:
        if block_id in (POST_DETAILS, SESSIONS_GROUP):
            self.current_form = self.forms.show("post")
        elif block_id == PEOPLE:
            self.current_form = self.forms.show("people")
        else:
            try:
                block = self.document.block(block_id)
            except KeyError:
                return
            self.current_form = self.forms.show_block(block)
        self.preview.select_block(block_id if block_id > 0 else None)

    def select_block(self, block_id: int) -> None:
        """Select a block in the outline (and so in the editor and preview)."""
        self.outline.select_block(block_id)

    # --- structure ------------------------------------------------------------------------

    def _insert_position(self) -> int:
        return self.document.post.insert_index(self.selected_block_id())

    def add_session(self) -> Session:
        """Add an empty session after the selected part (or after the last session)."""
        from roundup_editor.gui.session_form import SessionForm

        session = Session(title="New session")
        self.push(InsertBlocks(self._insert_position(), [session], "Add session"))
        self.select_block(session.id)
        form = self.forms["session"]
        assert isinstance(form, SessionForm)
        form.session_title.setFocus()
        form.session_title.selectAll()
        return session

    def add_text(self) -> TextBlock:
        """Add a text block after the selected part."""
        block = TextBlock(text="New paragraph.")
        self.push(InsertBlocks(self._insert_position(), [block], "Add text"))
        self.select_block(block.id)
        self.forms["text"].setFocus()
        return block

    def delete_selected(self) -> None:
        """Delete the selected part (undoable)."""
        selected = self.selected_block_id()
        if selected > 0:
            self.push(DeleteBlocks([selected], "Delete part"))

    def move_selected(self, step: int) -> None:
        """Move the selected part up or down by one (Alt+Up / Alt+Down)."""
        selected = self.selected_block_id()
        if selected <= 0:
            return
        index = self.document.post.block_index(selected)
        target = index + step
        if 0 <= target < len(self.document.post.blocks):
            self.push(MoveBlock(selected, target, "Move part"))

    def _move_requested(self, block_id: int, target: int, after: bool) -> None:
        index = self.document.post.drop_index(block_id, target, after)
        if index is not None:
            self.push(MoveBlock(block_id, index, "Move part"))

    # --- window-level drops and closing ---------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept a post folder (or index.md) dragged onto the window."""
        if self.files.post_in(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open a dropped post folder."""
        path = self.files.post_in(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.files.open_path(path))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask before closing with unsaved changes; remember the window's geometry."""
        if self.files.confirm_discard():
            self._started = True  # a closed window starts nothing more (finish_start_up)
            if self._built("problems"):
                self.problems.shutdown()
            if self._built("images"):
                self.images.cancel()
            self.keeper.close_clean()
            self.files.remember_settings()
            save_geometry(self, self.splitter)
            event.accept()
        else:
            event.ignore()

    def ask(self, title: str, text: str) -> QMessageBox.StandardButton:
        """Ask Save / Discard / Cancel (tests replace this)."""
        from PySide6.QtWidgets import QMessageBox  # (a type built on first use, not at start-up)

        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        return QMessageBox.question(self, title, text, buttons, QMessageBox.StandardButton.Save)

    def after_save(self) -> None:
        """After a save: warn about remaining errors, remember the post's people."""
        folder = self.document.folder
        self.completion.remember(self.document.post, folder.name if folder else "")
        self.problems.warn_after_save()

    def status(self, message: str, timeout: int = 8000) -> None:
        """Show one sentence in the status bar."""
        self.statusBar().showMessage(message, timeout)

    def post_folder(self) -> Path | None:
        """Return the folder images are stored in."""
        return self.document.folder

    def central(self) -> QWidget:
        """Return the splitter holding the three panes."""
        return self.splitter
