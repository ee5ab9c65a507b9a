"""Front matter: read the YAML header entry by entry, keep each entry's exact lines.

Each top-level key's lines are kept verbatim and written back until the value changes; changed
or new values are written in the forms that are safe on Docusaurus 2 and 3 (double-quoted strings,
flow lists), see ``../shared/docusaurus/README.md``.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Any

from roundup_editor.core.errors import PostFormatError
from roundup_editor.core.post import FrontMatter, FrontMatterEntry
from roundup_editor.formats.yaml_subset import read_simple_mapping

_KEY_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_\-]*)\s*:(?:\s|$)")
_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.\-/]*$")
_MAX_NODES = 10_000


@functools.cache
def _guarded_loader() -> Any:
    """Return a safe loader class that refuses alias bombs ("billion laughs") and huge documents.

    PyYAML is imported here, on first use: most headers are read by ``read_simple_mapping``.
    """
    import yaml

    class GuardedLoader(yaml.SafeLoader):
        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self._nodes = 0

        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            self._nodes += 1
            if self._nodes > _MAX_NODES:
                raise PostFormatError(
                    "the front matter is too large or repeats itself (YAML aliases)"
                )
            return super().construct_object(node, deep)

    return GuardedLoader


def load_yaml(text: str) -> Any:
    """Parse YAML safely; raise PostFormatError on bad or hostile YAML."""
    simple = read_simple_mapping(text)
    if simple is not None:
        return simple
    return load_yaml_fully(text)


def load_yaml_fully(text: str) -> Any:
    """Parse YAML safely with PyYAML (no shortcut); raise PostFormatError on bad or hostile YAML."""
    import yaml

    if text.count("*") and "&" in text and len(re.findall(r"\*[A-Za-z0-9_]+", text)) > 100:
        raise PostFormatError("the front matter uses too many YAML aliases")
    try:
        value = yaml.load(text, Loader=_guarded_loader())
        _check_expanded_size(value)
        return value
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise PostFormatError(f"the front matter is not valid YAML{where}") from None
    except RecursionError:
        raise PostFormatError("the front matter nests too deeply") from None
    except (ValueError, OverflowError):  # a date like 2024-02-30: PyYAML's own error
        raise PostFormatError("the front matter has a date that does not exist") from None


def _check_expanded_size(value: Any) -> None:
    """Refuse YAML whose aliases expand to a huge or endless structure ("billion laughs").

    PyYAML builds an aliased node once and shares it, so loading is cheap, but anything that
    walks the value afterwards (JSON, equality, the summary) sees every copy.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(item: Any) -> int:
        if not isinstance(item, (list, dict)):
            return 1
        key = id(item)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise PostFormatError("the front matter refers to itself (recursive YAML aliases)")
        active.add(key)
        children = list(item.keys()) + list(item.values()) if isinstance(item, dict) else item
        total = 1
        for child in children:
            total += size(child)
            if total > _MAX_NODES:
                raise PostFormatError(
                    "the front matter is too large or repeats itself (YAML aliases)"
                )
        active.discard(key)
        sizes[key] = total
        return total

    size(value)


_FENCE = re.compile(r"^---[ \t]*$")


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """Split ``text`` (LF line ends) into front matter and body; (None, text) when there is none.

    Raises PostFormatError when the header is there but broken (not YAML, not a mapping).
    """
    if not text.startswith("---"):
        return None, text
    first_end = text.find("\n")
    if first_end < 0 or not _FENCE.match(text[:first_end]):
        return None, text
    lines = text[first_end + 1 :].split("\n")
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            inner = "\n".join(lines[:index])
            rest = "\n".join(lines[index + 1 :])
            has_more = index + 1 < len(lines)
            gap_match = re.match(r"(?:[ \t]*\n)*", rest)
            blank = gap_match.group(0) if gap_match else ""
            front = FrontMatter(
                entries=_parse_entries(inner, index > 0),
                opening=text[: first_end + 1],
                closing=line,
                gap=("\n" if has_more else "") + blank,
            )
            return front, rest[len(blank) :]
    return None, text


