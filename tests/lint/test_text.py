"""Text rules: lookalike letters, invisible characters, mixed quotes, placeholder abstracts."""

from __future__ import annotations

from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post
from roundup_editor.lint import apply_fix, lint_post

from .conftest import CLEAN, FRONT, INTRO, SESSION, LintText, rules


def test_clean_invented_post_has_no_findings(lint: LintText) -> None:
    assert lint(CLEAN) == []


def test_cyrillic_letter_inside_a_latin_word_is_an_error(lint: LintText) -> None:
    text = CLEAN.replace("Backups You Can", "Backups Yоu Can")  # Cyrillic о
    findings = [f for f in lint(text) if f.rule == "text.homoglyph"]
    assert len(findings) == 2  # the heading and the thumbnail title
    first = findings[0]
    assert first.severity == "error"
    assert "U+043E" in first.message and "'Yоu'" in first.message
    line = text.split("\n")[first.line - 1]
    assert line[first.column - 1] == "о"
    assert first.fix == "replace 'Yоu' with the Latin 'You'"


def test_lone_cyrillic_letter_among_latin_words_is_flagged(lint: LintText) -> None:
    text = CLEAN.replace("in a converted", "in а converted")  # Cyrillic а alone
    findings = [f for f in lint(text) if f.rule == "text.homoglyph"]
    assert len(findings) == 1
    assert "standing alone" in findings[0].message
    assert text.split("\n")[findings[0].line - 1][findings[0].column - 1] == "а"


def test_greek_omicron_inside_a_latin_word_is_flagged(lint: LintText) -> None:
    text = CLEAN.replace("operators", "οperators")  # Greek omicron
    assert rules(lint(text)).count("text.homoglyph") == 1


def test_fully_cyrillic_or_greek_text_is_not_flagged(lint: LintText) -> None:
    prose = (
        "Привет, друзья! Мы рады видеть вас снова, а также новых гостей.\n\n"
        "Η συνάντηση ήταν καλή και ο καιρός επίσης.\n\n"
        "The Sofia chapter wrote «Добро пожаловать» on the door.\n\n"
    )
    text = FRONT + INTRO + prose + SESSION
    assert "text.homoglyph" not in rules(lint(text))


def test_latin_letters_with_accents_are_not_flagged(lint: LintText) -> None:
    text = CLEAN.replace("Ada walked", "Zoë Brüseke and Ada walked")
    assert lint(text) == []


def test_homoglyph_fix_restores_latin_letters_in_every_field() -> None:
    text = CLEAN.replace("Backups You Can", "Backups Yоu Can")
    post = parse_post(text)
    finding = next(f for f in lint_post(post) if f.rule == "text.homoglyph")
    assert apply_fix(post, finding)
    assert render_post(post) == CLEAN
    assert not [f for f in lint_post(post) if f.rule == "text.homoglyph"]


def test_invisible_characters_in_names_titles_and_urls(lint: LintText) -> None:
    text = CLEAN.replace("[Ada Quillfeather]", "[Ada\u200bQuillfeather]").replace(
        "https://github.com/bkettleby", "https://github.com/bkettleby\u200e"
    )
    findings = [f for f in lint(text) if f.rule == "text.invisible"]
    assert [f.severity for f in findings] == ["warning", "error"]  # a name, then a URL
    assert "zero-width space" in findings[0].message
    assert findings[0].field == "speakers[0].name"
    assert findings[1].field == "speakers[0].url"


def test_invisible_character_fix_removes_it() -> None:
    post = parse_post(CLEAN.replace("GPU Passthrough", "GPU\u00a0Passthrough", 1))
    finding = next(f for f in lint_post(post) if f.rule == "text.invisible")
    assert "no-break space" in finding.message
    assert apply_fix(post, finding)
    session = post.sessions()[1]
    assert session.title == "GPU Passthrough Without Tears"


def test_no_invisible_finding_for_plain_fields(lint: LintText) -> None:
    assert "text.invisible" not in rules(lint(CLEAN))


def test_mixed_quotes_in_one_field(lint: LintText) -> None:
    text = CLEAN.replace(
        "Ada walked through restore drills",
        "Ada’s talk walked through the team's restore drills",
    )
    findings = [f for f in lint(text) if f.rule == "text.mixed-quotes"]
    assert len(findings) == 1
    assert findings[0].field == "abstract"
    assert findings[0].fix is not None


def test_mixed_quotes_fix_uses_the_majority_form() -> None:
    text = CLEAN.replace(
        "Ada walked through restore drills",
        "Ada’s team’s talk walked through the team's restore drills",
    )
    post = parse_post(text)
    finding = next(f for f in lint_post(post) if f.rule == "text.mixed-quotes")
    assert apply_fix(post, finding)
    session = post.sessions()[0]
    assert "team’s restore" in session.abstract
    assert "text.mixed-quotes" not in rules(lint_post(post))


def test_consistent_quotes_and_html_attributes_are_fine(lint: LintText) -> None:
    text = CLEAN.replace("Ada walked", "Ada’s crew walked").replace(
        "Bruno showed", 'Bruno said "do not panic" and showed'
    )
    assert "text.mixed-quotes" not in rules(lint(text))


def test_placeholder_abstract(lint: LintText) -> None:
    text = CLEAN.replace(
        "Ada walked through restore drills that went wrong first and right later.",
        "The abstract for this session is currently unavailable.",
    )
    findings = [f for f in lint(text) if f.rule == "text.placeholder"]
    assert len(findings) == 1
    assert findings[0].severity == "warning"
    assert findings[0].field == "abstract"
    assert text.split("\n")[findings[0].line - 1].startswith("The abstract for this session")


def test_real_abstract_is_not_a_placeholder(lint: LintText) -> None:
    assert "text.placeholder" not in rules(lint(CLEAN))


def test_mixed_quotes_fix_leaves_link_targets_alone() -> None:
    text = CLEAN.replace(
        "Ada walked through restore drills",
        "Ada’s team’s [notes](https://notes.example/o'brien's-drills) cover the team's drills",
    )
    post = parse_post(text)
    finding = next(f for f in lint_post(post) if f.rule == "text.mixed-quotes")
    assert apply_fix(post, finding)
    abstract = post.sessions()[0].abstract
    assert "(https://notes.example/o'brien's-drills)" in abstract
    assert "the team’s drills" in abstract


def test_homoglyph_in_a_file_name_is_reported_without_a_fix(lint: LintText) -> None:
    text = CLEAN.replace("gpu.png", "gрu.png")  # Cyrillic р
    findings = [f for f in lint(text) if f.rule == "text.homoglyph"]
    assert len(findings) == 1
    assert findings[0].field == "thumbnails[0].file" and findings[0].fix is None


def test_homoglyph_in_the_front_matter_title_and_its_fix() -> None:
    post = parse_post(CLEAN.replace("Infrastructure Meetup", "Infrastructure Mеetup"))  # Cyrillic е
    finding = next(f for f in lint_post(post) if f.rule == "text.homoglyph")
    assert (finding.line, finding.block_id, finding.field) == (3, None, "title")
    assert apply_fix(post, finding)
    assert render_post(post) == CLEAN
