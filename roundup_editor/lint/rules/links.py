"""Link rules: tracking parameters, http, malformed URLs, odd LinkedIn forms, mixed encodings."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from roundup_editor.core.post import TextBlock
from roundup_editor.formats.text import url_problem
from roundup_editor.lint.context import LintContext
from roundup_editor.lint.edit import field_holding, replace_action
from roundup_editor.lint.finding import Finding, FixAction, Rule

TRACKING = Rule("links.tracking", "warning", "tracking parameters (utm_*, trk, si, ...) in a URL")
HTTP = Rule("links.http", "warning", "http: where https: is usual")
MALFORMED = Rule("links.malformed", "error", "a malformed URL")
LINKEDIN = Rule("links.linkedin", "warning", "a LinkedIn profile URL in an odd form")
ENCODING = Rule("links.encoding", "warning", "the same URL written encoded and raw")
RULES = [TRACKING, HTTP, MALFORMED, LINKEDIN, ENCODING]

TRACKING_PARAMETERS = re.compile(
    r"^(?:utm_\w+|trk|trkInfo|si|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_hsenc|_hsmi"
    r"|ref_src|lipi|trackingId|originalSubdomain|mkt_tok|yclid|twclid)$",
    re.I,
)
#: Hosts known to serve https, where rewriting http: to https: is safe.
HTTPS_HOSTS = (
    "linkedin.com",
    "github.com",
    "gitlab.com",
    "youtube.com",
    "youtu.be",
    "slideshare.net",
    "twitter.com",
    "x.com",
    "facebook.com",
    "instagram.com",
    "google.com",
    "forms.gle",
    "medium.com",
    "apache.org",
    "wikipedia.org",
    "meetup.com",
    "vimeo.com",
    "speakerdeck.com",
    "eventbrite.com",
    "docs.google.com",
    "bit.ly",
    "mastodon.social",
    "reddit.com",
)
_LOCAL_HOST = re.compile(r"^(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]|.*\.(?:local|test|internal))$")
_MARKDOWN_TARGET = re.compile(r"\]\(\s*<?([^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)>?")
_ATTRIBUTE = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.I)
_BARE = re.compile(r"""(?<![\w("'=/])(?:https?://|www\.)[^\s<>()\[\]"'`]+""", re.I)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_SCHEME_TYPO = re.compile(
    r"^(?:h+t+p+s?|htps?|hhtps?|htttps?|http[;.]|https[;.]|ttps?)(?::?/{1,3}|:)(?=\w)", re.I
)


@dataclass
class Link:
    """A URL in the post: its source text, its value (entities decoded), where it is."""

    raw: str
    url: str
    at: int
    block: int | None


def collect_links(ctx: LintContext) -> list[Link]:
    """Return every URL of the body: Markdown link targets, href/src attributes, bare URLs."""
    body = ctx.masked
    start = ctx.body_start
    links: list[Link] = []
    taken: list[tuple[int, int]] = []
    for pattern, decode in ((_MARKDOWN_TARGET, False), (_ATTRIBUTE, True)):
        for match in pattern.finditer(body, start):
            raw = match.group(1)
            if (
                not raw
                and pattern is _MARKDOWN_TARGET
                and body[match.start() - 1 : match.start()] == "]"
            ):
                continue
            taken.append((match.start(1), match.end(1)))
            url = html.unescape(raw) if decode else raw
            links.append(Link(raw, url, match.start(1), ctx.block_index_at(match.start(1))))
    for match in _BARE.finditer(body, start):
        if any(begin <= match.start() < end for begin, end in taken):
            continue
        raw = match.group(0).rstrip(".,;:!?*_")
        links.append(
            Link(raw, html.unescape(raw), match.start(), ctx.block_index_at(match.start()))
        )
    links.sort(key=lambda link: link.at)
    return links


def check(ctx: LintContext) -> Iterator[Finding]:
    """Run the link rules."""
    links = collect_links(ctx)
    for link in links:
        yield from _malformed(ctx, link)
        yield from _tracking(ctx, link)
        yield from _http(ctx, link)
        yield from _linkedin(ctx, link)
    yield from _encodings(ctx, links)


def _fix(ctx: LintContext, link: Link, new_url: str) -> FixAction | None:
    """Return the action that writes ``new_url`` in place of ``link``."""
    if link.block is None:
        return None
    block = ctx.post.blocks[link.block]
    if isinstance(block, TextBlock):
        new_raw = new_url.replace("&", "&amp;") if "&amp;" in link.raw else new_url
        return replace_action(block.id, link.raw, new_raw)
    return replace_action(block.id, link.url, new_url)


def _report(
    ctx: LintContext,
    rule: Rule,
    link: Link,
    message: str,
    new_url: str | None = None,
    fix: str = "",
) -> Finding:
    action = _fix(ctx, link, new_url) if new_url is not None and new_url != link.url else None
    field = None
    if link.block is not None:
        occurrence = ctx.text.count(link.raw, ctx.locate(link.block), link.at)
        field = field_holding(ctx.post, link.block, link.url, occurrence)
    return ctx.finding(
        rule, message, at=link.at, block=link.block, field=field, fix=fix or None, action=action
    )


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _malformed(ctx: LintContext, link: Link) -> Iterator[Finding]:
    url = link.url.strip()
    problem: str | None = None
    in_text = link.block is not None and isinstance(ctx.post.blocks[link.block], TextBlock)
    if not url:
        problem = "an empty link target"
    elif in_text and _INVISIBLE.search(url):
        problem = f"'{url}' contains an invisible character (zero-width or bidi control)"
    elif _SCHEME_TYPO.match(url) and not re.match(r"^https?://", url, re.I):
        problem = f"'{url}' has a misspelt or incomplete http(s):// prefix"
    elif re.match(r"^www\.", url, re.I):
        problem = f"'{url}' has no https:// in front, so it links to a page of this site"
    elif re.match(r"^https?://", url, re.I):
        host = _host(url)
        if re.match(r"^https?://(?:https?:|www\.https?)", url, re.I):
            problem = f"'{url}' repeats the scheme"
        elif not host or ("." not in host and host != "localhost"):
            problem = f"'{url}' has no valid host name"
        elif re.search(r"\s", url):
            problem = f"'{url}' contains spaces"
    else:
        problem = url_problem(url)
    if problem is not None:
        yield _report(ctx, MALFORMED, link, f"malformed URL: {problem}")


def _split_query(url: str) -> tuple[str, list[str], str]:
    base, _, rest = url.partition("?")
    query, hash_mark, fragment = rest.partition("#")
    return base, [part for part in query.split("&") if part], hash_mark + fragment


def _tracking(ctx: LintContext, link: Link) -> Iterator[Finding]:
    if "?" not in link.url or not re.match(r"^https?://", link.url, re.I):
        return
    base, parts, fragment = _split_query(link.url)
    kept = [part for part in parts if not TRACKING_PARAMETERS.match(part.split("=", 1)[0])]
    if len(kept) == len(parts):
        return
    removed = sorted({part.split("=", 1)[0] for part in parts if part not in kept})
    new_url = base + ("?" + "&".join(kept) if kept else "") + fragment
    yield _report(
        ctx,
        TRACKING,
        link,
        f"tracking parameter{'s' if len(removed) > 1 else ''} {', '.join(removed)} in {link.url}",
        new_url,
        fix=f"remove {', '.join(removed)}",
    )


def _http(ctx: LintContext, link: Link) -> Iterator[Finding]:
    if not link.url.lower().startswith("http://"):
        return
    host = _host(link.url)
    if not host or _LOCAL_HOST.match(host):
        return
    known = any(host == name or host.endswith("." + name) for name in HTTPS_HOSTS)
    new_url = "https://" + link.url[len("http://") :] if known else None
    yield _report(
        ctx,
        HTTP,
        link,
        f"http: link to {host}"
        + ("; the site serves https:" if known else "; use https: if the site serves it"),
        new_url,
        fix="use https:" if known else "",
    )


_LINKEDIN_PROFILE = re.compile(r"^/(?:mwlite/)?in/([^/?#]+)(/[^?#]*)?$")


def _linkedin(ctx: LintContext, link: Link) -> Iterator[Finding]:
    host = _host(link.url)
    if not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        return
    path = urlsplit(link.url).path
    if not re.match(r"^/(?:mwlite/)?(?:in|pub|profile)/", path):
        return
    odd: list[str] = []
    if host != "www.linkedin.com":
        odd.append(f"the host is {host}")
    profile = _LINKEDIN_PROFILE.match(path)
    handle = profile.group(1) if profile else None
    extra = profile is not None and (
        path.startswith("/mwlite/") or (profile.group(2) or "/") != "/"
    )
    if profile is None:
        odd.append("it is not a /in/<name> profile address")
    elif extra:
        odd.append(f"it has extra parts after /in/{handle}")
    if not odd:
        return
    canonical: str | None = None
    if handle is not None and extra:
        canonical = f"https://www.linkedin.com/in/{handle}/"
    elif handle is not None:
        query = urlsplit(link.url).query
        canonical = f"https://www.linkedin.com{path}" + (f"?{query}" if query else "")
    yield _report(
        ctx,
        LINKEDIN,
        link,
        f"odd LinkedIn profile URL {link.url}: {'; '.join(odd)}",
        canonical,
        fix=f"write {canonical}" if canonical else "",
    )


def _encodings(ctx: LintContext, links: list[Link]) -> Iterator[Finding]:
    first: dict[str, str] = {}
    for link in links:
        try:
            key = unquote(link.url, errors="strict")
        except UnicodeDecodeError:
            continue
        known = first.setdefault(key, link.url)
        if known == link.url:
            continue
        yield _report(
            ctx,
            ENCODING,
            link,
            f"{link.url} is the same address as {known}, written with a different encoding",
            known,
            fix=f"write it as {known}",
        )
