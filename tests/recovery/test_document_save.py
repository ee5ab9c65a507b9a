"""The save path of PostDocument (Qt-free): fingerprints, refusals, recovered documents."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from roundup_editor.core.commands import SetFrontMatter
from roundup_editor.core.disk import ExternalChangeError, fingerprint
from roundup_editor.core.document import PostDocument
from roundup_editor.core.errors import WriteError
from roundup_editor.formats.reader import parse_post

from support.posts import invented_post_text


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "2025-04-04-lindenfels-cloud-night"
    folder.mkdir()
    (folder / "index.md").write_text(invented_post_text(2), encoding="utf-8")
    return folder


def test_open_and_save_take_the_fingerprint(folder: Path) -> None:
    document = PostDocument.open(folder)
    assert document.disk_print == fingerprint(folder / "index.md")
    document.execute(SetFrontMatter("title", "New"))
    document.save()
    assert document.disk_print == fingerprint(folder / "index.md")


def test_save_refuses_to_overwrite_a_change_made_outside(folder: Path) -> None:
    document = PostDocument.open(folder)
    document.execute(SetFrontMatter("title", "Mine"))
    (folder / "index.md").write_text("---\ntitle: Theirs\n---\n\nTheirs.\n", encoding="utf-8")
    with pytest.raises(ExternalChangeError, match="changed on disk"):
        document.save()
    assert "Theirs" in (folder / "index.md").read_text(encoding="utf-8")
    assert document.dirty
    document.accept_disk_version()
    document.save()
    assert "title: Mine" in (folder / "index.md").read_text(encoding="utf-8")


def test_save_into_a_deleted_folder_is_refused_not_recreated(folder: Path) -> None:
    document = PostDocument.open(folder)
    shutil.rmtree(folder)
    with pytest.raises(ExternalChangeError, match="deleted or moved"):
        document.save()
    document.accept_disk_version()  # the user chose to write it again
    document.save()
    assert (folder / "index.md").is_file()


def test_a_missing_folder_is_a_write_error_when_the_check_is_skipped(folder: Path) -> None:
    document = PostDocument.open(folder)
    shutil.rmtree(folder)
    with pytest.raises(WriteError, match="no longer exists"):
        document.save(overwrite=True)
    assert not folder.exists()


def test_save_as_never_replaces_another_post(folder: Path, tmp_path: Path) -> None:
    document = PostDocument(parse_post(invented_post_text(1)))
    with pytest.raises(ExternalChangeError, match="already holds a post"):
        document.save(folder)
    assert document.save(tmp_path / "fresh") == tmp_path / "fresh" / "index.md"


def test_a_recovered_document_starts_dirty(folder: Path) -> None:
    post = parse_post(invented_post_text(2))
    document = PostDocument.recovered(post, folder)
    assert document.dirty
    assert document.disk_print == fingerprint(folder / "index.md")
    document.save()
    assert not document.dirty


def test_a_save_removes_temporaries_left_by_a_crash(folder: Path) -> None:
    stale = folder / ".index.md.abc123.tmp"
    stale.write_text("half a post", encoding="utf-8")
    other = folder / ".notes.tmp"
    other.write_text("not ours", encoding="utf-8")
    document = PostDocument.open(folder)
    document.save()
    assert not stale.exists()
    assert other.exists()
