"""The session form: title, speakers, abstract, links and the slide thumbnail well.

A speaker is entered once and picked for any number of sessions from the post's known speakers.
"""

from __future__ import annotations

import copy
import functools

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QWidget,
)

from roundup_editor.core.post import Session, Speaker, Thumbnail
from roundup_editor.gui.forms import Form, FormHost, image_path
from roundup_editor.gui.lazy_qt import Qt
from roundup_editor.gui.thumbnail import ThumbnailWell
from roundup_editor.gui.urlguard import connect_url
from roundup_editor.gui.widgets import LineEdit, add_row, install_seal

_SPEAKER_FIELDS = (
    ("name", "&Name", "The speaker's name"),
    ("url", "&Profile URL", "LinkedIn, GitHub or a personal page"),
    ("org", "Or&ganisation", "Company or project"),
    ("org_url", "Organisation &URL", "The organisation's site"),
    ("role", "&Role", "Optional job title"),
)


_TEXT_FIELDS = ("title", "abstract", "slides_url", "video_url", "time")


def _speaker_key(speakers: list[Speaker]) -> tuple[tuple[str | None, ...], ...]:
    """Return a snapshot of ``speakers``' values (cheaper than a deep copy)."""
    return tuple((s.name, s.url, s.org, s.org_url, s.role) for s in speakers)


def post_speakers(sessions: list[Session]) -> list[Speaker]:
    """Return every distinct speaker of the post, in first-appearance order."""
    seen: list[Speaker] = []
    for session in sessions:
        for speaker in session.speakers:
            if speaker not in seen:
                seen.append(speaker)
    return seen


