"""Core engine figures: parse the 36-session post, render a 50-session post, Markdown baseline."""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
from figures import Figure, median_ms

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from roundup_editor.formats.reader import parse_post  # noqa: E402
from roundup_editor.formats.writer import render_post  # noqa: E402

from support.posts import invented_post_text  # noqa: E402

CORPUS_36 = ROOT.parent / "shared" / "corpus" / "2023-12-07-ccc2023-roundup" / "index.md"


def run(quick: bool) -> list[Figure]:
    repeat = 5 if quick else 30
    if CORPUS_36.is_file():
        text_36 = CORPUS_36.read_text(encoding="utf-8")
        source = "corpus ccc2023-roundup"
    else:
        text_36 = invented_post_text(36)
        source = "invented 36-session post"
    parse_ms = median_ms(lambda: parse_post(text_36), repeat)
    text_50 = invented_post_text(50)
    post_50 = parse_post(text_50)
    for session in post_50.sessions():
        session.layout = None  # render every session afresh, the worst case
    render_ms = median_ms(lambda: render_post(post_50), repeat)
    markdown_ms = median_ms(lambda: markdown.markdown(text_50), repeat)
    return [
        Figure("parse_ms_36", parse_ms, "ms", target_max=50, note=source),
        Figure("render_ms_50", render_ms, "ms", baseline="markdown_ms_50", target_max=10),
        Figure("markdown_ms_50", markdown_ms, "ms"),
    ]
