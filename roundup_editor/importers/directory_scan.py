"""Build the directory from a blog repository: every post the core can read, in date order.

The same person written differently (case, accents, look-alike letters, URL-encoded or raw links,
trailing slashes, queries) becomes one entry showing the most used spelling (the latest post
breaks ties), with the other spellings kept as ``variants``. Organisation, its link and the role
come from the latest post that gives them. Near-duplicates are flagged, never merged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from roundup_editor.core.errors import RoundupError
from roundup_editor.core.post import Post, Sponsors, TextBlock
from roundup_editor.formats.reader import read_post
from roundup_editor.importers.directory import Directory, NearDuplicate, Organisation, Person
from roundup_editor.importers.names import (
    is_personal_url,
    name_key,
    near_duplicate,
    org_key,
    url_key,
)

#: ``progress(done, total, path)``; returning False cancels the scan.
Progress = Callable[[int, int, Path], bool]
_SKIP_DIRS = {"node_modules", "build", ".docusaurus", ".git", "__pycache__"}
# A line that is only a bold name (speaker bios): "**Ann Example**", "<p><strong>...</strong></p>".
_BOLD_LINE = re.compile(
    r"^\s*(?:<p>)?(?:\*\*|<strong>|<b>)([^*<>\n]{3,60}?)(?:\*\*|</strong>|</b>)(?:</p>)?\s*$"
)
_NAME_WORD = re.compile(r"^(?:[^\W\d_][\w'’.\-]*|de|den|der|van|von|la|le|da|di|du)$")


class ScanCancelled(RoundupError):
    """The user cancelled a directory scan; nothing was changed."""


@dataclass
class ScanReport:
    """A scan's directory and what happened: posts read and skipped, entries merged."""

    directory: Directory
    posts: int = 0
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    merged_people: int = 0
    merged_organisations: int = 0

    @property
    def flagged(self) -> int:
        """The number of near-duplicate pairs waiting for the user."""
        return len(self.directory.near_duplicates)


@dataclass
class _Tally:
    """Every way one entry was written, with the position of its last use."""

    names: dict[str, tuple[int, int]] = field(default_factory=dict)
    urls: dict[str, tuple[int, int]] = field(default_factory=dict)
    org: str | None = None
    org_url: str | None = None
    role: str | None = None
    sponsor: bool = False
    seen_in: list[str] = field(default_factory=list)

    def add(self, name: str, url: str | None, order: int, label: str) -> None:
        count, _last = self.names.get(name, (0, 0))
        self.names[name] = (count + 1, order)
        if url:
            count, _last = self.urls.get(url, (0, 0))
            self.urls[url] = (count + 1, order)
        if label not in self.seen_in:
            self.seen_in.append(label)

    def name(self) -> str:
        # Most used; then a capitalised spelling over an all-lower-case one; then the latest.
        return max(
            self.names,
            key=lambda item: (self.names[item][0], item != item.lower(), self.names[item][1]),
        )

    def url(self) -> str | None:
        groups: dict[str, list[str]] = {}
        for url in self.urls:
            groups.setdefault(url_key(url), []).append(url)
        if not groups:
            return None
        best = max(groups.values(), key=lambda urls: sum(self.urls[url][0] for url in urls))
        # Most used; then one without a query ("?trk=..."); then the latest.
        return max(best, key=lambda item: (self.urls[item][0], "?" not in item, self.urls[item][1]))

    def variants(self) -> list[str]:
        chosen = {self.name(), self.url()}
        return [item for item in [*self.names, *self.urls] if item not in chosen]


