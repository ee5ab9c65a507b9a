"""Lint never fails on odd input: invented posts with hazards spliced in at random places."""

from __future__ import annotations

import random

from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post
from roundup_editor.lint import apply_fixes, lint_post

from .conftest import CLEAN

HAZARDS = [
    "{",
    "<",
    "<br>",
    "</div>",
    "<Foo>",
    "![",
    "](",
    "http://",
    "\u200b",
    "а",
    "`",
    "```\n",
    "<!--",
    "-->",
    ":fire:",
    "import x",
    "# ",
    "\n\n",
    '"',
    "'",
    "’",
    "<div>",
    "---\n",
    "[x](www.a)",
    "## T, [A](https://uk.linkedin.com/in/a/en?trk=x)\n",
    "\r\n",
]


def mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(HAZARDS) + text[at:]
    if rng.random() < 0.3:
        text = text[: rng.randrange(len(text) + 1)]
    return text


def test_lint_and_fix_survive_mutated_posts() -> None:
    rng = random.Random(20251124)
    for _ in range(300):
        text = mutate(CLEAN, rng)
        post = parse_post(text)
        findings = lint_post(post)
        lines = render_post(post).replace("\r\n", "\n").split("\n")
        for finding in findings:
            assert 1 <= finding.line <= len(lines)
            assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1
        apply_fixes(post, findings)
        lint_post(post)
