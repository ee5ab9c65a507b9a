"""The PyYAML-free reader of plain headers: whatever it reads, PyYAML reads the same way."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from roundup_editor.core.errors import PostFormatError
from roundup_editor.formats.frontmatter import load_yaml
from roundup_editor.formats.yaml_subset import read_simple_mapping
from roundup_editor.resources import resources_root


def typed(value: Any) -> Any:
    """``value`` with every scalar's type beside it (``True == 1`` must not pass)."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, value)


def pyyaml(text: str) -> Any:
    return yaml.load(text, Loader=yaml.SafeLoader)


# Values that YAML 1.1 reads in surprising ways, and values in the forms posts use.
TRICKY = [
    "yes",
    "No",
    "ON",
    "off",
    "true",
    "FALSE",
    "null",
    "Null",
    "~",
    "y",
    "n",
    "0",
    "1",
    "01",
    "010",
    "0o7",
    "0x1f",
    "1e3",
    "1.5",
    "1_000",
    "-1",
    "+1",
    ".inf",
    ".nan",
    "12:30",
    "190:20:30",
    "2024-10-01",
    "2024-13-01",
    "2024-1-1",
    "2024-10-01 10:00",
    "a: b",
    "a:b",
    "a:",
    "a #b",
    "a#b",
    "http://x.example/y?z=1",
    "Null Island",
    "Hello, world",
    "'q'",
    "'it''s'",
    "'a' b",
    "''",
    '"d"',
    '"a\\"b"',
    '""',
    '"a # b"',
    "'unterminated",
    "[a, b]",
    "[]",
    "[ ]",
    "[a,]",
    "[a, [b]]",
    '["x", y]',
    "[yes, 1, 2024-10-01]",
    "[a b]",
    "[a:b]",
    "['a, b']",
    "['a'' b', \"c\"]",
    "[a, 'b' c]",
    "[a] b",
    "{a: b}",
    "&anchor x",
    "*alias",
    "!tag x",
    "!!str 1",
    "|",
    ">",
    "- a",
    "? a",
    "%x",
    "@x",
    "`x",
    "Ünïcödé – dash",
    "emoji 🎉",
    "a\u2028b",
    "a\xa0b",
    "a\ufeffb",
    "x ",
    " x",
    "",
    "a\tb",
    "٣",
    "²",
    "CloudStack India User Group 2025 – Event Roundup",
    "1 Week to Go - May 4th, 2023",
    "1:30 pm",
    "2x",
    "4th of May!",
    "Now Live!",
    "a!b",
    "It's",
    'say "hi"',
    "a\\b",
    "x, y: z",
    "[a!]",
    "[4th, 5]",
    "1e",
    "0x",
    "12_0",
    "2024-10-01T10:00:00Z",
    "3 - 4",
]
KEYS = ["title", "slug", "tags", "authors", "yes", "on", "null", "a-b", "_x", "Key", "2x"]
ALPHABET = "aZ09 :#,-[]'\"_.!&*{}\\–é\t|>?%@`~"


def lines() -> st.SearchStrategy[str]:
    value = st.sampled_from(TRICKY) | st.text(ALPHABET, max_size=12)
    entry = st.builds(lambda key, text: f"{key}: {text}", st.sampled_from(KEYS), value)
    other = st.sampled_from(["# a comment", "", "  - indented", "key:", "title:value", "---"])
    return entry | other


@settings(max_examples=1500, deadline=None)
@given(st.lists(lines(), min_size=1, max_size=6))
def test_what_the_subset_reads_pyyaml_reads_the_same(header_lines: list[str]) -> None:
    text = "\n".join(header_lines)
    simple = read_simple_mapping(text)
    if simple is None:
        return
    assert typed(simple) == typed(pyyaml(text))  # and PyYAML does not refuse it


PIECES = "aZ09 :#,-[]'\"_.!&*{}\\–é|>?%@`~xXoOeEtTbB+"


@settings(max_examples=1500, deadline=None)
@given(
    st.sampled_from(["title", "tags"]),
    st.sampled_from(["", "a", "1", "[", "'", '"', "Z"]),
    st.text(PIECES, max_size=12),
)
def test_one_line_values_read_by_the_subset_read_the_same_in_pyyaml(
    key: str, start: str, rest: str
) -> None:
    text = f"{key}: {start}{rest}"
    simple = read_simple_mapping(text)
    if simple is not None:
        assert typed(simple) == typed(pyyaml(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: Hello, world\ntags: [news, roundup]",
            {"title": "Hello, world", "tags": ["news", "roundup"]},
        ),
        ("title: 'It''s: new'\nslug: \"a-b\"", {"title": "It's: new", "slug": "a-b"}),
        ("date: 2024-10-01\nsessions: 12", {"date": datetime.date(2024, 10, 1), "sessions": 12}),
        ("# a comment\nlayout: post\n\nimage:", {"layout": "post", "image": None}),
        (
            "tags: []\nauthors: [\"Ana Ruiz\", 'O''Neil', jamie]",
            {"tags": [], "authors": ["Ana Ruiz", "O'Neil", "jamie"]},
        ),
    ],
)
def test_plain_headers_are_read_without_pyyaml(text: str, expected: dict[str, Any]) -> None:
    assert typed(read_simple_mapping(text)) == typed(expected)


@pytest.mark.parametrize(
    "text",
    [
        "draft: yes",  # a boolean in YAML 1.1
        "title: null",
        "on: x",  # the key is a boolean
        "title: a # comment",
        "title: a\ntitle: b",  # repeated key
        "extra:\n  - one",  # indented lines
        "title: |\n  text",
        "version: 1.5",
        "time: 12:30",  # sexagesimal
        "a: &x 1\nb: *x",  # an anchor and its alias
        'title: "a\\u00e9"',  # escapes
        "tags: [a, [b]]",
        "# only a comment",
        "title: x\r\n",
    ],
)
def test_anything_unusual_is_left_to_pyyaml(text: str) -> None:
    assert read_simple_mapping(text) is None
    assert typed(load_yaml(text)) == typed(pyyaml(text))


def test_an_impossible_date_is_one_clear_error() -> None:
    assert read_simple_mapping("date: 2024-02-30") is None
    with pytest.raises(PostFormatError, match="date"):
        load_yaml("title: x\ndate: 2024-02-30")


def _headers(root: Path) -> list[tuple[str, str]]:
    headers = []
    for index in sorted(root.rglob("index.md")):
        text = index.read_text(encoding="utf-8").replace("\r\n", "\n")
        if text.startswith("---\n"):
            headers.append((index.parent.name, text[4 : text.index("\n---", 3)]))
    return headers


def test_every_corpus_and_bundled_header_is_read_without_pyyaml(corpus: Path) -> None:
    headers = _headers(corpus) + _headers(resources_root())
    assert len(headers) >= 16
    for name, header in headers:
        simple = read_simple_mapping(header)
        assert simple is not None, name
        assert typed(simple) == typed(pyyaml(header)), name
