"""The model as JSON: ``dump`` writes every detail (layouts included), ``load`` reads it back.

``render(load(dump(post)))`` is byte-identical to ``render(post)``. Editing a field's value in the
JSON (a session title, a speaker URL) and loading it gives a post where only that field changed,
so only the lines that show it are written afresh.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from roundup_editor.core.errors import ModelError
from roundup_editor.core.layout import Layout, Slot
from roundup_editor.core.post import (
    BLOCK_TYPE_NAMES,
    BLOCK_TYPES,
    Block,
    FrontMatter,
    FrontMatterEntry,
    Post,
    Session,
    Speaker,
    Sponsor,
    Sponsors,
    Thumbnail,
)

FORMAT = "roundup-editor-model/1"


def dump_post(post: Post) -> dict[str, Any]:
    """Return the whole post as JSON data."""
    data: dict[str, Any] = {"format": FORMAT, "newline": post.newline, "leading": post.leading}
    front = post.front_matter
    data["front_matter"] = (
        None
        if front is None
        else {
            "opening": front.opening,
            "closing": front.closing,
            "gap": front.gap,
            "entries": [
                {
                    "key": entry.key,
                    "value": entry.value,
                    "source": entry.source,
                    "source_value": entry.source_value,
                }
                for entry in front.entries
            ],
        }
    )
    data["blocks"] = [dump_block(block) for block in post.blocks]
    return data


def dump_block(block: Block) -> dict[str, Any]:
    """Return one block as JSON data (type, fields, gap, layout)."""
    out: dict[str, Any] = {"type": BLOCK_TYPE_NAMES[type(block)]}
    for item in fields(block):
        if item.name in ("layout", "id"):
            continue
        out[item.name] = _plain(getattr(block, item.name))
    layout = block.layout
    out["layout"] = (
        None
        if layout is None
        else {
            "pieces": layout.pieces,
            "slots": [[slot.name, slot.snapshot, slot.text] for slot in layout.slots],
            "style": layout.style,
        }
    )
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return {item.name: _plain(getattr(value, item.name)) for item in fields(value)}
    return value


def load_post(data: Any) -> Post:
    """Build a post from :func:`dump_post` data; raise ModelError when it does not fit."""
    try:
        return _load_post(data)
    except ModelError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ModelError(f"the model file is not a valid post model ({error})") from None


def _load_post(data: Any) -> Post:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"the model file is not a {FORMAT} document")
    front_data = data.get("front_matter")
    front = None
    if front_data is not None:
        front = FrontMatter(
            entries=[
                FrontMatterEntry(e["key"], e["value"], e.get("source"), e.get("source_value"))
                for e in front_data["entries"]
            ],
            opening=front_data["opening"],
            closing=front_data["closing"],
            gap=front_data["gap"],
        )
    blocks = [load_block(item) for item in data["blocks"]]
    return Post(
        front_matter=front,
        blocks=blocks,
        newline=data.get("newline", "\n"),
        leading=data.get("leading", ""),
    )


def load_block(data: dict[str, Any]) -> Block:
    """Build one block from :func:`dump_block` data."""
    kind = data["type"]
    if kind not in BLOCK_TYPES:
        raise ModelError(f"unknown block type {kind!r} in the model file")
    cls = BLOCK_TYPES[kind]
    values: dict[str, Any] = {}
    for item in fields(cls):
        if item.name in ("layout", "id") or item.name not in data:
            continue
        values[item.name] = data[item.name]
    if cls is Session:
        values["speakers"] = [Speaker(**speaker) for speaker in values.get("speakers", [])]
        values["thumbnails"] = [Thumbnail(**thumb) for thumb in values.get("thumbnails", [])]
    if cls is Sponsors:
        values["sponsors"] = [Sponsor(**sponsor) for sponsor in values.get("sponsors", [])]
    block: Block = cls(**values)
    layout = data.get("layout")
    if layout is not None:
        block.layout = Layout(
            list(layout["pieces"]),
            [Slot(name, snapshot, text) for name, snapshot, text in layout["slots"]],
            dict(layout.get("style", {})),
        )
    return block
