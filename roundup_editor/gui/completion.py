"""Completions in the forms: speakers, sponsors, and the site's authors and tags.

Speaker names complete from the post's speakers first, then from the directory (prefix of the
name or of any word, accents ignored); choosing one fills the speaker's other fields. Sponsor
names complete from the post's and the directory's sponsors and fill the URL. Once a site is known
(Export to site), the post form's authors and tags complete from ``authors.yml`` and
``tags.yml`` and unknown keys are flagged beside the field. Saving remembers the post's people.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from roundup_editor.core.errors import RoundupError
from roundup_editor.core.post import Post, Speaker, Sponsor, Sponsors
from roundup_editor.gui.forms import Form, PostForm, split_list
from roundup_editor.gui.lazy_qt import set_enum_property

if TYPE_CHECKING:  # the forms, the directory and the site reader load when first used
    from roundup_editor.export.site import DocusaurusSite
    from roundup_editor.gui.mainwindow import MainWindow
    from roundup_editor.gui.session_form import SessionForm
    from roundup_editor.gui.sponsors_form import SponsorsForm
    from roundup_editor.importers.directory import Directory

_UNKNOWN_STYLE = "QLineEdit { border: 1px solid #c0392b; }"


def _starts(name: str, prefix: str) -> bool:
    from roundup_editor.importers.names import fold

    wanted = fold(prefix).strip()
    if not wanted:
        return False
    folded = fold(name)
    return folded.startswith(wanted) or any(word.startswith(wanted) for word in folded.split())


def speaker_candidates(post: Post, directory: Directory, prefix: str, limit: int = 12) -> list[str]:
    """Return speaker names for ``prefix``: the post's speakers first, then the directory's."""
    from roundup_editor.gui.session_form import post_speakers

    names = [s.name for s in post_speakers(post.sessions()) if _starts(s.name, prefix)]
    for person in directory.complete_people(prefix, limit):
        if person.name not in names:
            names.append(person.name)
    return names[:limit]


def sponsor_candidates(post: Post, directory: Directory, prefix: str, limit: int = 12) -> list[str]:
    """Return sponsor names for ``prefix``: the post's sponsors, then the directory's."""
    names: list[str] = []
    for block in post.blocks:
        if isinstance(block, Sponsors):
            names += [s.name for s in block.sponsors if _starts(s.name, prefix)]
    for organisation in directory.complete_sponsors(prefix, limit):
        if organisation.name not in names:
            names.append(organisation.name)
    return names[:limit]


def find_speaker(post: Post, directory: Directory, name: str) -> Speaker | None:
    """Return the full speaker for a chosen name: from the post, else from the directory."""
    from roundup_editor.gui.session_form import post_speakers

    for speaker in post_speakers(post.sessions()):
        if speaker.name == name:
            return copy.deepcopy(speaker)
    person = directory.person(name)
    return person.speaker() if person is not None else None


class MultiValueCompleter(QCompleter):
    """Completes the last item of a comma-separated list (authors, tags)."""

    def splitPath(self, path: str) -> list[str]:
        """Complete only the text after the last comma."""
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: object) -> str:
        """Replace the last item with the chosen one, keeping the items before it."""
        chosen = str(super().pathFromIndex(index))  # type: ignore[arg-type]
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = [item.strip() for item in text.split(",")[:-1] if item.strip()]
        return ", ".join([*head, chosen])


class _LiveCompleter(QCompleter):
    """A completer whose list is recomputed from the typed prefix (no filtering of its own)."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self.names = QStringListModel(self)
        self.setModel(self.names)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        set_enum_property(self, "caseSensitivity", "CaseInsensitive")
        self.setWidget(edit)

    def offer(self, names: list[str]) -> None:
        """Show ``names`` under the field (or hide the popup when there are none)."""
        self.names.setStringList(names)
        if names:
            self.complete()
        else:
            popup = self.popup()
            if popup is not None:
                popup.hide()


