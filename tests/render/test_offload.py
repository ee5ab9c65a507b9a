"""The start-up Markdown helper process (render.offload): same HTML; every failure falls back."""

from __future__ import annotations

import marshal
import os
import stat
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from roundup_editor.core.document import PostDocument
from roundup_editor.render.markdown import BlockHtmlCache, markdown_to_html
from roundup_editor.render.offload import start_conversion
from roundup_editor.render.page import PageRenderer

from support.posts import invented_post_text

needs_spawn = pytest.mark.skipif(not hasattr(os, "posix_spawn"), reason="no posix_spawn here")


def _answer_from(origin: str, htmls: list[str]) -> str:
    """Return a shell command printing a helper's answer, as if from Markdown at ``origin``."""
    return "printf '" + "".join(f"\\{byte:03o}" for byte in marshal.dumps((origin, htmls))) + "'"


def _fake_python(folder: Path, script: str) -> str:
    """Write an executable that stands in for the interpreter and runs ``script`` (sh)."""
    path = folder / "fake-python"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


@needs_spawn
def test_helper_html_is_the_html_of_this_process_for_every_corpus_block(corpus: Path) -> None:
    texts: list[str] = []
    for index in sorted(corpus.rglob("index.md")):
        texts += PageRenderer().uncached_markdown(PostDocument.open(index.parent).post)
    texts += ["", "```python\nx = 1\n```", "| a |\n|--|\n| é ☃ |", "<b>&amp;</b> \\*"]
    conversion = start_conversion(texts)
    assert conversion is not None
    converted = conversion.result()
    assert converted is not None
    assert set(converted) == set(texts)
    assert all(converted[text] == markdown_to_html(text) for text in texts)
    assert conversion.result() is converted  # asked again: the same answer, no second wait


@needs_spawn
def test_first_page_from_the_helper_equals_the_page_rendered_here(tmp_path: Path) -> None:
    folder = tmp_path / "2025-05-17-northwind-meetup"
    folder.mkdir()
    (folder / "index.md").write_text(invented_post_text(6), encoding="utf-8")
    document = PostDocument.open(folder)
    helped = PageRenderer()
    conversion = start_conversion(helped.uncached_markdown(document.post))
    assert conversion is not None
    helped.cache.update(conversion.result() or {})
    page = helped.page(document.post, document.folder)
    assert helped.cache.misses == 0  # every block came from the helper
    assert page == PageRenderer().page(document.post, document.folder)


@needs_spawn
def test_a_request_larger_than_a_pipe_buffer_goes_through() -> None:
    texts = [f"Paragraph {n} " + "word " * 2000 for n in range(60)]  # ~600 kB
    conversion = start_conversion(texts)
    assert conversion is not None
    converted = conversion.result()
    assert converted is not None and converted[texts[59]] == markdown_to_html(texts[59])


def test_nothing_to_convert_or_no_interpreter_starts_no_helper(tmp_path: Path) -> None:
    assert start_conversion([]) is None
    assert start_conversion(["text"], python=str(tmp_path / "no-such-python")) is None


def test_no_posix_spawn_starts_no_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "posix_spawn", raising=False)
    assert start_conversion(["text"]) is None


@needs_spawn
@pytest.mark.parametrize(
    "script",
    [
        "exit 3",  # the helper fails
        "cat > /dev/null; printf 'not marshal'",  # it answers nonsense
        "cat > /dev/null; exit 0",  # it answers nothing
        # it used another Python-Markdown than this process would
        "cat > /dev/null; " + _answer_from("/elsewhere/markdown/__init__.py", ["<p>x</p>"]),
    ],
)
def test_a_failing_helper_gives_no_result(tmp_path: Path, script: str) -> None:
    conversion = start_conversion(["*text*"], python=_fake_python(tmp_path, script))
    assert conversion is not None
    assert conversion.result() is None


@needs_spawn
def test_an_answer_from_the_same_markdown_is_taken_as_it_is(tmp_path: Path) -> None:
    """The counterpart of the 'another Python-Markdown' case above: only the origin differs."""
    answer = _answer_from(os.path.realpath(markdown.__file__), ["<p>from the helper</p>"])
    conversion = start_conversion(
        ["*text*"], python=_fake_python(tmp_path, "cat >/dev/null; " + answer)
    )
    assert conversion is not None
    assert conversion.result() == {"*text*": "<p>from the helper</p>"}


@needs_spawn
def test_a_helper_that_does_not_answer_in_time_is_stopped(tmp_path: Path) -> None:
    conversion = start_conversion(["*text*"], python=_fake_python(tmp_path, "exec sleep 60"))
    assert conversion is not None
    assert conversion.result(timeout=0.2) is None
    with pytest.raises(ProcessLookupError):  # killed and reaped
        os.kill(conversion.pid, 0)


def test_converted_html_seeds_the_cache_within_its_limit() -> None:
    cache = BlockHtmlCache(max_entries=2)
    cache.update({"a": "<p>A</p>", "b": "<p>B</p>", "c": "<p>C</p>"})
    assert len(cache) == 2 and "a" not in cache
    assert cache.html("c") == "<p>C</p>" and (cache.hits, cache.misses) == (1, 0)


def test_the_helper_loads_markdown_without_the_model() -> None:
    """The helper's side imports Python-Markdown and the converter, not the model or dialects."""
    code = (
        "import sys\n"
        "from roundup_editor.render.offload import serve\n"
        "serve()\n"
        "loaded = [m for m in sys.modules if m.startswith('roundup_editor.')]\n"
        "sys.stderr.write(' '.join(sorted(loaded)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=marshal.dumps(["*x*"]), capture_output=True, timeout=60
    )
    assert done.returncode == 0
    origin, htmls = marshal.loads(done.stdout)
    assert htmls == ["<p><em>x</em></p>"]
    assert origin == os.path.realpath(markdown.__file__)
    assert done.stderr.decode().split() == [
        "roundup_editor.render",
        "roundup_editor.render.markdown",
        "roundup_editor.render.offload",
    ]
