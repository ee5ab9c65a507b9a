"""Real Docusaurus sites for the integration test: cached ``npm ci`` and one build per version.

The shared sites (``../shared/docusaurus``, ``../shared/docusaurus2``) are copied to
``~/.cache/roundup-editor-tests/<name>-<hash of package-lock.json>`` (or under
``$ROUNDUP_EDITOR_TEST_CACHE``) and ``npm ci`` runs there once; a marker file says it finished, a
lock file keeps two test runs from installing at the same time.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MARKER = ".npm-ci-ok"
NPM_TIMEOUT_S = 900
BUILD_TIMEOUT_S = 600
_PROBLEM = re.compile(r"\[(WARNING|ERROR)\]")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def cache_root() -> Path:
    """Where prepared sites are kept between runs."""
    configured = os.environ.get("ROUNDUP_EDITOR_TEST_CACHE")
    if configured:
        return Path(configured)
    return Path.home() / ".cache" / "roundup-editor-tests"


def site_key(shared_site: Path) -> str:
    """``<folder name>-<first 12 hex digits of the lock file's SHA-256>``."""
    digest = hashlib.sha256((shared_site / "package-lock.json").read_bytes()).hexdigest()
    return f"{shared_site.name}-{digest[:12]}"


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _copy_site_files(source: Path, target: Path) -> None:
    """Copy the site's own files (config, pages, package files), never node_modules."""
    for entry in source.iterdir():
        if entry.name in ("node_modules", "build", ".docusaurus"):
            continue
        destination = target / entry.name
        if entry.is_dir():
            shutil.copytree(entry, destination, dirs_exist_ok=True)
        else:
            shutil.copy2(entry, destination)


def prepared_site(shared_site: Path) -> Path:
    """Return a copy of ``shared_site`` with its npm packages installed (cached between runs)."""
    key = site_key(shared_site)
    root = cache_root()
    site = root / key
    with locked(root / f"{key}.lock"):
        if not (site / MARKER).is_file():
            staging = root / f"{key}.staging"
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
            _copy_site_files(shared_site, staging)
            completed = subprocess.run(
                ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=staging,
                capture_output=True,
                text=True,
                timeout=NPM_TIMEOUT_S,
                check=False,
            )
            if completed.returncode != 0:
                tail = (completed.stdout + completed.stderr)[-3000:]
                raise RuntimeError(f"npm ci failed in {staging}:\n{tail}")
            shutil.rmtree(site, ignore_errors=True)
            os.rename(staging, site)
            (site / MARKER).write_text("npm ci done\n")
        _copy_site_files(shared_site, site)  # the config may change without the lock file
    return site


@dataclass
class BuildResult:
    """A finished ``docusaurus build``: its exit status, output and problem lines."""

    returncode: int
    output: str
    problems: list[str]
    out_dir: Path


def build(site: Path, blog_dir: Path, static_dir: Path, out_dir: Path) -> BuildResult:
    """Run ``npx docusaurus build`` on ``site`` with the blog read from ``blog_dir``."""
    env = dict(os.environ)
    env.update(
        DOCUSAURUS_CHECK_BLOG_DIR=str(blog_dir),
        DOCUSAURUS_CHECK_STATIC_DIR=str(static_dir),
        NO_UPDATE_NOTIFIER="1",
        CI="1",
        FORCE_COLOR="0",
        BROWSERSLIST_IGNORE_OLD_DATA="1",
    )
    completed = subprocess.run(
        ["npx", "--no-install", "docusaurus", "build", "--out-dir", str(out_dir)],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    output = _ANSI.sub("", completed.stdout + "\n" + completed.stderr)
    problems = [line for line in output.splitlines() if _PROBLEM.search(line)]
    return BuildResult(completed.returncode, output, problems, out_dir)
