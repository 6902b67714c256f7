"""``SegmentChart``: customers and revenue of each rule segment, as two bar charts side by side.

Bars run across, one per segment in list order (top first) and "everyone else" in grey at the end, so long
segment names read on the left axis; a name too long for the axis is shortened there and said in full on hover,
with the exact figures. Each chart exports to PNG and SVG through :class:`ChartBox`. Items are made once and
given new data on every ``set_data`` (``setOpts``), never rebuilt, so a live preview redraws cheaply.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QToolTip, QWidget

from segdesk.ui.alone import run_alone
from segdesk.ui.chart_box import ChartBox, LocaleAxis
from segdesk.ui.i18n import format_int, tr
from segdesk.ui.rfm_labels import money, percent
from segdesk.ui.rfm_palette import NO_SEGMENT
from segdesk.ui.settings import Settings

#: Names longer than this (in pixels) are shortened on the axis; the hover text has them in full.
_NAME_WIDTH = 170
_BAR_HEIGHT = 0.7


def _count_tick(value: float, spacing: float) -> str:
    return format_int(int(value)) if float(value).is_integer() else ""


def _money_tick(value: float, spacing: float) -> str:
    return money(value) if spacing >= 1 or float(value).is_integer() else ""


class SegmentBars(ChartBox):
    """One measure of the segments as bars across, the value written at the end of each bar."""

    def __init__(self, title: str, file_stem: str, axis_title: str, tick: Callable[[float, float], str],
                 settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(title, file_stem, {"bottom": LocaleAxis("bottom", tick)}, settings, parent)
        self.axis_label("bottom", axis_title)
        self.plot.invertY(True)  # the first segment at the top, as in the segment list
        self.plot.getAxis("left").setStyle(tickLength=0)  # a tick would touch the value of a short bar
        self.bars = pg.BarGraphItem(x0=np.zeros(0), y=np.zeros(0), height=_BAR_HEIGHT, width=np.zeros(0),
                                    pen=pg.mkPen(None), brush=NO_SEGMENT)
        self.plot.addItem(self.bars)
        self.names: list[str] = []  # the bars' full names, top first
        self.hover_texts: list[str] = []  # what hovering each bar says
        self._values = np.zeros(0)
        self._hovered = -1
        self.widget.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        self.plot.vb.sigResized.connect(self._fit_x_range)

    def set_bars(self, names: list[str], colours: list[QColor], values: np.ndarray, texts: list[str],
                 hover_texts: list[str]) -> None:
        """Show one bar per name: ``values`` its length, ``texts`` written at its end, ``hover_texts`` on hover."""
        n = len(names)
        self.names, self.hover_texts = list(names), list(hover_texts)
        self.bars.setOpts(x0=np.zeros(n), y=np.arange(n, dtype=np.float64), width=values, brushes=list(colours))
        metrics = QFontMetrics(self.plot.getAxis("left").style.get("tickFont") or self.font())
        short = [metrics.elidedText(name, Qt.TextElideMode.ElideRight, _NAME_WIDTH) for name in names]
        self.plot.getAxis("left").setTicks([list(enumerate(short)), []])
        self.set_bar_labels(texts, values)
        self._values = np.asarray(values, dtype=np.float64)
        self._fit_x_range()
        self.plot.setYRange(-0.6, max(n, 1) - 0.4, padding=0)
        self.set_exportable(n > 0)

    def _fit_x_range(self) -> None:
        """Widen the value axis so the text at the end of every bar fits in the plot at its current width."""
        values = self._values
        low, high = min(0.0, float(values.min(initial=0.0))), max(float(values.max(initial=0.0)), 1.0)
        pixels = self.plot.vb.width()
        if pixels <= 0:  # not laid out yet: a fifth more, made exact by the first resize
            self.plot.setXRange(low, high + (high - low) * 0.2, padding=0)
            return
        metrics = QFontMetrics(self.font())
        span = high - low
        for value, label in zip(values, self.labels, strict=True):
            free = max(pixels - metrics.horizontalAdvance(label.toPlainText()) - 12, pixels * 0.3)
            span = max(span, (float(value) - low) * pixels / free)
        self.plot.setXRange(low, low + span, padding=0)

    def bar_at(self, scene_pos: QPointF) -> int:
        """The bar on the row under ``scene_pos`` (over the bar, its value or its name), else -1."""
        if not self.plot.sceneBoundingRect().contains(scene_pos):
            return -1
        y = self.plot.vb.mapSceneToView(scene_pos).y()
        row = int(round(y))
        return row if 0 <= row < len(self.names) and abs(y - row) <= 0.5 else -1

    def _on_scene_mouse_moved(self, scene_pos: QPointF) -> None:
        # one item draws every bar, so no per-bar tooltip: the row under the mouse says its figures
        bar = self.bar_at(scene_pos)
        if bar == self._hovered:
            return
        self._hovered = bar
        if bar < 0:
            QToolTip.hideText()
        else:
            QToolTip.showText(QCursor.pos(), self.hover_texts[bar], self.widget)


class SegmentChart(QWidget):
    """Customers and revenue per segment, side by side, in the same order."""

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customers = SegmentBars(tr("Customers by segment"), "segment_customers", tr("Customers"), _count_tick,
                                     settings)
        self.revenue = SegmentBars(tr("Revenue by segment"), "segment_revenue", tr("Revenue"), _money_tick,
                                   settings)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.customers)
        layout.addWidget(self.revenue)
        self.set_data([], [], [], [], (0, 0.0))

    def charts(self) -> list[SegmentBars]:
        return [self.customers, self.revenue]

    def release(self) -> None:
        """Let go of the plots (before the widget is deleted); see :meth:`ChartBox.release`."""
        for chart in self.charts():
            chart.release()

    def set_data(self, names: list[str], colours: list[str], customers: list[int], revenue: list[float],
                 everyone_else: tuple[int, float]) -> None:
        """Show each segment's customers and revenue (in list order), then everyone else's."""
        if not len(names) == len(colours) == len(customers) == len(revenue):
            raise ValueError("names, colours, customers and revenue must have the same length")
        shown, brushes = list(names), [QColor(c) for c in colours]
        counts, money_ = np.array(customers, dtype=np.int64), np.array(revenue, dtype=np.float64)
        if names or everyone_else[0]:  # no customers at all: no lone empty bar
            shown.append(tr("Everyone else"))
            brushes.append(QColor(NO_SEGMENT))
            counts, money_ = np.append(counts, everyone_else[0]), np.append(money_, everyone_else[1])
        all_customers, all_revenue = int(counts.sum()), float(money_.sum())
        hovers = [_hover_text(name, int(c), float(m), all_customers, all_revenue)
                  for name, c, m in zip(shown, counts, money_, strict=True)]
        self.customers.set_bars(shown, brushes, counts.astype(np.float64), [format_int(int(c)) for c in counts],
                                hovers)
        self.revenue.set_bars(shown, brushes, money_, [money(float(m)) for m in money_], hovers)
        self.customers.note.setText(tr("{count} customers", count=all_customers))
        self.revenue.note.setText(tr("All revenue: {amount}", amount=money(all_revenue)))


def _hover_text(name: str, customers: int, revenue: float, all_customers: int, all_revenue: float) -> str:
    """A bar's name in full and its exact figures, for both charts."""
    lines = [name, tr("Customers: {number} ({share} of all customers)", number=format_int(customers),
                      share=percent(customers / all_customers if all_customers else 0.0)),
             tr("Revenue: {amount} ({share} of all revenue)", amount=money(revenue),
                share=percent(revenue / all_revenue if all_revenue else 0.0))]
    if customers:
        lines.append(tr("Average spend per customer: {amount}", amount=money(revenue / customers)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Open the charts alone on made-up segments (``--ru`` for the Russian interface)."""
    from segdesk.core.segments.model import PALETTE

    def build(argv: list[str]) -> SegmentChart:
        chart = SegmentChart()
        names = ["Big spenders", "Lapsed 90+ days", "Moscow", "New this month", "Newsletter subscribers",
                 "Loyalty club members in Saint Petersburg", "Birthday next week"]
        chart.set_data(names, list(PALETTE[: len(names)]), [541, 1480, 1212, 231, 905, 118, 38],
                       [1_482_300.0, 612_450.5, 1_935_120.0, 98_400.0, 1_020_000.0, 310_990.0, 41_200.0],
                       (1475, 822_310.0))
        return chart

    return run_alone(build, argv, size=(1100, 520), title=lambda: tr("Segment sizes"), shutdown=SegmentChart.release)


if __name__ == "__main__":
    raise SystemExit(main())
