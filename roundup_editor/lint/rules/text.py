"""Text rules: lookalike letters, invisible characters, mixed quotes, placeholder abstracts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from roundup_editor.core.post import (
    Button,
    HeaderImage,
    Session,
    Sponsors,
    TextBlock,
)
from roundup_editor.lint.context import LintContext
from roundup_editor.lint.edit import field_action, field_holding, replace_action
from roundup_editor.lint.finding import Finding, Rule

HOMOGLYPH = Rule("text.homoglyph", "error", "a Cyrillic or Greek lookalike letter in Latin text")
INVISIBLE = Rule("text.invisible", "warning", "an invisible character in a name, title or URL")
QUOTES = Rule("text.mixed-quotes", "warning", "straight and curly quotes mixed in one field")
PLACEHOLDER = Rule("text.placeholder", "warning", "a placeholder instead of an abstract")
RULES = [HOMOGLYPH, INVISIBLE, QUOTES, PLACEHOLDER]

#: Cyrillic and Greek letters that look like Latin ones, with the Latin letter they imitate.
LOOKALIKES: dict[str, str] = dict(
    zip(
        "АВЕКМНОРСТХУЅІЈЁЇаеорсухѕіјёїԁһԛԝүӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιρνκ",
        "ABEKMHOPCTXYSIJEIaeopcyxsijeidhqwylABEZHIKMNOPTYXoipvk",
        strict=True,
    )
)
_WORD = re.compile(r"\w+")
_FOREIGN_CHAR = re.compile("[\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff]")
_INVISIBLE = {
    "\u00a0": "a no-break space",
    "\u00ad": "a soft hyphen",
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner",
    "\ufeff": "a zero-width no-break space (BOM)",
    **{chr(code): "a bidirectional control" for code in (0x200E, 0x200F, 0x061C)},
    **{chr(code): "a bidirectional control" for code in range(0x202A, 0x202F)},
    **{chr(code): "a bidirectional control" for code in range(0x2066, 0x206A)},
}
_INVISIBLE_RE = re.compile("[" + "".join(_INVISIBLE) + "]")
_PLACEHOLDER = re.compile(
    r"currently unavailable|not (?:yet )?available|coming soon|\bTB[AD]\b|to be (?:announced|added)"
    r"|lorem ipsum|abstract (?:goes )?here|\bplaceholder\b",
    re.I,
)
_STRAIGHT_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_CURLY_APOSTROPHE = re.compile(r"(?<=\w)\u2019(?=\w)")


def script(char: str) -> str | None:
    """Return a letter's script (``LATIN``, ``CYRILLIC``, ``GREEK``, ...), else None."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def _foreign(char: str) -> bool:
    return script(char) in ("CYRILLIC", "GREEK")


def check(ctx: LintContext) -> Iterator[Finding]:
    """Run the text rules."""
    yield from _homoglyphs(ctx)
    yield from _invisible(ctx)
    yield from _quotes(ctx)
    yield from _placeholders(ctx)


# --- lookalike letters -----------------------------------------------------------------------


def _homoglyphs(ctx: LintContext) -> Iterator[Finding]:
    text = ctx.text
    seen: set[int] = set()
    for candidate in _FOREIGN_CHAR.finditer(text):
        line_start = text.rfind("\n", 0, candidate.start()) + 1
        if line_start in seen:
            continue
        seen.add(line_start)
        line_end = text.find("\n", candidate.start())
        line_end = len(text) if line_end < 0 else line_end
        words = list(_WORD.finditer(text, line_start, line_end))
        for position, word in enumerate(words):
            letters = word.group(0)
            foreign = [index for index, char in enumerate(letters) if _foreign(char)]
            if not foreign:
                continue
            if any(script(char) == "LATIN" for char in letters):
                kind = "inside the Latin word"
            elif len(foreign) == len(letters) and all(char in LOOKALIKES for char in letters):
                if not _among_latin(words, position):
                    continue
                kind = "standing alone among Latin words, as"
            else:
                continue
            yield _homoglyph_finding(ctx, word.start(), letters, foreign, kind)


