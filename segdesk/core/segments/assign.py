"""A segment set applied to the customers: each customer in the first enabled segment it matches, the overlap
between segments, the guardrails, and the control group.

The control group is decided per customer by a keyed BLAKE2b hash of the customer key with the project's
seed, so the same customer stays in or out across runs, files and machines (and anyone can recompute it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from segdesk.core.errors import ProgressCallback, no_progress
from segdesk.core.io.table import ImportedTable, Role
from segdesk.core.model.keys import normalised_keys
from segdesk.core.rules.data import RuleData
from segdesk.core.rules.evaluate import evaluate
from segdesk.core.rules.model import RuleError
from segdesk.core.segments.model import SegmentSet, in_segment

#: Guardrails: a segment smaller than this many customers, or this share of the base, is too small to act on.
MIN_CUSTOMERS = 100
MIN_SHARE = 0.01
#: Hash values are compared with the share in these steps (0.01 %).
_STEPS = 10_000


@dataclass(frozen=True)
class SegmentStats:
    name: str
    customers: int  # assigned to this segment (after priority), control group included
    control: int  # of those, held out
    revenue: float  # of the assigned customers
    matched: int  # matching the rule, before priority
    share: float  # customers / total
    too_small: bool
    enabled: bool


@dataclass(frozen=True)
class SegmentResult:
    total: int
    assigned: np.ndarray  # int32 per customer: the segment's index in the set, -1 for everyone else
    control: np.ndarray  # bool per customer: held out of its segment's mailing
    matches: np.ndarray  # bool, segments × customers: the rule is true (before priority; False when disabled)
    stats: list[SegmentStats]
    everyone_else: int
    everyone_else_revenue: float

    def positions(self, index: int) -> np.ndarray:
        """The customers assigned to segment ``index`` (-1: everyone else), in table order."""
        return np.flatnonzero(self.assigned == index)

    def overlap(self) -> np.ndarray:
        """Customers matching both of any two segments (diagonal: matching each), before priority."""
        m = self.matches.astype(np.float32)
        return np.rint(m @ m.T).astype(np.int64)


def assign(segments: SegmentSet, data: RuleData, keys: np.ndarray | None = None, held: np.ndarray | None = None,
           progress: ProgressCallback = no_progress) -> SegmentResult:
    """Evaluate every enabled segment and give each customer to the first it matches.

    The control group is ``held`` when given (from :func:`held_out`, kept by a caller that re-evaluates
    often), else hashed from ``keys`` (from :func:`customer_keys`, found when None). A rule that does not fit
    the data raises an error naming the segment and condition."""
    n = data.n
    matches = np.zeros((len(segments.segments), n), dtype=bool)
    assigned = np.full(n, -1, dtype=np.int32)
    free = np.ones(n, dtype=bool)
    for i, segment in enumerate(segments.segments):
        progress(i / max(len(segments.segments), 1), segment.name)
        if not segment.enabled:
            continue
        try:
            matches[i] = evaluate(segment.rule, data).true
        except RuleError as e:
            raise in_segment(e, segment.name) from None
        mine = matches[i] & free
        assigned[mine] = i
        free &= ~mine
    control = np.zeros(n, dtype=bool)
    if segments.holdout > 0:
        if held is None:
            held = held_out(customer_keys(data.customers) if keys is None else keys, segments.seed,
                            segments.holdout)
        control = held & (assigned >= 0)
    return _result(segments, data, assigned, control, matches)


def _result(segments: SegmentSet, data: RuleData, assigned: np.ndarray, control: np.ndarray,
            matches: np.ndarray) -> SegmentResult:
    n, k = data.n, len(segments.segments)
    slot = np.where(assigned < 0, k, assigned)  # everyone else counts in the last slot
    sizes = np.bincount(slot, minlength=k + 1)
    held = np.bincount(slot[control], minlength=k + 1)
    revenue = np.bincount(slot, weights=data.revenue, minlength=k + 1)
    matched = matches.sum(axis=1)
    stats = [SegmentStats(s.name, int(sizes[i]), int(held[i]), float(revenue[i]), int(matched[i]),
                          sizes[i] / n if n else 0.0, s.enabled and too_small(int(sizes[i]), n), s.enabled)
             for i, s in enumerate(segments.segments)]
    return SegmentResult(n, assigned, control, matches, stats, int(sizes[k]), float(revenue[k]))


def too_small(customers: int, total: int) -> bool:
    """Under 100 customers or under 1% of the base: too few to act on or to measure."""
    return customers < MIN_CUSTOMERS or (total > 0 and customers / total < MIN_SHARE)


def customer_keys(customers: ImportedTable) -> np.ndarray:
    """What identifies a customer for the control group: the customer id, else the normalised email, else the
    phone, else the source row (object array of str). Ids compare as people mean them ("007" is 7)."""
    for role in (Role.CUSTOMER_ID, Role.EMAIL, Role.PHONE):
        name = customers.column_for(role)
        if name is None:
            continue
        keys = normalised_keys(customers.frame[name], role)
        if keys.notna().mean() >= 0.5:
            rows = pd.Series(customers.source_rows, index=keys.index).map(lambda r: f"row:{r}")
            return keys.where(keys.notna(), rows).to_numpy(object)
    return np.array([f"row:{r}" for r in customers.source_rows], dtype=object)


def held_out(keys: np.ndarray, seed: int, percent: float) -> np.ndarray:
    """Whether each key falls in the control group: BLAKE2b(key, key=seed) read as a number below the share."""
    if percent <= 0:
        return np.zeros(len(keys), dtype=bool)
    salt = str(seed).encode()
    limit = round(percent * _STEPS / 100)
    values = np.fromiter((int.from_bytes(hashlib.blake2b(str(k).encode(), key=salt, digest_size=8).digest(),
                                         "big") % _STEPS for k in keys), dtype=np.int64, count=len(keys))
    return values < limit
