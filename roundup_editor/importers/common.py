"""What every agenda importer shares: the imported-session record, errors, links and ordering.

An importer turns a schedule file into :class:`ImportedSession` records; :func:`finish_schedule`
then drops what is not a talk (breaks, lunches, service sessions, slots without speakers) and puts
the rest into time order (day, start, then the schedule's room order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from roundup_editor.core.errors import RoundupError
from roundup_editor.core.post import Speaker
from roundup_editor.formats.text import normalize_block, normalize_line, normalize_url, url_problem

#: Session types that are never talks (compared in lower case, ignoring spaces and dashes).
BREAK_TYPES = frozenset(
    {
        "break",
        "coffeebreak",
        "lunch",
        "lunchbreak",
        "pause",
        "meal",
        "dinner",
        "registration",
        "networking",
        "social",
        "service",
    }
)
_SLIDE_HOSTS = (
    "slideshare.net",
    "speakerdeck.com",
    "slides.com",
    "prezi.com",
    "pitch.com",
    "slideshare.com",
    "docs.google.com/presentation",
    "onedrive.live.com",
)
_VIDEO_HOSTS = (
    "youtube.com",
    "youtu.be",
    "youtube-nocookie.com",
    "vimeo.com",
    "media.ccc.de",
    "dailymotion.com",
    "peertube",
    "tube.",
    "twitch.tv",
    "wistia.com",
    "loom.com",
)
_SLIDE_EXTENSIONS = (".pdf", ".ppt", ".pptx", ".odp", ".key")
_VIDEO_EXTENSIONS = (".mp4", ".webm", ".mkv", ".mov", ".m4v", ".ogv")
_PEERTUBE_PATH = re.compile(r"^/(w|videos/watch|videos/embed)/[A-Za-z0-9\-]+/?$")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_TAGLINE = re.compile(r"^(?P<role>.+?)\s+(?:at|@)\s+(?P<org>.+)$", re.IGNORECASE)


class AgendaError(RoundupError):
    """A schedule file cannot be imported; the message names the file, the record and the field."""


def agenda_error(file: Path | str, record: str, field_name: str, problem: str) -> AgendaError:
    """Return an error in the one-sentence form ``file: in record, the field "x" problem.``."""
    name = Path(file).name if str(file) else "the schedule"
    sentence = f'{name}: in {record}, the field "{field_name}" {problem}'
    return AgendaError(sentence if sentence.endswith(".") else sentence + ".")


@dataclass
class ImportedSession:
    """One slot of a schedule, as read from the source (before skipping and sorting).

    Attributes:
        source_id: the source's own id of the slot (pretalx code, frab id, Sessionize id, CSV row).
        day: ISO date (``2025-03-14``) or "" when unknown; ``start`` is ``HH:MM`` or "".
        room_order: the room's position in the schedule's room list (the third sort key).
        kind: the source's session type (``Talk``, ``Break``, ...), "" when it has none.
        service: the source marks the slot as a service session (Sessionize).
    """

    source_id: str
    title: str
    speakers: list[Speaker] = field(default_factory=list)
    abstract: str = ""
    slides_url: str | None = None
    video_url: str | None = None
    day: str = ""
    start: str = ""
    room: str = ""
    room_order: int = 0
    kind: str = ""
    service: bool = False


@dataclass
class SkippedSession:
    """A slot that is not a talk, with the reason it was left out."""

    title: str
    reason: str


@dataclass
class ImportedSchedule:
    """The talks of a schedule in time order, with what was skipped."""

    source: str
    title: str
    sessions: list[ImportedSession]
    skipped: list[SkippedSession] = field(default_factory=list)
    base_url: str = ""


def clean_line(value: object) -> str:
    """Return a one-line text field (titles, names): line breaks folded, ends trimmed."""
    return normalize_line(str(value)) if value is not None else ""


def clean_block(value: object) -> str:
    """Return a multi-line text field (abstracts): LF line ends, no blank ends, no NUL bytes."""
    if value is None:
        return ""
    return normalize_block(str(value).replace("\x00", ""))


def clean_url(value: object, base_url: str = "") -> str | None:
    """Return an absolute, link-safe URL, resolving relative ones against ``base_url``.

    Returns None for empty values, for relative URLs when there is no base, and for schemes a
    post must not link to (``javascript:``, ``data:``, ...).
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if not urlsplit(text).scheme:
        if not base_url:
            return None
        text = urljoin(base_url, text)
    url = normalize_url(text)
    if url_problem(url) is not None or urlsplit(url).scheme not in ("http", "https"):
        return None
    return url


