"""The tabs under the segment list: how the segments overlap, their sizes and revenue, and "Why?".

The chart is made the first time its tab is shown (pyqtgraph plots are costly to build, and many sessions
never look at them); until then a report is only remembered.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from segdesk.core.segments.model import SegmentSet
from segdesk.core.segments.session import Prepared, SegmentsReport
from segdesk.ui.i18n import tr
from segdesk.ui.segment_chart import SegmentChart
from segdesk.ui.segment_overlap import SegmentOverlap
from segdesk.ui.segment_why import explanation
from segdesk.ui.why_panel import WhyPanel


class SegmentTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overlap = SegmentOverlap()
        self.chart: SegmentChart | None = None
        self.why_panel = WhyPanel()
        self._chart_holder = QWidget()
        QVBoxLayout(self._chart_holder).setContentsMargins(0, 0, 0, 0)
        self._report: SegmentsReport | None = None
        self.addTab(self.overlap, tr("Overlap"))
        self.addTab(self._chart_holder, tr("Sizes and revenue"))
        self.addTab(self.why_panel, tr("Why?"))
        self.currentChanged.connect(self._on_current_changed)

    def show_report(self, report: SegmentsReport) -> None:
        """The overlap and sizes of the enabled segments (disabled ones match no one)."""
        self._report = report
        shown = [i for i, s in enumerate(report.result.stats) if s.enabled]
        segments = [report.segments.segments[i] for i in shown]
        names, colours = [s.name for s in segments], [s.colour for s in segments]
        stats = [report.result.stats[i] for i in shown]
        self.overlap.set_overlap(names, colours, report.overlap[shown][:, shown], [s.matched for s in stats])
        if self.chart is not None:
            self.chart.set_data(names, colours, [s.customers for s in stats], [s.revenue for s in stats],
                                (report.result.everyone_else, report.result.everyone_else_revenue))

    def explain(self, prepared: Prepared, report: SegmentsReport, segments: SegmentSet, row: int,
                position: int) -> None:
        """Why the customer at ``position`` is or is not in the segment at ``row``."""
        segment = segments.segments[row]
        assigned = int(report.result.assigned[position])
        self.why_panel.set_explanation(prepared.customer_label(position), segment.name,
                                       explanation(segment.rule, prepared.data, position),
                                       segments.segments[assigned].name if assigned >= 0 else "")

    def release(self) -> None:
        """Let go of the chart's plots (the window is closing)."""
        if self.chart is not None:
            self.chart.release()

    def _on_current_changed(self, index: int) -> None:
        if self.widget(index) is self._chart_holder and self.chart is None:
            self.chart = SegmentChart()
            self._chart_holder.layout().addWidget(self.chart)
            if self._report is not None:
                self.show_report(self._report)
