"""Where new parts go and where a dragged part lands (Post.insert_index, Post.drop_index)."""

from __future__ import annotations

from roundup_editor.core.post import Post, Session, TextBlock


def _post() -> tuple[Post, list[int]]:
    """intro, s1, s2, s3, closing: return the post and the five block ids in order."""
    blocks = [TextBlock(text="Intro"), *(Session(title=f"S{n}") for n in (1, 2, 3))]
    blocks.append(TextBlock(text="Thanks"))
    return Post(blocks=blocks), [block.id for block in blocks]


def test_new_part_goes_after_the_selection_else_after_the_last_session() -> None:
    post, ids = _post()
    assert post.insert_index(ids[1]) == 2
    assert post.insert_index(0) == 4  # nothing selected: after S3, before the closing text
    empty = Post(blocks=[TextBlock(text="Only prose")])
    assert empty.insert_index(0) == 1


def test_drop_before_or_after_a_target() -> None:
    post, ids = _post()
    assert post.drop_index(ids[3], ids[1], after=False) == 1  # S3 before S1
    assert post.drop_index(ids[1], ids[3], after=True) == 3  # S1 after S3
    assert post.drop_index(ids[1], ids[3], after=False) == 2  # S1 before S3
    assert post.drop_index(ids[0], 0, after=False) == 3  # on the list's empty area: after S3


def test_drops_that_move_nothing() -> None:
    post, ids = _post()
    assert post.drop_index(ids[2], ids[2], after=True) is None  # onto itself
    assert post.drop_index(ids[2], ids[1], after=True) is None  # already right after S1
    assert post.drop_index(ids[2], ids[3], after=False) is None  # already right before S3
    assert post.drop_index(999_999, ids[1], after=False) is None  # unknown block
    assert post.drop_index(0, ids[1], after=False) is None  # a group row, not a block
    no_sessions = Post(blocks=[TextBlock(text="A"), TextBlock(text="B")])
    first = no_sessions.blocks[0].id
    assert no_sessions.drop_index(first, 0, after=False) is None
