"""Store processed images in a post folder under safe, unique names; identical images once.

Names come from the session title: lower-case ASCII letters, digits and dashes, never a path
separator, never ``..``, never a name Windows reserves (``con``, ``nul``, ``com1``...), unique
in the folder regardless of case. A file is never overwritten: it is written to a temporary file
and hard-linked (or, where links are not available, renamed) to a name that does not exist yet.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import threading
import unicodedata
from pathlib import Path

from roundup_editor.core.errors import WriteError
from roundup_editor.images.pipeline import ProcessedImage

MAX_STEM = 60
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", "clock$", "conin$", "conout$"} | {
    f"{stem}{digit}" for stem in ("com", "lpt") for digit in "0123456789¹²³"
}
_NOT_SAFE = re.compile(r"[^a-z0-9]+")


def slugify(text: str, fallback: str = "image", max_length: int = MAX_STEM) -> str:
    """Return ``text`` as a lower-case ASCII stem: letters, digits and single dashes."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    stem = _NOT_SAFE.sub("-", ascii_text).strip("-")
    if len(stem) > max_length:
        stem = stem[:max_length].rstrip("-")
    if not stem:
        stem = fallback
    if stem.split(".")[0] in _WINDOWS_RESERVED:
        stem = f"{stem}-{fallback}"
    return stem


def is_safe_name(name: str) -> bool:
    """Tell whether ``name`` is a file name this module could have made."""
    stem, dot, extension = name.rpartition(".")
    return (
        bool(dot)
        and bool(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem))
        and extension in ("png", "jpg")
        and stem not in _WINDOWS_RESERVED
        and len(name) <= MAX_STEM + 8
    )


def file_digest(data: bytes) -> str:
    """Return the SHA-256 of ``data`` (used to store identical images once)."""
    return hashlib.sha256(data).hexdigest()


class ImageStore:
    """The images of one post folder; thread-safe so a batch can store from many workers."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._digests: dict[str, str] | None = None

    def _index(self) -> dict[str, str]:
        """Map the digest of every image already in the folder to its name (built lazily)."""
        if self._digests is None:
            self._digests = {}
            if self.folder.is_dir():
                for path in sorted(self.folder.iterdir()):
                    if path.suffix.lower() in IMAGE_SUFFIXES and path.is_file():
                        if path.is_symlink():
                            continue
                        with contextlib.suppress(OSError):
                            digest = file_digest(path.read_bytes())
                            self._digests.setdefault(digest, path.name)
        return self._digests

    def _taken(self) -> set[str]:
        if not self.folder.is_dir():
            return set()
        return {entry.name.lower() for entry in self.folder.iterdir()}

    def unique_name(self, title: str, extension: str, taken: set[str] | None = None) -> str:
        """Return a free ``<slug>.<extension>`` name (``-2``, ``-3``... appended when needed)."""
        taken = self._taken() if taken is None else taken
        stem = slugify(title)
        candidate = f"{stem}.{extension}"
        number = 2
        while candidate.lower() in taken:
            candidate = f"{stem}-{number}.{extension}"
            number += 1
        return candidate

    def store(self, image: ProcessedImage, title: str) -> str:
        """Write ``image`` under a name made from ``title``; return the file name.

        When an identical image is already in the folder, its name is returned and nothing is
        written.
        """
        digest = file_digest(image.data)
        with self._lock:
            index = self._index()
            existing = index.get(digest)
            if existing is not None and (self.folder / existing).is_file():
                return existing
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise WriteError(f"cannot create {self.folder}: {error.strerror}") from None
            name = self._write_new(image.data, title, image.extension)
            index[digest] = name
            return name

    def _write_new(self, data: bytes, title: str, extension: str) -> str:
        try:
            handle, temp = tempfile.mkstemp(prefix=".image-", suffix=".tmp", dir=self.folder)
        except OSError as error:
            raise WriteError(f"cannot write in {self.folder}: {error.strerror}") from None
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp, 0o644)
            for _attempt in range(1000):
                name = self.unique_name(title, extension)
                if _link_new(temp, self.folder / name):
                    return name
            raise WriteError(f"no free file name for {title!r} in {self.folder}")
        except OSError as error:
            raise WriteError(f"cannot write an image in {self.folder}: {error.strerror}") from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _link_new(temp: str, target: Path) -> bool:
    """Give ``temp`` the name ``target`` only if nothing has that name; tell if it worked."""
    try:
        os.link(temp, target)
        return True
    except FileExistsError:
        return False
    except OSError:
        # No hard links here (some network or FAT file systems): reserve the name, then replace.
        try:
            descriptor = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        os.close(descriptor)
        os.replace(temp, target)
        return True
