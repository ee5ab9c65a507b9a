"""Re-importing a newer export: updates, additions, hand edits kept, one undoable step."""

from __future__ import annotations

import copy
from pathlib import Path

from roundup_editor.core.commands import History
from roundup_editor.core.document import PostDocument
from roundup_editor.core.post import Post, Session, Speaker
from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post
from roundup_editor.importers import load_schedule
from roundup_editor.importers.build import build_post
from roundup_editor.importers.merge import merge_schedule
from roundup_editor.importers.records import RECORD_KEY

AGENDAS = Path(__file__).resolve().parents[1] / "data" / "agendas"
V1 = AGENDAS / "hocd-2025-schedule.json"
V2 = AGENDAS / "hocd-2025-schedule-v2.json"


def _saved_and_reopened() -> Post:
    """The first import, written to index.md and read back (only the file remembers)."""
    return parse_post(render_post(build_post(load_schedule("pretalx", V1))))


def _session(post: Post, start: str) -> Session:
    return next(session for session in post.sessions() if session.title.startswith(start))


def _hand_edit(post: Post) -> None:
    _session(post, "Quotas").abstract = "My own summary of the quotas talk."
    backups = _session(post, "Backups")
    backups.speakers = [Speaker("Ada Quillfeather", None, "Northwind Labs"), backups.speakers[1]]


def test_reimport_updates_adds_and_keeps_hand_edits() -> None:
    """Changed fields update, the new talk is added in time order, hand edits stay."""
    post = _saved_and_reopened()
    _hand_edit(post)
    before = copy.deepcopy(post)
    result = merge_schedule(post, load_schedule("pretalx", V2))
    assert post == before  # working out the merge changes nothing
    summary = result.summary
    assert summary.updated == [
        ("Keeping Petabytes Boring: Storage at Northwind Labs", ["title", "abstract"]),
        ("Networking for People Who Hate Networking", ["video_url"]),
    ]
    assert summary.added == ["Lightning Talks: Ten Tiny Tools"]
    assert summary.kept == [("Quotas, Billing Hooks and the Art of Saying No", ["abstract"])]
    assert summary.unchanged == 3
    assert any(line.startswith("Kept your edits") for line in summary.lines())
    merged = Post(post.front_matter, result.blocks)
    titles = [session.title for session in merged.sessions()]
    assert titles == [
        "Keeping Petabytes Boring: Storage at Northwind Labs",
        "Hands-on: GPU Passthrough {without} <tears>",
        "Quotas, Billing Hooks and the Art of Saying No",
        "Lightning Talks: Ten Tiny Tools",
        "Backups You Can Actually Restore",
        "Networking for People Who Hate Networking",
    ]
    assert _session(merged, "Quotas").abstract == "My own summary of the quotas talk."
    assert _session(merged, "Backups").speakers[0].org == "Northwind Labs"
    assert _session(merged, "Keeping").abstract.startswith("Ada explains how Northwind keeps 5 PB")
    assert _session(merged, "Networking").video_url == "https://www.youtube.com/watch?v=hocd25n2"


def test_reimport_is_one_undoable_step_and_idempotent() -> None:
    """The command gives the merged blocks; undo restores the text; a second run is a no-op."""
    post = _saved_and_reopened()
    _hand_edit(post)
    document = PostDocument(post)
    history = History(document)
    original = render_post(post)
    result = merge_schedule(post, load_schedule("pretalx", V2))
    history.push(result.command())
    assert post.blocks == result.blocks
    assert post.front_matter is not None
    assert post.front_matter.get(RECORD_KEY) == result.record
    text = render_post(post)
    assert text.endswith(")\n")
    assert history.undo()
    assert render_post(post) == original
    assert history.redo()
    assert render_post(post) == text
    reopened = parse_post(text)
    again = merge_schedule(reopened, load_schedule("pretalx", V2))
    assert again.summary.updated == [] and again.summary.added == []
    assert again.blocks == reopened.blocks
    assert len(reopened.sessions()) == 6


