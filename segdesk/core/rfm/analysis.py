"""Derived fields per customer at an as-of date, and what the RFM page shows: summary, grid, movement.

:func:`compute_rfm` aggregates once per as-of date; :func:`rescore` changes bins, scoring mode, thresholds, map
or lifecycle thresholds without aggregating again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import pandas as pd

from segdesk.core.errors import InputError, ProgressCallback, no_progress
from segdesk.core.rfm.lifecycle import STAGES, LifecycleThresholds, lifecycle_codes
from segdesk.core.rfm.maps import RF10, RfmMap, lookup_table, to_five
from segdesk.core.rfm.purchases import NO_DAY, Source, Totals, default_as_of
from segdesk.core.rfm.scoring import (
    BINS,
    Basis,
    ScoreMode,
    ScoreRange,
    Thresholds,
    fixed_scores,
    quantile_scores,
    score_ranges,
)

#: The derived fields, in the order the command line writes them (plus ``avg_order_value``).
DERIVED_FIELDS = ("first_purchase", "last_purchase", "recency_days", "frequency", "monetary", "avg_order_value",
                  "r_score", "f_score", "m_score", "rfm_code", "rfm_segment", "lifecycle_stage")
_CODES = np.array([f"{r}{f}{m}" for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)], dtype=object)
#: The label of customers with no purchase (on or before the as-of date) in summaries and movement.
PROSPECT = "prospect"
#: The label of scored customers whose code the map leaves without a segment.
UNASSIGNED = "unassigned"


@dataclass(frozen=True)
class RfmSettings:
    """``as_of`` None means the default: the day after the latest purchase in the data."""

    as_of: dt.date | None = None
    bins: int = 5
    mode: ScoreMode = ScoreMode.QUANTILES
    thresholds: Thresholds = field(default_factory=Thresholds)
    rfm_map: RfmMap = RF10
    lifecycle: LifecycleThresholds = field(default_factory=LifecycleThresholds)

    def check(self) -> None:
        if self.bins not in BINS:
            raise InputError("rfm_bins", bins=self.bins)
        if self.mode == ScoreMode.FIXED:
            self.thresholds.check(self.bins)
        self.lifecycle.check()


@dataclass(frozen=True)
class _Bases:
    """Scored customers' positions and each dimension's sorted blocks (kept for cheap re-scoring)."""

    scored: np.ndarray  # int64 positions of customers with a purchase
    recency: Basis
    frequency: Basis
    monetary: Basis


@dataclass(frozen=True, eq=False)
class RfmResult:
    settings: RfmSettings  # with the as-of date filled in
    totals: Totals
    bases: _Bases
    r: np.ndarray  # int8 per customer, 0 for prospects
    f: np.ndarray
    m: np.ndarray
    segment: np.ndarray  # int16 per customer: index into settings.rfm_map.segments, -1 none (or prospect)
    stage: np.ndarray  # int8 index into STAGES

    @property
    def as_of(self) -> dt.date:
        assert self.settings.as_of is not None
        return self.settings.as_of

    @property
    def customers(self) -> int:
        return self.totals.size

    @property
    def scored(self) -> int:
        return len(self.bases.scored)

    def ranges(self) -> list[ScoreRange]:
        """What each score means in days, orders and money: R best first, then F, then M."""
        s = self.settings
        pos = self.bases.scored
        out: list[ScoreRange] = []
        for dim, scores, basis in (("recency", self.r, self.bases.recency), ("frequency", self.f,
                                   self.bases.frequency), ("monetary", self.m, self.bases.monetary)):
            edges = s.thresholds.of(dim) if s.mode == ScoreMode.FIXED else None
            out += score_ranges(dim, basis.values, scores[pos], s.bins, edges)
        return out

    def segment_labels(self) -> np.ndarray:
        """Per customer: the segment key, ``"unassigned"`` or ``"prospect"`` (object array)."""
        keys = np.array([seg.key for seg in self.settings.rfm_map.segments] + [UNASSIGNED], dtype=object)
        labels = keys[np.where(self.segment >= 0, self.segment, len(keys) - 1)]
        labels[~self.totals.purchased] = PROSPECT
        return labels

    @cached_property
    def fields(self) -> pd.DataFrame:
        """The derived fields (:data:`DERIVED_FIELDS`), one row per customer in the customer table's order;
        missing values (NaT, <NA>) for prospects. Segments and stages are stable keys."""
        t = self.totals
        bought = t.purchased
        recency = pd.array(np.where(bought, t.recency, 0), dtype="Int64")
        recency[~bought] = pd.NA
        code = _CODES[(self.r.astype(np.int64) - 1) * 25 + (self.f.astype(np.int64) - 1) * 5 + self.m - 1]
        code[~bought] = None
        segment = self.segment_labels()
        segment[~bought] = None
        return pd.DataFrame({
            "first_purchase": _dates(t.first_day), "last_purchase": _dates(t.last_day),
            "recency_days": recency, "frequency": t.frequency, "monetary": t.monetary,
            "avg_order_value": np.where(bought, t.monetary / np.maximum(t.frequency, 1), np.nan),
            "r_score": _scores(self.r), "f_score": _scores(self.f), "m_score": _scores(self.m),
            "rfm_code": pd.array(code, dtype="str"), "rfm_segment": pd.array(segment, dtype="str"),
            "lifecycle_stage": pd.array(np.array(STAGES, dtype=object)[self.stage], dtype="str"),
        })


def compute_rfm(source: Source, settings: RfmSettings = RfmSettings(),
                progress: ProgressCallback = no_progress) -> RfmResult:
    """Aggregate ``source`` at the as-of date and score it."""
    settings.check()
    as_of = settings.as_of or default_as_of(source)
    progress(0.05, "adding up purchases")
    totals = source.totals_at(as_of)
    progress(0.5, "sorting values")
    scored = np.flatnonzero(totals.purchased)
    bases = _Bases(scored, Basis.of(totals.recency[scored]), Basis.of(totals.frequency[scored]),
                   Basis.of(totals.monetary[scored]))
    progress(0.8, "scoring")
    result = _score(replace(settings, as_of=as_of), totals, bases)
    progress(1.0, "done")
    return result


def rescore(result: RfmResult, settings: RfmSettings) -> RfmResult:
    """``result`` with new bins, mode, thresholds, map or lifecycle thresholds; the as-of date stays."""
    settings.check()
    if settings.as_of is not None and settings.as_of != result.as_of:
        raise ValueError("a new as-of date needs compute_rfm, not rescore")
    return _score(replace(settings, as_of=result.as_of), result.totals, result.bases)


def _score(settings: RfmSettings, totals: Totals, bases: _Bases) -> RfmResult:
    n, bins, pos = totals.size, settings.bins, bases.scored
    scores = []
    for dim, basis, better in (("recency", bases.recency, False), ("frequency", bases.frequency, True),
                               ("monetary", bases.monetary, True)):
        full = np.zeros(n, dtype=np.int8)
        if settings.mode == ScoreMode.FIXED:
            full[pos] = fixed_scores(basis.values, settings.thresholds.of(dim), bins, better)
        else:
            full[pos] = quantile_scores(basis, bins, better)
        scores.append(full)
    r, f, m = scores
    segment = np.full(n, -1, dtype=np.int16)
    if len(pos):
        five = [to_five(s[pos], bins) for s in scores]
        segment[pos] = lookup_table(settings.rfm_map)[25 * (five[0] - 1) + 5 * (five[1] - 1) + (five[2] - 1)]
    stage = lifecycle_codes(totals.purchased, totals.frequency, totals.recency, settings.lifecycle)
    return RfmResult(settings, totals, bases, r, f, m, segment, stage)


def _dates(days: np.ndarray) -> pd.Series:
    out = days.astype(np.int64).astype("datetime64[D]").astype("datetime64[s]")
    out[days == NO_DAY] = np.datetime64("NaT")
    return pd.Series(out)


def _scores(values: np.ndarray) -> pd.arrays.IntegerArray:
    return pd.arrays.IntegerArray(values.copy(), values == 0)


def segment_summary(result: RfmResult) -> pd.DataFrame:
    """One row per map segment (map order; empty ones too), then unassigned codes (if any) and prospects:
    ``segment, customers, share, revenue, revenue_share, avg_order_value, avg_recency``. Shares are of all
    customers and of all revenue; average order value is the segment's revenue over its orders."""
    order = [s.key for s in result.settings.rfm_map.segments]
    purchased = result.totals.purchased
    # integer codes straight from the segment numbers: labelling a million customers with strings first
    # (and categorising them back) took a second
    codes = result.segment.astype(np.int64)
    unassigned = purchased & (codes < 0)
    if unassigned.any():
        order.append(UNASSIGNED)
        codes = np.where(unassigned, len(order) - 1, codes)
    order.append(PROSPECT)
    codes = np.where(purchased, codes, len(order) - 1)
    return _summary(codes, result.totals, order)


