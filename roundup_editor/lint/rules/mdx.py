"""MDX safety: what makes a Docusaurus 2 (MDX 1) or 3 (MDX 3) build fail, or silently change text.

The list follows ``../shared/docusaurus/README.md``. Rules scan the text saving would write, with
code spans and fenced code blanked (nothing inside code needs escaping). Tag balance is checked
over the whole body, because an HTML element often spans several blocks (a grid of columns with
Markdown between them); the part before the truncate marker is compiled on its own, so an element
opened before the marker must close before it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from roundup_editor.core.post import TextBlock
from roundup_editor.lint.context import LintContext
from roundup_editor.lint.edit import text_edit_action
from roundup_editor.lint.finding import Finding, FixAction, Rule, Severity

UNCLOSED = Rule("mdx.unclosed-tag", "error", "an HTML element that is not closed, or closed late")
STRAY = Rule("mdx.stray-close", "error", "a closing tag that closes nothing open")
COMPONENT = Rule("mdx.component", "error", "a <Capitalized> tag (MDX reads it as a component)")
VOID = Rule("mdx.void-element", "error", "<br>, <hr>, <img> ... not self-closed")
UNQUOTED = Rule("mdx.unquoted-attribute", "error", "an HTML attribute value without quotes")
STYLE = Rule("mdx.style-attribute", "error", 'a style="..." string (MDX needs an object)')
LESS_THAN = Rule("mdx.less-than", "error", "'<' before a letter, digit, '/' or '=' in text")
AUTOLINK = Rule("mdx.autolink", "error", "a <https://...> or <name@host> autolink")
BRACE = Rule("mdx.brace", "error", "'{' in text (MDX reads an expression)")
COMMENT = Rule("mdx.comment", "error", "an HTML comment where MDX cannot take one")
IMPORT = Rule("mdx.import-export", "error", "a line starting with 'import' or 'export'")
DIRECTIVE = Rule("mdx.directive", "error", "':name[' or ':::name' (read as a directive)")
EMOJI = Rule("mdx.emoji", "warning", "':name:' becomes an emoji")
H1 = Rule("mdx.h1-heading", "warning", "a '#' heading in the body (Docusaurus 3 drops it)")
RULES = [
    UNCLOSED,
    STRAY,
    COMPONENT,
    VOID,
    UNQUOTED,
    STYLE,
    LESS_THAN,
    AUTOLINK,
    BRACE,
    COMMENT,
    IMPORT,
    DIRECTIVE,
    EMOJI,
    H1,
]

VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input"}
    | {"link", "meta", "param", "source", "track", "wbr"}
)
_ATTRIBUTE = r"""[^\s=/>"'{}]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{[^{}]*\}|[^\s"'=<>`{}]+))?"""
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9.:_-]*)((?:\s+" + _ATTRIBUTE + r")*)\s*(/?)>", re.S)
_ATTRIBUTE_PARTS = re.compile(
    r"""\s+([^\s=/>"'{}]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{[^{}]*\}|([^\s"'=<>`{}]+)))?"""
)
_STYLE_STRING = re.compile(r"""\bstyle\s*=\s*["']""")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_COMMENT_END = "-->"
_TRUNCATE = re.compile(r"<!--\s*truncate\s*-->")
_IMPORT = re.compile(r"^(?:import|export)\s", re.M)
_DIRECTIVE = re.compile(r"(?<![/:]):[A-Za-z][\w-]*[\[{]|^:{2,}[A-Za-z]", re.M)
# ``&#58;`` does not stop an emoji on Docusaurus 3 (built here: ``&#58;fire&#58;`` showed 🔥).
_EMOJI = re.compile(
    r"(?<![\w:/])(?::|&#58;)(?=[a-z0-9_+\-]*[a-z])[a-z0-9_+\-]+(?::|&#58;)(?![\w/])"
)
_URLISH = re.compile(r"\]\([^)\n]*\)|https?://[^\s<>)\]\"']+|<[^>\n]*>")
_H1 = re.compile(r"^# \S", re.M)


