"""The Segments page: an ordered list of rule segments, the rule editor, the control group, quick starts,
"Why?", the overlap and the sizes. Run alone on the demo data: ``python -m segdesk.ui.segments_page [--ru]``.

* Every edit is an undo command on :attr:`SegmentsPage.undo_stack` (:mod:`segment_edits`), whose target is
  :meth:`SegmentsPage._apply`: the only place the segment set changes.
* New data, a new as-of date or new RFM settings prepare the data again on one runner (:func:`prepare`).
* Every change of the set evaluates it again on another runner, debounced, the old task cancelled first
  (:func:`evaluate_segments`); the list, the editor's count, the overlap and the chart show its report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from segdesk.core.io.table import ImportedTable
from segdesk.core.rfm import RfmSettings
from segdesk.core.segments.model import Segment, SegmentSet
from segdesk.core.segments.session import Prepared, SegmentsReport, evaluate_segments, prepare, rfm_inputs
from segdesk.ui.alone import run_alone
from segdesk.ui.i18n import tr
from segdesk.ui.rule_editor import RuleEditor
from segdesk.ui.segment_edits import SegmentEdits
from segdesk.ui.segment_panel import SegmentPanel
from segdesk.ui.segment_rule_notes import segment_problems, show_rule_count
from segdesk.ui.segment_settings_bar import SegmentSettingsBar
from segdesk.ui.segment_status import SegmentStatus
from segdesk.ui.segment_tabs import SegmentTabs
from segdesk.ui.workers import TaskRunner, error_text

#: Edits closer together than this are evaluated once (typing a value, holding a spin box arrow).
EVALUATE_DELAY_MS = 250


class SegmentsPage(QWidget):
    customers_chosen = Signal(object, str)  # positions (int64 array) and the segment's name
    segments_changed = Signal(object)  # the new SegmentSet (an edit, undo or redo)
    report_changed = Signal(object)  # the new SegmentsReport

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.settings_bar = SegmentSettingsBar()
        self.status = SegmentStatus()
        self.panel = SegmentPanel()
        self.model, self.view = self.panel.model, self.panel.view
        self.editor = RuleEditor()
        self.editor_hint = QLabel(tr("Choose a segment in the list to edit its rule, or add one."))
        self.tabs = SegmentTabs()
        self.overlap, self.why_panel = self.tabs.overlap, self.tabs.why_panel
        self.edits = SegmentEdits(self.undo_stack, lambda: self._segments, self._apply, self.panel, self)
        self.empty_label = QLabel()
        self._editor_stack, self._stack = QStackedWidget(), QStackedWidget()
        self._preparer, self._evaluator = TaskRunner(self), TaskRunner(self)
        self._debounce = QTimer(self, singleShot=True, interval=EVALUATE_DELAY_MS)
        self._data: tuple[ImportedTable, Any, Any, Any] | None = None
        self._rfm = RfmSettings()
        self._segments = SegmentSet()
        self._prepared: Prepared | None = None
        self._report: SegmentsReport | None = None
        self._pending_show: int | None = None  # "show customers" asked while the counts were out of date
        self._explained: int | None = None  # the customer the Why panel explains
        self._build()
        self._connect()
        self.set_data(None)

    def _build(self) -> None:
        for label in (self.editor_hint, self.empty_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self._editor_stack.addWidget(self.editor_hint)
        self._editor_stack.addWidget(self.editor)
        top = QSplitter(Qt.Orientation.Horizontal)  # the list beside the rule of the segment chosen in it
        top.addWidget(self.panel)
        top.addWidget(self._editor_stack)
        top.setSizes([440, 720])  # the rule's widest row (an order-log condition) needs the room, in Russian too
        top.setStretchFactor(1, 1)
        top.setChildrenCollapsible(False)
        body = QSplitter(Qt.Orientation.Vertical)  # the charts below, the page's full width
        body.addWidget(top)
        body.addWidget(self.tabs)
        body.setSizes([400, 300])
        self._stack.addWidget(self.empty_label)
        self._stack.addWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.settings_bar)
        layout.addWidget(self.status)
        layout.addWidget(self._stack, 1)

    def _connect(self) -> None:
        self.edits.follow(self.editor, self.settings_bar)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.view.doubleClicked.connect(lambda index: self.show_customers(index.row()))
        self.panel.show_button.clicked.connect(lambda: self.show_customers(self.panel.current_row()))
        self.why_panel.customer_picked.connect(self._on_why_panel_customer_picked)
        self.settings_bar.as_of_chosen.connect(lambda _: self._start_prepare())
        self._debounce.timeout.connect(self._evaluate)
        self.status.connect_runner(self._preparer)
        self._preparer.succeeded.connect(self._on_preparer_succeeded)
        self._preparer.failed.connect(self._on_runner_failed)
        self._evaluator.succeeded.connect(self._on_evaluator_succeeded)
        self._evaluator.failed.connect(self._on_runner_failed)

    # --- public ---

    @property
    def segments(self) -> SegmentSet:
        return self._segments

    @property
    def report(self) -> SegmentsReport | None:
        """The counts of the set shown; None while they are being computed."""
        report = self._report
        return report if report is not None and report.segments == self._segments else None

    @property
    def prepared(self) -> Prepared | None:
        return self._prepared

    @property
    def is_busy(self) -> bool:
        return self._preparer.is_running or self._evaluator.is_running or self._debounce.isActive()

    def set_data(self, customers: ImportedTable | None, orders: Any = None, link: Any = None,
                 mapping: Any = None) -> None:
        """Evaluate the segments on new data (None: nothing open). The segments themselves stay."""
        self._data = (customers, orders, link, mapping) if customers is not None else None
        self._prepared = self._report = None
        self.model.set_result(None)
        self.panel.quick_starts.set_source(None)
        self.why_panel.set_customers(None)
        self._explained = None
        self.status.say("")
        if customers is None:
            self._preparer.cancel()
            self._evaluator.cancel()
            self.empty_label.setText(tr("Open a customer list (File → Open…) to build segments."))
            self._stack.setCurrentIndex(0)
            return
        self._stack.setCurrentIndex(1)
        self._start_prepare()

    @property
    def pinned_as_of(self) -> dt.date | None:
        """The as-of date the user chose (None: the day after the latest purchase)."""
        return self.settings_bar.pinned_as_of

    def set_as_of(self, day: dt.date | None) -> None:
        """Use ``day`` as the as-of date (None: follow the data), as a project opened asks."""
        self.settings_bar.set_pinned(day)

    def set_rfm_settings(self, settings: RfmSettings) -> None:
        """Score the RFM fields rules use with ``settings`` (the as-of date stays this page's own)."""
        settings = rfm_inputs(settings)
        if settings != self._rfm:
            self._rfm = settings
            self._start_prepare()

    def load_segments(self, segments: SegmentSet) -> None:
        """Start from ``segments`` (a project opened, a window rebuilt): no undo history before them."""
        self.undo_stack.clear()
        self._apply(segments, 0 if segments.segments else None)

    def add_segments(self, new: list[Segment], step: str) -> None:
        """Add ``new`` at the end of the list as one undo step named ``step``."""
        self.edits.add(new, step)

    def show_customers(self, row: int | None) -> None:
        """Ask for the Data page to show the customers of the segment at ``row`` (the last row: everyone else);
        when the counts are out of date, once they are counted."""
        if row is None or self._prepared is None:
            return
        report = self.report
        if report is None:
            self._pending_show = row
            self._evaluate()
            return
        everyone_else = row >= len(self._segments.segments)
        name = tr("Everyone else") if everyone_else else self._segments.segments[row].name
        self.customers_chosen.emit(report.result.positions(-1 if everyone_else else row), name)

    def shutdown(self) -> None:
        """Stop background work and let go of the charts (the window is closing)."""
        self._debounce.stop()
        self._preparer.cancel()
        self._evaluator.cancel()
        self.tabs.release()

    # --- the one place the set changes ---

    def _apply(self, segments: SegmentSet, selected: int | None) -> None:
        """Show ``segments`` (every edit, undo and redo comes here), select ``selected`` (None: the row
        selected now) and count them again once the edits pause."""
        self._segments = segments
        self._pending_show = None
        row = self.panel.current_row() if selected is None else selected
        self.model.set_segments(segments)
        self.view.select_row(None if row is None else min(row, len(segments.segments)))
        self.settings_bar.show_control(segments.holdout, segments.seed)
        self._show_selected()
        self._evaluator.cancel()
        self._debounce.start()
        self.segments_changed.emit(segments)

    # --- showing ---

    def _selected_segment(self) -> int | None:
        row = self.panel.current_row()
        return row if row is not None and row < len(self._segments.segments) else None

    def _show_selected(self) -> None:
        self.panel.update_buttons()
        row = self._selected_segment()
        self._editor_stack.setCurrentIndex(0 if row is None else 1)
        if row is not None:
            self.editor.set_rule(self._segments.segments[row].rule)
            show_rule_count(self.editor, self.report, row)
        self._explain()

    def _explain(self) -> None:
        row, position, prepared, report = self._selected_segment(), self._explained, self._prepared, self.report
        if row is not None and position is not None and prepared is not None and report is not None:
            self.tabs.explain(prepared, report, self._segments, row, position)

    def _on_why_panel_customer_picked(self, position: int) -> None:
        self._explained = position
        self._explain()

    # --- background work ---

    def _start_prepare(self) -> None:
        if self._data is None:
            return
        self._evaluator.cancel()
        self._debounce.stop()
        old = self._prepared
        keys = old.keys if old is not None and old.data.customers is self._data[0] else None
        self._report = None  # counts of another as-of date or RFM scoring: out of date
        self.model.set_stale()
        self._preparer.start(prepare, *self._data, self.settings_bar.pinned_as_of, self._rfm, keys)

    def _on_preparer_succeeded(self, prepared: Prepared) -> None:
        old, self._prepared = self._prepared, prepared
        data = prepared.data
        self.settings_bar.show_as_of(prepared.as_of)
        if old is None or old.data.catalogue.fields != data.catalogue.fields \
                or old.data.customers is not data.customers:  # a new as-of date only: keep the editor as it is
            # both ask the data prepared last when they are used, rather than hold on to this one
            self.editor.set_fields(data.catalogue, data.order_catalogue, lambda name, orders: self._prepared.data
                                   .values(name, orders) if self._prepared is not None else [])
            self.why_panel.set_customers(lambda text: self._prepared.search(text) if self._prepared else [])
        self.panel.quick_starts.set_source(data, self._rfm.rfm_map)
        self._show_selected()
        self._evaluate()

    def _evaluate(self) -> None:
        self._debounce.stop()
        if self._prepared is not None:
            self._evaluator.start(evaluate_segments, self._segments, self._prepared)

    def _on_evaluator_succeeded(self, report: SegmentsReport) -> None:
        self._report = report
        problems = segment_problems(report)
        self.model.set_result(report.result, problems)
        self.status.show_report(report, next(iter(problems.values()), ""))
        self.tabs.show_report(report)
        row = self._selected_segment()
        if row is not None:
            show_rule_count(self.editor, report, row)
        self._explain()
        self.report_changed.emit(report)
        if self._pending_show is not None:
            row, self._pending_show = self._pending_show, None
            self.show_customers(row)

    def _on_runner_failed(self, error: BaseException) -> None:
        self.status.say(error_text(error))


def main(argv: list[str] | None = None) -> int:
    """Open the page alone on the demo data, with its lifecycle stages (``--ru``: in Russian)."""
    from segdesk.core.model.dataset import load_demo
    from segdesk.core.segments.templates import lifecycle_segments
    from segdesk.ui.i18n import language
    from segdesk.ui.rfm_samples import DEMO

    def build(argv: list[str]) -> SegmentsPage:
        data = load_demo(DEMO)
        page = SegmentsPage()
        page.customers_chosen.connect(lambda positions, name: page.setWindowTitle(f"{name}: {len(positions)}"))
        page.set_data(data.customers, data.orders, data.link, data.mapping)
        page.load_segments(SegmentSet(tuple(lifecycle_segments(language()))))
        return page

    return run_alone(build, argv, size=(1280, 800), title=lambda: tr("Segments"), shutdown=SegmentsPage.shutdown)


if __name__ == "__main__":
    raise SystemExit(main())
