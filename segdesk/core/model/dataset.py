"""What is open: customers, an order log and how they link; and the slow steps that produce it.

Each step is a plain function with a progress callback (the GUI runs them on a worker; the command line
calls them directly). They chain core calls and split the progress between them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from segdesk.core.errors import InputError, ProgressCallback, no_progress
from segdesk.core.io.reader import read_table
from segdesk.core.io.table import ImportedTable, ImportOptions, Role
from segdesk.core.model.dedupe import MergePlan, apply_merge, relink_after_merge
from segdesk.core.model.orders import (
    OrderLink,
    OrderMapping,
    customers_from_orders,
    link_orders,
    suggest_order_mapping,
)


@dataclass
class Dataset:
    """What an import, the demo or a merge produced. For an order log: the orders, their link and, when no
    customer list was open, the customers made from the orders."""

    customers: ImportedTable | None = None
    orders: ImportedTable | None = None
    link: OrderLink | None = None
    mapping: OrderMapping | None = None


def scaled(progress: ProgressCallback, start: float, end: float) -> ProgressCallback:
    """A callback for one step that moves the overall progress from ``start`` to ``end``."""

    def report(fraction: float, message: str) -> None:
        progress(start + (end - start) * fraction, message)

    return report


def import_customers(path: str | Path, options: ImportOptions, open_data: Dataset | None = None,
                     progress: ProgressCallback = no_progress) -> Dataset:
    """Read a customer list. When it is the file ``open_data`` came from, read again (after fixing a cell),
    its order log is linked to it again; another customer file (another shop, another month) gets no orders
    it did not come with, nor does one with no column to link them by.
    """
    customers = read_table(path, replace(options, max_rows=None), scaled(progress, 0.0, 0.9))
    orders = open_data
    if orders is None or orders.orders is None or orders.mapping is None or not _same_file(orders.customers, path):
        return Dataset(customers=customers)
    progress(0.9, "linking orders to customers")
    link_by = orders.link.choice if orders.link is not None else None
    try:
        link = link_orders(customers, orders.orders, orders.mapping, link_by, options.phone_region)
    except InputError:
        return Dataset(customers=customers)
    return Dataset(customers, orders.orders, link, orders.mapping)


def _same_file(table: ImportedTable | None, path: str | Path) -> bool:
    return table is not None and Path(table.path).resolve() == Path(path).resolve()


def import_orders(path: str | Path, options: ImportOptions, mapping: OrderMapping, customers: ImportedTable | None,
                  link_by: Role | None = None, progress: ProgressCallback = no_progress) -> Dataset:
    """Read an order log and link it to ``customers`` (or to customers made from the orders)."""
    orders = read_table(path, replace(options, max_rows=None, orders=True), scaled(progress, 0.0, 0.8))
    return _linked(orders, mapping, customers, link_by, options.phone_region, progress)


def _linked(orders: ImportedTable, mapping: OrderMapping, customers: ImportedTable | None, link_by: Role | None,
            region: str, progress: ProgressCallback) -> Dataset:
    made = customers is None
    if customers is None:
        progress(0.85, "making customers from the orders")
        customers = customers_from_orders(orders, mapping, region)
    progress(0.9, "linking orders to customers")
    link = link_orders(customers, orders, mapping, link_by, region)
    progress(1.0, "done")
    return Dataset(customers=customers if made else None, orders=orders, link=link, mapping=mapping)


def load_demo(folder: Path, progress: ProgressCallback = no_progress) -> Dataset:
    """The demo shop in ``folder``, imported like a user's files with detected options, orders linked."""
    customers = read_table(folder / "customers.csv", ImportOptions(), scaled(progress, 0.0, 0.4))
    orders_path = folder / "orders.csv"
    if not orders_path.exists():
        return Dataset(customers=customers)
    orders = read_table(orders_path, ImportOptions(orders=True), scaled(progress, 0.4, 0.85))
    mapping = suggest_order_mapping(orders)
    if mapping is None:
        raise InputError("no_order_mapping")
    linked = _linked(orders, mapping, customers, None, "RU", scaled(progress, 0.85, 1.0))
    return replace(linked, customers=customers)


def merge_duplicates(dataset: Dataset, plan: MergePlan, progress: ProgressCallback = no_progress) -> Dataset:
    """Apply ``plan``; orders of a merged-away customer now belong to the customer it was merged into."""
    if dataset.customers is None:
        return dataset
    merged = apply_merge(dataset.customers, plan)
    progress(0.7, "linking orders")
    if dataset.orders is None or dataset.link is None:
        return Dataset(customers=merged)
    link = relink_after_merge(dataset.link, dataset.customers.rows, plan)
    return Dataset(merged, dataset.orders, link, dataset.mapping)