def _among_latin(words: list[re.Match[str]], position: int) -> bool:
    """Tell whether the nearest words (on the same line) before and after are Latin."""
    neighbours = []
    for step in (-1, 1):
        index = position + step
        while 0 <= index < len(words):
            found = [script(char) for char in words[index].group(0) if char.isalpha()]
            if found:
                neighbours.append(found)
                break
            index += step
    if not neighbours:
        return False
    return all(all(name == "LATIN" for name in found) for found in neighbours)


def _homoglyph_finding(
    ctx: LintContext, start: int, word: str, foreign: list[int], kind: str
) -> Finding:
    names = ", ".join(
        f"{unicodedata.name(word[index]).title().replace('Letter ', '')} '{word[index]}' "
        f"(U+{ord(word[index]):04X})"
        for index in foreign
    )
    fixed = "".join(LOOKALIKES.get(char, char) if _foreign(char) else char for char in word)
    block = ctx.block_index_at(start)
    block_id = ctx.post.blocks[block].id if block is not None else None
    field = field_holding(ctx.post, block, word, _occurrence(ctx, block, word, start))
    # A file name is not renamed on disk by a text fix, so only text fields get one.
    safe = (
        all(word[index] in LOOKALIKES for index in foreign)
        and field is not None
        and not field.endswith((".file", "src"))
    )
    return ctx.finding(
        HOMOGLYPH,
        f"{names} {kind} '{word}': it looks like Latin but is not (search, links and "
        "spell-checkers miss it)",
        at=start + foreign[0],
        block=block,
        field=field,
        fix=f"replace '{word}' with the Latin '{fixed}'" if safe else None,
        action=replace_action(block_id, word, fixed, whole_word=True) if safe else None,
    )


def _occurrence(ctx: LintContext, block: int | None, word: str, start: int) -> int:
    """Count the occurrences of ``word`` in the block's text before the offset ``start``."""
    base = ctx.locate(block)
    return ctx.text.count(word, base, start)


# --- invisible characters --------------------------------------------------------------------


def _fields(ctx: LintContext) -> Iterator[tuple[int | None, str, str, bool]]:
    """Yield (block index, field path, value, is_url) for names, titles and URLs."""
    title = ctx.front("title")
    if isinstance(title, str):
        yield None, "title", title, False
    for index, block in ctx.blocks():
        if isinstance(block, Session):
            yield index, "title", block.title, False
            for number, speaker in enumerate(block.speakers):
                prefix = f"speakers[{number}]"
                for name in ("name", "org", "role"):
                    value = getattr(speaker, name)
                    if value:
                        yield index, f"{prefix}.{name}", value, False
                for name in ("url", "org_url"):
                    value = getattr(speaker, name)
                    if value:
                        yield index, f"{prefix}.{name}", value, True
            for number, thumb in enumerate(block.thumbnails):
                if thumb.title:
                    yield index, f"thumbnails[{number}].title", thumb.title, False
            for name in ("slides_url", "video_url"):
                value = getattr(block, name)
                if value:
                    yield index, name, value, True
        elif isinstance(block, HeaderImage):
            if block.title:
                yield index, "title", block.title, False
            if block.link:
                yield index, "link", block.link, True
        elif isinstance(block, Button):
            yield index, "label", block.label, False
            yield index, "href", block.href, True
        elif isinstance(block, Sponsors):
            for number, sponsor in enumerate(block.sponsors):
                yield index, f"sponsors[{number}].name", sponsor.name, False
                if sponsor.url:
                    yield index, f"sponsors[{number}].url", sponsor.url, True


def _invisible(ctx: LintContext) -> Iterator[Finding]:
    for index, path, value, is_url in _fields(ctx):
        found = _INVISIBLE_RE.search(value)
        if found is None:
            continue
        what = _INVISIBLE[found.group(0)]
        char = found.group(0)
        text = ctx.front_text if index is None else ctx.block_texts[index]
        at = text.find(char)
        where = ctx.locate(index, value) if at < 0 else ctx.locate(index, offset=at)
        cleaned = _INVISIBLE_RE.sub(lambda match: " " if match.group(0) == "\u00a0" else "", value)
        if is_url:
            cleaned = cleaned.replace(" ", "")
        block_id = ctx.post.blocks[index].id if index is not None else None
        kind = "URL" if is_url else "field"
        yield ctx.finding(
            INVISIBLE,
            f"{what} (U+{ord(char):04X}) in the {kind} {path}: '{value.strip()}'",
            at=where,
            block=index,
            field=path,
            severity="error" if is_url else None,
            fix="remove the invisible character" + ("s" if _count(value) > 1 else ""),
            action=(
                field_action(block_id, path, cleaned)
                if block_id is not None
                else replace_action(None, value, cleaned)
            ),
        )


