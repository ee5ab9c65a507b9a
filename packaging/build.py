"""Build the one-folder desktop app with PyInstaller: ``uv run python packaging/build.py``.

The result is ``dist/roundup-editor/roundup-editor`` (run it like the ``roundup-editor`` command).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; return the path of the built executable."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(ROOT / "packaging" / "roundup-editor.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return dist / "roundup-editor" / "roundup-editor"


def main() -> int:
    """Build the app into --dist and print the executable's path."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    args = parser.parse_args()
    print(build(args.dist, args.work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
