"""Work around a PySide6 6.12 reference-count bug on Python 3.11.

Measured here (PySide6 6.12.0, CPython 3.11.7): every call of a Qt method returning ``void``
drops one reference to ``None`` that it never took (``QLabel().setText("x")`` lowers
``sys.getrefcount(None)`` by one). On Python 3.12+ ``None`` is immortal and nothing happens; on
3.11 the count reaches zero after some ten thousand calls and the interpreter aborts with
"Fatal Python error: none_dealloc". Typing a few hundred characters in the editor was enough.
``True``/``False`` suffer the same way through overridden virtuals returning ``bool``
("bool_dealloc" at exit).

:func:`protect_none` gives ``None``, ``True`` and ``False`` a huge reference count once, which
is what 3.12 does (immortal objects).
"""

from __future__ import annotations

import ctypes
import sys

_DONE = False
_EXTRA_REFERENCES = 1 << 48


def protect_none() -> None:
    """Make ``None``, ``True`` and ``False`` effectively immortal on Python < 3.12 (idempotent)."""
    global _DONE
    if _DONE or sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        counter = ctypes.c_ssize_t.from_address(id(singleton))
        counter.value += _EXTRA_REFERENCES
    _DONE = True
