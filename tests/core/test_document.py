"""PostDocument: revision, dirty state, observers, open and save."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from roundup_editor.core.commands import SetField, SetFrontMatter
from roundup_editor.core.document import Change, PostDocument
from roundup_editor.core.events import Signal
from roundup_editor.formats.reader import parse_post

from support.posts import invented_post_text


class Recorder:
    def __init__(self) -> None:
        self.seen: list[object] = []

    def record(self, value: object) -> None:
        self.seen.append(value)


def test_signal_holds_listeners_weakly() -> None:
    signal: Signal[int] = Signal()
    recorder = Recorder()
    signal.connect(recorder.record)
    signal.connect(recorder.record)
    signal.emit(1)
    assert recorder.seen == [1]
    del recorder
    gc.collect()
    assert len(signal) == 0
    signal.emit(2)


def test_signal_disconnect() -> None:
    signal: Signal[int] = Signal()
    recorder = Recorder()
    signal.connect(recorder.record)
    signal.disconnect(recorder.record)
    signal.emit(1)
    assert recorder.seen == []


def test_changes_are_announced_and_revision_bumps() -> None:
    doc = PostDocument(parse_post(invented_post_text(2)))
    changes = Recorder()
    states = Recorder()
    doc.changed.connect(changes.record)
    doc.state_changed.connect(states.record)
    session = doc.post.sessions()[0]
    doc.execute(SetField(session.id, "title", "New"))
    assert doc.revision == 1
    assert changes.seen == [Change("field", session.id, "title")]
    assert states.seen == [True]
    doc.history.undo()
    assert doc.revision == 2
    assert states.seen == [True, False]
    assert not doc.dirty


def test_saving_marks_clean_and_undo_past_save_is_dirty(tmp_path: Path) -> None:
    folder = tmp_path / "2025-05-01-northwind"
    doc = PostDocument(parse_post(invented_post_text(2)))
    with pytest.raises(ValueError):
        doc.save()
    doc.execute(SetFrontMatter("title", "Saved Title"))
    path = doc.save(folder)
    assert path == folder / "index.md"
    assert not doc.dirty
    assert "title: Saved Title" in path.read_text(encoding="utf-8")
    doc.history.undo()
    assert doc.dirty
    doc.history.redo()
    assert not doc.dirty


def test_typing_after_save_starts_a_new_step(tmp_path: Path) -> None:
    doc = PostDocument(parse_post(invented_post_text(1)))
    session = doc.post.sessions()[0]
    doc.execute(SetField(session.id, "title", "A", typing=True))
    doc.save(tmp_path / "post")
    doc.execute(SetField(session.id, "title", "AB", typing=True))
    assert len(doc.history.commands) == 2
    assert doc.dirty
    doc.history.undo()
    assert not doc.dirty


def test_open_reads_folder_and_unedited_save_changes_no_byte(tmp_path: Path) -> None:
    folder = tmp_path / "post"
    folder.mkdir()
    data = invented_post_text(3).replace("\n", "\r\n").encode("utf-8")
    (folder / "index.md").write_bytes(data)
    doc = PostDocument.open(folder)
    assert doc.folder == folder
    assert doc.index_file == folder / "index.md"
    assert doc.title() == "Northwind Open Infrastructure Meetup 2025 Roundup"
    doc.save()
    assert (folder / "index.md").read_bytes() == data


def test_block_lookup() -> None:
    doc = PostDocument(parse_post(invented_post_text(1)))
    block = doc.post.blocks[2]
    assert doc.block(block.id) is block
    with pytest.raises(KeyError):
        doc.block(-5)
