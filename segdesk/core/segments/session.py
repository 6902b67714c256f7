"""A segment set kept live while it is edited: plain functions with a progress callback, run by the Segments
page off the GUI thread.

* :func:`prepare` once per data set, as-of date and RFM settings: the derived RFM and lifecycle fields, the
  :class:`RuleData` rules are evaluated against, the control-group keys and the customer search index.
* :func:`evaluate_segments` after every edit: each customer in its first segment, the guardrails, the overlap,
  and per segment what the rule editor shows (the rule's own count and revenue, skipped customers, problems).

Evaluating again after an edit is cheap because :class:`RuleData` caches the truth of every condition: only the
condition that changed is computed again. The control group's hashes (a second at a million customers) are
cached here per seed and share, so a rule edit never hashes again.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segdesk.core.errors import InputError, ProgressCallback, no_progress
from segdesk.core.io.table import ImportedTable, Role
from segdesk.core.model.dataset import scaled
from segdesk.core.rfm import RfmSettings, ScoreMode, Thresholds, compute_rfm, default_as_of, purchases_from_tables
from segdesk.core.rules.data import RuleData
from segdesk.core.rules.edit import conditions
from segdesk.core.rules.evaluate import problems, skipped
from segdesk.core.rules.model import Condition, Path, RuleError
from segdesk.core.segments.assign import SegmentResult, assign, customer_keys, held_out
from segdesk.core.segments.model import SegmentSet

#: The columns the "Why?" search looks in, and the order a found customer's label names them.
SEARCH_ROLES = (Role.CUSTOMER_ID, Role.FULL_NAME, Role.FIRST_NAME, Role.LAST_NAME, Role.EMAIL, Role.PHONE)
#: Customers a search lists at most.
SEARCH_LIMIT = 50


@dataclass(eq=False)
class Prepared:
    """One data set seen at one as-of date, ready for rules."""

    data: RuleData
    keys: np.ndarray | None  # the control group's hash inputs (customer id, else email, phone, row), once needed
    latest_as_of: dt.date | None  # the day after the latest purchase; None without purchases
    rfm: RfmSettings  # the RFM settings the derived fields were scored with (as-of date filled in)
    search_text: pa.Array  # per customer: id, names, email and phone, lower case, for the "Why?" search
    search_columns: list[str]
    _control: dict[tuple[int, float], np.ndarray] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def as_of(self) -> dt.date:
        return self.data.as_of

    def control(self, seed: int, holdout: float) -> np.ndarray:
        """Who is held out at ``holdout`` percent with ``seed`` (hashed once per pair, then remembered). Slow
        the first time (a second or two at a million customers): call it off the GUI thread."""
        key = (seed, holdout)
        with self._lock:
            found = self._control.get(key)
        if found is None:
            if self.keys is None:
                self.keys = customer_keys(self.data.customers)  # most sets hold no one out: only now
            found = held_out(self.keys, seed, holdout)
            with self._lock:
                self._control.clear()  # one pair at a time: a million booleans each
                self._control[key] = found
        return found

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> list[tuple[int, str]]:
        """Customers whose id, name, email or phone contains ``text`` (ignoring case): (position, label)."""
        wanted = text.strip().lower()
        if not wanted or not self.search_columns:
            return []
        hits = pc.match_substring(self.search_text, wanted).to_numpy(zero_copy_only=False)
        return [(int(p), self.customer_label(int(p))) for p in np.flatnonzero(hits)[:limit]]

    def customer_label(self, position: int) -> str:
        """"000185 · Anna Petrova · anna@example.com": the customer as the search columns name them."""
        frame = self.data.customers.frame
        parts = [str(frame[c].iloc[position]).strip() for c in self.search_columns[:4]
                 if pd.notna(frame[c].iloc[position])]
        return " · ".join(p for p in parts if p) or f"#{position + 1}"


def derived_fields(customers: ImportedTable, orders: ImportedTable | None, link: object, mapping: object,
                   as_of: dt.date | None, rfm: RfmSettings | None = None,
                   progress: ProgressCallback = no_progress) -> tuple[RfmSettings, dt.date | None, pd.DataFrame | None]:
    """The RFM settings at the as-of date (``as_of``, else the day after the latest purchase, else today), that
    latest-purchase default, and the derived RFM fields (None when there are no purchases to score)."""
    source, latest = None, None
    try:
        source = purchases_from_tables(customers, orders, link, mapping)  # type: ignore[arg-type]
        latest = default_as_of(source)
    except InputError:
        source = None  # no purchases: rules still work on the customer columns
    settings = replace(rfm or RfmSettings(), as_of=as_of or latest or dt.date.today())
    derived = None
    if source is not None:
        try:
            derived = compute_rfm(source, settings, progress).fields
        except InputError:
            derived = None
    return settings, latest, derived


def prepare(customers: ImportedTable, orders: ImportedTable | None, link: object, mapping: object,
            as_of: dt.date | None, rfm: RfmSettings | None = None, keys: np.ndarray | None = None,
            progress: ProgressCallback = no_progress) -> Prepared:
    """Get ``customers`` (and their linked order log) ready for rules at ``as_of`` (None: the day after the
    latest purchase, else today). The RFM fields are left out when there are no purchases to score.
    ``keys`` from an earlier preparation of the same customers are reused."""
    progress(0.0, "reading purchases")
    settings, latest, derived = derived_fields(customers, orders, link, mapping, as_of, rfm,
                                               scaled(progress, 0.05, 0.5))
    assert settings.as_of is not None
    progress(0.5, "preparing columns")
    data = RuleData(customers, settings.as_of, derived, orders, link, mapping)  # type: ignore[arg-type]
    data.revenue  # noqa: B018 - computed here, off the GUI thread, rather than on the first chart or template
    if keys is not None and len(keys) != customers.rows:
        keys = None
    progress(0.7, "search index")
    columns, text = _search_index(customers)
    return Prepared(data, keys, latest, settings, text, columns)


def rfm_inputs(settings: RfmSettings) -> RfmSettings:
    """What of ``settings`` the derived fields depend on: no as-of date (the Segments page has its own), and no
    thresholds unless they are used (so an unused change is not mistaken for a reason to score again)."""
    settings = replace(settings, as_of=None)
    return settings if settings.mode == ScoreMode.FIXED else replace(settings, thresholds=Thresholds())


def _search_index(customers: ImportedTable) -> tuple[list[str], pa.Array]:
    """The search columns' texts joined per customer, lower case: one Arrow pass per search."""
    columns: list[str] = []
    for role in SEARCH_ROLES:
        name = customers.column_for(role)
        if name is not None and name not in columns:
            columns.append(name)
    if not columns:
        return [], pa.array([], pa.string())
    texts = [pc.fill_null(pc.cast(pa.array(customers.frame[c].astype("string"), from_pandas=True), pa.string()), "")
             for c in columns]
    return columns, pc.utf8_lower(pc.binary_join_element_wise(*texts, " "))


