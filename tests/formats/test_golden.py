"""Golden files: invented posts (tests/data/posts) and their summaries (tests/data/reference).

Regenerate the references after a deliberate change with ``ROUNDUP_UPDATE_GOLDEN=1 uv run pytest
tests/formats/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from roundup_editor.core.serialize import dump_post, load_post
from roundup_editor.core.summary import summarize
from roundup_editor.formats.reader import read_post
from roundup_editor.formats.writer import render_post

DATA = Path(__file__).resolve().parents[1] / "data"
POSTS = sorted(path.parent for path in (DATA / "posts").glob("*/index.md"))


@pytest.mark.parametrize("folder", POSTS, ids=lambda folder: folder.name)
def test_golden_summary(folder: Path) -> None:
    reference = DATA / "reference" / f"{folder.name}.inspect.json"
    actual = json.dumps(summarize(read_post(folder)), ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("ROUNDUP_UPDATE_GOLDEN"):
        reference.write_text(actual, encoding="utf-8")
    assert actual == reference.read_text(encoding="utf-8")


@pytest.mark.parametrize("folder", POSTS, ids=lambda folder: folder.name)
def test_golden_round_trip(folder: Path) -> None:
    text = (folder / "index.md").read_bytes().decode("utf-8")
    post = read_post(folder)
    assert render_post(post) == text
    assert render_post(load_post(json.loads(json.dumps(dump_post(post))))) == text
