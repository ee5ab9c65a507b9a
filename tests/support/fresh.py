"""Run a few lines of Python in a fresh interpreter (what a module imports shows only there)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def python_output(code: str, timeout: float = 120, env: dict[str, str] | None = None) -> str:
    """Run ``code`` with this interpreter; assert it succeeds and return what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env if env is not None else dict(os.environ),
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def run_start_up(
    arguments: list[str], preview: str, home: Path
) -> subprocess.CompletedProcess[str]:
    """Run ``python ARGUMENTS --quit-when-ready`` the way the window starts in these tests.

    Offscreen, with ``home`` as the app's user folder and the preview ``preview`` ("webengine",
    skipped where WebEngine is not installed, or "fallback"); returns the finished process.
    """
    import pytest

    if preview == "webengine":
        pytest.importorskip("PySide6.QtWebEngineWidgets")
    flags = ["--no-webengine"] if preview == "fallback" else []
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ROUNDUP_EDITOR_HOME=str(home),
        QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox --disable-gpu",
    )
    return subprocess.run(
        [sys.executable, *arguments, "--quit-when-ready", *flags],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
