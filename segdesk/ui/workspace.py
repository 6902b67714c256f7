"""The data that is open: customers, an order log and its link. Views watch it; none of them owns the data.

Kept outside the main window so that rebuilding the window (after a language switch) keeps what is open.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from segdesk.core.io.table import ImportedTable, QualityItem
from segdesk.core.segments.model import SegmentSet
from segdesk.ui.import_tasks import ImportResult


class Workspace(QObject):
    """Holds the imported tables; emits ``changed`` whenever one of them is replaced."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.customers: ImportedTable | None = None
        self.orders: ImportedTable | None = None
        self.link: Any = None  # core.model.orders.OrderLink
        self.mapping: Any = None  # core.model.orders.OrderMapping
        # the Segments page's segment set: kept with the data so a window rebuilt in another language keeps it
        # (the page sets it on every edit; no signal: nothing else watches it yet)
        self.segments = SegmentSet()
        # the open project (segdesk.ui.project_session): its file, the snapshot last saved or opened (as compared
        # for unsaved changes), and whether what is shown differs from it
        self.project_path: Path | None = None
        self.project_saved: str | None = None
        self.project_dirty = False
        self.exports: tuple[dict[str, Any], ...] = ()  # the export log's entries of this project, oldest first

    def set_customers(self, customers: ImportedTable | None) -> None:
        """A new customer list; an order log linked to the old one no longer applies and is closed."""
        self.customers = customers
        self.orders = self.link = self.mapping = None
        self.changed.emit()

    def apply(self, result: ImportResult) -> None:
        """Take over what an import, the demo or a merge produced."""
        if result.orders is None:
            self.set_customers(result.customers)
            return
        if result.customers is not None:
            self.customers = result.customers
        self.orders, self.link, self.mapping = result.orders, result.link, result.mapping
        self.changed.emit()

    @property
    def customer_count(self) -> int:
        return self.customers.rows if self.customers is not None else 0

    @property
    def order_lines(self) -> int:
        return self.orders.rows if self.orders is not None else 0

    def order_findings(self) -> list[QualityItem]:
        """The order log's quality findings, with the orders whose customer was not found."""
        if self.orders is None:
            return []
        found = list(self.orders.quality)
        if self.link is not None and self.link.unknown.count:
            found.append(self.link.unknown)
        if self.link is not None:
            found.extend(self.link.findings)
        return found

    @property
    def quality_issues(self) -> int:
        customers = self.customers.quality if self.customers is not None else []
        return sum(1 for item in [*customers, *self.order_findings()] if item.count)

    @property
    def file_name(self) -> str | None:
        return self.customers.path.name if self.customers is not None else None
