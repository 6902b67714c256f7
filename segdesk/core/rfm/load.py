"""An RFM source straight from one file (the command line and project re-runs): an order log, or a customer
list with summary columns. The GUI instead uses what is open (:func:`purchases.purchases_from_tables`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from segdesk.core.errors import InputError, ProgressCallback, no_progress
from segdesk.core.io.reader import read_table
from segdesk.core.io.table import ImportedTable, ImportOptions, Role
from segdesk.core.model.dataset import scaled
from segdesk.core.model.orders import OrderMapping, customers_from_orders, detect_order_columns, link_orders
from segdesk.core.rfm.purchases import Purchases, Source, summary_columns

_KEYS = (Role.CUSTOMER_ID, Role.EMAIL, Role.PHONE)


@dataclass(frozen=True)
class RfmColumns:
    """Column names the user gave (None: use the roles detected at import)."""

    customer: str | None = None
    date: str | None = None
    amount: str | None = None
    order: str | None = None

    @property
    def any_order_column(self) -> bool:
        return any((self.date, self.amount, self.order))


@dataclass(frozen=True)
class LoadedSource:
    source: Source
    customer_ids: pd.Series  # one per customer, as written in the file
    table: ImportedTable  # what was read
    kind: str  # "orders" or "summary"


def load_rfm_source(path: str | Path, columns: RfmColumns = RfmColumns(), options: ImportOptions | None = None,
                    progress: ProgressCallback = no_progress) -> LoadedSource:
    """Read ``path`` as an order log, or as a customer list when it has a last purchase date column, unique
    customer keys and no order-log column options were given."""
    options = options or ImportOptions()
    if not columns.any_order_column:
        table = read_table(path, options, scaled(progress, 0.0, 0.5))
        if _is_summary(table, columns):
            ids = _ids(table, columns.customer)
            return LoadedSource(summary_columns(table), ids, table, "summary")
    orders = read_table(path, replace(options, orders=True), scaled(progress, 0.5, 0.85))
    mapping = _mapping(orders, columns)
    progress(0.9, "finding customers")
    customers = customers_from_orders(orders, mapping, options.phone_region)
    link = link_orders(customers, orders, mapping, None, options.phone_region)
    frame = orders.frame
    source = Purchases.from_orders(link.customer_pos, customers.rows, frame[mapping.date], frame[mapping.amount],
                                   frame[mapping.order_id] if mapping.order_id else None)
    return LoadedSource(source, customers.frame[mapping.customer_key], orders, "orders")


def _key_column(table: ImportedTable, name: str | None) -> str | None:
    """The column the user named, else the first with a customer id, email or phone role."""
    return name or next((table.column_for(r) for r in _KEYS if table.column_for(r)), None)


def _is_summary(table: ImportedTable, columns: RfmColumns) -> bool:
    if table.column_for(Role.LAST_PURCHASE_DATE) is None:
        return False
    key = _key_column(table, columns.customer)
    return key is None or key not in table.frame.columns or not table.frame[key].dropna().duplicated().any()


def _ids(table: ImportedTable, name: str | None) -> pd.Series:
    key = _key_column(table, name)
    if key is None:  # no key column: the row number in the file identifies the customer
        return pd.Series(table.source_rows, name="row")
    if key not in table.frame.columns:
        raise InputError("rfm_missing_column", column=key)
    return table.frame[key]


def _mapping(orders: ImportedTable, columns: RfmColumns) -> OrderMapping:
    """The columns the user named, the detected ones for the rest."""
    found = detect_order_columns(orders)
    key = columns.customer or found["customer_key"]
    date = columns.date or found["date"]
    amount = columns.amount or found["amount"]
    for value, field, option in ((key, "customer", "--customer"), (date, "date", "--date"),
                                 (amount, "amount", "--amount")):
        if value is None:
            raise InputError("rfm_missing_option", field=field, option=option)
    # A detected order id is used unless the user named columns and left the order id out on purpose.
    order = columns.order or (found["order_id"] if not columns.any_order_column else None)
    assert key is not None and date is not None and amount is not None
    return OrderMapping(key, date, amount, order)
