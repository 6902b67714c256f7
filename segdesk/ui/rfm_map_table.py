"""The pieces of the map editor that show a map: its segments as an editable table, and the R × F grid.

:class:`MapTableModel` adapts an immutable :class:`~segdesk.core.rfm.maps.RfmMap`; an edit in a cell does not
change the model, it asks for a new map (``edit_requested``) that the editor pushes as an undoable command.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from segdesk.core.errors import InputError
from segdesk.core.rfm.map_edit import (
    MapProblem,
    map_problems,
    patterns_text,
    preview_grid,
    rename_segment,
    set_patterns,
)
from segdesk.core.rfm.maps import RfmMap
from segdesk.ui.error_messages import input_error_text
from segdesk.ui.i18n import language, tr
from segdesk.ui.rfm_palette import segment_colors, tint

_Index = QModelIndex | QPersistentModelIndex
NAME_EN, NAME_RU, PATTERNS = range(3)
_PROBLEM = QColor("#F8D0D0")
_WARNING = QColor("#B00020")
_INK = QColor("#202020")  # on the light tints, whatever the theme


class MapTableModel(QAbstractTableModel):
    """One row per segment: English name, Russian name, code patterns."""

    edit_requested = Signal(object)  # the RfmMap the user's edit would make

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._map: RfmMap | None = None
        self._problems: dict[tuple[int, int], list[InputError]] = {}
        self._colors: dict[str, QColor] = {}

    def set_map(self, rfm_map: RfmMap) -> None:
        same_shape = self._map is not None and len(self._map.segments) == len(rfm_map.segments)
        if not same_shape:
            self.beginResetModel()
        self._map = rfm_map
        self._problems = _problem_cells(map_problems(rfm_map))
        self._colors = segment_colors(rfm_map)
        if same_shape:
            # an edit in place: keep the current cell and selection (a reset would lose them mid-typing)
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 2))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        else:
            self.endResetModel()

    def rfm_map(self) -> RfmMap | None:
        return self._map

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() or self._map is None else len(self._map.segments)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section == NAME_EN:
            return tr("Name in English")
        if section == NAME_RU:
            return tr("Name in Russian")
        return tr("Codes (R F)") if self._map is None or self._map.kind == "rf" else tr("Codes (R F M)")

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self._map is None or not index.isValid():
            return None
        segment = self._map.segments[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == NAME_EN:
                return segment.names.get("en", "")
            if column == NAME_RU:
                return segment.names.get("ru", "")
            return patterns_text(segment.patterns)
        problems = self._problems.get((index.row(), column))
        if role == Qt.ItemDataRole.BackgroundRole and problems:
            return QBrush(_PROBLEM)
        if role == Qt.ItemDataRole.ToolTipRole:
            if problems:
                return "\n".join(input_error_text(e) for e in problems)
            if column == PATTERNS:
                hint = tr("Patterns like 5[4-5] or [1-2][3-4], one digit or [range] per score, separated by "
                          "spaces or commas.")
                return f"{patterns_text(segment.patterns)}\n\n{hint}" if segment.patterns else hint
        if role == Qt.ItemDataRole.DecorationRole and column == NAME_EN:
            return self._colors.get(segment.key)
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if self._map is None or not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value)
        if text == self.data(index, Qt.ItemDataRole.EditRole):
            return False
        row, column = index.row(), index.column()
        if column == PATTERNS:
            edited = set_patterns(self._map, row, text)
        else:
            edited = rename_segment(self._map, row, "en" if column == NAME_EN else "ru", text)
        self.edit_requested.emit(edited)
        return True


def _problem_cells(problems: list[MapProblem]) -> dict[tuple[int, int], list[InputError]]:
    cells: dict[tuple[int, int], list[InputError]] = {}
    for p in problems:
        cells.setdefault((p.segment, NAME_EN if p.pattern is None else PATTERNS), []).append(p.error)
    return cells


class GridPreview(QTableWidget):
    """The 5 × 5 R × F grid, read-only: which segment each cell gets (R 5 at the top, F 1 on the left)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(5, 5, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)
        self.setHorizontalHeaderLabels([f"F{f}" for f in range(1, 6)])
        self.setVerticalHeaderLabels([f"R{r}" for r in range(5, 0, -1)])
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF() * 0.8, 7.0))  # five names side by side
        self.setFont(font)
        for i in range(25):
            item = QTableWidgetItem()
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setItem(i // 5, i % 5, item)

    def show_map(self, rfm_map: RfmMap, m_score: int = 3) -> None:
        colors = segment_colors(rfm_map)
        lang = language()
        for i, cell in enumerate(preview_grid(rfm_map, m_score)):
            item = self.item(i // 5, i % 5)
            code = f"R{cell.r} F{cell.f}" + ("" if rfm_map.kind == "rf" else f" M{m_score}")
            if not cell.keys:
                item.setText(tr("none"))
                item.setBackground(QBrush(_PROBLEM, Qt.BrushStyle.BDiagPattern))
                item.setForeground(QBrush(_WARNING))
                item.setToolTip(tr("{code}: no segment", code=code))
                continue
            names = [rfm_map.segment(k).name(lang) for k in cell.keys]
            item.setText(names[0] + (" ⚠" if len(names) > 1 else ""))
            item.setBackground(QBrush(tint(colors[cell.keys[0]])))
            item.setForeground(QBrush(_WARNING if len(names) > 1 else _INK))
            if len(names) > 1:
                item.setToolTip(tr("{code}: claimed by {segments}; the first one wins", code=code,
                                   segments=", ".join(names)))
            else:
                item.setToolTip(f"{code}: {names[0]}")

    def cell_text(self, r: int, f: int) -> str:
        """What the cell R ``r``, F ``f`` shows (for tests and accessibility)."""
        return self.item(5 - r, f - 1).text()
