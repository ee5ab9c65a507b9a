"""A new roundup post, in the reference layout, from imported sessions.

Everything is written through the dialects' renderers (``render_post``), which escape user text
for MDX 1, MDX 3 and Python-Markdown; this module never writes raw text of its own making
without :func:`~roundup_editor.formats.text.escape_text`.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Sequence
from pathlib import Path

from roundup_editor.core.errors import WriteError
from roundup_editor.core.naming import slugify
from roundup_editor.core.post import (
    Block,
    FrontMatter,
    FrontMatterEntry,
    HeaderImage,
    Post,
    Session,
    TextBlock,
    Truncate,
)
from roundup_editor.formats.text import escape_text
from roundup_editor.formats.writer import atomic_write, write_post
from roundup_editor.importers.common import ImportedSchedule, ImportedSession
from roundup_editor.importers.records import (
    RECORD_KEY,
    encode_record,
    fingerprints,
    session_key,
    stored_value,
)

HEADER_FILE = "header.png"
_DATED_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}-(.+)$")


def slug_from_folder(name: str) -> str | None:
    """Return the slug a ``YYYY-MM-DD-slug`` post folder name gives, or None for other names."""
    match = _DATED_FOLDER.match(name)
    return slugify(match.group(1)) if match else None


def post_title(schedule: ImportedSchedule) -> str:
    """Return the post's title: ``"<Event> Roundup"``."""
    event = schedule.title.strip()
    if not event:
        return "Event Roundup"
    return event if event.lower().endswith("roundup") else f"{event} Roundup"


def to_session(item: ImportedSession) -> Session:
    """Return a new reference-layout session (no layout: it is rendered afresh)."""
    return Session(
        title=item.title,
        speakers=copy.deepcopy(item.speakers),
        abstract=stored_value(item, "abstract"),
        slides_url=item.slides_url,
        video_url=item.video_url,
        dialect="reference",
    )


def build_post(
    schedule: ImportedSchedule,
    *,
    title: str | None = None,
    authors: Sequence[str] = (),
    tags: Sequence[str] = ("roundup",),
    slug: str | None = None,
    header: str = HEADER_FILE,
) -> Post:
    """Return a new post: front matter, header placeholder, intro, truncate marker, sessions.

    The front matter also records the imported values (see :mod:`.records`) so that importing a
    newer export later updates what the user has not edited.
    """
    heading = title or post_title(schedule)
    record = encode_record(
        schedule.source, {session_key(item): fingerprints(item) for item in schedule.sessions}
    )
    front = FrontMatter(
        entries=[
            FrontMatterEntry("layout", "post"),
            FrontMatterEntry("title", heading),
            FrontMatterEntry("tags", list(tags)),
            FrontMatterEntry("authors", list(authors)),
            FrontMatterEntry("slug", slug or slugify(heading)),
            FrontMatterEntry(RECORD_KEY, record),
        ]
    )
    event = schedule.title.strip() or "the event"
    blocks: list[Block] = [
        HeaderImage(src=header, title=f"{heading} header"),
        TextBlock(
            text=escape_text(
                f"Thank you to everyone who joined {event}: speakers, attendees, host and sponsors."
            )
        ),
        Truncate(),
        TextBlock(
            text=escape_text(
                "Below you can find the sessions with their abstracts, slides and recordings."
            )
        ),
    ]
    blocks.extend(to_session(item) for item in schedule.sessions)
    blocks[-1].gap = "\n"
    return Post(front_matter=front, blocks=blocks)


def write_new_post(post: Post, folder: Path) -> Path:
    """Write ``post`` as ``folder/index.md`` plus a placeholder header image when it has none.

    Refuses to replace an existing ``index.md``. Returns the written ``index.md``.
    """
    target = folder / "index.md"
    if target.exists():
        raise WriteError(f"{target} already exists; choose a new folder for the post.")
    written = write_post(post, folder)
    header = next((block for block in post.blocks if isinstance(block, HeaderImage)), None)
    if header is not None and "/" not in header.src and not (folder / header.src).exists():
        atomic_write(folder / header.src, placeholder_header())
    return written


def placeholder_header(width: int = 1200, height: int = 400) -> bytes:
    """Return a plain PNG to stand in for the header image until the user drops a real one."""
    from PIL import Image

    image = Image.new("RGB", (width, height), (226, 232, 240))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