def lifecycle_summary(result: RfmResult) -> pd.DataFrame:
    """As :func:`segment_summary`, one row per lifecycle stage."""
    return _summary(result.stage.astype(np.int64), result.totals, list(STAGES))


def _summary(codes: np.ndarray, totals: Totals, order: list[str]) -> pd.DataFrame:
    """``codes``: each customer's row in ``order``."""
    k = len(order)
    customers = np.bincount(codes, minlength=k)
    revenue = np.bincount(codes, weights=totals.monetary, minlength=k)
    orders = np.bincount(codes, weights=totals.frequency, minlength=k)
    recency = np.bincount(codes, weights=np.where(totals.purchased, totals.recency, 0), minlength=k)
    with_purchase = np.bincount(codes, weights=totals.purchased, minlength=k)
    total_revenue = totals.monetary.sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        return pd.DataFrame({
            "segment": order, "customers": customers, "share": customers / max(totals.size, 1),
            "revenue": revenue, "revenue_share": revenue / total_revenue if total_revenue else np.zeros(k),
            "avg_order_value": np.where(orders > 0, revenue / orders, np.nan),
            "avg_recency": np.where(with_purchase > 0, recency / with_purchase, np.nan),
        })


@dataclass(frozen=True)
class GridCell:
    r: int
    f: int
    customers: int
    share: float  # of scored customers
    revenue: float
    avg_monetary: float  # NaN for an empty cell
    segment: int  # index into the map's segments (the cell's own, or its biggest for an R-F-M map); -1 none
    segments: dict[int, int]  # segment index -> customers in this cell


