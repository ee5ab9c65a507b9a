"""Lazily compiled patterns: compiled on first use, and then the same as ``re``'s."""

from __future__ import annotations

import re

from roundup_editor.formats.patterns import lazy_pattern

from support.fresh import python_output


def test_a_lazy_pattern_compiles_on_first_use_and_matches_as_re_does() -> None:
    lazy = lazy_pattern(r"(?P<word>[a-z]+)-(\d+)", re.IGNORECASE)
    assert lazy.pattern == r"(?P<word>[a-z]+)-(\d+)"
    assert lazy._compiled is None  # nothing compiled yet
    same = re.compile(lazy.pattern, re.IGNORECASE)
    text = "Alpha-1 beta-22, GAMMA-333"
    found = lazy.search(text)
    assert lazy._compiled is not None
    assert found is not None and found.group("word") == "Alpha"
    assert lazy.match(text, 8) is not None and lazy.fullmatch("x-1") is not None
    assert lazy.findall(text) == same.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in same.finditer(text)]
    assert lazy.sub(lambda m: m.group(2), text) == same.sub(lambda m: m.group(2), text)
    assert lazy.subn("#", text, 2) == same.subn("#", text, 2)
    assert lazy.split(text) == same.split(text)
    assert lazy.groupindex == same.groupindex


def test_importing_the_reader_compiles_no_dialect_pattern() -> None:
    code = (
        "import gc\n"
        "import roundup_editor.formats.reader, roundup_editor.formats.writer\n"
        "from roundup_editor.formats.patterns import LazyPattern\n"
        "patterns = [o for o in gc.get_objects() if isinstance(o, LazyPattern)]\n"
        "print(len(patterns), sum(p._compiled is not None for p in patterns))\n"
    )
    made, compiled = map(int, python_output(code).split())
    assert made >= 60 and compiled == 0
