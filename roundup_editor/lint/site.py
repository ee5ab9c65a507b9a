"""The Docusaurus site a post belongs to: its authors, tags and the other posts' slugs.

A *blog folder* holds ``authors.yml`` (and maybe ``tags.yml``) beside the post folders; a site
root holds ``docusaurus.config.*`` and a ``blog/`` folder. :func:`find_site` looks upwards from a
post folder for either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roundup_editor.core.errors import RoundupError
from roundup_editor.formats.frontmatter import load_yaml, split_front_matter

_DATED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
_CONFIGS = ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs")


@dataclass
class Site:
    """What the lint rules need to know about a blog.

    Attributes:
        blog_dir: the folder holding the posts and ``authors.yml``.
        authors: the author keys of ``authors.yml`` (None when the file is absent).
        tags: the tag keys of ``tags.yml`` (None when the file is absent).
        slugs: for every post in the blog folder, its folder (or file) and its slug.
    """

    blog_dir: Path
    authors: set[str] | None = None
    tags: set[str] | None = None
    slugs: dict[Path, str] = field(default_factory=dict)

    @classmethod
    def load(cls, blog_dir: Path) -> Site:
        """Read ``authors.yml``, ``tags.yml`` and every post's slug from ``blog_dir``."""
        site = cls(blog_dir=blog_dir)
        site.authors = _keys(blog_dir / "authors.yml")
        site.tags = _keys(blog_dir / "tags.yml")
        for entry in sorted(blog_dir.iterdir()):
            if entry.is_dir():
                index = next(
                    (
                        entry / name
                        for name in ("index.md", "index.mdx")
                        if (entry / name).is_file()
                    ),
                    None,
                )
                if index is None:
                    continue
                site.slugs[entry] = post_slug(entry.name, _front_slug(index))
            elif entry.suffix in (".md", ".mdx") and _DATED.match(entry.stem):
                site.slugs[entry] = post_slug(entry.stem, _front_slug(entry))
        return site


def _keys(path: Path) -> set[str] | None:
    if not path.is_file():
        return None
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, RoundupError):
        return set()
    if isinstance(data, dict):
        return {str(key) for key in data}
    if isinstance(data, list):
        return {str(item) for item in data if isinstance(item, (str, int))}
    return set()


def _front_slug(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        front, _body = split_front_matter(text)
    except (OSError, UnicodeDecodeError, RoundupError):
        return None
    if front is None:
        return None
    slug: Any = front.get("slug")
    return str(slug) if slug is not None else None


def folder_slug(name: str) -> str:
    """Return the slug Docusaurus derives from a post folder name (the date removed)."""
    match = _DATED.match(name)
    return match.group(4) if match else name


def post_slug(name: str, front_slug: str | None) -> str:
    """Return a post's slug: front matter ``slug`` when set, else from the folder name."""
    return (front_slug or folder_slug(name)).strip("/")


def find_site(folder: Path) -> Site | None:
    """Return the site of the post folder ``folder`` (its blog folder), or None."""
    folder = folder.resolve()
    for candidate in (folder.parent, folder.parent.parent):
        if (candidate / "authors.yml").is_file():
            return Site.load(candidate)
        if any((candidate / name).is_file() for name in _CONFIGS) and (candidate / "blog").is_dir():
            return Site.load(candidate / "blog")
    return None
