"""Undoable commands: apply/revert, typing bursts, and undo back to the opened bytes."""

from __future__ import annotations

import random
from pathlib import Path

from roundup_editor.core.commands import (
    DeleteBlocks,
    InsertBlocks,
    MoveBlock,
    SetField,
    SetFrontMatter,
    new_session,
    replace_speaker,
)
from roundup_editor.core.document import PostDocument
from roundup_editor.core.post import Session, Speaker, TextBlock, Thumbnail
from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post

from support.posts import invented_post_text


def _doc(text: str) -> PostDocument:
    return PostDocument(parse_post(text))


def test_set_field_changes_only_that_session_and_undo_restores() -> None:
    text = invented_post_text(4)
    doc = _doc(text)
    session = doc.post.sessions()[1]
    doc.execute(SetField(session.id, "title", "Renamed Talk"))
    out = render_post(doc.post)
    assert "## Renamed Talk, [Bruno Kettleby]" in out
    assert out.count("\n") == text.count("\n")
    assert doc.history.undo()
    assert render_post(doc.post) == text


def test_typing_burst_merges_into_one_step_until_sealed() -> None:
    doc = _doc(invented_post_text(2))
    session = doc.post.sessions()[0]
    original = session.abstract
    for count in range(1, 6):
        doc.execute(SetField(session.id, "abstract", original + "x" * count, typing=True))
    assert len(doc.history.commands) == 1
    doc.history.seal()
    doc.execute(SetField(session.id, "abstract", original + "xxxxx!", typing=True))
    assert len(doc.history.commands) == 2
    doc.history.undo()
    assert session.abstract == original + "xxxxx"
    doc.history.undo()
    assert session.abstract == original
    doc.history.redo()
    doc.history.redo()
    assert session.abstract == original + "xxxxx!"


def test_typing_in_another_field_starts_a_new_step() -> None:
    doc = _doc(invented_post_text(2))
    session = doc.post.sessions()[0]
    doc.execute(SetField(session.id, "title", "A", typing=True))
    doc.execute(SetField(session.id, "abstract", "B", typing=True))
    doc.execute(SetField(session.id, "title", "AB", typing=True))
    assert len(doc.history.commands) == 3


def test_front_matter_new_key_is_removed_on_undo() -> None:
    text = invented_post_text(1)
    doc = _doc(text)
    doc.execute(SetFrontMatter("description", "A fine evening"))
    assert "description: A fine evening\n---" in render_post(doc.post)
    doc.execute(SetFrontMatter("title", "Other title"))
    assert "title: Other title\n" in render_post(doc.post)
    doc.history.undo()
    doc.history.undo()
    assert render_post(doc.post) == text


def test_insert_at_end_keeps_final_newline_and_blank_line() -> None:
    text = invented_post_text(2)
    doc = _doc(text)
    doc.execute(InsertBlocks(len(doc.post.blocks), [new_session("Closing Panel")]))
    out = render_post(doc.post)
    assert out.endswith("\n\n## Closing Panel, \n") or out.endswith("## Closing Panel\n")
    reparsed = parse_post(out)
    assert render_post(reparsed) == out
    doc.history.undo()
    assert render_post(doc.post) == text


def test_move_last_session_up_keeps_paragraphs_apart() -> None:
    text = invented_post_text(3)
    doc = _doc(text)
    sessions = doc.post.sessions()
    first_index = doc.post.block_index(sessions[0].id)
    doc.execute(MoveBlock(sessions[2].id, first_index))
    out = render_post(doc.post)
    titles = [s.title for s in parse_post(out).sessions()]
    assert titles == [sessions[2].title, sessions[0].title, sessions[1].title]
    assert out.endswith("/deck/2)\n")
    doc.history.undo()
    assert render_post(doc.post) == text


def test_delete_and_undo_restores_same_block_object() -> None:
    text = invented_post_text(3)
    doc = _doc(text)
    victim = doc.post.sessions()[1]
    doc.execute(DeleteBlocks([victim.id]))
    assert victim not in doc.post.blocks
    doc.history.undo()
    assert doc.post.sessions()[1] is victim
    assert render_post(doc.post) == text


