"""PySide6's ``Qt`` namespace, built when the window first uses it rather than at start-up.

PySide6 makes its Python types when they are first looked up, and the ``Qt`` namespace is the
costliest of them: the first ``PySide6.QtCore.Qt`` (an attribute access or a
``from PySide6.QtCore import Qt``) builds its 94 enums, some 1,200 members, with Python's
``enum`` module: 20-40 ms on this project's machines, on one core, while nothing else can run
Python. A bare PySide6 window never pays it.

So the GUI modules import ``Qt`` from here: a stand-in that looks the real namespace up on its
first attribute access (type checkers see the real one). The code that builds the window
names no ``Qt`` enum: properties are set by the enum key's name (``set_enum_property``), and
calls whose default is the wanted value leave it out. ``build_qt_namespace`` then builds the
namespace on purpose, an event-loop turn after the first page has loaded
(``MainWindow.finish_start_up``), before the user's first key needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, Qt
else:

    class _LazyNamespace:
        """Stands in for ``PySide6.QtCore.Qt`` until an attribute of it is first asked for."""

        def __getattr__(self, name: str) -> Any:
            from PySide6.QtCore import Qt

            return getattr(Qt, name)

        def __repr__(self) -> str:
            return "<Qt namespace, built on first use>"

    Qt = _LazyNamespace()

__all__ = ["Qt", "build_qt_namespace", "set_enum_property"]


def build_qt_namespace() -> None:
    """Build PySide6's ``Qt`` namespace now (nothing when it has been built)."""
    from PySide6 import QtCore

    QtCore.Qt  # noqa: B018  (the lookup builds it)


def set_enum_property(target: QObject, name: str, key: str) -> None:
    """Set the Qt enum property ``name`` of ``target`` to the value whose key is ``key``.

    ``set_enum_property(label, "textFormat", "PlainText")`` does what
    ``label.setTextFormat(Qt.TextFormat.PlainText)`` does, through Qt's property system,
    which takes an enum's key by name: no ``Qt`` enum is looked up in Python. Raises
    ValueError when ``target`` has no such property or the enum no such key.
    """
    if not target.setProperty(name, key):
        raise ValueError(f"{type(target).__name__} has no enum property {name} = {key}")
