"""``roundup-editor import FORMAT FILE --out DIR``: start a post folder from an agenda."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roundup_editor.importers import load_schedule
from roundup_editor.importers.build import build_post, slug_from_folder, write_new_post


def run_import(args: argparse.Namespace) -> int:
    """Import ``args.file`` (in ``args.format``) into a new post folder ``args.out``.

    Refuses to overwrite an existing ``index.md``; writes a placeholder ``header.png`` next to
    it. A ``YYYY-MM-DD-slug`` folder name gives the post's slug. Prints the written file and,
    on stderr, what was skipped (breaks, service sessions, slots without speakers).
    """
    schedule = load_schedule(str(args.format), Path(args.file))
    folder = Path(args.out)
    post = build_post(
        schedule,
        slug=slug_from_folder(folder.name),
        title=getattr(args, "title", None),
        authors=tuple(getattr(args, "author", None) or ()),
    )
    target = write_new_post(post, folder)
    for skipped in schedule.skipped:
        print(f"skipped {skipped.title!r}: {skipped.reason}", file=sys.stderr)
    print(target)
    return 0
