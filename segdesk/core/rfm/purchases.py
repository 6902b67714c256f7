"""What RFM needs from the data, prepared once: per-order facts, then per-customer totals at an as-of date.

Two sources give the same :class:`Totals`:

* an order log (:class:`Purchases`): frequency counts distinct order ids when an order-id column is mapped,
  otherwise distinct purchase days; monetary sums every line, so returns (negative amounts) reduce it; a
  return line is not a purchase, so it neither counts as an order nor moves the purchase dates;
* a customer list's summary columns (:class:`SummaryColumns`): last purchase date, orders count, total spent.

Order lines dated after the as-of date are left out: seen from that date they have not happened yet (this is
what makes the movement between two as-of dates possible).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from segdesk.core.errors import InputError
from segdesk.core.io.table import ImportedTable, Role
from segdesk.core.model.orders import OrderLink, OrderMapping

#: "no purchase" in the day arrays (days since 1970-01-01, int32)
NO_DAY = np.iinfo(np.int32).min
_EPOCH = dt.date(1970, 1, 1)


def to_day(value: dt.date) -> int:
    """Days since 1970-01-01."""
    return (value - _EPOCH).days


def from_day(day: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=int(day))


@dataclass(frozen=True)
class Totals:
    """Per customer (aligned with the customer table) at one as-of date. ``purchased`` is False for prospects;
    their days are NO_DAY, frequency and monetary 0 and recency -1."""

    as_of: dt.date
    purchased: np.ndarray  # bool
    first_day: np.ndarray  # int32
    last_day: np.ndarray  # int32
    frequency: np.ndarray  # int64
    monetary: np.ndarray  # float64
    by_order_id: bool  # frequency counted order ids (else purchase days, or a summary column)

    @property
    def recency(self) -> np.ndarray:
        """Whole days from the last purchase to the as-of date; -1 for prospects."""
        days = to_day(self.as_of) - self.last_day.astype(np.int64)
        return np.where(self.purchased, days, -1)

    @property
    def size(self) -> int:
        return len(self.purchased)


@dataclass(frozen=True)
class Purchases:
    """An order log reduced to arrays. ``customer``/``day``/``amount``/``bought`` are per order line with a known
    customer and a date; ``order_customer``/``order_day`` per distinct order (its first purchase day: an order
    counts from the day it was placed). First and last purchase dates come from the purchase lines."""

    n_customers: int
    customer: np.ndarray  # int64
    day: np.ndarray  # int32
    amount: np.ndarray  # float64, a missing amount counts as 0
    bought_customer: np.ndarray  # int64: the customer of a purchase line, n_customers for a return line
    order_customer: np.ndarray  # int64
    order_day: np.ndarray  # int32
    by_order_id: bool

    @classmethod
    def from_orders(cls, customer_pos: np.ndarray, n_customers: int, dates: pd.Series, amounts: pd.Series,
                    order_ids: pd.Series | None = None) -> Purchases:
        """``customer_pos``: each line's customer position (-1 when unknown, as ``OrderLink`` gives it)."""
        # Whole-array operations throughout: at 10M lines every boolean selection costs a pass, so lines are
        # only dropped when some must be, and returns are sent to a spare slot instead of being selected out.
        day = _days(dates)
        customer = np.asarray(customer_pos, dtype=np.int64)
        amount = np.nan_to_num(_numbers(amounts))
        codes = None if order_ids is None else _order_codes(order_ids)
        keep = (customer >= 0) & (day != NO_DAY)
        if not keep.all():
            customer, day, amount = customer[keep], day[keep], amount[keep]
            codes = None if codes is None else codes[keep]
        bought = amount >= 0
        bought_customer = np.where(bought, customer, n_customers)
        order_customer, order_day = _distinct_orders(customer, bought, day, codes)
        return cls(n_customers, customer, day, amount, bought_customer, order_customer, order_day,
                   order_ids is not None)

    def latest(self) -> dt.date | None:
        """The latest order line's day (a return too: by default nothing in the data lies after the as-of date)."""
        return from_day(int(self.day.max())) if len(self.order_day) else None

    def totals_at(self, as_of: dt.date) -> Totals:
        end = to_day(as_of)
        n = self.n_customers
        orders = self.order_day <= end
        oc, od = (self.order_customer, self.order_day) if orders.all() else (
            self.order_customer[orders], self.order_day[orders])
        frequency = np.bincount(oc, minlength=n).astype(np.int64)
        lines = self.day <= end
        customer, amount, bought, day = self.customer, self.amount, self.bought_customer, self.day
        if not lines.all():
            customer, amount, bought, day = customer[lines], amount[lines], bought[lines], day[lines]
        monetary = np.bincount(customer, weights=amount, minlength=n)
        first = np.full(n + 1, np.iinfo(np.int32).max, dtype=np.int32)  # the last slot collects returns
        np.minimum.at(first, bought, day)
        last = np.full(n + 1, NO_DAY, dtype=np.int32)
        np.maximum.at(last, bought, day)
        first, last = first[:n], last[:n]
        purchased = frequency > 0
        first[~purchased] = NO_DAY
        return Totals(as_of, purchased, first, last, frequency, monetary, self.by_order_id)


