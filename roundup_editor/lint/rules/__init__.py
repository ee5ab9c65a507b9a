"""Lint rule families, one module each: text, mdx, structure, links, site."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from roundup_editor.lint.context import LintContext
from roundup_editor.lint.finding import Finding, Rule
from roundup_editor.lint.rules import links, mdx, site, structure, text

Checker = Callable[[LintContext], Iterable[Finding]]

#: Every family's checker, in the order they run.
CHECKERS: list[Checker] = [text.check, mdx.check, structure.check, links.check, site.check]

#: Every rule, by id.
RULES: dict[str, Rule] = {
    rule.id: rule for module in (text, mdx, structure, links, site) for rule in module.RULES
}

__all__ = ["CHECKERS", "RULES", "Checker"]
