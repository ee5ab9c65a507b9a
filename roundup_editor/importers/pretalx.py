"""pretalx and frab ``schedule.json`` (the frab-compatible schema, as pretalx exports it).

```
{"schedule": {"version": "...", "base_url": "https://pretalx.example/event/",
  "conference": {"acronym": "...", "title": "...", "rooms": [{"name": "Hall A"}, ...],
    "days": [{"index": 1, "date": "2025-03-14", "rooms": {"Hall A": [event, ...]}}]}}}
```

An event has ``id``/``guid``/``code``, ``title``, ``start`` (``HH:MM``), ``date`` (ISO), ``type``,
``abstract``, ``description``, ``persons`` (``public_name``/``name``, ``url``), ``links`` and
``attachments`` (``{"title", "url"}``), and ``do_not_record``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from roundup_editor.core.post import Speaker
from roundup_editor.importers.common import (
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
from roundup_editor.importers.files import read_json

SOURCE = "pretalx"


def load(path: Path) -> ImportedSchedule:
    """Read a pretalx/frab ``schedule.json`` file."""
    return parse(read_json(path), path)


def parse(data: Any, path: Path) -> ImportedSchedule:
    """Read the decoded JSON of a ``schedule.json``; ``path`` names the file in errors."""
    schedule = data.get("schedule") if isinstance(data, dict) else None
    if not isinstance(schedule, dict):
        raise agenda_error(path, "the top-level object", "schedule", "is missing")
    conference = schedule.get("conference")
    if not isinstance(conference, dict):
        raise agenda_error(path, "the schedule", "conference", "is missing or not an object")
    base_url = str(schedule.get("base_url") or conference.get("url") or "")
    days = conference.get("days")
    if not isinstance(days, list):
        raise agenda_error(path, "the conference", "days", "is missing or not a list")
    room_names = [
        str(room.get("name", ""))
        for room in conference.get("rooms") or []
        if isinstance(room, dict)
    ]
    for day in days:
        if isinstance(day, dict) and isinstance(day.get("rooms"), dict):
            room_names.extend(str(name) for name in day["rooms"])
    positions = room_positions(room_names)
    candidates: list[ImportedSession] = []
    for day_index, day in enumerate(days, start=1):
        if not isinstance(day, dict):
            raise agenda_error(path, f"day {day_index}", "rooms", "is missing (not an object)")
        rooms = day.get("rooms")
        if not isinstance(rooms, dict):
            raise agenda_error(path, f"day {day_index}", "rooms", "is missing or not an object")
        date = str(day.get("date") or "")
        for room, events in rooms.items():
            if not isinstance(events, list):
                raise agenda_error(
                    path, f'room "{room}" of day {day_index}', "events", "is not a list"
                )
            for number, event in enumerate(events, start=1):
                record = f'event {number} in room "{room}" of day {day_index}'
                candidates.append(_event(event, record, path, date, room, positions, base_url))
    title = clean_line(conference.get("title")) or clean_line(conference.get("acronym"))
    return finish_schedule(SOURCE, title, candidates, base_url)


def _event(
    event: Any,
    record: str,
    path: Path,
    date: str,
    room: str,
    positions: dict[str, int],
    base_url: str,
) -> ImportedSession:
    if not isinstance(event, dict):
        raise agenda_error(path, record, "event", "is not an object")
    title = clean_line(event.get("title"))
    if not title:
        raise agenda_error(path, record, "title", "is missing or empty")
    record = f'{record} ("{title}")'
    ident = event.get("code") or event.get("guid") or event.get("id")
    if ident is None or str(ident).strip() == "":
        raise agenda_error(path, record, "id", "is missing (no id, guid or code)")
    start = event.get("start")
    if start is not None and not isinstance(start, str):
        raise agenda_error(path, record, "start", "is not a time like 10:30")
    if start and not parse_time(start):
        raise agenda_error(path, record, "start", f"is not a time like 10:30 ({start!r})")
    start_text = parse_time(start or "") or parse_time(str(event.get("date") or ""))
    persons = event.get("persons") or []
    if not isinstance(persons, list):
        raise agenda_error(path, record, "persons", "is not a list")
    speakers = [_person(person, record, path, base_url) for person in persons]
    links: list[tuple[str, str]] = []
    for key in ("links", "attachments"):
        items = event.get(key) or []
        if not isinstance(items, list):
            raise agenda_error(path, record, key, "is not a list")
        for item in items:
            if not isinstance(item, dict) or "url" not in item:
                raise agenda_error(path, record, key, "has an entry without a url")
            links.append((str(item["url"]), str(item.get("title") or "")))
    recording = event.get("recording")
    if not isinstance(recording, dict):
        recording = {}
    do_not_record = bool(event.get("do_not_record")) or bool(recording.get("optout"))
    slides, video = sort_links(links, base_url, do_not_record)
    abstract = clean_block(event.get("abstract"))
    description = clean_block(event.get("description"))
    if description and description != abstract:
        abstract = f"{abstract}\n\n{description}" if abstract else description
    day = str(event.get("date") or "")[:10] or date[:10]
    return ImportedSession(
        source_id=str(ident),
        title=title,
        speakers=[speaker for speaker in speakers if speaker is not None],
        abstract=abstract,
        slides_url=slides,
        video_url=video,
        day=day,
        start=start_text,
        room=str(room),
        room_order=positions.get(str(room), len(positions)),
        kind=clean_line(event.get("type")),
    )


def _person(person: Any, record: str, path: Path, base_url: str) -> Speaker | None:
    if isinstance(person, str):
        name = clean_line(person)
        return Speaker(name) if name else None
    if not isinstance(person, dict):
        raise agenda_error(path, record, "persons", "has an entry that is not an object")
    name = clean_line(
        person.get("public_name") or person.get("name") or person.get("full_public_name")
    )
    if not name:
        raise agenda_error(path, record, "persons", "has a person without a name")
    return Speaker(name, clean_url(person.get("url"), base_url))
