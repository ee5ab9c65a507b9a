"""Safe fixes as one undoable step on the document's history."""

from __future__ import annotations

from roundup_editor.core.document import PostDocument
from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post
from roundup_editor.lint import lint_post
from roundup_editor.lint.command import FixCommand

from .conftest import CLEAN, FRONT, INTRO, SESSION

MESSY = (
    FRONT.replace("slug: northwind-2025-roundup", "slug: northwind 2025")
    + INTRO.replace("<!-- truncate -->\n\n", "")
    + "Latency <5 ms and {zone} first.\n\n"
    + SESSION.replace("Backups You", "Backups Yоu")
)


def test_fix_all_is_one_step_and_undo_restores_the_bytes() -> None:
    document = PostDocument(parse_post(MESSY))
    findings = lint_post(document.post)
    command = FixCommand(findings)
    assert command.label == f"Fix {len([f for f in findings if f.fix])} problems"
    document.execute(command)
    fixed = render_post(document.post)
    assert fixed != MESSY and command.applied >= 5
    assert "<!-- truncate -->" in fixed and "slug: northwind-2025" in fixed
    assert [f for f in lint_post(document.post) if f.fix] == []
    assert document.history.undo()
    assert render_post(document.post) == MESSY
    assert document.history.redo()
    assert render_post(document.post) == fixed


def test_single_fix_label_and_undo() -> None:
    post = parse_post(CLEAN.replace("Backups You", "Backups Yоu"))
    finding = next(f for f in lint_post(post) if f.rule == "text.homoglyph")
    document = PostDocument(post)
    command = FixCommand([finding])
    assert command.label == "Fix: replace 'Yоu' with the Latin 'You'"
    document.execute(command)
    assert render_post(document.post) == CLEAN
    document.history.undo()
    assert "Yоu" in render_post(document.post)