@dataclass(frozen=True, eq=False)
class SegmentsReport:
    """A segment set evaluated: what the list, the charts and the rule editor show."""

    segments: SegmentSet
    result: SegmentResult
    matched_revenue: np.ndarray  # per segment: revenue of everyone its rule matches (before priority)
    problems: list[dict[Path, RuleError]]  # per segment: conditions that do not fit the data
    skipped: list[dict[Path, int]]  # per segment: customers a condition skips because the field is empty
    overlap: np.ndarray  # segments × segments: customers matching both rules


def evaluate_segments(segments: SegmentSet, prepared: Prepared,
                      progress: ProgressCallback = no_progress) -> SegmentsReport:
    """Each customer in the first enabled segment it matches. A segment whose rule does not fit the data (a
    column that is not there, a value of the wrong kind) is left out of the assignment, and its problems are
    reported by condition, so one broken rule does not blank the whole list."""
    data = prepared.data
    found: list[dict[Path, RuleError]] = []
    gaps: list[dict[Path, int]] = []
    for i, segment in enumerate(segments.segments):
        progress(0.5 * i / max(len(segments.segments), 1), segment.name)
        found.append(problems(segment.rule, data))
        gaps.append({path: n for path, node in conditions(segment.rule)
                     if isinstance(node, Condition) and path not in found[-1] and (n := skipped(node, data))})
    usable = tuple(replace(s, enabled=s.enabled and not found[i]) for i, s in enumerate(segments.segments))
    held = prepared.control(segments.seed, segments.holdout) if segments.holdout > 0 else None
    result = assign(replace(segments, segments=usable), data, held=held, progress=scaled(progress, 0.5, 0.9))
    progress(0.95, "overlap")
    matched_revenue = result.matches.astype(np.float64) @ data.revenue if len(usable) else np.zeros(0)
    return SegmentsReport(segments, result, matched_revenue, found, gaps, result.overlap())

