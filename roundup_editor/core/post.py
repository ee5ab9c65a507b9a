"""The post model: front matter plus an ordered list of blocks.

Every block keeps, in ``layout``, the exact text it was read from (see :mod:`.layout`), so an
unedited post renders back byte for byte. Equality compares only what the user can see and edit:
layouts and ids are left out, so ``parse(render(post)) == post`` is meaningful.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Literal

from roundup_editor.core.layout import Layout

_ids = itertools.count(1)


def new_id() -> int:
    """Return a process-unique id for a block (used by undo commands and the preview cache)."""
    return next(_ids)


@dataclass
class Speaker:
    """A person giving a session."""

    name: str
    url: str | None = None
    org: str | None = None
    org_url: str | None = None
    role: str | None = None


ThumbnailKind = Literal["slides", "video", "photo"]


@dataclass
class Thumbnail:
    """An image shown with a session: a slide or video thumbnail (linked) or a photo."""

    file: str
    title: str | None = None
    kind: ThumbnailKind = "slides"
    alt: str = ""


@dataclass
class Sponsor:
    """An organisation thanked for supporting the event."""

    name: str
    url: str | None = None
    role: Literal["host", "sponsor"] = "sponsor"


@dataclass(kw_only=True)
class BlockBase:
    """What every body block has: its trailing gap, its source layout and an identity."""

    gap: str = field(default="\n\n", compare=False)
    layout: Layout | None = field(default=None, compare=False, repr=False)
    id: int = field(default_factory=new_id, compare=False, repr=False)


@dataclass(kw_only=True)
class TextBlock(BlockBase):
    """Markdown the app does not structure: intro and closing prose, or raw HTML kept verbatim."""

    text: str
    kind: Literal["prose", "raw"] = "prose"


@dataclass(kw_only=True)
class HeaderImage(BlockBase):
    """The image at the top of the post, optionally linked."""

    src: str
    title: str | None = None
    link: str | None = None
    alt: str = ""


@dataclass(kw_only=True)
class Truncate(BlockBase):
    """The ``<!-- truncate -->`` marker that ends the excerpt shown in the blog list."""


@dataclass(kw_only=True)
class Button(BlockBase):
    """A call-to-action button (``<a class="button button--primary">``)."""

    label: str
    href: str


@dataclass(kw_only=True)
class Sponsors(BlockBase):
    """A paragraph thanking the host and sponsors, generated from the list."""

    sponsors: list[Sponsor] = field(default_factory=list)


@dataclass(kw_only=True)
class Session(BlockBase):
    """One talk: title, speakers, abstract (Markdown), links and thumbnails."""

    title: str
    speakers: list[Speaker] = field(default_factory=list)
    abstract: str = ""
    slides_url: str | None = None
    video_url: str | None = None
    thumbnails: list[Thumbnail] = field(default_factory=list)
    time: str | None = None
    dialect: str = field(default="reference", compare=False)


Block = TextBlock | HeaderImage | Truncate | Button | Sponsors | Session

BLOCK_TYPES: dict[str, type[Any]] = {
    "text": TextBlock,
    "header_image": HeaderImage,
    "truncate": Truncate,
    "button": Button,
    "sponsors": Sponsors,
    "session": Session,
}
BLOCK_TYPE_NAMES: dict[type[Any], str] = {cls: name for name, cls in BLOCK_TYPES.items()}


@dataclass
class FrontMatterEntry:
    """One top-level key of the front matter, with the exact lines it was read from."""

    key: str
    value: Any
    source: str | None = field(default=None, compare=False)
    source_value: Any = field(default=None, compare=False, repr=False)


@dataclass
class FrontMatter:
    """The YAML front matter: entries in file order, plus the text around them."""

    entries: list[FrontMatterEntry] = field(default_factory=list)
    opening: str = field(default="---\n", compare=False)
    closing: str = field(default="---", compare=False)
    gap: str = field(default="\n\n", compare=False)

    def get(self, key: str, default: Any = None) -> Any:
        """Return the value of ``key``, or ``default`` when it is absent."""
        for entry in self.entries:
            if entry.key == key:
                return entry.value
        return default

    def set(self, key: str, value: Any) -> None:
        """Set ``key`` to ``value``, appending a new entry when the key is absent."""
        for entry in self.entries:
            if entry.key == key:
                entry.value = value
                return
        self.entries.append(FrontMatterEntry(key, value))

    def as_dict(self) -> dict[str, Any]:
        """Return the values as an ordered dict."""
        return {entry.key: entry.value for entry in self.entries}


@dataclass
class Post:
    """A whole post: optional front matter, body blocks and the file's line-ending style."""

    front_matter: FrontMatter | None = None
    blocks: list[Block] = field(default_factory=list)
    newline: str = field(default="\n", compare=False)
    leading: str = field(default="", compare=False)

    def sessions(self) -> list[Session]:
        """Return the session blocks in document order."""
        return [block for block in self.blocks if isinstance(block, Session)]

    def block_index(self, block_id: int) -> int:
        """Return the position of the block with ``block_id``; raise KeyError if absent."""
        for index, block in enumerate(self.blocks):
            if block.id == block_id:
                return index
        raise KeyError(block_id)

    def insert_index(self, after: int) -> int:
        """Return where a new part goes.

        After the block ``after`` (an id > 0), else after the last session, else at the end.
        """
        if after > 0:
            return self.block_index(after) + 1
        sessions = self.sessions()
        if sessions:
            return self.block_index(sessions[-1].id) + 1
        return len(self.blocks)

    def drop_index(self, block_id: int, target: int, after: bool) -> int | None:
        """Return the index a block dragged onto another one lands at.

        ``block_id`` is dropped before (or ``after``) block ``target``; a ``target`` of 0 or
        less means after the last session. None when the drop moves nothing (unknown blocks,
        or the same place).
        """
        if block_id <= 0 or block_id == target:
            return None
        if target <= 0:
            sessions = self.sessions()
            if not sessions:
                return None
            target, after = sessions[-1].id, True
        try:
            source = self.block_index(block_id)
            index = self.block_index(target) + (1 if after else 0)
        except KeyError:
            return None
        if source < index:
            index -= 1
        return None if index == source else index
