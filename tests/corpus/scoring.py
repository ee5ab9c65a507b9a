"""Score what the reader recognises in a corpus post against its ``expected.json``."""

from __future__ import annotations

from typing import Any

SESSION_FIELDS = ("title", "speakers", "slides_url", "video_url", "thumbnails")


def session_field_scores(
    expected: list[dict[str, Any]], actual: list[dict[str, Any]]
) -> tuple[int, int]:
    """Return (matching fields, total fields) over the expected sessions, compared in order.

    Sessions are paired by title when possible, else by position. The speaker field counts as
    right only when every speaker's name, URL, organisation and organisation URL match.
    """
    by_title = {session["title"]: session for session in actual}
    right = 0
    total = 0
    for index, want in enumerate(expected):
        got = by_title.get(want["title"])
        if got is None and index < len(actual):
            got = actual[index]
        for field in SESSION_FIELDS:
            total += 1
            if got is None:
                continue
            if field == "speakers":
                keys = ("name", "url", "org", "org_url")
                if [[s[k] for k in keys] for s in want["speakers"]] == [
                    [s[k] for k in keys] for s in got["speakers"]
                ]:
                    right += 1
            elif want[field] == got[field]:
                right += 1
    return right, total


def mismatches(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Return readable lines for every difference outside the sessions' per-field score."""
    out = []
    for key in ("front_matter", "header_image", "truncate", "buttons", "sponsors"):
        if expected[key] != actual[key]:
            out.append(f"{key}: expected {expected[key]!r}, got {actual[key]!r}")
    if len(expected["sessions"]) != len(actual["sessions"]):
        out.append(f"sessions: expected {len(expected['sessions'])}, got {len(actual['sessions'])}")
    return out