@dataclass
class _Open:
    name: str
    at: int


def check(ctx: LintContext) -> Iterator[Finding]:
    """Run the MDX rules over the body."""
    yield from _tags(ctx)
    yield from _patterns(ctx)


def _edit(
    ctx: LintContext, at: int, expected: str, replacement: str
) -> tuple[int | None, FixAction | None]:
    """Return (block index, fix action) for a text edit at absolute offset ``at``."""
    index = ctx.block_index_at(at)
    if index is None:
        return None, None
    block = ctx.post.blocks[index]
    if not isinstance(block, TextBlock):
        return index, None
    return index, text_edit_action(block.id, at - ctx.block_starts[index], expected, replacement)


def _report(
    ctx: LintContext,
    rule: Rule,
    message: str,
    at: int,
    fix: tuple[str, str, str] | None = None,
    severity: Severity | None = None,
) -> Finding:
    """Make a finding at ``at``; ``fix`` is (description, expected text, replacement)."""
    if fix is None:
        return ctx.finding(rule, message, at=at, block=ctx.block_index_at(at), severity=severity)
    index, action = _edit(ctx, at, fix[1], fix[2])
    return ctx.finding(
        rule,
        message,
        at=at,
        block=index,
        field="text",
        fix=fix[0] if action is not None else None,
        action=action,
        severity=severity,
    )


def _tags(ctx: LintContext) -> Iterator[Finding]:
    text = ctx.masked
    stack: list[_Open] = []
    position = text.find("<", ctx.body_start)
    while position >= 0:
        next_from = position + 1
        if text.startswith("<!--", position):
            end = text.find(_COMMENT_END, position + 4)
            if end < 0:
                yield _report(ctx, COMMENT, "an HTML comment is never closed with -->", position)
                break
            next_from = end + 3
            if _TRUNCATE.fullmatch(text, position, next_from):
                for element in stack:
                    yield _report(
                        ctx,
                        UNCLOSED,
                        f"<{element.name}> opened before the truncate marker closes after it; "
                        "the excerpt is compiled on its own and fails",
                        element.at,
                    )
            elif ctx.mdx:
                yield _report(
                    ctx, COMMENT, "HTML comments fail in .mdx files; use {/* */}", position
                )
            elif stack:
                yield _report(
                    ctx,
                    COMMENT,
                    f"an HTML comment inside <{stack[-1].name}> fails on Docusaurus 2",
                    position,
                )
        else:
            tag = _TAG.match(text, position)
            if tag is not None:
                next_from = tag.end()
                yield from _tag(ctx, tag, stack)
            else:
                yield from _bare_less_than(ctx, text, position)
        position = text.find("<", next_from)
    for element in stack:
        yield _report(ctx, UNCLOSED, f"<{element.name}> is never closed", element.at)


def _tag(ctx: LintContext, tag: re.Match[str], stack: list[_Open]) -> Iterator[Finding]:
    closing, name, attributes, self_closed = tag.group(1), tag.group(2), tag.group(3), tag.group(4)
    at = tag.start()
    if name[0].isupper():
        yield _report(
            ctx,
            COMPONENT,
            f"<{name}> starts with a capital letter: MDX renders it as a React component and fails",
            at,
            fix=("write '<' as &lt;", "<", "&lt;"),
        )
        return
    unquoted = (part for part in _ATTRIBUTE_PARTS.finditer(attributes) if part.group(2))
    for attribute in unquoted:
        yield _report(
            ctx, UNQUOTED, f"the {attribute.group(1)} attribute of <{name}> needs quotes", at
        )
    if _STYLE_STRING.search(attributes):
        yield _report(
            ctx, STYLE, f'<{name} style="...">: a style string fails in MDX; use a class', at
        )
    lower = name.lower()
    if closing:
        yield from _close(ctx, name, at, stack)
    elif lower in VOID_ELEMENTS:
        if not self_closed:
            yield _report(
                ctx,
                VOID,
                f"<{name}> must be self-closed (<{name} />) for MDX",
                at,
                fix=(
                    f"write <{name} ... />",
                    tag.group(0),
                    tag.group(0)[:-1].rstrip() + (" />" if attributes.strip() else "/>"),
                ),
            )
    elif not self_closed:
        stack.append(_Open(name, at))


