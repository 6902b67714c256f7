"""The segment list: a Qt table model adapting the Qt-free :class:`SegmentSet` and its :class:`SegmentResult`,
and the view that shows it.

The model never edits the set. A rename, a tick of the enabled box or a drop asks for the edit with a signal
(``rename_requested``, ``enabled_requested``, ``move_requested``); the page turns the request into an undo
command, and the command hands the new set back through :meth:`SegmentListModel.set_segments`. A drop therefore
moves nothing itself: ``dropMimeData`` asks for the move, and ``removeRows`` (which a view calls after a move
drop) does nothing, because the set has already been replaced.

The last row is "Everyone else": the customers no enabled segment matches.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QStyle, QTableView, QWidget

from segdesk.core.rules.describe import describe
from segdesk.core.segments.assign import MIN_CUSTOMERS, SegmentResult, SegmentStats
from segdesk.core.segments.model import SegmentSet
from segdesk.ui.i18n import format_int, language, tr
from segdesk.ui.rfm_labels import money, percent
from segdesk.ui.rfm_palette import NO_SEGMENT

_MIME = "application/x-segdesk-segment-row"
_STALE = QColor("#8a8a8a")
_PENDING = "…"

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    CUSTOMERS = 1
    SHARE = 2
    REVENUE = 3


def _headers() -> dict[Column, tuple[str, str]]:
    return {Column.NAME: (tr("Segment"), tr("Tick to use the segment; drag to change its priority")),
            Column.CUSTOMERS: (tr("Customers"), tr("Customers in this segment: those its rule matches that no "
                                                  "segment above it has taken")),
            Column.SHARE: (tr("Share"), tr("Share of all customers")),
            Column.REVENUE: (tr("Revenue"), tr("Revenue of the segment's customers"))}


def too_small_text() -> str:
    return tr("Too small to act on: under {minimum} customers or 1% of the base.", minimum=MIN_CUSTOMERS)


class SegmentListModel(QAbstractTableModel):
    """Segments in priority order, then "Everyone else"."""

    rename_requested = Signal(int, str)  # row, new name
    enabled_requested = Signal(int, bool)  # row, enabled
    move_requested = Signal(int, int)  # row, the index it should have after the move

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._segments = SegmentSet()
        self._result: SegmentResult | None = None
        self._stats: dict[str, SegmentStats] = {}
        self._problems: dict[int, str] = {}
        self._stale = False
        self._warning: QIcon | None = None
        self._swatches: dict[str, QIcon] = {}

    # --- what the page tells it ---

    @property
    def segments(self) -> SegmentSet:
        return self._segments

    def set_segments(self, segments: SegmentSet) -> None:
        """Show ``segments``; their counts stay (greyed, by name) until :meth:`set_result` brings new ones."""
        if len(segments.segments) == len(self._segments.segments):
            self._segments = segments
            self._stale = True
            self._changed()
            return
        self.beginResetModel()
        self._segments = segments
        self._stale = True
        self.endResetModel()

    def set_result(self, result: SegmentResult | None, problems: dict[int, str] | None = None) -> None:
        """The counts of the set shown (None: none yet); ``problems`` by row say why a segment was left out."""
        self._result = result
        self._stats = {s.name: s for s in result.stats} if result is not None else {}
        self._problems = dict(problems or {})
        self._stale = False
        self._changed()

    def set_stale(self) -> None:
        """The counts shown are about to be replaced: grey them."""
        if not self._stale:
            self._stale = True
            self._changed()

    def stats(self, row: int) -> SegmentStats | None:
        """The counts of the segment at ``row`` (None while counting, or for the "Everyone else" row)."""
        if 0 <= row < len(self._segments.segments):
            return self._stats.get(self._segments.segments[row].name)
        return None

    def is_everyone_else(self, row: int) -> bool:
        return row == len(self._segments.segments)

    def row_texts(self, row: int) -> list[str]:
        """What the row shows, column by column (for tests and screen readers)."""
        return [self.data(self.index(row, c)) or "" for c in Column]

    def _changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(Column) - 1))

    # --- Qt's model interface ---

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._segments.segments) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        text, tip = _headers()[Column(section)]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_everyone_else(index.row()):
            return flags
        flags |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == Column.NAME:
            flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), Column(index.column())
        if self.is_everyone_else(row):
            return self._everyone_else(column, role)
        if column == Column.NAME:
            return self._name(row, role)
        return self._number(row, column, role)

    def _name(self, row: int, role: int) -> Any:
        segment = self._segments.segments[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return segment.name
        if role == Qt.ItemDataRole.DecorationRole:
            return self._swatch(segment.colour)
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if segment.enabled else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [describe(segment.rule, language())]
            if row in self._problems:
                lines.append(self._problems[row])
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and not segment.enabled:
            return _STALE
        return None

    def _number(self, row: int, column: Column, role: int) -> Any:
        stats = self.stats(row)
        segment = self._segments.segments[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if not segment.enabled:
                return "—"
            if row in self._problems and not self._stale:
                return "!"
            if stats is None:
                return _PENDING
            return {Column.CUSTOMERS: format_int(stats.customers), Column.SHARE: percent(stats.share),
                    Column.REVENUE: money(stats.revenue)}[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and (self._stale or not segment.enabled):
            return _STALE
        warned = column == Column.CUSTOMERS and segment.enabled and (
            row in self._problems or (stats is not None and stats.too_small))
        if role == Qt.ItemDataRole.DecorationRole and warned:
            return self._warning_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._number_tip(row, stats)
        return None

    def _number_tip(self, row: int, stats: SegmentStats | None) -> str | None:
        if row in self._problems:
            return self._problems[row]
        if stats is None:
            return None
        lines = [tr("Its rule matches {count} customers (before priority).", count=stats.matched)]
        if stats.control:
            lines.append(tr("{count} of them are held out as the control group.", count=stats.control))
        if stats.too_small:
            lines.insert(0, too_small_text())
        return "\n".join(lines)

    def _everyone_else(self, column: Column, role: int) -> Any:
        result = self._result
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.NAME:
                return tr("Everyone else")
            if result is None:
                return _PENDING
            share = result.everyone_else / result.total if result.total else 0.0
            return {Column.CUSTOMERS: format_int(result.everyone_else), Column.SHARE: percent(share),
                    Column.REVENUE: money(result.everyone_else_revenue)}[column]
        if role == Qt.ItemDataRole.DecorationRole and column == Column.NAME:
            return self._swatch(QColor(NO_SEGMENT).name())
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column != Column.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._stale:
            return _STALE
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("Customers no enabled segment matches: they are on no mailing list.")
        return None

    def _swatch(self, colour: str) -> QIcon:
        """A square of ``colour``, the same when the row is selected (a plain QColor decoration is tinted with
        the selection colour, and the segment's colour is what the row is recognised by)."""
        icon = self._swatches.get(colour)
        if icon is None:
            pixmap = QPixmap(16, 16)
            pixmap.fill(QColor(colour))
            icon = QIcon(pixmap)
            icon.addPixmap(pixmap, QIcon.Mode.Selected)
            self._swatches[colour] = icon
        return icon

    def _warning_icon(self) -> QIcon:
        if self._warning is None:
            self._warning = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != Column.NAME or self.is_everyone_else(index.row()):
            return False
        if role == Qt.ItemDataRole.EditRole:
            name = str(value).strip()
            if name and name != self._segments.segments[index.row()].name:
                self.rename_requested.emit(index.row(), name)
            return True
        if role == Qt.ItemDataRole.CheckStateRole:
            self.enabled_requested.emit(index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        return False

    # --- drag and drop: reordering is a request, like every other edit ---

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid() and not self.is_everyone_else(i.row())})
        if rows:
            data.setData(_MIME, QByteArray(str(rows[0]).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: Index) -> bool:
        return data.hasFormat(_MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        source = int(bytes(data.data(_MIME).data()).decode())
        count = len(self._segments.segments)
        before = count if row < 0 else min(row, count)  # dropped below the last segment: last
        target = before - 1 if before > source else before
        if target != source and 0 <= source < count:
            self.move_requested.emit(source, target)
        return True

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return False  # after a move drop: the page has already replaced the set


class SegmentListView(QTableView):
    """The list: drag a row to change its priority, F2 to rename, double-click to see its customers."""

    def __init__(self, model: SegmentListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("segment_list")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (Column.CUSTOMERS, Column.SHARE, Column.REVENUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """F2 renames and Space ticks the segment whichever cell of its row is current (Qt would only act on
        the name cell itself)."""
        name = self.currentIndex().siblingAtColumn(Column.NAME)
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        if not plain or not name.isValid() or self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
        elif event.key() == Qt.Key.Key_F2:
            self.edit(name)
        elif event.key() == Qt.Key.Key_Space and name.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            checked = name.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            self.model().setData(name, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked,
                                 Qt.ItemDataRole.CheckStateRole)
        else:
            super().keyPressEvent(event)

    def current_row(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select_row(self, row: int | None) -> None:
        if row is None or not 0 <= row < self.model().rowCount():
            self.clearSelection()
            return
        self.selectRow(row)
        self.setCurrentIndex(self.model().index(row, Column.NAME))
