"""Reading posts: lossless parsing of odd text, and one clear error for bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from roundup_editor.core.errors import PostFormatError, PostNotFoundError
from roundup_editor.core.post import HeaderImage, Session, TextBlock, Truncate
from roundup_editor.formats.reader import parse_post, read_post
from roundup_editor.formats.writer import render_post

from support.posts import invented_post_text

ODD_TEXTS = {
    "crlf": invented_post_text(2).replace("\n", "\r\n"),
    "no final newline": invented_post_text(2).rstrip("\n"),
    "three trailing newlines": invented_post_text(1) + "\n\n",
    "two blank lines after front matter": invented_post_text(1).replace("---\n\n", "---\n\n\n", 1),
    "no blank line after front matter": invented_post_text(1).replace("---\n\n", "---\n", 1),
    "trailing spaces": invented_post_text(1).replace("sound engineer.", "sound engineer.  "),
    "curly quotes and homoglyphs": invented_post_text(1).replace("Backups", "Вackups’"),
    "entities": invented_post_text(1).replace("live demo", "live&nbsp;demo &amp; &rsquo;"),
    "wrapped link text": invented_post_text(1).replace("[Harbourline]", "[Harbour\nline]"),
    "mixed line ends": "---\ntitle: x\n---\r\nText\r\nmore\n",
    "no front matter": "Just a paragraph.\n\n## A, B\n",
    "only blank lines": "\n\n\n",
    "empty": "",
    "unclosed front matter": "---\ntitle: x\n\nbody\n",
    "fenced code with blank lines": (
        "---\ntitle: x\n---\n\n```\n## Not, [a](session)\n\nstill code\n```\n"
    ),
}


@pytest.mark.parametrize("name", sorted(ODD_TEXTS))
def test_render_of_parse_is_byte_identical(name: str) -> None:
    text = ODD_TEXTS[name]
    assert render_post(parse_post(text)) == text


def test_invented_post_is_structured() -> None:
    post = parse_post(invented_post_text(3))
    kinds = [type(block) for block in post.blocks]
    assert kinds[0] is HeaderImage
    assert Truncate in kinds
    assert [type(block) for block in post.blocks].count(Session) == 3
    assert post.front_matter is not None
    assert post.front_matter.get("slug") == "northwind-meetup-2025-roundup"


def test_code_fence_content_is_never_a_session() -> None:
    post = parse_post(ODD_TEXTS["fenced code with blank lines"])
    assert all(isinstance(block, TextBlock) for block in post.blocks)


def _write(tmp_path: Path, data: bytes) -> Path:
    folder = tmp_path / "post"
    folder.mkdir()
    (folder / "index.md").write_bytes(data)
    return folder


BAD_FILES = {
    "not utf-8": (b"---\ntitle: caf\xe9\n---\n\nText\n", "not UTF-8"),
    "bom": (b"\xef\xbb\xbf---\ntitle: x\n---\n", "byte-order mark"),
    "no front matter": (b"Just text\n", "no front matter"),
    "unclosed front matter": (b"---\ntitle: x\nbody\n", "unclosed front matter"),
    "broken yaml": (b"---\ntitle: [unclosed\n---\n", "not valid YAML"),
    "not a mapping": (b"---\n- a\n- b\n---\n", "not a list of 'key: value'"),
    "empty": (b"", "empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "alias bomb": (
        b"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        b"f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\n",
        "too large",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_give_one_clear_error_and_stay_unchanged(tmp_path: Path, name: str) -> None:
    data, message = BAD_FILES[name]
    folder = _write(tmp_path, data)
    before = os.stat(folder / "index.md")
    with pytest.raises(PostFormatError, match=message) as error:
        read_post(folder)
    assert "\n" not in str(error.value)
    assert (folder / "index.md").read_bytes() == data
    assert os.stat(folder / "index.md").st_mtime_ns == before.st_mtime_ns


def test_huge_file_is_refused(tmp_path: Path) -> None:
    folder = _write(tmp_path, b"---\ntitle: x\n---\n\n" + b"word " * (10 * 1024 * 1024))
    with pytest.raises(PostFormatError, match="MB"):
        read_post(folder)


def test_missing_path_and_folder_without_index(tmp_path: Path) -> None:
    with pytest.raises(PostNotFoundError, match="does not exist"):
        read_post(tmp_path / "nowhere")
    with pytest.raises(PostNotFoundError, match=r"without an index\.md"):
        read_post(tmp_path)


def test_reads_folder_or_index_file(tmp_path: Path) -> None:
    folder = _write(tmp_path, invented_post_text(1).encode())
    assert read_post(folder) == read_post(folder / "index.md")
