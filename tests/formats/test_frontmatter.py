"""Front matter: read entry by entry, written back verbatim, changed values written safely."""

from __future__ import annotations

import difflib

import pytest
import yaml

from roundup_editor.core.errors import PostFormatError
from roundup_editor.core.post import FrontMatter, FrontMatterEntry
from roundup_editor.formats.frontmatter import (
    load_yaml,
    render_front_matter,
    render_value,
    split_front_matter,
)
from roundup_editor.formats.reader import parse_post, read_post
from roundup_editor.formats.writer import render_post

HEADER = (
    "---\n"
    "layout: post\n"
    "title: 'Agenda Released: Fjordline Cloud Day 2031'\n"
    "authors: [jamie]\n"
    "tags: [news, roundup]\n"
    "# a comment the author left\n"
    'slug: "fjordline-2031-agenda"\n'
    "extra:\n"
    "  - one\n"
    "  - two\n"
    "---\n\n"
)
BODY = "The Fjordline Cloud Day agenda is out.\n"


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line for line in diff if line[:2] in ("- ", "+ ")]


def front(text: str) -> FrontMatter:
    parsed, _body = split_front_matter(text)
    assert parsed is not None
    return parsed


def test_values_key_order_and_quoting_are_kept() -> None:
    post = parse_post(HEADER + BODY)
    assert post.front_matter is not None
    assert [entry.key for entry in post.front_matter.entries] == [
        "layout",
        "title",
        "authors",
        "tags",
        "",
        "slug",
        "extra",
    ]
    assert post.front_matter.as_dict() == {
        "layout": "post",
        "title": "Agenda Released: Fjordline Cloud Day 2031",
        "authors": ["jamie"],
        "tags": ["news", "roundup"],
        "": None,
        "slug": "fjordline-2031-agenda",
        "extra": ["one", "two"],
    }
    assert render_post(post) == HEADER + BODY


def test_changing_the_title_changes_one_line_and_keeps_its_quotes() -> None:
    post = parse_post(HEADER + BODY)
    assert post.front_matter is not None
    post.front_matter.set("title", "Agenda Out: Fjordline Cloud Day 2031, Oslo")
    after = render_post(post)
    assert changed_lines(HEADER + BODY, after) == [
        "- title: 'Agenda Released: Fjordline Cloud Day 2031'",
        "+ title: 'Agenda Out: Fjordline Cloud Day 2031, Oslo'",
    ]
    assert parse_post(after).front_matter.get("title") == (  # type: ignore[union-attr]
        "Agenda Out: Fjordline Cloud Day 2031, Oslo"
    )


def test_changing_a_block_list_writes_one_flow_line() -> None:
    post = parse_post(HEADER + BODY)
    assert post.front_matter is not None
    post.front_matter.set("extra", ["one", "two", "three"])
    after = render_post(post)
    assert "extra: [one, two, three]\n---" in after
    assert parse_post(after).front_matter.get("extra") == ["one", "two", "three"]  # type: ignore[union-attr]


def test_adding_a_key_appends_it() -> None:
    post = parse_post(HEADER + BODY)
    assert post.front_matter is not None
    post.front_matter.set("description", "A day of clouds")
    after = render_post(post)
    assert changed_lines(HEADER + BODY, after) == ["+ description: A day of clouds"]


TRAPS = {
    # Each of these passes silently on Docusaurus when written plain (docusaurus/README.md).
    "title": [
        "Roundup #1",
        "2031-10-01",
        "Agenda: the day",
        "yes",
        "null",
        "1e3",
        "- dash",
        "[bracket]",
        "{brace}",
        "'quoted'",
        '"double"',
        "* star",
        "& anchor",
        "! tag",
        "% percent",
        "@ at",
        "`tick`",
        "| pipe",
        "> fold",
        "trailing space ",
        " leading space",
        "a\nnewline",
        "tab\there",
        "control \x07 bell",
        "NEL \x85 and LS \u2028",
        "emoji 🔥 and ’curly’",
        "",
    ],
    "slug": ["my slug", "fjordline-2031", "a:b", "#hash"],
}


@pytest.mark.parametrize(
    ("key", "value"), [(key, value) for key, values in TRAPS.items() for value in values]
)
def test_trap_values_are_written_so_yaml_reads_them_back(key: str, value: str) -> None:
    line = f"{key}: {render_value(value, key)}"
    assert "\n" not in line
    assert yaml.safe_load(line) == {key: value}
    assert load_yaml(line) == {key: value}


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Roundup #1", '"Roundup #1"'),
        ("2031-10-01", '"2031-10-01"'),
        ("Agenda: the day", '"Agenda: the day"'),
        ("Fjordline Cloud Day 2031", "Fjordline Cloud Day 2031"),
    ],
)
def test_title_quoting(value: str, written: str) -> None:
    assert render_value(value, "title") == written


