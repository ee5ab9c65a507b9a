"""Typed errors of the core, each carrying one sentence a user can act on."""

from __future__ import annotations


class RoundupError(Exception):
    """Base of every error the app reports to the user as one clear line."""


class PostFormatError(RoundupError):
    """The text of a post cannot be read as a post (encoding, front matter, binary data)."""


class PostNotFoundError(RoundupError):
    """The path given is not a post folder or an ``index.md``."""


class ModelError(RoundupError):
    """A model file (``dump`` output) is not valid."""


class WriteError(RoundupError):
    """A post could not be written; nothing on disk was changed."""
