"""Quick search over a table: text anywhere in a cell, whole numbers by their digits, phones however written.

Qt-free and vectorised like :mod:`segdesk.core.model.view`, whose cached column arrays it reads: a search
over a million rows answers in a fraction of a second on a worker thread.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc

from segdesk.core.io.normalize import normalize_phones
from segdesk.core.model.view import TableColumns, ValueKind

# A currency sign or code before or after an amount.
_CURRENCY = re.compile(r"^(?:[$€£₽]|(?:eur|usd|rub|руб\.?|kn)\s)\s*|\s*(?:[$€£₽]|руб\.?|р\.|kn|eur|usd|rub)$")
# Digits alone: the way people look up a customer number or an amount (among the digits of the values).
_WHOLE_NUMBER = re.compile(r"^-?\d+$")
# An amount as the table shows it in any locale: "4984.57", "4 984,57", "1,627,371.09": found by its value.
_AMOUNT = re.compile(r"^-?\d{1,3}(?:([ \u00a0\u202f,.'])\d{3})*(?:[.,]\d{1,2})?$|^-?\d+[.,]\d{1,2}$")
# What a phone number can be typed with; three digits make it worth comparing with phones.
_PHONE_LIKE = re.compile(r"^\+?[\d\s().\-]+$")
_PHONE_MIN_DIGITS = 3
# The words of a search; a phone or an amount typed with spaces is one: "ivan 4 984,57", "ana 8 912 345 67 89"
_WORDS = re.compile(r"\+?\d[\d ()\-]{5,}\d(?![\d.,])|-?\d{1,3}(?: \d{3})+(?:[.,]\d{1,2})?(?!\S)|\S+")


@dataclass
class PhoneDigits:
    """The table's phones as the digits of their E.164 form, so "8 912 345-67-89", "+79123456789" and
    "912345" all find the customer whose phone was written "+7 (912) 345-67-89"."""

    e164: pd.Series  # aligned with the table's rows; missing where a phone is empty or invalid
    region: str  # the region a typed number without a country code belongs to
    _digits: pa.Array | None = field(default=None, init=False, repr=False)

    def hits(self, needle: str) -> np.ndarray:
        """Rows whose phone holds the needle's digits, or those of the needle read as a full number."""
        if self._digits is None:  # built on first use, on the search's worker thread
            # Two searches may both build it (one cancelled, one new): the same array either way.
            self._digits = pc.utf8_ltrim(pa.array(self.e164, type=pa.string(), from_pandas=True), "+")
        digits = re.sub(r"\D", "", needle)
        wanted = {digits}
        e164, valid = normalize_phones(pd.Series([needle], dtype="str"), self.region)
        if valid[0]:
            wanted.add(e164.iloc[0].lstrip("+"))
        elif not needle.lstrip().startswith("+"):  # the start of a number typed the national way ("8 912 345")
            code, prefix = _national_way(self.region)
            if prefix and digits.startswith(prefix) and len(digits) > len(prefix) + 2:
                wanted.add(code + digits[len(prefix):])
        found = np.zeros(len(self._digits), dtype=bool)
        for written in wanted:
            found |= np.asarray(pc.fill_null(pc.match_substring(self._digits, written), False), dtype=bool)
        return found


