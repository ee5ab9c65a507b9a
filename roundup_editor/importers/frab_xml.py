"""frab and pretalx ``schedule.xml``.

```
<schedule>
  <conference><title>...</title><base_url>https://...</base_url></conference>
  <day index="1" date="2025-03-14">
    <room name="Hall A">
      <event id="42" guid="...">
        <date>2025-03-14T10:00:00+01:00</date><start>10:00</start><room>Hall A</room>
        <title>...</title><type>Talk</type><abstract>...</abstract><description>...</description>
        <recording><optout>false</optout></recording>
        <persons><person id="7">Name</person></persons>
        <links><link href="https://...">Slides</link></links>
        <attachments><attachment href="/media/x.pdf">Slides</attachment></attachments>
      </event>
```
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from roundup_editor.core.post import Speaker
from roundup_editor.importers.common import (
    AgendaError,
    ImportedSchedule,
    ImportedSession,
    agenda_error,
    clean_block,
    clean_line,
    finish_schedule,
    parse_time,
    room_positions,
    sort_links,
)
from roundup_editor.importers.files import read_bytes

SOURCE = "frab-xml"
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def load(path: Path) -> ImportedSchedule:
    """Read a frab/pretalx ``schedule.xml`` file."""
    data = read_bytes(path)
    if _ENTITY_DECLARATION.search(data):
        raise AgendaError(
            f"{path.name} declares XML entities; schedules with entities are not read."
        )
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        line, column = error.position
        raise AgendaError(
            f"{path.name} is not valid XML (line {line}, column {column + 1})."
        ) from None
    return parse(root, path)


def _text(element: ElementTree.Element | None, tag: str) -> str:
    if element is None:
        return ""
    child = element.find(tag)
    return "" if child is None else "".join(child.itertext())


def parse(root: ElementTree.Element, path: Path) -> ImportedSchedule:
    """Read a parsed ``<schedule>`` element; ``path`` names the file in errors."""
    if root.tag != "schedule":
        raise agenda_error(
            path, "the document", "schedule", f"is missing (the root is <{root.tag}>)"
        )
    conference = root.find("conference")
    if conference is None:
        raise agenda_error(path, "the schedule", "conference", "is missing")
    base_url = _text(conference, "base_url").strip() or _text(conference, "url").strip()
    days = root.findall("day")
    if not days:
        raise agenda_error(path, "the schedule", "day", "is missing (no <day> elements)")
    room_names = [room.get("name", "") for day in days for room in day.findall("room")]
    positions = room_positions(room_names)
    candidates: list[ImportedSession] = []
    for day_number, day in enumerate(days, start=1):
        date = day.get("date", "")
        for room in day.findall("room"):
            room_name = room.get("name", "")
            for number, event in enumerate(room.findall("event"), start=1):
                record = f'event {number} in room "{room_name}" of day {day_number}'
                candidates.append(_event(event, record, path, date, room_name, positions, base_url))
    title = clean_line(_text(conference, "title")) or clean_line(_text(conference, "acronym"))
    return finish_schedule(SOURCE, title, candidates, base_url)


def _event(
    event: ElementTree.Element,
    record: str,
    path: Path,
    date: str,
    room: str,
    positions: dict[str, int],
    base_url: str,
) -> ImportedSession:
    title = clean_line(_text(event, "title"))
    if not title:
        raise agenda_error(path, record, "title", "is missing or empty")
    record = f'{record} ("{title}")'
    ident = event.get("guid") or event.get("id") or event.get("code")
    if not ident:
        raise agenda_error(path, record, "id", "is missing (no id or guid attribute)")
    start_raw = _text(event, "start").strip()
    if start_raw and not parse_time(start_raw):
        raise agenda_error(path, record, "start", f"is not a time like 10:30 ({start_raw!r})")
    start = parse_time(start_raw) or parse_time(_text(event, "date"))
    speakers = []
    for person in event.iterfind("persons/person"):
        name = clean_line("".join(person.itertext()))
        if not name:
            raise agenda_error(path, record, "persons", "has a person without a name")
        speakers.append(Speaker(name))
    links: list[tuple[str, str]] = []
    for tag in ("links/link", "attachments/attachment"):
        for link in event.iterfind(tag):
            href = link.get("href")
            if not href:
                raise agenda_error(path, record, tag.split("/")[0], "has an entry without an href")
            links.append((href, clean_line("".join(link.itertext()))))
    optout = _text(event, "recording/optout").strip().lower() == "true"
    do_not_record = optout or _text(event, "do_not_record").strip().lower() == "true"
    slides, video = sort_links(links, base_url, do_not_record)
    abstract = clean_block(_text(event, "abstract"))
    description = clean_block(_text(event, "description"))
    if description and description != abstract:
        abstract = f"{abstract}\n\n{description}" if abstract else description
    day = _text(event, "date").strip()[:10] or date[:10]
    return ImportedSession(
        source_id=ident,
        title=title,
        speakers=speakers,
        abstract=abstract,
        slides_url=slides,
        video_url=video,
        day=day,
        start=start,
        room=room,
        room_order=positions.get(room, len(positions)),
        kind=clean_line(_text(event, "type")),
    )
