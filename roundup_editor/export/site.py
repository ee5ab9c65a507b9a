"""Detect a Docusaurus site: its config, version, blog folder, authors, tags and existing posts.

The config is JavaScript, so it is read, never run: the blog folder is taken from the classic
preset's ``blog: { path: '...' }`` when it is a plain string (``process.env.X || 'blog'`` gives
``blog``), else ``blog``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from roundup_editor.core.errors import RoundupError

CONFIG_NAMES = (
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
    "docusaurus.config.mts",
)
_BLOG_SECTION = re.compile(r"\bblog\s*:\s*\{")
_PATH_VALUE = re.compile(r"""\bpath\s*:\s*(?:[^,'"`}\n]*\|\|\s*)?(['"`])([^'"`\n]+)\1""")
_DATED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+?)(?:\.mdx?)?$")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


class SiteError(RoundupError):
    """The folder is not a Docusaurus site, or a file of the site cannot be read."""


@dataclass
class ExistingPost:
    """A post already in the blog folder: where it is and the URL path it takes."""

    path: Path
    slug: str
    folder: str


@dataclass
class DocusaurusSite:
    """What the export needs to know about a Docusaurus site."""

    root: Path
    config: Path
    version: str | None
    blog_dir: Path
    authors: dict[str, Any] = field(default_factory=dict)
    tags: dict[str, Any] | None = None

    @property
    def authors_file(self) -> Path:
        """The blog's ``authors.yml`` (it may not exist)."""
        return self.blog_dir / "authors.yml"

    @property
    def major_version(self) -> int | None:
        """The major version of ``@docusaurus/core`` (2, 3...), when known."""
        if not self.version:
            return None
        match = re.search(r"\d+", self.version)
        return int(match.group()) if match else None

    def existing_posts(self) -> list[ExistingPost]:
        """Return the posts in the blog folder with their slugs (front matter or file name)."""
        posts: list[ExistingPost] = []
        if not self.blog_dir.is_dir():
            return posts
        for entry in sorted(self.blog_dir.iterdir()):
            if entry.name.startswith((".", "_")):
                continue
            if entry.is_dir():
                index = next(
                    (entry / n for n in ("index.md", "index.mdx") if (entry / n).is_file()), None
                )
                if index is None:
                    continue
                posts.append(ExistingPost(index, post_slug(index, entry.name), entry.name))
            elif entry.suffix in (".md", ".mdx"):
                posts.append(ExistingPost(entry, post_slug(entry, entry.stem), entry.stem))
        return posts


def _read_yaml_keys(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise SiteError(f"{path} cannot be read as YAML ({error})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SiteError(f"{path} is not a mapping of keys")
    return {str(key): value for key, value in data.items()}


def _core_version(root: Path) -> str | None:
    """Return the ``@docusaurus/core`` version range from package.json, or None."""
    package = root / "package.json"
    try:
        data = json.loads(package.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SiteError(f"{package} cannot be read as JSON ({error})") from None
    if not isinstance(data, dict):
        return None
    for section in ("dependencies", "devDependencies", "peerDependencies"):
        deps = data.get(section)
        if isinstance(deps, dict) and "@docusaurus/core" in deps:
            return str(deps["@docusaurus/core"])
    return ""


def blog_path_from_config(text: str) -> str:
    """Return the blog folder named in a config's ``blog: { path: ... }``; ``blog`` by default."""
    for section in _BLOG_SECTION.finditer(text):
        depth = 0
        body_end = len(text)
        for position in range(section.end() - 1, len(text)):
            if text[position] == "{":
                depth += 1
            elif text[position] == "}":
                depth -= 1
                if depth == 0:
                    body_end = position
                    break
        body = text[section.end() : body_end]
        # Only the section's own keys: nested objects (feedOptions...) have their own paths.
        flat = re.sub(r"\{[^{}]*\}", "{}", body)
        match = _PATH_VALUE.search(flat)
        if match:
            return match.group(2)
    return "blog"


def detect_site(root: Path) -> DocusaurusSite:
    """Return the Docusaurus site at ``root``; raise :class:`SiteError` when it is not one."""
    if not root.is_dir():
        raise SiteError(f"{root} is not a folder")
    config = next((root / name for name in CONFIG_NAMES if (root / name).is_file()), None)
    version = _core_version(root)
    if config is None:
        raise SiteError(f"{root} is not a Docusaurus site (no docusaurus.config.js, .ts or .mjs)")
    if version is None:
        raise SiteError(f"{root} is not a Docusaurus site (no package.json)")
    if version == "":
        raise SiteError(f"{root} is not a Docusaurus site (package.json lacks @docusaurus/core)")
    try:
        config_text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SiteError(f"{config} cannot be read ({error})") from None
    blog_dir = (root / blog_path_from_config(config_text)).resolve()
    try:
        blog_dir.relative_to(root.resolve())
    except ValueError:
        raise SiteError(f"the blog folder of {root} lies outside the site") from None
    authors = _read_yaml_keys(blog_dir / "authors.yml") or {}
    tags = _read_yaml_keys(blog_dir / "tags.yml")
    return DocusaurusSite(root, config, version, blog_dir, authors, tags)


def post_slug(path: Path, name: str) -> str:
    """Return the URL path (below the blog route) Docusaurus gives a post.

    ``slug:`` in front matter wins; else a dated name ``YYYY-MM-DD-rest`` gives ``YYYY/MM/DD/rest``.
    """
    front = _front_matter(path)
    slug = front.get("slug")
    if isinstance(slug, str) and slug.strip():
        return normalize_slug(slug)
    return dated_slug(name)


def normalize_slug(slug: str) -> str:
    """Return a slug without leading or trailing slashes, lower-cased for comparison."""
    return slug.strip().strip("/").lower()


def dated_slug(name: str) -> str:
    """Return the slug Docusaurus derives from a dated file or folder name."""
    match = _DATED.match(name)
    if match:
        year, month, day, rest = match.groups()
        return f"{year}/{month}/{day}/{rest}".lower()
    return name.lower()


def _front_matter(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    match = _FRONT.match(text)
    if not match:
        return {}
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def parse_date(value: Any) -> date | None:
    """Return a date from a front matter value (a date, a datetime or an ISO string)."""
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    if isinstance(value, str):
        match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    return None
