"""The derived fields written to a CSV or XLSX file (``segdesk rfm --out``): one row per customer.

Dates are ``YYYY-MM-DD``, monetary a plain decimal number with a point. CSV is UTF-8 with a BOM so that Excel
reads it right; a customer key that a spreadsheet would run as a formula gets a leading ``'`` (phones and
negative numbers stay as they are). In XLSX, text is always written as text: a customer key such as ``=1+2``
never becomes a formula. Money is rounded to six decimals, which removes the floating-point noise of long sums.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

from segdesk.core.atomic import write_atomically
from segdesk.core.errors import InputError
from segdesk.core.export.values import neutralise
from segdesk.core.rfm.analysis import DERIVED_FIELDS, RfmResult

#: The columns of ``segdesk rfm`` output, in order.
OUTPUT_COLUMNS = ("customer_id", *[f for f in DERIVED_FIELDS if f != "avg_order_value"], "avg_order_value")


def rfm_table(result: RfmResult, customer_ids: pd.Series) -> pd.DataFrame:
    """The derived fields with the customer id first, as they are written."""
    fields = result.fields
    out = pd.DataFrame({"customer_id": customer_ids.astype("str").reset_index(drop=True)})
    for name in OUTPUT_COLUMNS[1:]:
        out[name] = fields[name].reset_index(drop=True)
    # Sums of amounts carry floating-point noise (0.1 + 0.2 = 0.30000000000000004); no currency needs more
    # than six decimals.
    for name in ("monetary", "avg_order_value"):
        out[name] = out[name].round(6)
    return out


def write_rfm(path: str | Path, table: pd.DataFrame, protect: tuple[Path, ...] = ()) -> None:
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        write_atomically(path, lambda temp: _csv(table, temp), protect)
    elif suffix == ".xlsx":
        write_atomically(path, lambda temp: _xlsx(table, temp), protect)
    else:
        raise InputError("bad_out_suffix", name=Path(path).name)


def neutralise_formulas(values: pd.Series) -> pd.Series:
    """Text that would run as a formula when the CSV is opened in a spreadsheet, prefixed with ``'`` (the export's
    guard: phones and negative numbers stay as they are)."""
    guarded = neutralise(pa.array(values.astype("str"), pa.large_string()))
    return pd.Series(guarded.to_pylist(), index=values.index, dtype=object)


def _csv(table: pd.DataFrame, path: Path) -> None:
    out = table.copy()
    out["customer_id"] = neutralise_formulas(out["customer_id"])
    for name in ("first_purchase", "last_purchase"):
        out[name] = out[name].dt.strftime("%Y-%m-%d")
    out.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n", float_format=None)


def _xlsx(table: pd.DataFrame, path: Path) -> None:
    import xlsxwriter

    # Text is never read as a formula, a link or a number, whatever it starts with.
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                           "strings_to_urls": False, "strings_to_numbers": False})
    try:
        sheet = book.add_worksheet("RFM")
        date_format = book.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write_row(0, 0, list(table.columns))
        dates = {i for i, c in enumerate(table.columns) if c in ("first_purchase", "last_purchase")}
        columns = [table[c].astype(object).where(table[c].notna(), None).tolist() for c in table.columns]
        for r, row in enumerate(zip(*columns, strict=True), start=1):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if c in dates:
                    sheet.write_datetime(r, c, value.to_pydatetime(), date_format)
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)
                else:
                    sheet.write_number(r, c, value)
    finally:
        book.close()
