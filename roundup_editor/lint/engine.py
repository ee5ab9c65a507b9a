"""The lint engine: run every rule over a post (and its folder and site), apply safe fixes.

The GUI calls :func:`lint_post` off the keystroke path (for example from a debounce timer or a
worker thread on a *copy* of the post) and :func:`apply_fix` on the live model inside one undo
command. The CLI calls :func:`lint_path`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from roundup_editor.core.post import Post
from roundup_editor.formats.reader import read_post, resolve_post_path
from roundup_editor.lint.context import LintContext
from roundup_editor.lint.finding import Finding
from roundup_editor.lint.rules import CHECKERS, RULES
from roundup_editor.lint.site import Site, find_site


def lint_post(
    post: Post,
    folder: Path | None = None,
    site: Site | None = None,
    mdx: bool = False,
    flat_file: Path | None = None,
) -> list[Finding]:
    """Return the findings for ``post``, ordered by position.

    Args:
        post: the model (not changed).
        folder: the post folder, for the image-on-disk and slug/folder rules (None skips them).
        site: the blog the post belongs to, for authors, tags and slug collisions (None skips).
        mdx: True when the post is saved as ``index.mdx`` (HTML comments fail there).
        flat_file: for a post stored as one file (``blog/YYYY-MM-DD-name.md``), its path
            (used instead of ``folder``).
    """
    context = LintContext(post, folder, site, mdx, flat_file)
    findings: list[Finding] = []
    for checker in CHECKERS:
        findings.extend(checker(context))
    findings.sort(key=Finding.sort_key)
    return findings


def lint_path(path: Path, site: Site | None = None) -> tuple[Path, list[Finding]]:
    """Read the post at ``path`` (folder or ``index.md``) and lint it with its folder and site.

    The site is found by looking up from the post folder (see :func:`find_site`) unless given.
    Returns the post file's path and the findings.
    """
    file = resolve_post_path(path)
    post = read_post(file)
    flat = file.stem != "index"
    folder = file.parent
    if site is None:
        site = find_site(folder) if not flat else _flat_site(folder)
    mdx = file.suffix.lower() == ".mdx"
    return file, lint_post(post, folder, site, mdx=mdx, flat_file=file if flat else None)


def _flat_site(blog_dir: Path) -> Site | None:
    """Return the site of a flat post, whose own folder is the blog folder."""
    if (blog_dir / "authors.yml").is_file():
        return Site.load(blog_dir)
    configs = ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs")
    if any((blog_dir.parent / name).is_file() for name in configs):
        return Site.load(blog_dir)
    return None


def apply_fix(post: Post, finding: Finding) -> bool:
    """Apply ``finding``'s safe fix to ``post``; return True when the model changed.

    Returns False when the finding has no fix or the text it was about has changed since.
    """
    if finding.action is None:
        return False
    return bool(finding.action(post))


def apply_fixes(post: Post, findings: Iterable[Finding]) -> int:
    """Apply every safe fix, last position first (so earlier offsets stay valid); return count."""
    ordered = sorted(
        (finding for finding in findings if finding.action is not None),
        key=lambda finding: (finding.line, finding.column),
        reverse=True,
    )
    return sum(1 for finding in ordered if apply_fix(post, finding))


def has_errors(findings: Iterable[Finding]) -> bool:
    """Tell whether any finding is an error (saving warns; ``check`` exits 1)."""
    return any(finding.severity == "error" for finding in findings)


__all__ = ["RULES", "apply_fix", "apply_fixes", "has_errors", "lint_path", "lint_post"]
