"""Faults while saving: one clear message each, and the post on disk stays as it was."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from roundup_editor.core.disk import ExternalChangeError, check_unchanged, fingerprint
from roundup_editor.core.errors import WriteError
from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import atomic_write, write_post

from support.posts import invented_post_text

ORIGINAL = invented_post_text(2)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "2025-05-01-post"
    path.mkdir()
    (path / "index.md").write_text(ORIGINAL, encoding="utf-8")
    return path


def _edited() -> object:
    post = parse_post(ORIGINAL)
    post.sessions()[0].title = "Edited"
    return post


def _fail(code: int):  # a factory of patched functions
    def raise_error(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return raise_error


@pytest.mark.parametrize(
    ("target", "code", "message"),
    [
        ("os.fsync", errno.ENOSPC, "disk is full"),
        ("tempfile.mkstemp", errno.EACCES, "permission denied"),
        ("os.replace", errno.EROFS, "read-only file system"),
        ("os.replace", errno.EDQUOT, "quota"),
    ],
)
def test_write_fault_keeps_the_old_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch, target: str, code: int, message: str
) -> None:
    monkeypatch.setattr(target, _fail(code))
    with pytest.raises(WriteError, match=message) as error:
        write_post(_edited(), folder)  # type: ignore[arg-type]
    monkeypatch.undo()
    assert "\n" not in str(error.value)
    assert (folder / "index.md").read_text(encoding="utf-8") == ORIGINAL
    assert sorted(path.name for path in folder.iterdir()) == ["index.md"]


def test_deleted_folder_is_reported_not_recreated(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    with pytest.raises(WriteError, match="no longer exists"):
        write_post(_edited(), folder, create=False)  # type: ignore[arg-type]
    assert not folder.exists()


def test_atomic_write_replaces_whole_file(folder: Path) -> None:
    atomic_write(folder / "index.md", b"new")
    assert (folder / "index.md").read_bytes() == b"new"


def test_external_change_is_noticed(folder: Path) -> None:
    index = folder / "index.md"
    opened = fingerprint(index)
    check_unchanged(index, opened)
    index.write_text(ORIGINAL + "\nA line from git pull.\n", encoding="utf-8")
    with pytest.raises(ExternalChangeError, match="changed on disk"):
        check_unchanged(index, opened)
    index.unlink()
    with pytest.raises(ExternalChangeError, match="deleted or moved"):
        check_unchanged(index, opened)
    index.write_text("someone else's", encoding="utf-8")
    with pytest.raises(ExternalChangeError, match="created by someone else"):
        check_unchanged(index, None)
