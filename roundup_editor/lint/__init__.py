"""Lint: catch what breaks the build or embarrasses the post, before it is saved (Qt-free).

Public API: :func:`lint_post` (post, folder, site -> findings), :func:`apply_fix`,
:func:`apply_fixes`, :func:`lint_path` (for the CLI) and :class:`Finding`.
"""

from __future__ import annotations

from roundup_editor.lint.engine import apply_fix, apply_fixes, has_errors, lint_path, lint_post
from roundup_editor.lint.finding import Finding, Rule, Severity
from roundup_editor.lint.site import Site, find_site

__all__ = [
    "Finding",
    "Rule",
    "Severity",
    "Site",
    "apply_fix",
    "apply_fixes",
    "find_site",
    "has_errors",
    "lint_path",
    "lint_post",
]
