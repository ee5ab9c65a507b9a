"""Journals keep unsaved work and give it back after a crash."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from roundup_editor.core.journal import Journal, JournalError, pending_journals
from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post

from support.posts import invented_post_text


def test_written_journal_restores_the_exact_post(tmp_path: Path) -> None:
    post = parse_post(invented_post_text(3))
    post.sessions()[1].abstract = "Typed just before the crash."
    journal = Journal(tmp_path / "journals", tmp_path / "blog" / "post")
    journal.write(post)
    (entries,) = pending_journals(tmp_path / "journals")
    assert entries.post_path == tmp_path / "blog" / "post"
    assert entries.title == "Northwind Open Infrastructure Meetup 2025 Roundup"
    restored = entries.post()
    assert restored == post
    assert render_post(restored) == render_post(post)


def test_same_post_same_journal_new_posts_separate(tmp_path: Path) -> None:
    root = tmp_path / "journals"
    first = Journal(root, tmp_path / "post")
    assert Journal(root, tmp_path / "post").folder == first.folder
    assert Journal(root, None).folder != Journal(root, None).folder


def test_discard_and_move(tmp_path: Path) -> None:
    root = tmp_path / "journals"
    journal = Journal(root, None)
    journal.write(parse_post(invented_post_text(1)))
    journal.images.mkdir()
    (journal.images / "talk.png").write_bytes(b"png")
    journal.move_to(tmp_path / "saved-as")
    (entry,) = pending_journals(root)
    assert entry.post_path == tmp_path / "saved-as"
    assert [path.name for path in entry.staged_images] == ["talk.png"]
    journal.discard()
    assert pending_journals(root) == []


def test_broken_journals_are_skipped(tmp_path: Path) -> None:
    root = tmp_path / "journals"
    (root / "post-broken").mkdir(parents=True)
    (root / "post-broken" / "journal.json").write_text("{not json", encoding="utf-8")
    (root / "post-other").mkdir()
    (root / "post-other" / "journal.json").write_text('{"format": "x"}', encoding="utf-8")
    assert pending_journals(root) == []


def test_full_disk_while_journalling_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("os.fsync", full)
    with pytest.raises(JournalError, match="disk is full"):
        Journal(tmp_path / "journals", None).write(parse_post(invented_post_text(1)))
