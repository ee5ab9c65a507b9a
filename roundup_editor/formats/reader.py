"""Read posts: text -> :class:`Post` (total and lossless), and files -> text (defensive).

``parse_post`` accepts any string and guarantees ``render_post(parse_post(text)) == text``: a span
becomes a structured block only when rendering the block gives back exactly its bytes; anything
else stays a text block. ``read_post`` adds the checks a file from disk needs.
"""

from __future__ import annotations

import re
from pathlib import Path

from roundup_editor.core.errors import PostFormatError, PostNotFoundError
from roundup_editor.core.post import Block, Post, Session, TextBlock
from roundup_editor.formats.dialects import (
    RECOGNISERS,
    dialect_for,
    dialect_named,
    render_block,
)
from roundup_editor.formats.dialects.base import Lines, Match
from roundup_editor.formats.frontmatter import split_front_matter
from roundup_editor.formats.text import EMOJI_BREAK

MAX_POST_BYTES = 5 * 1024 * 1024
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HTML_START = re.compile(r"^ {0,3}<")


def detect_newline(text: str) -> str:
    """Return CRLF when every line break in ``text`` is CRLF, else LF."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf == text.count("\n") else "\n"


def parse_post(text: str) -> Post:
    """Parse any text into a post that renders back to exactly ``text``."""
    newline = detect_newline(text)
    if newline == "\r\n":
        text = text.replace("\r\n", "\n")
    try:
        front, body = split_front_matter(text)
    except PostFormatError:
        front, body = None, text
    post = Post(front_matter=front, newline=newline)
    if front is None:
        stripped = body.lstrip("\n")
        # Keep blank lines before the first block; whitespace-only lines stay in the body.
        post.leading = body[: len(body) - len(stripped)]
        body = stripped
    post.blocks = parse_body(body)
    return post


def parse_body(body: str) -> list[Block]:
    """Split the body into blocks; consecutive unrecognised chunks become text blocks."""
    if not body:
        return []
    source = Lines(body.split("\n"))
    blocks: list[Block] = []
    pending: list[int] = []  # start and end line of the text block being collected
    index = 0
    count = len(source)
    while index < count:
        match = _recognise(source, index, first=not blocks and not pending)
        if match is not None:
            if pending:
                blocks.append(_text_block(source, pending[0], pending[1]))
                pending = []
            content_end = match.end
            gap_end = _skip_blank(source, content_end)
            match.block.gap = _gap(source, content_end, gap_end)
            blocks.append(match.block)
            index = gap_end
            continue
        chunk_end = _chunk_end(source, index)
        if pending and source[index].startswith("#"):
            blocks.append(_text_block(source, pending[0], pending[1]))
            pending = []
        pending = [pending[0] if pending else index, chunk_end]
        index = _skip_blank(source, chunk_end)
        if index < count and _starts_new_text(source, index):
            blocks.append(_text_block(source, pending[0], pending[1]))
            pending = []
    if pending:
        blocks.append(_text_block(source, pending[0], pending[1]))
    return blocks


def _canonical(source: Lines, index: int, first: Match) -> Match:
    """Prefer the reference reading of a session the app wrote, when the first reading is not.

    Session dialects before the reference one in ``RECOGNISERS`` may also claim a session
    written fresh in the reference dialect, reading its fields their own way. When the first
    dialect's reading is not its own canonical text but the reference reading is, the text was
    written by the app in the reference dialect, so that reading wins.
    """
    block = first.block
    if not isinstance(block, Session) or block.dialect == "reference":
        return first
    text = source.text(index, first.end)
    bare = text.replace(EMOJI_BREAK, "")
    if "<" in bare or "{" in bare:
        return first  # the reference dialect escapes both, so it did not write this text
    reference = dialect_named("reference")
    try:
        match = reference.match(source, index)
        if match is None or match.end != first.end:
            return first
        if reference.render_fresh(match.block) != text:
            return first
        if dialect_for(block).render_fresh(block) == text:
            return first
    except (ValueError, IndexError, KeyError):
        return first
    return match


def _recognise(source: Lines, index: int, first: bool) -> Match | None:
    for dialect in RECOGNISERS:
        if getattr(dialect, "only_first", False) and not first:
            continue
        try:
            match = dialect.match(source, index)
        except (ValueError, IndexError, KeyError):
            match = None
        if match is None or match.end <= index:
            continue
        # The guarantee: a block is structured only if it renders back to the same bytes.
        if render_block(match.block) == source.text(index, match.end):
            return _canonical(source, index, match)
    return None


def _starts_new_text(source: Lines, index: int) -> bool:
    """Tell whether a text block ends here: headings start new ones (the outline reads better)."""
    return source[index].startswith("#")


def _text_block(source: Lines, start: int, end: int) -> TextBlock:
    gap_end = _skip_blank(source, end)
    text = source.text(start, end)
    kind = "raw" if any(_HTML_START.match(line) for line in source.lines[start:end]) else "prose"
    return TextBlock(text=text, kind=kind, gap=_gap(source, end, gap_end))  # type: ignore[arg-type]


def _skip_blank(source: Lines, index: int) -> int:
    while index < len(source) and not source[index].strip():
        index += 1
    return index


def _gap(source: Lines, content_end: int, gap_end: int) -> str:
    """Return the text after a block's last content line: its line end plus the blank lines."""
    blanks = "".join("\n" + source[line] for line in range(content_end, gap_end))
    return blanks + ("\n" if gap_end < len(source) else "")


