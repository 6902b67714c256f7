"""Order logs: which columns mean what, and which customer each order belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segdesk.core.errors import InputError
from segdesk.core.io.raw import rows_item
from segdesk.core.io.table import (
    ColumnInfo,
    ColumnType,
    ImportedTable,
    QualityItem,
    Role,
)
from segdesk.core.model.keys import normalised_keys

_KEY_ROLES = (Role.CUSTOMER_ID, Role.EMAIL, Role.PHONE)


@dataclass(frozen=True)
class OrderMapping:
    """Column names in the order log. ``customer_key`` holds a customer id, an email or a phone."""

    customer_key: str
    date: str
    amount: str
    order_id: str | None = None
    product: str | None = None
    category: str | None = None


@dataclass
class OrderLink:
    customer_pos: np.ndarray  # int64, the customer's frame position for each order line, -1 when unknown
    link_by: Role
    unknown: QualityItem  # order lines whose customer is not in the customer list
    findings: list[QualityItem] = field(default_factory=list)  # what else the mapping made of the lines
    chosen: bool = False  # link_by was the user's choice (not Auto): linking again keeps it, fallback and all

    @property
    def choice(self) -> Role | None:
        """What to link by when linking again: the user's choice, or None for Auto."""
        return self.link_by if self.chosen else None

    @property
    def linked(self) -> int:
        return int((self.customer_pos >= 0).sum())


def detect_order_columns(orders: ImportedTable) -> dict[str, str | None]:
    """Each mapping field's column from the detected roles (and, failing them, the first date and number
    columns); None for a field nothing fits. Keys are :class:`OrderMapping`'s field names."""
    # The fullest of the id, email and phone columns (an Email column empty on most lines is a poor key); a name
    # is a poor key but often the only one in an accounting export ("Контрагент", "Клиент").
    key = _fullest(orders, [orders.column_for(r) for r in _KEY_ROLES]) or next(
        (orders.column_for(r) for r in (Role.FULL_NAME, Role.COMPANY) if orders.column_for(r)), None)
    date = orders.column_for(Role.ORDER_DATE) or orders.column_for(Role.LAST_PURCHASE_DATE) or _first(
        orders, ColumnType.DATE)
    amount = orders.column_for(Role.AMOUNT) or orders.column_for(Role.TOTAL_SPENT) or _first(
        orders, ColumnType.NUMBER) or _first(orders, ColumnType.INTEGER)
    # Shopify's "Id" is on an order's first line only, its "Name" (#1001) on every line: the fuller one.
    order_id = _fullest(orders, [orders.column_for(Role.ORDER_ID), _numbered(orders)])
    return {"customer_key": key, "date": date, "amount": amount, "order_id": order_id,
            "product": orders.column_for(Role.PRODUCT), "category": orders.column_for(Role.PRODUCT_CATEGORY)}


def suggest_order_mapping(orders: ImportedTable) -> OrderMapping | None:
    """A mapping from :func:`detect_order_columns`, or None when the key, date or amount is missing."""
    found = detect_order_columns(orders)
    key, date, amount = found["customer_key"], found["date"], found["amount"]
    if key is None or date is None or amount is None:
        return None
    return OrderMapping(key, date, amount, found["order_id"], found["product"], found["category"])


def _fullest(table: ImportedTable, names: list[str | None]) -> str | None:
    """Of these columns (None: not found), the one with the most filled cells; the first on a tie."""
    found = [name for name in names if name is not None]
    return max(found, key=lambda name: int(table.frame[name].notna().sum()), default=None)


def _numbered(table: ImportedTable) -> str | None:
    """A text column of order numbers as web shops write them ("#1001" under Shopify's "Name")."""
    for column in table.columns:
        if column.type in (ColumnType.TEXT, ColumnType.CATEGORY):
            cells = table.frame[column.name].dropna().head(200).astype("str")
            if len(cells) and cells.str.fullmatch(r"#\d+").mean() >= 0.9:
                return column.name
    return None


def _first(table: ImportedTable, type_: ColumnType) -> str | None:
    return next((c.name for c in table.columns if c.type == type_), None)


def check_mapping(orders: ImportedTable, mapping: OrderMapping) -> None:
    """Raise InputError naming the first mapped column that is missing or of the wrong type."""
    for label, name, types in (("customer key", mapping.customer_key, None),
                               ("date", mapping.date, {ColumnType.DATE}),
                               ("amount", mapping.amount, {ColumnType.NUMBER, ColumnType.INTEGER}),
                               ("order id", mapping.order_id, None), ("product", mapping.product, None),
                               ("category", mapping.category, None)):
        if name is None:
            continue
        if name not in orders.frame.columns:
            raise InputError("mapping_missing_column", column=name, field=label)
        if types and orders.column(name).type not in types:
            raise InputError("mapping_wrong_type", field=label, column=name, actual=orders.column(name).type.value,
                                 expected=" or ".join(sorted(t.value for t in types)))


