"""The derived fields written to a CSV or XLSX file (``segdesk rfm --out``): one row per customer.

Dates are ``YYYY-MM-DD``, monetary a plain decimal number with a point. CSV is UTF-8 with a BOM so that Excel
reads it right. In XLSX, text is always written as text: a customer key such as ``=1+2`` never becomes a formula.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from segdesk.core.atomic import write_atomically
from segdesk.core.errors import InputError
from segdesk.core.rfm.analysis import DERIVED_FIELDS, RfmResult

#: The columns of ``segdesk rfm`` output, in order.
OUTPUT_COLUMNS = ("customer_id", *[f for f in DERIVED_FIELDS if f != "avg_order_value"], "avg_order_value")


def rfm_table(result: RfmResult, customer_ids: pd.Series) -> pd.DataFrame:
    """The derived fields with the customer id first, as they are written."""
    fields = result.fields
    out = pd.DataFrame({"customer_id": customer_ids.astype("str").reset_index(drop=True)})
    for name in OUTPUT_COLUMNS[1:]:
        out[name] = fields[name].reset_index(drop=True)
    return out


def write_rfm(path: str | Path, table: pd.DataFrame, protect: tuple[Path, ...] = ()) -> None:
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        write_atomically(path, lambda temp: _csv(table, temp), protect)
    elif suffix == ".xlsx":
        write_atomically(path, lambda temp: _xlsx(table, temp), protect)
    else:
        raise InputError("bad_out_suffix", name=Path(path).name)


def _csv(table: pd.DataFrame, path: Path) -> None:
    out = table.copy()
    for name in ("first_purchase", "last_purchase"):
        out[name] = out[name].dt.strftime("%Y-%m-%d")
    out.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n", float_format=None)


def _xlsx(table: pd.DataFrame, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("RFM")
    sheet.append(list(table.columns))
    date_columns = {i for i, c in enumerate(table.columns) if c in ("first_purchase", "last_purchase")}
    columns = [table[c].astype(object).where(table[c].notna(), None).tolist() for c in table.columns]
    for row in zip(*columns, strict=True):
        cells = []
        for i, value in enumerate(row):
            cell = WriteOnlyCell(sheet, value=value.date() if i in date_columns and value is not None else value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif i in date_columns and value is not None:
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    book.save(path)
