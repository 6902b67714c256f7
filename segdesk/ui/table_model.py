"""``CustomerTableModel``: an imported table for Qt views, fast at a million rows.

The model adapts a Qt-free :class:`segdesk.core.model.view.FrameView`: ``data()`` never touches pandas. The
values of the rows on screen are read from core in blocks and formatted once per block; sorting runs off the
GUI thread and swaps the view's index array; filters (quick search, a quality item) do the same. No
``QSortFilterProxyModel``: at a million rows it would call ``lessThan`` twenty million times in Python.
"""

from __future__ import annotations

import re
from collections import OrderedDict

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from segdesk.core.io.table import ColumnInfo, ImportedTable, Role
from segdesk.core.model.view import FrameView, TableColumns, sort_order
from segdesk.ui.formatting import ValueFormatter, is_right_aligned
from segdesk.ui.i18n import locale, tr
from segdesk.ui.labels import role_label, type_label
from segdesk.ui.workers import TaskRunner

_BLOCK = 128  # rows read and formatted at once: a screenful, so scrolling rarely reads twice
_CACHED_BLOCKS = 512
_Index = QModelIndex | QPersistentModelIndex
_IDENTIFIER_ROLES = frozenset({Role.CUSTOMER_ID, Role.ORDER_ID, Role.PHONE})
_MONEY_ROLES = frozenset({Role.TOTAL_SPENT, Role.AMOUNT})
# Headers of numbers that name things rather than count them ("Record ID", "Order #", "LEID", "Индекс").
_NUMBERED = re.compile(r"[#№]|^\W*(?:id|no|nr|code|leid|euid|zip|код|номер|индекс)\b|"
                       r"\b(?:id|no|nr|num|number|code|leid|euid|zip|postal|код|номер|индекс)\W*$", re.IGNORECASE)


def _identifier(info: ColumnInfo) -> bool:
    """Numbers that name (customer 1001, order 50001): "1,001" would misquote them."""
    return info.role in _IDENTIFIER_ROLES or bool(_NUMBERED.search(info.source_name or info.name))
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)