def _count(value: str) -> int:
    return len(_INVISIBLE_RE.findall(value))


# --- quotes ----------------------------------------------------------------------------------

_MARKUP = re.compile(r"<[^>\n]*>|\]\([^)\n]*\)|`[^`\n]*`")


def _quote_fields(ctx: LintContext) -> Iterator[tuple[int | None, str, str]]:
    title = ctx.front("title")
    if isinstance(title, str):
        yield None, "title", title
    for index, block in ctx.blocks():
        if isinstance(block, Session):
            yield index, "title", block.title
            yield index, "abstract", block.abstract
            for number, thumb in enumerate(block.thumbnails):
                if thumb.title:
                    yield index, f"thumbnails[{number}].title", thumb.title
        elif isinstance(block, TextBlock):
            yield index, "text", block.text


def _quotes(ctx: LintContext) -> Iterator[Finding]:
    for index, path, value in _quote_fields(ctx):
        plain = _MARKUP.sub(lambda match: " " * len(match.group(0)), value)
        single = ("'" in plain, bool(re.search("[\u2018\u2019]", plain)))
        double = ('"' in plain, bool(re.search("[\u201c\u201d]", plain)))
        if not (all(single) or all(double)):
            continue
        straight = plain.find("'") if all(single) else plain.find('"')
        text = ctx.front_text if index is None else ctx.block_texts[index]
        shown = text.find(value[straight : straight + 20]) if straight >= 0 else -1
        at = ctx.locate(index, offset=shown) if shown >= 0 else ctx.locate(index, value[:30])
        kinds = " and ".join(
            name
            for name, both in (("apostrophes", all(single)), ("double quotes", all(double)))
            if both
        )
        curly = len(_CURLY_APOSTROPHE.findall(plain)) >= len(_STRAIGHT_APOSTROPHE.findall(plain))
        fixable = all(single) and not all(double) and "`" not in value and index is not None
        block_id = ctx.post.blocks[index].id if index is not None else None
        fixed = _outside_markup(
            value,
            (lambda part: _STRAIGHT_APOSTROPHE.sub("\u2019", part))
            if curly
            else (lambda part: _CURLY_APOSTROPHE.sub("'", part)),
        )
        fixable = fixable and fixed != value and _single_kind(fixed)
        yield ctx.finding(
            QUOTES,
            f"straight and curly {kinds} mixed in {path}",
            at=at,
            block=index,
            field=path,
            fix=f"write every apostrophe as {'’' if curly else chr(39)}" if fixable else None,
            action=field_action(block_id, path, fixed)
            if fixable and block_id is not None
            else None,
        )


def _outside_markup(value: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to the text between tags, link targets and code spans."""
    out: list[str] = []
    position = 0
    for markup in _MARKUP.finditer(value):
        out += [change(value[position : markup.start()]), markup.group(0)]
        position = markup.end()
    out.append(change(value[position:]))
    return "".join(out)


def _single_kind(value: str) -> bool:
    plain = _MARKUP.sub(" ", value)
    return not ("'" in plain and re.search("[\u2018\u2019]", plain))


# --- placeholders ----------------------------------------------------------------------------


def _placeholders(ctx: LintContext) -> Iterator[Finding]:
    for index, block in ctx.blocks():
        if not isinstance(block, Session) or not block.abstract:
            continue
        found = _PLACEHOLDER.search(block.abstract)
        if found is None or len(block.abstract) > 300:
            continue
        yield ctx.finding(
            PLACEHOLDER,
            f"the abstract of '{block.title}' is a placeholder ('{found.group(0)}'): ask the "
            "speaker for one or leave the abstract out",
            at=ctx.locate(index, found.group(0)),
            block=index,
            field="abstract",
        )