def _close(ctx: LintContext, name: str, at: int, stack: list[_Open]) -> Iterator[Finding]:
    names = [element.name for element in stack]
    if names and names[-1] == name:
        stack.pop()
        return
    if name in names:
        while stack and stack[-1].name != name:
            element = stack.pop()
            yield _report(
                ctx,
                UNCLOSED,
                f"<{element.name}> is not closed before </{name}>",
                element.at,
            )
        stack.pop()
        return
    yield _report(ctx, STRAY, f"</{name}> closes no open <{name}>", at)


def _bare_less_than(ctx: LintContext, text: str, position: int) -> Iterator[Finding]:
    following = text[position + 1 : position + 2]
    autolink = _AUTOLINK.match(text, position)
    if autolink is not None and "\n" not in autolink.group(0):
        yield _report(
            ctx,
            AUTOLINK,
            f"{autolink.group(0)} is an autolink, which MDX cannot read; write the URL plainly or "
            "as [text](url)",
            position,
            fix=("remove the angle brackets", autolink.group(0), autolink.group(0)[1:-1]),
        )
        return
    if following and (following.isalnum() or following in "/=!"):
        yield _report(
            ctx,
            LESS_THAN,
            f"'<{following}' reads as the start of a tag in MDX; write &lt;",
            position,
            fix=("write '<' as &lt;", "<", "&lt;"),
        )


def _patterns(ctx: LintContext) -> Iterator[Finding]:
    body = ctx.masked
    start = ctx.body_start
    tags = [(match.start(), match.end()) for match in _TAG.finditer(body, start)]
    in_tag = _spans(tags)
    for found in re.finditer(r"\{", body[start:]):
        at = start + found.start()
        if in_tag(at):
            continue
        if ctx.mdx and body.startswith("{/*", at):
            continue  # an MDX comment, which .mdx files use on purpose
        yield _report(
            ctx,
            BRACE,
            "'{' starts a JavaScript expression in MDX; write &#123;",
            at,
            fix=("write '{' as &#123;", "{", "&#123;"),
            severity="warning" if ctx.mdx else None,  # .mdx files may mean it
        )
    for found in _IMPORT.finditer(body, start):
        word = found.group(0).strip()
        entity = "&#105;" if word == "import" else "&#101;"
        yield _report(
            ctx,
            IMPORT,
            f"a line starting with '{word}' is read as an ES module statement by MDX",
            found.start(),
            fix=(f"write the first letter as {entity}", word[0], entity),
        )
    plain = _URLISH.sub(lambda match: " " * len(match.group(0)), body[start:])
    for found in _DIRECTIVE.finditer(plain):
        yield _report(
            ctx,
            DIRECTIVE,
            f"'{found.group(0)}' is read as a directive; write the colon as &#58;",
            start + found.start(),
            fix=("write ':' as &#58;", ":", "&#58;"),
        )
    for found in _EMOJI.finditer(plain):
        yield _report(
            ctx,
            EMOJI,
            f"'{found.group(0)}' becomes an emoji; put it in `code` if it is meant literally",
            start + found.start(),
        )
    for found in _H1.finditer(body, start):
        yield _report(
            ctx,
            H1,
            "a '#' (H1) heading in the body is dropped by Docusaurus 3; use '##'",
            found.start(),
            fix=("make it a '##' heading", "# ", "## "),
        )


def _spans(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    starts = [span[0] for span in spans]

    def inside(at: int) -> bool:
        index = bisect.bisect_right(starts, at) - 1
        return index >= 0 and spans[index][0] <= at < spans[index][1]

    return inside