@dataclass(frozen=True)
class SummaryColumns:
    """A customer list that carries its own last purchase date, orders count and total spent."""

    last_day: np.ndarray  # int32, NO_DAY when empty
    orders: np.ndarray  # float64, NaN when empty
    spent: np.ndarray  # float64, NaN when empty

    def undated_buyers(self) -> int:
        """Rows with orders or money but no last purchase date: they cannot be scored and count as prospects."""
        return int(((self.last_day == NO_DAY) & ((np.nan_to_num(self.orders) > 0)
                                                  | (np.nan_to_num(self.spent) != 0))).sum())

    def latest(self) -> dt.date | None:
        known = self.last_day[self.last_day != NO_DAY]
        return from_day(int(known.max())) if len(known) else None

    def totals_at(self, as_of: dt.date) -> Totals:
        """A customer is a purchaser when the last purchase date is filled, on or before the as-of date.
        (A summary cannot say what someone had bought before a later last purchase, so such rows are
        prospects at that date.) An empty count with a purchase date counts as one order."""
        purchased = (self.last_day != NO_DAY) & (self.last_day <= to_day(as_of))
        frequency = np.where(purchased, np.maximum(np.nan_to_num(self.orders, nan=1.0), 1.0), 0).astype(np.int64)
        monetary = np.where(purchased, np.nan_to_num(self.spent), 0.0)
        last = np.where(purchased, self.last_day, NO_DAY).astype(np.int32)
        first = np.full(len(last), NO_DAY, dtype=np.int32)  # not in a summary
        return Totals(as_of, purchased, first, last, frequency, monetary, False)


Source = Purchases | SummaryColumns


def purchases_from_tables(customers: ImportedTable, orders: ImportedTable | None = None,
                          link: OrderLink | None = None, mapping: OrderMapping | None = None) -> Source:
    """The RFM source for what is open: the order log when one is linked, else the customer list's summary
    columns (roles last purchase date, orders count, total spent)."""
    if orders is not None and link is not None and mapping is not None:
        frame = orders.frame
        ids = frame[mapping.order_id] if mapping.order_id else None
        return Purchases.from_orders(link.customer_pos, customers.rows, frame[mapping.date], frame[mapping.amount],
                                     ids)
    return summary_columns(customers)


def summary_columns(customers: ImportedTable, last: str | None = None, count: str | None = None,
                    spent: str | None = None) -> SummaryColumns:
    """The summary columns named, or found by role; InputError when the last purchase date is missing."""
    last = last or customers.column_for(Role.LAST_PURCHASE_DATE)
    count = count or customers.column_for(Role.ORDERS_COUNT)
    spent = spent or customers.column_for(Role.TOTAL_SPENT)
    if last is None:
        raise InputError("rfm_no_source")
    frame = customers.frame
    for name in (last, count, spent):
        if name is not None and name not in frame.columns:
            raise InputError("rfm_missing_column", column=name)
    n = len(frame)
    return SummaryColumns(_days(frame[last]),
                          _numbers(frame[count]) if count else np.full(n, np.nan),
                          _numbers(frame[spent]) if spent else np.full(n, np.nan))


