"""Picking the customers of an RFM grid cell, a segment or a lifecycle stage."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from segdesk.core.rfm import RFM11, RfmSettings, compute_rfm, grid_cells, segment_summary
from segdesk.core.rfm.analysis import lifecycle_summary
from segdesk.core.rfm.lifecycle import STAGES
from segdesk.core.rfm.purchases import Purchases
from segdesk.core.rfm.select import (
    SEGMENT,
    STAGE,
    Group,
    cell_positions,
    group_positions,
    groups,
    segment_positions,
    stage_positions,
)


def _purchases(customers: int = 400, lines: int = 2_000, seed: int = 3) -> Purchases:
    rng = np.random.default_rng(seed)
    buyers = customers - 40  # the last 40 customers never buy: prospects
    pos = np.concatenate([np.arange(buyers), rng.integers(0, buyers, lines - buyers)])
    dates = pd.Series(np.datetime64("2023-01-01") + rng.integers(0, 700, lines).astype("timedelta64[D]"))
    amounts = pd.Series(np.round(rng.gamma(2.0, 500.0, lines), 2))
    return Purchases.from_orders(pos, customers, dates, amounts)


@pytest.fixture
def result():
    return compute_rfm(_purchases())


def test_a_cell_holds_exactly_the_customers_with_its_scores(result) -> None:
    for cell in grid_cells(result):
        positions = cell_positions(result, cell.r, cell.f)
        assert len(positions) == cell.customers
        assert (result.r[positions] == cell.r).all() and (result.f[positions] == cell.f).all()
        assert positions.dtype == np.int64 and (np.diff(positions) > 0).all()


def test_the_cells_cover_every_scored_customer_once(result) -> None:
    every = np.concatenate([cell_positions(result, c.r, c.f) for c in grid_cells(result)])
    assert sorted(every.tolist()) == np.flatnonzero(result.totals.purchased).tolist()


def test_a_cell_outside_the_grid_is_refused(result) -> None:
    with pytest.raises(ValueError):
        cell_positions(result, 6, 1)


def test_segments_match_the_summary_and_the_labels(result) -> None:
    summary = segment_summary(result)
    labels = result.segment_labels()
    for key, customers in zip(summary["segment"], summary["customers"], strict=True):
        positions = segment_positions(result, key)
        assert len(positions) == customers
        assert (labels[positions] == key).all()
    assert len(segment_positions(result, "prospect")) == 40


def test_unassigned_codes_are_their_own_group() -> None:
    partial = RFM11.__class__(RFM11.key, RFM11.names, RFM11.kind, RFM11.segments[:-1])  # drop "lost"
    result = compute_rfm(_purchases(), RfmSettings(rfm_map=partial))
    unassigned = segment_positions(result, "unassigned")
    assert len(unassigned) > 0 and (result.segment[unassigned] == -1).all()
    assert Group(SEGMENT, "unassigned", len(unassigned)) in groups(result)
    summary = segment_summary(result).set_index("segment")
    labels = result.segment_labels()
    for key in summary.index:  # the summary's integer codes agree with the labels
        assert summary.loc[key, "customers"] == (labels == key).sum()
        assert summary.loc[key, "revenue"] == pytest.approx(result.totals.monetary[labels == key].sum())


def test_an_unknown_segment_is_an_error(result) -> None:
    with pytest.raises(KeyError):
        segment_positions(result, "nobody")


def test_stages_match_the_lifecycle_summary(result) -> None:
    summary = lifecycle_summary(result)
    for key, customers in zip(summary["segment"], summary["customers"], strict=True):
        assert len(stage_positions(result, key)) == customers


def test_groups_list_segments_then_stages_with_counts(result) -> None:
    found = groups(result)
    segment_keys = [g.key for g in found if g.kind == SEGMENT]
    assert segment_keys == [s.key for s in result.settings.rfm_map.segments] + ["prospect"]
    assert [g.key for g in found if g.kind == STAGE] == list(STAGES)
    for group in found:
        assert len(group_positions(result, group)) == group.customers
    assert sum(g.customers for g in found if g.kind == STAGE) == result.customers


def test_positions_follow_a_new_as_of_date() -> None:
    source = _purchases()
    early = compute_rfm(source, RfmSettings(as_of=dt.date(2023, 6, 1)))
    assert len(segment_positions(early, "prospect")) > 40  # customers whose first purchase is later
