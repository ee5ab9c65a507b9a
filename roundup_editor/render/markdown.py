"""Markdown -> HTML with Python-Markdown, and a cache keyed by a block's Markdown text.

A keystroke changes one block's Markdown; every other block's HTML comes from the cache, so the
cost of a preview update is one block, not the post.

Python-Markdown itself is imported with the first conversion: at start-up the window's first page
is converted by a helper process (``render.offload``), and the window warms the converter up on
its preview thread once the page has loaded (``warm_up``).
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import markdown

_MISSING = object()
_import_lock = threading.Lock()


def _import_fenced_code_without_pygments() -> None:
    """Import ``fenced_code`` without letting its ``codehilite`` import Pygments.

    ``fenced_code`` imports ``codehilite``, which imports Pygments' lexer table at module level
    (about 150 ms, the largest single cost of opening the window). The preview never enables
    CodeHilite, so fenced blocks come out the same (``<pre><code class="language-x">``) either
    way. Pygments is hidden only while ``codehilite`` is first imported; when something imported
    Pygments already, nothing is hidden.
    """
    with _import_lock:
        if "markdown.extensions.codehilite" in sys.modules or "pygments" in sys.modules:
            return
        saved = sys.modules.get("pygments", _MISSING)
        sys.modules["pygments"] = None  # type: ignore[assignment]  # makes the import fail
        try:
            import markdown.extensions.codehilite  # noqa: F401
        finally:
            if saved is _MISSING:
                del sys.modules["pygments"]
            else:
                sys.modules["pygments"] = saved  # type: ignore[assignment]


def _extensions(fenced: bool) -> list[markdown.Extension]:
    """Return extension instances (names would make Markdown scan package metadata: slower).

    ``fenced`` adds fenced code blocks; that extension (with ``attr_list`` and ``codehilite``,
    ~8 ms to import) loads with the first text that has a fence.
    """
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension

    extensions: list[markdown.Extension] = [TableExtension(), SaneListExtension()]
    if fenced:
        _import_fenced_code_without_pygments()
        from markdown.extensions.fenced_code import FencedCodeExtension

        extensions.insert(1, FencedCodeExtension())
    return extensions


_local = threading.local()


def _converter(fenced: bool) -> markdown.Markdown:
    """Return this thread's Markdown converter (Python-Markdown instances are not thread-safe).

    Text without a fence (three backticks or tildes) converts the same with or without the
    fenced code extension, so it is converted without it (one converter of each per thread).
    """
    converters: dict[bool, markdown.Markdown] | None = getattr(_local, "converters", None)
    if converters is None:
        converters = _local.converters = {}
    converter = converters.get(fenced)
    if converter is None:
        import markdown

        converter = markdown.Markdown(extensions=_extensions(fenced), output_format="html")
        converters[fenced] = converter
    return converter


def warm_up() -> None:
    """Import Python-Markdown and build this thread's converter for text without a fence."""
    _converter(False)


def has_fence(text: str) -> bool:
    """Tell whether ``text`` may hold a fenced code block (it needs ``` or ~~~)."""
    return "```" in text or "~~~" in text


def markdown_to_html(text: str) -> str:
    """Convert Markdown ``text`` to an HTML fragment."""
    converter = _converter(has_fence(text))
    converter.reset()
    return converter.convert(text)


class BlockHtmlCache:
    """HTML of Markdown fragments, least recently used dropped first.

    Attributes:
        hits: lookups answered from the cache.
        misses: lookups that converted.
    """

    def __init__(self, max_entries: int = 4096) -> None:
        """Keep at most ``max_entries`` fragments."""
        self.max_entries = max_entries
        self._entries: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def html(self, text: str) -> str:
        """Return the HTML of ``text``, converting only when it is not cached."""
        with self._lock:
            cached = self._entries.get(text)
            if cached is not None:
                self._entries.move_to_end(text)
                self.hits += 1
                return cached
        result = markdown_to_html(text)
        with self._lock:
            self.misses += 1
            self._store(text, result)
        return result

    def update(self, converted: dict[str, str]) -> None:
        """Take HTML converted elsewhere (the start-up helper): ``{markdown: html}``."""
        with self._lock:
            for text, html in converted.items():
                self._store(text, html)

    def _store(self, text: str, html: str) -> None:
        """Keep ``html`` as the newest entry, dropping the oldest beyond the limit (lock held)."""
        self._entries[text] = html
        self._entries.move_to_end(text)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def __contains__(self, text: object) -> bool:
        """Tell whether the HTML of ``text`` is cached."""
        return text in self._entries

    def __len__(self) -> int:
        """Return the number of cached fragments."""
        return len(self._entries)

    def clear(self) -> None:
        """Forget every fragment."""
        with self._lock:
            self._entries.clear()
