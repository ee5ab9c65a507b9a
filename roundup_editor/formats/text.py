r"""Escaping: text users type, written so it renders literally everywhere, and read back exactly.

Three targets must agree: Python-Markdown (the preview), Docusaurus 2 (MDX 1) and Docusaurus 3
(MDX 3). ``../shared/docusaurus/README.md`` lists what breaks which; the portable forms are numeric
entities (``&#123;`` for ``{``, ``&lt;`` for ``<``, ``&#58;`` for ``:``) and the backslash escapes
Python-Markdown also knows (``\\*``, ``\\_``, ``\\[``, ``\\#``, ...).

Each ``escape_*`` function has an exact left inverse ``unescape_*``:
``unescape_x(escape_x(t)) == t`` for every string ``t``.
"""

from __future__ import annotations

import html
import re
import unicodedata

from roundup_editor.formats.patterns import lazy_pattern

# Characters that Python-Markdown and CommonMark both accept behind a backslash.
_BACKSLASH = frozenset("\\`*_[]#")
# Characters written as numeric or named entities instead.
_ENTITY = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "~": "&#126;",
    "\n": "&#10;",
    "\r": "&#13;",
    "\t": "&#9;",
}
# ``:`` starts an emoji name (``:fire:``, even ``a:b:c`` on MDX 1) or a directive (``:x[``).
_COLON_HAZARD = lazy_pattern(r":(?=[A-Za-z_+\-\[{:]|[0-9A-Za-z_+\-]*:)")
# remark-emoji (Docusaurus 2 and 3) replaces ``:name:`` in text nodes, after entities are decoded,
# so neither ``&#58;`` nor ``\:`` stops it. An empty element splits the text node instead; it
# shows nothing in Python-Markdown, MDX 1 and MDX 3.
EMOJI_BREAK = "<span></span>"
_EMOJI_HAZARD = lazy_pattern(r":(?=[0-9A-Za-z_+\-]+:)")
_LINE_START_WORD = lazy_pattern(r"(import|export)\b")
_ORDERED = lazy_pattern(r"\d{1,9}[.)]")
_INLINE_DECODE = lazy_pattern(
    r"\\([!-/:-@\[-`{-~])|&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|(<span></span>)"
)


def _char_entity(char: str) -> str:
    return f"&#{ord(char)};"


def escape_text(text: str) -> str:
    """Return Markdown source that shows ``text`` literally, wherever it stands in a line.

    Safe at the start of a line too (``1.``, ``-``, ``+``, ``import``), and in headings, link texts,
    bold runs and table-free paragraphs. Line breaks are written as ``&#10;``, so the result is
    always one source line.
    """
    hazards = {match.start() for match in _COLON_HAZARD.finditer(text)}
    emoji = {match.start() for match in _EMOJI_HAZARD.finditer(text)}
    out = [
        ":" + EMOJI_BREAK if index in emoji else _escape_char(char, index in hazards)
        for index, char in enumerate(text)
    ]
    if text:
        first = text[0]
        ordered = _ORDERED.match(text)
        if (
            first in "-+=" and (len(text) == 1 or text[1] in " \t" or set(text) <= {first})
        ) or _LINE_START_WORD.match(text):
            out[0] = _char_entity(first)
        elif ordered:
            out[ordered.end() - 1] = _char_entity(text[ordered.end() - 1])
        elif first == " ":
            out[0] = "&#32;"
    return "".join(out)


def _escape_char(char: str, colon_hazard: bool) -> str:
    if char in _BACKSLASH:
        return "\\" + char
    if char in _ENTITY:
        return _ENTITY[char]
    if char == ":" and colon_hazard:
        return "&#58;"
    if ord(char) < 32 or ord(char) == 127:
        return f"&#x{ord(char):X};"
    return char


