"""The Segments page's status line: progress while the data is prepared, what the segments cover, and the first
problem of a rule (in red) when one does not fit the data."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from segdesk.core.segments.session import SegmentsReport
from segdesk.ui.i18n import tr
from segdesk.ui.rfm_labels import percent
from segdesk.ui.workers import TaskRunner


class SegmentStatus(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(200)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("segments_summary")
        self.summary_label.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setObjectName("segments_message")
        self.message_label.setStyleSheet("color: #b00020")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.summary_label, 3)
        layout.addWidget(self.message_label, 2)

    def connect_runner(self, runner: TaskRunner) -> None:
        """Show ``runner``'s progress."""
        runner.started.connect(self._on_runner_started)
        runner.progressed.connect(lambda fraction, _: self.progress_bar.setValue(round(fraction * 100)))
        runner.finished.connect(self.progress_bar.hide)

    def say(self, problem: str) -> None:
        """Show what went wrong ("": nothing)."""
        self.message_label.setText(problem)
        self.message_label.setVisible(bool(problem))

    def show_report(self, report: SegmentsReport, problem: str = "") -> None:
        result = report.result
        assigned = result.total - result.everyone_else
        parts = [tr("In segments: {assigned} of {total} customers ({share}); everyone else: {rest}.",
                    assigned=assigned, total=result.total,
                    share=percent(assigned / result.total if result.total else 0.0), rest=result.everyone_else)]
        if report.segments.holdout > 0:
            parts.append(tr("Control group: {held} held out.", held=int(result.control.sum())))
        self.summary_label.setText(" ".join(parts))
        self.say(problem)

    def _on_runner_started(self) -> None:
        self.progress_bar.setValue(0)
        self.progress_bar.show()
