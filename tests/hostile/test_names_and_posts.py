"""Hostile names and post files: each refused with one clear message, nothing written elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from roundup_editor.core.errors import PostFormatError
from roundup_editor.core.naming import folder_name, slug_problem, slugify
from roundup_editor.formats.reader import parse_post, read_post
from roundup_editor.formats.writer import render_post, write_post

from support.posts import invented_post_text

HOSTILE_SLUGS = {
    "parent": "../../etc",
    "slash": "a/b",
    "backslash": "a\\b",
    "drive": "C:stuff",
    "reserved": "con",
    "reserved upper": "LPT1",
    "trailing dot": "post.",
    "spaces": "my slug",
    "very long": "a" * 5000,
    "empty": "",
    "unicode": "ünïcode",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_SLUGS))
def test_hostile_slug_is_refused_with_a_reason(name: str) -> None:
    problem = slug_problem(HOSTILE_SLUGS[name])
    assert problem is not None
    assert "\n" not in problem


@pytest.mark.parametrize("name", sorted(HOSTILE_SLUGS))
def test_slugify_always_gives_a_safe_slug(name: str) -> None:
    slug = slugify(HOSTILE_SLUGS[name])
    assert slug_problem(slug) is None


@pytest.mark.parametrize("name", sorted(HOSTILE_SLUGS))
def test_folder_name_stays_one_safe_component(name: str) -> None:
    folder = folder_name("2025-05-01", HOSTILE_SLUGS[name])
    assert "/" not in folder and "\\" not in folder and ".." not in folder
    assert folder.startswith("2025-05-01-")


def test_slugify_folds_accents_and_punctuation() -> None:
    assert slugify("Swen Brüseke’s Roundup: 2024!") == "swen-brusekes-roundup-2024"


def test_symlinked_index_outside_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text(invented_post_text(1), encoding="utf-8")
    folder = tmp_path / "post"
    folder.mkdir()
    (folder / "index.md").symlink_to(outside)
    with pytest.raises(PostFormatError, match="outside the post folder"):
        read_post(folder)


def test_saving_over_a_symlink_never_writes_its_target(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text("keep me", encoding="utf-8")
    folder = tmp_path / "post"
    folder.mkdir()
    (folder / "index.md").symlink_to(outside)
    write_post(parse_post(invented_post_text(1)), folder)
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (folder / "index.md").is_symlink()


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: x\n---\r\nmixed\r\nline\nends\n",
        "---\ntitle: x\n---\n\n" + "\u202eright-to-left override\u200b zero width\n",
        "---\ntitle: x\n---\n\n" + "<script>alert(1)</script>\n\n{curly} <Tag>\n",
        "---\ntitle: x\n---\n\n" + "x" * 200_000 + "\n",
    ],
)
def test_odd_post_text_round_trips(text: str) -> None:
    assert render_post(parse_post(text)) == text
