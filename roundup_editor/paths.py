"""Where the app keeps its files: settings, data (drafts, directory), state (journals), cache.

Worked out once, here. ``ROUNDUP_EDITOR_HOME`` (or ``--data-dir`` in the GUI) puts every folder
under one directory, which the tests use to stay out of the real user folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "roundup-editor"
APP_AUTHOR = "roundup-editor"


@dataclass(frozen=True)
class AppPaths:
    """The app's folders. Created on first use by the code that writes into them."""

    config: Path
    data: Path
    state: Path
    cache: Path

    @property
    def settings_file(self) -> Path:
        """The settings TOML file."""
        return self.config / "settings.toml"

    @property
    def drafts(self) -> Path:
        """Posts that are not in a blog repository yet."""
        return self.data / "drafts"

    @property
    def directory_file(self) -> Path:
        """The speaker and sponsor directory."""
        return self.data / "directory.json"

    @property
    def journals(self) -> Path:
        """Journals of unsaved edits, for crash recovery."""
        return self.state / "journals"


def app_paths(home: str | os.PathLike[str] | None = None) -> AppPaths:
    """Return the app's folders.

    They live under ``home`` (or ``$ROUNDUP_EDITOR_HOME``) when given, else in the platform's
    standard user folders.
    """
    base = home if home is not None else os.environ.get("ROUNDUP_EDITOR_HOME")
    if base:
        root = Path(base)
        return AppPaths(root / "config", root / "data", root / "state", root / "cache")
    return AppPaths(
        Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        Path(platformdirs.user_state_dir(APP_NAME, APP_AUTHOR)),
        Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)),
    )
