"""Reading schedule files defensively: size, encoding and syntax errors as one clear sentence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from roundup_editor.importers.common import AgendaError

MAX_AGENDA_BYTES = 20 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    """Return the file's bytes; raise AgendaError when it is missing, unreadable or too large."""
    try:
        size = path.stat().st_size
        if size > MAX_AGENDA_BYTES:
            raise AgendaError(
                f"{path.name} is {size // (1024 * 1024)} MB; schedules over 20 MB are not read."
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise AgendaError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise AgendaError(f"{path} is a folder, not a schedule file.") from None
    except OSError as error:
        raise AgendaError(f"{path} cannot be read: {error.strerror}.") from None


def read_text(path: Path) -> str:
    """Return the file as text (UTF-8, a byte-order mark allowed)."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AgendaError(
            f"{path.name} is not UTF-8 text (byte {error.start + 1} cannot be read)."
        ) from None


def read_json(path: Path) -> Any:
    """Return the decoded JSON of the file."""
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise AgendaError(
            f"{path.name} is not valid JSON "
            f"(line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
