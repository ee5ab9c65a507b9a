"""Lint figures: ``lint_post`` on the 36-session corpus post (an invented one without the corpus).

* ``lint_ms_36``: the model and its folder (the image-on-disk and slug/folder rules run too).
* ``lint_ms_36_model``: the model alone (what an editor without a saved folder pays).
* ``parse_lint_ms_36``: reading the text and linting it, as ``roundup-editor check`` does per post.

No target is set by the issues; the editor's problems panel re-lints after edits, so the figure
is worth comparing with a frame (16 ms).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from figures import Figure, median_ms

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from roundup_editor.formats.reader import parse_post  # noqa: E402
from roundup_editor.lint import lint_post  # noqa: E402

from support.posts import invented_post_text  # noqa: E402

CORPUS_36 = ROOT.parent / "shared" / "corpus" / "2023-12-07-ccc2023-roundup"


def run(quick: bool) -> list[Figure]:
    """Measure ``lint_post`` on a 36-session post (median of repeated runs)."""
    repeat = 5 if quick else 30
    with tempfile.TemporaryDirectory() as temp:
        if (CORPUS_36 / "index.md").is_file():
            folder = CORPUS_36  # read only: lint never writes
            source = "corpus ccc2023-roundup"
        else:
            folder = Path(temp) / "2023-12-07-invented-roundup"
            folder.mkdir()
            (folder / "index.md").write_text(invented_post_text(36), encoding="utf-8")
            source = "invented 36-session post"
        text = (folder / "index.md").read_text(encoding="utf-8")
        post = parse_post(text)
        findings = len(lint_post(post, folder))
        with_folder = median_ms(lambda: lint_post(post, folder), repeat)
        model_only = median_ms(lambda: lint_post(post), repeat)
        parse_lint = median_ms(lambda: lint_post(parse_post(text), folder), repeat)
    note = f"{source}, {len(post.sessions())} sessions, {findings} findings"
    return [
        Figure("lint_ms_36", with_folder, "ms", note=note),
        Figure("lint_ms_36_model", model_only, "ms", note="no folder: disk rules skipped"),
        Figure("parse_lint_ms_36", parse_lint, "ms", note="parse_post + lint_post"),
    ]
