"""The Data page: the customer table, a quick search and a segment choice above it, the quality report beside it.

Run alone on sample data: ``python -m segdesk.ui.data_page [rows]``.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from segdesk.core.io.table import ImportedTable, QualityItem
from segdesk.core.model.search import PhoneDigits, search_positions
from segdesk.core.model.view import TableColumns, positions_of_source_rows
from segdesk.ui.alone import run_alone
from segdesk.ui.i18n import tr
from segdesk.ui.quality_panel import QualityPanel
from segdesk.ui.segment_filter import SegmentChoice, SegmentFilterBar
from segdesk.ui.table_model import CustomerTableModel
from segdesk.ui.table_view import fit_columns, make_table_view
from segdesk.ui.workers import TaskRunner

#: Typing pauses shorter than this don't start a search: each one scans every text column.
SEARCH_DELAY_MS = 250
_SEARCH, _QUALITY, _SEGMENT = "search", "quality", "segment"


class DataPage(QWidget):
    """Shows the imported customers; searching and filtering never block the window."""

    search_finished = Signal()  # the rows matching the search box are shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CustomerTableModel(self)
        self.table_view = make_table_view(self.model)
        self.table_view.setObjectName("customer_table")
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(tr("Quick search: names, emails, phones, numbers…"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setObjectName("quick_search")
        self.quality_panel = QualityPanel()
        self.segment_bar = SegmentFilterBar()
        self._count = QLabel()
        self._stack = QStackedWidget()
        self._searcher = TaskRunner(self)
        self._phones: PhoneDigits | None = None
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._build()
        self._connect()
        self.set_data(None)

    def _build(self) -> None:
        empty = QLabel(tr("Open a customer list with File → Open… or drop a file on the window."))
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table_view)
        splitter.addWidget(self.quality_panel)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 260])
        top = QHBoxLayout()
        top.addWidget(self.segment_bar)
        top.addWidget(self.search_box, 1)
        top.addWidget(self._count)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(top)
        inner.addWidget(splitter, 1)
        self._stack.addWidget(empty)
        self._stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self._stack)

    def _connect(self) -> None:
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self._searcher.succeeded.connect(self._on_searcher_succeeded)
        self.quality_panel.item_chosen.connect(self._on_quality_panel_item_chosen)
        self.quality_panel.cleared.connect(self._on_quality_panel_cleared)
        self.segment_bar.filter_changed.connect(self._on_segment_bar_filter_changed)
        self.model.rows_changed.connect(self._on_model_rows_changed)
        self.model.sort_started.connect(self._on_model_sort_started)
        self.model.sort_finished.connect(self._on_model_sort_finished)

    def set_data(self, customers: ImportedTable | None, order_findings: list[QualityItem] | None = None) -> None:
        """Show ``customers`` (None: the empty page), their quality findings and those of the order log."""
        self._searcher.cancel()
        self._search_timer.stop()
        self.search_box.blockSignals(True)  # a new table starts unfiltered; don't search the old one
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.table_view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.segment_bar.reset()  # its positions belong to the table being replaced
        self.model.set_table(customers)
        self._phones = _phone_digits(customers)
        fit_columns(self.table_view, self.model)
        self.quality_panel.set_items(customers.quality if customers else [], order_findings)
        self._stack.setCurrentIndex(1 if customers is not None else 0)

    def set_segments(self, choices: list[SegmentChoice]) -> None:
        """Offer ``choices`` in the "Segment:" list (positions in the table shown)."""
        self.segment_bar.set_choices(choices)

    def show_customers(self, positions: np.ndarray, label: str) -> None:
        """Show only the customers at ``positions``, named ``label`` in the segment list (clearable there)."""
        self.segment_bar.pick(positions, label)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def shutdown(self) -> None:
        """Stop background work (the window is closing)."""
        self._search_timer.stop()
        self._searcher.cancel()
        self.model.set_table(None)

    def _on_search_box_text_changed(self, _: str) -> None:
        self._search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        view = self.model.frame_view()
        if view is None:
            return
        self._searcher.start(_search, view.columns, self.search_box.text(), self._phones)

    def _on_searcher_succeeded(self, positions: np.ndarray | None) -> None:
        self.model.set_filter(_SEARCH, positions)
        self.search_finished.emit()

    def _on_quality_panel_item_chosen(self, item: QualityItem) -> None:
        table = self.model.table()
        if table is None:
            return
        rows = item.all_rows if item.all_rows is not None else item.rows
        positions = positions_of_source_rows(table.source_rows, rows)
        self.model.set_filter(_QUALITY, positions)
        self.quality_panel.show_filter_note(len(positions), item.count)

    def _on_segment_bar_filter_changed(self, positions: np.ndarray | None) -> None:
        if positions is not None and len(positions) and int(positions.max()) >= self.model.total_rows:
            positions = None  # from another table: never index past the end of this one
        self.model.set_filter(_SEGMENT, positions)

    def _on_quality_panel_cleared(self) -> None:
        self.model.set_filter(_QUALITY, None)

    def _on_model_sort_started(self) -> None:
        self._count.setText(tr("Sorting…"))

    def _on_model_sort_finished(self) -> None:
        self.table_view.scrollToTop()  # the rows on screen before the sort say nothing after it

    def _on_model_rows_changed(self) -> None:
        total, shown = self.model.total_rows, self.model.rowCount()
        if shown == total:
            self._count.setText(tr("{count} customers", count=total))
        else:
            self._count.setText(tr("Showing {shown} of {count} customers", shown=shown, count=total))


def _search(columns: TableColumns, text: str, phones: PhoneDigits | None,
            progress: object = None) -> np.ndarray | None:
    """Runs on a pool thread: matching frame positions, or None for an empty search."""
    return search_positions(columns, text, phones)


def _phone_digits(table: ImportedTable | None) -> PhoneDigits | None:
    """The table's normalised phones for the quick search, when it has a phone column."""
    if table is None or "phone_e164" not in table.derived:
        return None
    return PhoneDigits(table.derived["phone_e164"], table.options.phone_region)


def main(argv: list[str] | None = None) -> int:
    """Open the page alone on generated sample data (``data_page [ROWS]``)."""
    from segdesk.ui.samples import sample_customers

    def build(argv: list[str]) -> DataPage:
        page = DataPage()
        page.set_data(sample_customers(int(argv[1]) if len(argv) > 1 else 5_000))
        return page

    return run_alone(build, argv, size=(1200, 700), title=lambda: tr("Data"), languages=False)


if __name__ == "__main__":
    raise SystemExit(main())
