"""The sponsors form: the host and sponsors thanked in the post, reorderable by dragging."""

from __future__ import annotations

import copy

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QWidget,
)

from roundup_editor.core.post import Sponsor, Sponsors
from roundup_editor.gui.forms import Form, FormHost
from roundup_editor.gui.lazy_qt import Qt
from roundup_editor.gui.widgets import add_row


class SponsorsForm(Form):
    """Edit the list of sponsors: name, URL, host or sponsor, order."""

    heading = "Sponsors"

    def __init__(self, host: FormHost, parent: QWidget | None = None) -> None:
        """Build the list, its buttons and the fields of the selected sponsor."""
        super().__init__(host, parent)
        self.items = QListWidget()
        self.items.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.items.model().rowsMoved.connect(lambda *_: QTimer.singleShot(0, self._reordered))
        self.items.currentRowChanged.connect(self._show)
        add_row(self.layout_form, "&Sponsors", self.items, "Drag to reorder; hosts come first")
        row = QHBoxLayout()
        add = QPushButton("&Add sponsor")
        add.clicked.connect(self._add)
        remove = QPushButton("&Remove sponsor")
        remove.clicked.connect(self._remove)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.layout_form.addRow("", row)
        self.name = self.line("&Name", "The organisation's name")
        self.url = self.line("&URL", "The organisation's site")
        self.role = QComboBox()
        self.role.addItem("Sponsor", "sponsor")
        self.role.addItem("Host", "host")
        add_row(self.layout_form, "R&ole", self.role, "Host or sponsor")
        self.outer.addStretch(1)
        self.name.textEdited.connect(lambda text: self._edit("name", text))
        self.url.textEdited.connect(lambda text: self._edit("url", text or None))
        self.role.activated.connect(
            lambda index: self._edit("role", self.role.itemData(index), typing=False)
        )

    def _sponsors(self) -> list[Sponsor]:
        block = self.block()
        return block.sponsors if isinstance(block, Sponsors) else []

    def _reordered(self, *_args: object) -> None:
        current = self._sponsors()
        order = [
            self.items.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.items.count())
        ]
        self.set_field("sponsors", [copy.deepcopy(current[index]) for index in order], False)

    def _show(self, row: int) -> None:
        sponsors = self._sponsors()
        sponsor = sponsors[row] if 0 <= row < len(sponsors) else None
        for widget in (self.name, self.url, self.role):
            widget.setEnabled(sponsor is not None)
        self.name.set_text_keeping_cursor(sponsor.name if sponsor else "")
        self.url.set_text_keeping_cursor(sponsor.url or "" if sponsor else "")
        self.role.setCurrentIndex(1 if sponsor and sponsor.role == "host" else 0)

    def _edit(self, key: str, value: object, typing: bool = True) -> None:
        row = self.items.currentRow()
        sponsors = copy.deepcopy(self._sponsors())
        if not 0 <= row < len(sponsors):
            return
        setattr(sponsors[row], key, value)
        self.set_field("sponsors", sponsors, typing)

    def _add(self) -> None:
        sponsors = [*copy.deepcopy(self._sponsors()), Sponsor("New sponsor")]
        self.set_field("sponsors", sponsors, typing=False)
        self.items.setCurrentRow(len(sponsors) - 1)
        self.name.setFocus()
        self.name.selectAll()

    def _remove(self) -> None:
        row = self.items.currentRow()
        sponsors = self._sponsors()
        if 0 <= row < len(sponsors):
            kept = [copy.deepcopy(s) for index, s in enumerate(sponsors) if index != row]
            self.set_field("sponsors", kept, typing=False)

    def refresh(self) -> None:
        """Show the sponsors."""
        sponsors = self._sponsors()
        row = self.items.currentRow()
        self.items.blockSignals(True)
        self.items.clear()
        for index, sponsor in enumerate(sponsors):
            role = " (host)" if sponsor.role == "host" else ""
            self.items.addItem(sponsor.name + role)
            self.items.item(index).setData(Qt.ItemDataRole.UserRole, index)
        row = min(max(row, 0), len(sponsors) - 1)
        self.items.setCurrentRow(row)
        self.items.blockSignals(False)
        self.title_label.setText(f"<b>Sponsors ({len(sponsors)})</b>")
        self._show(row)