class SessionForm(Form):
    """Edit one session."""

    heading = "Session"

    def __init__(self, host: FormHost, parent: QWidget | None = None) -> None:
        """Build the fields, the speaker editor and the thumbnail well."""
        super().__init__(host, parent)
        self.session_title = self.line("&Title", "The talk's title")
        self.session_title.textEdited.connect(lambda text: self.set_field("title", text))
        self._build_speakers()
        self.abstract = self.editor("A&bstract")
        self.abstract.setMinimumHeight(120)
        self.abstract.edited.connect(lambda text: self.set_field("abstract", text))
        self.slides_url = self.line("&Slides URL", "Where the slide thumbnail links to")
        connect_url(self.slides_url, lambda value: self.set_field("slides_url", value))
        self.video_url = self.line("&Video URL", "The recording")
        connect_url(self.video_url, lambda value: self.set_field("video_url", value))
        self.thumbnail = ThumbnailWell()
        self.well = self.thumbnail.well
        self.remove_thumb = self.thumbnail.remove
        self.thumbnail.dropped.connect(self._dropped)
        self.thumbnail.choose_requested.connect(self._choose)
        self.thumbnail.fetch_requested.connect(self._fetch)
        self.thumbnail.remove_requested.connect(
            lambda: self.set_field("thumbnails", [], typing=False)
        )
        self.layout_form.addRow(QLabel("Thumbnail"), self.thumbnail)
        self.thumb_title = self.line("Thumbnail t&itle", "Shown when hovering the thumbnail")
        self.thumb_title.textEdited.connect(self._thumb_title_edited)
        self.outer.addStretch(1)
        self._speaker_state: tuple[object, ...] = ()
        self.known_speakers: list[Speaker] = []

    # --- speakers -------------------------------------------------------------------------

    def _build_speakers(self) -> None:
        box = QGroupBox("Speakers")
        form = QFormLayout(box)
        self.speaker_list = QListWidget()
        self.speaker_list.setAccessibleName("Speakers of this session")
        self.speaker_list.setMaximumHeight(90)
        self.speaker_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.speaker_list.model().rowsMoved.connect(
            lambda *_: QTimer.singleShot(0, self._speakers_reordered)
        )
        self.speaker_list.currentRowChanged.connect(self._show_speaker)
        form.addRow(self.speaker_list)
        row = QHBoxLayout()
        self.known = QComboBox()
        self.known.setAccessibleName("Known speakers")
        self.known.setToolTip("Speakers already in this post")
        pick = QPushButton("&Add selected")
        pick.setAccessibleName("Add the selected known speaker")
        pick.clicked.connect(self._pick_known)
        new = QPushButton("&New speaker")
        new.clicked.connect(self._new_speaker)
        remove = QPushButton("Remo&ve")
        remove.setAccessibleName("Remove speaker from session")
        remove.clicked.connect(self._remove_speaker)
        for widget in (self.known, pick, new, remove):
            row.addWidget(widget)
        form.addRow(row)
        self.speaker_edits: dict[str, LineEdit] = {}
        for name, label, help_text in _SPEAKER_FIELDS:
            edit = LineEdit()
            add_row(form, label, edit, help_text)
            edit.setAccessibleName(f"Speaker {label.replace('&', '').lower()}")
            install_seal(edit, self.host.seal)
            if name in ("url", "org_url"):
                connect_url(edit, functools.partial(self._speaker_url_edited, name))
            else:
                edit.textEdited.connect(lambda text, key=name: self._speaker_edited(key, text))
            self.speaker_edits[name] = edit
        self.layout_form.addRow(box)

    def _speaker_url_edited(self, key: str, value: str | None) -> None:
        self._speaker_edited(key, value or "")

    def _session(self) -> Session | None:
        block = self.block()
        return block if isinstance(block, Session) else None

    def _speakers_reordered(self, *_args: object) -> None:
        session = self._session()
        if session is None:
            return
        order = [
            self.speaker_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.speaker_list.count())
        ]
        speakers = [copy.deepcopy(session.speakers[index]) for index in order]
        self.set_field("speakers", speakers, typing=False)

    def _show_speaker(self, row: int) -> None:
        session = self._session()
        speaker = session.speakers[row] if session and 0 <= row < len(session.speakers) else None
        for name, edit in self.speaker_edits.items():
            edit.setEnabled(speaker is not None)
            edit.set_text_keeping_cursor(str(getattr(speaker, name) or "") if speaker else "")

    def _speaker_edited(self, key: str, text: str) -> None:
        session = self._session()
        row = self.speaker_list.currentRow()
        if session is None or not 0 <= row < len(session.speakers):
            return
        speakers = copy.deepcopy(session.speakers)
        value: str | None = text if key == "name" else (text or None)
        setattr(speakers[row], key, value)
        self.set_field("speakers", speakers)

    def _pick_known(self) -> None:
        session = self._session()
        index = self.known.currentIndex()
        known = self.known_speakers[index] if 0 <= index < len(self.known_speakers) else None
        if session is None or known is None:
            return
        self.set_field("speakers", [*session.speakers, copy.deepcopy(known)], typing=False)
        self.speaker_list.setCurrentRow(len(session.speakers) - 1)

    def _new_speaker(self) -> None:
        session = self._session()
        if session is None:
            return
        self.set_field("speakers", [*session.speakers, Speaker("New speaker")], typing=False)
        self.speaker_list.setCurrentRow(len(session.speakers) - 1)
        name = self.speaker_edits["name"]
        name.setFocus()
        name.selectAll()

    def _remove_speaker(self) -> None:
        session = self._session()
        row = self.speaker_list.currentRow()
        if session is None or not 0 <= row < len(session.speakers):
            return
        speakers = [s for index, s in enumerate(session.speakers) if index != row]
        self.set_field("speakers", speakers, typing=False)

    # --- thumbnail ------------------------------------------------------------------------

    def _fetch(self) -> None:
        if self.block_id is not None:
            self.host.fetch_thumbnail_for(self.block_id)

    def _thumb_title_edited(self, text: str) -> None:
        session = self._session()
        if session is None or not session.thumbnails:
            return
        thumbnails = copy.deepcopy(session.thumbnails)
        thumbnails[0] = Thumbnail(
            thumbnails[0].file, text or None, thumbnails[0].kind, thumbnails[0].alt
        )
        self.set_field("thumbnails", thumbnails)

    # --- refresh --------------------------------------------------------------------------

    def refresh_field(self, block_id: int | None, name: str | None) -> None:
        """Show one changed field (a keystroke, an undo): cheaper than :meth:`refresh`.

        A change of another block, of the speakers or of the thumbnail takes the full refresh;
        text fields only set their own editor (unchanged text is left alone, cursor kept).
        """
        session = self._session()
        if session is None:
            return
        if block_id != session.id or name not in _TEXT_FIELDS:
            self.refresh()
            return
        self.session_title.set_text_keeping_cursor(session.title)
        self.abstract.set_text_keeping_cursor(session.abstract)
        if name in ("slides_url", "video_url"):
            self.refresh()  # the thumbnail well's fetch button follows the URLs

    def refresh(self) -> None:
        """Show the session's values."""
        session = self._session()
        if session is None:
            return
        sessions = self.host.document.post.sessions()
        number = next((i for i, s in enumerate(sessions) if s.id == session.id), 0) + 1
        self.title_label.setText(f"<b>Session {number} of {len(sessions)}</b>")
        self.session_title.set_text_keeping_cursor(session.title)
        self.abstract.set_text_keeping_cursor(session.abstract)
        self.slides_url.set_text_keeping_cursor(session.slides_url or "")
        self.video_url.set_text_keeping_cursor(session.video_url or "")
        known = [s for s in post_speakers(sessions) if s not in session.speakers]
        state = (session.id, _speaker_key(session.speakers), _speaker_key(known))
        if state != self._speaker_state:
            self._speaker_state = state
            self._refresh_speakers(session, known)
        thumb = session.thumbnails[0] if session.thumbnails else None
        self.thumb_title.set_text_keeping_cursor(thumb.title or "" if thumb else "")
        self.thumb_title.setEnabled(thumb is not None)
        path = image_path(self.host.document.folder, thumb.file) if thumb else None
        self.thumbnail.show_thumbnail(path, bool(session.slides_url or session.video_url))

    def _refresh_speakers(self, session: Session, known: list[Speaker]) -> None:
        row = self.speaker_list.currentRow()
        self.speaker_list.blockSignals(True)
        self.speaker_list.clear()
        for index, speaker in enumerate(session.speakers):
            self.speaker_list.addItem(speaker.name)
            self.speaker_list.item(index).setData(Qt.ItemDataRole.UserRole, index)
        row = min(max(row, 0), len(session.speakers) - 1)
        self.speaker_list.setCurrentRow(row)
        self.speaker_list.blockSignals(False)
        self._show_speaker(row)
        self.known.clear()
        self.known_speakers = list(known)
        for speaker in known:
            label = f"{speaker.name} ({speaker.org})" if speaker.org else speaker.name
            self.known.addItem(label)
