"""Merge duplicates: customers listed more than once (same email, then same phone) become one row.

The plan is computed off the GUI thread and shown before anything changes; merging re-links the order log,
because merging moves customers to new row positions.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from segdesk.core.errors import ProgressCallback, no_progress
from segdesk.core.io.table import ImportedTable
from segdesk.core.model.dataset import merge_duplicates
from segdesk.ui.alone import run_alone
from segdesk.ui.i18n import tr
from segdesk.ui.import_tasks import ImportResult
from segdesk.ui.workers import TaskRunner, error_text
from segdesk.ui.workspace import Workspace

_GROUPS_LISTED = 200


def plan_duplicates(customers: ImportedTable, progress: ProgressCallback = no_progress) -> Any:
    from segdesk.core.model.dedupe import plan_merge

    return plan_merge(customers)


class MergeDialog(QDialog):
    """Shows the duplicate groups and merges them on request."""

    planned = Signal()  # the groups are shown
    merged = Signal(object)  # ImportResult with the merged customers

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Merge duplicates"))
        self._workspace = workspace
        self._plan: Any = None
        self.summary = QLabel(tr("Looking for duplicates…"))
        self.summary.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.groups = QListWidget()
        self.merge_button = QPushButton(tr("Merge"))
        self.merge_button.setEnabled(False)
        self.close_button = QPushButton(tr("Close"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.explanation)
        layout.addWidget(self.groups, 1)
        layout.addLayout(buttons)
        self.resize(680, 520)
        self._runner = TaskRunner(self)
        self._runner.failed.connect(self._on_runner_failed)
        self.merge_button.clicked.connect(self._on_merge_button_clicked)
        self.close_button.clicked.connect(self.reject)
        if workspace.customers is not None:
            self._runner.succeeded.connect(self._on_planner_succeeded)
            self._runner.start(plan_duplicates, workspace.customers)

    def done(self, code: int) -> None:
        self._runner.cancel()
        super().done(code)

    def _on_planner_succeeded(self, plan: Any) -> None:
        self._runner.succeeded.disconnect(self._on_planner_succeeded)
        self._plan = plan
        customers = self._workspace.customers
        assert customers is not None
        if not plan.groups:
            self.summary.setText(tr("No duplicates found: every valid email and phone appears once."))
        else:
            by_email = sum(1 for b in plan.by if b == "email")
            self.summary.setText(tr("Groups of duplicates: {groups} (by email: {email}, by phone: {phone}). "
                                    "Rows to be merged away: {rows}.", rows=plan.rows_removed,
                                    groups=len(plan.groups), email=by_email, phone=len(plan.groups) - by_email))
            self.explanation.setText(tr("Merging keeps the first row of each group and fills its empty cells "
                                        "from the others; their filled cells are not added up (a second total "
                                        "spent is dropped). Different emails are never merged, even with one "
                                        "phone."))
        for group, by, shared in list(zip(plan.groups, plan.by, plan.shared, strict=True))[:_GROUPS_LISTED]:
            rows = ", ".join(str(int(r)) for r in customers.source_rows[group])
            self.groups.addItem(tr("Rows {rows}: {value} (same {key})", rows=rows, value=shared,
                                   key=tr("email") if by == "email" else tr("phone")))
        self.merge_button.setEnabled(bool(plan.groups))
        self.planned.emit()

    def _on_merge_button_clicked(self) -> None:
        ws = self._workspace
        self.merge_button.setEnabled(False)
        self.summary.setText(tr("Merging…"))
        self._runner.succeeded.connect(self._on_merger_succeeded)
        self._runner.start(merge_duplicates, ImportResult(ws.customers, ws.orders, ws.link, ws.mapping), self._plan)

    def _on_merger_succeeded(self, result: ImportResult) -> None:
        self.merged.emit(result)
        self.accept()

    def _on_runner_failed(self, error: BaseException) -> None:
        self.summary.setText(error_text(error))


def main(argv: list[str] | None = None) -> int:
    """Open the dialog alone on the sample customer export (it has duplicate emails)."""
    from segdesk.ui.samples import sample_customers

    def build(argv: list[str]) -> MergeDialog:
        workspace = Workspace()
        workspace.set_customers(sample_customers(int(argv[1]) if len(argv) > 1 else 2_000))
        return MergeDialog(workspace)

    return run_alone(build, argv, languages=False)


if __name__ == "__main__":
    raise SystemExit(main())
