"""Regular expressions compiled the first time they are used.

The dialects hold some ninety patterns; a post in one dialect uses about half of them. Compiling
them all when the reader is imported cost ~15 ms of every start (``re`` compiles in Python);
``lazy_pattern`` compiles each on its first match, once per process.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

_Replacement = str | Callable[[re.Match[str]], str]


def lazy_pattern(pattern: str, flags: int | re.RegexFlag = 0) -> LazyPattern:
    """Return ``pattern`` as a regular expression compiled on first use (``re.compile``'s twin)."""
    return LazyPattern(pattern, flags)


class LazyPattern:
    """A ``re.Pattern`` stand-in that compiles itself when first used.

    ``pattern`` is there before compiling (patterns are built from others' sources); every
    matching method is ``re.Pattern``'s own.
    """

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0) -> None:
        """Keep ``pattern`` and ``flags`` for the first use."""
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled

    @property
    def groupindex(self) -> Any:
        """The names of the pattern's groups and their numbers."""
        return self.compiled.groupindex

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As ``re.Pattern.match``."""
        return self.compiled.match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        """As ``re.Pattern.fullmatch``."""
        return self.compiled.fullmatch(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As ``re.Pattern.search``."""
        return self.compiled.search(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """As ``re.Pattern.finditer``."""
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        """As ``re.Pattern.findall``."""
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: _Replacement, string: str, count: int = 0) -> str:
        """As ``re.Pattern.sub``."""
        return self.compiled.sub(repl, string, count)

    def subn(self, repl: _Replacement, string: str, count: int = 0) -> tuple[str, int]:
        """As ``re.Pattern.subn``."""
        return self.compiled.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[Any]:
        """As ``re.Pattern.split``."""
        return self.compiled.split(string, maxsplit)
