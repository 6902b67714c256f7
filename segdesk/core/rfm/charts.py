"""What the RFM charts and the movement table show, as plain numbers: histogram bars, revenue shares, shading.

The interface only draws these; every choice about bins, clipping and ordering is made (and tested) here.

Histograms keep their bars readable on real shop data, which is long-tailed: a handful of customers with a
hundred orders or a million spent would squeeze everyone else into one bar. So

* counts (``integer=True``, frequency) get one bar per value up to a cap, then one overflow bar ("20+");
* amounts and days get evenly spaced bars of a round width (1, 2, 2.5, 5 × 10ⁿ); when the top 1 % of values
  stretches the range by more than a quarter, the display stops at the 99th percentile and everything above
  goes into one overflow bar, and likewise at the bottom (large returns make monetary negative).

Every bar ``i`` counts the values in ``[edges[i], edges[i + 1])``; an overflow bar counts everything from its
left edge up, an underflow bar everything below its right edge. So the counts always add up to the number of
(finite) values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from segdesk.core.rfm.analysis import PROSPECT, UNASSIGNED, Movement, RfmResult, segment_summary

#: Frequency bars: one per value below this, then one "20+" bar.
FREQUENCY_CAP = 20
#: Amounts above this quantile (and below 1 - it) may be gathered into one overflow (underflow) bar.
CLIP_QUANTILE = 0.99
#: ... but only when the clipped tail would take more than this share of the axis.
LONG_TAIL = 0.25
#: Fewer values than this are never clipped: "the top 1 %" of a handful of customers is one customer.
CLIP_MIN_VALUES = 50
_NICE_STEPS = (1.0, 2.0, 2.5, 5.0)


@dataclass(frozen=True, eq=False)
class Histogram:
    """Bars of a histogram. ``edges`` has one more entry than ``counts``, strictly ascending.

    ``overflow_from``: the last bar counts every value from here up (the display is clipped), else None.
    ``underflow_to``: the first bar counts every value below here, else None.
    ``integer``: the bars are single whole values (label a bar by its left edge, not by a range).
    """

    edges: np.ndarray  # float64
    counts: np.ndarray  # int64
    overflow_from: float | None = None
    underflow_to: float | None = None
    integer: bool = False

    @property
    def total(self) -> int:
        return int(self.counts.sum())

    @property
    def overflow(self) -> int:
        """How many values the overflow bar gathers (0 without one)."""
        return int(self.counts[-1]) if self.overflow_from is not None else 0

    @property
    def underflow(self) -> int:
        return int(self.counts[0]) if self.underflow_to is not None else 0


def histogram(values: np.ndarray, integer: bool, max_bins: int = 40, cap: int = FREQUENCY_CAP) -> Histogram:
    """Bars for ``values`` (NaN and infinities are left out). ``integer``: whole counts, one bar per value up to
    ``cap`` (when the values start at 1; the cap moves with the smallest value), then an overflow bar.
    ``max_bins`` (at least 2) bounds the regular bars; an overflow and an underflow bar may come on top."""
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    if len(v) == 0:
        return Histogram(np.zeros(1), np.zeros(0, np.int64), integer=integer)
    if integer:
        return _integer_histogram(np.floor(v), min(cap, max_bins))
    return _range_histogram(v, max(max_bins, 1))


def _integer_histogram(v: np.ndarray, cap: int) -> Histogram:
    low, high = float(v.min()), float(v.max())
    if max(abs(low), abs(high)) > 1e12:  # not counts: whole-value bars would lose their edges to rounding
        return _range_histogram(v, cap)
    last = low + cap - 1  # the value the overflow bar starts at
    if high <= last:
        edges = np.arange(low, high + 2)
        return Histogram(edges, _count(v, edges), integer=True)
    edges = np.arange(low, last + 2)
    return Histogram(edges, _count(v, edges), overflow_from=float(last), integer=True)


def _range_histogram(v: np.ndarray, max_bins: int) -> Histogram:
    low, high = float(v.min()), float(v.max())
    shown_low, shown_high = low, high
    # actual values ("lower"/"higher"), not interpolated ones: the clip falls on a customer's value
    top = float(np.quantile(v, CLIP_QUANTILE, method="lower"))
    bottom = float(np.quantile(v, 1 - CLIP_QUANTILE, method="higher"))
    if len(v) >= CLIP_MIN_VALUES and high - top > LONG_TAIL * (high - low):
        shown_high = top
    if len(v) >= CLIP_MIN_VALUES and bottom - low > LONG_TAIL * (high - low) and bottom <= shown_high:
        shown_low = bottom
    whole = bool(np.all(v == np.round(v)))
    edges = _regular_edges(shown_low, shown_high, max_bins, whole)
    under = shown_low > low and edges[0] > low
    over = shown_high < high and edges[-1] <= high
    if under:
        edges = np.concatenate([[edges[0] - (edges[1] - edges[0])], edges])
    if over:
        edges = np.concatenate([edges, [edges[-1] + (edges[-1] - edges[-2])]])
    return Histogram(edges, _count(v, edges), overflow_from=float(edges[-2]) if over else None,
                     underflow_to=float(edges[1]) if under else None)


def _regular_edges(low: float, high: float, max_bins: int, whole: bool) -> np.ndarray:
    """Multiples of a round width covering ``low`` .. ``high`` (``high`` inside the last bar)."""
    span = high - low
    magnitude = max(abs(low), abs(high), 1.0)
    raw = span / max_bins if span > 0 else magnitude / 10  # one value: a bar a tenth of its size wide
    width = nice_width(max(raw, magnitude * 1e-12, 1.0 if whole else 0.0))
    # Zero (any multiple of the width) is always an edge, so a range across it needs two bars however wide.
    most = max(max_bins, 2)
    for _ in range(100):
        first, last = math.floor(low / width), math.floor(high / width) + 1
        edges = np.arange(first, last + 1, dtype=np.float64) * width
        if last - first <= most and np.all(np.diff(edges) > 0) and edges[0] <= low and edges[-1] > high:
            return edges
        width = nice_width(width * 1.01)  # floating point at huge magnitudes: a wider width fixes it
    return np.array([low, np.nextafter(high, np.inf)])  # unreachable in practice: one bar holding everything


def nice_width(raw: float) -> float:
    """The smallest round width (1, 2, 2.5 or 5 × 10ⁿ) at least ``raw`` (positive)."""
    if raw <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    for step in _NICE_STEPS:
        if step * power >= raw * (1 - 1e-12):
            return step * power
    return 10.0 * power


def _count(v: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Per bar, the values in ``[edges[i], edges[i + 1])``; values outside fall into the first or last bar
    (the underflow and overflow bars, when there are any)."""
    bars = len(edges) - 1
    index = np.clip(np.searchsorted(edges, v, side="right") - 1, 0, bars - 1)
    return np.bincount(index, minlength=bars).astype(np.int64)


