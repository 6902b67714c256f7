"""Value editors of a rule condition, chosen by the field's type and the operator's shape.

Every editor has ``value_edited()``, emitted only for the user's own edits (the row then reads ``value()``),
and ``set_value(v)``, which leaves the editor alone when it already shows ``v``: the page echoes every edit
back through ``RuleEditor.set_rule``, and resetting the text under the user's cursor would move it.

Values are what a rule keeps (:mod:`segdesk.core.rules.model`; shapes in :mod:`segdesk.ui.rule_value_shapes`).
A number that does not parse yet ("1,", "abc") is emitted as its text, so the page's check can say what is
wrong on the row instead of the editor silently keeping an old value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QLocale, QRegularExpression, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QCompleter, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QSpinBox, QWidget

from segdesk.core.io.table import ColumnType
from segdesk.core.rules.model import Period, Unit
from segdesk.ui.formatting import full_year_format
from segdesk.ui.i18n import locale, tr
from segdesk.ui.rule_labels import unit_label
from segdesk.ui.rule_value_shapes import NUMERIC, number_text, parse_number
from segdesk.ui.widgets import ValueComboBox, signals_blocked

Completions = Callable[[], list[str]]
_NO_DATE = QDate(1900, 1, 1)  # shown as "choose a date": a QDateEdit cannot be empty

# --- scalar editors --------------------------------------------------------------------------------------


class TextValueEditor(QLineEdit):
    """Free text, completed from the column's values (loaded when the editor is first used)."""

    value_edited = Signal()

    def __init__(self, completions: Completions | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._completions = completions
        self.setMinimumWidth(160)
        self.setPlaceholderText(tr("value"))
        self.textEdited.connect(self._on_text_edited)

    def value(self) -> Any:
        return self.text()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text != self.text():
            self.setText(text)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self._load_completions()
        super().focusInEvent(event)

    def _load_completions(self) -> None:
        if self._completions is None:
            return
        values, self._completions = self._completions(), None  # asked once: the source may be slow
        completer = QCompleter(QStringListModel(values, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated[str].connect(self._on_completer_activated)
        self.setCompleter(completer)

    def _on_text_edited(self, text: str) -> None:
        self._load_completions()
        self.value_edited.emit()

    def _on_completer_activated(self, text: str) -> None:
        # a chosen completion is put in with setText(), which does not emit textEdited (and may not have
        # happened yet: which slot of activated runs first is not ours to know)
        if self.text() != text:
            self.setText(text)
        self.value_edited.emit()


class NumberValueEditor(QLineEdit):
    """A number in the locale's format or with a dot; large numbers and decimal commas are fine."""

    value_edited = Signal()

    def __init__(self, integer: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._integer = integer
        decimals = "" if integer else r"([.,]\d*)?"
        digits = "[-+]?[\\d \u00a0\u202f']*"  # group separators as typed or pasted: space, no-break space, '
        self.setValidator(QRegularExpressionValidator(QRegularExpression(digits + decimals), self))
        self.setMaximumWidth(140)
        self.setMinimumWidth(90)
        self.setPlaceholderText(tr("number"))
        self.textEdited.connect(lambda *_: self.value_edited.emit())

    def value(self) -> Any:
        number = parse_number(self.text(), self._integer)
        return self.text().strip() if number is None else number

    def set_value(self, value: Any) -> None:
        if value != self.value() or isinstance(value, bool):
            self.setText(number_text(value))


class DateValueEditor(QDateEdit):
    """A calendar date, written to the rule as ``YYYY-MM-DD``."""

    value_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(full_year_format(locale().dateFormat(QLocale.FormatType.ShortFormat)))
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText(tr("choose a date"))
        self.setDate(QDate.currentDate())
        self.dateChanged.connect(lambda *_: self.value_edited.emit())

    def value(self) -> Any:
        day = self.date()
        return "" if day == _NO_DATE else dt.date(day.year(), day.month(), day.day()).isoformat()

    def set_value(self, value: Any) -> None:
        if value == self.value():
            return
        try:
            day = dt.date.fromisoformat(str(value))
            shown = QDate(day.year, day.month, day.day)
        except ValueError:
            shown = _NO_DATE
        with signals_blocked(self):
            self.setDate(shown)


class BoolValueEditor(ValueComboBox):
    """Yes or no, for "is" and "is not" on a yes/no field."""

    value_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([(tr("yes"), True), (tr("no"), False)], parent)
        self.currentIndexChanged.connect(lambda *_: self.value_edited.emit())

    def set_value(self, value: Any) -> None:
        with signals_blocked(self):
            super().set_value(bool(value))


# --- compound editors ------------------------------------------------------------------------------------


class PeriodEditor(QWidget):
    """An amount and a unit: "30 days", "3 months"."""

    value_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.amount = QSpinBox()
        self.amount.setRange(0, 100_000)
        self.amount.setValue(30)
        self.unit = ValueComboBox([(unit_label(u), u) for u in Unit])
        self.unit.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.amount)
        layout.addWidget(self.unit)
        self.amount.valueChanged.connect(lambda *_: self.value_edited.emit())
        self.unit.currentIndexChanged.connect(lambda *_: self.value_edited.emit())

    def value(self) -> Period:
        return Period(self.amount.value(), Unit(self.unit.value()))

    def set_value(self, value: Any) -> None:
        if not isinstance(value, Period) or value == self.value():
            return
        with signals_blocked(self.amount), signals_blocked(self.unit):
            self.amount.setValue(value.amount)
            self.unit.set_value(value.unit)


class RangeEditor(QWidget):
    """Two values of the field's type: "between 100 and 500"."""

    value_edited = Signal()

    def __init__(self, kind: ColumnType, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low = scalar_editor(kind, None)
        self.high = scalar_editor(kind, None)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.low)
        layout.addWidget(QLabel(tr("and")))
        layout.addWidget(self.high)
        self.low.value_edited.connect(lambda *_: self.value_edited.emit())
        self.high.value_edited.connect(lambda *_: self.value_edited.emit())

    def value(self) -> tuple[Any, Any]:
        return (self.low.value(), self.high.value())

    def set_value(self, value: Any) -> None:
        if isinstance(value, tuple) and len(value) == 2:
            self.low.set_value(value[0])
            self.high.set_value(value[1])


def scalar_editor(kind: ColumnType, completions: Completions | None) -> Any:
    """The editor of one value of a field of type ``kind``."""
    if kind in NUMERIC:
        return NumberValueEditor(integer=kind == ColumnType.INTEGER)
    if kind == ColumnType.DATE:
        return DateValueEditor()
    if kind == ColumnType.BOOLEAN:
        return BoolValueEditor()
    return TextValueEditor(completions)
