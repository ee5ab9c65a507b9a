"""Agenda importers: schedule files (pretalx, frab, Sessionize, CSV) or posts -> sessions.

Each format module has ``load(path) -> ImportedSchedule``; :func:`load_schedule` picks one by
the format name used on the command line.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from roundup_editor.importers.common import AgendaError, ImportedSchedule

#: Format names (as typed after ``roundup-editor import``) and the modules that read them.
FORMATS: dict[str, str] = {
    "pretalx": "roundup_editor.importers.pretalx",
    "frab": "roundup_editor.importers.pretalx",
    "frab-xml": "roundup_editor.importers.frab_xml",
    "sessionize": "roundup_editor.importers.sessionize",
    "csv": "roundup_editor.importers.csv_agenda",
    "post": "roundup_editor.importers.from_post",
}


def load_schedule(format_name: str, path: Path) -> ImportedSchedule:
    """Read ``path`` as a schedule in ``format_name`` (see :data:`FORMATS`)."""
    module_name = FORMATS.get(format_name.lower())
    if module_name is None:
        known = ", ".join(FORMATS)
        raise AgendaError(f"{format_name!r} is not an import format; use one of: {known}.")
    schedule: ImportedSchedule = importlib.import_module(module_name).load(path)
    return schedule


__all__ = ["FORMATS", "AgendaError", "ImportedSchedule", "load_schedule"]