def grid_cells(result: RfmResult) -> list[GridCell]:
    """The R × F grid, R from ``bins`` (best) down, F from 1 up."""
    bins, pos = result.settings.bins, result.bases.scored
    cell = (result.r[pos].astype(np.int64) - 1) * bins + (result.f[pos] - 1)
    nseg = len(result.settings.rfm_map.segments) + 1
    counts = np.bincount(cell, minlength=bins * bins)
    revenue = np.bincount(cell, weights=result.totals.monetary[pos], minlength=bins * bins)
    per_segment = np.bincount(cell * nseg + (result.segment[pos] + 1), minlength=bins * bins * nseg)
    per_segment = per_segment.reshape(bins * bins, nseg)
    table = lookup_table(result.settings.rfm_map)
    middle = int(to_five((bins + 1) // 2, bins))
    out = []
    for r in range(bins, 0, -1):
        for f in range(1, bins + 1):
            i = (r - 1) * bins + (f - 1)
            mix = {s - 1: int(c) for s, c in enumerate(per_segment[i]) if c}
            own = int(table[25 * (int(to_five(r, bins)) - 1) + 5 * (int(to_five(f, bins)) - 1) + middle - 1])
            if result.settings.rfm_map.kind == "rfm" and mix:
                own = max(mix, key=lambda s: mix[s])
            out.append(GridCell(r, f, int(counts[i]), float(counts[i] / max(len(pos), 1)), float(revenue[i]),
                                float(revenue[i] / counts[i]) if counts[i] else float("nan"), own, mix))
    return out


@dataclass(frozen=True)
class Movement:
    """Customers and revenue by segment at date A (rows) × segment at date B (columns). Labels are segment
    keys, ``"unassigned"`` and ``"prospect"`` (no purchase yet). Revenue is what the cell's customers spent
    after A, up to B."""

    as_of_a: dt.date
    as_of_b: dt.date
    labels: list[str]
    customers: np.ndarray  # int64 [len(labels), len(labels)]
    revenue: np.ndarray  # float64


def movement(source: Source, settings: RfmSettings, as_of_a: dt.date, as_of_b: dt.date,
             progress: ProgressCallback = no_progress) -> Movement:
    if as_of_a >= as_of_b:
        raise InputError("rfm_movement_dates")
    a = compute_rfm(source, replace(settings, as_of=as_of_a), lambda x, msg: progress(x / 2, msg))
    b = compute_rfm(source, replace(settings, as_of=as_of_b), lambda x, msg: progress(0.5 + x / 2, msg))
    labels = [s.key for s in settings.rfm_map.segments] + [UNASSIGNED, PROSPECT]
    ca = pd.Categorical(a.segment_labels(), categories=labels).codes.astype(np.int64)
    cb = pd.Categorical(b.segment_labels(), categories=labels).codes.astype(np.int64)
    k = len(labels)
    cell = ca * k + cb
    customers = np.bincount(cell, minlength=k * k).reshape(k, k)
    spent = b.totals.monetary - a.totals.monetary
    revenue = np.bincount(cell, weights=spent, minlength=k * k).reshape(k, k)
    return Movement(as_of_a, as_of_b, labels, customers, revenue)
