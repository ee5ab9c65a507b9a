"""``roundup-editor import FORMAT FILE --out DIR``: start a post folder from an agenda."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roundup_editor.core.errors import WriteError
from roundup_editor.formats.writer import atomic_write, write_post
from roundup_editor.importers import load_schedule
from roundup_editor.importers.build import HEADER_FILE, build_post, placeholder_header


def run_import(args: argparse.Namespace) -> int:
    """Import ``args.file`` (in ``args.format``) into a new post folder ``args.out``.

    Refuses to overwrite an existing ``index.md``. Prints the written file and, on stderr, what
    was skipped (breaks, service sessions, slots without speakers).
    """
    schedule = load_schedule(str(args.format), Path(args.file))
    folder = Path(args.out)
    if (folder / "index.md").exists():
        raise WriteError(f"{folder / 'index.md'} already exists; choose a new folder for the post.")
    post = build_post(schedule)
    target = write_post(post, folder)
    header = folder / HEADER_FILE
    if not header.exists():
        atomic_write(header, placeholder_header())
    for skipped in schedule.skipped:
        print(f"skipped {skipped.title!r}: {skipped.reason}", file=sys.stderr)
    print(target)
    return 0