def default_as_of(source: Source) -> dt.date:
    """The day after the latest purchase in the data (so an old export still makes sense)."""
    latest = source.latest()
    if latest is None:
        raise InputError("rfm_no_purchases")
    return latest + dt.timedelta(days=1)


def _numbers(values: pd.Series) -> np.ndarray:
    return pd.to_numeric(values, errors="coerce").to_numpy(np.float64, na_value=np.nan)


_PER_DAY = {"D": 1, "h": 24, "m": 1440, "s": 86_400, "ms": 86_400_000, "us": 86_400_000_000,
            "ns": 86_400_000_000_000}


def _days(values: pd.Series) -> np.ndarray:
    """Days since 1970 (int32), NO_DAY for missing dates; by integer division, far cheaper than unit casts."""
    if not pd.api.types.is_datetime64_any_dtype(values.dtype):
        raise InputError("rfm_not_dates", column=str(values.name))
    if getattr(values.dt, "tz", None) is not None:
        values = values.dt.tz_localize(None)
    arr = values.to_numpy()
    unit, count = np.datetime_data(arr.dtype)
    if unit not in _PER_DAY:
        arr = values.to_numpy("datetime64[ns]")
        unit, count = "ns", 1
    raw = arr.view(np.int64)
    out = np.floor_divide(raw, _PER_DAY[unit] // count if _PER_DAY[unit] % count == 0 else _PER_DAY[unit])
    out[raw == np.iinfo(np.int64).min] = NO_DAY
    return out.astype(np.int32)


def _order_codes(ids: pd.Series) -> np.ndarray:
    """A code per distinct order id (int64), -1 where the id is missing. Integer ids in a compact range are
    their own codes, which saves hashing ten million values."""
    if pd.api.types.is_integer_dtype(ids.dtype) and not ids.hasnans and len(ids):
        values = ids.to_numpy(np.int64)
        low, high = int(values.min()), int(values.max())
        if high - low < 4 * len(values) + 1024:
            return values - low
    return pd.factorize(ids, use_na_sentinel=True)[0].astype(np.int64)


def _distinct_orders(customer: np.ndarray, bought: np.ndarray, day: np.ndarray,
                     codes: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Each distinct (customer, order) pair among the purchase lines once: its customer and its first day.
    Without order ids an order is a purchase day. Pairs are found by sorting packed integers, which beats
    hashing 10M mostly-unique keys."""
    if not bought.any():
        return np.zeros(0, np.int64), np.zeros(0, np.int32)
    if codes is None:
        c, d = customer[bought], day[bought].astype(np.int64)
        low = int(d.min())
        span = int(d.max()) - low + 1
        pairs = np.unique(c * span + (d - low))
        return pairs // span, (pairs % span + low).astype(np.int32)
    missing = codes < 0
    if missing.any():  # a line without an order id: its purchase day stands for the order
        codes = np.where(missing, int(codes.max()) + 1 + day.astype(np.int64) - int(day.min()), codes)
    n_codes = int(codes.max()) + 1
    lowest = np.full(n_codes, np.iinfo(np.int64).max, dtype=np.int64)
    highest = np.full(n_codes, -1, dtype=np.int64)
    np.minimum.at(lowest, codes, np.where(bought, customer, np.iinfo(np.int64).max))
    np.maximum.at(highest, codes, np.where(bought, customer, -1))
    used = highest >= 0
    if (lowest[used] == highest[used]).all():  # the usual case: an order id belongs to one customer
        first_day = np.full(n_codes, np.iinfo(np.int32).max, dtype=np.int32)
        np.minimum.at(first_day, codes, np.where(bought, day, np.iinfo(np.int32).max))
        return highest[used], first_day[used]
    # The same order id under several customers counts once for each of them.
    pairs, inverse = np.unique(customer[bought] * n_codes + codes[bought], return_inverse=True)
    first = np.full(len(pairs), np.iinfo(np.int32).max, dtype=np.int32)
    np.minimum.at(first, inverse.ravel(), day[bought])
    return pairs // n_codes, first
