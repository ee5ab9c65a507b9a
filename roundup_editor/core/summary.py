"""The post summary that ``roundup-editor inspect`` prints, in the shape of ``expected.json``."""

from __future__ import annotations

import re
from typing import Any

from roundup_editor.core.post import Button, HeaderImage, Post, Session, Sponsors, Truncate

#: Abstracts that only say there is no abstract.
PLACEHOLDER_ABSTRACT = re.compile(
    r"^\s*(the\s+)?(session\s+)?abstract\s+for\s+this\s+(talk|session)\s+is\s+currently\s+"
    r"unavailable\.?\s*$",
    re.IGNORECASE,
)


def is_placeholder_abstract(text: str) -> bool:
    """Tell whether an abstract is only a "currently unavailable" placeholder."""
    return bool(PLACEHOLDER_ABSTRACT.match(text))


def abstract_present(session: Session) -> bool:
    """Tell whether the session has descriptive text of its own (not a placeholder)."""
    return bool(session.abstract.strip()) and not is_placeholder_abstract(session.abstract)


def summarize(post: Post) -> dict[str, Any]:
    """Return the summary of ``post``: front matter, header, buttons, sponsors, sessions."""
    header = next((block for block in post.blocks if isinstance(block, HeaderImage)), None)
    sponsors: list[dict[str, Any]] = []
    seen: set[str] = set()
    for block in post.blocks:
        if isinstance(block, Sponsors):
            for sponsor in block.sponsors:
                if sponsor.name not in seen:
                    seen.add(sponsor.name)
                    sponsors.append({"name": sponsor.name, "url": sponsor.url})
    return {
        "front_matter": post.front_matter.as_dict() if post.front_matter else {},
        "header_image": (
            None
            if header is None
            else {"src": header.src, "title": header.title, "link": header.link}
        ),
        "truncate": any(isinstance(block, Truncate) for block in post.blocks),
        "buttons": [
            {"label": block.label, "href": block.href}
            for block in post.blocks
            if isinstance(block, Button)
        ],
        "sponsors": sponsors,
        "sessions": [summarize_session(session) for session in post.sessions()],
    }


def summarize_session(session: Session) -> dict[str, Any]:
    """Return one session's summary record."""
    return {
        "title": session.title,
        "speakers": [
            {
                "name": speaker.name,
                "url": speaker.url,
                "org": speaker.org,
                "org_url": speaker.org_url,
                "role": speaker.role,
            }
            for speaker in session.speakers
        ],
        "abstract_present": abstract_present(session),
        "slides_url": session.slides_url,
        "video_url": session.video_url,
        "thumbnails": [thumbnail.file for thumbnail in session.thumbnails],
        "time": session.time,
    }
