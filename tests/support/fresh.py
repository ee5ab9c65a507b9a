"""Run a few lines of Python in a fresh interpreter (what a module imports shows only there)."""

from __future__ import annotations

import os
import subprocess
import sys


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
