"""Histogram bars, revenue shares and the movement table behind the RFM charts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from segdesk.core.model.dataset import load_demo
from segdesk.core.rfm import Purchases, RfmSettings, compute_rfm, movement, purchases_from_tables
from segdesk.core.rfm.charts import (
    Histogram,
    distributions,
    histogram,
    movement_table,
    nice_width,
    revenue_share,
    shade_levels,
    tick_edges,
)

DEMO = Path(__file__).parents[2] / "resources" / "demo"


@pytest.fixture(scope="module")
def demo_source():
    d = load_demo(DEMO)
    return purchases_from_tables(d.customers, d.orders, d.link, d.mapping)


@pytest.fixture(scope="module")
def demo_result(demo_source):
    return compute_rfm(demo_source, RfmSettings())


def _check_bars(h: Histogram, values: np.ndarray) -> None:
    """The invariants every histogram keeps, checked against the values it was made of."""
    v = values[np.isfinite(values)]
    assert len(h.edges) == len(h.counts) + 1
    assert np.all(np.diff(h.edges) > 0)
    assert h.total == len(v)
    assert np.all(h.counts >= 0)
    last = len(h.counts) - 1
    for i in range(len(h.counts)):
        low = -np.inf if (i == 0 and h.underflow_to is not None) else h.edges[i]
        high = np.inf if (i == last and h.overflow_from is not None) else h.edges[i + 1]
        if i == last and h.overflow_from is None and h.integer is False:
            assert np.all(v < h.edges[-1])  # the last regular bar is half-open too: no value sits on its edge
        assert h.counts[i] == np.count_nonzero((v >= low) & (v < high)), i
    if h.overflow_from is not None:
        assert h.overflow_from == h.edges[-2]
        assert h.overflow == np.count_nonzero(v >= h.overflow_from)
    if h.underflow_to is not None:
        assert h.underflow_to == h.edges[1]
        assert h.underflow == np.count_nonzero(v < h.underflow_to)


_AMOUNTS = hnp.arrays(np.float64, st.integers(0, 300),
                      elements=st.floats(-1e7, 1e9, allow_nan=False, allow_infinity=False, width=64))


@settings(max_examples=300, deadline=None)
@given(_AMOUNTS, st.integers(1, 60))
def test_amount_bars_count_every_value_once(values, max_bins):
    h = histogram(values, integer=False, max_bins=max_bins)
    _check_bars(h, values)
    assert len(h.counts) <= max(max_bins, 2) + 2


@settings(max_examples=300, deadline=None)
@given(hnp.arrays(np.int64, st.integers(0, 300), elements=st.integers(0, 10_000)), st.integers(1, 40))
def test_count_bars_are_one_per_value_up_to_the_cap(values, cap):
    h = histogram(values, integer=True, cap=cap)
    _check_bars(h, values.astype(np.float64))
    if len(values) == 0:
        return
    assert np.all(np.diff(h.edges) == 1)
    assert h.edges[0] == values.min()
    assert len(h.counts) <= cap
    assert (h.overflow_from is not None) == (values.max() - values.min() + 1 > cap)


def test_frequency_overflow_bar_is_twenty_and_more():
    values = np.array([1] * 50 + [2] * 20 + [5] * 3 + [19, 20, 21, 118])
    h = histogram(values, integer=True)
    assert h.integer and h.overflow_from == 20
    assert list(h.edges[:3]) == [1, 2, 3] and h.edges[-2] == 20
    assert h.counts[0] == 50 and h.counts[1] == 20 and h.counts[4] == 3 and h.counts[18] == 1
    assert h.overflow == 3
    assert tick_edges(h) == [1.0, 5.0, 10.0, 15.0]


def test_few_values_get_one_bar_each_without_overflow():
    h = histogram(np.array([1, 1, 2, 3]), integer=True)
    assert list(h.edges) == [1, 2, 3, 4] and list(h.counts) == [2, 1, 1] and h.overflow_from is None


def test_long_tailed_money_is_clipped_at_the_99th_percentile():
    rng = np.random.default_rng(1)
    values = np.concatenate([rng.uniform(0, 10_000, 990), [1e6] * 10])
    h = histogram(values, integer=False)
    assert h.overflow_from is not None and 9_000 <= h.overflow_from <= 12_000
    assert h.overflow == np.count_nonzero(values >= h.overflow_from) >= 10
    assert h.underflow_to is None and h.edges[0] == 0
    assert nice_width(h.edges[2] - h.edges[1]) == pytest.approx(h.edges[2] - h.edges[1])


def test_big_returns_get_an_underflow_bar_and_zero_is_an_edge():
    rng = np.random.default_rng(2)
    values = np.concatenate([rng.uniform(-500, 5_000, 990), [-1e6] * 10])
    h = histogram(values, integer=False)
    assert h.underflow_to is not None and h.underflow >= 10
    assert 0.0 in h.edges
    _check_bars(h, values)


def test_days_without_a_long_tail_are_not_clipped():
    values = np.arange(0, 1097, dtype=np.float64)
    h = histogram(values, integer=False)
    assert h.overflow_from is None and h.underflow_to is None
    assert h.edges[1] - h.edges[0] == 50  # whole days: a round width, never a fraction
    assert tick_edges(h) == [0.0, 250.0, 500.0, 750.0, 1000.0]


@pytest.mark.parametrize("integer", [True, False])
def test_empty_and_single_values(integer):
    empty = histogram(np.array([]), integer=integer)
    assert empty.total == 0 and len(empty.counts) == 0 and tick_edges(empty) == []
    nan = histogram(np.array([np.nan, np.inf]), integer=integer)
    assert nan.total == 0
    one = histogram(np.array([7.0, 7.0]), integer=integer)
    assert list(one.counts) == [2] and one.edges[0] <= 7 < one.edges[1]


@pytest.mark.parametrize(("raw", "nice"), [(0.3, 0.5), (1, 1), (1.1, 2), (2.2, 2.5), (27, 50), (4_100, 5_000),
                                           (0.0, 1.0)])
def test_nice_widths(raw, nice):
    assert nice_width(raw) == pytest.approx(nice)


def test_distributions_cover_the_scored_customers(demo_result):
    hists = distributions(demo_result)
    assert set(hists) == {"recency", "frequency", "monetary"}
    for h in hists.values():
        assert h.total == demo_result.scored
    assert hists["frequency"].integer and hists["frequency"].overflow_from == 20
    assert hists["monetary"].overflow_from is not None  # the demo shop has a few very big spenders


def test_revenue_share_in_map_order(demo_result):
    shares = revenue_share(demo_result)
    assert [s.key for s in shares] == [s.key for s in demo_result.settings.rfm_map.segments]
    assert sum(s.revenue for s in shares) == pytest.approx(demo_result.totals.monetary.sum())
    assert sum(s.share for s in shares) == pytest.approx(1.0)


def test_revenue_share_keeps_returns_of_prospects():
    dates = pd.Series(pd.to_datetime(["2024-01-01", "2024-01-05", "2024-01-03"]))
    source = Purchases.from_orders(np.array([0, 0, 1]), 3, dates, pd.Series([100.0, 50.0, -30.0]))
    result = compute_rfm(source, RfmSettings(as_of=dt.date(2024, 2, 1)))
    shares = {s.key: s for s in revenue_share(result)}
    assert shares["prospect"].revenue == -30.0  # a return without a purchase: counted, not hidden
    assert sum(s.revenue for s in shares.values()) == pytest.approx(120.0)


def test_movement_table_totals(demo_source, demo_result):
    as_of = demo_result.as_of
    mv = movement(demo_source, RfmSettings(), as_of - dt.timedelta(days=90), as_of)
    table = movement_table(mv, "customers")
    assert "unassigned" not in table.labels  # the built-in map leaves no cell without a segment
    assert table.labels[-1] == "prospect"
    assert table.total == demo_result.customers
    assert table.row_totals.sum() == table.column_totals.sum() == table.total
    assert 0 < table.stayed < table.total
    assert table.shade.max() == 1.0 and table.shade.min() >= 0.0
    money = movement_table(mv, "revenue")
    assert money.total == pytest.approx(mv.revenue.sum())
    with pytest.raises(ValueError):
        movement_table(mv, "orders")


def test_shade_levels():
    shade = shade_levels(np.array([[0.0, 25.0], [100.0, -100.0]]))
    assert shade.tolist() == [[0.0, 0.5], [1.0, 1.0]]
    assert shade_levels(np.zeros((2, 2))).tolist() == [[0.0, 0.0], [0.0, 0.0]]
