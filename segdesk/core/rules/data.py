"""What rules are evaluated against: the customer table, derived fields, the order log and the as-of date.

Columns are prepared lazily and cached (:mod:`segdesk.core.rules.columns`), and so are the truths of
conditions already evaluated: editing one condition of a ten-condition rule re-evaluates only that one.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Hashable

import numpy as np
import pandas as pd

from segdesk.core.io.table import ColumnType, ImportedTable, Role
from segdesk.core.model.orders import OrderLink, OrderMapping
from segdesk.core.rfm.purchases import _order_codes, to_day
from segdesk.core.rules.columns import PreparedColumns, TextColumn, prepare
from segdesk.core.rules.fields import DERIVED_KINDS, Catalogue, FieldGroup
from segdesk.core.rules.truth import Truth

#: Conditions whose truths are kept (two booleans per customer each: 2 MB at a million customers).
_CACHED_TRUTHS = 64


class OrderLines:
    """The order log as arrays for order-log conditions: per line its customer, day and amount, and (on first
    need) the distinct order it belongs to, so that "count" counts orders the way RFM's frequency does."""

    def __init__(self, orders: ImportedTable, link: OrderLink, mapping: OrderMapping, n_customers: int) -> None:
        frame = orders.frame
        self.n_customers = n_customers
        self.customer = np.asarray(link.customer_pos, dtype=np.int64)
        day = prepare(frame[mapping.date], ColumnType.DATE)
        self.day = day.values  # type: ignore[union-attr]
        amount = pd.to_numeric(frame[mapping.amount], errors="coerce").to_numpy(np.float64, na_value=np.nan)
        self.amount = np.nan_to_num(amount)
        self.usable = (self.customer >= 0) & ~np.isnan(self.day)
        self.purchase = self.usable & (self.amount >= 0)  # returns reduce spending but are not purchases
        self.columns = PreparedColumns(frame, {c.name: c.type for c in orders.columns})
        self._ids = frame[mapping.order_id] if mapping.order_id else None
        self._orders: tuple[np.ndarray, np.ndarray] | None = None
        self._lock = threading.Lock()

    @property
    def orders(self) -> tuple[np.ndarray, np.ndarray]:
        """A code per line for its (customer, order) pair, and each code's customer."""
        with self._lock:
            if self._orders is None:
                self._orders = _orders(self.customer, self.day, self.usable, self._ids)
            return self._orders


def _orders(customer: np.ndarray, day: np.ndarray, usable: np.ndarray,
            ids: pd.Series | None) -> tuple[np.ndarray, np.ndarray]:
    """An order is its order id, or its purchase day when there is none; the same id under two customers
    counts once for each. Compact integer ids that each belong to one customer (the usual export) are their
    own codes, which saves hashing ten million values."""
    if ids is not None:
        codes = _order_codes(ids)
        if (codes >= 0).all() and len(codes):
            owner = np.full(int(codes.max()) + 1, -1, dtype=np.int64)
            owner[codes[usable]] = customer[usable]
            if (owner[codes] == customer)[usable].all():
                return codes, owner
    safe_day = np.where(usable, day, 0).astype(np.int64)
    if ids is None:
        key = safe_day
    else:
        key = _order_codes(ids)
        key = np.where(key < 0, -1 - safe_day, key)  # no id: the day stands for the order
    low = int(key.min(initial=0))
    packed = np.where(usable, customer, -1) * (int(key.max(initial=0)) - low + 1) + (key - low)
    pairs, uniques = pd.factorize(packed)
    pair_customer = np.full(len(uniques), -1, dtype=np.int64)
    pair_customer[pairs] = customer
    return pairs.astype(np.int64), pair_customer


