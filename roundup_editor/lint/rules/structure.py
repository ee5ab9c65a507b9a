"""Structure rules: truncate marker, images on disk, image syntax, sessions, people, duplicates."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from roundup_editor.core.post import HeaderImage, Post, Session, TextBlock, Truncate
from roundup_editor.lint.context import LintContext
from roundup_editor.lint.edit import field_action
from roundup_editor.lint.finding import Finding, Rule
from roundup_editor.lint.rules.text import LOOKALIKES

NO_TRUNCATE = Rule("structure.no-truncate", "warning", "no <!-- truncate --> marker")
HEADER_MISSING = Rule("structure.header-missing", "error", "the header image is not on disk")
IMAGE_MISSING = Rule("structure.image-missing", "error", "an image referenced but not on disk")
IMAGES_ABSENT = Rule("structure.images-absent", "warning", "no image files beside the post")
UNREFERENCED = Rule("structure.image-unreferenced", "warning", "an image file nothing refers to")
TOO_LARGE = Rule("structure.image-too-large", "warning", "an image file over 1 MB")
NO_TITLE = Rule("structure.thumbnail-title", "warning", "a thumbnail without a title")
BROKEN_IMAGE = Rule("structure.broken-image", "error", "image Markdown that is not an image")
IMAGE_ATTRIBUTE = Rule(
    "structure.image-attribute", "warning", '![](src "title" class="...") (no image on MDX 3)'
)
NO_SPEAKER = Rule("structure.session-speaker", "warning", "a session without a speaker")
NO_ABSTRACT = Rule("structure.session-abstract", "warning", "a session without an abstract")
NO_SLIDES = Rule("structure.session-slides", "info", "a session without slides or a video")
SPELLING = Rule("structure.person-spelling", "warning", "the same person spelt two ways")
DUPLICATE = Rule("structure.duplicate-session", "warning", "two sessions with the same title")
RULES = [
    NO_TRUNCATE,
    HEADER_MISSING,
    IMAGE_MISSING,
    IMAGES_ABSENT,
    UNREFERENCED,
    TOO_LARGE,
    NO_TITLE,
    BROKEN_IMAGE,
    IMAGE_ATTRIBUTE,
    NO_SPEAKER,
    NO_ABSTRACT,
    NO_SLIDES,
    SPELLING,
    DUPLICATE,
]

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"})
MAX_IMAGE_BYTES = 1_000_000
_MD_IMAGE = re.compile(
    r"!\[(?:\\.|[^\[\]\\])*\]\(\s*<?([^\s()<>\"]+)>?(?:\s+\"(?:\\.|[^\"\\])*\")?\s*\)"
)
_MD_IMAGE_ATTRIBUTE = re.compile(
    r"!\[(?:\\.|[^\[\]\\])*\]\(\s*([^\s()\"]+)\s+\"[^\"]*\"(?:\s+[\w-]+=\"[^\"]*\")+\s*\)"
)
_MD_IMAGE_REFERENCE = re.compile(r"!\[(?:\\.|[^\[\]\\])*\]\[[^\]]*\]")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']*)[\"']", re.I)
_EXTERNAL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:|//|/|#)")


def check(ctx: LintContext) -> Iterator[Finding]:
    """Run the structure rules."""
    yield from _truncate(ctx)
    yield from _images(ctx)
    yield from _image_syntax(ctx)
    yield from _sessions(ctx)
    yield from _people(ctx)
    yield from _duplicates(ctx)


# --- truncate --------------------------------------------------------------------------------


def _truncate(ctx: LintContext) -> Iterator[Finding]:
    if any(isinstance(block, Truncate) for block in ctx.post.blocks):
        return
    if re.search(r"<!--\s*truncate\s*-->", ctx.masked[ctx.body_start :]):
        return
    yield ctx.finding(
        NO_TRUNCATE,
        "the post has no <!-- truncate --> marker: the blog list shows the whole post",
        at=ctx.body_start,
        fix="add the marker after the intro paragraph",
        action=insert_truncate,
    )


def insert_truncate(post: Post) -> bool:
    """Insert a truncate marker after the first prose paragraph (after the header image)."""
    if any(isinstance(block, Truncate) for block in post.blocks):
        return False
    position = 0
    for index, block in enumerate(post.blocks):
        if isinstance(block, HeaderImage):
            position = index + 1
            continue
        if isinstance(block, TextBlock) and block.kind == "prose":
            position = index + 1
        break
    marker = Truncate()
    previous = post.blocks[position - 1] if position > 0 else None
    if previous is not None:
        if position >= len(post.blocks):
            marker.gap = previous.gap  # the marker ends the file as the block did
        if previous.gap.count("\n") < 2:
            previous.gap = "\n\n"
    post.blocks.insert(position, marker)
    return True


# --- images ----------------------------------------------------------------------------------


def local_reference(src: str) -> str | None:
    """Return the relative file path an image reference names, or None for URLs and site paths."""
    src = src.strip()
    if not src or _EXTERNAL.match(src):
        return None
    src = src.split("#", 1)[0].split("?", 1)[0]
    path = unquote(src)
    return path[2:] if path.startswith("./") else path


def _references(ctx: LintContext) -> list[tuple[str, int]]:
    """Return (relative path, absolute offset) for every local image the post shows."""
    found: list[tuple[str, int]] = []
    body = ctx.masked
    for pattern in (_MD_IMAGE, _MD_IMAGE_ATTRIBUTE, _HTML_IMAGE):
        for match in pattern.finditer(body, ctx.body_start):
            path = local_reference(match.group(1))
            if path is not None:
                found.append((path, match.start(1)))
    card = ctx.front("image")
    if isinstance(card, str) and card.startswith("./"):
        path = local_reference(card)
        line = re.search(r"^image\s*:", ctx.front_text, re.M)
        if path is not None:
            found.append((path, line.start() if line else 0))
    found.sort(key=lambda item: item[1])
    return found


def image_files(folder: Path) -> list[Path]:
    """Return the image files in a post folder and its sub-folders (hidden ones left out)."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in IMAGE_SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def _images(ctx: LintContext) -> Iterator[Finding]:
    folder = ctx.folder
    if folder is None or not folder.is_dir():
        return
    references = _references(ctx)
    if ctx.flat_file is not None:
        # A flat post shares its folder with other posts: check only what it refers to.
        yield from _missing(ctx, folder, references)
        return
    files = image_files(folder)
    if references and not files:
        yield ctx.finding(
            IMAGES_ABSENT,
            f"none of the {len({path for path, _ in references})} images the post refers to is "
            "in its folder (a text-only copy?); the site build needs them",
            at=references[0][1],
            block=ctx.block_index_at(references[0][1]),
        )
    else:
        yield from _missing(ctx, folder, references)
    referenced = {Path(path).as_posix().lower() for path, _ in references}
    for file in files:
        relative = file.relative_to(folder).as_posix()
        if relative.lower() not in referenced:
            yield ctx.finding(
                UNREFERENCED,
                f"'{relative}' is in the post folder but the post does not show it",
                at=ctx.body_start,
            )
        size = file.stat().st_size
        if size > MAX_IMAGE_BYTES:
            yield ctx.finding(
                TOO_LARGE,
                f"'{relative}' is {size / 1_000_000:.1f} MB; resize it (images over 1 MB slow "
                "the page)",
                at=_first_offset(references, relative, ctx.body_start),
            )


