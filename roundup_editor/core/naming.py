"""Safe names: slugs from titles, and checks for names that would escape or break a folder."""

from __future__ import annotations

import re
import unicodedata

WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{number}" for number in range(1, 10)]
    + [f"LPT{number}" for number in range(1, 10)]
)
MAX_SLUG = 80
_SLUG_OK = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """Return a URL slug for ``text``: lower-case ASCII letters, digits and single hyphens.

    Accents are folded (``Brüseke`` -> ``bruseke``); everything else becomes a hyphen. Never empty:
    a title with no usable letters gives ``post``.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    slug = slug.strip("-")
    if not slug or slug.upper() in WINDOWS_RESERVED:
        slug = f"post-{slug}" if slug else "post"
    return slug


def slug_problem(slug: str) -> str | None:
    """Return why ``slug`` cannot be used as a post slug or folder name, or None when it can."""
    if not slug:
        return "the slug is empty"
    if len(slug) > MAX_SLUG:
        return f"the slug is longer than {MAX_SLUG} characters"
    if ".." in slug or "/" in slug or "\\" in slug or ":" in slug:
        return "the slug may not contain '..', '/', '\\\\' or ':'"
    if slug.upper() in WINDOWS_RESERVED:
        return f"'{slug}' is a reserved name on Windows"
    if not _SLUG_OK.match(slug):
        return "use only lower-case letters, digits and single hyphens in the slug"
    return None


def folder_name(date: str, slug: str) -> str:
    """Return the blog folder name ``YYYY-MM-DD-slug`` (the slug made safe first)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise ValueError(f"{date!r} is not a YYYY-MM-DD date")
    safe = slug if slug_problem(slug) is None else slugify(slug)
    return f"{date}-{safe}"
