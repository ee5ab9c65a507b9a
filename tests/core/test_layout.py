"""Layouts keep a block's exact source and re-render only the slots whose values changed."""

from __future__ import annotations

import pytest

from roundup_editor.core.layout import Layout, LayoutBuilder, Slot


def test_builder_cuts_pieces_and_slots_that_reassemble_the_source() -> None:
    source = "## Title, [Ann](https://a.example)\n\nText"
    builder = LayoutBuilder(source)
    builder.slot("speakers", 10, 34, ["Ann"])
    builder.slot("title", 3, 8, "Title")
    layout = builder.build({"level": 2})
    assert [slot.name for slot in layout.slots] == ["title", "speakers"]
    assert layout.pieces == ["## ", ", ", "\n\nText"]
    assert layout.source() == source


def test_render_keeps_unchanged_slots_and_refreshes_changed_ones() -> None:
    layout = Layout(["<", "|", ">"], [Slot("a", 1, "one"), Slot("b", 2, "two")])
    values = {"a": 1, "b": 3}
    text = layout.render(values.__getitem__, lambda name: f"fresh-{name}")
    assert text == "<one|fresh-b>"


def test_overlapping_slots_are_refused() -> None:
    builder = LayoutBuilder("abcdef")
    builder.slot("x", 0, 4, None)
    builder.slot("y", 2, 5, None)
    with pytest.raises(ValueError, match="overlaps"):
        builder.build()


def test_slot_outside_source_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        LayoutBuilder("abc").slot("x", 1, 9, None)


def test_pieces_must_outnumber_slots_by_one() -> None:
    with pytest.raises(ValueError, match="one more piece"):
        Layout(["a"], [Slot("x", None, "")])
