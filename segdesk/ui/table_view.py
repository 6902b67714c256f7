"""A QTableView set up for big imported tables."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from segdesk.ui.table_model import CustomerTableModel

#: Columns are sized to their header and the first rows, never wider than this.
_WIDEST_COLUMN = 320
_SIZED_FROM_ROWS = 60
_CELL_PADDING = 16


def make_table_view(model: CustomerTableModel, sortable: bool = True, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if sortable:
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # file order until the user clicks a header
        header.setSortIndicatorClearable(True)
        view.setSortingEnabled(True)
    rows = view.verticalHeader()
    # fixed row heights: Qt never measures a million rows, so opening and jumping to the end stay instant
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


def fit_columns(view: QTableView, model: CustomerTableModel) -> None:
    """Size columns to their header and first rows.

    Measured here rather than with ``resizeColumnsToContents()``: Qt's version asks the model for ten roles
    of every sampled cell, which alone took longer than the whole first paint of a million rows.
    """
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    for column in range(model.columnCount()):
        texts = model.sample_texts(column, _SIZED_FROM_ROWS)
        content = max((metrics.horizontalAdvance(t) for t in texts), default=0) + _CELL_PADDING
        width = max(header.sectionSizeHint(column), content)
        header.resizeSection(column, min(width, _WIDEST_COLUMN))
