"""The "People" outline entry: each speaker once; an edit there updates every session."""

from __future__ import annotations

import pytest
from gui_helpers import type_into
from PySide6.QtCore import Qt

from roundup_editor.gui.outline import PEOPLE
from roundup_editor.gui.people import PeopleForm

pytestmark = pytest.mark.gui


def _open_people(window, qtbot) -> PeopleForm:  # type: ignore[no-untyped-def]
    index = window.outline_model.index_of(PEOPLE)
    assert index.isValid()
    window.outline.setFocus()
    rect = window.outline.visualRect(index)
    qtbot.mouseClick(window.outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    form = window.forms["people"]
    assert isinstance(form, PeopleForm)
    assert window.current_form is form
    return form


def test_people_entry_lists_the_speakers(make_window, post_folder, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    assert window.outline_model.index_of(PEOPLE).data() == "People (3)"
    form = _open_people(window, qtbot)
    assert [s.name for s in form.speakers] == ["Ada Quillfeather", "Bruno Kettleby", "Chiara Voss"]
    assert form.people.count() == 3
    assert "2 session(s)" in form.people.item(0).text()
    assert form.edits["org"].text() == "Northwind Labs"
    assert "Speaks in 2 session(s)" in form.sessions.text()


def test_editing_a_person_updates_every_session_in_one_step(
    make_window, post_folder, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    original = window.document.text()
    form = _open_people(window, qtbot)
    form.people.setCurrentRow(1)  # Bruno Kettleby, in sessions 2 and 5
    assert form.edits["name"].text() == "Bruno Kettleby"
    type_into(qtbot, form.edits["org"], "Harbourline Systems")
    qtbot.keyClick(form.edits["org"], Qt.Key.Key_Return)
    sessions = window.document.post.sessions()
    orgs = [s.speakers[0].org for s in sessions if s.speakers[0].name == "Bruno Kettleby"]
    assert orgs == ["Harbourline Systems", "Harbourline Systems"]
    assert window.bridge.stack.count() == 1
    # renaming: the outline keeps showing People, the list follows
    type_into(qtbot, form.edits["name"], "Bruno Kettleby-Ames")
    qtbot.keyClick(form.edits["name"], Qt.Key.Key_Return)
    names = [s.speakers[0].name for s in window.document.post.sessions()]
    assert names.count("Bruno Kettleby-Ames") == 2 and "Bruno Kettleby" not in names
    assert window.current_form is form
    assert form.people.currentRow() == 1
    assert form.speakers[1].name == "Bruno Kettleby-Ames"
    assert window.bridge.stack.count() == 2
    window.undo()
    window.undo()
    assert window.document.text() == original


def test_an_empty_name_is_refused(make_window, post_folder, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    form = _open_people(window, qtbot)
    type_into(qtbot, form.edits["name"], "")
    qtbot.keyClick(form.edits["name"], Qt.Key.Key_Return)
    assert form.edits["name"].text() == "Ada Quillfeather"
    assert window.bridge.stack.count() == 0


def test_a_dangerous_profile_url_is_refused_quietly(make_window, post_folder, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    form = _open_people(window, qtbot)
    type_into(qtbot, form.edits["url"], "javascript:alert(1)")
    qtbot.keyClick(form.edits["url"], Qt.Key.Key_Return)
    assert window.bridge.stack.count() == 0
    assert form.edits["url"].toolTip()
    type_into(qtbot, form.edits["url"], "https://ada.example/über uns")
    qtbot.keyClick(form.edits["url"], Qt.Key.Key_Return)
    urls = {s.speakers[0].url for s in window.document.post.sessions()[::3]}
    assert urls == {"https://ada.example/über%20uns"}