def tick_edges(hist: Histogram, max_labels: int = 8, clearance: float = 0.0) -> list[float]:
    """The regular edges worth a label: evenly spaced, at most ``max_labels`` of them. Overflow and underflow
    bars are labelled by the caller at their middle; edges closer to that than ``clearance`` bar widths are
    left out so the labels do not run into each other."""
    if len(hist.counts) == 0:
        return []
    inner = hist.edges[1 if hist.underflow_to is not None else 0: len(hist.edges) - (
        1 if hist.overflow_from is not None else 0)]
    if hist.integer:
        inner = inner[:-1]  # a whole-value bar is labelled by its left edge; the last edge closes the last bar
    if len(inner) == 0:
        return []
    width = float(inner[1] - inner[0]) if len(inner) > 1 else float(hist.edges[1] - hist.edges[0])
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        step = candidate
        if math.ceil(len(inner) / candidate) <= max_labels:
            break
    positions = np.round(inner / width).astype(np.int64)
    shown = inner[positions % step == 0]
    if hist.integer and 0 < len(shown) < max_labels and shown[0] - inner[0] >= step * width / 2:
        shown = np.concatenate([inner[:1], shown])  # counts start at 1: say so, even between round labels
    middle = 0.5 * width if hist.integer else 0.0  # where the label of a whole-value bar sits
    if hist.overflow_from is not None:
        shown = shown[shown + middle <= hist.edges[-2] + 0.5 * width - clearance * width + 1e-9 * width]
    if hist.underflow_to is not None:
        shown = shown[shown + middle >= hist.edges[1] - 0.5 * width + clearance * width - 1e-9 * width]
    return [float(x) for x in shown]


