"""Completions: speakers and sponsors from the post and the directory; authors and tags."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import type_into
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from roundup_editor.core.post import Sponsors
from roundup_editor.export.site import detect_site
from roundup_editor.gui.session_form import SessionForm
from roundup_editor.gui.sponsors_form import SponsorsForm
from roundup_editor.importers.directory import (
    Directory,
    Organisation,
    Person,
    load_directory,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def directory() -> Directory:
    """A saved user directory with an invented person and an invented sponsor."""
    book = Directory()
    book.add_person(
        Person(
            "Dagny Østrander",
            "https://www.linkedin.com/in/dagny-ostrander/",
            "Fjordline Hosting",
            "https://fjordline.example/",
            "Platform Lead",
        )
    )
    book.add_organisation(Organisation("Fjordline Hosting", "https://fjordline.example/", True))
    book.save()
    return book


def _choose(qtbot, completer, text: str) -> None:  # type: ignore[no-untyped-def]
    """Pick ``text`` in the completer's popup with the keyboard."""
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    model = popup.model()
    rows = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert text in rows, rows
    for _ in range(rows.index(text) + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def _new_speaker(window, qtbot) -> SessionForm:  # type: ignore[no-untyped-def]
    session = window.document.post.sessions()[0]
    window.select_block(session.id)
    form = window.forms["session"]
    assert isinstance(form, SessionForm)
    button = next(b for b in form.findChildren(QPushButton) if b.text() == "&New speaker")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return form


def test_speaker_from_the_directory_fills_the_fields(
    make_window, post_folder, qtbot, directory
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    form = _new_speaker(window, qtbot)
    name = form.speaker_edits["name"]
    type_into(qtbot, name, "dag")  # case ignored
    _choose(qtbot, window.completion.speaker_completer, "Dagny Østrander")
    speaker = window.document.post.sessions()[0].speakers[-1]
    assert (speaker.name, speaker.url, speaker.org, speaker.org_url, speaker.role) == (
        "Dagny Østrander",
        "https://www.linkedin.com/in/dagny-ostrander/",
        "Fjordline Hosting",
        "https://fjordline.example/",
        "Platform Lead",
    )
    assert form.speaker_edits["org"].text() == "Fjordline Hosting"
    assert form.speaker_edits["role"].text() == "Platform Lead"


def test_speaker_from_the_post_comes_first(make_window, post_folder, qtbot, directory) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    form = _new_speaker(window, qtbot)
    type_into(qtbot, form.speaker_edits["name"], "Chi")
    popup = window.completion.speaker_completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == "Chiara Voss"
    _choose(qtbot, window.completion.speaker_completer, "Chiara Voss")
    speaker = window.document.post.sessions()[0].speakers[-1]
    assert speaker.url == "https://www.linkedin.com/in/chiara-voss"
    assert speaker.org == "Voss & Partners"


def test_sponsor_from_the_directory_fills_the_url(
    make_window, post_folder, qtbot, directory
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    block = next(b for b in window.document.post.blocks if isinstance(b, Sponsors))
    window.select_block(block.id)
    form = window.forms["sponsors"]
    assert isinstance(form, SponsorsForm)
    add = next(b for b in form.findChildren(QPushButton) if b.text() == "&Add sponsor")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    type_into(qtbot, form.name, "Fjo")
    _choose(qtbot, window.completion.sponsor_completer, "Fjordline Hosting")
    sponsor = window.document.post.blocks[window.document.post.block_index(block.id)]
    assert isinstance(sponsor, Sponsors)
    assert (sponsor.sponsors[-1].name, sponsor.sponsors[-1].url) == (
        "Fjordline Hosting",
        "https://fjordline.example/",
    )


def test_saving_remembers_the_people(make_window, post_folder, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    assert load_directory().person("Chiara Voss") is None
    assert window.files.save()
    book = load_directory()
    person = book.person("Chiara Voss")
    assert person is not None and person.org == "Voss & Partners"
    assert person.seen_in == [post_folder.name]
    harbourline = book.organisation("Harbourline")
    assert harbourline is not None and harbourline.sponsor


def _site(root: Path) -> Path:
    (root / "blog").mkdir(parents=True)
    (root / "docusaurus.config.js").write_text("module.exports = {};\n", encoding="utf-8")
    (root / "package.json").write_text(
        '{"dependencies": {"@docusaurus/core": "3.10.0"}}', encoding="utf-8"
    )
    (root / "blog" / "authors.yml").write_text(
        "jamie:\n  name: Jamie Placeholder\nriley:\n  name: Riley Example\n", encoding="utf-8"
    )
    (root / "blog" / "tags.yml").write_text(
        "roundup:\n  label: Roundup\nnews:\n  label: News\n", encoding="utf-8"
    )
    return root


def test_authors_and_tags_complete_from_the_site(make_window, post_folder, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    window.completion.set_site(detect_site(_site(tmp_path / "site")))
    form = window.forms["post"]
    authors = form.authors
    assert window.completion.unknown() == ([], [])
    assert authors.toolTip() == ""
    authors.setFocus()
    authors.end(False)
    qtbot.keyClicks(authors, ", ri")
    _choose(qtbot, window.completion.authors_completer, "riley")
    assert authors.text() == "jamie, riley"
    assert window.document.post.front_matter.get("authors") == ["jamie", "riley"]
    type_into(qtbot, form.tags, "roundup, meetups")
    assert window.completion.unknown() == ([], ["meetups"])
    assert "meetups" in form.tags.toolTip()
    assert form.tags.styleSheet()


def test_the_last_site_is_used_at_start(make_window, post_folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    assert window.completion.site is None
    window.settings.blog_repository = str(_site(tmp_path / "site"))
    window.completion.use_remembered_site()
    assert window.completion.site is not None
    assert sorted(window.completion.site.authors) == ["jamie", "riley"]
    window.settings.blog_repository = str(tmp_path / "gone")
    window.completion.use_remembered_site()
    assert window.completion.site is None
