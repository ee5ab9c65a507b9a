"""A small weak-reference observer: the core notifies the GUI without importing Qt.

Listeners are held weakly (bound methods through :class:`weakref.WeakMethod`), so a closed
window or panel never stays alive only because the document it watched still exists.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_Ref = weakref.ReferenceType[Callable[..., Any]] | weakref.WeakMethod[Callable[..., Any]]


class Signal(Generic[T]):
    """A list of listeners called with one value; dead listeners drop out by themselves."""

    def __init__(self) -> None:
        """Start with no listeners."""
        self._listeners: list[_Ref] = []

    def connect(self, listener: Callable[[T], Any]) -> None:
        """Call ``listener(value)`` on every :meth:`emit` while the listener is alive."""
        ref: _Ref
        if hasattr(listener, "__self__") and hasattr(listener, "__func__"):
            ref = weakref.WeakMethod(listener)
        else:
            ref = weakref.ref(listener)
        if all(existing() != listener for existing in self._listeners):
            self._listeners.append(ref)

    def disconnect(self, listener: Callable[[T], Any]) -> None:
        """Stop calling ``listener``; unknown listeners are ignored."""
        self._listeners = [ref for ref in self._listeners if ref() not in (None, listener)]

    def emit(self, value: T) -> None:
        """Call every live listener with ``value``, in connection order."""
        alive: list[_Ref] = []
        for ref in list(self._listeners):
            listener = ref()
            if listener is None:
                continue
            alive.append(ref)
            listener(value)
        if len(alive) != len(self._listeners):
            self._listeners = [ref for ref in self._listeners if ref() is not None]

    def __len__(self) -> int:
        """Return the number of live listeners."""
        return sum(1 for ref in self._listeners if ref() is not None)