class RuleData:
    """Customers (``n`` rows) with their derived fields and order log, seen at ``as_of``."""

    def __init__(self, customers: ImportedTable, as_of: dt.date, derived: pd.DataFrame | None = None,
                 orders: ImportedTable | None = None, link: OrderLink | None = None,
                 mapping: OrderMapping | None = None) -> None:
        self.customers = customers
        self.n = customers.rows
        self.as_of = as_of
        self.as_of_day = to_day(as_of)
        derived = derived if derived is not None else pd.DataFrame(index=customers.frame.index)
        names = [n for n in derived.columns if n in DERIVED_KINDS and n not in customers.frame.columns]
        self.catalogue = Catalogue.of(customers.columns, derived=names)
        frame = pd.concat([customers.frame, derived[names]], axis=1) if names else customers.frame
        self.columns = PreparedColumns(frame, {f.name: f.kind for f in self.catalogue.fields})
        self._derived = derived
        self.order_catalogue: Catalogue | None = None
        self._order_source = None
        self._orders: OrderLines | None = None
        if orders is not None and link is not None and mapping is not None:
            self._order_source = (orders, link, mapping)
            self.order_catalogue = Catalogue.of(orders.columns, FieldGroup.ORDERS)
        self._truths: OrderedDict[Hashable, Truth] = OrderedDict()
        self._lock = threading.Lock()
        self._orders_lock = threading.Lock()
        self._revenue: np.ndarray | None = None

    @property
    def orders(self) -> OrderLines | None:
        """The order log's arrays, prepared on first use (a second or two at ten million lines)."""
        if self._order_source is None:
            return None
        with self._orders_lock:
            if self._orders is None:
                self._orders = OrderLines(*self._order_source, self.n)
            return self._orders

    # --- cached truths -----------------------------------------------------------------------------------------

    def cached(self, key: Hashable) -> Truth | None:
        with self._lock:
            found = self._truths.get(key)
            if found is not None:
                self._truths.move_to_end(key)
            return found

    def forget(self) -> None:
        """Drop the remembered truths (benchmarks; the prepared columns stay)."""
        with self._lock:
            self._truths.clear()

    def remember(self, key: Hashable, truth: Truth) -> None:
        with self._lock:
            self._truths[key] = truth
            while len(self._truths) > _CACHED_TRUTHS:
                self._truths.popitem(last=False)

    # --- what the editor and the segment list ask --------------------------------------------------------------

    @property
    def revenue(self) -> np.ndarray:
        """Money per customer: spending in the order log up to the as-of date, else the total-spent column,
        else zero."""
        if self._revenue is None:
            self._revenue = self._compute_revenue()
        return self._revenue

    def _compute_revenue(self) -> np.ndarray:
        if self.orders is not None:
            o = self.orders
            lines = o.usable & (o.day <= self.as_of_day)
            return np.bincount(o.customer[lines], weights=o.amount[lines], minlength=self.n)
        if "monetary" in self._derived.columns:
            return pd.to_numeric(self._derived["monetary"], errors="coerce").fillna(0).to_numpy(np.float64)
        spent = self.customers.column_for(Role.TOTAL_SPENT)
        if spent is not None:
            return np.nan_to_num(pd.to_numeric(self.customers.frame[spent], errors="coerce")
                                 .to_numpy(np.float64, na_value=np.nan))
        return np.zeros(self.n)

    def values(self, field: str, orders: bool = False, limit: int = 1000) -> list[str]:
        """The distinct values of a text field, most frequent first (for completion and multi-select)."""
        catalogue = self.order_catalogue if orders else self.catalogue
        columns = self.orders.columns if orders and self.orders is not None else self.columns
        found = catalogue.find(field) if catalogue is not None else None
        if found is None or found.kind not in (ColumnType.TEXT, ColumnType.CATEGORY):
            return []
        col = columns.get(found.name)
        assert isinstance(col, TextColumn)
        order = np.argsort(-col.counts, kind="stable")[:limit]
        return [str(col.original[int(i)].as_py()).strip() for i in order if col.known_values[i] and col.counts[i] > 0]