def link_orders(customers: ImportedTable, orders: ImportedTable, mapping: OrderMapping,
                link_by: Role | None = None, region: str = "RU") -> OrderLink:
    """Find each order line's customer by id, email or phone (normalised on both sides).

    Unless ``link_by`` is the user's choice, lines the mapped key leaves unknown are tried by the order log's
    other email and phone columns, so a line that has only an email among lines keyed by phone still finds its
    customer (never by another id column: an order number is no customer's).
    """
    check_mapping(orders, mapping)
    chosen = link_by is not None
    link_by = link_by or orders.column(mapping.customer_key).role or Role.CUSTOMER_ID
    if link_by not in _KEY_ROLES:
        link_by = Role.CUSTOMER_ID
    target = customers.column_for(link_by)
    if target is None:
        raise InputError("no_link_column", role=link_by.value.replace("_", " "))
    customer_pos = _find(customers.frame[target], orders.frame[mapping.customer_key], link_by, region)
    for role in () if chosen else (Role.EMAIL, Role.PHONE):
        column, other = orders.column_for(role), customers.column_for(role)
        unknown = customer_pos < 0
        if column is None or other is None or column == mapping.customer_key or not unknown.any():
            continue
        customer_pos[unknown] = _find(customers.frame[other], orders.frame[column][unknown], role, region)
    unknown = customer_pos < 0
    item = rows_item("unknown_customer", orders.source_rows[unknown],
                     "order lines whose customer is not in the customer list")
    return OrderLink(customer_pos, link_by, item, _repeated_totals(orders, mapping), chosen)


def _repeated_totals(orders: ImportedTable, mapping: OrderMapping) -> list[QualityItem]:
    """A warning when the lines of every order of several lines carry the same amount: an order total repeated
    on each item line (WooCommerce's "Order Total Amount") is added up once per line.

    Exports list an order's lines one after another, so neighbouring lines are compared: one pass over the
    columns, whatever the number of orders (10,000,000 lines take a fraction of a second).
    """
    if mapping.order_id is None or mapping.order_id == mapping.amount or orders.rows < 2:
        return []
    ids = pa.array(orders.frame[mapping.order_id], from_pandas=True)
    amounts = pa.array(orders.frame[mapping.amount], from_pandas=True)
    same_order = pc.fill_null(pc.equal(ids.slice(1), ids.slice(0, len(ids) - 1)), False)
    if not pc.any(same_order).as_py():
        return []
    same_amount = pc.fill_null(pc.equal(amounts.slice(1), amounts.slice(0, len(amounts) - 1)), False)
    if pc.any(pc.and_(same_order, pc.invert(same_amount))).as_py():
        return []  # some order's lines differ: line amounts
    pairs = np.asarray(same_order, dtype=bool)
    lines = np.zeros(orders.rows, dtype=bool)
    lines[1:] |= pairs
    lines[:-1] |= pairs
    return [rows_item("repeated_order_total", orders.source_rows[lines],
                      f"{mapping.amount}: every line of an order has the same amount; if it is the order's total, "
                      "it is added up once per line", mapping.amount)]


def _find(customer_keys: pd.Series, order_keys: pd.Series, role: Role, region: str) -> np.ndarray:
    """Each order key's first customer's frame position, -1 when no customer has it."""
    left = normalised_keys(order_keys, role, region)
    right = normalised_keys(customer_keys, role, region).dropna()
    first = pd.Index(right).drop_duplicates(keep="first")
    pos = pd.Series(right.index, index=right).groupby(level=0).first().reindex(first).to_numpy()
    idx = first.get_indexer(left)
    return np.where(idx >= 0, pos[np.clip(idx, 0, None)] if len(pos) else -1, -1).astype(np.int64)


def customers_from_orders(orders: ImportedTable, mapping: OrderMapping, region: str = "RU") -> ImportedTable:
    """A customer table built from an order log alone: one row per customer key."""
    check_mapping(orders, mapping)
    key_role = orders.column(mapping.customer_key).role
    key_role = key_role if key_role in _KEY_ROLES else Role.CUSTOMER_ID
    frame = orders.frame
    keys = normalised_keys(frame[mapping.customer_key], key_role, region)
    usable = keys.notna().to_numpy()
    if not usable.any():
        raise InputError("no_keys", column=mapping.customer_key)
    df = pd.DataFrame({"key": keys[usable].to_numpy(), "raw": frame[mapping.customer_key][usable].to_numpy(),
                       "date": frame[mapping.date][usable].to_numpy(),
                       "amount": frame[mapping.amount][usable].astype("float64").to_numpy(),
                       "row": orders.source_rows[usable]})
    df["order"] = frame[mapping.order_id][usable].to_numpy() if mapping.order_id else df["date"].dt.normalize()
    g = df.groupby("key", sort=False)
    out = pd.DataFrame({
        mapping.customer_key: g["raw"].first(),
        "first purchase": g["date"].min(),
        "last purchase": g["date"].max(),
        "orders": g["order"].nunique().astype("Int64"),
        "total spent": g["amount"].sum(),
    }).reset_index(drop=True)
    if out[mapping.customer_key].dtype != "str":
        out[mapping.customer_key] = out[mapping.customer_key].astype("str")
    # "first purchase" gets no role: a first purchase is not the date someone signed up.
    roles = [key_role, None, Role.LAST_PURCHASE_DATE, Role.ORDERS_COUNT, Role.TOTAL_SPENT]
    types = [ColumnType.TEXT, ColumnType.DATE, ColumnType.DATE, ColumnType.INTEGER, ColumnType.NUMBER]
    infos = [ColumnInfo(str(n), str(n), t, r, int(out[n].isna().sum())) for n, t, r in zip(out.columns, types, roles,
                                                                                              strict=True)]
    rows = g["row"].first().to_numpy()
    return ImportedTable(orders.path, orders.detected, out, infos, rows, [], 0,
                         notes=[f"customers built from the order log {orders.path.name}"])
