"""Importing a newer export of a schedule into a post that was started from it.

Sessions are matched by the source's id (through the record the import left in the front
matter, see :mod:`.records`: the session still showing the imported title, or else the imported
speakers with the imported abstract or a link), then by title. A matched session's field is
updated only when it still holds what the last import put there; a field the user edited is
left alone. New talks are added after the talk before them in the schedule; nothing is
duplicated, and sessions that were imported before but are no longer in the post (deleted by
hand) are not added again.

The result is the new block list plus one :class:`~roundup_editor.core.commands.Macro`, so the
GUI applies the whole import as one undoable step.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from roundup_editor.core.commands import Command, InsertBlocks, Macro, SetField, SetFrontMatter
from roundup_editor.core.post import Block, Post, Session
from roundup_editor.importers.build import to_session
from roundup_editor.importers.common import ImportedSchedule, ImportedSession
from roundup_editor.importers.records import (
    RECORD_KEY,
    TRACKED,
    encode_record,
    field_value,
    fingerprint,
    fingerprints,
    read_record,
    session_key,
    stored_value,
)


@dataclass
class MergeSummary:
    """What a re-import changed: per session title, the fields updated or kept."""

    updated: list[tuple[str, list[str]]] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    kept: list[tuple[str, list[str]]] = field(default_factory=list)
    not_readded: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        """Tell whether the import changes the post at all."""
        return bool(self.updated or self.added)

    def lines(self) -> list[str]:
        """Return the summary as sentences for a dialog or the terminal."""
        out = [f"Updated {title}: {', '.join(names)}." for title, names in self.updated]
        out += [f"Added {title}." for title in self.added]
        out += [f"Kept your edits to {title}: {', '.join(names)}." for title, names in self.kept]
        out += [
            f"Not added again (removed or retitled in the post): {title}."
            for title in self.not_readded
        ]
        out.append(f"{self.unchanged} session(s) unchanged.")
        return out


@dataclass
class MergeResult:
    """The outcome of a re-import: new blocks, the new record and the summary."""

    blocks: list[Block]
    record: dict[str, Any]
    summary: MergeSummary
    updates: list[tuple[int, str, Any]] = field(default_factory=list)
    inserts: list[tuple[int, Session]] = field(default_factory=list)

    def command(self) -> Command:
        """Return the whole import as one undoable command (apply it to the merged post)."""
        commands: list[Command] = [
            SetField(block_id, name, value) for block_id, name, value in self.updates
        ]
        commands += [
            InsertBlocks(index, [session], "Import session") for index, session in self.inserts
        ]
        commands.append(SetFrontMatter(RECORD_KEY, self.record))
        return Macro("Import schedule", commands)


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _find(
    sessions: list[Session], claimed: set[int], item: ImportedSession, prints: dict[str, str] | None
) -> Session | None:
    free = [session for session in sessions if session.id not in claimed]
    if prints is not None:
        for session in free:
            if fingerprint(session.title) == prints["title"]:
                return session
        # Retitled by hand: the same speakers and a non-empty abstract or link as imported.
        empty = fingerprint(None)
        for session in free:
            if fingerprint(session.speakers) != prints["speakers"]:
                continue
            if any(
                prints[name] != empty and fingerprint(field_value(session, name)) == prints[name]
                for name in ("abstract", "slides_url", "video_url")
            ):
                return session
    return next((session for session in free if _same_title(session.title, item.title)), None)


def merge_schedule(post: Post, schedule: ImportedSchedule) -> MergeResult:
    """Work out the import of ``schedule`` into ``post`` without changing ``post``."""
    records = read_record(post, schedule.source)
    sessions = post.sessions()
    claimed: set[int] = set()
    summary = MergeSummary()
    new_records: dict[str, dict[str, str]] = dict(records)
    replaced: dict[int, Session] = {}
    updates: list[tuple[int, str, Any]] = []
    placed: list[tuple[int | None, Session]] = []  # (anchor block id, new session)
    anchor: int | None = None
    for item in schedule.sessions:
        key = session_key(item)
        prints = records.get(key)
        target = _find(sessions, claimed, item, prints)
        if target is None and prints is not None:
            summary.not_readded.append(item.title)
            continue
        if target is None:
            session = to_session(item)
            placed.append((anchor, session))
            anchor = session.id
            new_records[key] = fingerprints(item)
            summary.added.append(item.title)
            continue
        claimed.add(target.id)
        anchor = target.id
        record, changed, kept = _merge_fields(target, item, prints)
        new_records[key] = record
        if changed:
            copy_ = replaced.setdefault(target.id, copy.deepcopy(target))
            for name in changed:
                value = copy.deepcopy(stored_value(item, name))
                setattr(copy_, name, value)
                updates.append((target.id, name, value))
            summary.updated.append((item.title, changed))
        if kept:
            summary.kept.append((target.title, kept))
        if not changed:
            summary.unchanged += 1
    blocks, inserts = _place(post, replaced, placed)
    return MergeResult(
        blocks, encode_record(schedule.source, new_records), summary, updates, inserts
    )


def _merge_fields(
    target: Session, item: ImportedSession, prints: dict[str, str] | None
) -> tuple[dict[str, str], list[str], list[str]]:
    """Decide field by field; return the new record, the fields to update and those kept."""
    record: dict[str, str] = {}
    changed: list[str] = []
    kept: list[str] = []
    for name in TRACKED:
        current = field_value(target, name)
        new = field_value(item, name)
        if current == new or (_empty(current) and _empty(new)):
            record[name] = fingerprint(new)
            continue
        if prints is not None and fingerprint(new) == prints[name]:
            record[name] = prints[name]  # the source did not change it: the post's value stands
            continue
        untouched = fingerprint(current) == prints[name] if prints is not None else _empty(current)
        if untouched:
            changed.append(name)
            record[name] = fingerprint(new)
        else:
            kept.append(name)
            # Keep remembering what was imported, so the value stays the user's next time too.
            record[name] = prints[name] if prints is not None else fingerprint(new)
    return record, changed, kept


def _place(
    post: Post, replaced: dict[int, Session], placed: list[tuple[int | None, Session]]
) -> tuple[list[Block], list[tuple[int, Session]]]:
    """Return the new block list and, in order, the positions the new sessions go to."""
    blocks: list[Block] = [replaced.get(block.id, block) for block in post.blocks]
    blocks = [copy.copy(block) if block.id not in replaced else block for block in blocks]
    old_tail = blocks[-1] if blocks else None
    tail_gap = old_tail.gap if old_tail is not None else "\n"
    for anchor, session in placed:
        if anchor is not None:
            index = next(i for i, block in enumerate(blocks) if block.id == anchor) + 1
        else:
            first = next((i for i, block in enumerate(blocks) if isinstance(block, Session)), None)
            index = first if first is not None else len(blocks)
        blocks.insert(index, session)
        session.gap = "\n\n"
        if index > 0 and blocks[index - 1].gap.count("\n") < 2:
            blocks[index - 1].gap = "\n\n"
    if blocks and blocks[-1] is not old_tail:
        blocks[-1].gap = tail_gap if tail_gap else "\n"
    positions = {block.id: index for index, block in enumerate(blocks)}
    inserts = sorted(
        ((positions[session.id], session) for _a, session in placed), key=lambda p: p[0]
    )
    return blocks, [(index, copy.deepcopy(session)) for index, session in inserts]
