"""Preview rendering: per-block HTML with a cache, the page shell, the excerpt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from roundup_editor.core.commands import SetField
from roundup_editor.core.document import PostDocument
from roundup_editor.formats.reader import parse_post
from roundup_editor.render.markdown import BlockHtmlCache, markdown_to_html
from roundup_editor.render.page import PageRenderer, excerpt_blocks, post_date
from roundup_editor.resources import resource_path, resources_root, sample_post_folder

from support.posts import invented_post_text


def test_text_without_a_fence_converts_as_with_the_fenced_code_extension(corpus: Path) -> None:
    import markdown

    from roundup_editor.render.markdown import _extensions, has_fence

    full = markdown.Markdown(extensions=_extensions(fenced=True), output_format="html")
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus.rglob("index.md"))]
    texts += [
        "Inline `code` and ``two`` and ~~not struck~~.",
        "    indented code\n\n| a |\n|--|\n| b |",
    ]
    checked = 0
    for text in texts:
        if has_fence(text):
            continue
        full.reset()
        assert markdown_to_html(text) == full.convert(text)
        checked += 1
    assert checked >= 10
    fenced = markdown_to_html("```python\nx = 1\n```")
    assert '<pre><code class="language-python">x = 1' in fenced


def test_markdown_to_html_basics() -> None:
    out = markdown_to_html("## Title\n\nSome *text* and [a link](https://x.example/).")
    assert "<h2>Title</h2>" in out
    assert '<a href="https://x.example/">a link</a>' in out


def test_cache_converts_each_fragment_once() -> None:
    cache = BlockHtmlCache(max_entries=2)
    first = cache.html("one")
    assert cache.html("one") == first
    assert (cache.hits, cache.misses) == (1, 1)
    cache.html("two")
    cache.html("three")
    assert "one" not in cache
    assert len(cache) == 2


def test_keystroke_converts_only_the_edited_block() -> None:
    doc = PostDocument(parse_post(invented_post_text(10)))
    renderer = PageRenderer()
    renderer.blocks(doc.post)
    misses = renderer.cache.misses
    session = doc.post.sessions()[3]
    doc.execute(SetField(session.id, "abstract", session.abstract + " More.", typing=True))
    rendered = renderer.blocks(doc.post)
    assert renderer.cache.misses == misses + 1
    edited = next(item for item in rendered if item.block_id == session.id)
    assert "More.</p>" in edited.html


def test_page_has_sections_title_base_and_classes(tmp_path: Path) -> None:
    folder = tmp_path / "2025-03-04-northwind-meetup"
    folder.mkdir()
    post = parse_post(invented_post_text(3))
    page = PageRenderer().page(post, folder, theme="dark")
    assert '<html lang="en" data-theme="dark">' in page
    assert f'<base href="{folder.resolve().as_uri()}/">' in page
    assert "Northwind Open Infrastructure Meetup 2025 Roundup</h1>" in page
    assert "March 4, 2025 · jamie" in page
    for block in post.blocks:
        assert f'id="b-{block.id}"' in page
    assert 'class="button button--primary"' in page
    assert '<img alt="" src="header.png"' in page
    assert ".button--primary" in page
    assert "window.rb" in page
    assert "{{" not in page


def test_excerpt_is_the_part_above_truncate() -> None:
    post = parse_post(invented_post_text(3))
    blocks = excerpt_blocks(post)
    assert len(blocks) == 2
    page = PageRenderer().page(post, excerpt=True)
    assert "filled the old ferry terminal" in page
    assert "Watch Session Recordings" not in page
    no_marker = parse_post("# Only\n\ntext\n")
    assert excerpt_blocks(no_marker) == no_marker.blocks


def test_post_date_from_front_matter_or_folder(tmp_path: Path) -> None:
    post = parse_post("---\ntitle: X\ndate: 2024-01-02\n---\n\nHi\n")
    assert post_date(post, None) == "2024-01-02"
    plain = parse_post("---\ntitle: X\n---\n\nHi\n")
    assert post_date(plain, tmp_path / "2023-09-08-x") == "2023-09-08"
    assert post_date(plain, None) == ""


def test_resources_found_from_checkout() -> None:
    assert (resources_root() / "templates" / "page.html").is_file()
    assert resource_path("templates", "docusaurus.css").is_file()
    assert sample_post_folder().name.endswith("roundup")


def test_fenced_code_renders_without_importing_pygments() -> None:
    # A fresh interpreter: the first conversion must not pull in Pygments' lexer table.
    script = (
        "import sys\n"
        "from roundup_editor.render.markdown import markdown_to_html\n"
        "html = markdown_to_html('```python\\nx = 1 < 2\\n```\\n\\n| a |\\n|---|\\n| b |')\n"
        "print('pygments' in sys.modules)\n"
        "print(html)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    first, _, html = done.stdout.partition("\n")
    assert first == "False"
    assert '<pre><code class="language-python">x = 1 &lt; 2\n</code></pre>' in html
    assert "<td>b</td>" in html


def test_fenced_code_is_the_same_when_pygments_was_imported_first() -> None:
    script = (
        "import sys\n"
        "try:\n"
        "    import pygments  # noqa: F401\n"
        "except ImportError:\n"
        "    pass\n"
        "from roundup_editor.render.markdown import markdown_to_html\n"
        "print(markdown_to_html('```js\\nlet a = 1;\\n```'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert '<pre><code class="language-js">let a = 1;\n</code></pre>' in done.stdout
