"""The suppression list the Export page applies: read off the GUI thread (it may be a big workbook), and what the
page says about it. A list that cannot be read is an error that blocks the export, not an empty list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from segdesk.core.export.exclusions import Suppression
from segdesk.ui.export_tasks import load_suppression
from segdesk.ui.i18n import tr
from segdesk.ui.workers import TaskRunner, error_text


class SuppressionLoader(QObject):
    changed = Signal()  # the list was read, could not be read, or was cleared

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = TaskRunner(self)
        self.path: str | None = None
        self.suppression: Suppression | None = None
        self.error = ""
        self.runner.succeeded.connect(self._on_runner_succeeded)
        self.runner.failed.connect(self._on_runner_failed)

    @property
    def is_reading(self) -> bool:
        return self.runner.is_running

    def load(self, path: str | None) -> None:
        """Read the list at ``path`` (None: no list)."""
        self.path, self.suppression, self.error = path, None, ""
        if path is None:
            self.runner.cancel()
        else:
            self.runner.start(load_suppression, path)
        self.changed.emit()

    def status(self) -> tuple[str, bool]:
        """What to say about the list, and whether it is an error."""
        if self.path is None:
            return tr("None: nobody is left out for being on a list."), False
        name = Path(self.path).name
        if self.error:
            return self.error, True
        if self.suppression is None:
            return tr("Reading {name}…", name=name), False
        return tr("{name}: {count} addresses", name=name, count=self.suppression.size), False

    def _on_runner_succeeded(self, suppression: Suppression) -> None:
        self.suppression = suppression
        self.changed.emit()

    def _on_runner_failed(self, error: BaseException) -> None:
        self.error = error_text(error)
        self.changed.emit()