def _national_way(region: str) -> tuple[str, str | None]:
    """The region's calling code and the national prefix its numbers are written with (RU: "7", "8")."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    return str(phonenumbers.country_code_for_region(region)), meta.national_prefix if meta is not None else None


def search_positions(columns: TableColumns, text: str, phones: PhoneDigits | None = None) -> np.ndarray | None:
    """Frame positions matching ``text``, ascending; None when ``text`` is blank, meaning "no search".

    Text and category columns match when they contain the text (case-insensitive, ё as е; a needle typed
    without diacritics also finds them: "simic" finds "Šimić"); integer and number columns when the text is
    a whole number found among their digits ("1001" finds customer 1001), or an amount written with
    separators in any locale that equals their value ("4 984,57", "4,984.57"); date columns when it is a date
    as tables write it ("15.03.2021", "2021-03-15", "3/15/2021"); yes/no columns when it is "yes", "да"...;
    ``phones`` when the text looks like a phone number and not like an amount with cents or a date. Words are
    also found apart, each anywhere in the row: "ivan horvat" finds Ivan in the first-name column and Horvat
    in the last-name one.
    """
    needle = " ".join(text.lower().replace("ё", "е").split())
    if not needle:
        return None
    found = _hits(columns, needle, phones)
    words = _WORDS.findall(needle)
    if len(words) > 1 and _amount(needle) is None and not _phone_like(needle):
        every = np.ones(columns.row_count, dtype=bool)
        for word in dict.fromkeys(words):
            every &= _hits(columns, word, phones)
        found |= every
    return np.flatnonzero(found)


def _hits(columns: TableColumns, needle: str, phones: PhoneDigits | None) -> np.ndarray:
    found = np.zeros(columns.row_count, dtype=bool)
    plain = needle.isascii() and any(ch.isalpha() for ch in needle)
    for column in columns.text_columns():
        found |= _text_hits(columns, column, needle, plain)
    number = _CURRENCY.sub("", needle)  # "$1,234.56" as copied from a shop's page
    whole = _WHOLE_NUMBER.match(number) is not None
    amount = None if whole else _amount(number)
    for column, kind in enumerate(columns.kinds):
        if kind not in (ValueKind.INTEGER, ValueKind.NUMBER):
            continue
        if whole:
            found |= _number_hits(columns, column, number)
        elif amount is not None:
            found |= _amount_hits(columns, column, *amount)
    days = _moments(needle)
    truth = _TRUTH.get(needle)
    for column, kind in enumerate(columns.kinds):
        if len(days) and kind in (ValueKind.DATE, ValueKind.DATETIME):
            series = columns.series(column)
            if isinstance(series.dtype, pd.DatetimeTZDtype):  # the day as the table shows it: local wall time
                series = series.dt.tz_localize(None)
            found |= np.isin(series.to_numpy().astype(days.dtype), days)
        elif truth is not None and kind == ValueKind.BOOLEAN:
            found |= columns.series(column).to_numpy(dtype=object, na_value=None) == truth
    has_cents = amount is not None and amount[1] > 0  # "4984.57" is money, not the end of a phone number
    if phones is not None and not has_cents and not len(days) and _phone_like(needle):
        found |= phones.hits(needle)
    return found


# Yes and no as the table shows them and files write them (not "da" or "ne": names start so, "Dario", "Nevena").
_TRUTH = {**dict.fromkeys(("yes", "да", "true", "истина"), True),
          **dict.fromkeys(("no", "нет", "false", "ложь"), False)}
_DATE_WRITTEN = re.compile(r"^(\d{1,2})([./])(\d{1,2})\2(\d{4})\.?$|^(\d{4})-(\d{1,2})-(\d{1,2})$")


_TIME_WRITTEN = re.compile(r"^(.*?)[ t](\d{1,2}):(\d{2})(?::\d{2})?$")


def _moments(needle: str) -> np.ndarray:
    """:func:`_days`, or with a time after the date ("1/5/2023 08:30", as the table shows a date-time) the
    minutes it may mean."""
    match = _TIME_WRITTEN.match(needle)
    if match is None:
        return _days(needle)
    hours, minutes = int(match.group(2)), int(match.group(3))
    days = _days(match.group(1).strip())
    if hours > 23 or minutes > 59:
        return days[:0]
    return days.astype("datetime64[m]") + np.timedelta64(hours * 60 + minutes, "m")


def _days(needle: str) -> np.ndarray:
    """The days a needle written as a date may mean: "15.03.2021", "2021-03-15", "3/15/2021" (day or month
    first: both where both are possible)."""
    match = _DATE_WRITTEN.match(needle)
    if match is None:
        return np.array([], dtype="datetime64[D]")
    if match.group(5):
        candidates = [(int(match.group(5)), int(match.group(6)), int(match.group(7)))]
    else:
        a, b, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        candidates = [(year, b, a)] if match.group(2) == "." else [(year, a, b), (year, b, a)]
    days = []
    for year, month, day in candidates:
        if not 1800 <= year <= 2200:
            continue  # "1234-05-06" is the part of a phone number
        try:
            days.append(dt.date(year, month, day))
        except ValueError:
            continue
    return np.array(days, dtype="datetime64[D]")


def _phone_like(needle: str) -> bool:
    return _PHONE_LIKE.match(needle) is not None and len(re.sub(r"\D", "", needle)) >= _PHONE_MIN_DIGITS


def _amount(needle: str) -> tuple[float, int] | None:
    """(value, decimals) of a needle written as an amount with separators; None for anything else."""
    match = _AMOUNT.match(needle)
    if match is None:
        return None
    grouping = match.group(1)
    digits = needle.replace(grouping, "") if grouping else needle
    decimals = 0
    if len(digits) > 3 and digits[-3] in ".," or len(digits) > 2 and digits[-2] in ".,":
        decimals = len(digits) - max(digits.rfind("."), digits.rfind(",")) - 1
        digits = digits[: -decimals - 1] + "." + digits[-decimals:]
    try:
        return float(digits), decimals
    except ValueError:
        return None


def _amount_hits(columns: TableColumns, column: int, value: float, decimals: int) -> np.ndarray:
    """Rows whose value, as the table shows it (to the column's decimals), is the needle's: "7.2" is not 7.25."""
    places = max(decimals, columns.decimals(column))
    values = columns.series(column).to_numpy(dtype=np.float64, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        return np.round(values, places) == round(value, places)


def _text_hits(columns: TableColumns, column: int, needle: str, plain: bool) -> np.ndarray:
    """``plain``: the needle is Latin letters without diacritics, matched against the cells without theirs."""
    category = columns.category(column)
    if category is not None:  # match its few labels, not a million cells
        labels, codes = category
        if len(labels) == 0:
            return np.zeros(len(codes), dtype=bool)
        label_hits = _contains(columns.unaccented(column) if plain else labels, needle, plain)
        return (codes >= 0) & label_hits[np.where(codes >= 0, codes, 0)]
    return _contains(columns.unaccented(column) if plain else columns.lowered(column), needle, plain)


def _contains(text: pa.Array, needle: str, plain: bool) -> np.ndarray:
    found = np.asarray(pc.fill_null(pc.match_substring(text, needle), False), dtype=bool)
    if plain and "dj" in needle:  # Đ is written "Dj" on a plain keyboard: "djurdjevic" finds Đurđević ("durdevic")
        found |= np.asarray(pc.fill_null(pc.match_substring(text, needle.replace("dj", "d")), False), dtype=bool)
    return found


def _number_hits(columns: TableColumns, column: int, needle: str) -> np.ndarray:
    written = columns.cached("digits", column, lambda: _plain_text(columns.arrow(column)))
    return np.asarray(pc.fill_null(pc.match_substring(written, needle), False), dtype=bool)


def _plain_text(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Numbers as plain text: 1046, 1046.5 (whole floats without their ".0")."""
    if not pa.types.is_floating(values.type):
        return pc.cast(values, pa.string())
    whole = pc.fill_null(pc.and_(pc.equal(pc.floor(values), values), pc.less(pc.abs(values), 2.0**53)), False)
    as_integer = pc.cast(pc.cast(pc.if_else(whole, values, 0.0), pa.int64()), pa.string())
    return pc.if_else(whole, as_integer, pc.cast(values, pa.string()))
