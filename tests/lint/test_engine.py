"""The engine and the ``check`` command: positions, ordering, fixes, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roundup_editor.cli import main
from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post
from roundup_editor.lint import apply_fixes, has_errors, lint_post
from roundup_editor.lint.finding import Finding
from roundup_editor.lint.rules import RULES

from .conftest import CLEAN, FRONT, INTRO, PNG, SESSION, rules, write_post_folder

TESTS = Path(__file__).resolve().parent
MESSY = (
    FRONT
    + INTRO
    + "Latency <5 ms and {zone} first at http://www.github.com/northwind.\n\n"
    + SESSION.replace("Backups You", "Backups Yоu").replace(
        "ada-quillfeather/", "ada-quillfeather/?utm_source=mail"
    )
)


def test_every_rule_has_a_test() -> None:
    sources = "".join(
        path.read_text(encoding="utf-8")
        for path in TESTS.glob("test_*.py")
        if path.name != "test_engine.py"
    )
    untested = [rule for rule in RULES if f'"{rule}"' not in sources]
    assert untested == []


def test_rules_have_known_severities_and_unique_ids() -> None:
    assert all(rule.severity in ("error", "warning", "info") for rule in RULES.values())
    assert all(rule_id == rule.id for rule_id, rule in RULES.items())


def test_lint_does_not_change_the_post() -> None:
    post = parse_post(MESSY)
    lint_post(post)
    assert render_post(post) == MESSY


def test_findings_are_ordered_by_position() -> None:
    findings = lint_post(parse_post(MESSY))
    assert findings == sorted(findings, key=Finding.sort_key)
    assert len(findings) >= 5


def test_positions_match_the_written_file_also_with_crlf() -> None:
    lf = lint_post(parse_post(MESSY))
    crlf_text = MESSY.replace("\n", "\r\n")
    crlf = lint_post(parse_post(crlf_text))
    assert [(f.rule, f.line, f.column) for f in lf] == [(f.rule, f.line, f.column) for f in crlf]
    lines = MESSY.split("\n")
    brace = next(f for f in lf if f.rule == "mdx.brace")
    assert lines[brace.line - 1][brace.column - 1] == "{"
    tracking = next(f for f in lf if f.rule == "links.tracking")
    assert lines[tracking.line - 1][tracking.column - 1 :].startswith("https://www.linkedin")


def test_positions_after_an_edit_follow_the_new_text() -> None:
    post = parse_post(MESSY)
    post.blocks[1].text += "\nA second line."  # type: ignore[union-attr]
    before = {f.rule: f.line for f in lint_post(parse_post(MESSY))}
    after = {f.rule: f.line for f in lint_post(post)}
    assert after["text.homoglyph"] == before["text.homoglyph"] + 1
    assert after["mdx.brace"] == before["mdx.brace"] + 1


def test_apply_fixes_leaves_no_fixable_finding() -> None:
    post = parse_post(MESSY)
    findings = lint_post(post)
    fixable = [f for f in findings if f.fix is not None]
    assert len(fixable) == 6
    # The two homoglyph findings (heading, thumbnail title) share one fix: the second is a no-op.
    assert apply_fixes(post, findings) == 5
    assert [f for f in lint_post(post) if f.fix is not None] == []
    assert not has_errors(lint_post(post))


def test_post_without_front_matter_is_linted() -> None:
    findings = lint_post(parse_post(INTRO + SESSION))
    assert rules(findings) == []


def test_json_form_has_exactly_the_contract_keys() -> None:
    finding = lint_post(parse_post(MESSY))[0]
    assert list(finding.to_json()) == ["rule", "severity", "message", "line", "column", "fix"]


def test_check_command_json_and_exit_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    images = {"header.png": PNG, "backups.png": PNG, "gpu.png": PNG}
    clean = write_post_folder(tmp_path, "2025-03-14-northwind-2025-roundup", CLEAN, images)
    assert main(["check", str(clean), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    messy = write_post_folder(tmp_path, "2025-03-15-northwind-2025-roundup-b", MESSY, images)
    assert main(["check", str(messy / "index.md"), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {item["rule"] for item in data} >= {"text.homoglyph", "mdx.brace", "links.tracking"}
    assert all(
        set(item) == {"rule", "severity", "message", "line", "column", "fix"} for item in data
    )


def test_check_command_human_output_and_warnings_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = CLEAN.replace("<!-- truncate -->\n\n", "")
    folder = write_post_folder(
        tmp_path,
        "2025-03-14-northwind-2025-roundup",
        text,
        {"header.png": PNG, "backups.png": PNG, "gpu.png": PNG},
    )
    assert main(["check", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "index.md:9:1: warning [structure.no-truncate]" in out
    assert "0 errors, 1 warning, 0 infos" in out


def test_check_command_on_a_missing_path_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_findings_name_the_block_and_field_to_jump_to() -> None:
    post = parse_post(MESSY)
    findings = lint_post(post)
    session = post.sessions()[0]
    homoglyphs = [f for f in findings if f.rule == "text.homoglyph"]
    assert [(f.block_id, f.field) for f in homoglyphs] == [
        (session.id, "title"),
        (session.id, "thumbnails[0].title"),
    ]
    tracking = next(f for f in findings if f.rule == "links.tracking")
    assert (tracking.block_id, tracking.field) == (session.id, "speakers[0].url")
    brace = next(f for f in findings if f.rule == "mdx.brace")
    assert (brace.block_id, brace.field) == (post.blocks[3].id, "text")


def test_findings_from_a_copy_apply_to_the_live_post() -> None:
    import copy

    live = parse_post(MESSY)
    findings = lint_post(copy.deepcopy(live))
    assert apply_fixes(live, findings) == 5
    assert [f for f in lint_post(live) if f.fix] == []
