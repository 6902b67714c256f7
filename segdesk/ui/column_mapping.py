"""Per column of an import: its type and role, pre-filled from detection, each overridable.

Only the choices the user actually changed become overrides; everything else stays "detect", so changing
the header row or the delimiter still lets detection re-decide the other columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from segdesk.core.io.table import ColumnInfo, ColumnType, Role
from segdesk.ui.i18n import tr
from segdesk.ui.labels import role_label, type_label
from segdesk.ui.widgets import ValueComboBox, signals_blocked

_NAME, _TYPE, _ROLE, _NOTES = range(4)


class ColumnMappingTable(QTableWidget):
    """One row per imported column: name in the file, type, role, empty and unreadable cells."""

    mapping_changed = Signal()  # the user changed a type or a role

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([tr("Column"), tr("Type"), tr("Role"), tr("Notes")])
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self._types: dict[str, ColumnType] = {}
        self._roles: dict[str, Role | None] = {}
        self._names: list[str] = []

    def type_overrides(self) -> dict[str, ColumnType]:
        return dict(self._types)

    def role_overrides(self) -> dict[str, Role | None]:
        return dict(self._roles)

    def clear_overrides(self) -> None:
        self._types.clear()
        self._roles.clear()

    def type_box(self, name: str) -> ValueComboBox:
        return self.cellWidget(self._names.index(name), _TYPE)  # type: ignore[return-value]

    def role_box(self, name: str) -> ValueComboBox:
        return self.cellWidget(self._names.index(name), _ROLE)  # type: ignore[return-value]

    def set_columns(self, columns: Sequence[ColumnInfo], roles: Sequence[Role]) -> None:
        """Show what the latest preview detected.

        Overrides of columns missing from this preview are kept: a user who tries another delimiter or
        header row and comes back finds their choices again (core ignores names a file does not have).
        """
        names = [c.name for c in columns]
        if names == self._names:
            # same columns: update in place, so a combo the user is working with is not replaced under them
            for row, column in enumerate(columns):
                self._update_row(row, column)
            return
        self._names = names
        with signals_blocked(self):
            self.setRowCount(len(columns))
            for row, column in enumerate(columns):
                self._fill_row(row, column, roles)

    def _update_row(self, row: int, column: ColumnInfo) -> None:
        for box, value in ((self.cellWidget(row, _TYPE), column.type.value),
                           (self.cellWidget(row, _ROLE), column.role.value if column.role else None)):
            with signals_blocked(box):
                box.set_value(value)  # type: ignore[union-attr]
        self.item(row, _NOTES).setText(_notes(column))

    def _fill_row(self, row: int, column: ColumnInfo, roles: Sequence[Role]) -> None:
        name = QTableWidgetItem(column.name)
        if column.source_name and column.source_name != column.name:
            name.setToolTip(tr("Header in the file: {header}", header=column.source_name))
        self.setItem(row, _NAME, name)
        types = ValueComboBox([(type_label(t), t.value) for t in ColumnType])
        types.set_value(column.type.value)
        types.currentIndexChanged.connect(lambda _=0, n=column.name, box=types: self._on_type_changed(n, box))
        self.setCellWidget(row, _TYPE, types)
        role_box = ValueComboBox([("—", None)] + [(role_label(r), r.value) for r in roles])
        role_box.set_value(column.role.value if column.role else None)
        role_box.currentIndexChanged.connect(lambda _=0, n=column.name, box=role_box: self._on_role_changed(n, box))
        self.setCellWidget(row, _ROLE, role_box)
        self.setItem(row, _NOTES, QTableWidgetItem(_notes(column)))

    def _on_type_changed(self, name: str, box: ValueComboBox) -> None:
        self._types[name] = ColumnType(box.value())
        self.mapping_changed.emit()

    def _on_role_changed(self, name: str, box: ValueComboBox) -> None:
        value = box.value()
        self._roles[name] = Role(value) if value else None
        self.mapping_changed.emit()


def _notes(column: ColumnInfo) -> str:
    parts = []
    if column.missing:
        parts.append(tr("empty: {number}", number=column.missing))
    if column.unparseable:
        parts.append(tr("unreadable: {number}", number=column.unparseable))
    if column.ambiguous_dates:
        parts.append(tr("day/month unclear"))
    return ", ".join(parts)
