"""What an import remembers in the post itself, so a later import can tell hand edits apart.

The post folder is the document (no sidecar file), so the record lives in one front matter key,
``roundup_import``: the source format and, per imported session, a short fingerprint of each
field value as it was imported. A field whose current value still has the recorded fingerprint
was not edited by hand and may be updated by a newer export; any other value is the user's.
Docusaurus accepts unknown front matter keys silently.

```
roundup_import: {"source": "pretalx", "sessions": {"QX7K9A": "1f2e3d4c 9a8b7c6d ..."}}
```
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from roundup_editor.core.post import Post, Session, Speaker
from roundup_editor.core.summary import is_placeholder_abstract
from roundup_editor.importers.common import ImportedSession

RECORD_KEY = "roundup_import"
#: The session fields an import sets, in the order their fingerprints are stored.
TRACKED = ("title", "speakers", "abstract", "slides_url", "video_url")


def fingerprint(value: Any) -> str:
    """Return an 8-hex-digit fingerprint of a field value (speakers compared field by field)."""
    if isinstance(value, list):
        value = [asdict(item) if isinstance(item, Speaker) else item for item in value]
    if value == "" or value == []:
        value = None
    data = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:8]


#: What a new session without an abstract says (the reference post's own wording). A session
#: heading needs a body to read back as a session; the summary counts this as no abstract.
ABSTRACT_PLACEHOLDER = "The abstract for this session is currently unavailable."


def field_value(item: Session | ImportedSession, name: str) -> Any:
    """Return the value of a tracked field (the abstract placeholder counts as no abstract)."""
    value = getattr(item, name)
    if name == "abstract" and is_placeholder_abstract(value):
        return ""
    return value


def stored_value(item: ImportedSession, name: str) -> Any:
    """Return the value a session gets for an imported field (the placeholder for no abstract)."""
    value = getattr(item, name)
    if name == "abstract" and not value:
        return ABSTRACT_PLACEHOLDER
    return value


def fingerprints(item: Session | ImportedSession) -> dict[str, str]:
    """Return the fingerprints of every tracked field of ``item``."""
    return {name: fingerprint(field_value(item, name)) for name in TRACKED}


def session_key(item: ImportedSession) -> str:
    """Return the key an imported session is recorded under: its source id, else its title."""
    return item.source_id if item.source_id else "title:" + item.title.casefold()


def encode_record(source: str, sessions: dict[str, dict[str, str]]) -> dict[str, Any]:
    """Return the front matter value that records ``sessions`` (key -> field fingerprints)."""
    return {
        "source": source,
        "sessions": {
            key: " ".join(prints.get(name, "") or "-" for name in TRACKED)
            for key, prints in sessions.items()
        },
    }


def read_record(post: Post, source: str) -> dict[str, dict[str, str]]:
    """Return the recorded fingerprints of ``post`` for ``source`` (empty when there are none)."""
    if post.front_matter is None:
        return {}
    value = post.front_matter.get(RECORD_KEY)
    if not isinstance(value, dict) or value.get("source") != source:
        return {}
    sessions = value.get("sessions")
    if not isinstance(sessions, dict):
        return {}
    found: dict[str, dict[str, str]] = {}
    for key, text in sessions.items():
        parts = str(text).split()
        if len(parts) == len(TRACKED):
            found[str(key)] = dict(zip(TRACKED, parts, strict=True))
    return found