def test_unedited_sessions_keep_their_bytes() -> None:
    """An update rewrites only the lines of the changed fields."""
    post = _saved_and_reopened()
    original_lines = set(render_post(post).split("\n"))
    result = merge_schedule(post, load_schedule("pretalx", V2))
    text = render_post(Post(post.front_matter, result.blocks))
    new_lines = [line for line in text.split("\n") if line not in original_lines]
    assert any(line.startswith("## Lightning Talks") for line in new_lines)
    assert any("Northwind Labs" in line for line in new_lines)
    assert not any(line.startswith("## Backups") for line in new_lines)


def test_retitled_session_is_still_matched() -> None:
    """A session the user retitled is found by its imported speakers and abstract."""
    post = _saved_and_reopened()
    _session(post, "Networking").title = "Networking, Reluctantly"
    result = merge_schedule(post, load_schedule("pretalx", V2))
    assert result.summary.added == ["Lightning Talks: Ten Tiny Tools"]
    assert result.summary.kept == []  # the export did not change the title: nothing to report
    assert ("Networking for People Who Hate Networking", ["video_url"]) in result.summary.updated
    merged = Post(None, result.blocks)
    assert _session(merged, "Networking, Reluctantly").video_url is not None
    assert len(merged.sessions()) == 6


def test_deleted_session_is_not_added_again() -> None:
    """A session the user deleted stays deleted; the summary says so."""
    post = _saved_and_reopened()
    post.blocks = [
        block for block in post.blocks if not getattr(block, "title", "").startswith("Net")
    ]
    result = merge_schedule(post, load_schedule("pretalx", V1))
    assert result.summary.added == []
    assert result.summary.not_readded == ["Networking for People Who Hate Networking"]
    assert len(Post(None, result.blocks).sessions()) == 4


def test_merge_into_a_hand_written_post_fills_only_empty_fields() -> None:
    """Without an import record, sessions match by title and only empty fields are filled."""
    text = (
        "---\ntitle: Harbourline Open Cloud Days 2025 Roundup\n---\n\n"
        "## backups you can actually restore, [Ada Quillfeather](https://ada.example/)\n\n"
        "Our own words about the restore drill.\n"
    )
    post = parse_post(text)
    result = merge_schedule(post, load_schedule("pretalx", V1))
    merged = Post(post.front_matter, result.blocks)
    backups = _session(merged, "backups")
    assert backups.abstract == "Our own words about the restore drill."
    assert backups.speakers == [Speaker("Ada Quillfeather", "https://ada.example/")]
    assert backups.slides_url is not None and backups.slides_url.endswith("restore.pdf")
    assert backups.video_url == "https://vimeo.com/900000002"
    assert len(merged.sessions()) == 5
    assert ("backups you can actually restore", ["title", "speakers", "abstract"]) in (
        result.summary.kept
    )


def test_csv_reimport_matches_by_title(tmp_path: Path) -> None:
    """Without ids (a CSV without an id column) sessions match by title; edits stay."""
    first = tmp_path / "agenda.csv"
    first.write_text(
        "title,speakers,slides\n"
        "Object Stores,Ada Quillfeather,\n"
        "GPU Passthrough,Bruno Kettleby,https://speakerdeck.com/bk/gpu\n",
        encoding="utf-8",
    )
    post = parse_post(render_post(build_post(load_schedule("csv", first))))
    _session(post, "GPU").abstract = "Written by hand."
    second = tmp_path / "agenda-2.csv"
    second.write_text(
        "title,speakers,slides,abstract\n"
        "Object Stores,Ada Quillfeather,https://speakerdeck.com/aq/objects,\n"
        "GPU Passthrough,Bruno Kettleby,https://speakerdeck.com/bk/gpu,From the agenda.\n"
        "Backups,Chiara Voss,,\n",
        encoding="utf-8",
    )
    result = merge_schedule(post, load_schedule("csv", second))
    assert result.summary.updated == [("Object Stores", ["slides_url"])]
    assert result.summary.kept == [("GPU Passthrough", ["abstract"])]
    assert result.summary.added == ["Backups"]
    merged = Post(post.front_matter, result.blocks)
    assert [s.title for s in merged.sessions()] == ["Object Stores", "GPU Passthrough", "Backups"]
    assert _session(merged, "GPU").abstract == "Written by hand."
