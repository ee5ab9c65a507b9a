"""Speaker lists in session headings: the reference grammar, read and written.

The reference dialect writes ``Title, Speaker, Org``; this module handles the part after the title:

* a group is ``names`` or ``names, org`` or ``names, Role at org``; several speakers sharing an
  organisation are joined with `` & `` (``Ann & Bob, Org``) and groups with ``; ``;
* a name or organisation is ``[text](url)`` or plain text; a role without an organisation is
  written ``Name (Role)``.

Fresh text escapes whatever would be read as grammar (every ``,`` ``;`` ``(`` ``)`` as an entity,
``&`` as ``&amp;`` and a free-standing ``at`` as ``a&#116;``), so every speaker list reads back
exactly (``tests/formats/test_properties.py``).

Known overlap: dialect B (``headed_thumbs``) reads ``Name (X)`` as an organisation, the reference
grammar as a role; a fresh reference session whose speaker has a role but no organisation, and
which has a video thumbnail, is read by dialect B first.
"""

from __future__ import annotations

from roundup_editor.core.post import Speaker
from roundup_editor.formats.dialects.inline import parse_link_or_text, split_top_level
from roundup_editor.formats.patterns import lazy_pattern
from roundup_editor.formats.text import escape_text, normalize_url

_ROLE_SUFFIX = lazy_pattern(r"^(.*) \(((?:[^()])+)\)$")


# Entities written by escape_text pass through whole; the grammar's own tokens are escaped:
# every ``,`` ``;`` ``(`` ``)`` and a free-standing ``at`` (``Role at Org``).
_GRAMMAR_TOKEN = lazy_pattern(
    r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);|[,;()]|(?:(?<= )|^)at(?= |$)"
)
_GRAMMAR_ESCAPES = {",": "&#44;", ";": "&#59;", "(": "&#40;", ")": "&#41;", "at": "a&#116;"}


_MONTH_DAY = lazy_pattern(
    r"^((?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+)(\d)"
)


def escape_name(text: str) -> str:
    """Escape a speaker name, organisation or title so the heading grammar cannot split it.

    A name that starts like a date ("September 18th") gets its first digit as an entity, so the
    reference dialect does not take the heading for a dated section heading.
    """
    escaped = _GRAMMAR_TOKEN.sub(
        lambda match: _GRAMMAR_ESCAPES.get(match.group(0), match.group(0)), escape_text(text)
    )
    return _MONTH_DAY.sub(lambda match: f"{match.group(1)}&#{ord(match.group(2))};", escaped)


def parse_speaker_list(text: str) -> list[Speaker] | None:
    """Read the speaker part of a reference heading; None when it does not fit the grammar."""
    speakers: list[Speaker] = []
    for group_start, group_end in split_top_level(text, "; "):
        group = text[group_start:group_end]
        parts = [group[start:end] for start, end in split_top_level(group, ", ")]
        if not parts or not all(part.strip() for part in parts):
            return None
        org_part = parts[-1] if len(parts) >= 2 else None
        name_parts = parts[:-1] if len(parts) >= 2 else parts
        names: list[str] = []
        for part in name_parts:
            names.extend(part[start:end] for start, end in split_top_level(part, " & "))
        org = org_url = role = None
        if org_part is not None:
            at = split_top_level(org_part, " at ")
            if len(at) > 1:
                role_text = org_part[: at[-2][1]]
                role = parse_link_or_text(role_text).text
                org_part = org_part[at[-1][0] :]
            org_link = parse_link_or_text(org_part)
            org, org_url = org_link.text, org_link.url
        for name_text in names:
            if not name_text.strip():
                return None
            own_role = role
            suffix = _ROLE_SUFFIX.match(name_text)
            if suffix and org is None:
                name_text, own_role = suffix.group(1), parse_link_or_text(suffix.group(2)).text
            name = parse_link_or_text(name_text)
            if "[" in name.text and name.url is None and "](" in name_text:
                return None
            speakers.append(Speaker(name.text, name.url, org, org_url, own_role))
    return speakers


def render_speaker_list(speakers: list[Speaker]) -> str:
    """Write speakers in the reference grammar (see the module docstring)."""
    groups: list[list[Speaker]] = []
    for speaker in speakers:
        if (
            groups
            and speaker.org is not None
            and (groups[-1][-1].org, groups[-1][-1].org_url, groups[-1][-1].role)
            == (speaker.org, speaker.org_url, speaker.role)
        ) or (groups and speaker.org is None and groups[-1][-1].org is None):
            groups[-1].append(speaker)
        else:
            groups.append([speaker])
    rendered = []
    for group in groups:
        names = " & ".join(_render_name(speaker) for speaker in group)
        first = group[0]
        if first.org is not None:
            org = (
                f"[{escape_name(first.org)}]({normalize_url(first.org_url)})"
                if first.org_url
                else escape_name(first.org)
            )
            role = f"{escape_name(first.role)} at " if first.role else ""
            rendered.append(f"{names}, {role}{org}")
        else:
            rendered.append(names)
    return "; ".join(rendered)


def _render_name(speaker: Speaker) -> str:
    name = (
        f"[{escape_name(speaker.name)}]({normalize_url(speaker.url)})"
        if speaker.url
        else escape_name(speaker.name)
    )
    if speaker.role and speaker.org is None:
        name += f" ({escape_name(speaker.role)})"
    return name


__all__ = ["escape_name", "parse_speaker_list", "render_speaker_list"]
