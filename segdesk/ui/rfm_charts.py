"""The RFM charts: how recency, frequency and monetary value are spread over the scored customers, and how
revenue splits over the RFM segments. Each chart exports to PNG and SVG.

Bars, clipping and shares come from :mod:`segdesk.core.rfm.charts`; this module only draws them. Items are made
once and given new data on every result (``setOpts``), never rebuilt, so a re-score redraws cheaply.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QWidget

from segdesk.core.rfm.analysis import RfmResult
from segdesk.core.rfm.charts import Histogram, distributions, revenue_share, tick_edges
from segdesk.ui.alone import run_alone
from segdesk.ui.chart_box import ChartBox, LocaleAxis
from segdesk.ui.i18n import locale, tr
from segdesk.ui.rfm_labels import segment_name
from segdesk.ui.rfm_palette import NO_SEGMENT, segment_colors
from segdesk.ui.settings import Settings

_BAR = QColor("#4C78A8")
_CLIPPED_BAR = QColor("#A7BFD9")  # overflow and underflow bars: lighter, they gather a range, not one step
_TICK_LABELS = 6
_TICK_CLEARANCE = 3.0  # bar widths kept free of regular labels beside an overflow bar's label


def _number(value: float, spacing: float = 1.0) -> str:
    """A tick or bar label: whole numbers grouped the locale's way; decimals only when ticks are closer than 1."""
    whole = spacing >= 1 or spacing <= 0 or float(value).is_integer()
    decimals = 0 if whole else min(3, max(1, int(-np.floor(np.log10(spacing)))))
    return locale().toString(float(value), "f", decimals)


def _percent(value: float, spacing: float = 0.1) -> str:
    decimals = 0 if spacing >= 0.01 else 1
    return tr("{value}%", value=locale().toString(float(value) * 100, "f", decimals))


def _count(value: float, spacing: float = 1.0) -> str:
    return "" if not float(value).is_integer() else locale().toString(int(value))


class HistogramChart(ChartBox):
    """Bars of one dimension; clipped bars (a long tail gathered into one) are lighter and labelled "X+"."""

    def __init__(self, title: str, file_stem: str, x_label: str, settings: Settings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, file_stem, {"left": LocaleAxis("left", _count)}, settings, parent)
        self.axis_label("bottom", x_label)
        self.axis_label("left", tr("Customers"))
        self.bars = pg.BarGraphItem(x0=np.zeros(0), x1=np.zeros(0), height=np.zeros(0), pen=pg.mkPen(None),
                                    brush=_BAR)
        self.plot.addItem(self.bars)
        self.histogram: Histogram | None = None

    def set_histogram(self, hist: Histogram | None) -> None:
        self.histogram = hist
        if hist is None or hist.total == 0:
            self.bars.setOpts(x0=np.zeros(0), x1=np.zeros(0), height=np.zeros(0), brushes=None, brush=_BAR)
            self.plot.getAxis("bottom").setTicks([[], []])
            self.note.setText(tr("No customers with a purchase."))
            self.set_exportable(False)
            return
        brushes = [_BAR] * len(hist.counts)
        if hist.underflow_to is not None:
            brushes[0] = _CLIPPED_BAR
        if hist.overflow_from is not None:
            brushes[-1] = _CLIPPED_BAR
        gap = (hist.edges[1:] - hist.edges[:-1]) * 0.06  # a hair between bars, so single bars read as such
        self.bars.setOpts(x0=hist.edges[:-1] + gap / 2, x1=hist.edges[1:] - gap / 2, height=hist.counts,
                          brushes=brushes)
        self.plot.getAxis("bottom").setTicks([_ticks(hist), []])
        width = float(hist.edges[-1] - hist.edges[-2])
        right = float(hist.edges[-1]) + (width if hist.overflow_from is not None else 0.0)  # room for "X+"
        self.plot.setXRange(float(hist.edges[0]), right, padding=0.02)
        self.plot.setYRange(0, max(float(hist.counts.max()), 1.0) * 1.08, padding=0)
        self.note.setText(_note(hist))
        self.set_exportable(True)


def _ticks(hist: Histogram) -> list[tuple[float, str]]:
    """Labels under the bars: whole values under their bar, ranges at the edges, "X+" under an overflow bar."""
    half = 0.5 if hist.integer else 0.0
    ticks = [(x + half, _number(x)) for x in tick_edges(hist, _TICK_LABELS, _TICK_CLEARANCE)]
    if hist.overflow_from is not None:
        center = float(hist.edges[-2] + hist.edges[-1]) / 2
        ticks.append((center, tr("{value}+", value=_number(hist.overflow_from))))
    if hist.underflow_to is not None:
        center = float(hist.edges[0] + hist.edges[1]) / 2
        ticks.insert(0, (center, tr("below {value}", value=_number(hist.underflow_to))))
    return ticks