def distributions(result: RfmResult, max_bins: int = 40) -> dict[str, Histogram]:
    """Recency (days), frequency (orders) and monetary (money) of the scored customers."""
    t = result.totals
    bought = t.purchased
    return {"recency": histogram(t.recency[bought], integer=False, max_bins=max_bins),
            "frequency": histogram(t.frequency[bought], integer=True, max_bins=max_bins),
            "monetary": histogram(t.monetary[bought], integer=False, max_bins=max_bins)}


class RevenueShare(NamedTuple):
    key: str  # a map segment's key, "unassigned" or "prospect"
    revenue: float
    share: float  # of all revenue (0 when there is none)


def revenue_share(result: RfmResult) -> list[RevenueShare]:
    """Revenue by RFM segment in map order (empty segments too), then unassigned codes when any customer has
    one, then prospects when their revenue is not zero (returns without a purchase)."""
    summary = segment_summary(result)
    keys = {s.key for s in result.settings.rfm_map.segments}
    out = []
    for key, customers, revenue, share in zip(summary["segment"], summary["customers"], summary["revenue"],
                                              summary["revenue_share"], strict=True):
        if key in keys or (key == UNASSIGNED and customers) or (key == PROSPECT and revenue):
            out.append(RevenueShare(str(key), float(revenue), float(share)))
    return out


@dataclass(frozen=True, eq=False)
class MovementTable:
    """One measure of a :class:`Movement` ready to show: rows at A, columns at B, totals, and a shade per cell
    in 0..1 (square root of the cell's share of the largest cell, so small flows stay visible)."""

    labels: list[str]
    values: np.ndarray  # [rows, columns]
    row_totals: np.ndarray  # per segment at A
    column_totals: np.ndarray  # per segment at B
    total: float
    shade: np.ndarray  # [rows, columns] in 0..1
    stayed: float  # the diagonal's sum: customers (or revenue) that kept their segment


def movement_table(mv: Movement, measure: str = "customers") -> MovementTable:
    """``measure``: "customers" or "revenue". The "unassigned" row and column are dropped when no customer is
    unassigned at either date."""
    if measure not in ("customers", "revenue"):
        raise ValueError(f"unknown measure {measure!r}")
    keep = np.ones(len(mv.labels), dtype=bool)
    if UNASSIGNED in mv.labels:
        i = mv.labels.index(UNASSIGNED)
        keep[i] = bool(mv.customers[i, :].any() or mv.customers[:, i].any())
    values = (mv.customers if measure == "customers" else mv.revenue)[np.ix_(keep, keep)]
    labels = [label for label, k in zip(mv.labels, keep, strict=True) if k]
    return MovementTable(labels, values, values.sum(axis=1), values.sum(axis=0), float(values.sum()),
                         shade_levels(values), float(np.trace(values)))


def shade_levels(values: np.ndarray) -> np.ndarray:
    """0..1 per cell: the square root of ``|value| / max |value|`` (all zeros for an all-zero matrix)."""
    magnitude = np.abs(np.asarray(values, dtype=np.float64))
    top = magnitude.max() if magnitude.size else 0.0
    if not top or not np.isfinite(top):
        return np.zeros_like(magnitude)
    return np.sqrt(magnitude / top)
