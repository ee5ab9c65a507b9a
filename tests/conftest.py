"""Shared fixtures: the corpus location and an isolated user folder for every test."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))

from support.posts import CORPUS  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")


@pytest.fixture
def corpus() -> Path:
    """The shared corpus folder; skips the test when ../shared is not beside the project."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point every user folder (settings, data, journals) at a fresh temporary folder."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("ROUNDUP_EDITOR_HOME", str(base))
    return base
