"""RFM: totals from orders and summaries, scoring rules, maps, lifecycle stages, summaries and movement."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from segdesk.core.errors import InputError
from segdesk.core.rfm import (
    RF10,
    RFM11,
    LifecycleThresholds,
    Purchases,
    RfmSettings,
    ScoreMode,
    Thresholds,
    check_map,
    compute_rfm,
    default_as_of,
    grid_cells,
    movement,
    rescore,
    segment_summary,
)
from segdesk.core.rfm.analysis import lifecycle_summary
from segdesk.core.rfm.lifecycle import STAGES, lifecycle_codes
from segdesk.core.rfm.maps import MapSegment, RfmMap, assignments, codes, map_from_json, map_to_json, parse_pattern
from segdesk.core.rfm.purchases import SummaryColumns, to_day
from segdesk.core.rfm.scoring import Basis, fixed_scores, quantile_scores

D = dt.date


def orders(rows: list[tuple], n_customers: int | None = None, with_ids: bool = True) -> Purchases:
    """rows: (customer position, date, amount, order id)."""
    frame = pd.DataFrame(rows, columns=["c", "d", "a", "o"])
    return Purchases.from_orders(frame["c"].to_numpy(), n_customers or int(frame["c"].max()) + 1,
                                 pd.to_datetime(frame["d"]), frame["a"], frame["o"] if with_ids else None)


def test_frequency_counts_order_ids_and_returns_reduce_monetary():
    p = orders([(0, D(2024, 1, 1), 100.0, "A"), (0, D(2024, 1, 1), 50.0, "A"), (0, D(2024, 2, 1), 10.0, "B"),
                (0, D(2024, 3, 1), -30.0, "R"), (1, D(2024, 1, 5), 5.0, "C"), (-1, D(2024, 1, 5), 99.0, "X")],
               n_customers=3)
    t = p.totals_at(D(2024, 3, 10))
    assert t.frequency.tolist() == [2, 1, 0]  # the return is not an order; the unknown customer's line is gone
    assert t.monetary.tolist() == [130.0, 5.0, 0.0]
    assert t.last_day[0] == to_day(D(2024, 2, 1))  # a return does not move the last purchase
    assert t.recency.tolist() == [38, 65, -1] and t.purchased.tolist() == [True, True, False]


def test_without_order_ids_frequency_counts_purchase_days():
    rows = [(0, D(2024, 1, 1), 1.0, None), (0, D(2024, 1, 1), 1.0, None), (0, D(2024, 1, 2), 1.0, None)]
    assert orders(rows, with_ids=False).totals_at(D(2024, 2, 1)).frequency.tolist() == [2]


def test_lines_without_an_order_id_count_by_day_and_shared_ids_count_for_each_customer():
    p = orders([(0, D(2024, 1, 1), 1.0, "A"), (0, D(2024, 1, 3), 1.0, None), (1, D(2024, 1, 4), 1.0, "A")])
    assert p.totals_at(D(2024, 2, 1)).frequency.tolist() == [2, 1]


def test_orders_after_the_as_of_date_have_not_happened_yet():
    p = orders([(0, D(2024, 1, 1), 10.0, "A"), (0, D(2024, 6, 1), 20.0, "B"), (1, D(2024, 6, 1), 5.0, "C")])
    t = p.totals_at(D(2024, 3, 1))
    assert t.frequency.tolist() == [1, 0] and t.monetary.tolist() == [10.0, 0.0]
    assert default_as_of(p) == D(2024, 6, 2)
    on_the_day = p.totals_at(D(2024, 6, 1))  # the as-of date itself counts, with recency 0
    assert on_the_day.recency.tolist() == [0, 0]


def test_no_purchases_is_a_clear_error():
    p = orders([(0, D(2024, 1, 1), -5.0, "A")])
    with pytest.raises(InputError, match="no purchases"):
        default_as_of(p)


@st.composite
def order_logs(draw):
    n = draw(st.integers(1, 60))
    customers = draw(st.lists(st.integers(-1, 9), min_size=n, max_size=n))
    days = draw(st.lists(st.integers(0, 40), min_size=n, max_size=n))
    amounts = draw(st.lists(st.sampled_from([-20.0, 0.0, 5.5, 10.0, 99.0]), min_size=n, max_size=n))
    ids = draw(st.lists(st.sampled_from(["a", "b", "c", "d", None]), min_size=n, max_size=n))
    return pd.DataFrame({"c": customers, "d": pd.Timestamp("2024-01-01") + pd.to_timedelta(days, unit="D"),
                         "a": amounts, "o": ids})


@settings(max_examples=150, deadline=None)
@given(order_logs(), st.integers(0, 45), st.booleans())
def test_totals_match_a_plain_pandas_groupby(log, cut, with_ids):
    p = Purchases.from_orders(log["c"].to_numpy(), 10, log["d"], log["a"], log["o"] if with_ids else None)
    as_of = D(2024, 1, 1) + dt.timedelta(days=cut)
    t = p.totals_at(as_of)
    known = log[(log["c"] >= 0) & (log["d"] <= pd.Timestamp(as_of))]
    bought = known[known["a"] >= 0].copy()
    bought["key"] = (bought["o"].fillna(bought["d"].dt.strftime("day %Y-%m-%d")) if with_ids
                     else bought["d"].astype(str))
    g = bought.groupby("c")
    expect_freq = g["key"].nunique().reindex(range(10), fill_value=0)
    expect_money = known.groupby("c")["a"].sum().reindex(range(10), fill_value=0.0)
    assert t.frequency.tolist() == expect_freq.tolist()
    assert np.allclose(t.monetary, expect_money.to_numpy())
    last = g["d"].max().reindex(range(10))
    expect_recency = [(as_of - x.date()).days if pd.notna(x) else -1 for x in last]
    assert t.recency.tolist() == expect_recency


values_arrays = hnp.arrays(np.float64, st.integers(0, 300), elements=st.sampled_from(
    [0.0, 1.0, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 100.0, 1e6]) | st.floats(-1e3, 1e6, allow_nan=False))


@settings(max_examples=200, deadline=None)
@given(values_arrays, st.sampled_from([3, 4, 5]), st.booleans())
def test_quantile_scores_are_fair(values, bins, higher_is_better):
    scores = quantile_scores(Basis.of(values), bins, higher_is_better)
    assert len(scores) == len(values)
    if not len(values):
        return
    assert scores.min() >= 1 and scores.max() <= bins
    order = np.argsort(values, kind="stable")
    v, s = values[order], scores[order].astype(int)
    same = v[1:] == v[:-1]
    assert (s[1:][same] == s[:-1][same]).all(), "equal values, equal scores"
    steps = np.diff(s)[~same]
    assert ((steps >= 0) if higher_is_better else (steps <= 0)).all(), "better values never score lower"
    if len(np.unique(values)) > 1:  # the best customers get the top score, the worst 1
        best = values.max() if higher_is_better else values.min()
        worst = values.min() if higher_is_better else values.max()
        assert set(scores[values == best]) == {bins} and set(scores[values == worst]) == {1}


def test_distinct_values_give_plain_quintiles():
    scores = quantile_scores(Basis.of(np.arange(100.0)), 5)
    assert np.bincount(scores)[1:].tolist() == [20] * 5


def test_heavily_tied_frequency_gives_documented_scores():
    freq = np.array([1] * 60 + [2] * 25 + [3] * 10 + [7] * 5, dtype=float)
    scores = quantile_scores(Basis.of(freq), 5)
    assert {int(f): int(s) for f, s in zip(freq, scores, strict=True)} == {1: 1, 2: 4, 3: 5, 7: 5}
    assert set(quantile_scores(Basis.of(np.ones(10)), 5)) == {3}  # nobody stands out: the middle score


def test_fixed_thresholds():
    r = fixed_scores(np.array([0, 14, 15, 30, 31, 180, 181]), (14, 30, 90, 180), 5, higher_is_better=False)
    assert r.tolist() == [5, 5, 4, 4, 3, 2, 1]
    f = fixed_scores(np.array([1, 2, 3, 4, 5, 9, 10, 50]), (2, 3, 5, 10), 5, higher_is_better=True)
    assert f.tolist() == [1, 2, 3, 3, 4, 4, 5, 5]
    with pytest.raises(InputError, match="need 2 recency thresholds"):
        Thresholds().check(3)
    with pytest.raises(InputError, match="must go up"):
        Thresholds(recency=(30, 14)).check(3)


def test_rf10_names_each_of_the_25_cells_once_and_rfm11_each_of_the_125_codes():
    for rfm_map, width in ((RF10, 2), (RFM11, 3)):
        found = assignments(rfm_map)
        assert len(found) == 5 ** width and all(len(keys) == 1 for keys in found.values())
        assert check_map(rfm_map, 5).ok
    assert len(RF10.segments) == 10 and len(RFM11.segments) == 11
    assert all(s.names["ru"] and s.names["en"] for s in RF10.segments + RFM11.segments)
    assert check_map(RF10, 3).unreachable == ("promising",)  # 3 bins sit on 1, 3, 5: cell 41 is never reached


def test_check_map_reports_gaps_clashes_and_unreachable_segments():
    broken = RfmMap("x", {"en": "x"}, "rf", (MapSegment("a", {"en": "A"}, ("[1-5][1-4]",)),
                                              MapSegment("b", {"en": "B"}, ("11",)),
                                              MapSegment("c", {"en": "C"}, ())))
    cov = check_map(broken)
    assert set(cov.unassigned) == {"15", "25", "35", "45", "55"}
    assert cov.conflicts == {"11": ("a", "b")} and set(cov.unreachable) == {"b", "c"} and not cov.ok


@pytest.mark.parametrize("bad", ["6", "[1-2", "x1", "1", "123", "[]1", "[1-9]1"])
def test_bad_patterns_are_clear_errors(bad):
    with pytest.raises(InputError, match="not an RFM code pattern"):
        parse_pattern(bad, 2)


def test_maps_round_trip_through_json_and_bad_json_is_refused():
    assert map_from_json(map_to_json(RFM11)) == RFM11
    for bad in ({}, {"kind": "rf"}, {"key": "k", "names": {"en": "n"}, "kind": "xyz", "segments": []}, [1]):
        with pytest.raises(InputError, match="RFM map is not valid"):
            map_from_json(bad)


def test_lifecycle_boundaries_follow_the_in_the_last_n_days_rule():
    recency = np.array([0, 29, 30, 29, 119, 120, 364, 365, -1])
    frequency = np.array([1, 1, 1, 2, 3, 3, 3, 3, 0])
    purchased = frequency > 0
    stages = [STAGES[i] for i in lifecycle_codes(purchased, frequency, recency)]
    assert stages == ["new", "new", "active", "active", "active", "lapsed", "lapsed", "lost", "prospect"]
    custom = lifecycle_codes(purchased, frequency, recency, LifecycleThresholds(10, 60, 200))
    assert [STAGES[i] for i in custom][:4] == ["new", "active", "active", "active"]
    with pytest.raises(InputError, match="thresholds must grow"):
        LifecycleThresholds(200, 100, 50).check()


def _shop(n: int = 400, seed: int = 1) -> Purchases:
    rng = np.random.default_rng(seed)
    lines = n * 4
    customer = rng.integers(0, n, lines)
    customer[rng.random(lines) < 0.02] = -1
    day = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 700, lines), unit="D")
    amount = np.round(rng.gamma(2, 800, lines), 2)
    return Purchases.from_orders(customer, n + 20, pd.Series(day), pd.Series(amount),
                                 pd.Series(rng.integers(0, lines, lines)))


def test_derived_fields_agree_with_each_other():
    result = compute_rfm(_shop())
    f = result.fields
    assert list(f.columns) == ["first_purchase", "last_purchase", "recency_days", "frequency", "monetary",
                               "avg_order_value", "r_score", "f_score", "m_score", "rfm_code", "rfm_segment",
                               "lifecycle_stage"]
    prospects = f["frequency"] == 0
    assert prospects.sum() >= 20 and f.loc[prospects, "r_score"].isna().all()
    assert (f.loc[prospects, "lifecycle_stage"] == "prospect").all() and f.loc[prospects, "rfm_segment"].isna().all()
    scored = f[~prospects]
    assert (scored["rfm_code"] == scored["r_score"].astype(str) + scored["f_score"].astype(str)
            + scored["m_score"].astype(str)).all()
    assert ((pd.Timestamp(result.as_of) - scored["last_purchase"]).dt.days == scored["recency_days"]).all()
    assert (scored["first_purchase"] <= scored["last_purchase"]).all()
    assert np.allclose(scored["avg_order_value"], scored["monetary"] / scored["frequency"])
    cells = {(r, fs): RF10.segments[i].key for r, fs, i in zip(result.r, result.f, result.segment, strict=True)
             if r}
    assert cells[(5, 5)] == "champions" and cells.get((1, 1), "hibernating") == "hibernating"


def test_rescore_equals_a_fresh_computation():
    source = _shop()
    first = compute_rfm(source)
    for changed in (RfmSettings(bins=3), RfmSettings(rfm_map=RFM11, bins=4),
                    RfmSettings(mode=ScoreMode.FIXED, thresholds=Thresholds(monetary=(500, 1500, 3000, 6000)))):
        again = rescore(first, changed)
        fresh = compute_rfm(source, changed)
        pd.testing.assert_frame_equal(again.fields, fresh.fields)
    with pytest.raises(ValueError):
        rescore(first, RfmSettings(as_of=D(2020, 1, 1)))


def test_summary_grid_and_ranges_add_up():
    result = compute_rfm(_shop(), RfmSettings(bins=4))
    summary = segment_summary(result)
    assert summary["customers"].sum() == result.customers and summary.iloc[-1]["segment"] == "prospect"
    assert np.isclose(summary["revenue"].sum(), result.totals.monetary.sum())
    assert np.isclose(summary["share"].sum(), 1.0) and np.isclose(summary["revenue_share"].sum(), 1.0)
    assert lifecycle_summary(result)["customers"].sum() == result.customers
    cells = grid_cells(result)
    assert len(cells) == 16 and sum(c.customers for c in cells) == result.scored
    assert [(c.r, c.f) for c in cells[:4]] == [(4, 1), (4, 2), (4, 3), (4, 4)]
    ranges = result.ranges()
    assert [(x.dimension, x.score) for x in ranges[:4]] == [("recency", 4), ("recency", 3), ("recency", 2),
                                                            ("recency", 1)]
    recency = [x for x in ranges if x.dimension == "recency" and x.customers]
    assert all(a.high < b.low for a, b in itertools.pairwise(recency))  # R4 is the most recent


def test_fixed_mode_reports_its_bounds():
    result = compute_rfm(_shop(), RfmSettings(bins=3, mode=ScoreMode.FIXED,
                                              thresholds=Thresholds((30, 180), (2, 4), (1000, 5000))))
    r3, r2, r1 = (x for x in result.ranges() if x.dimension == "recency")
    assert (r3.bound_low, r3.bound_high, r2.bound_low, r2.bound_high, r1.bound_low, r1.bound_high) == (
        None, 30, 30, 180, 180, None)
    assert r3.customers == int(((result.totals.recency <= 30) & result.totals.purchased).sum())


def test_summary_columns_source():
    last = np.array([to_day(D(2024, 5, 1)), to_day(D(2023, 1, 1)), np.iinfo(np.int32).min, to_day(D(2024, 9, 9))],
                    dtype=np.int32)
    source = SummaryColumns(last, np.array([3.0, np.nan, 0.0, 2.0]), np.array([300.0, 50.0, np.nan, 10.0]))
    assert default_as_of(source) == D(2024, 9, 10)
    t = source.totals_at(D(2024, 6, 1))
    assert t.purchased.tolist() == [True, True, False, False]  # the last row's purchase comes after the as-of date
    assert t.frequency.tolist() == [3, 1, 0, 0] and t.monetary.tolist() == [300.0, 50.0, 0.0, 0.0]


def test_movement_between_two_dates():
    source = _shop()
    later = default_as_of(source)
    earlier = later - dt.timedelta(days=120)
    m = movement(source, RfmSettings(), earlier, later)
    assert m.customers.sum() == 420 and m.labels[-1] == "prospect"
    a = compute_rfm(source, RfmSettings(as_of=earlier))
    assert m.customers[-1].sum() == int((~a.totals.purchased).sum())  # no purchase yet at A: their own row
    b = compute_rfm(source, RfmSettings(as_of=later))
    assert np.isclose(m.revenue.sum(), b.totals.monetary.sum() - a.totals.monetary.sum())
    with pytest.raises(InputError):
        movement(source, RfmSettings(), later, earlier)


def test_settings_are_checked():
    with pytest.raises(InputError, match="3, 4 or 5"):
        compute_rfm(_shop(), RfmSettings(bins=6))
    with pytest.raises(InputError, match="thresholds"):
        compute_rfm(_shop(), RfmSettings(mode=ScoreMode.FIXED, bins=3))


def test_codes_cover_the_grid():
    assert codes(2)[:3] == ["11", "12", "13"] and len(codes(3)) == 125
