"""The problems list: lint off the keystroke path, jump to the field, fix as one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import type_char
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from roundup_editor.core.post import Session
from roundup_editor.gui.session_form import SessionForm

pytestmark = pytest.mark.gui

HOMOGLYPH_TITLE = "Scаling Object Stores"  # Cyrillic "а"


def _spoil(folder: Path) -> Path:
    """Put a Cyrillic letter in the first talk's titles and a tracking parameter in a link."""
    index = folder / "index.md"
    text = index.read_text(encoding="utf-8")
    text = text.replace("Scaling Object Stores", HOMOGLYPH_TITLE)
    text = text.replace(
        "https://slides.example/deck/2", "https://slides.example/deck/2?utm_source=x"
    )
    index.write_text(text, encoding="utf-8")
    return folder


def _wait_lint(qtbot, window) -> list:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.problems.updated, timeout=10000) as blocker:
        pass
    return list(blocker.args[0])


def _first(window, rule: str, field: str | None = None) -> int:  # type: ignore[no-untyped-def]
    for row, finding in enumerate(window.problems.findings):
        if finding.rule == rule and (field is None or finding.field == field):
            return row
    raise AssertionError(f"no {rule} finding in {window.problems.findings}")


def test_toolbar_as_ui_md_shows_it(make_window, post_folder) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    toolbar = window.findChild(QToolBar, "main-toolbar")
    labels = [a.text().replace("&", "") for a in toolbar.actions() if not a.isSeparator()]
    assert labels == [
        "New",
        "Open…",
        "Save",
        "Undo",
        "Redo",
        "Import Agenda…",
        "Export to Site…",
        "Check",
    ]


