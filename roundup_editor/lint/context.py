"""The lint context: a post rendered once, with the offsets that turn findings into positions.

Positions are those of the ``index.md`` that saving would write: the text of
:func:`~roundup_editor.formats.writer.render_post`, built here piece by piece so each block's start
offset is known (a block starts after the front matter and the blocks and gaps before it). CRLF
files count lines the same way, so the LF text is used throughout.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from roundup_editor.core.post import Block, Post
from roundup_editor.formats.dialects import render_block
from roundup_editor.formats.frontmatter import render_front_matter
from roundup_editor.lint.finding import Finding, FixAction, Rule, Severity
from roundup_editor.lint.site import Site

_OPEN_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*$", re.M)
# A code span: a run of backticks, text without a blank line, the same run again.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)


def mask_code(text: str) -> str:
    """Return ``text`` with fenced code and code spans blanked (same length, newlines kept).

    Nothing inside code needs escaping for MDX, so text-level rules scan the masked text.
    """
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for index in range(start, end):
            if chars[index] != "\n":
                chars[index] = " "

    position = 0
    while True:
        opening = _OPEN_FENCE.search(text, position)
        if opening is None:
            break
        marker = opening.group(1)
        closing = re.compile(
            r"^ {0,3}" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}[ \t]*$", re.M
        ).search(text, opening.end())
        end = closing.end() if closing else len(text)
        blank(opening.start(), end)
        position = end
    masked = "".join(chars)
    for span in _CODE_SPAN.finditer(masked):
        blank(span.start(), span.end())
    return "".join(chars)


class LintContext:
    """A post prepared for the rules: rendered text, block offsets, folder and site."""

    def __init__(
        self,
        post: Post,
        folder: Path | None = None,
        site: Site | None = None,
        mdx: bool = False,
        flat_file: Path | None = None,
    ) -> None:
        """Render ``post`` once and remember where each block starts.

        ``flat_file`` names a post stored as ``blog/YYYY-MM-DD-name.md`` rather than a folder:
        its images resolve from the file's folder, which is not the post's own.
        """
        self.post = post
        self.flat_file = flat_file
        self.folder = flat_file.parent if flat_file is not None else folder
        self.site = site
        self.mdx = mdx
        #: The name the slug and date come from (folder name, or the flat file's stem).
        self.post_name: str | None = (
            flat_file.stem if flat_file is not None else (folder.name if folder else None)
        )
        #: The post's own path (its folder, or the flat file), as the site lists it.
        self.post_path: Path | None = flat_file if flat_file is not None else folder
        if post.front_matter is not None:
            self.front_text = render_front_matter(post.front_matter)
        else:
            self.front_text = post.leading
        self.block_texts: list[str] = []
        self.block_starts: list[int] = []
        parts = [self.front_text]
        offset = len(self.front_text)
        for index, block in enumerate(post.blocks):
            text = render_block(block)
            self.block_starts.append(offset)
            self.block_texts.append(text)
            gap = block.gap
            if index < len(post.blocks) - 1 and not gap.startswith("\n"):
                gap = "\n\n"
            parts += [text, gap]
            offset += len(text) + len(gap)
        self.text = "".join(parts)
        self.body_start = len(self.front_text)
        self.masked = self.text[: self.body_start] + mask_code(self.text[self.body_start :])
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", self.text)]

    # --- positions ---------------------------------------------------------------------------

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a character offset in the rendered text."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def block_index_at(self, offset: int) -> int | None:
        """Return the index of the block holding ``offset`` (None in the front matter)."""
        if offset < self.body_start or not self.block_starts:
            return None
        return max(0, bisect.bisect_right(self.block_starts, offset) - 1)

    def block_masked(self, index: int) -> str:
        """Return block ``index``'s rendered text with code blanked out."""
        start = self.block_starts[index]
        return self.masked[start : start + len(self.block_texts[index])]

    def locate(
        self, index: int | None, needle: str | None = None, offset: int | None = None
    ) -> int:
        """Return an absolute offset: in block ``index`` (or the front matter when None)."""
        if index is None:
            base, text = 0, self.front_text
        else:
            base, text = self.block_starts[index], self.block_texts[index]
        if offset is not None:
            return base + offset
        if needle:
            found = text.find(needle)
            if found >= 0:
                return base + found
        return base

    def blocks(self) -> Iterator[tuple[int, Block]]:
        """Yield (index, block) in document order."""
        yield from enumerate(self.post.blocks)

    def front(self, key: str, default: Any = None) -> Any:
        """Return a front matter value (``default`` when absent or there is no front matter)."""
        if self.post.front_matter is None:
            return default
        return self.post.front_matter.get(key, default)

    # --- findings ----------------------------------------------------------------------------

    def finding(
        self,
        rule: Rule,
        message: str,
        *,
        at: int = 0,
        block: int | None = None,
        field: str | None = None,
        fix: str | None = None,
        action: FixAction | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """Make a finding of ``rule`` at the absolute offset ``at``."""
        line, column = self.position(at)
        block_id = self.post.blocks[block].id if block is not None else None
        return Finding(
            rule=rule.id,
            severity=severity or rule.severity,
            message=message,
            line=line,
            column=column,
            fix=fix if action is not None else None,
            block_id=block_id,
            field=field,
            action=action if fix is not None else None,
        )