def _note(hist: Histogram) -> str:
    lines = [tr("{count} customers with a purchase", count=hist.total)]
    if hist.overflow_from is not None:
        lines.append(tr("The last bar gathers the {count} customers with {value} or more.", count=hist.overflow,
                        value=_number(hist.overflow_from)))
    if hist.underflow_to is not None:
        lines.append(tr("The first bar gathers the {count} customers below {value}.", count=hist.underflow,
                        value=_number(hist.underflow_to)))
    return "\n".join(lines)


class RevenueChart(ChartBox):
    """Each segment's share of all revenue, one horizontal bar per segment in map order (top first)."""

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("Revenue by segment"), "revenue_by_segment", {"bottom": LocaleAxis("bottom", _percent)},
                         settings, parent)
        self.axis_label("bottom", tr("Share of all revenue"))
        self.plot.invertY(True)
        self.bars = pg.BarGraphItem(x0=np.zeros(0), y=np.zeros(0), height=0.7, width=np.zeros(0),
                                    pen=pg.mkPen(None), brush=_BAR)
        self.plot.addItem(self.bars)
        self.names: list[str] = []  # the segment of each bar, top first

    def set_result(self, result: RfmResult | None) -> None:
        shares = revenue_share(result) if result is not None else []
        if result is None:
            self.note.setText("")
        else:
            self.note.setText(tr("All revenue: {amount}", amount=_number(float(result.totals.monetary.sum()))))
        n = len(shares)
        rfm_map = result.settings.rfm_map if result is not None else None
        colors = segment_colors(rfm_map) if rfm_map is not None else {}
        values = np.array([s.share for s in shares], dtype=np.float64)
        brushes = [colors.get(s.key, NO_SEGMENT) for s in shares]  # grey: unassigned, prospects
        self.bars.setOpts(x0=np.zeros(n), y=np.arange(n, dtype=np.float64), width=values, brushes=brushes)
        self.names = [segment_name(rfm_map, s.key) for s in shares] if rfm_map is not None else []
        self.plot.getAxis("left").setTicks([list(enumerate(self.names)), []])
        self.set_bar_labels([_percent(v, 0.001) for v in values], values)
        low, high = min(0.0, float(values.min(initial=0.0))), max(float(values.max(initial=0.0)), 0.01)
        self.plot.setXRange(low, high + (high - low) * 0.18, padding=0)  # room for the labels at the bar ends
        self.plot.setYRange(-0.6, max(n, 1) - 0.4, padding=0)
        self.set_exportable(n > 0)

class RfmChartsPanel(QWidget):
    """Histograms of recency, frequency and monetary value of the customers with a purchase, and revenue by
    segment. ``set_result(None)`` clears them."""

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recency = HistogramChart(tr("Recency"), "recency", tr("Days since the last purchase"), settings)
        self.frequency = HistogramChart(tr("Frequency"), "frequency", tr("Orders"), settings)
        self.monetary = HistogramChart(tr("Monetary"), "monetary", tr("Money spent"), settings)
        self.revenue = RevenueChart(settings)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for i, chart in enumerate(self.charts()):
            layout.addWidget(chart, i // 2, i % 2)
        self.result: RfmResult | None = None
        self.set_result(None)

    def release(self) -> None:
        """Let go of the plots (before the panel is deleted); see :meth:`ChartBox.release`."""
        for chart in self.charts():
            chart.release()

    def charts(self) -> list[ChartBox]:
        return [self.recency, self.frequency, self.monetary, self.revenue]

    def set_result(self, result: RfmResult | None) -> None:
        self.result = result
        hists = distributions(result) if result is not None else {}
        self.recency.set_histogram(hists.get("recency"))
        self.frequency.set_histogram(hists.get("frequency"))
        self.monetary.set_histogram(hists.get("monetary"))
        self.revenue.set_result(result)


def main(argv: list[str] | None = None) -> int:
    """Open the charts alone on the demo shop (``--ru`` for the Russian interface)."""
    from segdesk.ui.rfm_samples import demo_result

    def build(argv: list[str]) -> RfmChartsPanel:
        panel = RfmChartsPanel()
        panel.set_result(demo_result())
        return panel

    return run_alone(build, argv, size=(1100, 700), title=lambda: tr("RFM charts"))


if __name__ == "__main__":
    raise SystemExit(main())
