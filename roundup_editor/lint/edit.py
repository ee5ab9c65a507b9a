"""Model edits behind safe fixes: string transforms over a block's fields, exact text edits.

A fix never touches layouts: changing a value makes the slots that show it render afresh, so only
the lines with the fixed text change when the post is saved.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any

from roundup_editor.core.post import Post, TextBlock
from roundup_editor.lint.finding import FixAction

Transform = Callable[[str], str]

#: Fields that are not text a fix may rewrite (structure, file names, enumerations).
_SKIPPED = frozenset({"gap", "layout", "id", "dialect", "kind", "file", "src", "time"})


def transform_value(value: Any, transform: Transform) -> tuple[Any, bool]:
    """Return ``value`` with ``transform`` applied to every string in it, and whether it changed.

    Dataclasses are changed in place; lists and strings are returned anew.
    """
    if isinstance(value, str):
        new = transform(value)
        return new, new != value
    if isinstance(value, list):
        changed = False
        items = []
        for item in value:
            new_item, item_changed = transform_value(item, transform)
            items.append(new_item)
            changed = changed or item_changed
        return (items, True) if changed else (value, False)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = False
        for spec in dataclasses.fields(value):
            if spec.name in _SKIPPED:
                continue
            old = getattr(value, spec.name)
            new, field_changed = transform_value(old, transform)
            if field_changed:
                setattr(value, spec.name, new)
                changed = True
        return value, changed
    return value, False


def transform_block(post: Post, block_id: int | None, transform: Transform) -> bool:
    """Apply ``transform`` to the text fields of one block (or the front matter when None)."""
    if block_id is None:
        if post.front_matter is None:
            return False
        changed = False
        for entry in post.front_matter.entries:
            new, entry_changed = transform_value(entry.value, transform)
            if entry_changed:
                entry.value = new
                changed = True
        return changed
    try:
        block = post.blocks[post.block_index(block_id)]
    except KeyError:
        return False
    return transform_value(block, transform)[1]


def replace_action(block_id: int | None, old: str, new: str, whole_word: bool = False) -> FixAction:
    """Return a fix that replaces ``old`` by ``new`` in a block's text fields."""
    if whole_word:
        pattern = re.compile(r"(?<!\w)" + re.escape(old) + r"(?!\w)")

        def transform(text: str) -> str:
            return pattern.sub(lambda _match: new, text)

    else:

        def transform(text: str) -> str:
            return text.replace(old, new)

    return lambda post: transform_block(post, block_id, transform)


def field_action(block_id: int, path: str, value: Any) -> FixAction:
    """Return a fix that sets one field (``title``, ``thumbnails[0].title``) of a block."""

    def apply(post: Post) -> bool:
        try:
            target: Any = post.blocks[post.block_index(block_id)]
        except KeyError:
            return False
        parts = path.split(".")
        for part in parts[:-1]:
            name, _, index = part.partition("[")
            target = getattr(target, name)
            if index:
                position = int(index.rstrip("]"))
                if position >= len(target):
                    return False
                target = target[position]
        if getattr(target, parts[-1]) == value:
            return False
        setattr(target, parts[-1], value)
        return True

    return apply


def text_edit_action(block_id: int, offset: int, expected: str, replacement: str) -> FixAction:
    """Return a fix that replaces ``expected`` at ``offset`` of a text block's text."""

    def apply(post: Post) -> bool:
        try:
            block = post.blocks[post.block_index(block_id)]
        except KeyError:
            return False
        if not isinstance(block, TextBlock):
            return False
        if block.text[offset : offset + len(expected)] != expected:
            return False
        block.text = block.text[:offset] + replacement + block.text[offset + len(expected) :]
        return True

    return apply


def string_fields(value: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Yield (path, text) for every text field of a block (``title``, ``speakers[0].url``)."""
    if isinstance(value, str):
        yield prefix, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from string_fields(item, f"{prefix}[{index}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for spec in dataclasses.fields(value):
            if spec.name not in _SKIPPED or spec.name in ("file", "src"):
                path = f"{prefix}.{spec.name}" if prefix else spec.name
                yield from string_fields(getattr(value, spec.name), path)


def field_holding(
    post: Post, block_index: int | None, needle: str, occurrence: int = 0
) -> str | None:
    """Return the path of the field of a block (or the front matter key) showing ``needle``.

    ``occurrence`` counts earlier occurrences in the block, so the second "Оbject" of a session
    names the thumbnail title rather than the session title.
    """
    if block_index is None:
        if post.front_matter is None:
            return None
        fields = [
            (entry.key, text)
            for entry in post.front_matter.entries
            for _path, text in string_fields(entry.value)
        ]
    else:
        fields = list(string_fields(post.blocks[block_index]))
    seen = 0
    found = None
    for path, text in fields:
        count = text.count(needle)
        if count and found is None:
            found = path
        if seen + count > occurrence:
            return path
        seen += count
    return found
