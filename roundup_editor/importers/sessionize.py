"""Sessionize's ``All`` JSON (``/api/v2/{id}/view/All``).

```
{"sessions": [{"id": "51234", "title": "...", "description": "...",
   "startsAt": "2025-05-20T10:00:00",
   "isServiceSession": false, "speakers": ["uuid", ...], "categoryItems": [11], "roomId": 3,
   "recordingUrl": null, "questionAnswers": [{"questionId": 9, "answerValue": "https://..."}]}],
 "speakers": [{"id": "uuid", "fullName": "...", "tagLine": "CTO at Example Corp",
   "links": [{"title": "LinkedIn", "url": "...", "linkType": "LinkedIn"}]}],
 "categories": [{"id": 1, "title": "Session format", "items": [{"id": 11, "name": "Talk"}]}],
 "rooms": [{"id": 3, "name": "Main Hall", "sort": 0}]}
```

The profile link is the speaker's LinkedIn, else their blog, else any other link; the
``Company_Website`` link is the organisation's site. Organisation and role come from the tag line.
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
    sort_links,
    split_tagline,
)
from roundup_editor.importers.files import read_json

SOURCE = "sessionize"
_PROFILE_ORDER = ("linkedin", "blog", "twitter", "x", "github", "sessionize", "other")
_FORMAT_TITLES = ("session format", "format", "session type", "type")


def load(path: Path) -> ImportedSchedule:
    """Read a Sessionize ``All`` JSON file."""
    return parse(read_json(path), path)


def parse(data: Any, path: Path) -> ImportedSchedule:
    """Read the decoded ``All`` JSON; ``path`` names the file in errors."""
    if not isinstance(data, dict):
        raise agenda_error(path, "the top-level object", "sessions", "is missing (not an object)")
    sessions = data.get("sessions")
    if not isinstance(sessions, list):
        raise agenda_error(path, "the top-level object", "sessions", "is missing or not a list")
    speakers = _speakers(data.get("speakers") or [], path)
    rooms: dict[Any, tuple[int, str]] = {}
    for index, room in enumerate(data.get("rooms") or []):
        if isinstance(room, dict):
            sort = room.get("sort")
            order = sort if isinstance(sort, int) else index
            rooms[room.get("id")] = (order, str(room.get("name") or ""))
    formats = _format_items(data.get("categories") or [])
    candidates = []
    for number, session in enumerate(sessions, start=1):
        candidates.append(_session(session, f"session {number}", path, speakers, rooms, formats))
    return finish_schedule(SOURCE, clean_line(data.get("title") or ""), candidates)


def _speakers(items: Any, path: Path) -> dict[str, Speaker]:
    if not isinstance(items, list):
        raise agenda_error(path, "the top-level object", "speakers", "is not a list")
    found: dict[str, Speaker] = {}
    for number, item in enumerate(items, start=1):
        record = f"speaker {number}"
        if not isinstance(item, dict) or not item.get("id"):
            raise agenda_error(path, record, "id", "is missing")
        name = clean_line(
            item.get("fullName") or f"{item.get('firstName') or ''} {item.get('lastName') or ''}"
        )
        if not name:
            raise agenda_error(path, f"{record} ({item['id']})", "fullName", "is missing or empty")
        links = item.get("links") or []
        if not isinstance(links, list):
            raise agenda_error(path, f'{record} ("{name}")', "links", "is not a list")
        by_type: dict[str, str] = {}
        for link in links:
            if not isinstance(link, dict):
                raise agenda_error(
                    path, f'{record} ("{name}")', "links", "has an entry that is not an object"
                )
            url = clean_url(link.get("url"))
            kind = str(link.get("linkType") or link.get("title") or "other").lower()
            if url is not None:
                by_type.setdefault(kind.replace("company_website", "company"), url)
        profile = next((by_type[kind] for kind in _PROFILE_ORDER if kind in by_type), None)
        if profile is None:
            profile = next((url for kind, url in by_type.items() if kind != "company"), None)
        role, org = split_tagline(str(item.get("tagLine") or ""))
        speaker = Speaker(
            name, profile, org, by_type.get("company") if org else None, role if org else None
        )
        found[str(item["id"])] = speaker
    return found


def _format_items(categories: Any) -> dict[Any, str]:
    """Map category item ids of the session-format category to their names (``Break``, ...)."""
    items: dict[Any, str] = {}
    if not isinstance(categories, list):
        return items
    for category in categories:
        if not isinstance(category, dict):
            continue
        if str(category.get("title") or "").strip().lower() not in _FORMAT_TITLES:
            continue
        for item in category.get("items") or []:
            if isinstance(item, dict):
                items[item.get("id")] = str(item.get("name") or "")
    return items


def _session(
    session: Any,
    record: str,
    path: Path,
    speakers: dict[str, Speaker],
    rooms: dict[Any, tuple[int, str]],
    formats: dict[Any, str],
) -> ImportedSession:
    if not isinstance(session, dict):
        raise agenda_error(path, record, "session", "is not an object")
    title = clean_line(session.get("title"))
    if not title:
        raise agenda_error(path, record, "title", "is missing or empty")
    record = f'{record} ("{title}")'
    if session.get("id") in (None, ""):
        raise agenda_error(path, record, "id", "is missing")
    starts = session.get("startsAt")
    if starts is not None and not isinstance(starts, str):
        raise agenda_error(path, record, "startsAt", "is not a date-time")
    start = parse_time(starts or "")
    if starts and not start:
        raise agenda_error(path, record, "startsAt", f"is not a date-time ({starts!r})")
    ids = session.get("speakers") or []
    if not isinstance(ids, list):
        raise agenda_error(path, record, "speakers", "is not a list")
    people = []
    for ident in ids:
        key = str(ident.get("id") if isinstance(ident, dict) else ident)
        if key not in speakers:
            raise agenda_error(
                path, record, "speakers", f"names speaker {key}, who is not in the file"
            )
        people.append(Speaker(**vars(speakers[key])))
    links: list[tuple[str, str]] = []
    for key, label in (("recordingUrl", "Recording"), ("liveUrl", "")):
        if session.get(key):
            links.append((str(session[key]), label))
    for answer in session.get("questionAnswers") or []:
        if isinstance(answer, dict) and str(answer.get("answerValue") or "").startswith("http"):
            links.append((str(answer["answerValue"]), str(answer.get("question") or "")))
    slides, video = sort_links(links, "")
    order, room = rooms.get(session.get("roomId"), (len(rooms), str(session.get("room") or "")))
    kinds = [formats[item] for item in session.get("categoryItems") or [] if item in formats]
    return ImportedSession(
        source_id=str(session["id"]),
        title=title,
        speakers=people,
        abstract=clean_block(session.get("description")),
        slides_url=slides,
        video_url=video,
        day=(starts or "")[:10],
        start=start,
        room=room,
        room_order=order,
        kind=kinds[0] if kinds else "",
        service=bool(session.get("isServiceSession")),
    )