def unescape_text(source: str) -> str:
    """Return the text that Markdown ``source`` shows: backslash escapes and entities decoded."""

    def decode(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        if match.group(3) is not None:
            return ""
        return decode_entity(match.group(0))

    return _INLINE_DECODE.sub(decode, source)


def decode_entity(entity: str) -> str:
    """Decode one character reference (``&amp;``, ``&#123;``, ``&#x1B;``).

    ASCII control characters (which the escapers write as ``&#x1B;``) decode to themselves, as
    in HTML5; Python's ``html.unescape`` would drop them. Everything else is ``html.unescape``.
    """
    if entity.startswith("&#"):
        digits = entity[2:-1]
        code = int(digits[1:], 16) if digits[:1] in ("x", "X") else int(digits)
        if 0 <= code < 32 or code == 127:
            return chr(code)
    return html.unescape(entity)


# --- titles of links and images: "..." -------------------------------------------------------

_TITLE_ENTITY = {
    "&": "&amp;",
    '"': "&quot;",
    "<": "&lt;",
    "{": "&#123;",
    "}": "&#125;",
    "\\": "&#92;",
    # Python-Markdown runs its inline patterns (code, links, emphasis) before it reads a title,
    # and takes ``'`` and ``(`` ``)`` as title or URL delimiters: write them as entities too.
    "`": "&#96;",
    "[": "&#91;",
    "]": "&#93;",
    "(": "&#40;",
    ")": "&#41;",
    "'": "&#39;",
    "*": "&#42;",
    "_": "&#95;",
}
_TITLE_DECODE = lazy_pattern(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def escape_title(text: str) -> str:
    """Return ``text`` as the inside of a ``"..."`` link or image title."""
    out = []
    hazards = {match.start() for match in _COLON_HAZARD.finditer(text)}
    for index, char in enumerate(text):
        if char in _TITLE_ENTITY:
            out.append(_TITLE_ENTITY[char])
        elif char == ":" and index in hazards:
            out.append("&#58;")
        elif ord(char) < 32 or ord(char) == 127:
            out.append(f"&#x{ord(char):X};")
        else:
            out.append(char)
    return "".join(out)


def unescape_title(source: str) -> str:
    """Decode a ``"..."`` title as written by :func:`escape_title` (or by hand)."""
    source = re.sub(r'\\(["\\])', r"\1", source)
    return _TITLE_DECODE.sub(lambda match: decode_entity(match.group(0)), source)


# --- URLs -------------------------------------------------------------------------------------

_URL_UNSAFE = lazy_pattern(r"[\x00-\x20\x7f()<>\"\\{}|^`]")
SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = lazy_pattern(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def normalize_url(text: str) -> str:
    """Return a URL fit for a Markdown link: trimmed, with unsafe ASCII percent-encoded.

    Non-ASCII letters are kept as typed (Docusaurus and browsers encode them on the way out);
    non-ASCII spaces, line separators and invisible format characters are percent-encoded.
    """
    text = text.strip()
    text = _URL_UNSAFE.sub(lambda match: f"%{ord(match.group(0)):02X}", text)
    return "".join(_percent(char) if _invisible(char) else char for char in text)


def _invisible(char: str) -> bool:
    """Non-ASCII spaces, line separators and format characters: encoded, never kept raw."""
    return ord(char) > 127 and (
        char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Cs", "Co")
    )


def _percent(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


def url_problem(url: str) -> str | None:
    """Return why ``url`` may not be used as a link, or None when it is acceptable.

    Relative URLs (``/blog/x``, ``slides.pdf``) are accepted; of absolute ones only http(s) and
    mailto are (``javascript:``, ``data:`` and ``file:`` are refused).
    """
    match = _SCHEME.match(url.strip())
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return f"links with the {match.group(1).lower()}: scheme are not allowed"
    if _URL_UNSAFE.search(url.strip()):
        return "the link contains spaces or characters that must be encoded"
    return None


# --- Markdown fields (abstracts, prose) --------------------------------------------------------

_MD_DECODE = {
    "&amp;": "&",
    "&#123;": "{",
    "&#125;": "}",
    "&lt;": "<",
    "&#58;": ":",
    "&#105;": "i",
    "&#101;": "e",
    "&#35;": "#",
    "&#96;": "`",
    "&#126;": "~",
    EMOJI_BREAK: "",
}
_MD_DECODE_RE = lazy_pattern("|".join(re.escape(key) for key in _MD_DECODE))
_ENTITY_LIKE = lazy_pattern(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_CODE_FENCE = lazy_pattern(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = lazy_pattern(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def _markdown_segments(text: str) -> list[tuple[str, bool]]:
    """Cut Markdown into (text, is_code) runs: fenced code blocks and inline code spans are code.

    Escaping never adds or removes backticks or fence lines, so the escaped text cuts into the
    same runs; that is what makes :func:`unescape_markdown` exact.
    """
    segments: list[tuple[str, bool]] = []
    fence: str | None = None
    lines = text.split("\n")
    for number, line in enumerate(lines):
        opened = _CODE_FENCE.match(line)
        if opened and fence is None and not _fence_closes(lines, number, opened.group(1)):
            opened = None  # an unclosed fence is not code (escape_markdown defuses it)
        if fence is not None:
            segments.append((line, True))
            marker = opened.group(1) if opened else ""
            closing = marker[:1] == fence[0] and len(marker) >= len(fence)
            if closing and not line.strip(" " + fence[0]):
                fence = None
        elif opened:
            fence = opened.group(1)
            segments.append((line, True))
        else:
            position = 0
            for span in _CODE_SPAN.finditer(line):
                segments.append((line[position : span.start()], False))
                segments.append((span.group(0), True))
                position = span.end()
            segments.append((line[position:], False))
        segments.append(("\n", True))
    segments.pop()
    return segments


def _fence_closes(lines: list[str], number: int, marker: str) -> bool:
    """Tell whether the fence opened by ``marker`` on line ``number`` is closed later."""
    for line in lines[number + 1 :]:
        closing = _CODE_FENCE.match(line)
        if (
            closing
            and closing.group(1)[0] == marker[0]
            and len(closing.group(1)) >= len(marker)
            and not line.strip(" " + marker[0])
        ):
            return True
    return False


def _escape_markdown_run(run: str, line_start: bool) -> str:
    run = _ENTITY_LIKE.sub("&amp;", run)
    hazards = {match.start() for match in _COLON_HAZARD.finditer(run)}
    emoji = {match.start() for match in _EMOJI_HAZARD.finditer(run)}
    chars = []
    for index, char in enumerate(run):
        if char == "{":
            chars.append("&#123;")
        elif char == "}":
            chars.append("&#125;")
        elif char == "<":
            chars.append("&lt;")
        elif char == ":" and index in emoji:
            chars.append(":" + EMOJI_BREAK)
        elif char == ":" and index in hazards:
            chars.append("&#58;")
        else:
            chars.append(char)
    escaped = "".join(chars)
    if line_start:
        stripped = escaped.lstrip(" ")
        indent = escaped[: len(escaped) - len(stripped)]
        if stripped.startswith("#"):
            escaped = indent + "&#35;" + stripped[1:]
        elif _CODE_FENCE.match(escaped) or _LINE_START_WORD.match(stripped):
            # ESM lines break MDX; a fence that never closes would swallow the rest of the post.
            escaped = indent + _char_entity(stripped[0]) + stripped[1:]
    return escaped


def escape_markdown(text: str) -> str:
    """Make user-typed Markdown safe for MDX while keeping its formatting.

    Emphasis, links, lists and code keep working; what MDX would read as JSX, expressions,
    ESM or emoji (``{``, ``}``, ``<``, ``import``, ``:name:``) and headings inside a field are
    written as entities. Entities the user typed are shown literally. Code spans and fenced
    code blocks are left exactly as typed (nothing inside code needs escaping).
    """
    out: list[str] = []
    line: list[str] = []
    last_is_code = False
    for run, is_code in [*_markdown_segments(text), ("\n", True)]:
        if run == "\n" and is_code:
            out.append(_keep_off_media_line("".join(line), last_is_code))
            line = []
            continue
        line.append(run if is_code else _escape_markdown_run(run, not line))
        last_is_code = is_code
    return "\n".join(out)


_MEDIA_LIKE = lazy_pattern(r"^ {0,3}!?\[.*\)[ \t]*$")


def _keep_off_media_line(line: str, fenced: bool) -> str:
    """Keep a line that is only a link or a linked image in the text it belongs to.

    Session dialects read such a line after an abstract as the session's slides or video link.
    An empty element after the closing ``)`` shows nothing and stops that reading.
    """
    if fenced or not _MEDIA_LIKE.match(line):
        return line
    end = len(line.rstrip(" \t"))
    return line[:end] + EMOJI_BREAK + line[end:]


def unescape_markdown(source: str) -> str:
    """Invert :func:`escape_markdown` (exactly: only the entities it writes are decoded)."""
    return "".join(
        run if is_code else _MD_DECODE_RE.sub(lambda match: _MD_DECODE[match.group(0)], run)
        for run, is_code in _markdown_segments(source)
    )


def normalize_line(text: str) -> str:
    """Return a single-line field value: one line, no control characters, ends trimmed.

    Line breaks fold to spaces; control characters other than tab are dropped.
    """
    folded = " ".join(text.replace("\r", "\n").split("\n"))
    return _CONTROL.sub("", folded).strip()


_CONTROL = lazy_pattern(r"[\x00-\x08\x0b-\x1f\x7f]")


def normalize_block(text: str) -> str:
    """Return a multi-line field value: LF line ends, no blank lines at either end."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)
