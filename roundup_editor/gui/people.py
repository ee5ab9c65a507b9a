"""The "People" part of the outline: the post's speakers, each edited once for every session.

Changing a speaker's name, profile URL, organisation, organisation URL or role here replaces that
speaker in every session that has them, as one undo step
(:func:`~roundup_editor.core.commands.replace_speaker`). A field's edit is applied when the user
presses Return or leaves the field, so one edit is one step.
"""

from __future__ import annotations

import copy

from PySide6.QtWidgets import QLabel, QListWidget, QWidget

from roundup_editor.core.commands import replace_speaker
from roundup_editor.core.post import Post, Speaker
from roundup_editor.gui.forms import Form, FormHost
from roundup_editor.gui.session_form import post_speakers
from roundup_editor.gui.urlguard import encode_url, mark, url_refusal
from roundup_editor.gui.widgets import LineEdit, add_row

PEOPLE_FIELDS = (
    ("name", "&Name", "The speaker's name, as every session shows it"),
    ("url", "&Profile URL", "LinkedIn, GitHub or a personal page"),
    ("org", "Or&ganisation", "Company or project"),
    ("org_url", "Organisation &URL", "The organisation's site"),
    ("role", "&Role", "Optional job title"),
)


def sessions_of(post: Post, speaker: Speaker) -> list[str]:
    """Return the titles of the sessions ``speaker`` speaks in."""
    return [session.title for session in post.sessions() if speaker in session.speakers]


def people_label(post: Post) -> str:
    """Return the outline text of the People entry."""
    return f"People ({len(post_speakers(post.sessions()))})"


class PeopleForm(Form):
    """Every speaker of the post; an edit here updates each session that has the speaker."""

    heading = "People"

    def __init__(self, host: FormHost, parent: QWidget | None = None) -> None:
        """Build the speaker list and the fields of the selected speaker."""
        super().__init__(host, parent)
        self.people = QListWidget()
        self.people.setMinimumHeight(160)
        self.people.currentRowChanged.connect(self._show)
        add_row(self.layout_form, "&Speakers", self.people, "Each speaker once, in post order")
        self.edits: dict[str, LineEdit] = {}
        for name, label, help_text in PEOPLE_FIELDS:
            edit = LineEdit()
            add_row(self.layout_form, label, edit, help_text)
            edit.setAccessibleName(f"Person {label.replace('&', '').lower()}")
            edit.editingFinished.connect(lambda key=name: self._apply(key))
            self.edits[name] = edit
        self.sessions = QLabel("")
        self.sessions.setWordWrap(True)
        self.sessions.setAccessibleName("Sessions of this speaker")
        self.outer.addWidget(self.sessions)
        self.outer.addStretch(1)
        self.speakers: list[Speaker] = []

    def current(self) -> Speaker | None:
        """Return the selected speaker (as the post has them now)."""
        row = self.people.currentRow()
        return self.speakers[row] if 0 <= row < len(self.speakers) else None

    def _show(self, row: int) -> None:
        speaker = self.speakers[row] if 0 <= row < len(self.speakers) else None
        for name, edit in self.edits.items():
            edit.setEnabled(speaker is not None)
            edit.set_text_keeping_cursor(str(getattr(speaker, name) or "") if speaker else "")
        if speaker is None:
            self.sessions.setText("No speakers yet: add them to sessions.")
            return
        titles = sessions_of(self.host.document.post, speaker)
        self.sessions.setText(
            f"Speaks in {len(titles)} session(s): " + "; ".join(titles) if titles else ""
        )

    def _apply(self, key: str) -> None:
        speaker = self.current()
        if speaker is None:
            return
        text = self.edits[key].text().strip()
        if key == "name" and not text:
            self.edits[key].set_text_keeping_cursor(speaker.name)
            return
        value: str | None = text if key == "name" else (text or None)
        if key in ("url", "org_url"):
            problem = url_refusal(text)
            mark(self.edits[key], problem)
            if problem is not None:
                return  # a quiet marker on the field; nothing changes
            value = encode_url(text)
        if getattr(speaker, key) == value:
            return
        changed = copy.deepcopy(speaker)
        setattr(changed, key, value)
        self.edit_speaker(speaker, changed)

    def edit_speaker(self, old: Speaker, new: Speaker) -> None:
        """Replace ``old`` by ``new`` in every session, as one undo step."""
        command = replace_speaker(self.host.document.post, old, new)
        if command.commands:
            self.host.seal()
            self.host.push(command)

    def select_speaker(self, name: str) -> None:
        """Select the speaker named ``name`` in the list."""
        for row, speaker in enumerate(self.speakers):
            if speaker.name == name:
                self.people.setCurrentRow(row)
                return

    def refresh(self) -> None:
        """Show the post's speakers, keeping the selected row."""
        row = self.people.currentRow()
        self.speakers = post_speakers(self.host.document.post.sessions())
        self.people.blockSignals(True)
        self.people.clear()
        for speaker in self.speakers:
            count = len(sessions_of(self.host.document.post, speaker))
            org = f" ({speaker.org})" if speaker.org else ""
            self.people.addItem(f"{speaker.name}{org} · {count} session(s)")
        row = min(max(row, 0), len(self.speakers) - 1)
        self.people.setCurrentRow(row)
        self.people.blockSignals(False)
        self.title_label.setText(f"<b>People ({len(self.speakers)})</b>")
        self._show(row)
