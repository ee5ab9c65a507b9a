"""User settings: declared once, kept in a TOML file under the config folder.

``Settings.load()`` never fails on a damaged file: unknown keys are ignored, values of the wrong
type fall back to their defaults, and a file that is not TOML gives the defaults (the GUI shows
one line about it). ``save()`` writes atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from roundup_editor.paths import app_paths

MAX_RECENT = 10
SCHEMA_VERSION = 1


@dataclass
class Settings:
    """What the user can set, with defaults.

    Attributes:
        default_authors: author keys put in the front matter of a new post.
        blog_repository: the Docusaurus site folder posts are exported to.
        thumbnail_width: width in pixels slide thumbnails are resized to.
        recent: recently opened post folders, newest first.
        problem: why the file could not be read, when it could not (not saved).
    """

    default_authors: list[str] = field(default_factory=list)
    blog_repository: str = ""
    thumbnail_width: int = 600
    recent: list[str] = field(default_factory=list)
    problem: str = field(default="", compare=False)

    @classmethod
    def file(cls) -> Path:
        """Return the settings file's path (``ROUNDUP_EDITOR_HOME`` moves it)."""
        return app_paths().settings_file

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """Read the settings file; missing or damaged values take their defaults."""
        path = path or cls.file()
        settings = cls()
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:  # a first run: no parser needed
            return settings
        except (OSError, UnicodeDecodeError) as error:
            settings.problem = f"{path} could not be read ({error}); using default settings"
            return settings
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            settings.problem = f"{path} could not be read ({error}); using default settings"
            return settings
        defaults = cls()
        for item in fields(cls):
            if item.name == "problem" or item.name not in data:
                continue
            value = data[item.name]
            default = getattr(defaults, item.name)
            if isinstance(default, list):
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    setattr(settings, item.name, list(value))
            elif isinstance(default, bool) or isinstance(value, bool):
                continue
            elif isinstance(default, int):
                if isinstance(value, int) and 16 <= value <= 4096:
                    setattr(settings, item.name, value)
            elif isinstance(value, type(default)):
                setattr(settings, item.name, value)
        return settings

    def save(self, path: Path | None = None) -> Path:
        """Write the settings file atomically; return its path."""
        from roundup_editor.formats.writer import atomic_write

        path = path or self.file()
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"schema = {SCHEMA_VERSION}"]
        for item in fields(self):
            if item.name != "problem":
                lines.append(f"{item.name} = {_toml_value(getattr(self, item.name))}")
        atomic_write(path, ("\n".join(lines) + "\n").encode("utf-8"))
        return path

    def add_recent(self, folder: Path | str) -> None:
        """Put ``folder`` first in the recent list (no duplicates, at most ten)."""
        name = str(Path(folder).resolve())
        self.recent = [name, *(item for item in self.recent if item != name)][:MAX_RECENT]


def _toml_value(value: Any) -> str:
    """Return a TOML literal for a str, int, bool or list of those."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    import json  # (writing only: json need not load with the settings)

    # A JSON string is a valid TOML basic string for every character JSON escapes.
    return json.dumps(str(value), ensure_ascii=False)