def _missing(
    ctx: LintContext, folder: Path, references: list[tuple[str, int]]
) -> Iterator[Finding]:
    """Report every referenced image that is not on disk (the header one as its own rule)."""
    header = next((b for b in ctx.post.blocks if isinstance(b, HeaderImage)), None)
    header_path = local_reference(header.src) if header is not None else None
    reported: set[str] = set()
    for path, at in references:
        if path in reported or (folder / path).is_file():
            continue
        reported.add(path)
        is_header = path == header_path and ctx.block_index_at(at) == _header_index(ctx)
        yield ctx.finding(
            HEADER_MISSING if is_header else IMAGE_MISSING,
            f"{'the header image ' if is_header else ''}'{path}' is not in the post folder: "
            "the site build fails",
            at=at,
            block=ctx.block_index_at(at),
        )


def _header_index(ctx: LintContext) -> int | None:
    return next((index for index, block in ctx.blocks() if isinstance(block, HeaderImage)), None)


def _first_offset(references: list[tuple[str, int]], relative: str, default: int) -> int:
    return next((at for path, at in references if path.lower() == relative.lower()), default)


def _image_syntax(ctx: LintContext) -> Iterator[Finding]:
    body = ctx.masked
    start = ctx.body_start
    for match in re.finditer(r"!\[", body[start:]):
        at = start + match.start()
        if _MD_IMAGE.match(body, at) or _MD_IMAGE_REFERENCE.match(body, at):
            continue
        if _MD_IMAGE_ATTRIBUTE.match(body, at):
            yield ctx.finding(
                IMAGE_ATTRIBUTE,
                "an attribute after the image title: Docusaurus 3 (MDX 3) shows no image here",
                at=at,
                block=ctx.block_index_at(at),
            )
            continue
        line_end = body.find("\n", at)
        shown = body[at : line_end if line_end >= 0 else len(body)][:60]
        yield ctx.finding(
            BROKEN_IMAGE,
            f"broken image Markdown '{shown}': it shows as text, not as an image "
            '(write ![alt](file.png "title"))',
            at=at,
            block=ctx.block_index_at(at),
        )


# --- sessions --------------------------------------------------------------------------------


