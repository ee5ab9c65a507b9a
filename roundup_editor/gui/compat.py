"""Work around a PySide6 6.12 reference-count bug on Python 3.11, and a start-up cost.

Measured here (PySide6 6.12.0, CPython 3.11.7): every call of a Qt method returning ``void``
drops one reference to ``None`` that it never took (``QLabel().setText("x")`` lowers
``sys.getrefcount(None)`` by one). On Python 3.12+ ``None`` is immortal and nothing happens; on
3.11 the count reaches zero after some ten thousand calls and the interpreter aborts with
"Fatal Python error: none_dealloc". Typing a few hundred characters in the editor was enough.
``True``/``False`` suffer the same way through overridden virtuals returning ``bool``
("bool_dealloc" at exit).

:func:`protect_none` gives ``None``, ``True`` and ``False`` a huge reference count once, which
is what 3.12 does (immortal objects).

:func:`skip_feature_scan` spares PySide6 reading the source of modules that were loaded before
it: see there.
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


def skip_feature_scan() -> int:
    """Tell PySide6's import hook that the modules loaded before PySide6 do not use it.

    PySide6 replaces ``import``: the first time any module is imported by name after PySide6,
    it reads that module's whole source (``inspect.getsource``) to see whether it mentions
    "PySide6", and records the answer in its table of ``__feature__`` users (-1 for "not a
    user"). The standard library and the Qt-free core are loaded before PySide6 and the window's
    modules import them again by name: some 40 sources read, ~10 ms at every start. The answer
    for them is known (-1; the GUI package and the app module, which do name PySide6, are left
    to the hook), so it is written into the table here. When PySide6's internals differ from
    6.12's, nothing is written and the hook reads the sources as before. Return the count.
    """
    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return 0
    written = 0
    for name in list(sys.modules):
        if name in table or name.startswith(_SCANNED):
            continue
        table[name] = -1
        written += 1
    return written


# Modules the hook still reads: PySide's own, and ours that import Qt.
_SCANNED = (
    "PySide6",
    "shiboken6",
    "shibokensupport",
    "roundup_editor.gui",
    "roundup_editor.app",
    "__main__",
)
