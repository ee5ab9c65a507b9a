"""URL fields that refuse dangerous links quietly and write safe ones encoded.

A URL typed or pasted into a link field (slides, video, speaker and organisation pages, the
header link) goes through :func:`connect_url`:

* a ``javascript:``, ``data:``, ``file:`` (any scheme but http, https and mailto) link is not
  written to the post; the field gets a quiet marker (a red border and a tool tip saying why)
  until its text is acceptable again. Control characters and spaces hidden inside the scheme
  (a tab inside ``javascript:``) do not get past it;
* an accepted link is written percent-encoded where Markdown needs it (spaces, brackets,
  quotes, invisible characters), non-ASCII letters kept, and the cursor stays where it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit

from roundup_editor.formats.text import SAFE_SCHEMES, normalize_url

_HIDDEN = re.compile(r"[\x00-\x20\x7f\u00a0\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
REFUSED_PROPERTY = "refusedUrl"
_MARKED = "QLineEdit { border: 1px solid #c0392b; }"


def url_refusal(text: str) -> str | None:
    """Return why ``text`` may not be a link (its scheme), or None when it may."""
    match = _SCHEME.match(_HIDDEN.sub("", text))
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return f"Links with the {match.group(1).lower()}: scheme are not allowed; not saved"
    return None


def encode_url(text: str) -> str | None:
    """Return the URL to write for ``text`` (None when empty); trailing spaces are kept encoded.

    The text is being typed: a space at its end is the start of the next word, so it is
    encoded, not trimmed.
    """
    body = text.lstrip()
    if not body:
        return None
    return normalize_url(body + "x")[:-1] or None


def mark(edit: QLineEdit, problem: str | None) -> None:
    """Show (or clear) the quiet marker of a refused link."""
    refused = problem is not None
    if bool(edit.property(REFUSED_PROPERTY)) == refused and not refused:
        return
    edit.setProperty(REFUSED_PROPERTY, refused)
    edit.setToolTip(problem or "")
    edit.setAccessibleDescription(problem or "")
    edit.setStyleSheet(_MARKED if refused else "")


def connect_url(edit: QLineEdit, write: Callable[[str | None], object]) -> None:
    """Write what is typed into ``edit`` through ``write`` when it is a safe link."""

    def edited(text: str) -> None:
        problem = url_refusal(text)
        mark(edit, problem)
        if problem is not None:
            return
        cursor = edit.cursorPosition()
        value = encode_url(text)
        write(value)
        if value is not None and edit.text() == value and value != text:
            edit.setCursorPosition(min(len(value), len(encode_url(text[:cursor]) or "")))

    edit.textEdited.connect(edited)
