"""``roundup-editor export PATH --site SITE [--force]``: put a post into a site's blog folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roundup_editor.export.bundle import ExportResult, export_post, folder_name
from roundup_editor.export.site import detect_site
from roundup_editor.formats.reader import read_post, resolve_post_path


def export_path(path: Path, site_root: Path, force: bool = False) -> ExportResult:
    """Export the post at ``path`` (a post folder, its ``index.md`` or a flat ``.md``)."""
    site = detect_site(site_root)
    file = resolve_post_path(path)
    post = read_post(file)
    flat = file.name not in ("index.md", "index.mdx")
    source_name = file.stem if flat else file.parent.name
    index_name = "index.mdx" if file.suffix == ".mdx" else "index.md"
    return export_post(
        post,
        site,
        file.parent,
        name=folder_name(post, source_name),
        force=force,
        index_name=index_name,
    )


def run_export(args: argparse.Namespace) -> int:
    """Export the post at ``args.path`` into ``args.site``; print the new folder; return 0.

    Errors are :class:`~roundup_editor.core.errors.RoundupError` subclasses (printed as one line
    by the command line); warnings (unknown tags, links to missing files) go to stderr.
    """
    result = export_path(Path(args.path), Path(args.site), bool(getattr(args, "force", False)))
    for warning in result.warnings:
        print(f"roundup-editor: warning: {warning}", file=sys.stderr)
    print(result.folder)
    return 0
