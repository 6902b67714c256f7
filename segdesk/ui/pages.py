"""The main window's pages and what passes between them, so the window itself only hosts them.

* Every page shows what the workspace holds.
* A group chosen on the RFM page (grid cell, segment, stage) or a segment chosen on the Segments page is shown
  on the Data page, filtered.
* The Segments page scores its RFM fields with the RFM page's settings (map, bins, lifecycle thresholds), and
  keeps its segment set in the workspace, so a window rebuilt in another language still has it.
* "Use as segments" lists the RFM segments and lifecycle stages on the Data page; from then on the list
  follows the RFM page (new settings or new data re-score, and the list is refilled).
* The Export page exports the segments the Segments page counted last; while they are being counted again
  (an edit, new data) it holds the export.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from segdesk.core.segments.model import SegmentSet
from segdesk.core.segments.session import SegmentsReport
from segdesk.ui.data_page import DataPage
from segdesk.ui.export_page import ExportPage
from segdesk.ui.navigation import DATA_PAGE, EXPORT_PAGE, RFM_PAGE, SEGMENTS_PAGE
from segdesk.ui.rfm_page import RfmPage
from segdesk.ui.rfm_views import RfmViews
from segdesk.ui.segment_filter import SegmentChoice
from segdesk.ui.segments_page import SegmentsPage
from segdesk.ui.settings import Settings
from segdesk.ui.workspace import Workspace


class PageStack(QStackedWidget):
    """Holds the pages by name; asks the window (``page_requested``) to show another page."""

    page_requested = Signal(str)  # a page name

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_page = DataPage()
        self.segments_page = SegmentsPage()
        self.rfm_page = RfmPage()
        self.rfm_views = RfmViews(self.rfm_page)
        self.export_page = ExportPage(settings)
        self._pages: dict[str, QWidget] = {DATA_PAGE: self.data_page, SEGMENTS_PAGE: self.segments_page,
                                           RFM_PAGE: self.rfm_page, EXPORT_PAGE: self.export_page}
        self._workspace: Workspace | None = None
        for page in self._pages.values():
            self.addWidget(page)
        self._segments_in_use = False
        self.rfm_page.customers_chosen.connect(self._on_rfm_page_customers_chosen)
        self.rfm_page.segments_chosen.connect(self._on_rfm_page_segments_chosen)
        self.rfm_page.result_changed.connect(self._on_rfm_page_result_changed)
        self.segments_page.customers_chosen.connect(self._on_segments_page_customers_chosen)
        self.segments_page.segments_changed.connect(self._on_segments_page_segments_changed)
        self.segments_page.report_changed.connect(self._on_segments_page_report_changed)

    def show_page(self, name: str) -> None:
        page = self._pages.get(name)
        if page is not None:
            self.setCurrentWidget(page)

    def current_name(self) -> str:
        return next(name for name, page in self._pages.items() if page is self.currentWidget())

    def show_workspace(self, workspace: Workspace) -> None:
        """Show what is open now (the RFM and Segments pages compute in the background)."""
        if self._workspace is None:
            self._workspace = workspace
            self.segments_page.load_segments(workspace.segments)  # a rebuilt window carries on with them
        self.data_page.set_data(workspace.customers, workspace.order_findings())
        self.segments_page.set_data(workspace.customers, workspace.orders, workspace.link, workspace.mapping)
        self.rfm_page.set_data(workspace.customers, workspace.orders, workspace.link, workspace.mapping)
        if workspace.customers is None:
            self.export_page.set_data(None, None, None)
        else:
            self.export_page.set_stale()  # until the Segments page has counted the new data

    def shutdown(self) -> None:
        self.export_page.shutdown()
        self.segments_page.shutdown()
        self.rfm_views.shutdown()
        self.rfm_page.shutdown()
        self.data_page.shutdown()

    def _on_rfm_page_customers_chosen(self, positions: np.ndarray, label: str) -> None:
        self.data_page.show_customers(positions, label)
        self.page_requested.emit(DATA_PAGE)

    def _on_segments_page_customers_chosen(self, positions: np.ndarray, label: str) -> None:
        self.data_page.show_customers(positions, label)
        self.page_requested.emit(DATA_PAGE)

    def _on_segments_page_segments_changed(self, segments: SegmentSet) -> None:
        if self._workspace is not None:
            self._workspace.segments = segments
        self.export_page.set_stale()

    def _on_segments_page_report_changed(self, report: SegmentsReport) -> None:
        prepared, workspace = self.segments_page.prepared, self._workspace
        if prepared is None or workspace is None or workspace.customers is None:
            return
        sources = tuple(t.path for t in (workspace.customers, workspace.orders) if t is not None)
        self.export_page.set_data(prepared.data.customers, report, prepared.as_of, sources)

    def _on_rfm_page_segments_chosen(self, choices: list[SegmentChoice]) -> None:
        self._segments_in_use = True
        self.data_page.set_segments(choices)
        self.page_requested.emit(DATA_PAGE)

    def _on_rfm_page_result_changed(self, result: object) -> None:
        if result is not None:
            self.segments_page.set_rfm_settings(self.rfm_page.settings)
        if not self._segments_in_use or result is None:
            return
        if self.rfm_page.result is not None and self.rfm_page.result.customers == self.data_page.model.total_rows:
            self.data_page.set_segments(self.rfm_page.segment_choices())