def test_replace_speaker_in_every_session_is_one_step() -> None:
    doc = _doc(invented_post_text(6))
    old = doc.post.sessions()[0].speakers[0]
    new = Speaker("Ada Q. Feather", old.url, old.org, old.org_url)
    doc.execute(replace_speaker(doc.post, old, new))
    assert len(doc.history.commands) == 1
    names = [s.speakers[0].name for s in doc.post.sessions()]
    assert names.count("Ada Q. Feather") == 2
    doc.history.undo()
    assert "Ada Q. Feather" not in render_post(doc.post)


def _scripted_session(doc: PostDocument, seed: int, steps: int = 120) -> None:
    """Make many varied edits the way a user would: typing, structure, front matter."""
    rng = random.Random(seed)
    for step in range(steps):
        sessions = doc.post.sessions()
        choice = rng.randrange(8)
        if choice == 0 and sessions:
            session = rng.choice(sessions)
            for count in range(rng.randint(1, 6)):
                doc.execute(
                    SetField(session.id, "abstract", session.abstract + "é{<" * count, typing=True)
                )
            doc.history.seal()
        elif choice == 1 and sessions:
            session = rng.choice(sessions)
            doc.execute(SetField(session.id, "title", f"Talk {step} [draft]"))
        elif choice == 2 and sessions:
            session = rng.choice(sessions)
            speakers = [*session.speakers, Speaker(f"Guest {step}", "https://guest.example/")]
            doc.execute(SetField(session.id, "speakers", speakers))
        elif choice == 3:
            index = rng.randrange(len(doc.post.blocks) + 1)
            doc.execute(InsertBlocks(index, [new_session(f"Inserted {step}")]))
        elif choice == 4 and len(doc.post.blocks) > 1:
            block = rng.choice(doc.post.blocks)
            doc.execute(DeleteBlocks([block.id]))
        elif choice == 5 and len(doc.post.blocks) > 1:
            block = rng.choice(doc.post.blocks)
            doc.execute(MoveBlock(block.id, rng.randrange(len(doc.post.blocks))))
        elif choice == 6:
            doc.execute(SetFrontMatter(rng.choice(["title", "tags", "extra"]), f"v{step}"))
        elif sessions:
            session = rng.choice(sessions)
            thumbs = [Thumbnail(f"t{step}.png", "slides"), *session.thumbnails]
            doc.execute(SetField(session.id, "thumbnails", thumbs))
            doc.execute(SetField(session.id, "slides_url", f"https://s.example/{step}"))
        if rng.random() < 0.2:
            doc.history.undo()
        if step % 10 == 0:
            doc.execute(InsertBlocks(0, [TextBlock(text=f"Note {step}")]))
        render_post(doc.post)


def test_undo_to_start_after_long_session_gives_back_the_bytes() -> None:
    text = invented_post_text(8)
    for seed in range(5):
        doc = _doc(text)
        _scripted_session(doc, seed)
        assert doc.dirty
        while doc.history.undo():
            pass
        assert render_post(doc.post) == text
        assert not doc.dirty
        while doc.history.redo():
            pass
        after = render_post(doc.post)
        while doc.history.undo():
            pass
        assert render_post(doc.post) == text
        assert after != text


def test_undo_to_start_on_every_corpus_post(corpus: Path) -> None:
    for index, post_file in enumerate(sorted(corpus.glob("*/index.md"))):
        data = post_file.read_bytes().decode("utf-8")
        doc = _doc(data)
        _scripted_session(doc, index, steps=60)
        while doc.history.undo():
            pass
        assert render_post(doc.post) == data, post_file.parent.name


def test_new_session_renders_in_reference_layout() -> None:
    session = new_session("Keynote", [Speaker("Dana Okafor", "https://dana.example/")])
    assert isinstance(session, Session)
    doc = _doc(invented_post_text(1))
    doc.execute(InsertBlocks(len(doc.post.blocks), [session]))
    assert render_post(doc.post).endswith("## Keynote, [Dana Okafor](https://dana.example/)\n")
