"""What a rule value looks like: its shape for an operator, where a new condition starts, what carries over
when the operator changes, and numbers as a person types them (locale decimal comma, digit grouping)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from segdesk.core.io.table import ColumnType
from segdesk.core.rules.model import LIST, NO_VALUE, RANGE, RELATIVE, Operator, Period
from segdesk.ui.i18n import locale

NUMERIC = (ColumnType.NUMBER, ColumnType.INTEGER)
_SPACES = str.maketrans("", "", " \u00a0\u202f'")  # digit grouping as typed or pasted


def value_shape(op: Operator) -> str:
    """What an operator's value looks like: "none", "period", "range", "list" or "scalar"."""
    if op in NO_VALUE:
        return "none"
    if op in RELATIVE:
        return "period"
    if op in RANGE:
        return "range"
    return "list" if op in LIST else "scalar"


def empty_value(kind: ColumnType, op: Operator) -> Any:
    """The value a new condition starts with: nothing to type for a yes/no, today for a date, 30 days back."""
    shape = value_shape(op)
    if shape == "none":
        return None
    if shape == "period":
        return Period(30)
    if shape == "list":
        return ()
    scalar = _empty_scalar(kind)
    return (scalar, scalar) if shape == "range" else scalar


def _empty_scalar(kind: ColumnType) -> Any:
    if kind in NUMERIC:
        return 0
    if kind == ColumnType.DATE:
        return dt.date.today().isoformat()
    if kind == ColumnType.BOOLEAN:
        return True
    return ""


def carried_value(value: Any, old: Operator, new: Operator, kind: ColumnType) -> Any:
    """The value kept when the operator changes from ``old`` to ``new``: "Moscow" becomes ("Moscow",) for
    "is one of" and the first of a list for "is"; a value that cannot carry over starts empty."""
    before, after = value_shape(old), value_shape(new)
    if before == after:
        return value
    if before == "scalar" and after == "list":
        # the value a new condition starts with was never chosen: ticking it for the user would surprise
        return () if value in ("", None) or value == _empty_scalar(kind) else (value,)
    if before == "scalar" and after == "range":
        return (value, value)
    if before in ("list", "range") and after == "scalar" and isinstance(value, tuple) and value:
        return value[0]
    return empty_value(kind, new)


def parse_number(text: str, integer: bool = False) -> int | float | None:
    """A number typed with the locale's or a dot decimal separator and any digit grouping; None otherwise."""
    cleaned = text.strip().translate(_SPACES)
    if not cleaned:
        return None
    # One dot and no comma is a decimal point, whatever the locale groups with ("0.125" is not 125 in German).
    number, ok = (0.0, False) if cleaned.count(".") == 1 and "," not in cleaned else locale().toDouble(cleaned)
    if not ok:
        try:
            number = float(cleaned.replace(",", "."))
        except ValueError:
            return None
    if not np.isfinite(number):
        return None
    if float(number).is_integer():
        return int(number)
    return None if integer else float(number)


def number_text(value: Any) -> str:
    """A number as it is edited: no grouping, the locale's decimal separator, never an exponent."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if float(value).is_integer():
        return str(int(value))
    return np.format_float_positional(float(value), trim="-").replace(".", locale().decimalPoint())
