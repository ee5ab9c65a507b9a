"""The desktop entry and AppStream metainfo validate with the freedesktop tools."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
APP_ID = "io.github.roundup_editor.RoundupEditor"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: desktop-file-utils / appstream)")
    return path


def test_desktop_file_validates() -> None:
    result = subprocess.run(
        [_tool("desktop-file-validate"), str(PACKAGING / f"{APP_ID}.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


def test_metainfo_validates() -> None:
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(PACKAGING / f"{APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_file_names_the_icon_and_command() -> None:
    entries = dict(
        line.split("=", 1)
        for line in (PACKAGING / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines()
        if "=" in line
    )
    assert entries["Icon"] == APP_ID
    assert entries["Exec"].split()[0] == "roundup-editor"
    icons = Path(__file__).resolve().parents[2] / "resources" / "icons"
    assert (icons / "roundup-editor.svg").is_file()
    assert {path.name for path in icons.glob("roundup-editor-*.png")} >= {
        "roundup-editor-48.png",
        "roundup-editor-256.png",
    }
