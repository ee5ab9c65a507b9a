"""The PyInstaller one-folder app builds, starts offscreen and renders the sample post."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_frozen_app_renders_the_sample_post(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    from build import build  # type: ignore[import-not-found]

    executable = build(tmp_path / "dist", tmp_path / "work")
    assert executable.is_file()
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox --disable-gpu",
        ROUNDUP_EDITOR_HOME=str(tmp_path / "home"),
    )
    shot = tmp_path / "frozen.png"
    result = subprocess.run(
        [str(executable), "--screenshot", str(shot)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a real window with a rendered post, not a blank image
