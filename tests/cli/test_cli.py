"""The command line contract: inspect, dump, build, render; clear errors; no Qt in the core."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.posts import invented_post_text

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``roundup-editor ARGS`` in a subprocess, as a user would."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "roundup_editor", *args],
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def post_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "2025-05-01-northwind-roundup"
    folder.mkdir()
    (folder / "index.md").write_text(invented_post_text(3), encoding="utf-8")
    return folder


def test_inspect_prints_the_summary(post_folder: Path) -> None:
    result = run_cli("inspect", str(post_folder))
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["front_matter"]["slug"] == "northwind-meetup-2025-roundup"
    assert summary["header_image"] == {
        "src": "header.png",
        "title": "Northwind meetup header",
        "link": None,
    }
    assert summary["truncate"] is True
    assert summary["buttons"] == [
        {"label": "Watch Session Recordings", "href": "https://video.example/playlist/42"}
    ]
    assert [sponsor["name"] for sponsor in summary["sponsors"]] == [
        "Harbourline",
        "Northwind Labs",
        "Voss & Partners",
    ]
    assert len(summary["sessions"]) == 3
    assert summary["sessions"][0]["speakers"][0]["org"] == "Northwind Labs"


def test_render_is_byte_identical(post_folder: Path) -> None:
    result = run_cli("render", str(post_folder / "index.md"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (post_folder / "index.md").read_bytes()


def test_build_of_dump_is_byte_identical(post_folder: Path, tmp_path: Path) -> None:
    dumped = run_cli("dump", str(post_folder))
    assert dumped.returncode == 0, dumped.stderr
    model = tmp_path / "model.json"
    model.write_bytes(dumped.stdout)
    out = tmp_path / "built"
    built = run_cli("build", str(model), "--out", str(out))
    assert built.returncode == 0, built.stderr
    assert (out / "index.md").read_bytes() == (post_folder / "index.md").read_bytes()


def test_build_of_edited_dump_changes_one_line(post_folder: Path, tmp_path: Path) -> None:
    data = json.loads(run_cli("dump", str(post_folder)).stdout)
    session = next(block for block in data["blocks"] if block["type"] == "session")
    session["speakers"][0]["url"] = "https://people.example/ada"
    model = tmp_path / "model.json"
    model.write_text(json.dumps(data), encoding="utf-8")
    assert run_cli("build", str(model), "--out", str(tmp_path / "b")).returncode == 0
    before = (post_folder / "index.md").read_text(encoding="utf-8").splitlines()
    after = (tmp_path / "b" / "index.md").read_text(encoding="utf-8").splitlines()
    assert len(before) == len(after)
    changed = [i for i, (x, y) in enumerate(zip(before, after, strict=True)) if x != y]
    assert len(changed) == 1
    assert "(https://people.example/ada)" in after[changed[0]]


BAD_INPUTS = {
    "missing path": lambda tmp: tmp / "missing",
    "folder without index.md": lambda tmp: tmp,
    "not utf-8": lambda tmp: _file(tmp, b"---\ntitle: \xff\n---\n"),
    "bom": lambda tmp: _file(tmp, b"\xef\xbb\xbf---\ntitle: x\n---\n"),
    "no front matter": lambda tmp: _file(tmp, b"hello\n"),
    "broken front matter": lambda tmp: _file(tmp, b"---\ntitle: [x\n---\n"),
    "empty": lambda tmp: _file(tmp, b""),
    "binary": lambda tmp: _file(tmp, bytes(range(256)) * 4),
    "50 MB": lambda tmp: _file(tmp, b"---\ntitle: x\n---\n" + b"a" * (50 * 1024 * 1024)),
}


def _file(tmp: Path, data: bytes) -> Path:
    path = tmp / "post" / "index.md"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("command", ["inspect", "dump", "render"])
@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gives_one_line_and_exit_2(tmp_path: Path, command: str, case: str) -> None:
    path = BAD_INPUTS[case](tmp_path)
    before = path.read_bytes() if path.is_file() else None
    result = run_cli(command, str(path))
    assert result.returncode == 2
    assert result.stdout == b""
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("roundup-editor: ")
    assert "Traceback" not in result.stderr.decode()
    if before is not None:
        assert path.read_bytes() == before


def test_build_with_bad_model_is_one_clear_error(tmp_path: Path) -> None:
    model = tmp_path / "model.json"
    model.write_text('{"format": "something else"}', encoding="utf-8")
    result = run_cli("build", str(model), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert b"model" in result.stderr
    assert not (tmp_path / "out").exists()


def test_core_commands_never_import_qt(post_folder: Path) -> None:
    code = (
        "import sys, io\n"
        "from roundup_editor import cli\n"
        "real, sys.stdout = sys.stdout, io.TextIOWrapper(io.BytesIO())\n"
        "for command in ('inspect', 'dump', 'render', 'check'):\n"
        f"    cli.main([command, {str(post_folder)!r}])\n"
        "sys.stdout = real\n"
        "import roundup_editor.core.summary, roundup_editor.formats.reader\n"
        "bad = sorted(name for name in sys.modules if name.startswith(('PySide6', 'shiboken')))\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"


def test_import_takes_title_and_authors(tmp_path: Path) -> None:
    agenda = ROOT / "tests" / "data" / "agendas" / "nwcm-autumn-2025.csv"
    out = tmp_path / "2025-10-02-autumn-meetup"
    result = run_cli(
        "import",
        "csv",
        str(agenda),
        "--out",
        str(out),
        "--title",
        "Autumn: the Roundup",
        "--author",
        "jamie",
        "--author",
        "ivet",
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(run_cli("inspect", str(out)).stdout)
    assert summary["front_matter"]["title"] == "Autumn: the Roundup"
    assert summary["front_matter"]["authors"] == ["jamie", "ivet"]
    assert summary["front_matter"]["slug"] == "autumn-meetup"
    assert summary["sessions"]


def test_import_of_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("import", "ical", str(tmp_path / "x.ics"), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1
    assert b"'ical' is not an import format" in result.stderr


@pytest.mark.parametrize(
    ("argv", "path", "shot"),
    [
        (["--screenshot", "out.png", "POST"], "POST", "out.png"),  # the contract's form
        (["POST"], "POST", None),
        (["POST", "--screenshot", "out.png"], "POST", "out.png"),
        (["open", "POST", "--screenshot", "out.png"], "POST", "out.png"),
        (["--screenshot", "out.png", "open", "POST"], "POST", "out.png"),
        (["--screenshot", "out.png"], None, "out.png"),
        ([], None, None),
    ],
)
def test_the_window_starts_with_a_path_and_no_subcommand(
    monkeypatch: pytest.MonkeyPatch,
    post_folder: Path,
    argv: list[str],
    path: str | None,
    shot: str | None,
) -> None:
    """``roundup-editor [--screenshot OUT.png] [PATH]`` opens the window on PATH."""
    from roundup_editor import cli

    opened: list[tuple[str | None, str | None]] = []
    monkeypatch.setattr(
        cli, "cmd_open", lambda args: opened.append((args.path, args.screenshot)) or 0
    )
    argv = [str(post_folder) if word == "POST" else word for word in argv]
    assert cli.main(argv) == 0
    assert opened == [(str(post_folder) if path else None, shot)]


def test_the_no_subcommand_check_knows_every_subcommand() -> None:
    import argparse

    from roundup_editor import cli

    parser = cli.build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(cli.COMMANDS) == set(commands.choices)