def _parse_entries(inner: str, has_lines: bool) -> list[FrontMatterEntry]:
    """Cut the header's lines into entries (``has_lines``: one empty line is still a line)."""
    whole = load_yaml(inner) if inner.strip() else {}
    if whole is None:
        whole = {}
    if not isinstance(whole, dict):
        raise PostFormatError("the front matter is not a list of 'key: value' lines")
    chunks: list[list[str]] = []
    for line in inner.split("\n") if has_lines else []:
        # A top-level comment is an entry of its own, so editing the key above keeps it.
        if _KEY_LINE.match(line) or line.startswith("#") or not chunks:
            chunks.append([line])
        else:
            chunks[-1].append(line)
    entries = []
    for chunk in chunks:
        source = "\n".join(chunk)
        match = _KEY_LINE.match(chunk[0])
        if match is None or match.group(1) not in whole:
            # Comments or lines we cannot attribute: keep them as an opaque entry.
            entries.append(FrontMatterEntry("", None, source, None))
            continue
        key = match.group(1)
        value = _plain(whole[key])
        entries.append(FrontMatterEntry(key, value, source, value))
    return entries


def _plain(value: Any) -> Any:
    """Turn YAML dates into ISO strings so values stay JSON data."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def render_front_matter(front: FrontMatter) -> str:
    """Return the header text, from ``---`` to the blank lines before the body.

    Unchanged entries are written as they were read (order, quoting, comments); a changed
    entry becomes one ``key: value`` line, in the quoting style its old line used when that
    style can hold the new value.
    """
    parts = []
    for entry in front.entries:
        if entry.source is not None and entry.value == entry.source_value:
            parts.append(entry.source)
        else:
            style = _quote_style(entry.source, entry.key)
            parts.append(f"{entry.key}: {render_value(entry.value, entry.key, style)}")
    inner = "\n".join(parts)
    return front.opening + inner + ("\n" if parts else "") + front.closing + front.gap


def _quote_style(source: str | None, key: str) -> str:
    """Return how the value on an entry's first line was quoted: ``'``, ``"`` or ``""``."""
    if source is None:
        return ""
    first = source.split("\n", 1)[0]
    value = first[len(key) :].lstrip()[1:].lstrip()
    return value[:1] if value[:1] in ("'", '"') else ""


def render_value(value: Any, key: str = "", style: str = "") -> str:
    """Return a YAML value written the way Docusaurus 2 and 3 both read it back unchanged.

    Strings stay plain only when YAML reads them back as the same string (so ``Roundup #1``,
    ``2024-10-01``, ``yes`` and ``a: b`` are quoted); a ``slug`` is quoted unless it is a plain
    URL segment. ``style`` ``'`` keeps single quotes for a value that was single-quoted.
    """
    if isinstance(value, list):
        return "[" + ", ".join(render_value(item) for item in value) + "]"
    if isinstance(value, dict):
        import json  # (only to write a changed value)

        return _YAML_UNSAFE.sub(_yaml_escape, json.dumps(value, ensure_ascii=False))
    return _scalar(
        value, force_quotes=key == "slug" and not _SLUG_SAFE.match(str(value)), style=style
    )


_SLUG_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-/]*$")


def _scalar(value: Any, force_quotes: bool = False, style: str = "") -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    text = str(value)
    if (
        not force_quotes
        and not style
        and _PLAIN_SAFE.match(text)
        and load_yaml(f"k: {text}") == {"k": text}
    ):
        return text
    if style == "'" and not _YAML_UNSAFE.search(text) and "\n" not in text and "\t" not in text:
        return "'" + text.replace("'", "''") + "'"
    import json

    return _YAML_UNSAFE.sub(_yaml_escape, json.dumps(text, ensure_ascii=False))


# What PyYAML does not accept raw in a stream, or reads as a line break inside a quoted string:
# every code point but tab, LF, CR, 20-7E, A0-2027, 202A-D7FF, E000-FFFD and 10000-10FFFF
# (written as the complement, which compiles in 1 ms instead of 9 at start-up).
_YAML_UNSAFE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)


def _yaml_escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