def test_problems_list_follows_typing(make_window, post_folder, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(_spoil(post_folder))
    findings = _wait_lint(qtbot, window)
    rules = {finding.rule for finding in findings}
    assert {"text.homoglyph", "links.tracking"} <= rules
    assert window.problems.status_button.text() == f"{len(findings)} problems (click)"
    assert window.problems.tree.topLevelItemCount() == len(findings)
    # the outline marks the sessions that have problems
    first, third = window.document.post.sessions()[0], window.document.post.sessions()[2]
    assert not window.outline_model.items[first.id].icon().isNull()
    assert window.outline_model.items[third.id].icon().isNull()
    # the status bar entry opens the list
    assert not window.problems.dock.isVisible()
    qtbot.mouseClick(window.problems.status_button, Qt.MouseButton.LeftButton)
    assert window.problems.dock.isVisible()
    window.problems.toggle.trigger()  # View > Problems List hides and shows it
    assert not window.problems.dock.isVisible()
    window.problems.toggle.trigger()
    assert window.problems.dock.isVisible()
    # typing a lookalike letter into another session's title: a new finding after the pause
    second = window.document.post.sessions()[1]
    window.select_block(second.id)
    form = window.forms["session"]
    assert isinstance(form, SessionForm)
    form.session_title.setFocus()
    form.session_title.end(False)
    before = sum(1 for f in findings if f.block_id == second.id and f.rule == "text.homoglyph")
    type_char(form.session_title, "о")  # Cyrillic "о" at the end of a Latin word
    findings = _wait_lint(qtbot, window)
    after = sum(1 for f in findings if f.block_id == second.id and f.rule == "text.homoglyph")
    assert after > before
    assert window.problems.revision == window.document.revision


def test_stale_results_are_dropped(make_window, post_folder, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(_spoil(post_folder))
    _wait_lint(qtbot, window)
    shown: list[int] = []
    window.problems.updated.connect(lambda _f: shown.append(window.problems.revision))
    window.problems.run()  # lints the current revision in the worker...
    session = window.document.post.sessions()[0]
    window.select_block(session.id)
    form = window.forms["session"]
    form.session_title.setFocus()
    qtbot.keyClicks(form.session_title, "!")  # ...which is stale before its result arrives
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown == [window.document.revision]


def test_activating_a_finding_jumps_to_its_field(make_window, post_folder, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(_spoil(post_folder))
    _wait_lint(qtbot, window)
    window.problems.show_list()
    row = _first(window, "links.tracking")
    finding = window.problems.findings[row]
    item = window.problems.tree.topLevelItem(row)
    window.problems.tree.setCurrentItem(item)
    qtbot.keyClick(window.problems.tree, Qt.Key.Key_Return)
    assert window.selected_block_id() == finding.block_id
    form = window.forms["session"]
    assert window.current_form is form
    assert form.slides_url.hasFocus()
    # an indexed field (the thumbnail's title) is found too
    row = _first(window, "text.homoglyph", "thumbnails[0].title")
    window.problems.tree.setCurrentItem(window.problems.tree.topLevelItem(row))
    window.problems.tree.setFocus()
    qtbot.keyClick(window.problems.tree, Qt.Key.Key_Return)
    assert form.thumb_title.hasFocus()
    # a front matter finding opens the post details at its field
    row = _first(window, "site.slug-folder")
    window.problems.tree.setCurrentItem(window.problems.tree.topLevelItem(row))
    window.problems.tree.setFocus()
    qtbot.keyClick(window.problems.tree, Qt.Key.Key_Return)
    assert window.current_form is window.forms["post"]
    assert window.forms["post"].slug.hasFocus()


def test_fix_is_one_undo_step(make_window, post_folder, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(_spoil(post_folder))
    _wait_lint(qtbot, window)
    window.problems.show_list()
    row = _first(window, "text.homoglyph", "title")
    window.problems.tree.setCurrentItem(window.problems.tree.topLevelItem(row))
    assert window.problems.fix_button.isEnabled()
    original = window.document.text()
    qtbot.mouseClick(window.problems.fix_button, Qt.MouseButton.LeftButton)
    first = window.document.post.sessions()[0]
    assert isinstance(first, Session)
    assert first.title.startswith("Scaling Object Stores")
    assert window.bridge.stack.count() == 1
    window.undo()
    assert window.document.text() == original
    # Fix all: every safe fix in one step
    qtbot.mouseClick(window.problems.fix_all_button, Qt.MouseButton.LeftButton)
    assert window.bridge.stack.index() == 1
    text = window.document.text()
    assert "utm_source" not in text and "Scаling" not in text
    window.undo()
    assert window.document.text() == original


def test_save_warns_about_errors_but_saves(make_window, post_folder, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(_spoil(post_folder))
    _wait_lint(qtbot, window)
    session = window.document.post.sessions()[2]
    window.select_block(session.id)
    form = window.forms["session"]
    form.session_title.setFocus()
    form.session_title.end(False)
    qtbot.keyClicks(form.session_title, " revisited")
    assert window.document.post.sessions()[2].title.endswith(" revisited")
    assert window.files.save()
    assert "revisited" in (post_folder / "index.md").read_text(encoding="utf-8")
    message = window.statusBar().currentMessage()
    assert message.startswith("Saved, but") and "error" in message
    assert not window.document.dirty


def test_results_for_another_post_are_dropped(make_window, post_folder, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(_spoil(post_folder))
    _wait_lint(qtbot, window)
    old = window.document
    window.files.new()
    assert window.document is not old
    window.problems._on_result(old, window.document.revision, ["not for this post"])
    assert "not for this post" not in window.problems.findings
    findings = _wait_lint(qtbot, window)
    assert not any(finding.rule == "text.homoglyph" for finding in findings)


def test_check_runs_now_and_opens_the_list(make_window, post_folder, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(_spoil(post_folder))
    window.acts.check.trigger()  # no waiting: Check lints at once
    assert window.problems.dock.isVisible()
    assert window.problems.revision == window.document.revision
    count = len(window.problems.findings)
    assert count >= 3
    assert window.statusBar().currentMessage() == f"Check: {count} problems"
    assert window.problems.tree.hasFocus()


def test_no_check_starts_after_the_window_closed(make_window, post_folder, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(post_folder)
    panel = window.problems
    panel.shutdown()
    panel.schedule()
    with qtbot.assertNotEmitted(panel._relay.done, wait=200):
        panel.run()  # what the timer would call: must neither raise nor submit work
