"""The RFM page's further tabs (charts, map editor, movement) and how they follow the page.

* Each view is made the first time its tab is shown: pyqtgraph's plots are costly to build and most sessions
  never open every tab.
* Charts and movement show the page's latest result; they are only brought up to date while their tab is the
  one shown, because the movement computes RFM twice over the whole order log.
* The map editor shows the map in use; a valid edit becomes the page's custom map and is scored at once.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from segdesk.core.rfm import RfmResult
from segdesk.ui.i18n import tr
from segdesk.ui.rfm_page import RfmPage

_CHARTS, _MAP, _MOVEMENT = "charts", "map", "movement"


class RfmViews(QObject):
    def __init__(self, page: RfmPage) -> None:
        super().__init__(page)
        self.page = page
        self.charts = self.map_editor = self.movement = None  # type: ignore[var-annotated]
        self._holders: dict[int, tuple[str, QWidget]] = {}
        for name, title in ((_CHARTS, tr("Charts")), (_MAP, tr("Map editor")), (_MOVEMENT, tr("Movement"))):
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._holders[page.add_tab(holder, title)] = (name, holder)
        self._shown: dict[str, object] = {}  # view -> the result it shows
        page.result_changed.connect(self._on_page_result_changed)
        page.tabs.currentChanged.connect(self._on_tabs_current_changed)

    def shutdown(self) -> None:
        """Stop background work and let go of the plots (the window is closing)."""
        if self.movement is not None:
            self.movement.shutdown()
        if self.charts is not None:
            self.charts.release()

    def _on_page_result_changed(self, result: RfmResult | None) -> None:
        if result is not None and self.map_editor is not None:
            self._follow_map(result)
        self._refresh(self.page.tabs.currentIndex())

    def _on_tabs_current_changed(self, index: int) -> None:
        self._refresh(index)

    def _refresh(self, tab: int) -> None:
        name, holder = self._holders.get(tab, ("", None))
        if holder is None:
            return
        view = self._view(name, holder)
        result = self.page.result
        if name == _MAP:
            if result is not None and _MAP not in self._shown:
                self.map_editor.set_map(result.settings.rfm_map, result.settings.bins)
                self._shown[_MAP] = result
            return
        if self._shown.get(name, False) is result:
            return
        if name == _CHARTS:
            view.set_result(result)
        elif result is not None:
            view.set_source(self.page.source, result.settings, result.as_of)
        else:
            view.set_source(None, self.page.settings, self.page.settings.as_of or dt.date.today())
        self._shown[name] = result

    def _view(self, name: str, holder: QWidget):  # type: ignore[no-untyped-def]
        """The view of tab ``name``, made on first use."""
        if name == _CHARTS and self.charts is None:
            from segdesk.ui.rfm_charts import RfmChartsPanel

            self.charts = RfmChartsPanel()
            holder.layout().addWidget(self.charts)
        elif name == _MAP and self.map_editor is None:
            from segdesk.ui.rfm_map_editor import MapEditor

            self.map_editor = MapEditor()
            self.map_editor.map_changed.connect(self._on_map_editor_map_changed)
            holder.layout().addWidget(_scrolled(self.map_editor))
        elif name == _MOVEMENT and self.movement is None:
            from segdesk.ui.rfm_movement import MovementView

            self.movement = MovementView()
            holder.layout().addWidget(_scrolled(self.movement))
        return {_CHARTS: self.charts, _MAP: self.map_editor, _MOVEMENT: self.movement}[name]

    def _follow_map(self, result: RfmResult) -> None:
        if result.settings.rfm_map != self.map_editor.current_map():
            self.map_editor.set_map(result.settings.rfm_map, result.settings.bins)
        else:
            self.map_editor.set_bins(result.settings.bins)

    def _on_map_editor_map_changed(self, rfm_map: object) -> None:
        self.page.set_custom_map(rfm_map)  # type: ignore[arg-type]


def _scrolled(widget: QWidget) -> QScrollArea:
    """Wide views scroll instead of making the whole window wider than a small laptop screen."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area