def link_kind(url: str, label: str = "") -> str | None:
    """Tell whether a link is to ``"slides"`` or a ``"video"`` by its host (or its file type).

    Unknown hosts are decided by the link's label ("Slides", "Recording", ...) when there is one;
    otherwise the link is neither (None).
    """
    parts = urlsplit(url)
    host = parts.netloc.lower()
    where = host + parts.path.lower()
    path = PurePosixPath(parts.path.lower())
    if any(video in host for video in _VIDEO_HOSTS) or path.suffix in _VIDEO_EXTENSIONS:
        return "video"
    if _PEERTUBE_PATH.match(parts.path):
        return "video"
    if any(slide in where for slide in _SLIDE_HOSTS) or path.suffix in _SLIDE_EXTENSIONS:
        return "slides"
    words = label.lower()
    if any(word in words for word in ("video", "recording", "stream")):
        return "video"
    if any(word in words for word in ("slide", "deck", "presentation")):
        return "slides"
    return None


def sort_links(
    links: list[tuple[str, str]], base_url: str, do_not_record: bool = False
) -> tuple[str | None, str | None]:
    """Pick the slides and the video link from ``(url, label)`` pairs, in the order given.

    Relative URLs are resolved against ``base_url``; a do-not-record talk gets no video.
    """
    slides: str | None = None
    video: str | None = None
    for raw, label in links:
        url = clean_url(raw, base_url)
        if url is None:
            continue
        kind = link_kind(url, label)
        if kind == "slides" and slides is None:
            slides = url
        elif kind == "video" and video is None and not do_not_record:
            video = url
    return slides, video


def split_tagline(tagline: str) -> tuple[str | None, str | None]:
    """Read ``"CTO at Example Corp"`` (or ``"CTO @ Example Corp"``, ``"CTO, Example Corp"``).

    Returns (role, organisation); (None, None) when the line names no organisation.
    """
    text = clean_line(tagline)
    match = _TAGLINE.match(text)
    if match:
        return match.group("role").strip(" ,") or None, match.group("org").strip(" ,") or None
    if ", " in text:
        role, org = text.rsplit(", ", 1)
        return role.strip() or None, org.strip() or None
    return None, None


def parse_time(value: str) -> str:
    """Return ``HH:MM`` from a time or an ISO date-time (``2025-03-14T09:30:00+01:00``), or ""."""
    text = value.strip()
    if "T" in text:
        text = text.split("T", 1)[1]
    match = _TIME.match(text)
    if not match:
        return ""
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        return ""
    return f"{hours:02d}:{minutes:02d}"


def is_break_type(kind: str) -> bool:
    """Tell whether a session type names a break (``Coffee Break``, ``lunch``, ``Pause``)."""
    key = re.sub(r"[\s_\-]+", "", kind.lower())
    return key in BREAK_TYPES or key.endswith("break")


def protect_media_lines(abstract: str) -> str:
    """Keep abstract lines that look like media lines (``[Slides](url)`` alone) in the abstract.

    A trailing space, invisible in Markdown, stops the reference dialect from reading such a
    line as the session's own slides or video link.
    """
    from roundup_editor.formats.dialects.reference import parse_media_line

    lines = abstract.split("\n")
    return "\n".join(line + " " if parse_media_line(line) else line for line in lines)


def finish_schedule(
    source: str, title: str, candidates: list[ImportedSession], base_url: str = ""
) -> ImportedSchedule:
    """Skip breaks, service sessions and slots without speakers; sort the rest into time order."""
    sessions: list[ImportedSession] = []
    skipped: list[SkippedSession] = []
    for session in candidates:
        session.abstract = protect_media_lines(session.abstract)
        if session.service:
            skipped.append(SkippedSession(session.title, "service session"))
        elif is_break_type(session.kind):
            skipped.append(SkippedSession(session.title, f"{session.kind.lower()} slot"))
        elif not session.speakers:
            skipped.append(SkippedSession(session.title, "no speakers"))
        else:
            sessions.append(session)
    order = {id(session): index for index, session in enumerate(sessions)}
    sessions.sort(
        key=lambda item: (item.day, item.start or "99:99", item.room_order, order[id(item)])
    )
    return ImportedSchedule(source, title, sessions, skipped, base_url)


def room_positions(names: list[str]) -> dict[str, int]:
    """Return each room's position in the schedule's room list (first listing wins)."""
    positions: dict[str, int] = {}
    for name in names:
        positions.setdefault(name, len(positions))
    return positions
