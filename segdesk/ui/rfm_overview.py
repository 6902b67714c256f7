"""The RFM page's first tab: the grid beside the segment summary, and the lifecycle summary under it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from segdesk.ui.i18n import tr
from segdesk.ui.rfm_grid import Colouring, RfmGrid, segment_colour
from segdesk.ui.rfm_labels import segment_name, stage_name
from segdesk.ui.rfm_tables import SummaryModel, content_width, fit_summary_columns, make_small_table
from segdesk.ui.rfm_tasks import RfmReport
from segdesk.ui.widgets import ValueComboBox

#: The grid keeps at least this width when the summaries claim theirs (cells wide enough for two-word names).
_GRID_WIDTH = 470


class RfmOverview(QWidget):
    """Shows an :class:`RfmReport`; says which cell, segment or stage the user clicked."""

    cell_clicked = Signal(int, int)
    segment_clicked = Signal(str)  # a segment key (or "unassigned", "prospect")
    stage_clicked = Signal(str)  # a lifecycle stage key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = RfmGrid()
        self.colour_box = ValueComboBox([(tr("segment"), Colouring.SEGMENT), (tr("customers"), Colouring.CUSTOMERS),
                                         (tr("average spend per customer"), Colouring.MONETARY)])
        self.colour_box.setObjectName("grid_colouring")
        self.segment_model = SummaryModel(tr("RFM segment"), self)
        self.segment_table = make_small_table(self.segment_model, sortable=True)
        self.segment_table.setObjectName("segment_summary")
        self.stage_model = SummaryModel(tr("Lifecycle stage"), self)
        self.stage_table = make_small_table(self.stage_model, sortable=True)
        self.stage_table.setObjectName("lifecycle_summary")
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter_moved = False  # once the user drags the splitter, the tables stop claiming their width
        self._build()
        self._splitter.splitterMoved.connect(self._on_splitter_moved)
        self.grid.cell_clicked.connect(self.cell_clicked)
        self.colour_box.currentIndexChanged.connect(self._on_colour_box_changed)
        self.segment_table.clicked.connect(self._on_segment_table_clicked)
        self.stage_table.clicked.connect(self._on_stage_table_clicked)

    def _build(self) -> None:
        colour_row = QHBoxLayout()
        colour_row.addWidget(QLabel(tr("Colour cells by")))
        colour_row.addWidget(self.colour_box)
        colour_row.addStretch(1)
        hint = QLabel(tr("Click a cell or a row to list its customers."))
        hint.setEnabled(False)  # greyed: a hint, not content
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(colour_row)
        left_layout.addWidget(self.grid, 1)
        left_layout.addWidget(hint)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(_titled(tr("Segments"), self.segment_table))
        right.addWidget(_titled(tr("Lifecycle stages"), self.stage_table))
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        splitter = self._splitter
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_report(self, report: RfmReport) -> None:
        result = report.result
        rfm_map = result.settings.rfm_map
        names = [segment_name(rfm_map, s.key) for s in rfm_map.segments]
        self.grid.set_cells(report.cells, result.settings.bins, rfm_map, report.ranges, names)
        keys = [str(k) for k in report.segments["segment"]]
        index = {s.key: i for i, s in enumerate(rfm_map.segments)}
        self.segment_model.set_summary(report.segments, [segment_name(rfm_map, k) for k in keys],
                                       [segment_colour(rfm_map, index.get(k, -1)) for k in keys])
        self.stage_model.set_summary(report.stages, [stage_name(str(k)) for k in report.stages["segment"]])
        fit_summary_columns(self.segment_table)
        fit_summary_columns(self.stage_table)
        self._fit_tables()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_tables()

    def _fit_tables(self) -> None:
        """Give the summaries the width that shows all their columns; the grid takes the rest."""
        if self._splitter_moved or self.segment_model.rowCount() == 0:
            return
        total = self._splitter.width() - self._splitter.handleWidth()
        wanted = max(content_width(self.segment_table), content_width(self.stage_table))
        tables = max(min(wanted, total - _GRID_WIDTH), total // 3)
        self._splitter.setSizes([total - tables, tables])

    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        self._splitter_moved = True

    def _on_colour_box_changed(self, _: int) -> None:
        self.grid.set_colouring(Colouring(self.colour_box.value()))

    def _on_segment_table_clicked(self, index: QModelIndex) -> None:
        self.segment_clicked.emit(self.segment_model.key(index.row()))

    def _on_stage_table_clicked(self, index: QModelIndex) -> None:
        self.stage_clicked.emit(self.stage_model.key(index.row()))


def _titled(title: str, table: QTableView) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(title)
    label.setStyleSheet("font-weight: bold")
    layout.addWidget(label)
    layout.addWidget(table, 1)
    return box