class CustomerTableModel(QAbstractTableModel):
    """Rows of an :class:`ImportedTable`, sorted and filtered through an index array."""

    sort_started = Signal()  # a sort is running off the GUI thread
    sort_finished = Signal()  # a requested sort is now shown
    rows_changed = Signal()  # the set or order of rows shown changed (sort, filter, new table)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: ImportedTable | None = None
        self._view: FrameView | None = None
        self._infos: list[ColumnInfo | None] = []
        self._formatters: dict[int, ValueFormatter] = {}
        self._texts: OrderedDict[tuple[int, int], list[str]] = OrderedDict()
        self._sorter = TaskRunner(self)
        self._sorter.succeeded.connect(self._on_sorter_succeeded)
        self._sorter.failed.connect(self._on_sorter_failed)

    # --- what is shown ---

    def set_table(self, table: ImportedTable | None) -> None:
        self._sorter.cancel()
        self.beginResetModel()
        self._table = table
        self._view = FrameView(TableColumns(table.frame)) if table is not None else None
        by_name = {c.name: c for c in table.columns} if table is not None else {}
        self._infos = [by_name.get(name) for name in self._view.columns.names] if self._view else []
        self._formatters.clear()
        self._forget_texts()
        self.endResetModel()
        self.rows_changed.emit()

    def table(self) -> ImportedTable | None:
        return self._table

    def frame_view(self) -> FrameView | None:
        return self._view

    @property
    def total_rows(self) -> int:
        return self._view.columns.row_count if self._view else 0

    def column_info(self, column: int) -> ColumnInfo | None:
        return self._infos[column] if 0 <= column < len(self._infos) else None

    def set_filter(self, name: str, positions: np.ndarray | None) -> None:
        """Show only frame ``positions`` for filter ``name`` (None removes it); filters combine with AND."""
        if self._view is None:
            return
        self.beginResetModel()
        self._view.set_filter(name, positions)
        self._forget_texts()
        self.endResetModel()
        self.rows_changed.emit()

    def source_row(self, row: int) -> int:
        """The 1-based row number in the source file of display ``row``."""
        assert self._table is not None and self._view is not None
        return int(self._table.source_rows[self._view.positions(row, row + 1)[0]])

    # --- Qt model interface ---

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self._view is None else self._view.row_count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._view is None else len(self._view.columns.names)

    def data(self, index: _Index, role: int = _DISPLAY) -> object:
        # called for every role of every cell on screen: cheapest checks first, no enum arithmetic
        if role == _DISPLAY:
            if self._view is None:
                return None
            return self._text(index.row(), index.column())
        if role == _ALIGNMENT and self._view is not None:
            return _RIGHT if is_right_aligned(self._view.columns.kinds[index.column()]) else _LEFT
        return None

    def sample_texts(self, column: int, rows: int = 60) -> list[str]:
        """What the first ``rows`` rows show in ``column`` (for sizing columns without asking Qt to)."""
        return [self._text(r, column) for r in range(min(rows, self.rowCount()))]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self._view is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self._view.row_count:
                return str(self.source_row(section))
            if role == Qt.ItemDataRole.ToolTipRole:
                return tr("Row number in the file")
            return None
        if not 0 <= section < len(self._view.columns.names):
            return None
        name = self._view.columns.names[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{name}\n{self._describe(section)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tooltip(section, name)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Start sorting on a pool thread; the rows change when it is done (``sort_finished``)."""
        if self._view is None:
            return
        if column < 0:
            self._sorter.cancel()
            self._apply_order(None, None, True)
            return
        ascending = order == Qt.SortOrder.AscendingOrder
        self.sort_started.emit()
        self._sorter.start(_sorted, self._view.columns, column, ascending)

    # --- internals ---

    def _describe(self, column: int) -> str:
        info = self._infos[column]
        if info is None:
            return ""
        if info.role is None:
            return type_label(info.type)
        return tr("{type} · {role}", type=type_label(info.type), role=role_label(info.role))

    def _header_tooltip(self, column: int, name: str) -> str:
        info = self._infos[column]
        lines = [tr("Column: {name}", name=name)]
        if info is not None:
            if info.source_name and info.source_name != name:
                lines.append(tr("Header in the file: {header}", header=info.source_name))
            lines.append(tr("Type: {type}", type=type_label(info.type)))
            lines.append(tr("Role: {role}", role=role_label(info.role)))
            if info.missing:
                lines.append(tr("Empty cells: {number}", number=info.missing))
        lines.append(tr("Click to sort"))
        return "\n".join(lines)

    def _text(self, row: int, column: int) -> str:
        block = row // _BLOCK
        texts = self._texts.get((column, block))
        if texts is None:
            texts = self._read_block(column, block)
        return texts[row - block * _BLOCK] if row - block * _BLOCK < len(texts) else ""

    def _read_block(self, column: int, block: int) -> list[str]:
        assert self._view is not None
        formatter = self._formatters.get(column)
        if formatter is None:
            columns = self._view.columns
            info = self._infos[column]
            decimals = columns.decimals(column)
            if decimals == 1 and info is not None and info.role in _MONEY_ROLES:
                decimals = 2  # 987.10, not 987.1
            formatter = ValueFormatter(columns.kind(column), locale(), decimals,
                                       grouping=info is None or not _identifier(info))
            self._formatters[column] = formatter
        start = block * _BLOCK
        texts = [_shortened(formatter(v)) for v in self._view.values(column, start, start + _BLOCK)]
        self._texts[(column, block)] = texts
        if len(self._texts) > _CACHED_BLOCKS:
            self._texts.popitem(last=False)
        return texts

    def _forget_texts(self) -> None:
        self._texts.clear()

    def _on_sorter_succeeded(self, result: tuple[np.ndarray, int, bool]) -> None:
        order, column, ascending = result
        self._apply_order(order, column, ascending)
        self.sort_finished.emit()

    def _on_sorter_failed(self, _: BaseException) -> None:
        self.rows_changed.emit()  # nothing moved; let views drop their "Sorting…"

    def _apply_order(self, order: np.ndarray | None, column: int | None, ascending: bool) -> None:
        assert self._view is not None
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        positions = [int(self._view.positions(i.row(), i.row() + 1)[0]) for i in persistent]
        self._view.set_order(order, column, ascending)
        self._forget_texts()
        if persistent:
            rows = self._view.display_rows(positions).tolist()
            self.changePersistentIndexList(
                persistent, [self.index(r, i.column()) if r >= 0 else QModelIndex() for r, i in zip(rows, persistent,
                                                                                                     strict=True)])
        self.layoutChanged.emit()
        self.rows_changed.emit()


def _sorted(columns: TableColumns, column: int, ascending: bool, progress: object = None) -> tuple:
    """Runs on a pool thread: a plain function of immutable inputs."""
    return sort_order(columns, column, ascending), column, ascending


#: A cell shows at most this many characters: Qt lays out the whole string on every paint, and a 5 MB
#: note field would freeze the window for seconds.
_MAX_SHOWN = 1000


def _shortened(text: str) -> str:
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"
