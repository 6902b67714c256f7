"""What an export will write, before it runs: per segment its customers, the rows written, the control group,
and who is left out and why, with totals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from segdesk.core.export.exclusions import REASONS
from segdesk.core.export.plan import ExportPlan
from segdesk.ui.export_labels import reason_label, reason_tip
from segdesk.ui.i18n import format_int, tr

_ERROR_STYLE = "color: #b00020"
_NUMBERS = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ExportPreview(QWidget):
    """A line that sums the plan up, and a table of it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("export_summary")
        self.summary_label.setWordWrap(True)
        self.table = QTableWidget(0, 4 + len(REASONS))
        self.table.setObjectName("export_preview")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        self._set_headers()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)

    def _set_headers(self) -> None:
        labels = [tr("Segment"), tr("Customers"), tr("Will be written"), tr("Control group"),
                  *(reason_label(r) for r in REASONS)]
        tips = [tr("The segment's name"), tr("Customers in the segment (after priority), control group included"),
                tr("Rows written to the segment's list"),
                tr("Held out of the mailing so its effect can be measured"), *(reason_tip(r) for r in REASONS)]
        self.table.setHorizontalHeaderLabels([_two_lines(label) for label in labels])
        for column, tip in enumerate(tips):
            self.table.horizontalHeaderItem(column).setToolTip(tip)

    def show_plan(self, plan: ExportPlan) -> None:
        rows = [[p.segment.name, p.customers, len(p.rows), len(p.control), *(p.excluded[r] for r in REASONS)]
                for p in plan.lists]
        totals = [tr("Total"), *(sum(row[k] for row in rows) for k in range(1, len(rows[0])))] if rows else []
        self.table.setRowCount(0)
        for values in [*rows, totals] if rows else []:
            self._add_row(values, bold=values is totals)
        left_out = sum(p.excluded_total for p in plan.lists)
        written, control = (totals[2], totals[3]) if rows else (0, 0)
        parts = [tr("{count} contacts will be written to the lists", count=written)]
        if control:
            parts.append(tr("{count} to control-group files", count=control) if plan.settings.control_file
                         else tr("{count} held out as control groups (not written)", count=control))
        parts.append(tr("{count} left out", count=left_out))
        self.say("; ".join(parts) + ".")

    def _add_row(self, values: list, bold: bool) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate(values):
            item = QTableWidgetItem(value if isinstance(value, str) else format_int(value))
            if not isinstance(value, str):
                item.setTextAlignment(_NUMBERS)
            if bold:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, column, item)

    def say(self, text: str, error: bool = False) -> None:
        self.summary_label.setText(text)
        self.summary_label.setStyleSheet(_ERROR_STYLE if error else "")

    def clear(self, text: str = "", error: bool = False) -> None:
        self.table.setRowCount(0)
        self.say(text, error)


def _two_lines(label: str) -> str:
    """A long header on two lines (at the space nearest its middle), so nine columns fit beside each other."""
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    if len(label) <= 12 or not spaces:
        return label
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return label[:cut] + "\n" + label[cut + 1:]
