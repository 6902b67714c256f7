"""The RFM map editor: name the segments, give them code patterns, see which segment each grid cell gets.

Every edit is a pure function of :mod:`segdesk.core.rfm.map_edit` wrapped in an undo command holding the map
before and after (maps are immutable, so a command is two references). ``map_changed`` is emitted a moment
after the last edit (debounced, so typing does not re-score on every key) and only with a usable map: while a
pattern does not parse, the table marks it and the warnings say why, and the last good map stays in use.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from segdesk.core.rfm.map_edit import (
    add_segment,
    coverage,
    describe_code,
    map_problems,
    move_segment,
    remove_segment,
    start_from,
)
from segdesk.core.rfm.maps import BUILTIN_MAPS, RF10, Coverage, RfmMap
from segdesk.ui.alone import run_alone
from segdesk.ui.error_messages import input_error_text
from segdesk.ui.i18n import language, tr
from segdesk.ui.rfm_map_table import GridPreview, MapTableModel

#: Quiet time after the last edit before ``map_changed`` (re-scoring follows it).
DEBOUNCE_MS = 300
_LISTED = 8  # cells named in a warning before "…"


class _MapEdit(QUndoCommand):
    def __init__(self, editor: MapEditor, before: RfmMap, after: RfmMap) -> None:
        super().__init__()
        self._editor, self._before, self._after = editor, before, after

    def redo(self) -> None:
        self._editor._show(self._after)

    def undo(self) -> None:
        self._editor._show(self._before)


class MapEditor(QWidget):
    """Edits an RFM map; ``map_changed(RfmMap)`` follows edits that leave the map usable."""

    map_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._map: RfmMap = RF10
        self._bins = 5
        self._emitted: RfmMap = RF10
        self.undo_stack = QUndoStack(self)
        self.model = MapTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.preview = GridPreview()
        self.m_score = QSpinBox()
        self.m_score.setRange(1, 5)
        self.m_score.setValue(3)
        self.m_label = QLabel(tr("Grid at monetary score M"))
        self.title = QLabel()
        self.errors = QLabel()  # what keeps the map from being used
        self.errors.setWordWrap(True)
        self.errors.setTextFormat(Qt.TextFormat.PlainText)
        self.errors.setStyleSheet("color: #B00020")
        self.warnings = QLabel()  # coverage: the map works, but maybe not as meant
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._build_buttons()
        self._lay_out()
        self.model.edit_requested.connect(self._on_model_edit_requested)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.m_score.valueChanged.connect(self._on_m_score_value_changed)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self._show(RF10)

    def _build_buttons(self) -> None:
        self.start_button = QPushButton(tr("Start from"))
        self.start_button.setToolTip(tr("Replace the map with a built-in one (undo brings yours back)"))
        menu = QMenu(self.start_button)
        for key, builtin in BUILTIN_MAPS.items():
            action = QAction(builtin.name(language()), self)
            action.setData(key)
            menu.addAction(action)
        menu.triggered.connect(self._on_start_menu_triggered)
        self.start_button.setMenu(menu)
        self.add_button = QPushButton(tr("Add segment"))
        self.remove_button = QPushButton(tr("Remove segment"))
        self.up_button = QPushButton(tr("Move up"))
        self.down_button = QPushButton(tr("Move down"))
        self.up_button.setToolTip(tr("Where two segments claim a cell, the one higher in the list wins"))
        self.undo_button = QPushButton(tr("Undo"))
        self.redo_button = QPushButton(tr("Redo"))
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        for button, handler in ((self.add_button, self._on_add_button_clicked),
                                (self.remove_button, self._on_remove_button_clicked),
                                (self.up_button, lambda: self._on_move_clicked(-1)),
                                (self.down_button, lambda: self._on_move_clicked(1)),
                                (self.undo_button, self.undo_stack.undo), (self.redo_button, self.undo_stack.redo)):
            button.clicked.connect(handler)
        undo = self.undo_stack.createUndoAction(self)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self)
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for w in (self.start_button, self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)
        m_row = QHBoxLayout()
        m_row.addWidget(self.m_label)
        m_row.addWidget(self.m_score)
        m_row.addStretch(1)
        side = QVBoxLayout()
        side.addWidget(QLabel(tr("Which segment each cell gets")))
        side.addWidget(self.preview, 1)
        side.addLayout(m_row)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 5)
        middle.addLayout(side, 4)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addLayout(middle, 1)
        layout.addWidget(self.errors)
        layout.addWidget(self.warnings)

    # --- public ---

    def set_map(self, rfm_map: RfmMap, bins: int = 5) -> None:
        """Show ``rfm_map`` (scored with ``bins`` scores per dimension) as the map in use; clears undo."""
        self._bins = bins
        self._timer.stop()
        self.undo_stack.clear()
        self._emitted = rfm_map
        self._show(rfm_map)

    def set_bins(self, bins: int) -> None:
        """The grid size changed: which segments are reachable depends on it."""
        self._bins = bins
        self._update_warnings()

    def current_map(self) -> RfmMap:
        """The map as edited, usable or not (see :func:`segdesk.core.rfm.map_edit.map_problems`)."""
        return self._map

    def is_valid(self) -> bool:
        return not map_problems(self._map)

    # --- edits ---

    def _push(self, edited: RfmMap) -> None:
        if edited != self._map:
            self.undo_stack.push(_MapEdit(self, self._map, edited))

    def _show(self, rfm_map: RfmMap) -> None:
        """Called by the undo commands: make ``rfm_map`` the one on screen and schedule ``map_changed``."""
        self._map = rfm_map
        self.model.set_map(rfm_map)
        self.title.setText(tr("Map: {name}", name=rfm_map.name(language())))
        self.m_label.setVisible(rfm_map.kind == "rfm")
        self.m_score.setVisible(rfm_map.kind == "rfm")
        self.preview.show_map(rfm_map, self.m_score.value())
        self._update_warnings()
        self._update_buttons()
        self._timer.start()

    def _on_model_edit_requested(self, edited: RfmMap) -> None:
        self._push(edited)

    def _on_start_menu_triggered(self, action: QAction) -> None:
        self._push(start_from(str(action.data())))

    def _on_add_button_clicked(self) -> None:
        self._push(add_segment(self._map))
        last = self.model.index(self.model.rowCount() - 1, 0)
        self.table.setCurrentIndex(last)
        self.table.scrollTo(last)

    def _on_remove_button_clicked(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < len(self._map.segments):
            self._push(remove_segment(self._map, row))

    def _on_move_clicked(self, step: int) -> None:
        current = self.table.currentIndex()
        row, to = current.row(), current.row() + step
        if 0 <= row < len(self._map.segments) and 0 <= to < len(self._map.segments):
            self._push(move_segment(self._map, row, to))
            self.table.setCurrentIndex(self.model.index(to, current.column()))

    def _on_table_current_changed(self) -> None:
        self._update_buttons()

    def _on_m_score_value_changed(self, value: int) -> None:
        self.preview.show_map(self._map, value)

    def _on_timer_timeout(self) -> None:
        if self.is_valid() and self._map != self._emitted:
            self._emitted = self._map
            self.map_changed.emit(self._map)

    def _update_buttons(self) -> None:
        row, n = self.table.currentIndex().row(), len(self._map.segments)
        self.remove_button.setEnabled(0 <= row < n)
        self.up_button.setEnabled(0 < row < n)
        self.down_button.setEnabled(0 <= row < n - 1)

    # --- warnings ---

    def _update_warnings(self) -> None:
        errors = []
        problems = map_problems(self._map)
        lang = language()
        for p in problems:
            name = self._map.segments[p.segment].name(lang) or tr("Segment {number}", number=p.segment + 1)
            errors.append(tr("“{segment}”: {problem}", segment=name, problem=input_error_text(p.error)))
        if problems:
            errors.append(tr("The map is not used until this is fixed; the last correct one stays in use."))
        self.errors.setText("\n".join(errors))
        self.errors.setVisible(bool(errors))
        self.warnings.setText("\n".join(coverage_lines(self._map, coverage(self._map, self._bins), self._bins)))


def coverage_lines(rfm_map: RfmMap, cov: Coverage, bins: int) -> list[str]:
    """What :func:`check_map` found, in plain words."""
    rf = rfm_map.kind == "rf"
    lang = language()
    lines = []
    if cov.unassigned:
        listed = _listing([describe_code(c) for c in cov.unassigned])
        lines.append(tr("{count} grid cells have no segment: {cells}. Their customers are not in any segment.",
                        count=len(cov.unassigned), cells=listed) if rf else
                     tr("{count} codes have no segment: {cells}. Their customers are not in any segment.",
                        count=len(cov.unassigned), cells=listed))
    if cov.conflicts:
        listed = _listing([f"{describe_code(c)} ({', '.join(rfm_map.segment(k).name(lang) for k in keys)})"
                           for c, keys in cov.conflicts.items()])
        lines.append(tr("{count} grid cells are claimed by more than one segment: {cells}. The segment higher in "
                        "the list wins.", count=len(cov.conflicts), cells=listed) if rf else
                     tr("{count} codes are claimed by more than one segment: {cells}. The segment higher in the "
                        "list wins.", count=len(cov.conflicts), cells=listed))
    if cov.unreachable:
        names = ", ".join(tr("“{segment}”", segment=rfm_map.segment(k).name(lang)) for k in cov.unreachable)
        lines.append(tr("{count} segments can never get customers with {bins} scores per dimension: {segments}.",
                        count=len(cov.unreachable), bins=bins, segments=names))
    if not lines:
        lines.append(tr("Every cell of the grid has exactly one segment.") if rf else
                     tr("Every code has exactly one segment."))
    return lines


def _listing(items: list[str]) -> str:
    return ", ".join(items[:_LISTED]) + (", …" if len(items) > _LISTED else "")


def main(argv: list[str] | None = None) -> int:
    """Open the editor alone on the 10-segment map (``--ru`` for the Russian interface)."""

    def build(argv: list[str]) -> MapEditor:
        editor = MapEditor()
        editor.set_map(RF10, 5)
        return editor

    return run_alone(build, argv, size=(1100, 700), title=lambda: tr("RFM map"))


if __name__ == "__main__":
    raise SystemExit(main())