def test_slug_with_a_space_is_quoted_and_plain_slug_is_not() -> None:
    assert render_value("my slug", "slug") == '"my slug"'
    assert render_value("fjordline-2031", "slug") == "fjordline-2031"


def test_single_quoted_entry_stays_single_quoted_when_it_can() -> None:
    entry = FrontMatterEntry("title", "It's new: a title", "title: 'Old: title'", "Old: title")
    text = render_front_matter(FrontMatter(entries=[entry]))
    assert text == "---\ntitle: 'It''s new: a title'\n---\n\n"
    assert load_yaml("title: 'It''s new: a title'") == {"title": "It's new: a title"}
    entry.value = "line\nbreak"
    assert 'title: "line\\nbreak"' in render_front_matter(FrontMatter(entries=[entry]))


def test_non_string_values() -> None:
    assert render_value(None) == "null"
    assert render_value(True) == "true"
    assert render_value(3) == "3"
    assert render_value(2.5) == "2.5"
    assert render_value(["a b", "c: d", 1]) == '[a b, "c: d", 1]'
    assert load_yaml("k: " + render_value({"a": [1, "x\u2028"]})) == {"k": {"a": [1, "x\u2028"]}}


# --- hostile front matter -------------------------------------------------------------------------

ALIAS_BOMB = (
    "---\n"
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
    "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
    "i: [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
    "---\n\nbody\n"
)


@pytest.mark.parametrize(
    "text",
    [
        ALIAS_BOMB,
        "---\n- just\n- a list\n---\n\nbody\n",
        "---\nplain scalar\n---\n\nbody\n",
        "---\ntitle: [unclosed\n---\n\nbody\n",
        "---\n" + "a: " + "[" * 5000 + "]" * 5000 + "\n---\n\nbody\n",
        "---\na: &a [*a]\n---\n\nbody\n",
    ],
    ids=["alias bomb", "list", "scalar", "broken yaml", "deep nesting", "recursive alias"],
)
def test_hostile_front_matter_is_refused(text: str) -> None:
    # "Quickly": the bomb expands to 9**9 items; it is refused while counting, never built.
    with pytest.raises(PostFormatError):
        split_front_matter(text)


def test_read_post_reports_a_refused_front_matter(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "post"
    folder.mkdir()
    (folder / "index.md").write_text(ALIAS_BOMB, encoding="utf-8")
    with pytest.raises(PostFormatError, match="front matter"):
        read_post(folder)


def test_parse_post_keeps_refused_front_matter_as_text() -> None:
    # parse_post is total: what read_post refuses still renders back byte for byte.
    assert render_post(parse_post(ALIAS_BOMB)) == ALIAS_BOMB


def test_empty_front_matter() -> None:
    parsed = front("---\n---\n\nbody\n")
    assert parsed.entries == []
    assert render_front_matter(parsed) == "---\n---\n\n"


def test_editing_the_key_above_a_comment_keeps_the_comment() -> None:
    post = parse_post(HEADER + BODY)
    assert post.front_matter is not None
    post.front_matter.set("tags", ["news"])
    after = render_post(post)
    assert "tags: [news]\n# a comment the author left\n" in after
    assert len(changed_lines(HEADER + BODY, after)) == 2


def test_corpus_title_edit_changes_one_line(corpus) -> None:  # type: ignore[no-untyped-def]
    for path in sorted(corpus.glob("*/index.md")):
        text = path.read_text(encoding="utf-8")
        post = parse_post(text)
        assert post.front_matter is not None
        post.front_matter.set("title", "Roundup #1: Fjordline, 2031-10-01")
        after = render_post(post)
        lines = changed_lines(text, after)
        assert len(lines) == 2 and lines[0].startswith("- title:"), path.parent.name
        assert parse_post(after).front_matter.get("title") == (  # type: ignore[union-attr]
            "Roundup #1: Fjordline, 2031-10-01"
        )


def test_yaml_unsafe_characters_are_what_pyyaml_rejects_or_reads_as_line_breaks() -> None:
    """The quoted-string escape set: PyYAML's non-printable characters plus NEL, LS and PS."""
    import yaml.reader

    from roundup_editor.formats.frontmatter import _YAML_UNSAFE

    line_breaks = {0x85, 0x2028, 0x2029}
    for code in range(0x110000):
        char = chr(code)
        expected = bool(yaml.reader.Reader.NON_PRINTABLE.match(char)) or code in line_breaks
        assert bool(_YAML_UNSAFE.match(char)) == expected, hex(code)
