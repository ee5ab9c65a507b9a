"""MDX safety rules: each with an invented post that triggers it and the safe form that does not."""

from __future__ import annotations

import pytest

from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post
from roundup_editor.lint import apply_fix, apply_fixes, lint_post

from .conftest import FRONT, INTRO, SESSION, LintText, rules

# (rule, text that breaks an MDX build, the same text written safely)
CASES = [
    (
        "mdx.unclosed-tag",
        '<div class="note">\n\nDoors open at nine.',
        '<div class="note">\n\nDoors open at nine.\n\n</div>',
    ),
    ("mdx.stray-close", "Doors open at nine.</span>", "<span>Doors open at nine.</span>"),
    ("mdx.component", "<Schedule> printed on the wall.", "&lt;Schedule> printed on the wall."),
    ("mdx.void-element", "First line<br>second line", "First line<br/>second line"),
    (
        "mdx.unquoted-attribute",
        '<img src=photo.png alt="Crowd" />',
        '<img src="photo.png" alt="Crowd" />',
    ),
    ("mdx.style-attribute", '<p style="color: red">Hot!</p>', '<p class="hot">Hot!</p>'),
    (
        "mdx.less-than",
        "Latency stayed <5 ms all day, a<b.",
        "Latency stayed &lt;5 ms all day, a < b.",
    ),
    (
        "mdx.autolink",
        "Slides at <https://slides.example/all>.",
        "Slides at https://slides.example/all.",
    ),
    (
        "mdx.brace",
        "Configure {zone} first, then ${pod}.",
        "Configure &#123;zone&#125; first, then `${pod}`.",
    ),
    (
        "mdx.import-export",
        "import the template, then edit it.",
        "Then import the template and edit it.",
    ),
    ("mdx.directive", "Meet in Room:A[1] at noon.", "Meet in Room&#58;A[1] at noon, 10:30 sharp."),
    (
        "mdx.emoji",
        "The demo was :fire: all along.",
        "The demo was `:fire:` all along, from 10:30:45 on.",
    ),
    ("mdx.h1-heading", "# Sessions", "## Sessions"),
]


@pytest.mark.parametrize(("rule", "bad", "good"), CASES, ids=[case[0] for case in CASES])
def test_rule_triggers_on_unsafe_text_and_not_on_safe_text(
    lint: LintText, rule: str, bad: str, good: str
) -> None:
    assert rule in rules(lint(FRONT + INTRO + bad + "\n\n" + SESSION))
    assert rule not in rules(lint(FRONT + INTRO + good + "\n\n" + SESSION))


def test_errors_point_at_the_offending_character(lint: LintText) -> None:
    text = FRONT + INTRO + "Configure {zone} first.\n\n" + SESSION
    finding = next(f for f in lint(text) if f.rule == "mdx.brace")
    assert finding.severity == "error"
    assert text.split("\n")[finding.line - 1][finding.column - 1] == "{"


def test_code_spans_and_fences_are_not_checked(lint: LintText) -> None:
    code = "Run `kubectl get pods -o {.items}` and `a<b`.\n\n```\n<div>{x}\nimport os\n```\n\n"
    assert lint(FRONT + INTRO + code + SESSION) == []


def test_html_comment_fails_in_mdx_files_only(lint: LintText) -> None:
    text = FRONT + INTRO + "<!-- photo credits: the venue -->\n\n" + SESSION
    assert "mdx.comment" not in rules(lint(text))
    assert "mdx.comment" in rules(lint(text, mdx=True))


def test_html_comment_inside_an_html_block_fails_on_docusaurus_2(lint: LintText) -> None:
    text = FRONT + INTRO + "<div>\n<!-- grid -->\n<p>Hi</p>\n</div>\n\n" + SESSION
    assert "mdx.comment" in rules(lint(text))


def test_element_open_across_the_truncate_marker(lint: LintText) -> None:
    text = (
        FRONT
        + '<div class="intro">\n\nThe Northwind meetup gathered ninety operators.\n\n'
        + "<!-- truncate -->\n\n</div>\n\n"
        + SESSION
    )
    findings = [f for f in lint(text) if f.rule == "mdx.unclosed-tag"]
    assert len(findings) == 1 and "truncate" in findings[0].message


