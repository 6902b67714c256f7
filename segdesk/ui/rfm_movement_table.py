"""The movement matrix on screen: a table model over :class:`~segdesk.core.rfm.charts.MovementTable` (with
totals, shading and the stayed diagonal in bold) and a header that writes column names bottom-up."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

from segdesk.core.rfm.charts import MovementTable
from segdesk.ui.i18n import locale, tr
from segdesk.ui.rfm_labels import money
from segdesk.ui.rfm_palette import tint

_Index = QModelIndex | QPersistentModelIndex
_STAYED, _MOVED, _TOTAL = QColor("#54A24B"), QColor("#4C78A8"), QColor("#E6E6E6")
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


class MovementModel(QAbstractTableModel):
    """A :class:`MovementTable` with a totals row and column; reads prepared arrays only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table: MovementTable | None = None
        self._names: list[str] = []
        self._dates = ("", "")
        self._revenue = False
        self._bold = QFont()
        self._bold.setBold(True)

    def set_table(self, table: MovementTable | None, names: list[str], dates: tuple[str, str], revenue: bool) -> None:
        self.beginResetModel()
        self.table, self._names, self._dates, self._revenue = table, names, dates, revenue
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() or self.table is None else len(self._names) + 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return self.rowCount(parent)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._names[section] if section < len(self._names) else tr("Total")
        if role == Qt.ItemDataRole.ToolTipRole:
            date = self._dates[0 if orientation == Qt.Orientation.Vertical else 1]
            return tr("Segment on {date}", date=date)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        t = self.table
        if t is None or not index.isValid():
            return None
        row, column, n = index.row(), index.column(), len(self._names)
        total = row == n or column == n
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._value(row, column)
            return "" if value == 0 and not total else self._format(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and (row == column or total):
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            if total:
                return QBrush(_TOTAL)
            level = float(t.shade[row, column])
            return QBrush(tint(_STAYED if row == column else _MOVED, 0.08 + 0.62 * level)) if level else None
        if role == Qt.ItemDataRole.ToolTipRole and not total:
            return self._tooltip(row, column)
        return None

    def _value(self, row: int, column: int) -> float:
        t, n = self.table, len(self._names)
        assert t is not None
        if row == n and column == n:
            return t.total
        if row == n:
            return float(t.column_totals[column])
        if column == n:
            return float(t.row_totals[row])
        return float(t.values[row, column])

    def _format(self, value: float) -> str:
        return money(value) if self._revenue else locale().toString(int(round(value)))

    def _tooltip(self, row: int, column: int) -> str:
        a, b = self._names[row], self._names[column]
        value = self._value(row, column)
        if self._revenue:
            return tr("Customers who were “{a}” on {date_a} and “{b}” on {date_b} spent {amount} in between.",
                      a=a, b=b, date_a=self._dates[0], date_b=self._dates[1], amount=money(value))
        return tr("{count} customers were “{a}” on {date_a} and “{b}” on {date_b}.", count=int(round(value)),
                  a=a, b=b, date_a=self._dates[0], date_b=self._dates[1])


class RotatedHeader(QHeaderView):
    """Column names written bottom-up: a dozen segment names side by side would otherwise need columns far
    wider than their numbers, or cut words ("Потенциально") in half."""

    _MAX_HEIGHT = 200

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(False)

    def fit(self, names: list[str]) -> None:
        """As tall as the longest name (within reason: longer ones are elided)."""
        longest = max((self.fontMetrics().horizontalAdvance(n) for n in names), default=0)
        self.setFixedHeight(min(longest + 16, self._MAX_HEIGHT))

    def paintSection(self, painter: QPainter, rect: QRect, index: int) -> None:  # noqa: N802 - Qt's name
        option = QStyleOptionHeader()
        option.initFrom(self)
        option.rect = rect
        option.orientation = Qt.Orientation.Horizontal
        option.section = index
        self.style().drawControl(QStyle.ControlElement.CE_HeaderSection, option, painter, self)
        model = self.model()
        text = str(model.headerData(index, Qt.Orientation.Horizontal) or "") if model is not None else ""
        painter.save()
        painter.translate(rect.left(), rect.bottom())
        painter.rotate(-90)
        area = QRect(6, 0, rect.height() - 10, rect.width())
        shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)
        painter.restore()
