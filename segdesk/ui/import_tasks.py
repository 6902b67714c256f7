"""The slow steps of importing, as plain functions with a progress callback (run by a TaskRunner).

They only chain core calls (read, link) and split the progress bar between them; no Qt, no pandas here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from segdesk.core.errors import InputError, ProgressCallback, no_progress
from segdesk.core.io.table import ImportedTable, ImportOptions, Role

#: Data rows read for the live preview of the import dialog.
PREVIEW_ROWS = 200


@dataclass
class ImportResult:
    """What an import produced. For an order log: the orders, their link and, when no customer list was
    open, the customers made from the orders."""

    customers: ImportedTable | None = None
    orders: ImportedTable | None = None
    link: Any = None  # core.model.orders.OrderLink
    mapping: Any = None  # core.model.orders.OrderMapping


def file_patterns() -> str:
    """The file kinds import reads, as a file-dialog filter ("*.csv *.xlsx …")."""
    from segdesk.core.io import SUPPORTED

    return " ".join(f"*{suffix}" for suffix in SUPPORTED)


def scaled(progress: ProgressCallback, start: float, end: float) -> ProgressCallback:
    """A callback for one step that moves the overall bar from ``start`` to ``end``."""

    def report(fraction: float, message: str) -> None:
        progress(start + (end - start) * fraction, message)

    return report


def read_preview(path: str | Path, options: ImportOptions, progress: ProgressCallback = no_progress) -> ImportedTable:
    from segdesk.core.io import read_table

    return read_table(path, _with(options, max_rows=PREVIEW_ROWS), progress)


def import_customers(path: str | Path, options: ImportOptions,
                     progress: ProgressCallback = no_progress) -> ImportResult:
    from segdesk.core.io import read_table

    return ImportResult(customers=read_table(path, _with(options, max_rows=None), progress))


def import_orders(path: str | Path, options: ImportOptions, mapping: Any, customers: ImportedTable | None,
                  link_by: Role | None = None, progress: ProgressCallback = no_progress) -> ImportResult:
    """Read an order log and link it to ``customers`` (or to customers made from the orders)."""
    from segdesk.core.io import read_table
    from segdesk.core.model.orders import customers_from_orders, link_orders

    orders = read_table(path, _with(options, max_rows=None, orders=True), scaled(progress, 0.0, 0.8))
    made = customers is None
    if customers is None:
        progress(0.85, "making customers from the orders")
        customers = customers_from_orders(orders, mapping, options.phone_region)
    progress(0.9, "linking orders to customers")
    link = link_orders(customers, orders, mapping, link_by, options.phone_region)
    progress(1.0, "done")
    return ImportResult(customers=customers if made else None, orders=orders, link=link, mapping=mapping)


def load_demo(resources: Path, progress: ProgressCallback = no_progress) -> ImportResult:
    """The bundled demo data, imported like a user's files with detected options, orders linked."""
    from segdesk.core.io import read_table
    from segdesk.core.model.orders import suggest_order_mapping

    folder = resources / "demo"
    customers = read_table(folder / "customers.csv", ImportOptions(), scaled(progress, 0.0, 0.4))
    orders_path = folder / "orders.csv"
    if not orders_path.exists():
        return ImportResult(customers=customers)
    preview = read_table(orders_path, ImportOptions(orders=True, max_rows=PREVIEW_ROWS), scaled(progress, 0.4, 0.45))
    mapping = suggest_order_mapping(preview)
    if mapping is None:
        raise InputError("no_order_mapping")
    linked = import_orders(orders_path, ImportOptions(orders=True), mapping, customers, None,
                           scaled(progress, 0.45, 1.0))
    linked.customers = customers
    return linked


def _with(options: ImportOptions, **changes: Any) -> ImportOptions:
    return replace(options, **changes)
