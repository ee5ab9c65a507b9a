"""An agenda or roundup post (in any dialect the core reads) as the source of a new roundup.

The sessions keep the post's order (an agenda post is already in time order, and its times do
not say which day they belong to). Thumbnails are left behind: their image files belong to the
old post's folder.
"""

from __future__ import annotations

import copy
from pathlib import Path

from roundup_editor.core.errors import RoundupError
from roundup_editor.importers.common import (
    AgendaError,
    ImportedSchedule,
    ImportedSession,
    clean_line,
    finish_schedule,
)

SOURCE = "post"


def load(path: Path) -> ImportedSchedule:
    """Read the sessions of a post folder or ``index.md``."""
    from roundup_editor.formats.reader import parse_post, read_text

    try:
        _file, text = read_text(path)
    except RoundupError as error:
        raise AgendaError(str(error)) from None
    post = parse_post(text)
    title = ""
    if post.front_matter is not None:
        title = clean_line(post.front_matter.get("title") or "")
    candidates = [
        ImportedSession(
            source_id="",
            title=session.title,
            speakers=copy.deepcopy(session.speakers),
            abstract=session.abstract,
            slides_url=session.slides_url,
            video_url=session.video_url,
        )
        for session in post.sessions()
    ]
    if not candidates:
        raise AgendaError(f"{path.name}: no sessions were recognised in this post.")
    return finish_schedule(SOURCE, title, candidates)
