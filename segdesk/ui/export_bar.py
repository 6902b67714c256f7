"""The bar that runs an export: Export, and while it runs a progress bar and Cancel; afterwards what was written
(or why nothing was) and Open folder. The export runs on the bar's own TaskRunner; a cancel leaves the folder as
it was, because core writes every file under a temporary name and renames them together at the end."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from segdesk.core.export.exclusions import Suppression
from segdesk.core.export.model import ExportSettings
from segdesk.core.export.report import ExportReport
from segdesk.ui.export_tasks import ExportInput, run_export
from segdesk.ui.i18n import tr
from segdesk.ui.workers import TaskRunner, error_text

_ERROR_STYLE = "color: #b00020"


class ExportBar(QWidget):
    running_changed = Signal(bool)
    exported = Signal(object)  # the ExportReport

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = TaskRunner(self)
        self.export_button = QPushButton(tr("Export the lists"))
        self.export_button.setObjectName("export_button")
        self.export_button.setMinimumWidth(120)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(240)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.result_label = QLabel()
        self.result_label.setObjectName("export_result")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(tr("Open folder"))
        self._folder = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.export_button, self.progress_bar, self.cancel_button):
            layout.addWidget(widget)
        layout.addWidget(self.result_label, 1)
        layout.addWidget(self.open_button)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.runner.progressed.connect(lambda fraction, _: self.progress_bar.setValue(round(fraction * 100)))
        self.runner.succeeded.connect(self._on_runner_succeeded)
        self.runner.failed.connect(lambda error: self.show_result(error_text(error), error=True))
        self.runner.cancelled.connect(lambda: self.show_result(tr("Export cancelled; no file was written.")))
        self.runner.finished.connect(lambda: self._show_running(False))
        self._show_running(False)
        self.show_result("")

    @property
    def is_running(self) -> bool:
        return self.runner.is_running

    def run(self, folder: str, data: ExportInput, settings: ExportSettings, suppression: Suppression | None) -> None:
        """Export into ``folder`` off the GUI thread."""
        self._show_running(True)
        self.show_result(tr("Exporting…"))
        self.runner.start(run_export, folder, data, settings, suppression)

    def show_result(self, text: str, error: bool = False, folder: str = "") -> None:
        """``text`` beside the buttons; with ``folder``, the Open folder button opens it."""
        self._folder = folder
        self.result_label.setText(text)
        self.result_label.setToolTip("")
        self.result_label.setStyleSheet(_ERROR_STYLE if error else "")
        self.open_button.setVisible(bool(folder))

    def _show_running(self, running: bool) -> None:
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(running)
        self.cancel_button.setVisible(running)
        self.export_button.setVisible(not running)
        self.running_changed.emit(running)

    def _on_runner_succeeded(self, report: ExportReport) -> None:
        folder = str(report.folder)
        self.show_result(tr("Wrote {count} files to {folder}", count=len(report.files), folder=folder), folder=folder)
        self.result_label.setToolTip("\n".join(f.name for f in report.files))
        self.exported.emit(report)

    def _on_open_button_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self._folder))
