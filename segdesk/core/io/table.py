"""The shapes the import engine hands out: options in, an imported table out.

Everything here is plain data (no Qt, no I/O) so that the UI, the command line and later project files
can hold, compare and persist it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd


class ColumnType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    INTEGER = "integer"
    DATE = "date"
    BOOLEAN = "boolean"
    CATEGORY = "category"


class Role(StrEnum):
    """What a column means. Customer-list roles first, then order-log roles."""

    CUSTOMER_ID = "customer_id"
    EMAIL = "email"
    PHONE = "phone"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    FULL_NAME = "full_name"
    CITY = "city"
    COUNTRY = "country"
    GENDER = "gender"
    BIRTH_DATE = "birth_date"
    SIGNUP_DATE = "signup_date"
    LAST_PURCHASE_DATE = "last_purchase_date"
    TOTAL_SPENT = "total_spent"
    ORDERS_COUNT = "orders_count"
    EMAIL_CONSENT = "email_consent"
    SMS_CONSENT = "sms_consent"
    TAGS = "tags"
    COMPANY = "company"
    INDUSTRY = "industry"
    # order log
    ORDER_ID = "order_id"
    ORDER_DATE = "order_date"
    AMOUNT = "amount"
    PRODUCT = "product"
    PRODUCT_CATEGORY = "product_category"


CUSTOMER_ROLES = tuple(r for r in Role if r not in {Role.ORDER_ID, Role.ORDER_DATE, Role.AMOUNT,
                                                   Role.PRODUCT, Role.PRODUCT_CATEGORY})
ORDER_ROLES = (Role.CUSTOMER_ID, Role.EMAIL, Role.PHONE, Role.ORDER_ID, Role.ORDER_DATE, Role.AMOUNT,
               Role.PRODUCT, Role.PRODUCT_CATEGORY)


class DateOrder(StrEnum):
    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"


class FileFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    XLSM = "xlsm"
    XLS = "xls"
    ODS = "ods"


#: The delimiter value meaning "runs of spaces" (fixed-width point-of-sale logs).
WHITESPACE = " "

_EMPTY: Mapping = MappingProxyType({})


@dataclass(frozen=True)
class ImportOptions:
    """What the user chose. ``None`` means "detect it"; anything else overrides detection."""

    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    thousands: str | None = None  # "" means "no thousands separator"
    header_row: int | None = None  # 1-based row of the header in the file or sheet
    date_order: DateOrder | None = None
    column_types: Mapping[str, ColumnType] = field(default_factory=lambda: _EMPTY)
    column_roles: Mapping[str, Role | None] = field(default_factory=lambda: _EMPTY)
    phone_region: str = "RU"
    orders: bool = False  # the file is an order log: "date" and "sum" mean the order's date and amount
    max_rows: int | None = None  # stop after this many data rows (previews)


@dataclass(frozen=True)
class Detected:
    """What import actually used: detection, with the user's overrides applied."""

    format: FileFormat
    encoding: str | None  # Python codec name; None for workbooks
    delimiter: str | None  # None for workbooks
    decimal: str
    thousands: str
    sheet: str | None
    sheets: tuple[str, ...]
    header_row: int
    date_order: DateOrder | None


@dataclass(frozen=True)
class ColumnInfo:
    name: str  # unique name in the imported table
    source_name: str  # the header as written in the file ("" when it was empty)
    type: ColumnType
    role: Role | None
    missing: int  # empty cells
    unparseable: int = 0  # non-empty cells that did not fit the type (left empty)
    date_format: str | None = None  # e.g. "%d.%m.%Y" for date columns read from text
    ambiguous_dates: bool = False  # day/month order could not be decided from the values


@dataclass(frozen=True)
class QualityItem:
    """One finding of the data-quality report.

    ``rows`` are the first row numbers as the user sees them in Excel (1-based rows of the source sheet);
    ``all_rows`` has every one of them (for filtering the table), when the finding is about rows.
    ``kind`` is a stable machine name; ``message`` is an English sentence (the UI translates by kind).
    """

    kind: str
    count: int
    rows: tuple[int, ...]
    column: str | None = None
    message: str = ""
    all_rows: np.ndarray | None = field(default=None, compare=False, repr=False)


@dataclass
class ImportedTable:
    """A table as imported: typed columns, where each row came from, and what was found wrong."""

    path: Path
    detected: Detected
    frame: pd.DataFrame  # typed columns with unique names, RangeIndex
    columns: list[ColumnInfo]
    source_rows: np.ndarray  # int64, source row number (1-based, as in Excel) of each frame row
    quality: list[QualityItem]
    skipped_rows: int = 0
    #: normalised values aligned with ``frame``: ``email`` (trimmed, lower-case), ``email_valid``,
    #: ``phone_e164``, ``phone_valid``, present when a column has that role.
    derived: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: list[str] = field(default_factory=list)
    #: the options it was read with (``max_rows`` dropped), so a project can read the file the same way again
    options: ImportOptions = field(default_factory=ImportOptions)

    @property
    def rows(self) -> int:
        return len(self.frame)

    def column(self, name: str) -> ColumnInfo:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def column_for(self, role: Role) -> str | None:
        """The name of the first column with ``role``, or None."""
        return next((c.name for c in self.columns if c.role == role), None)
