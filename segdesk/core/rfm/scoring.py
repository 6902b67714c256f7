"""R, F and M scores from 1 to ``bins`` (3, 4 or 5), by quantiles or by fixed thresholds.

Quantile scoring works on blocks of equal values, so equal values always get equal scores (never
``rank(method="first")``). A block's score is the bin its middle falls in when the customers are lined up
from worst to best; a block holding the worst value scores 1 and one holding the best value scores ``bins``.
With distinct values this gives plain quantiles (quintiles for 5 bins). With heavily tied data some scores stay
empty instead of splitting equal customers: when 60% of customers bought once, they all get F1 and the
customers with two orders jump to F4. When every customer has the same value nobody stands out and all get the
middle score. Lower recency is better, so R is scored on the recency turned around; higher frequency and
monetary are better.

Fixed thresholds: ``bins - 1`` ascending edges per dimension. R: recency up to the first edge scores ``bins``,
up to the second ``bins - 1``, ..., above the last 1. F and M: below the first edge scores 1, from the first
edge 2, ..., from the last edge ``bins``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from segdesk.core.errors import InputError

BINS = (3, 4, 5)
DIMENSIONS = ("recency", "frequency", "monetary")


class ScoreMode(StrEnum):
    QUANTILES = "quantiles"
    FIXED = "fixed"


@dataclass(frozen=True)
class Thresholds:
    """Fixed edges per dimension (``bins - 1`` ascending numbers each): recency in days, frequency in orders,
    monetary in money."""

    recency: tuple[float, ...] = (14, 30, 90, 180)
    frequency: tuple[float, ...] = (2, 3, 5, 10)
    monetary: tuple[float, ...] = (1_000, 3_000, 10_000, 30_000)

    def of(self, dimension: str) -> tuple[float, ...]:
        return tuple(getattr(self, dimension))

    def check(self, bins: int) -> None:
        for dim in DIMENSIONS:
            edges = self.of(dim)
            if len(edges) != bins - 1:
                raise InputError("rfm_threshold_count", dimension=dim, bins=bins, expected=bins - 1, got=len(edges))
            if any(b <= a for a, b in zip(edges, edges[1:], strict=False)):
                raise InputError("rfm_threshold_order", dimension=dim)


@dataclass(frozen=True)
class Basis:
    """One dimension's scored values sorted into blocks of equal values, kept so re-scoring is cheap.
    ``values`` are per scored customer; ``uniques`` ascending with ``counts``; ``inverse`` maps back."""

    values: np.ndarray
    uniques: np.ndarray
    counts: np.ndarray
    inverse: np.ndarray

    @classmethod
    def of(cls, values: np.ndarray) -> Basis:
        uniques, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
        return cls(values, uniques, counts, inverse.ravel())


def quantile_scores(basis: Basis, bins: int, higher_is_better: bool = True) -> np.ndarray:
    """Scores 1..bins (int8) for the values of ``basis``; see the module's description."""
    n = len(basis.values)
    if n == 0:
        return np.zeros(0, np.int8)
    counts = basis.counts if higher_is_better else basis.counts[::-1]
    below = np.cumsum(counts) - counts  # customers worse than the block
    middle = (below + counts / 2) / n
    score = np.clip(np.floor(middle * bins).astype(np.int64) + 1, 1, bins)
    score[0] = 1
    score[-1] = bins
    if len(counts) == 1:
        score[0] = (bins + 1) // 2
    if not higher_is_better:
        score = score[::-1]
    return score[basis.inverse].astype(np.int8)


def fixed_scores(values: np.ndarray, edges: tuple[float, ...], bins: int, higher_is_better: bool) -> np.ndarray:
    e = np.asarray(edges, dtype=np.float64)
    if higher_is_better:
        return (1 + np.searchsorted(e, values, side="right")).astype(np.int8)
    return (bins - np.searchsorted(e, values, side="left")).astype(np.int8)


@dataclass(frozen=True)
class ScoreRange:
    """What one score means in business units: the values of the customers who got it (``low``..``high``,
    None when nobody did) and, for fixed thresholds, the bounds that define it (None = open)."""

    dimension: str
    score: int
    customers: int
    low: float | None
    high: float | None
    bound_low: float | None = None
    bound_high: float | None = None
    bound_high_inclusive: bool = field(default=False)


def score_ranges(dimension: str, values: np.ndarray, scores: np.ndarray, bins: int,
                 edges: tuple[float, ...] | None) -> list[ScoreRange]:
    """One range per score, best first."""
    order = np.argsort(scores, kind="stable")
    s, v = scores[order], values[order]
    starts = np.searchsorted(s, np.arange(1, bins + 2))
    out = []
    for score in range(bins, 0, -1):
        chunk = v[starts[score - 1]:starts[score]]
        low, high = (float(chunk.min()), float(chunk.max())) if len(chunk) else (None, None)
        bounds = _bounds(dimension, score, bins, edges) if edges is not None else (None, None, False)
        out.append(ScoreRange(dimension, score, len(chunk), low, high, *bounds))
    return out


def _bounds(dimension: str, score: int, bins: int, edges: tuple[float, ...]) -> tuple[float | None, float | None, bool]:
    if dimension == "recency":  # score bins: recency <= e[0]; bins-1: e[0] < r <= e[1]; ...
        k = bins - score
        return (None if k == 0 else edges[k - 1]), (None if k == bins - 1 else edges[k]), True
    k = score - 1  # score 1: below e[0]; score 2: e[0] <= x < e[1]; ...
    return (None if k == 0 else edges[k - 1]), (None if k == bins - 1 else edges[k]), False
