"""The speaker and sponsor directory: people and organisations remembered across posts.

Kept as JSON in :attr:`~roundup_editor.paths.AppPaths.directory_file`; offers completions by
prefix; can be edited, exported and imported as a file; and can be built from a blog repository
with :func:`scan_blog` (see :mod:`.directory_scan`). Entries written differently (case, accents,
URL-encoded or raw links, trailing slashes, queries) are one entry; near-duplicates such as
"Phillip"/"Philipp" are listed in ``near_duplicates`` for the user to decide, never merged.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from roundup_editor.core.errors import RoundupError
from roundup_editor.core.post import Post, Speaker, Sponsors
from roundup_editor.formats.writer import atomic_write
from roundup_editor.importers.names import fold, name_key, org_key
from roundup_editor.paths import app_paths

if TYPE_CHECKING:
    from roundup_editor.importers.directory_scan import Progress, ScanReport

FORMAT_VERSION = 1


class DirectoryError(RoundupError):
    """The directory file cannot be read or written."""


@dataclass
class Person:
    """A speaker: how they are linked and credited, and the other spellings merged into them."""

    name: str
    url: str | None = None
    org: str | None = None
    org_url: str | None = None
    role: str | None = None
    variants: list[str] = field(default_factory=list)
    seen_in: list[str] = field(default_factory=list)

    def speaker(self) -> Speaker:
        """Return the person as a session speaker."""
        return Speaker(self.name, self.url, self.org, self.org_url, self.role)


@dataclass
class Organisation:
    """A company or group: a speaker's employer, a host or a sponsor."""

    name: str
    url: str | None = None
    sponsor: bool = False
    variants: list[str] = field(default_factory=list)
    seen_in: list[str] = field(default_factory=list)


EntryKind = Literal["person", "organisation"]


@dataclass
class NearDuplicate:
    """Two entries that may be one (``first``/``second`` are display names), and why."""

    kind: EntryKind
    first: str
    second: str
    reason: str