def _sessions(ctx: LintContext) -> Iterator[Finding]:
    for index, block in ctx.blocks():
        if not isinstance(block, Session):
            continue
        at = ctx.locate(index)
        name = f"'{block.title}'"
        if not block.speakers:
            yield ctx.finding(
                NO_SPEAKER,
                f"the session {name} has no speaker",
                at=at,
                block=index,
                field="speakers",
            )
        if not block.abstract.strip():
            yield ctx.finding(
                NO_ABSTRACT,
                f"the session {name} has no abstract",
                at=at,
                block=index,
                field="abstract",
            )
        has_slides = block.slides_url or block.video_url or block.thumbnails
        if not has_slides:
            yield ctx.finding(
                NO_SLIDES,
                f"the session {name} has no slides or video",
                at=at,
                block=index,
                field="slides_url",
            )
        for number, thumb in enumerate(block.thumbnails):
            if thumb.title and thumb.title.strip():
                continue
            suffix = {"slides": " - slides", "video": " - video"}.get(thumb.kind, "")
            title = f"{block.title}{suffix}"
            yield ctx.finding(
                NO_TITLE,
                f"the thumbnail '{thumb.file}' of {name} has no title (it is the tooltip and "
                "the text screen readers use)",
                at=ctx.locate(index, thumb.file),
                block=index,
                field=f"thumbnails[{number}].title",
                fix=f"set the title to '{title}'",
                action=field_action(block.id, f"thumbnails[{number}].title", title),
            )


def name_key(name: str) -> str:
    """Return a comparison key for a name: lookalikes folded, accents and case removed."""
    folded = "".join(LOOKALIKES.get(char, char) for char in name)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if char.isalnum()).casefold()


def _url_key(url: str | None) -> str | None:
    if not url:
        return None
    key = unquote(url).lower().split("?", 1)[0].rstrip("/")
    return re.sub(r"^https?://(www\.)?", "", key)


def _close_names(key: str, other: str) -> bool:
    """Tell whether two name keys differ by a letter or two (a typo, not another person)."""
    if min(len(key), len(other)) < 8 or abs(len(key) - len(other)) > 2:
        return False
    matcher = difflib.SequenceMatcher(None, key, other)
    return matcher.quick_ratio() >= 0.9 and matcher.ratio() >= 0.9


def _people(ctx: LintContext) -> Iterator[Finding]:
    seen: list[tuple[str, str, str | None]] = []  # (name, key, url key)
    reported: set[frozenset[str]] = set()
    for index, block in ctx.blocks():
        if not isinstance(block, Session):
            continue
        for number, speaker in enumerate(block.speakers):
            name = speaker.name.strip()
            key = name_key(name)
            url = _url_key(speaker.url)
            if any(name == other for other, _key, _url in seen):
                continue
            for other, other_key, other_url in seen:
                pair = frozenset((name, other))
                if other == name or pair in reported:
                    continue
                same_url = url is not None and url == other_url and "linkedin" in url
                similar = key == other_key or same_url or _close_names(key, other_key)
                if not similar:
                    continue
                reported.add(pair)
                yield ctx.finding(
                    SPELLING,
                    f"'{name}' and '{other}' look like the same person spelt two ways",
                    at=ctx.locate(index, name),
                    block=index,
                    field=f"speakers[{number}].name",
                )
            seen.append((name, key, url))
    yield from _names_in_text(ctx, seen, reported)


_BOLD_NAME = re.compile(r"<(strong|b)>\s*([^<>\n]{3,40}?)\s*</\1>|\*\*([^*\n]{3,40}?)\*\*")
_NAME_WORD = re.compile(r"^[^\W\d_][\w.'’-]*$")


def _names_in_text(
    ctx: LintContext, speakers: list[tuple[str, str, str | None]], reported: set[frozenset[str]]
) -> Iterator[Finding]:
    """Compare bold names in text blocks (speaker bios) with the speakers' names."""
    for index, block in ctx.blocks():
        if not isinstance(block, TextBlock):
            continue
        masked = ctx.block_masked(index)
        for match in _BOLD_NAME.finditer(masked):
            name = (match.group(2) or match.group(3) or "").strip()
            words = name.split()
            if not 2 <= len(words) <= 4 or not all(
                _NAME_WORD.match(word) and word[0].isupper() for word in words
            ):
                continue
            key = name_key(name)
            for other, other_key, _url in speakers:
                pair = frozenset((name, other))
                if other == name or pair in reported:
                    continue
                if key != other_key and not _close_names(key, other_key):
                    continue
                reported.add(pair)
                start = match.start(2) if match.group(2) else match.start(3)
                yield ctx.finding(
                    SPELLING,
                    f"'{name}' in the text and the speaker '{other}' look like the same person "
                    "spelt two ways",
                    at=ctx.locate(index, offset=start),
                    block=index,
                    field="text",
                )


def _duplicates(ctx: LintContext) -> Iterator[Finding]:
    titles: dict[str, str] = {}
    for index, block in ctx.blocks():
        if not isinstance(block, Session):
            continue
        key = name_key(block.title)
        if not key:
            continue
        if key in titles:
            yield ctx.finding(
                DUPLICATE,
                f"the session '{block.title}' appears twice",
                at=ctx.locate(index),
                block=index,
                field="title",
            )
        else:
            titles[key] = block.title
