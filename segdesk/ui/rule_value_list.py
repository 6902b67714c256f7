"""The value editor of "is one of" / "is none of": a button saying what is chosen ("3 values"), opening a
checkable list of the column's values with a search box that also adds values the list does not have.

Each tick is an edit of its own (the live count follows it), so the popup has no OK button.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from segdesk.core.io.table import ColumnType
from segdesk.ui.i18n import tr
from segdesk.ui.rule_value_shapes import number_text, parse_number
from segdesk.ui.rule_values import Completions

#: Values listed at most: a column of e-mails has as many values as customers; the search box adds others.
MAX_LISTED = 5_000
_NAMED, _SUMMARY_CHARS = 2, 28  # this few values, this short, are named on the button instead of counted
_TOOLTIP_VALUES = 30


class ListValueEditor(QPushButton):
    """``value()`` is a tuple of typed values (numbers for a number field, text otherwise)."""

    value_edited = Signal()  # the row reads value()

    def __init__(self, kind: ColumnType, completions: Completions | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._numeric = kind in (ColumnType.NUMBER, ColumnType.INTEGER)
        self._integer = kind == ColumnType.INTEGER
        self._completions = completions
        self._known: list[Any] | None = None  # the column's values, asked for when the list first opens
        self._values: tuple[Any, ...] = ()
        self.popup: ValueListPopup | None = None
        self.setMinimumWidth(140)
        self.clicked.connect(self._on_clicked)
        self._update_text()

    def value(self) -> tuple[Any, ...]:
        return self._values

    def set_value(self, value: Any) -> None:
        values = tuple(value) if isinstance(value, tuple | list) else ()
        if values != self._values:
            self._values = values
            self._update_text()
            if self.popup is not None and self.popup.isVisible():
                self.popup.show_checked(values)

    def typed(self, text: str) -> Any:
        """A value as the rule keeps it: a number for a number field when the text is one."""
        if not self._numeric:
            return text
        number = parse_number(text, self._integer)
        return text if number is None else number

    def shown(self, value: Any) -> str:
        return number_text(value) if self._numeric else str(value)

    def known_values(self) -> list[Any]:
        if self._known is None:
            raw = self._completions() if self._completions is not None else []
            self._known = [self.typed(str(v)) for v in raw[:MAX_LISTED]]
        return self._known

    def choose(self, values: tuple[Any, ...]) -> None:
        """The user's choice from the popup."""
        if values != self._values:
            self._values = values
            self._update_text()
            self.value_edited.emit()

    def _on_clicked(self) -> None:
        if self.popup is None:
            self.popup = ValueListPopup(self)
        self.popup.fill(self.known_values(), self._values)
        self.popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self.popup.show()
        self.popup.search.setFocus()

    def _update_text(self) -> None:
        shown = [self.shown(v) for v in self._values]
        joined = ", ".join(shown)
        if not shown:
            self.setText(tr("Choose values…"))
        elif len(shown) <= _NAMED and len(joined) <= _SUMMARY_CHARS:
            self.setText(joined)
        else:
            self.setText(tr("{count} values", count=len(shown)))
        more = len(shown) - _TOOLTIP_VALUES
        self.setToolTip("\n".join(shown[:_TOOLTIP_VALUES]) + (f"\n… (+{more})" if more > 0 else ""))


class ValueListPopup(QFrame):
    """Ticks for the known values, the chosen ones first; Enter in the search box adds what was typed."""

    def __init__(self, editor: ListValueEditor) -> None:
        super().__init__(editor, Qt.WindowType.Popup)
        self._editor = editor
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Find or add a value"))
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton(tr("Add"))
        self.clear_button = QPushButton(tr("Clear"))
        self.list = QListWidget()
        self.note = QLabel()
        self.note.setStyleSheet("color: gray")
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addStretch()
        bottom.addWidget(self.clear_button)
        layout.addLayout(bottom)
        self.resize(340, 360)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_add_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.list.itemChanged.connect(self._on_list_item_changed)

    def fill(self, known: list[Any], chosen: tuple[Any, ...]) -> None:
        """List the chosen values first (in their order), then the other known values."""
        self.list.blockSignals(True)
        self.list.clear()
        for value in [*chosen, *(v for v in known if v not in chosen)]:
            self._add_item(value, value in chosen)
        self.list.blockSignals(False)
        self.search.clear()
        self.note.setText(tr("Only the first {count} values are listed; type others above.", count=MAX_LISTED)
                          if len(known) >= MAX_LISTED else "")
        self.note.setVisible(len(known) >= MAX_LISTED)

    def show_checked(self, chosen: tuple[Any, ...]) -> None:
        self.list.blockSignals(True)
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen
                               else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)

    def add_value(self, text: str) -> None:
        """Tick ``text`` (typed for the field), adding it to the list when it is not there."""
        if not text.strip():
            return
        value = self._editor.typed(text.strip())
        for item in self._items():
            if item.data(Qt.ItemDataRole.UserRole) == value:
                item.setCheckState(Qt.CheckState.Checked)
                break
        else:
            self.list.blockSignals(True)
            self._add_item(value, True, row=0)
            self.list.blockSignals(False)
            self._emit()
        self.search.clear()

    def _add_item(self, value: Any, checked: bool, row: int | None = None) -> None:
        item = QListWidgetItem(self._editor.shown(value))
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if row is None:
            self.list.addItem(item)
        else:
            self.list.insertItem(row, item)

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _emit(self) -> None:
        chosen = [item.data(Qt.ItemDataRole.UserRole) for item in self._items()
                  if item.checkState() == Qt.CheckState.Checked]
        before = self._editor.value()
        # keep the order the values were chosen in: the rule and its sentence should not reshuffle on a tick
        ordered = tuple(v for v in before if v in chosen) + tuple(v for v in chosen if v not in before)
        self._editor.choose(ordered)

    def _on_list_item_changed(self, _: QListWidgetItem) -> None:
        self._emit()

    def _on_search_text_changed(self, text: str) -> None:
        needle = text.strip().casefold()
        for item in self._items():
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _on_add_clicked(self) -> None:
        self.add_value(self.search.text())

    def _on_clear_clicked(self) -> None:
        self.show_checked(())
        self._editor.choose(())