def test_element_spanning_blocks_is_balanced(lint: LintText) -> None:
    grid = (
        '<div className="row">\n<div className="col col--3">\n\n'
        '![](crowd.png "Crowd")\n\n</div>\n</div>\n\n'
    )
    assert lint(FRONT + INTRO + grid + SESSION) == []


def test_mismatched_close_reports_the_unclosed_inner_element(lint: LintText) -> None:
    text = FRONT + INTRO + "<div><b>Doors open</div>\n\n" + SESSION
    findings = [f for f in lint(text) if f.rule == "mdx.unclosed-tag"]
    assert [f.message for f in findings] == ["<b> is not closed before </div>"]


def test_safe_fixes_make_the_text_build_safe() -> None:
    text = FRONT + INTRO + "Latency <5 ms, {zone} first,<br> then <Done>.\n\n" + SESSION
    post = parse_post(text)
    assert apply_fixes(post, lint_post(post)) == 4
    fixed = render_post(post)
    assert "Latency &lt;5 ms, &#123;zone} first,<br/> then &lt;Done>." in fixed
    assert lint_post(parse_post(fixed)) == []


def test_fix_refuses_when_the_text_changed_since() -> None:
    text = FRONT + INTRO + "Configure {zone} first.\n\n" + SESSION
    post = parse_post(text)
    finding = next(f for f in lint_post(post) if f.rule == "mdx.brace")
    post.blocks[3].text = "Something else entirely."  # type: ignore[union-attr]
    assert not apply_fix(post, finding)


def test_entity_colons_do_not_stop_an_emoji(lint: LintText) -> None:
    """Built on Docusaurus 3.10: ``&#58;fire&#58;`` rendered as an emoji; a span stops it."""
    text = FRONT + INTRO + "The demo was &#58;fire&#58; all along.\n\n" + SESSION
    assert "mdx.emoji" in rules(lint(text))
    safe = FRONT + INTRO + "The demo was :<span></span>fire: all along.\n\n" + SESSION
    assert "mdx.emoji" not in rules(lint(safe))


def test_braces_in_mdx_files_are_warnings_and_mdx_comments_are_fine(lint: LintText) -> None:
    text = FRONT + INTRO + "{/* photo credits */}\n\nConfigure {zone} first.\n\n" + SESSION
    braces = [f for f in lint(text, mdx=True) if f.rule == "mdx.brace"]
    assert [f.severity for f in braces] == ["warning"]
    assert [f.severity for f in lint(text) if f.rule == "mdx.brace"] == ["error", "error"]


# Built by hand on the shared Docusaurus 3.10.2 and 2.4.3 sites (with placeholder images): both
# builds passed without a warning. Only the emoji is a (correct) warning: 3.x showed 🔥.
TRICKY_BUT_SAFE = (
    FRONT
    + '![](header.png "Northwind header")\n\n'
    + "The Northwind meetup gathered ninety operators; doors opened at 10:30 and a < b held.\n\n"
    + "<!-- truncate -->\n\n"
    + "Run `kubectl get pods -o {.items}` and `a<b` in code, a lone } is fine, and so is 1 > 0.\n\n"
    + '<div className="row">\n<div className="col col--3">\n\n![](crowd.png "Crowd")\n\n'
    + "</div>\n</div>\n\n"
    + "<p/>\nFirst line<br/>second line, &#123;zone&#125; and &lt;Done> written safely, "
    + "&#58;fire&#58; too.\n\n"
    + "<!-- photo credits: the venue -->\n\n"
    + '<iframe width="640" height="315" src="https://www.youtube.com/embed/abc123?controls=0" '
    + 'title="Talk" frameborder="0" allowfullscreen></iframe>\n\n'
    + SESSION
)


def test_post_that_builds_on_both_docusaurus_versions_has_no_mdx_error(lint: LintText) -> None:
    findings = [f for f in lint(TRICKY_BUT_SAFE) if f.rule.startswith("mdx.")]
    assert [(f.rule, f.severity) for f in findings] == [("mdx.emoji", "warning")]
