"""Converting a block's Markdown one paragraph at a time, so a keystroke converts one paragraph.

A session block is a heading, a speakers line, images and the abstract, separated by blank
lines. Typing changes one of those paragraphs; Python-Markdown converts the others again for
nothing. When every paragraph is *plain* (nothing in Markdown that reaches across a blank line),
the block's HTML is the paragraphs' HTML joined by newlines, each paragraph's HTML coming from
the same per-fragment cache as whole blocks.

Plain is checked conservatively, line by line: no indentation (code blocks, list
continuations), no list item, block quote, fenced code, raw HTML block, table row or reference
definition. Anything else falls back to converting the whole block, so the result is always
what converting the whole block gives (``tests/gui/test_preview_chunks.py`` checks that on
invented posts and the corpus).
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A line that may take part in a construct spanning blank lines, or that changes how other
# paragraphs convert (reference definitions).
_NOT_PLAIN = re.compile(
    r"""^(?:
        [ \t]                       # indented: code block, list continuation
      | >                           # block quote
      | [-*+](?:[ \t]|$)            # bullet item (or a bare marker)
      | \d{1,9}[.)](?:[ \t]|$)      # ordered item
      | `{3,} | ~{3,}               # fence
      | <                           # raw HTML block
      | \|                          # table row
      | \[[^\]]*\]:                 # reference definition
      | \*[ \t]*\*[ \t]*\*          # rule made of stars (also a list marker)
    )""",
    re.VERBOSE,
)
_BLANK_RUN = re.compile(r"\n[ \t]*\n\s*")


def split_paragraphs(text: str) -> list[str] | None:
    """Return the top-level paragraphs of ``text``, or None when it is not plain Markdown."""
    if "\r" in text or "\t" in text or "\f" in text or "\v" in text:
        return None
    stripped = text.strip("\n")
    if not stripped:
        return None
    for line in stripped.split("\n"):
        if line and _NOT_PLAIN.match(line):
            return None
    parts = _BLANK_RUN.split(stripped)
    return parts if len(parts) > 1 else None


def chunked_html(text: str, convert: Callable[[str], str]) -> str:
    """Return the HTML of block Markdown ``text``: per paragraph when plain, else whole.

    ``convert`` is the cached fragment converter (``BlockHtmlCache.html``).
    """
    parts = split_paragraphs(text)
    if parts is None:
        return convert(text)
    return "\n".join(convert(part) for part in parts)


def new_length(text: str, cached: Callable[[str], bool]) -> int:
    """Return how many characters of ``text`` a conversion would convert afresh.

    ``cached`` tells whether a fragment's HTML is in the cache already.
    """
    if cached(text):
        return 0
    parts = split_paragraphs(text)
    if parts is None:
        return len(text)
    return sum(len(part) for part in parts if not cached(part))
