"""``check`` over the shared corpus: every lookalike letter, the broken image, no false MDX errors.

Run with ``-s`` to see the findings of every post.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from pathlib import Path

from roundup_editor.lint import Finding, lint_path
from roundup_editor.lint.cli import format_finding

REFERENCE = "2024-10-01-cseug-roundup"


@functools.cache
def corpus_findings(corpus: Path) -> dict[str, list[Finding]]:
    """The findings of every corpus post (linted once per test session)."""
    result = {}
    for folder in sorted(path for path in corpus.iterdir() if (path / "index.md").is_file()):
        _file, findings = lint_path(folder)
        result[folder.name] = findings
    return result


def foreign_letters(text: str) -> set[tuple[int, int]]:
    """(line, column) of every Cyrillic or Greek letter, found independently of the linter."""
    places = set()
    for number, line in enumerate(text.split("\n"), 1):
        for column, char in enumerate(line, 1):
            if char.isalpha() and unicodedata.name(char, "").startswith(("CYRILLIC", "GREEK")):
                places.add((number, column))
    return places


def test_print_findings_per_post(corpus: Path) -> None:
    for name, findings in corpus_findings(corpus).items():
        counts = Counter(finding.severity for finding in findings)
        print(
            f"\n== {name}: {counts['error']} errors, {counts['warning']} warnings, "
            f"{counts['info']} infos"
        )
        for finding in findings:
            print("  " + format_finding("index.md", finding))


def test_every_cyrillic_lookalike_in_the_corpus_is_found(corpus: Path) -> None:
    found = corpus_findings(corpus)
    homoglyphs = {
        name: {(f.line, f.column) for f in findings if f.rule == "text.homoglyph"}
        for name, findings in found.items()
    }
    for name in found:
        text = (corpus / name / "index.md").read_text(encoding="utf-8")
        assert homoglyphs[name] == foreign_letters(text), name
    assert sum(len(places) for places in homoglyphs.values()) >= 7
    assert len([name for name, places in homoglyphs.items() if places]) == 6
    alone = [
        f
        for f in found["2024-04-08-CSEUG-Frankfurt"]
        if f.rule == "text.homoglyph" and "standing alone" in f.message
    ]
    assert len(alone) == 1
    line = (
        (corpus / "2024-04-08-CSEUG-Frankfurt" / "index.md")
        .read_text()
        .split("\n")[alone[0].line - 1]
    )
    assert line[alone[0].column - 3 : alone[0].column + 7] == "– а German"


def test_broken_image_syntax_in_the_csiug_2025_roundup(corpus: Path) -> None:
    findings = corpus_findings(corpus)["2025-07-18-csiug-roundup"]
    broken = [f for f in findings if f.rule == "structure.broken-image"]
    assert len(broken) == 1 and broken[0].severity == "error"
    line = (
        (corpus / "2025-07-18-csiug-roundup" / "index.md")
        .read_text()
        .split("\n")[broken[0].line - 1]
    )
    assert line[broken[0].column - 1 :].startswith('![] "Simplifying End-to-End')


def test_reference_post_has_no_error_but_its_homoglyph(corpus: Path) -> None:
    findings = corpus_findings(corpus)[REFERENCE]
    errors = [f for f in findings if f.severity == "error"]
    assert errors and {f.rule for f in errors} == {"text.homoglyph"}
    assert all("Оbject" in f.message for f in errors)


def test_no_mdx_error_on_posts_that_build(corpus: Path) -> None:
    """All 15 corpus posts build on Docusaurus 2.4.3: no MDX rule may call them broken."""
    for name, findings in corpus_findings(corpus).items():
        wrong = [f for f in findings if f.rule.startswith("mdx.") and f.severity == "error"]
        assert wrong == [], name


def test_positions_are_inside_the_file(corpus: Path) -> None:
    for name, findings in corpus_findings(corpus).items():
        lines = (corpus / name / "index.md").read_text(encoding="utf-8").split("\n")
        for finding in findings:
            assert 1 <= finding.line <= len(lines), (name, finding)
            assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, (name, finding)


def test_authors_resolve_through_the_corpus_authors_yml(corpus: Path) -> None:
    for name, findings in corpus_findings(corpus).items():
        assert not [f for f in findings if f.rule.startswith("site.unknown")], name


def test_speaker_spelt_two_ways_in_the_virtual_2022_post(corpus: Path) -> None:
    findings = corpus_findings(corpus)["2022-03-30-cloudstack-european-user-group-virtual"]
    spelling = [f for f in findings if f.rule == "structure.person-spelling"]
    assert [(f.line, f.column) for f in spelling] == [(56, 12)]
    assert "'Alireza Eskandari'" in spelling[0].message