def _chunk_end(source: Lines, index: int) -> int:
    """End of the Markdown chunk at ``index``: a fenced code block, or up to a blank line."""
    fence = _FENCE.match(source[index])
    if fence:
        marker = fence.group(1)
        for line in range(index + 1, len(source)):
            if source[line].strip().startswith(marker[0] * len(marker)):
                return line + 1
        return len(source)
    end = index + 1
    while end < len(source) and source[end].strip() and not _starts_block(source[end]):
        end += 1
    return end


def _starts_block(line: str) -> bool:
    """Tell whether a dialect starts a block at ``line`` even without a blank line before it.

    Dialects that write consecutive blocks without blank lines (HTML agendas) define
    ``starts_block(line)``; a text chunk ends before such a line so the dialect is tried there.
    """
    return any(
        dialect.starts_block(line) for dialect in RECOGNISERS if hasattr(dialect, "starts_block")
    )


# --- files --------------------------------------------------------------------------------


def resolve_post_path(path: Path) -> Path:
    """Return the ``index.md`` (or ``.md`` file) that ``path`` names.

    A post file that is a symbolic link to a file outside its folder is refused: saving would
    otherwise mean writing somewhere the user did not choose.
    """
    if path.is_dir():
        for name in ("index.md", "index.mdx"):
            candidate = path / name
            if candidate.is_file():
                return _inside_folder(candidate)
        raise PostNotFoundError(f"{path} is a folder without an index.md")
    if path.is_file():
        return _inside_folder(path)
    raise PostNotFoundError(f"{path} does not exist")


def _inside_folder(file: Path) -> Path:
    if file.is_symlink():
        target = file.resolve()
        if target.parent != file.parent.resolve():
            raise PostFormatError(
                f"{file} is a link to {target}, outside the post folder; open the real file"
            )
    return file


def decode_post_bytes(data: bytes, name: str) -> str:
    """Decode a post's bytes, refusing what is not a UTF-8 text post."""
    if not data.strip():
        raise PostFormatError(f"{name} is empty")
    if len(data) > MAX_POST_BYTES:
        size = len(data) / (1024 * 1024)
        raise PostFormatError(f"{name} is {size:.0f} MB; posts over 5 MB are not opened")
    if data.startswith(b"\xef\xbb\xbf"):
        raise PostFormatError(f"{name} starts with a byte-order mark; save it as UTF-8 without BOM")
    if b"\x00" in data:
        raise PostFormatError(f"{name} contains NUL bytes: it looks like a binary file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PostFormatError(
            f"{name} is not UTF-8 text (byte {error.start + 1} cannot be read)"
        ) from None
    return text


def read_text(path: Path) -> tuple[Path, str]:
    """Resolve and read a post file; return its path and text."""
    file = resolve_post_path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise PostNotFoundError(f"{file} cannot be read: {error.strerror}") from None
    return file, decode_post_bytes(data, str(file))


def read_post(path: Path) -> Post:
    """Read a post from a folder or an ``index.md``; raise a RoundupError with one clear line."""
    file, text = read_text(path)
    normalized = text.replace("\r\n", "\n")
    front, _body = split_front_matter(normalized)  # raises PostFormatError on broken YAML
    if front is None:
        if normalized.startswith("---"):
            raise PostFormatError(f"{file} has an unclosed front matter block (no second ---)")
        raise PostFormatError(f"{file} has no front matter (it must start with ---)")
    return parse_post(text)
