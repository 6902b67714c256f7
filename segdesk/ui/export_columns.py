"""The columns an export writes: tick to include, edit a header to rename it, move rows up and down, add an
imported column, go back to the preset's columns, save the choice as a preset of one's own.

Each row holds its :class:`ColumnSpec` (where the values come from); the header cell is both the tick box and the
editable header. Unticked rows stay listed so they can be ticked again.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from segdesk.core.export.model import ColumnSpec, Source
from segdesk.core.io.table import ImportedTable
from segdesk.ui.export_labels import source_label
from segdesk.ui.i18n import tr
from segdesk.ui.widgets import FlowLayout, one_line, signals_blocked

_SPEC = Qt.ItemDataRole.UserRole

Row = tuple[ColumnSpec, bool]  # a column and whether it is exported


def column_rows(default: tuple[ColumnSpec, ...], chosen: tuple[ColumnSpec, ...] | None) -> list[Row]:
    """The rows to show: the ``chosen`` columns ticked (None: the preset's ``default``), then the preset's
    columns not chosen, unticked, so that they can be ticked again."""
    if chosen is None:
        return [(spec, True) for spec in default]
    keys = {(spec.source, spec.key) for spec in chosen}
    return [(spec, True) for spec in chosen] + [(s, False) for s in default if (s.source, s.key) not in keys]


class ColumnEditor(QWidget):
    edited = Signal()  # the user changed the columns

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("export_columns")
        self.table.setHorizontalHeaderLabels([tr("Header in the file"), tr("Values from")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 240)
        self.up_button = QPushButton(tr("Up"))
        self.down_button = QPushButton(tr("Down"))
        self.add_button = QPushButton(tr("Add column"))
        self.add_menu = QMenu(self.add_button)
        self.add_button.setMenu(self.add_menu)
        self.add_button.setToolTip(tr("Add an imported column to the file"))
        self.reset_button = QPushButton(tr("Preset's columns"))
        self.reset_button.setToolTip(tr("Go back to the columns of the chosen preset"))
        self.save_button = QPushButton(tr("Save as preset…"))
        self.save_button.setToolTip(tr("Keep these columns and headers as a preset of your own"))
        self._customers: ImportedTable | None = None
        self._build()
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.add_menu.aboutToShow.connect(self._on_add_menu_about_to_show)
        self._update_buttons()

    def _build(self) -> None:
        buttons = QWidget()  # the buttons wrap onto a second line rather than hold the window wide
        flow = FlowLayout(buttons)
        flow.addWidget(one_line(self.up_button, self.down_button))
        for button in (self.add_button, self.reset_button, self.save_button):
            flow.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    # --- rows in and out ---

    def set_rows(self, rows: list[Row], customers: ImportedTable | None) -> None:
        """Show ``rows`` (no ``edited``): the columns of ``customers`` name where the values come from."""
        self._customers = customers
        with signals_blocked(self.table):
            self.table.setRowCount(0)
            for spec, included in rows:
                self._append(spec, included)
        self._update_buttons()

    def rows(self) -> list[Row]:
        return [(self._spec(r), self.table.item(r, 0).checkState() == Qt.CheckState.Checked)
                for r in range(self.table.rowCount())]

    def columns(self) -> tuple[ColumnSpec, ...]:
        """The ticked columns, in order, with their headers as edited."""
        return tuple(spec for spec, included in self.rows() if included)

    def add_column(self, name: str) -> None:
        """Add the imported column ``name`` at the end, ticked, headed with its name."""
        with signals_blocked(self.table):
            self._append(ColumnSpec(Source.COLUMN, name, name), True)
        self.table.selectRow(self.table.rowCount() - 1)
        self.edited.emit()

    def _append(self, spec: ColumnSpec, included: bool) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        header = QTableWidgetItem(spec.header)
        header.setData(_SPEC, spec)
        header.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
                        | Qt.ItemFlag.ItemIsUserCheckable)
        header.setCheckState(Qt.CheckState.Checked if included else Qt.CheckState.Unchecked)
        header.setToolTip(tr("Tick to write this column; double-click to rename it"))
        source = QTableWidgetItem(source_label(spec, self._customers))
        source.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.table.setItem(row, 0, header)
        self.table.setItem(row, 1, source)

    def _spec(self, row: int) -> ColumnSpec:
        item = self.table.item(row, 0)
        return replace(item.data(_SPEC), header=item.text().strip())

    # --- edits ---

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        spec: ColumnSpec = item.data(_SPEC)
        if item.column() != 0 or spec is None:
            return
        if not item.text().strip():  # a file needs a header for every column: keep the one it had
            with signals_blocked(self.table):
                item.setText(spec.header)
            return
        with signals_blocked(self.table):
            item.setData(_SPEC, replace(spec, header=item.text().strip()))
        self._update_buttons()
        self.edited.emit()

    def _move(self, step: int) -> None:
        row = self._current_row()
        if row is None or not 0 <= row + step < self.table.rowCount():
            return
        rows = self.rows()
        rows[row], rows[row + step] = rows[row + step], rows[row]
        self.set_rows(rows, self._customers)
        self.table.selectRow(row + step)
        self.edited.emit()

    def _current_row(self) -> int | None:
        selected = self.table.selectionModel().selectedRows()
        return selected[0].row() if selected else None

    def _update_buttons(self) -> None:
        row = self._current_row()
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < self.table.rowCount() - 1)
        self.add_button.setEnabled(self._customers is not None)
        self.save_button.setEnabled(any(included for _, included in self.rows()))

    def _on_add_menu_about_to_show(self) -> None:
        self.add_menu.clear()
        if self._customers is None:
            return
        listed = {spec.key for spec, _ in self.rows() if spec.source == Source.COLUMN}
        for name in self._customers.frame.columns:
            if name not in listed:
                self.add_menu.addAction(str(name)).triggered.connect(lambda _=False, n=str(name): self.add_column(n))
        if self.add_menu.isEmpty():
            self.add_menu.addAction(tr("Every column is listed")).setEnabled(False)
