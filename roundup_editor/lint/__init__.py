"""Lint: catch what breaks the build or embarrasses the post, before it is saved (Qt-free).

Public API: :func:`lint_post` (post, folder, site -> findings), :func:`apply_fix`,
:func:`apply_fixes`, :func:`lint_path` (for the CLI), :class:`Finding`, and
:class:`~roundup_editor.lint.command.FixCommand` (safe fixes as one undoable step).

For the window: call :func:`find_site` once per opened folder (it reads every post's slug) and
:func:`lint_post` off the keystroke path, for example from a single-shot timer a few hundred ms
after the last edit (the largest corpus post lints in about 25 ms), or on ``copy.deepcopy(post)``
in a worker, dropping results whose document revision is stale. A finding's ``block_id`` and
``field`` (``title``, ``speakers[0].url``, ``thumbnails[1].title``, ``text``; a front matter key
when ``block_id`` is None) name where to jump. Fixes find their target by block id, so a finding
computed on a copy applies to the live post; push ``FixCommand([finding])`` on the undo stack.
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
