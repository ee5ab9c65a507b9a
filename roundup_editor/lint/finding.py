"""Findings: what a lint rule reports, where, and how to fix it when a fix is safe."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from roundup_editor.core.post import Post

Severity = Literal["error", "warning", "info"]

#: Severities from the most to the least serious (used for sorting and exit codes).
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

#: A safe fix: changes the model in place and returns True when it changed something.
FixAction = Callable[[Post], bool]


@dataclass
class Finding:
    """One problem in a post.

    Attributes:
        rule: the rule id (``text.homoglyph``, ``mdx.brace``, ...).
        severity: ``error`` (breaks the build or is clearly wrong), ``warning`` or ``info``.
        message: one human-readable sentence.
        line: 1-based line in the post's ``index.md`` as saving would write it.
        column: 1-based column (in characters) on that line.
        fix: what the safe fix does, or None when no fix is safe.
        block_id: the id of the block the finding is in (None for front matter and the folder).
        field: the model field it is about (``title``, ``speakers[0].url``, ``text``, ...).
        action: the function that applies the fix to a post (see :func:`apply_fix`).
    """

    rule: str
    severity: Severity
    message: str
    line: int = 1
    column: int = 1
    fix: str | None = None
    block_id: int | None = None
    field: str | None = None
    action: FixAction | None = dataclasses.field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        """Return the CLI's JSON form: rule, severity, message, line, column, fix."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "fix": self.fix,
        }

    def sort_key(self) -> tuple[int, int, int, str]:
        """Order findings by position, then severity, then rule id."""
        return (self.line, self.column, SEVERITY_ORDER[self.severity], self.rule)


@dataclass(frozen=True)
class Rule:
    """A lint rule: its id, default severity and a one-line summary (for docs and the GUI)."""

    id: str
    severity: Severity
    summary: str
