"""Which customers an RFM view points at: a grid cell, a segment, a lifecycle stage.

Positions are row positions in the customer table (what ``RfmResult`` arrays are aligned with), ascending,
int64, so a view can filter the customer table by them. Everything works on the result's integer arrays;
nothing compares strings per customer, so picking a group of a million customers stays a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from segdesk.core.rfm.analysis import PROSPECT, UNASSIGNED, RfmResult
from segdesk.core.rfm.lifecycle import STAGES

#: The kinds of :class:`Group`.
SEGMENT, STAGE = "segment", "stage"


@dataclass(frozen=True)
class Group:
    """A set of customers by a stable key: ``kind`` "segment" (a map segment's key, ``"unassigned"`` or
    ``"prospect"``) or "stage" (a lifecycle stage)."""

    kind: str
    key: str
    customers: int


def cell_positions(result: RfmResult, r: int, f: int) -> np.ndarray:
    """The customers scored ``r`` and ``f`` (prospects have no scores, so never match)."""
    if not (1 <= r <= result.settings.bins and 1 <= f <= result.settings.bins):
        raise ValueError(f"no cell R{r} F{f} with {result.settings.bins} bins")
    return np.flatnonzero((result.r == r) & (result.f == f)).astype(np.int64)


def segment_positions(result: RfmResult, key: str) -> np.ndarray:
    """The customers of map segment ``key``; ``"unassigned"`` and ``"prospect"`` as in the summary."""
    purchased = result.totals.purchased
    if key == PROSPECT:
        return np.flatnonzero(~purchased).astype(np.int64)
    if key == UNASSIGNED:
        return np.flatnonzero(purchased & (result.segment < 0)).astype(np.int64)
    keys = [s.key for s in result.settings.rfm_map.segments]
    if key not in keys:
        raise KeyError(key)
    return np.flatnonzero(purchased & (result.segment == keys.index(key))).astype(np.int64)


def stage_positions(result: RfmResult, key: str) -> np.ndarray:
    """The customers at lifecycle stage ``key`` (one of :data:`STAGES`)."""
    return np.flatnonzero(result.stage == STAGES.index(key)).astype(np.int64)


def group_positions(result: RfmResult, group: Group) -> np.ndarray:
    if group.kind == SEGMENT:
        return segment_positions(result, group.key)
    if group.kind == STAGE:
        return stage_positions(result, group.key)
    raise ValueError(f"unknown group kind {group.kind!r}")


def groups(result: RfmResult) -> list[Group]:
    """Every map segment (map order, empty ones too), unassigned codes (only when some customer has one),
    prospects, then every lifecycle stage, with their customer counts."""
    purchased = result.totals.purchased
    nseg = len(result.settings.rfm_map.segments)
    per_segment = np.bincount(result.segment[purchased].astype(np.int64) + 1, minlength=nseg + 1)
    out = [Group(SEGMENT, s.key, int(per_segment[i + 1])) for i, s in enumerate(result.settings.rfm_map.segments)]
    if per_segment[0]:
        out.append(Group(SEGMENT, UNASSIGNED, int(per_segment[0])))
    out.append(Group(SEGMENT, PROSPECT, int((~purchased).sum())))
    per_stage = np.bincount(result.stage.astype(np.int64), minlength=len(STAGES))
    out += [Group(STAGE, key, int(per_stage[i])) for i, key in enumerate(STAGES)]
    return out
