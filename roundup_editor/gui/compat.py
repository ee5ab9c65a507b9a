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
import os
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
    """Give PySide6's import hook its answers for the start-up modules without reading them.

    PySide6 replaces ``import``: the first time any module is imported by name after PySide6,
    it reads that module's whole source (``inspect.getsource``) to see whether it mentions
    "PySide6", and records the answer in its table of ``__feature__`` users (0: a PySide6 user
    with no feature switched on; -1: not a user, ignored). That is ~0.2 ms a module, for the
    ~40 modules loaded before PySide6 (the standard library and the Qt-free core, which the
    window's modules import again by name) and the ~50 the window imports after it. Written
    here instead, the answers cost next to nothing:

    * the modules loaded already: -1 (none of them uses PySide6; PySide's own, and the GUI
      package and the app module, are left to the hook);
    * the standard library's and Python-Markdown's modules the window imports later: -1;
    * this GUI package's modules: the hook's own test (does the source mention "PySide6"?),
      run on the file's bytes, which is cheaper than ``inspect`` reading it.

    When PySide6's internals differ from 6.12's, nothing is written and the hook reads the
    sources as before. Return the number of answers written.
    """
    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return 0
    answers = {name: -1 for name in sys.modules if not name.startswith(_SCANNED)}
    answers.update(dict.fromkeys(_PLAIN_LATER, -1))
    answers.update(_gui_answers())
    written = 0
    for name, answer in answers.items():
        if name not in table:
            table[name] = answer
            written += 1
    return written


def _gui_answers() -> dict[str, int]:
    """Return the hook's answer for each module of the GUI package (and its preview package)."""
    answers = {}
    gui = os.path.dirname(os.path.abspath(__file__))
    preview = os.path.join(gui, "preview")
    for folder, package in ((gui, "roundup_editor.gui"), (preview, "roundup_editor.gui.preview")):
        try:
            files = [entry.name for entry in os.scandir(folder) if entry.name.endswith(".py")]
        except OSError:
            continue
        for file in files:
            name = package if file == "__init__.py" else f"{package}.{file[:-3]}"
            try:
                with open(os.path.join(folder, file), "rb") as source:
                    answers[name] = 0 if b"PySide6" in source.read() else -1
            except OSError:
                continue  # left to the hook
    return answers


# Modules the hook still reads: PySide's own, and ours that import Qt.
_SCANNED = (
    "PySide6",
    "shiboken6",
    "shibokensupport",
    "roundup_editor.gui",
    "roundup_editor.app",
    "__main__",
)

#: Modules of the standard library and Python-Markdown the window imports after PySide6 (at
#: start-up, or on the preview thread once the page has loaded). None of them names PySide6.
_PLAIN_LATER = (
    "concurrent",
    "concurrent.futures",
    "concurrent.futures._base",
    "concurrent.futures.thread",
    "heapq",
    "queue",
    "json",
    "json.decoder",
    "json.encoder",
    "json.scanner",
    "hashlib",
    "xml",
    "xml.etree",
    "xml.etree.ElementTree",
    "xml.etree.ElementPath",
    "_markupbase",
    "html.parser",
    "markdown",
    "markdown.__meta__",
    "markdown.blockparser",
    "markdown.blockprocessors",
    "markdown.core",
    "markdown.extensions",
    "markdown.extensions.sane_lists",
    "markdown.extensions.tables",
    "markdown.htmlparser",
    "markdown.inlinepatterns",
    "markdown.postprocessors",
    "markdown.preprocessors",
    "markdown.serializers",
    "markdown.treeprocessors",
    "markdown.util",
)
