"""Find the app's bundled files (templates, styles, the sample post) without Qt.

In a source checkout they live in ``resources/`` beside the package; an installed wheel carries
them as ``roundup_editor/_resources`` (pyproject force-includes them); a PyInstaller bundle puts
them under ``sys._MEIPASS``.
"""

from __future__ import annotations

import shutil
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roundup_editor.core.document import PostDocument

_PACKAGE = Path(__file__).resolve().parent


@cache
def resources_root() -> Path:
    """Return the folder holding ``templates/``, ``sample/`` and the other bundled files."""
    candidates = [_PACKAGE / "_resources", _PACKAGE.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "roundup_editor" / "_resources")
    for candidate in candidates:
        if (candidate / "templates").is_dir():
            return candidate
    raise FileNotFoundError("the app's resources folder is missing; reinstall Roundup Editor")


def resource_path(*parts: str) -> Path:
    """Return the path of a bundled file, e.g. ``resource_path("templates", "page.html")``."""
    return resources_root().joinpath(*parts)


def read_resource(*parts: str) -> str:
    """Return the text of a bundled file."""
    return resource_path(*parts).read_text(encoding="utf-8")


def sample_post_folder() -> Path:
    """Return the bundled sample post's folder (opened when the app starts without a path)."""
    return resource_path("sample", "2025-06-14-lighthouse-cloud-day-roundup")


def sample_document() -> PostDocument:
    """Open a private copy of the bundled sample post (the bundle itself stays read-only)."""
    from roundup_editor.core.document import PostDocument
    from roundup_editor.paths import app_paths

    source = sample_post_folder()
    target = app_paths().drafts / source.name
    if not (target / "index.md").is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, target, dirs_exist_ok=True)
    return PostDocument.open(target)
