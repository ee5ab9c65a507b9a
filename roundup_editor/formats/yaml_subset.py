"""The plain front matter most posts have, read without PyYAML (which costs ~25 ms to import).

A post's header is nearly always ``key: value`` lines whose values are plain words, quoted
strings, dates, whole numbers or flow lists of those (``tags: [news, roundup]``).
``read_simple_mapping`` reads exactly that and nothing more: for any text it is not sure of it
returns None and the caller asks PyYAML. Whatever it does return is what PyYAML's safe loader
returns for the same text (a property test compares the two on generated headers).

Not sure means: indented or continued lines, comments after values, anchors, aliases, tags,
escapes, tabs, unprintable characters, repeated keys, and every plain value that YAML 1.1
could read as anything but a string (``yes``, ``null``, ``1e3``, ``0o7``, ``12:30``...), apart
from ``YYYY-MM-DD`` dates and plain whole numbers, which it reads as PyYAML does. Flow lists are
read only when their items are plain words, numbers, dates or quoted strings without escapes.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_\-]*):(?: (.*))?")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_WHOLE_NUMBER = re.compile(r"0|[1-9][0-9]*")
# YAML 1.1 reads these plain words as booleans or null (PyYAML's implicit resolvers).
_NOT_STRINGS = frozenset(
    spell(word)
    for word in ("yes", "no", "true", "false", "on", "off", "null")
    for spell in (str.lower, str.capitalize, str.upper)
)
# A plain value in a block may hold any printable character (its first must be a letter or a
# digit, and ": " and " #" end it); in a flow list these end or change an item, or might.
_FLOW_BLOCKED = frozenset("#\\\"'`{}[]&*!|>%@,:?")
# What a YAML 1.1 number or timestamp can be made of: a plain value starting with a digit and
# holding any other character is a string (``1 Week to Go``).
_NUMBER_LIKE = frozenset("0123456789abcdefABCDEFxXoOtTZ:._+- ")


class _NotSimple(Exception):
    """The text is outside the subset: let PyYAML read it."""


def read_simple_mapping(text: str) -> dict[str, Any] | None:
    """Return the mapping ``text`` holds, or None when PyYAML must read it."""
    try:
        return _read(text)
    except _NotSimple:
        return None


def _read(text: str) -> dict[str, Any] | None:
    if "\r" in text or "\t" in text:
        raise _NotSimple
    result: dict[str, Any] = {}
    for line in text.split("\n"):
        if not line or line.startswith("#"):
            continue
        match = _KEY_LINE.fullmatch(line)
        if match is None or match.group(1) in _NOT_STRINGS or match.group(1) in result:
            raise _NotSimple
        result[match.group(1)] = _value(match.group(2) or "")
    return result or None  # only comments: PyYAML says None, let it


def _value(text: str) -> Any:
    """Read one value written after ``key: ``."""
    if not text:
        return None
    if text != text.strip(" ") or not text.isprintable():
        raise _NotSimple
    first = text[0]
    if first == "[":
        if not text.endswith("]"):
            raise _NotSimple
        return _flow_list(text[1:-1])
    if first in "'\"":
        value, rest = _quoted(text)
        if rest:
            raise _NotSimple
        return value
    return _plain(text, frozenset())


def _quoted(text: str) -> tuple[str, str]:
    """Read a quoted string at the start of ``text``; return it and the text after it."""
    quote = text[0]
    if quote == '"':
        end = text.find('"', 1)
        if end < 0 or "\\" in text[1:end]:
            raise _NotSimple
        return text[1:end], text[end + 1 :]
    index, parts = 1, []
    while True:
        end = text.find("'", index)
        if end < 0:
            raise _NotSimple
        parts.append(text[index:end])
        if text.startswith("''", end):
            parts.append("'")
            index = end + 2
            continue
        return "".join(parts), text[end + 1 :]


def _flow_list(inner: str) -> list[Any]:
    """Read the items between a flow list's brackets."""
    items: list[Any] = []
    rest = inner.strip(" ")
    while rest:
        if rest[0] in "'\"":
            item, rest = _quoted(rest)
            rest = rest.lstrip(" ")
        else:
            item, comma, after = rest.partition(",")
            item = _plain(item.strip(" "), _FLOW_BLOCKED)
            rest = comma + after
        items.append(item)
        if not rest:
            break
        if not rest.startswith(","):
            raise _NotSimple
        rest = rest[1:].lstrip(" ")
        if not rest:
            raise _NotSimple  # a trailing comma: leave it to PyYAML
    return items


def _plain(text: str, blocked: frozenset[str]) -> Any:
    """Read a plain (unquoted) scalar: a string, a date or a whole number."""
    if not text or text.endswith(":") or ": " in text or " #" in text:
        raise _NotSimple
    if any(char in blocked or (char.isspace() and char != " ") for char in text):
        raise _NotSimple
    if "0" <= text[0] <= "9":
        if all(char in _NUMBER_LIKE for char in text):
            return _number_or_date(text)
        return text
    if not text[0].isalpha() or text in _NOT_STRINGS:
        raise _NotSimple
    return text


def _number_or_date(text: str) -> Any:
    if _WHOLE_NUMBER.fullmatch(text):
        return int(text)
    date = _DATE.fullmatch(text)
    if date is None:
        raise _NotSimple
    try:
        return datetime.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))
    except ValueError:
        raise _NotSimple from None
