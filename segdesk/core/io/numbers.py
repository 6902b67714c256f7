"""Numbers written as text: decimal and thousands separators, detected from the values and parsed vectorised."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from segdesk.core.io.cells import string_buffers

#: Thousands separators people type; the space family covers NBSP and narrow NBSP from Excel and 1C.
SPACES = " \u00a0\u202f"
_SPACE = "[ \u00a0\u202f]"  # written out: RE2's \s is ASCII only, and Excel puts a NBSP before "€"
_SYMBOLS = r"(?:₽|€|\$|£)"
_CODES = r"(?:руб\.?|р\.|kn|EUR|USD|RUB|HRK|CHF|zł|Kč)"  # as written: "EUR", not "eur" (codes are data too)
_SIGNS = rf"(?:{_SYMBOLS}|{_CODES})"
_CURRENCY = rf"(?:{_SPACE}?{_SIGNS})?"  # after the number: "1 000,50 руб.", "1.234,56 €"
# Before it: "€1,234.56", "$ 45", "EUR 1.234,56"; a code needs its space ("KN-1001", "EUR100" are codes).
_CURRENCY_FIRST = rf"(?:[+-]?(?:{_SYMBOLS}{_SPACE}?|{_CODES}{_SPACE}))?"
_COMMA_DEC = re.compile(r"^[+-]?\d{1,3}(?:[ \u00a0\u202f.']\d{3})*,\d+$|^[+-]?\d+,(?:\d{1,2}|\d{4,})$")
_DOT_DEC = re.compile(r"^[+-]?\d{1,3}(?:[ \u00a0\u202f,']\d{3})*\.\d+$|^[+-]?\d+\.(?:\d{1,2}|\d{4,})$")
_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}(?:([ \u00a0\u202f.,'])\d{3})+(?:[.,]\d+)?$")
_DATE_LIKE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}$")
_WITH_CURRENCY = re.compile(r"(?<=\d)" + _CURRENCY + "$|^" + _CURRENCY_FIRST + r"(?=[+-]?\d)")


#: One separator followed by exactly three digits: "1,500" is 1.5 or 1500, "12.000" is 12.0 or 12000 (but
#: "0.750" is no thousands group).
AMBIGUOUS = r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$"
_AMBIGUOUS = re.compile(AMBIGUOUS)


@dataclass(frozen=True)
class Separators:
    decimal: str
    thousands: str  # "" means none
    guessed: bool = False  # only numbers such as "1,500" told anything: the file's delimiter decided


def without_currency(text: str) -> str:
    """``text`` without a currency sign before or after its number ("13 734,56 руб." -> "13 734,56")."""
    return _WITH_CURRENCY.sub("", text.strip())


def detect_separators(samples: Iterable[str], decimal: str | None = None, delimiter: str | None = None) -> Separators:
    """The decimal and thousands separators that the numeric-looking sample values agree on.

    ``decimal``: the user's decimal mark; then only the thousands separator is looked for ("1,500" with a
    decimal point is fifteen hundred). Numbers such as "1,500" or "12.000" say nothing by themselves: when
    nothing else does, a ';'-separated file is read the European way (decimal comma), a ','-separated one
    the English way, and any other file with their separator taken for thousands (amounts with three
    decimals are rare); the result is then ``guessed``.
    """
    comma = dot = 0
    groups: Counter[str] = Counter()
    unsure: Counter[str] = Counter()
    for v in samples:
        if _DATE_LIKE.match(v):
            continue
        if v.startswith("(") and v.endswith(")"):
            v = v[1:-1]  # an accountant's negative, "(1,200.00)"
        v = _WITH_CURRENCY.sub("", v)  # "1000,50 руб." is written with a decimal comma too
        m = _GROUPED.match(v)
        if m:
            groups[m.group(1)] += 1
        if _AMBIGUOUS.match(v):
            unsure["," if "," in v else "."] += 1
            continue
        comma += bool(_COMMA_DEC.match(v))
        dot += bool(_DOT_DEC.match(v))
    guessed = False
    if decimal is None:
        if comma or dot or not unsure:
            decimal = "," if comma > dot else "."
        else:
            guessed = True
            decimal = {";": ",", ",": "."}.get(delimiter or "", "," if unsure["."] >= unsure[","] else ".")
    for sep, _ in groups.most_common():
        if sep != decimal:
            return Separators(decimal, " " if sep in SPACES else sep, guessed)
    return Separators(decimal, "", guessed)


def number_pattern(decimal: str, thousands: str) -> str:
    """An RE2 pattern matching a whole number cell written with these separators."""
    dec = re.escape(decimal)
    if thousands == "":
        integer = r"\d+"
    else:
        sep = f"[{SPACES}]" if thousands in SPACES else re.escape(thousands)
        integer = rf"(?:\d+|[1-9]\d{{0,2}}(?:{sep}\d{{3}})+)"
    return rf"^{_CURRENCY_FIRST}[+-]?{_SPACE}?(?:{integer}(?:{dec}\d*)?|{dec}\d+){_CURRENCY}$"


def parse_numbers(values: pa.ChunkedArray, decimal: str, thousands: str) -> tuple[pa.ChunkedArray, pa.ChunkedArray]:
    """Parse trimmed text cells; returns (float64 values, mask of cells that matched the number pattern).

    An amount in parentheses is negative, as accountants write it: "(45.00)", "($1,200.00)".
    """
    if _has_byte(values, "("):
        values = pc.replace_substring_regex(values, r"^\(([^()]*)\)$", r"-\1")
    plain = _plain_cast(values, decimal, thousands)
    if plain is not None:
        return plain, pc.is_valid(values)
    ok = pc.match_substring_regex(values, number_pattern(decimal, thousands))
    keep = "0-9+\\-" + re.escape(decimal)
    # the currency goes first: "руб." has a dot of its own
    cleaned = pc.replace_substring_regex(pc.replace_substring_regex(values, _SIGNS, ""), f"[^{keep}]", "")
    if decimal != ".":
        cleaned = pc.replace_substring(cleaned, decimal, ".")
    cleaned = pc.if_else(ok, cleaned, pa.scalar(None, pa.string()))
    # A bare "5." or "+.5" is valid here; float casting accepts both.
    return pc.cast(cleaned, pa.float64()), ok


def _plain_cast(values: pa.ChunkedArray, decimal: str, thousands: str) -> pa.ChunkedArray | None:
    """Arrow's own float parser, when every cell is a plain number (the usual case): 4x faster than RE2.

    Returns None when any cell needs the full pattern (separators, currency, text); a dot as thousands
    separator beside a decimal comma would be misread, so that layout always takes the pattern.
    """
    if thousands == "." or (decimal == "," and thousands == ","):
        return None
    dots = _has_byte(values, ".")
    if not dots and not _has_byte(values, ","):
        try:  # whole numbers (ids, counts): no separator to replace (a failed cast costs a full pass, hence the look)
            return pc.cast(pc.cast(values, pa.int64()), pa.float64())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    if decimal == "," and dots:
        return None  # "1234.50" is no number under a decimal comma: only the pattern can say so
    try:
        source = values if decimal == "." else pc.replace_substring(values, decimal, ".")
        out = pc.cast(source, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    # "nan" and "inf" are floats to Arrow but no cell a person typed means them as numbers
    if pc.any(pc.is_nan(out)).as_py() or pc.any(pc.is_inf(out)).as_py():
        return None
    return out


def _has_byte(values: pa.ChunkedArray, char: str) -> bool:
    """Whether any cell holds ``char`` (an ASCII character), looked for in the cells' bytes at once."""
    code = np.uint8(ord(char))
    return any(bool((string_buffers(chunk)[1] == code).any()) for chunk in values.chunks)