@dataclass
class Directory:
    """People, organisations and the near-duplicates waiting for the user's decision."""

    people: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    near_duplicates: list[NearDuplicate] = field(default_factory=list)
    distinct: list[tuple[str, str]] = field(default_factory=list)

    # --- lookup and completion -------------------------------------------------------------

    def person(self, name: str) -> Person | None:
        """Return the person whose name (or a merged spelling of it) has the key of ``name``."""
        key = name_key(name)
        return next((item for item in self.people if key in _name_keys(item)), None)

    def organisation(self, name: str) -> Organisation | None:
        """Return the organisation whose name has the same key as ``name``."""
        key = org_key(name)
        return next((item for item in self.organisations if org_key(item.name) == key), None)

    def complete_people(self, prefix: str, limit: int = 10) -> list[Person]:
        """Return people whose name (or a word of it) starts with ``prefix``, accents ignored."""
        return _complete(self.people, prefix, limit)

    def complete_organisations(self, prefix: str, limit: int = 10) -> list[Organisation]:
        """Return organisations whose name (or a word of it) starts with ``prefix``."""
        return _complete(self.organisations, prefix, limit)

    def complete_sponsors(self, prefix: str, limit: int = 10) -> list[Organisation]:
        """Return sponsors and hosts whose name starts with ``prefix``."""
        sponsors = [item for item in self.organisations if item.sponsor]
        return _complete(sponsors, prefix, limit)

    # --- editing ---------------------------------------------------------------------------

    def add_person(self, person: Person) -> Person:
        """Add ``person``, or update the entry with the same name key (non-empty fields win)."""
        existing = self.person(person.name)
        if existing is None:
            self.people.append(person)
            self.people.sort(key=lambda item: fold(item.name))
            return person
        for name in ("url", "org", "org_url", "role"):
            value = getattr(person, name)
            if value:
                setattr(existing, name, value)
        _extend(existing.variants, [person.name, *person.variants], existing.name)
        _extend(existing.seen_in, person.seen_in)
        return existing

    def add_organisation(self, organisation: Organisation) -> Organisation:
        """Add ``organisation``, or update the entry with the same key."""
        existing = self.organisation(organisation.name)
        if existing is None:
            self.organisations.append(organisation)
            self.organisations.sort(key=lambda item: fold(item.name))
            return organisation
        if organisation.url:
            existing.url = organisation.url
        existing.sponsor = existing.sponsor or organisation.sponsor
        _extend(existing.variants, [organisation.name, *organisation.variants], existing.name)
        _extend(existing.seen_in, organisation.seen_in)
        return existing

    def remove_person(self, name: str) -> bool:
        """Remove the person named ``name``; return whether there was one."""
        found = self.person(name)
        if found is not None:
            self.people.remove(found)
        return found is not None

    def remove_organisation(self, name: str) -> bool:
        """Remove the organisation named ``name``; return whether there was one."""
        found = self.organisation(name)
        if found is not None:
            self.organisations.remove(found)
        return found is not None

    def resolve(self, pair: NearDuplicate, same: bool) -> None:
        """Settle a flagged pair: merge ``second`` into ``first``, or remember they differ."""
        self.near_duplicates = [item for item in self.near_duplicates if item != pair]
        if not same:
            self.distinct.append((pair.first, pair.second))
            return
        if pair.kind == "person":
            second = self.person(pair.second)
            first = self.person(pair.first)
            if first is not None and second is not None and first is not second:
                self.people.remove(second)
                _extend(first.variants, [second.name, *second.variants], first.name)
                _extend(first.seen_in, second.seen_in)
                first.url = first.url or second.url
        else:
            second_org = self.organisation(pair.second)
            first_org = self.organisation(pair.first)
            if first_org is not None and second_org is not None and first_org is not second_org:
                self.organisations.remove(second_org)
                _extend(first_org.variants, [second_org.name, *second_org.variants], first_org.name)
                _extend(first_org.seen_in, second_org.seen_in)
                first_org.url = first_org.url or second_org.url
                first_org.sponsor = first_org.sponsor or second_org.sponsor

    def remember_post(self, post: Post, label: str = "") -> None:
        """Add the speakers, organisations and sponsors of ``post`` (e.g. after saving it)."""
        for session in post.sessions():
            for speaker in session.speakers:
                self.add_person(
                    Person(
                        speaker.name,
                        speaker.url,
                        speaker.org,
                        speaker.org_url,
                        speaker.role,
                        seen_in=[label] if label else [],
                    )
                )
                if speaker.org:
                    self.add_organisation(Organisation(speaker.org, speaker.org_url))
        for block in post.blocks:
            if isinstance(block, Sponsors):
                for sponsor in block.sponsors:
                    self.add_organisation(Organisation(sponsor.name, sponsor.url, sponsor=True))

    def merge_from(self, other: Directory) -> None:
        """Take in every entry of ``other`` (importing a directory file)."""
        for person in other.people:
            self.add_person(person)
        for organisation in other.organisations:
            self.add_organisation(organisation)
        settled = {frozenset(pair) for pair in self.distinct}
        for pair in other.near_duplicates:
            if (
                pair not in self.near_duplicates
                and frozenset((pair.first, pair.second)) not in settled
            ):
                self.near_duplicates.append(pair)
        _extend(self.distinct, other.distinct)

    # --- files -----------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """Return the directory as JSON data."""
        return {
            "version": FORMAT_VERSION,
            "people": [asdict(item) for item in self.people],
            "organisations": [asdict(item) for item in self.organisations],
            "near_duplicates": [asdict(item) for item in self.near_duplicates],
            "distinct": [list(pair) for pair in self.distinct],
        }

    @classmethod
    def from_json(cls, data: Any, name: str = "the directory file") -> Directory:
        """Read JSON data written by :meth:`to_json`; raise DirectoryError when it is not."""
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            raise DirectoryError(f"{name} is not a Roundup Editor directory (version 1).")
        try:
            directory = cls(
                people=[Person(**item) for item in data.get("people", [])],
                organisations=[Organisation(**item) for item in data.get("organisations", [])],
                near_duplicates=[NearDuplicate(**item) for item in data.get("near_duplicates", [])],
                distinct=[(str(a), str(b)) for a, b in data.get("distinct", [])],
            )
        except (TypeError, ValueError) as error:
            raise DirectoryError(f"{name} has an entry that cannot be read ({error}).") from None
        entries: list[Person | Organisation] = [*directory.people, *directory.organisations]
        for entry in entries:
            texts = [entry.name, entry.url, *entry.variants, *entry.seen_in]
            if not isinstance(entry.name, str) or not entry.name.strip():
                raise DirectoryError(f"{name} has an entry without a name.")
            if not all(text is None or isinstance(text, str) for text in texts):
                raise DirectoryError(
                    f"{name}: the entry {entry.name!r} has a value that is not text."
                )
        return directory

    def save(self, path: Path | None = None) -> Path:
        """Write the directory (atomically) to ``path`` or the user's directory file."""
        target = path or app_paths().directory_file
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"
        atomic_write(target, text.encode("utf-8"))
        return target

    def export_file(self, path: Path) -> Path:
        """Write the directory to a file the user chose."""
        return self.save(path)

    def import_file(self, path: Path) -> None:
        """Merge the entries of a directory file into this directory."""
        self.merge_from(load_directory(path, missing_ok=False))


def load_directory(path: Path | None = None, missing_ok: bool = True) -> Directory:
    """Read the directory from ``path`` (default: the user's); empty when absent and allowed."""
    source = path or app_paths().directory_file
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return Directory()
        raise DirectoryError(f"{source} does not exist.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DirectoryError(f"{source} cannot be read ({error}).") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DirectoryError(f"{source.name} is not valid JSON (line {error.lineno}).") from None
    return Directory.from_json(data, source.name)


def scan_blog(folder: Path, progress: Progress | None = None) -> ScanReport:
    """Build a directory from every post under ``folder`` (see :mod:`.directory_scan`)."""
    from roundup_editor.importers.directory_scan import scan_blog as scan

    return scan(folder, progress)


def _name_keys(person: Person) -> set[str]:
    """Return the keys of a person's name and of the other spellings merged into them."""
    names = [person.name, *(item for item in person.variants if "://" not in item)]
    return {name_key(name) for name in names}


def _complete(items: list[Any], prefix: str, limit: int) -> list[Any]:
    wanted = fold(prefix).strip()
    if not wanted:
        return items[:limit]
    starts = [item for item in items if fold(item.name).startswith(wanted)]
    inner = [
        item
        for item in items
        if item not in starts and any(word.startswith(wanted) for word in fold(item.name).split())
    ]
    return (starts + inner)[:limit]


def _extend(target: list[Any], values: list[Any], skip: str | None = None) -> None:
    for value in values:
        if value and value != skip and value not in target:
            target.append(value)


__all__ = [
    "Directory",
    "DirectoryError",
    "NearDuplicate",
    "Organisation",
    "Person",
    "load_directory",
    "scan_blog",
]
