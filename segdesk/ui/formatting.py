"""Typed values to locale-formatted text: the one place numbers, dates and booleans become strings on screen.

Core hands out floats, ints, datetimes and bools (habit: format at the edge); this module writes them the way
the user's locale does ("1,234.50" / "1 234,50", "05/20/2021" / "20.05.2021").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from segdesk.core.model.view import ValueKind
from segdesk.ui.i18n import tr


class ValueFormatter:
    """Formats the values of one column; cheap enough to call for every cell on screen."""

    def __init__(self, kind: ValueKind, locale: QLocale, decimals: int = 0, grouping: bool = True) -> None:
        self.kind = kind
        self._locale = QLocale(locale)
        if not grouping:
            # identifiers (customer 1001, order 50001) are names, not amounts: "1,001" would misquote them
            self._locale.setNumberOptions(self._locale.numberOptions() | QLocale.NumberOption.OmitGroupSeparator)
        self._decimals = decimals
        self._date_format = full_year_format(locale.dateFormat(QLocale.FormatType.ShortFormat))
        self._yes, self._no = tr("yes"), tr("no")

    def __call__(self, value: Any) -> str:
        if value is None:
            return ""
        try:
            return self._format(value)
        except (TypeError, ValueError, OverflowError):
            # called from data(): an exception there would reach Qt's C++ paint code
            return str(value)

    def _format(self, value: Any) -> str:
        if self.kind == ValueKind.TEXT:
            return str(value)
        if self.kind == ValueKind.NUMBER:
            return self._locale.toString(float(value), "f", self._decimals)
        if self.kind == ValueKind.INTEGER:
            return self._locale.toString(int(value))
        if self.kind == ValueKind.BOOLEAN:
            return self._yes if value else self._no
        if isinstance(value, dt.datetime):
            return self._datetime(value)
        if isinstance(value, dt.date):
            return self._locale.toString(QDate(value.year, value.month, value.day), self._date_format)
        return str(value)

    def _datetime(self, value: dt.datetime) -> str:
        day = QDate(value.year, value.month, value.day)
        if self.kind == ValueKind.DATE:
            return self._locale.toString(day, self._date_format)
        moment = QDateTime(day, QTime(value.hour, value.minute, value.second))
        return self._locale.toString(moment, f"{self._date_format} HH:mm")


def full_year_format(pattern: str) -> str:
    """A short date format with a four-digit year: "M/d/yy" is ambiguous for birth dates."""
    if "yyyy" in pattern:
        return pattern
    return pattern.replace("yy", "yyyy")


def is_right_aligned(kind: ValueKind) -> bool:
    return kind in (ValueKind.NUMBER, ValueKind.INTEGER)