class Completion:
    """The completions of one window, and its directory of people and organisations."""

    def __init__(self, window: MainWindow) -> None:
        """Install the authors and tags completers; the others come with their forms."""
        self.window = window
        self.site: DocusaurusSite | None = None
        self._directory: Directory | None = None
        self._speaker_completer: _LiveCompleter | None = None
        self._sponsor_completer: _LiveCompleter | None = None
        for name, form in window.forms.built().items():
            self.form_built(name, form)
        post_form = window.forms["post"]
        assert isinstance(post_form, PostForm)
        self.authors_edit: QLineEdit = post_form.authors
        self.tags_edit: QLineEdit = post_form.tags
        self.authors_completer = MultiValueCompleter([], self.authors_edit)
        self.tags_completer = MultiValueCompleter([], self.tags_edit)
        for edit, completer in (
            (self.authors_edit, self.authors_completer),
            (self.tags_edit, self.tags_completer),
        ):
            set_enum_property(completer, "caseSensitivity", "CaseInsensitive")
            edit.setCompleter(completer)
            # a chosen completion is an edit like typing (the form listens to textEdited)
            completer.activated.connect(lambda _text, e=edit: e.textEdited.emit(e.text()))
            edit.textChanged.connect(lambda _text: self.flag_unknown())
        self.use_remembered_site()

    def use_remembered_site(self) -> None:
        """Use the site folder of the last export (settings), when it is still a site."""
        folder = self.window.settings.blog_repository
        if not folder:
            return
        try:
            from roundup_editor.export.site import detect_site

            self.set_site(detect_site(Path(folder)))
        except (RoundupError, OSError):
            self.set_site(None)

    def form_built(self, name: str, form: Form) -> None:
        """Install the speaker or sponsor completer on the session or sponsors form."""
        if name == "session":
            from roundup_editor.gui.session_form import SessionForm

            assert isinstance(form, SessionForm)
            edit = form.speaker_edits["name"]
            self._speaker_completer = _LiveCompleter(edit)
            edit.textEdited.connect(self._speaker_typed)
            self._speaker_completer.activated.connect(self.choose_speaker)
        elif name == "sponsors":
            from roundup_editor.gui.sponsors_form import SponsorsForm

            assert isinstance(form, SponsorsForm)
            self._sponsor_completer = _LiveCompleter(form.name)
            form.name.textEdited.connect(self._sponsor_typed)
            self._sponsor_completer.activated.connect(self.choose_sponsor)

    @property
    def session_form(self) -> SessionForm:
        """The window's session form (built now if it was not yet)."""
        from roundup_editor.gui.session_form import SessionForm

        form = self.window.forms["session"]
        assert isinstance(form, SessionForm)
        return form

    @property
    def sponsors_form(self) -> SponsorsForm:
        """The window's sponsors form (built now if it was not yet)."""
        from roundup_editor.gui.sponsors_form import SponsorsForm

        form = self.window.forms["sponsors"]
        assert isinstance(form, SponsorsForm)
        return form

    @property
    def speaker_completer(self) -> _LiveCompleter:
        """The speaker name field's completer."""
        self.session_form  # noqa: B018  (building the form installs the completer)
        assert self._speaker_completer is not None
        return self._speaker_completer

    @property
    def sponsor_completer(self) -> _LiveCompleter:
        """The sponsor name field's completer."""
        self.sponsors_form  # noqa: B018  (building the form installs the completer)
        assert self._sponsor_completer is not None
        return self._sponsor_completer

    # --- the directory ---------------------------------------------------------------------

    @property
    def directory(self) -> Directory:
        """The user's directory (read on first use; empty, with a status line, when damaged)."""
        if self._directory is None:
            from roundup_editor.importers.directory import Directory, load_directory

            try:
                self._directory = load_directory()
            except RoundupError as error:
                self.window.status(f"The directory could not be read: {error}")
                self._directory = Directory()
        return self._directory

    def set_directory(self, directory: Directory) -> None:
        """Use ``directory`` (after the directory dialog saved or imported one)."""
        self._directory = directory

    def remember(self, post: Post, label: str = "") -> None:
        """Remember the post's people and sponsors in the directory file (after Save)."""
        directory = self.directory
        directory.remember_post(post, label)
        try:
            directory.save()
        except RoundupError as error:
            self.window.status(f"The directory was not saved: {error}")

    # --- speakers and sponsors -------------------------------------------------------------

    def _speaker_typed(self, text: str) -> None:
        names = speaker_candidates(self.window.document.post, self.directory, text)
        self.speaker_completer.offer([name for name in names if name != text])

    def _sponsor_typed(self, text: str) -> None:
        names = sponsor_candidates(self.window.document.post, self.directory, text)
        self.sponsor_completer.offer([name for name in names if name != text])

    def choose_speaker(self, name: str) -> None:
        """Fill the current speaker of the session form with the chosen person."""
        form = self.session_form
        block = form.block()
        row = form.speaker_list.currentRow()
        chosen = find_speaker(self.window.document.post, self.directory, name)
        speakers = getattr(block, "speakers", None)
        if chosen is None or speakers is None or not 0 <= row < len(speakers):
            return
        replaced = copy.deepcopy(speakers)
        replaced[row] = chosen
        form.set_field("speakers", replaced, typing=False)
        self.window.seal()

    def choose_sponsor(self, name: str) -> None:
        """Fill the selected sponsor with the chosen name and its URL."""
        form = self.sponsors_form
        block = form.block()
        row = form.items.currentRow()
        if not isinstance(block, Sponsors) or not 0 <= row < len(block.sponsors):
            return
        url = next(
            (
                s.url
                for b in self.window.document.post.blocks
                if isinstance(b, Sponsors)
                for s in b.sponsors
                if s.name == name and s.url
            ),
            None,
        )
        organisation = self.directory.organisation(name)
        if url is None and organisation is not None:
            url = organisation.url
        sponsors = copy.deepcopy(block.sponsors)
        sponsors[row] = Sponsor(name, url, sponsors[row].role)
        form.set_field("sponsors", sponsors, typing=False)
        self.window.seal()

    # --- authors and tags from the site ----------------------------------------------------

    def set_site(self, site: DocusaurusSite | None) -> None:
        """Offer the site's author keys and tags in the post form and flag unknown ones."""
        self.site = site
        authors = sorted(site.authors) if site is not None else []
        tags = sorted(site.tags or {}) if site is not None else []
        self.authors_completer.setModel(QStringListModel(authors, self.authors_completer))
        self.tags_completer.setModel(QStringListModel(tags, self.tags_completer))
        self.flag_unknown()

    def unknown(self) -> tuple[list[str], list[str]]:
        """Return the (author keys, tags) in the post form that the site does not know."""
        site = self.site
        if site is None:
            return [], []
        authors = [key for key in split_list(self.authors_edit.text()) if key not in site.authors]
        tags: list[str] = []
        if site.tags is not None:
            tags = [tag for tag in split_list(self.tags_edit.text()) if tag not in site.tags]
        return authors, tags

    def flag_unknown(self) -> None:
        """Mark the authors and tags fields when they name keys the site lacks."""
        authors, tags = self.unknown()
        for edit, missing, what in (
            (self.authors_edit, authors, "authors.yml"),
            (self.tags_edit, tags, "tags.yml"),
        ):
            _flag(edit, missing, what)


def _flag(edit: QWidget, missing: list[str], where: str) -> None:
    if missing:
        edit.setStyleSheet(_UNKNOWN_STYLE)
        edit.setToolTip(f"Not in the site's {where}: {', '.join(missing)}")
        edit.setAccessibleDescription(f"Unknown: {', '.join(missing)}")
    else:
        edit.setStyleSheet("")
        edit.setToolTip("")
        edit.setAccessibleDescription("")
