"""Item models of the RFM page: the segment and lifecycle summaries, and what each score means.

The models adapt what core computed (``segment_summary``, ``lifecycle_summary``, ``RfmResult.ranges``): the
columns are read into numpy arrays and formatted once when a result arrives; sorting reorders an index array.
The tables are small (a row per segment or score), but they follow the same habit as the customer table.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from segdesk.core.rfm.scoring import ScoreRange
from segdesk.ui.i18n import format_int, tr
from segdesk.ui.rfm_labels import LETTERS, bounds_text, days, dimension_name, money, percent, range_text

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)

#: The summary's numeric columns, in the order shown, with how each is written.
_SUMMARY_COLUMNS: list[tuple[str, Callable[[float], str]]] = [
    ("customers", lambda v: format_int(int(v))),
    ("share", percent),
    ("revenue", money),
    ("revenue_share", percent),
    ("avg_order_value", money),
    ("avg_recency", days),
]


def _summary_headers() -> list[tuple[str, str]]:
    """(header, tooltip) of the numeric columns. Short two-line headers keep the columns as narrow as their
    numbers, so the table fits beside the grid; the tooltip says exactly what a column holds."""
    return [(tr("Customers"), tr("Customers in the group")),
            (tr("Share"), tr("Share of all customers")),
            (tr("Revenue"), tr("What the group's customers spent up to the as-of date")),
            (tr("Revenue\nshare"), tr("Share of all revenue")),
            (tr("Average\norder"), tr("Average order value: the group's revenue divided by its orders")),
            (tr("Average\nrecency"), tr("Average number of days from the last purchase to the as-of date"))]


class SummaryModel(QAbstractTableModel):
    """One row per segment (or lifecycle stage): name, customers, shares, revenue, averages. Sortable."""

    def __init__(self, first_header: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        headers = _summary_headers()
        self._headers = [first_header, *(h for h, _ in headers)]
        self._header_tips = ["", *(t for _, t in headers)]
        self._keys: list[str] = []
        self._names: list[str] = []
        self._colours: list[QColor | None] = []
        self._values: list[np.ndarray] = []  # per numeric column
        self._texts: list[list[str]] = []  # per column, in summary order
        self._order = np.zeros(0, dtype=np.int64)  # display row -> summary row
        self._sorted_by: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def set_summary(self, summary: pd.DataFrame, names: list[str],
                    colours: list[QColor | None] | None = None) -> None:
        """``summary`` as core's ``segment_summary`` gives it; ``names`` (and ``colours``) per row."""
        self.beginResetModel()
        self._keys = [str(k) for k in summary["segment"]]
        self._names = list(names)
        self._colours = list(colours) if colours is not None else [None] * len(names)
        self._values = [summary[name].to_numpy(np.float64) for name, _ in _SUMMARY_COLUMNS]
        self._texts = [self._names] + [[fmt(v) for v in values] for values, (_, fmt) in
                                       zip(self._values, _SUMMARY_COLUMNS, strict=True)]
        self._order = self._ordered(*self._sorted_by)  # a new result keeps the user's sort
        self.endResetModel()

    def key(self, row: int) -> str:
        """The segment (or stage) key of display ``row``."""
        return self._keys[int(self._order[row])]

    def name(self, row: int) -> str:
        return self._names[int(self._order[row])]

    def column_values(self, column: int) -> list[float]:
        """The numbers of ``column`` (1..) in display order, for tests and charts."""
        return self._values[column - 1][self._order].tolist()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = _DISPLAY) -> object:
        if not index.isValid():
            return None
        row = int(self._order[index.row()])
        if role == _DISPLAY:
            return self._texts[index.column()][row]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if index.column() == 0 else _RIGHT
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return self._colours[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("Click to list these customers on the Data page.")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == _DISPLAY:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips[section] or None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (-1: summary order). Missing values (a stage without purchases) stay last."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        rows = [int(self._order[i.row()]) for i in persistent]  # the summary rows selected
        self._sorted_by = (column, order)
        self._order = self._ordered(column, order)
        where = np.argsort(self._order)  # summary row -> display row
        self.changePersistentIndexList(persistent, [self.index(int(where[r]), i.column())
                                                    for r, i in zip(rows, persistent, strict=True)])
        self.layoutChanged.emit()

    def _ordered(self, column: int, order: Qt.SortOrder) -> np.ndarray:
        n = len(self._keys)
        descending = order == Qt.SortOrder.DescendingOrder
        if column < 0 or n == 0:
            return np.arange(n, dtype=np.int64)
        if column == 0:
            ranked = sorted(range(n), key=lambda i: self._names[i].casefold(), reverse=descending)
            return np.array(ranked, dtype=np.int64)
        values = self._values[column - 1]
        return np.argsort(-values if descending else values, kind="stable").astype(np.int64)  # NaN sorts last


class ScoreRangeModel(QAbstractTableModel):
    """One row per dimension and score: what values the customers with it have; fixed bounds when defined."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = []
        self._fixed = False

    def set_ranges(self, ranges: list[ScoreRange], fixed: bool) -> None:
        self.beginResetModel()
        self._fixed = fixed
        self._rows = []
        for rng in ranges:
            row = [dimension_name(rng.dimension), f"{LETTERS[rng.dimension]}{rng.score}", range_text(rng)]
            if fixed:
                row.append(bounds_text(rng))
            row.append(format_int(rng.customers))
            self._rows.append(row)
        self.endResetModel()

    def headers(self) -> list[str]:
        headers = [tr("Dimension"), tr("Score"), tr("Customers' values")]
        if self._fixed:
            headers.append(tr("Defined by the thresholds"))
        return [*headers, tr("Customers")]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers())

    def data(self, index: _Index, role: int = _DISPLAY) -> object:
        if not index.isValid():
            return None
        if role == _DISPLAY:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if index.column() == self.columnCount() - 1 else _LEFT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:  # noqa: N802
        headers = self.headers()
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < len(headers):
            return headers[section]
        return None


def make_small_table(model: QAbstractTableModel, sortable: bool, parent: QWidget | None = None) -> QTableView:
    """A read-only table for a few rows: whole rows selected, the first column stretched."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    if sortable:
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorClearable(True)
        view.setSortingEnabled(True)
    return view


#: Room around a cell's text, and beside a header's text for the sort arrow.
_CELL_PADDING, _HEADER_PADDING = 14, 20


def fit_summary_columns(view: QTableView) -> None:
    """Size each column to its widest line of header or cell text (Qt's own hints leave generous margins that
    would push the summaries off the screen beside the grid)."""
    model = view.model()
    header = view.horizontalHeader()
    bold_metrics, metrics = header.fontMetrics(), view.fontMetrics()
    icon = view.iconSize().width() + 8 if view.iconSize().isValid() else 24
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = max((bold_metrics.horizontalAdvance(line) for line in title.split("\n")), default=0) + _HEADER_PADDING
        for row in range(model.rowCount()):
            index = model.index(row, column)
            text = str(index.data() or "")
            extra = icon if index.data(Qt.ItemDataRole.DecorationRole) is not None else 0
            width = max(width, metrics.horizontalAdvance(text) + _CELL_PADDING + extra)
        header.resizeSection(column, width)


def content_width(view: QTableView) -> int:
    """The width that shows every column of ``view`` whole (and a vertical scroll bar)."""
    header = view.horizontalHeader()
    columns = sum(header.sectionSize(i) for i in range(view.model().columnCount()))
    return columns + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width() + 2
