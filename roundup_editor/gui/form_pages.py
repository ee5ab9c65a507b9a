"""The editor's forms, each built the first time it is shown or asked for.

A window opens on the post details; the session, sponsors and people forms (and their modules)
are built when the outline first selects such a part, so the first window shows sooner. To the
rest of the window the pages are a read-only mapping from a form's name to the form.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget

from roundup_editor.core.post import (
    Block,
    Button,
    HeaderImage,
    Session,
    Sponsors,
    TextBlock,
    Truncate,
)

if TYPE_CHECKING:
    from roundup_editor.gui.forms import Form, FormHost

#: Each form's name and the class that builds it (module, class name).
FORM_CLASSES: dict[str, tuple[str, str]] = {
    "post": ("roundup_editor.gui.forms", "PostForm"),
    "header": ("roundup_editor.gui.forms", "HeaderForm"),
    "text": ("roundup_editor.gui.forms", "TextForm"),
    "button": ("roundup_editor.gui.forms", "ButtonForm"),
    "truncate": ("roundup_editor.gui.forms", "TruncateForm"),
    "sponsors": ("roundup_editor.gui.sponsors_form", "SponsorsForm"),
    "session": ("roundup_editor.gui.session_form", "SessionForm"),
    "people": ("roundup_editor.gui.people", "PeopleForm"),
}

#: The form that edits each kind of block.
FORM_FOR_BLOCK: dict[type[Block], str] = {
    HeaderImage: "header",
    TextBlock: "text",
    Button: "button",
    Truncate: "truncate",
    Sponsors: "sponsors",
    Session: "session",
}


class FormPages(Mapping[str, "Form"]):
    """The forms of one window's editor stack, built on first use.

    ``on_built(name, form)`` runs once for each form, right after it joined the stack.
    """

    def __init__(
        self,
        host: FormHost,
        stack: QStackedWidget,
        on_built: Callable[[str, Form], None] | None = None,
    ) -> None:
        """Pages for ``host`` (the window) shown in ``stack``; none is built yet."""
        self._host = host
        self._stack = stack
        self._built: dict[str, Form] = {}
        self.on_built = on_built

    def __getitem__(self, name: str) -> Form:
        """Return the form called ``name``, building it the first time."""
        form = self._built.get(name)
        if form is None:
            module_name, class_name = FORM_CLASSES[name]
            form_class = getattr(importlib.import_module(module_name), class_name)
            form = form_class(self._host)
            self._stack.addWidget(form)
            self._built[name] = form
            if self.on_built is not None:
                self.on_built(name, form)
        return form

    def show(self, name: str, block_id: int | None = None) -> Form:
        """Bind the form called ``name`` to ``block_id`` (None: no block), show it, return it."""
        form = self[name]
        form.bind(block_id)
        self._stack.setCurrentWidget(form)
        return form

    def show_block(self, block: Block) -> Form:
        """Show the form that edits ``block``, bound to it; return the form."""
        return self.show(FORM_FOR_BLOCK[type(block)], block.id)

    def __iter__(self) -> Iterator[str]:
        return iter(FORM_CLASSES)

    def __len__(self) -> int:
        return len(FORM_CLASSES)

    def built(self) -> dict[str, Form]:
        """Return the forms built so far, by name."""
        return dict(self._built)
