"""Write posts: :class:`Post` -> ``index.md`` text, and atomically onto disk."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from roundup_editor.core.disk import describe_os_error
from roundup_editor.core.errors import WriteError
from roundup_editor.core.post import Post
from roundup_editor.formats.dialects import render_block
from roundup_editor.formats.frontmatter import render_front_matter


def render_post(post: Post) -> str:
    """Return the ``index.md`` text of ``post``, in its own line-ending style."""
    parts: list[str] = []
    if post.front_matter is not None:
        parts.append(render_front_matter(post.front_matter))
    else:
        parts.append(post.leading)
    for index, block in enumerate(post.blocks):
        parts.append(render_block(block))
        gap = block.gap
        if index < len(post.blocks) - 1 and not gap.startswith("\n"):
            gap = "\n\n"  # a block that was last (no final newline) has moved up
        parts.append(gap)
    text = "".join(parts)
    if post.newline != "\n":
        text = text.replace("\n", post.newline)
    return text


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then replace.

    On any failure the old file is untouched and the temporary file removed.
    """
    folder = path.parent
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteError(describe_os_error(error, path)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(temp_name, path.stat().st_mode & 0o777)
        else:
            os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise WriteError(describe_os_error(error, path)) from None


def write_post(post: Post, folder: Path, *, create: bool = True) -> Path:
    """Write ``post`` as ``folder/index.md`` atomically and return the file's path.

    With ``create=False`` a missing folder is an error (it was deleted while the post was open)
    instead of being made again.
    """
    if not folder.is_dir():
        if not create:
            raise WriteError(f"the post folder {folder} no longer exists; use Save As")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WriteError(describe_os_error(error, folder / "index.md")) from None
    target = folder / "index.md"
    atomic_write(target, render_post(post).encode("utf-8"))
    return target
