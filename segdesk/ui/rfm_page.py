"""The RFM page: settings, the R × F grid, segment and lifecycle summaries, what each score means.

Scoring runs on the page's own TaskRunner: new data or a new as-of date aggregates again (``compute_rfm``);
other settings only re-score (``rescore``). Rapid edits are debounced and each new task cancels the one
before. More tabs (charts, the map editor, movement) are added with :meth:`RfmPage.add_tab`.

Run alone on the demo data: ``python -m segdesk.ui.rfm_page``.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from segdesk.core.errors import InputError
from segdesk.core.io.table import ImportedTable
from segdesk.core.rfm.analysis import RfmResult, RfmSettings
from segdesk.core.rfm.maps import RfmMap
from segdesk.core.rfm.purchases import Purchases, Source
from segdesk.core.rfm.scoring import ScoreMode
from segdesk.ui.alone import run_alone
from segdesk.ui.formatting import full_year_format
from segdesk.ui.i18n import format_int, locale, tr
from segdesk.ui.rfm_choices import cell_choice, segment_choice, segment_choices, stage_choice
from segdesk.ui.rfm_overview import RfmOverview
from segdesk.ui.rfm_settings_bar import RfmSettingsBar
from segdesk.ui.rfm_tables import ScoreRangeModel, fit_summary_columns, make_small_table
from segdesk.ui.rfm_tasks import RfmReport, compute, load, rescore
from segdesk.ui.segment_filter import SegmentChoice
from segdesk.ui.workers import TaskRunner, error_text

#: Edits closer together than this are scored once: arrows in a spin box repeat every 50 ms.
SETTINGS_DELAY_MS = 200
#: Problems of the data itself: the page shows its empty state instead of old results.
_NO_SOURCE_KEYS = frozenset({"rfm_no_source", "rfm_no_purchases", "rfm_not_dates", "rfm_missing_column"})


class RfmPage(QWidget):
    customers_chosen = Signal(object, str)  # positions (int64 array) and a label: a cell, segment or stage
    result_changed = Signal(object)  # the new RfmResult, or None when there is none
    segments_chosen = Signal(object)  # "Use as segments": a list of SegmentChoice

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings_bar = RfmSettingsBar()
        self.overview = RfmOverview()
        self.grid = self.overview.grid
        self.range_model = ScoreRangeModel(self)
        self.range_table = make_small_table(self.range_model, sortable=False)
        self.range_table.setObjectName("score_ranges")
        self.tabs = QTabWidget()
        self.progress_bar = QProgressBar()
        self.use_button = QPushButton(tr("Use as segments"))
        self.use_button.setToolTip(tr("List the RFM segments and lifecycle stages on the Data page, to filter the "
                                      "customer table by them."))
        self.use_button.setEnabled(False)
        self.status_label = QLabel()
        self.message_label = QLabel()
        self.empty_label = QLabel()
        self._stack = QStackedWidget()
        self._runner = TaskRunner(self)
        self._debounce = QTimer(self, singleShot=True, interval=SETTINGS_DELAY_MS)
        self._data: tuple[ImportedTable, ImportedTable | None, Any, Any] | None = None
        self._report: RfmReport | None = None
        self._build()
        self._connect()
        self.set_data(None)

    def _build(self) -> None:
        self.tabs.addTab(self.overview, tr("Grid and segments"))
        self.tabs.addTab(self.range_table, tr("Score ranges"))
        self.progress_bar.setMaximumWidth(200)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.status_label.setWordWrap(True)  # a long sentence must not hold the window wide
        self.message_label.setStyleSheet("color: #b00020")
        self.message_label.setWordWrap(True)
        self.message_label.setObjectName("rfm_message")
        self.message_label.hide()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("rfm_empty")
        status = QHBoxLayout()
        status.addWidget(self.progress_bar)
        status.addWidget(self.status_label, 3)
        status.addWidget(self.message_label, 2)
        status.addWidget(self.use_button)
        self._stack.addWidget(self.empty_label)
        self._stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.addWidget(self.settings_bar)
        layout.addLayout(status)
        layout.addWidget(self._stack, 1)

    def _connect(self) -> None:
        self.settings_bar.edited.connect(self._debounce.start)
        self.use_button.clicked.connect(self._on_use_button_clicked)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self._runner.started.connect(self._on_runner_started)
        self._runner.progressed.connect(self._on_runner_progressed)
        self._runner.succeeded.connect(self._on_runner_succeeded)
        self._runner.failed.connect(self._on_runner_failed)
        self._runner.finished.connect(self._on_runner_finished)
        self.overview.cell_clicked.connect(self._on_overview_cell_clicked)
        self.overview.segment_clicked.connect(self._on_overview_segment_clicked)
        self.overview.stage_clicked.connect(self._on_overview_stage_clicked)

    # --- public ---

    @property
    def result(self) -> RfmResult | None:
        """The latest result (None before the first one, or without purchases)."""
        return self._report.result if self._report is not None else None

    @property
    def source(self) -> Source | None:
        return self._report.source if self._report is not None else None

    @property
    def report(self) -> RfmReport | None:
        return self._report

    @property
    def settings(self) -> RfmSettings:
        """The settings of the latest result (as-of date filled in), else those the bar shows."""
        if self._report is not None:
            return self._report.result.settings
        try:
            return self.settings_bar.read()
        except InputError:
            return RfmSettings()

    @property
    def is_busy(self) -> bool:
        return self._runner.is_running or self._debounce.isActive()

    def set_data(self, customers: ImportedTable | None, orders: ImportedTable | None = None, link: Any = None,
                 mapping: Any = None) -> None:
        """Score new data (None: nothing open). An order log is used when linked, else summary columns."""
        self._runner.cancel()
        self._debounce.stop()
        had_result = self._report is not None
        self._report = None
        self._data = (customers, orders, link, mapping) if customers is not None else None
        self._say("")
        if customers is None:
            self._show_empty(tr("Open a customer list and its order log (File → Import order log…) to see "
                                "recency, frequency and monetary scores."))
        else:
            self._show_empty(tr("Computing RFM scores…"), settings=True)
            self._start()
        if had_result:
            self.result_changed.emit(None)

    def set_settings(self, settings: RfmSettings) -> None:
        """Show and apply ``settings`` (as-of None: the day after the latest purchase)."""
        self.settings_bar.set_settings(settings)

    def set_custom_map(self, rfm_map: RfmMap, select: bool = True) -> None:
        """Offer ``rfm_map`` beside the built-in maps (same key: replaced) and, with ``select``, use it."""
        self.settings_bar.add_map(rfm_map)
        if select:
            self.settings_bar.select_map(rfm_map.key)
        self._debounce.start()  # an edited map with the same key changes nothing the combo box would notice

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab after the built-in ones (charts, map editor, movement); returns its index."""
        return self.tabs.addTab(widget, title)

    def segment_choices(self) -> list[SegmentChoice]:
        """Every RFM segment and lifecycle stage of the latest result, for the Data page's segment list."""
        return segment_choices(self._report) if self._report is not None else []

    def shutdown(self) -> None:
        """Stop background work (the window is closing)."""
        self._debounce.stop()
        self._runner.cancel()

    # --- computing ---

    def _start(self) -> None:
        """Score with the settings shown: load, compute or re-score, whichever the change needs."""
        try:
            settings = self.settings_bar.read()
        except InputError as error:
            self._say(error_text(error))
            return
        self._say("")
        report = self._report
        if report is None:
            if self._data is not None:
                self._runner.start(load, *self._data, settings)
            return
        as_of = settings.as_of or report.latest_as_of
        if as_of != report.result.as_of:
            self._runner.start(compute, report.source, replace(settings, as_of=as_of))
        elif replace(settings, as_of=as_of) != report.result.settings:
            self._runner.start(rescore, report, replace(settings, as_of=as_of))
        else:
            self._runner.cancel()  # back to what is shown: drop a task started for an edit in between

    def _say(self, problem: str) -> None:
        """Show what is wrong with the settings or the last task ("": nothing)."""
        self.message_label.setText(problem)
        self.message_label.setVisible(bool(problem))

    def _show_empty(self, text: str, settings: bool = False) -> None:
        """The empty state; ``settings`` keeps the settings shown (they mean nothing without purchases)."""
        self.empty_label.setText(text)
        self.settings_bar.setVisible(settings)
        self._stack.setCurrentIndex(0)
        self.status_label.clear()
        self.use_button.setEnabled(False)
        self.use_button.setVisible(settings)
        self.grid.clear()

    def _show(self, report: RfmReport) -> None:
        result = report.result
        self.settings_bar.show_as_of(result.as_of, report.latest_as_of)
        self.overview.show_report(report)
        self.range_model.set_ranges(report.ranges, result.settings.mode == ScoreMode.FIXED)
        fit_summary_columns(self.range_table)
        self._stack.setCurrentIndex(1)
        self.settings_bar.show()
        self.use_button.show()
        self.use_button.setEnabled(True)
        day = QDate(result.as_of.year, result.as_of.month, result.as_of.day)
        date = locale().toString(day, full_year_format(locale().dateFormat(QLocale.FormatType.ShortFormat)))
        basis = tr("from the order log") if isinstance(report.source, Purchases) else \
            tr("from the customer list's last purchase date, orders count and total spent")
        self.status_label.setText(tr("As of {date}: {scored} of {total} customers have purchases and are scored, "
                                     "{basis}.", date=date, scored=format_int(result.scored),
                                     total=format_int(result.customers), basis=basis))

    # --- handlers ---

    def _on_debounce_timeout(self) -> None:
        self._start()

    def _on_runner_started(self) -> None:
        self.progress_bar.setValue(0)
        self.progress_bar.show()

    def _on_runner_progressed(self, fraction: float, _: str) -> None:
        self.progress_bar.setValue(round(fraction * 100))

    def _on_runner_finished(self) -> None:
        self.progress_bar.hide()

    def _on_runner_succeeded(self, report: RfmReport) -> None:
        self.progress_bar.hide()
        self._report = report
        self._show(report)
        self.result_changed.emit(report.result)

    def _on_runner_failed(self, error: BaseException) -> None:
        if self._report is not None:  # the results shown stay; say why the new ones did not come
            self._say(error_text(error))
        elif isinstance(error, InputError) and error.key in _NO_SOURCE_KEYS:
            self._show_empty(tr("RFM needs purchases: import an order log (File → Import order log…), or open a "
                                "customer list with a last purchase date column.") + "\n\n" + error_text(error))
        else:
            self._show_empty(error_text(error))

    def _on_use_button_clicked(self) -> None:
        if self._report is not None:
            self.segments_chosen.emit(self.segment_choices())

    def _on_overview_cell_clicked(self, r: int, f: int) -> None:
        if self._report is not None:
            self.customers_chosen.emit(*cell_choice(self._report, r, f))

    def _on_overview_segment_clicked(self, key: str) -> None:
        if self._report is not None:
            self.customers_chosen.emit(*segment_choice(self._report, key))

    def _on_overview_stage_clicked(self, key: str) -> None:
        if self._report is not None:
            self.customers_chosen.emit(*stage_choice(self._report, key))


def _sample_folder() -> Path:
    """The bundled demo shop, or generated sample files laid out the same way when it is missing."""
    demo = Path(__file__).resolve().parents[2] / "resources" / "demo"
    if (demo / "customers.csv").exists():
        return demo
    from segdesk.ui.samples import write_sample_customers, write_sample_orders

    folder = Path(tempfile.mkdtemp(prefix="segdesk-rfm-"))
    write_sample_customers(folder).rename(folder / "customers.csv")
    write_sample_orders(folder).rename(folder / "orders.csv")
    return folder


def main(argv: list[str] | None = None) -> int:
    """Open the page alone on the demo data (or generated samples when the demo is missing)."""
    from segdesk.core.model.dataset import load_demo

    def build(argv: list[str]) -> RfmPage:
        data = load_demo(_sample_folder())
        page = RfmPage()
        page.customers_chosen.connect(lambda positions, label: page.setWindowTitle(f"{label}: {len(positions)}"))
        page.set_data(data.customers, data.orders, data.link, data.mapping)
        return page

    return run_alone(build, argv, size=(1200, 760), title=lambda: tr("RFM"), languages=False)


if __name__ == "__main__":
    raise SystemExit(main())
