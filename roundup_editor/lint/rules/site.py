"""Site rules: authors and tags the blog knows, slug collisions, slug and folder name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from roundup_editor.core.post import Post
from roundup_editor.lint.context import LintContext
from roundup_editor.lint.finding import Finding, Rule
from roundup_editor.lint.site import folder_slug, post_slug

UNKNOWN_AUTHOR = Rule("site.unknown-author", "error", "an author key not in authors.yml")
UNKNOWN_TAG = Rule("site.unknown-tag", "warning", "a tag not in tags.yml")
SLUG_COLLISION = Rule("site.slug-collision", "error", "another post of the blog has this slug")
SLUG_FOLDER = Rule("site.slug-folder", "info", "the slug and the folder name disagree")
BAD_SLUG = Rule("site.bad-slug", "error", "a slug with spaces or characters URLs cannot hold")
FOLDER_DATE = Rule("site.folder-date", "warning", "no date: the folder is not YYYY-MM-DD-name")
FRONT_TRAP = Rule(
    "site.front-matter-trap", "error", "a front matter value YAML reads differently than written"
)
RULES = [
    UNKNOWN_AUTHOR,
    UNKNOWN_TAG,
    SLUG_COLLISION,
    SLUG_FOLDER,
    BAD_SLUG,
    FOLDER_DATE,
    FRONT_TRAP,
]

_SLUG_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~/-]*$")
_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _key_at(ctx: LintContext, key: str, value: str | None = None) -> int:
    """Offset of a front matter key's line (or of ``value`` on it)."""
    text = ctx.front_text
    found = re.search(rf"^{re.escape(key)}\s*:", text, re.M)
    if found is None:
        return 0
    if value is not None:
        on_line = text.find(value, found.end())
        line_end = text.find("\n", found.end())
        if on_line >= 0 and (line_end < 0 or on_line < line_end):
            return on_line
    return found.start()


def check(ctx: LintContext) -> Iterator[Finding]:
    """Run the site rules (authors, tags, collisions need a site; slug checks need a folder)."""
    if ctx.post.front_matter is None:
        return
    yield from _traps(ctx)
    yield from _authors(ctx)
    yield from _tags(ctx)
    yield from _slug(ctx)


_TEXT_KEYS = ("title", "description", "slug")
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[Tt ][0-9:.]+.*)?")
_KINDS: dict[type, str] = {
    int: "a number",
    float: "a number",
    bool: "true or false",
    type(None): "an empty value",
    list: "a list",
    dict: "a mapping",
}


def _traps(ctx: LintContext) -> Iterator[Finding]:
    """Unquoted values YAML reads as something else: ``Roundup #1``, a date, a number."""
    front = ctx.post.front_matter
    if front is None:
        return
    for entry in front.entries:
        if entry.key not in _TEXT_KEYS or entry.source is None or "\n" in entry.source:
            continue
        if entry.value != entry.source_value:
            continue  # edited: written afresh in a safe form
        written = entry.source.split(":", 1)[1].strip()
        if not written or written[0] in "'\"[{|>":
            continue
        if (
            isinstance(entry.value, str)
            and entry.value == written
            and not _DATE_LIKE.match(written)
        ):
            continue
        if isinstance(entry.value, str) and " #" in written:
            problem = f"YAML reads '{entry.value}': the text from ' #' on is a comment"
        elif _DATE_LIKE.fullmatch(written):
            problem = "YAML reads it as a date, not as text"
        elif not isinstance(entry.value, str):
            problem = f"YAML reads it as {_KINDS.get(type(entry.value), 'something else')}"
        else:
            continue
        yield ctx.finding(
            FRONT_TRAP,
            f"{entry.key}: {written} - {problem}",
            at=_key_at(ctx, entry.key),
            field=entry.key,
            fix=f"quote the {entry.key}",
            action=_set_front(entry.key, written),
        )


def _authors(ctx: LintContext) -> Iterator[Finding]:
    site = ctx.site
    if site is None:
        return
    for author in _as_list(ctx.front("authors")):
        if isinstance(author, dict):
            yield ctx.finding(
                UNKNOWN_AUTHOR,
                "an inline author: sites that only allow authors.yml keys fail the build",
                at=_key_at(ctx, "authors"),
                field="authors",
                severity="warning",
            )
            continue
        key = str(author)
        if site.authors is None or key not in site.authors:
            where = "authors.yml" if site.authors is not None else "the blog (no authors.yml)"
            yield ctx.finding(
                UNKNOWN_AUTHOR,
                f"the author '{key}' is not in {where}: the build fails",
                at=_key_at(ctx, "authors", key),
                field="authors",
            )


def _tags(ctx: LintContext) -> Iterator[Finding]:
    site = ctx.site
    if site is None or site.tags is None:
        return
    for tag in _as_list(ctx.front("tags")):
        if isinstance(tag, str) and tag not in site.tags:
            yield ctx.finding(
                UNKNOWN_TAG,
                f"the tag '{tag}' is not in tags.yml (the build warns)",
                at=_key_at(ctx, "tags", tag),
                field="tags",
            )


def _slug(ctx: LintContext) -> Iterator[Finding]:
    slug = ctx.front("slug")
    if slug is not None:
        text = str(slug)
        if not _SLUG_OK.match(text.strip("/")):
            fixed = re.sub(r"\s+", "-", text.strip())
            safe = _SLUG_OK.match(fixed.strip("/")) is not None
            yield ctx.finding(
                BAD_SLUG,
                f"the slug '{text}' has spaces or characters that do not belong in a URL",
                at=_key_at(ctx, "slug"),
                field="slug",
                fix=f"use '{fixed}'" if safe else None,
                action=_set_front("slug", fixed) if safe else None,
            )
    name = ctx.post_name
    if name is None or ctx.post_path is None:
        return
    if not _DATED.match(name) and ctx.front("date") is None:
        yield ctx.finding(
            FOLDER_DATE,
            f"the name '{name}' does not start with YYYY-MM-DD- and there is no date: key, "
            "so the post has no date",
            at=0,
        )
    own = folder_slug(name)
    if slug is not None and str(slug).strip("/") != own:
        yield ctx.finding(
            SLUG_FOLDER,
            f"the slug '{slug}' differs from the folder name '{name}' (the URL is /blog/{slug})",
            at=_key_at(ctx, "slug"),
            field="slug",
        )
    site = ctx.site
    if site is None:
        return
    mine = post_slug(name, str(slug) if slug is not None else None)
    here = ctx.post_path.resolve()
    for other, other_slug in sorted(site.slugs.items()):
        if other.resolve() == here or other_slug != mine:
            continue
        yield ctx.finding(
            SLUG_COLLISION,
            f"the post '{other.name}' has the same slug '{mine}': one of the two pages is lost",
            at=_key_at(ctx, "slug"),
            field="slug",
        )


def _set_front(key: str, value: str) -> Any:
    """Return a fix that sets a front matter value and writes it afresh (quoted if needed)."""

    def apply(post: Post) -> bool:
        if post.front_matter is None:
            return False
        for entry in post.front_matter.entries:
            if entry.key != key:
                continue
            if entry.value == value and entry.source is None:
                return False
            entry.value = value
            entry.source = None  # the source text is what YAML misread: never write it back
            return True
        return False

    return apply
