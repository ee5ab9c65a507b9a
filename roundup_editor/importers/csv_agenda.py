"""CSV agendas with a header row; columns are matched by name (case and spacing ignored).

Known columns: ``title`` (required), ``speakers``, ``organisations``, ``roles``, ``profiles``
(speaker profile URLs), ``abstract``, ``slides``, ``video``, ``day``, ``start``, ``room``,
``type``, ``id``. Several speakers in one cell are separated by ``;`` and the organisations,
roles and profiles line up with them (one organisation for all when only one is given). An
unknown column is an error naming it, so a typo never silently loses data.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from roundup_editor.core.post import Speaker
from roundup_editor.importers.common import (
    AgendaError,
    ImportedSchedule,
    ImportedSession,
    agenda_error,
    clean_block,
    clean_line,
    clean_url,
    finish_schedule,
    parse_time,
    room_positions,
    sort_links,
)
from roundup_editor.importers.files import read_text

SOURCE = "csv"
#: Accepted spellings of each column.
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "code", "session id"),
    "title": ("title", "session", "talk", "session title"),
    "speakers": ("speakers", "speaker", "names"),
    "organisations": (
        "organisations",
        "organisation",
        "organizations",
        "organization",
        "orgs",
        "org",
        "company",
        "companies",
    ),
    "roles": ("roles", "role"),
    "profiles": ("profiles", "profile", "speaker urls", "speaker url", "links"),
    "abstract": ("abstract", "description", "summary"),
    "slides": ("slides", "slides url", "deck"),
    "video": ("video", "video url", "recording"),
    "day": ("day", "date"),
    "start": ("start", "time", "starts at", "start time"),
    "room": ("room", "track", "stage"),
    "type": ("type", "kind", "format"),
}
_LOOKUP = {spelling: name for name, spellings in COLUMNS.items() for spelling in spellings}


def _key(header: str) -> str:
    return re.sub(r"[\s_\-]+", " ", header.strip().lower())


def load(path: Path) -> ImportedSchedule:
    """Read a CSV agenda."""
    text = read_text(path)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:
        raise AgendaError(f"{path.name} is not valid CSV ({error}).") from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise AgendaError(f"{path.name} is empty: a CSV agenda needs a header row.")
    header = rows[0]
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        if not cell.strip():
            continue
        name = _LOOKUP.get(_key(cell))
        if name is None:
            known = ", ".join(COLUMNS)
            raise agenda_error(
                path, "the header row", cell.strip(), f"is not a known column (known: {known})"
            )
        if name in columns:
            raise agenda_error(path, "the header row", cell.strip(), f"repeats the {name} column")
        columns[name] = index
    if "title" not in columns:
        raise agenda_error(path, "the header row", "title", "is missing")
    records = [
        (number, row) for number, row in enumerate(rows[1:], start=2) if any(c.strip() for c in row)
    ]
    names = {clean_line(_cell(row, columns, "room")) for _number, row in records}
    rooms = room_positions(sorted(names, key=_natural))
    candidates = [_row(row, number, columns, path, rooms) for number, row in records]
    return finish_schedule(SOURCE, "", candidates)


def _natural(text: str) -> list[tuple[int, str]]:
    """Sort key that puts "Room 2" before "Room 10"."""
    return [
        (int(part), "") if part.isdigit() else (0, part.casefold())
        for part in re.split(r"(\d+)", text)
    ]


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return row[index] if index is not None and index < len(row) else ""


def _split(text: str) -> list[str]:
    return [clean_line(part) for part in text.split(";")] if text.strip() else []


def _row(
    row: list[str], number: int, columns: dict[str, int], path: Path, rooms: dict[str, int]
) -> ImportedSession:
    record = f"row {number}"
    title = clean_line(_cell(row, columns, "title"))
    if not title:
        raise agenda_error(path, record, "title", "is empty")
    record = f'row {number} ("{title}")'
    names = [name for name in _split(_cell(row, columns, "speakers")) if name]
    orgs = _split(_cell(row, columns, "organisations"))
    roles = _split(_cell(row, columns, "roles"))
    profiles = _split(_cell(row, columns, "profiles"))
    for field, values in (("organisations", orgs), ("roles", roles), ("profiles", profiles)):
        if len(values) > 1 and len(values) != len(names):
            raise agenda_error(
                path,
                record,
                field,
                f"has {len(values)} entries for {len(names)} speakers (separate them with ;)",
            )
    speakers = []
    for index, name in enumerate(names):
        org = _pick(orgs, index)
        url_text = _pick(profiles, index)
        url = clean_url(url_text) if url_text else None
        if url_text and url is None:
            raise agenda_error(
                path, record, "profiles", f"has a link that is not http(s): {url_text!r}"
            )
        speakers.append(Speaker(name, url, org, None, _pick(roles, index) if org else None))
    slides_text = _cell(row, columns, "slides").strip()
    video_text = _cell(row, columns, "video").strip()
    for field, value in (("slides", slides_text), ("video", video_text)):
        if value and clean_url(value) is None:
            raise agenda_error(path, record, field, f"is not an http(s) link ({value!r})")
    slides, video = sort_links(
        [(slides_text, "Slides"), (video_text, "Video")] if slides_text or video_text else [], ""
    )
    start_text = _cell(row, columns, "start").strip()
    start = parse_time(start_text)
    if start_text and not start:
        raise agenda_error(path, record, "start", f"is not a time like 10:30 ({start_text!r})")
    room = clean_line(_cell(row, columns, "room"))
    return ImportedSession(
        source_id=clean_line(_cell(row, columns, "id")),
        title=title,
        speakers=speakers,
        abstract=clean_block(_cell(row, columns, "abstract")),
        slides_url=slides if slides_text else None,
        video_url=video if video_text else None,
        day=clean_line(_cell(row, columns, "day")),
        start=start,
        room=room,
        room_order=rooms.get(room, 0),
        kind=clean_line(_cell(row, columns, "type")),
    )


def _pick(values: list[str], index: int) -> str | None:
    if not values:
        return None
    value = values[index] if len(values) > 1 else values[0]
    return value or None