_NUMBER_MAX = 40  # characters: "-1 234 567 890,12 руб." fits, a note does not


def parse_numbers_lenient(values: pa.ChunkedArray, decimal: str,
                          thousands: str) -> tuple[pa.ChunkedArray, pa.ChunkedArray]:
    """Like parse_numbers, then cells that failed are tried with the other decimal mark.

    Workbooks mix real number cells (which arrive as "1200.5") with numbers typed as text in the
    local style ("1 300,25") in one column; both are numbers the user meant.
    """
    numbers, ok = parse_numbers(values, decimal, thousands)
    filled = len(values) - values.null_count
    # Only short cells that failed can be numbers written the other way: a column of long text is not read
    # with every pattern again.
    rest = pc.if_else(pc.and_(pc.invert(pc.fill_null(ok, False)), pc.less_equal(pc.utf8_length(values), _NUMBER_MAX)),
                      values, pa.scalar(None, values.type))
    # the other way, with each of its usual thousands separators ("1 300,25", "1.300,25"; "1,300.25")
    for alt_decimal, alt_thousands in [(",", " "), (",", ".")] if decimal == "." else [(".", ",")]:
        if (pc.sum(ok).as_py() or 0) == filled or rest.null_count == len(rest):
            break
        alt_numbers, alt_ok = parse_numbers(rest, alt_decimal, alt_thousands)
        alt_ok = pc.fill_null(alt_ok, False)
        use_alt = pc.and_(pc.invert(ok), alt_ok)
        numbers, ok = pc.if_else(use_alt, alt_numbers, numbers), pc.or_(ok, alt_ok)
    return numbers, ok
