"""Put a post into a Docusaurus site: ``blog/YYYY-MM-DD-<name>/index.md`` plus its images.

Everything is written into a hidden temporary folder inside the blog folder (so on the same file
system) and renamed into place at the end: a failure leaves nothing half-written. A folder or slug
that another post already uses is refused; an existing folder is replaced only with ``force``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from roundup_editor.core.errors import RoundupError, WriteError
from roundup_editor.core.post import Post
from roundup_editor.export.site import (
    DocusaurusSite,
    dated_slug,
    normalize_slug,
    parse_date,
)
from roundup_editor.formats.writer import render_post
from roundup_editor.images.store import slugify

_DATED_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_TARGET = r"\(\s*(?:<([^>\n]+)>|([^)\s]+))(?=\s*(?:\)|[\"'(]))"
_MD_TARGET = re.compile(r"\]" + _TARGET)
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]" + _TARGET)
_HTML_TARGET = re.compile(
    r"""<(img|a|source|video)\b[^>]*?\b(src|href)\s*=\s*(["'])(.*?)\3""", re.I
)


class ExportError(RoundupError):
    """The post cannot be exported into the site (collision, unknown author, missing image)."""


@dataclass
class ExportResult:
    """Where the post was written, which files went with it and what the user should know."""

    folder: Path
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class LocalReference:
    """A file the post refers to by a path relative to its folder."""

    path: str
    is_image: bool


def local_references(text: str, front: dict[str, Any] | None = None) -> list[LocalReference]:
    """Return the relative files a post refers to: images, linked files, front matter ``image``."""
    found: dict[str, LocalReference] = {}

    def add(target: str, is_image: bool) -> None:
        target = target.strip()
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith(("/", "#", "mailto:", "data:")):
            return
        path = unquote(parts.path)
        if not path or path.endswith((".md", ".mdx", "/")):
            return  # links to other posts and pages are Docusaurus's business
        path = path[2:] if path.startswith("./") else path
        known = found.get(path)
        found[path] = LocalReference(path, is_image or (known is not None and known.is_image))

    images = {match.group(1) or match.group(2) for match in _MD_IMAGE.finditer(text)}
    for match in _MD_TARGET.finditer(text):
        target = match.group(1) or match.group(2)
        add(target, target in images)
    for match in _HTML_TARGET.finditer(text):
        add(match.group(4), match.group(1).lower() in ("img", "source", "video"))
    if front:
        image = front.get("image")
        if isinstance(image, str) and image.startswith("./"):
            add(image, True)
    return list(found.values())


def _front(post: Post) -> dict[str, Any]:
    return post.front_matter.as_dict() if post.front_matter is not None else {}


def folder_name(post: Post, source_name: str | None = None, when: date | None = None) -> str:
    """Return ``YYYY-MM-DD-<name>`` for the post.

    The date is the front matter ``date``, else the source folder's date, else ``when`` (today).
    The name is the source folder's (when it is a safe name), else the slug, else the title.
    """
    front = _front(post)
    day = parse_date(front.get("date"))
    rest: str | None = None
    if source_name:
        dated = _DATED_NAME.match(source_name)
        if dated:
            day = day or parse_date(dated.group(1))
            rest = dated.group(2)
        else:
            rest = source_name
        if rest and not _SAFE_NAME.match(rest):
            rest = slugify(rest, fallback="")
    if not rest:
        slug = front.get("slug")
        title = front.get("title")
        rest = slugify(str(slug or title or "roundup"), fallback="roundup")
    day = day or when or date.today()
    return f"{day.isoformat()}-{rest}"


def post_slug_for(post: Post, folder: str) -> str:
    """Return the slug the exported post will have (front matter ``slug`` or dated folder)."""
    slug = _front(post).get("slug")
    if isinstance(slug, str) and slug.strip():
        return normalize_slug(slug)
    return dated_slug(folder)


def unknown_authors_and_tags(post: Post, site: DocusaurusSite) -> tuple[list[str], list[str]]:
    """Return (author keys not in ``authors.yml``, tags not in ``tags.yml``) for the forms.

    No tag is unknown when the site has no ``tags.yml`` (Docusaurus accepts every tag then).
    """
    front = _front(post)
    authors = front.get("authors")
    keys = [authors] if isinstance(authors, str) else authors if isinstance(authors, list) else []
    unknown_authors = [key for key in keys if isinstance(key, str) and key not in site.authors]
    tags = front.get("tags")
    labels = [tags] if isinstance(tags, str) else tags if isinstance(tags, list) else []
    unknown_tags = []
    if site.tags is not None:
        unknown_tags = [tag for tag in labels if isinstance(tag, str) and tag not in site.tags]
    return unknown_authors, unknown_tags


def check_authors_and_tags(post: Post, site: DocusaurusSite) -> list[str]:
    """Raise on author keys the site does not know; return warnings for unknown tags."""
    front = _front(post)
    warnings: list[str] = []
    authors = front.get("authors")
    keys = [authors] if isinstance(authors, str) else authors if isinstance(authors, list) else []
    for key in keys:
        if isinstance(key, str):
            if key not in site.authors:
                known = ", ".join(sorted(site.authors)) or "none"
                raise ExportError(
                    f"author {key!r} is not in {site.authors_file} (known authors: {known})"
                )
        else:
            warnings.append(
                "an author is written inline; the site may only accept authors.yml keys"
            )
    tags = front.get("tags")
    if site.tags is not None and isinstance(tags, list):
        for tag in tags:
            label = tag if isinstance(tag, str) else None
            if label is not None and label not in site.tags:
                warnings.append(f"tag {label!r} is not in tags.yml")
    return warnings


def _source_file(folder: Path, reference: str) -> Path:
    relative = PurePosixPath(reference)
    if relative.is_absolute() or ".." in relative.parts:
        raise ExportError(f"the post refers to {reference}, outside its folder")
    return folder.joinpath(*relative.parts)


def export_post(
    post: Post,
    site: DocusaurusSite,
    source_folder: Path | None = None,
    *,
    name: str | None = None,
    force: bool = False,
    index_name: str = "index.md",
    when: date | None = None,
) -> ExportResult:
    """Write ``post`` and the files it refers to (taken from ``source_folder``) into the site.

    ``name`` overrides the folder name (``YYYY-MM-DD-<name>``). Raises :class:`ExportError` on a
    collision, an unknown author or a missing image, and :class:`WriteError` when the disk fails;
    in every case the blog folder is left as it was.
    """
    text = render_post(post)
    folder = name or folder_name(post, source_folder.name if source_folder else None, when)
    if not _SAFE_NAME.match(folder) or folder in (".", ".."):
        raise ExportError(f"{folder!r} is not a safe folder name")
    blog = site.blog_dir
    target = blog / folder
    warnings = check_authors_and_tags(post, site)
    slug = post_slug_for(post, folder)
    for existing in site.existing_posts():
        same_place = existing.folder == folder and existing.path.parent == target
        if existing.folder.lower() == folder.lower() and not same_place:
            raise ExportError(f"{existing.path} already uses the name {folder}")
        if existing.slug == slug and not same_place:
            raise ExportError(f"the slug {slug!r} is already used by {existing.path}")
    if target.exists() and not force:
        raise ExportError(f"{target} already exists; export with --force to replace it")
    references = local_references(text, _front(post))
    copies: list[tuple[str, Path]] = []
    for reference in references:
        origin = _source_file(source_folder, reference.path) if source_folder else None
        if origin is not None and origin.is_file():
            copies.append((reference.path, origin))
        elif reference.is_image:
            raise ExportError(f"the post shows {reference.path}, which is not in the post folder")
        else:
            warnings.append(f"the post links to {reference.path}, which is not in the post folder")
    _write_folder(blog, target, index_name, text.encode("utf-8"), copies, force)
    files = [index_name] + [relative for relative, _origin in copies]
    return ExportResult(target, files, warnings)


def _write_folder(
    blog: Path,
    target: Path,
    index_name: str,
    data: bytes,
    copies: list[tuple[str, Path]],
    force: bool,
) -> None:
    try:
        blog.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=".roundup-export-", dir=blog))
    except OSError as error:
        raise WriteError(f"cannot write in {blog}: {error.strerror}") from None
    try:
        _write_file(temp / index_name, data)
        for relative, origin in copies:
            destination = temp.joinpath(*PurePosixPath(relative).parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            _write_file(destination, origin.read_bytes())
        os.chmod(temp, 0o755)
        _move_into_place(blog, temp, target, force)
    except OSError as error:
        raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(path, 0o644)


def _move_into_place(blog: Path, temp: Path, target: Path, force: bool) -> None:
    if not target.exists():
        os.rename(temp, target)
        return
    if not force:
        raise ExportError(f"{target} already exists; export with --force to replace it")
    backup = Path(tempfile.mkdtemp(prefix=".roundup-replaced-", dir=blog))
    old = backup / target.name
    os.rename(target, old)
    try:
        os.rename(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.rename(old, target)
        raise
    finally:
        if not old.exists() or target.exists():
            shutil.rmtree(backup, ignore_errors=True)
