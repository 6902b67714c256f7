"""The data-quality report beside the customer table: findings with counts; clicking one filters the table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from segdesk.core.io.quality import FILE_KINDS
from segdesk.core.io.table import QualityItem
from segdesk.ui.i18n import tr
from segdesk.ui.labels import SKIPPED_KINDS, quality_title

_ITEM_ROLE = Qt.ItemDataRole.UserRole
_SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1


class QualityPanel(QWidget):
    """Lists quality findings of the customers (filterable) and of the order log (informative)."""

    item_chosen = Signal(object)  # a customer QualityItem whose rows should be shown
    cleared = Signal()  # "show all rows"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = QLabel(tr("Data quality"))
        self._title.setStyleSheet("font-weight: bold")
        self._list = QListWidget()
        self._list.setWordWrap(True)
        self._list.setSpacing(3)
        self._list.setObjectName("quality_list")
        self._note = QLabel()
        self._note.setWordWrap(True)
        self._show_all = QPushButton(tr("Show all rows"))
        self._show_all.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self._title, self._list, self._note, self._show_all):
            layout.addWidget(widget)
        self._list.itemClicked.connect(self._on_list_item_clicked)
        self._show_all.clicked.connect(self._on_show_all_clicked)

    def set_items(self, customers: list[QualityItem], orders: list[QualityItem] | None = None) -> None:
        self._list.clear()
        for item in customers:
            self._add(item, tr("{count} rows", count=item.count), from_orders=False)
        for item in orders or []:
            self._add(item, tr("{count} order lines", count=item.count), from_orders=True)
        if self._list.count() == 0:
            self._list.addItem(tr("No problems found."))
        self._note.clear()
        self._show_all.setEnabled(False)

    def items(self) -> list[QListWidgetItem]:
        return [self._list.item(i) for i in range(self._list.count())]

    def show_filter_note(self, shown: int, total_count: int) -> None:
        """Say how much of a finding the table shows: the report keeps only the first row numbers."""
        if shown < total_count:
            self._note.setText(tr("Showing the first {shown} of {count} rows.", shown=shown, count=total_count))
        else:
            self._note.setText(tr("Showing {count} rows.", count=shown))
        self._show_all.setEnabled(True)

    def clear_filter_note(self) -> None:
        self._note.clear()
        self._show_all.setEnabled(False)
        self._list.clearSelection()

    def _add(self, item: QualityItem, counted: str, from_orders: bool) -> None:
        prefix = tr("Order log: ") if from_orders else ""
        title = f"{prefix}{quality_title(item)}"
        entry = QListWidgetItem(title if item.kind in FILE_KINDS else f"{title}\n{counted}")  # the file: no rows
        entry.setData(_ITEM_ROLE, item)
        entry.setData(_SOURCE_ROLE, from_orders)
        entry.setToolTip(self._tooltip(item, from_orders))
        self._list.addItem(entry)

    def _tooltip(self, item: QualityItem, from_orders: bool) -> str:
        rows = ", ".join(str(r) for r in item.rows[:20])
        lines = [tr("Rows in the file: {rows}", rows=rows)] if rows else []
        if from_orders or item.kind in SKIPPED_KINDS:
            lines.append(tr("These rows are not in the customer table."))
        elif item.rows:
            lines.append(tr("Click to show these rows."))
        return "\n".join(lines)

    def _on_list_item_clicked(self, entry: QListWidgetItem) -> None:
        item = entry.data(_ITEM_ROLE)
        if not isinstance(item, QualityItem):
            return
        if entry.data(_SOURCE_ROLE) or item.kind in SKIPPED_KINDS or not item.rows:
            self.cleared.emit()  # these rows are not in the table: an earlier finding's filter must not linger
            rows = ", ".join(str(r) for r in item.rows[:20])
            if not rows:
                self._note.setText(quality_title(item))
            elif entry.data(_SOURCE_ROLE):  # say whose rows these are: the table beside shows customers
                self._note.setText(tr("Rows in the order log (not in this table): {rows}", rows=rows))
            else:
                self._note.setText(tr("Rows in the file, not imported: {rows}", rows=rows))
            return
        self.item_chosen.emit(item)

    def _on_show_all_clicked(self) -> None:
        self.clear_filter_note()
        self.cleared.emit()
