"""Saving safely: notice changes made on disk by someone else, and report faults in one line.

A :class:`Fingerprint` of ``index.md`` is taken when a post is opened or saved. Before the next
save, :func:`check_unchanged` compares it with the file on disk, so a ``git pull`` or another
editor's save is never silently overwritten.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path

from roundup_editor.core.errors import RoundupError, WriteError


class ExternalChangeError(RoundupError):
    """The post's file changed on disk since it was opened or saved."""


@dataclass(frozen=True)
class Fingerprint:
    """Size and content of a file (the modification time alone is not trusted).

    The bytes themselves are kept, not a hash of them: an ``index.md`` is small, comparing is
    exact, and no hash module has to load when a post opens.
    """

    size: int
    content: bytes = field(repr=False)


def fingerprint(path: Path) -> Fingerprint | None:
    """Return the fingerprint of ``path``, or None when it does not exist."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise WriteError(describe_os_error(error, path)) from None
    return Fingerprint(len(data), data)


def check_unchanged(path: Path, expected: Fingerprint | None) -> None:
    """Raise ExternalChangeError when ``path`` is not as it was when ``expected`` was taken."""
    current = fingerprint(path)
    if current == expected:
        return
    if current is None:
        raise ExternalChangeError(f"{path} was deleted or moved since it was opened")
    if expected is None:
        raise ExternalChangeError(f"{path} was created by someone else since this post was started")
    raise ExternalChangeError(f"{path} was changed on disk since it was opened")


def describe_os_error(error: OSError, path: Path) -> str:
    """Turn an OSError into one sentence a user can act on."""
    code = error.errno
    if code == errno.ENOSPC:
        return f"the disk is full: {path} was not written"
    if code in (errno.EACCES, errno.EPERM):
        return f"permission denied: {path} cannot be written"
    if code == errno.EROFS:
        return f"{path} is on a read-only file system"
    if code == errno.ENOENT:
        return f"the folder of {path} no longer exists"
    if code == errno.EDQUOT:
        return f"the disk quota is used up: {path} was not written"
    reason = error.strerror or str(error)
    return f"{path} could not be written: {reason}"
