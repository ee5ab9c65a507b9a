"""``uv build`` gives a wheel and an sdist that install and start in a fresh virtual environment."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support.posts import invented_post_text

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _uv() -> str:
    path = shutil.which("uv")
    if path is None:
        pytest.skip("uv is not installed")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [_uv(), "build", "--out-dir", str(out), str(ROOT)], check=True, capture_output=True
    )
    return out


def _install(artifact: Path, venv: Path) -> Path:
    uv = _uv()
    subprocess.run([uv, "venv", "--quiet", str(venv)], check=True)
    subprocess.run(
        [uv, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), str(artifact)],
        check=True,
    )
    return venv / "bin" / "roundup-editor"


def _check_installed(command: Path, work: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(QT_QPA_PLATFORM="offscreen", ROUNDUP_EDITOR_HOME=str(work / "home"))
    version = subprocess.run(
        [str(command), "--version"], capture_output=True, text=True, check=True, env=env, cwd=work
    )
    assert "roundup-editor" in version.stdout
    post = work / "post"
    post.mkdir()
    (post / "index.md").write_text(invented_post_text(2), encoding="utf-8")
    summary = subprocess.run(
        [str(command), "inspect", str(post)], capture_output=True, check=True, env=env, cwd=work
    )
    assert len(json.loads(summary.stdout)["sessions"]) == 2
    shot = work / "shot.png"
    env["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox --disable-gpu"
    subprocess.run(
        [str(command), "--screenshot", str(shot)], check=True, env=env, cwd=work, timeout=180
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_wheel_installs_and_starts(built: Path, tmp_path: Path) -> None:
    wheel = next(built.glob("roundup_editor-*.whl"))
    _check_installed(_install(wheel, tmp_path / "venv"), tmp_path)


def test_sdist_installs_and_starts(built: Path, tmp_path: Path) -> None:
    sdist = next(built.glob("roundup_editor-*.tar.gz"))
    _check_installed(_install(sdist, tmp_path / "venv"), tmp_path)