def find_posts(folder: Path) -> list[Path]:
    """Return the Markdown files under ``folder`` that may be posts, in path (date) order."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if any(part in _SKIP_DIRS or part.startswith(".") for part in relative[:-1]):
            continue
        if path.is_file() and path.suffix in (".md", ".mdx"):
            found.append(path)
    return found


def scan_blog(folder: Path, progress: Progress | None = None) -> ScanReport:
    """Read every post under ``folder`` and collect its people and organisations."""
    if not folder.is_dir():
        raise RoundupError(f"{folder} is not a folder.")
    files = find_posts(folder)
    people: dict[str, _Tally] = {}
    orgs: dict[str, _Tally] = {}
    report = ScanReport(Directory())
    mentions: list[tuple[str, str]] = []
    for order, path in enumerate(files, start=1):
        if progress is not None and not progress(order - 1, len(files), path):
            raise ScanCancelled("The directory scan was cancelled.")
        try:
            post = read_post(path)
        except RoundupError as error:
            report.skipped.append((path, str(error)))
            continue
        report.posts += 1
        label = (
            str(path.parent.relative_to(folder)) if path.name.startswith("index.") else path.stem
        )
        mentions.extend((name, label) for name in _bold_names(post))
        for session in post.sessions():
            for speaker in session.speakers:
                key = name_key(speaker.name)
                if not key:
                    continue
                tally = people.setdefault(key, _Tally())
                tally.add(speaker.name, speaker.url, order, label)
                if speaker.org:
                    tally.org, tally.org_url, tally.role = (
                        speaker.org,
                        speaker.org_url,
                        speaker.role,
                    )
                    _add_org(orgs, speaker.org, speaker.org_url, order, label, sponsor=False)
        for block in post.blocks:
            if isinstance(block, Sponsors):
                for sponsor in block.sponsors:
                    _add_org(orgs, sponsor.name, sponsor.url, order, label, sponsor=True)
    directory = report.directory
    for tally in people.values():
        directory.people.append(
            Person(
                tally.name(),
                tally.url(),
                tally.org,
                tally.org_url,
                tally.role,
                tally.variants(),
                tally.seen_in,
            )
        )
    for tally in orgs.values():
        directory.organisations.append(
            Organisation(tally.name(), tally.url(), tally.sponsor, tally.variants(), tally.seen_in)
        )
    directory.people.sort(key=lambda item: name_key(item.name))
    directory.organisations.sort(key=lambda item: org_key(item.name))
    report.merged_people = sum(1 for item in directory.people if item.variants)
    report.merged_organisations = sum(1 for item in directory.organisations if item.variants)
    directory.near_duplicates = [
        *_flag_people(directory.people),
        *_flag_mentions(directory.people, mentions),
        *_flag_organisations(directory.organisations),
    ]
    return report


def _bold_names(post: Post) -> list[str]:
    """Return names written alone in bold in the post's text (not structured speakers)."""
    names = []
    for block in post.blocks:
        if not isinstance(block, TextBlock):
            continue
        for line in block.text.split("\n"):
            match = _BOLD_LINE.match(line)
            if match is None:
                continue
            words = match.group(1).split()
            if (
                2 <= len(words) <= 4
                and all(_NAME_WORD.match(word) for word in words)
                and words[0][0].isupper()
                and words[-1][0].isupper()
            ):
                names.append(" ".join(words))
    return names


def _flag_mentions(people: list[Person], mentions: list[tuple[str, str]]) -> list[NearDuplicate]:
    """Flag bold names in post text that look like a known speaker's name misspelt."""
    keys = {name_key(person.name): person for person in people}
    flagged: list[NearDuplicate] = []
    seen: set[str] = set()
    for name, label in mentions:
        key = name_key(name)
        if key in keys or key in seen:
            continue
        for person_key, person in keys.items():
            if near_duplicate(person_key, key):
                seen.add(key)
                reason = f"written {name!r} in the text of {label}"
                flagged.append(NearDuplicate("person", person.name, name, reason))
                break
    return flagged


def _add_org(
    orgs: dict[str, _Tally], name: str, url: str | None, order: int, label: str, sponsor: bool
) -> None:
    key = org_key(name)
    if not key:
        return
    tally = orgs.setdefault(key, _Tally())
    tally.add(name, url, order, label)
    tally.sponsor = tally.sponsor or sponsor


def _deletions(key: str, depth: int = 2) -> set[str]:
    """Return ``key`` with up to ``depth`` characters deleted (every way)."""
    found = {key}
    frontier = {key}
    for _level in range(depth):
        frontier = {
            item[:index] + item[index + 1 :] for item in frontier for index in range(len(item))
        }
        found |= frontier
    return found


def _similar_pairs(keys: list[str]) -> list[tuple[int, int]]:
    """Return index pairs whose keys are near-duplicates.

    Two keys within two edits share a string made by deleting at most two characters from
    each, so only keys sharing one are compared: fast even for thousands of entries.
    """
    buckets: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        for variant in _deletions(key):
            buckets.setdefault(variant, []).append(index)
    candidates = {pair for group in buckets.values() for pair in combinations(group, 2)}
    return sorted(pair for pair in candidates if near_duplicate(keys[pair[0]], keys[pair[1]]))


def _shared_links(urls: list[str]) -> list[tuple[int, int]]:
    """Return index pairs with the same (non-empty) link key."""
    seen: dict[str, list[int]] = {}
    for index, key in enumerate(urls):
        if key:
            seen.setdefault(key, []).append(index)
    return sorted(pair for group in seen.values() for pair in combinations(group, 2))


def _flag_people(people: list[Person]) -> list[NearDuplicate]:
    keys = [name_key(person.name) for person in people]
    urls = [url_key(person.url) if is_personal_url(person.url) else "" for person in people]
    flagged = []
    similar = _similar_pairs(keys)
    for first, second in similar:
        reason = "the names differ by a letter or two"
        flagged.append(NearDuplicate("person", people[first].name, people[second].name, reason))
    for first, second in _shared_links(urls):
        if (first, second) not in similar:
            reason = "they share a profile link"
            flagged.append(NearDuplicate("person", people[first].name, people[second].name, reason))
    return flagged


def _flag_organisations(organisations: list[Organisation]) -> list[NearDuplicate]:
    keys = [org_key(organisation.name) for organisation in organisations]
    urls = [url_key(organisation.url) for organisation in organisations]
    flagged = []
    similar = _similar_pairs(keys)
    for first, second in similar:
        reason = "the names differ by a letter or two"
        names = organisations[first].name, organisations[second].name
        flagged.append(NearDuplicate("organisation", *names, reason))
    for first, second in _shared_links(urls):
        if (first, second) not in similar:
            names = organisations[first].name, organisations[second].name
            flagged.append(NearDuplicate("organisation", *names, "they share a website"))
    return flagged
