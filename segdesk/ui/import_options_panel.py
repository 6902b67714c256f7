"""The file options of an import: each shows what was detected and can be overridden.

The first choice of every box is "Auto (…)": keep detection, and show what detection found. Any other choice
becomes an override in :class:`ImportOptions`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QSpinBox, QWidget

from segdesk.core.io.table import WHITESPACE, DateOrder, Detected
from segdesk.ui.i18n import tr
from segdesk.ui.widgets import ValueComboBox, signals_blocked

_ENCODINGS = ("utf-8", "utf-8-sig", "cp1251", "koi8-r", "cp866", "cp1250", "iso8859-2", "cp1252", "latin-1",
              "utf-16")


def _delimiters() -> list[tuple[str, str]]:
    return [(tr("semicolon ;"), ";"), (tr("comma ,"), ","), (tr("tab"), "\t"), (tr("pipe |"), "|"),
            (tr("spaces"), WHITESPACE)]


def _decimals() -> list[tuple[str, str]]:
    return [(tr("comma ,"), ","), (tr("point ."), ".")]


def _thousands() -> list[tuple[str, str]]:
    return [(tr("none"), ""), (tr("space"), " "), (tr("comma ,"), ","), (tr("point ."), "."),
            (tr("apostrophe '"), "'")]


#: Regions offered first: where segdesk's users mostly are. The rest follow in code order.
_NEAR_REGIONS = ("RU", "KZ", "BY", "UA", "HR", "RS", "SI", "BA", "DE", "AT", "GB", "US")


def _phone_regions() -> list[tuple[str, str]]:
    from segdesk.core.io.normalize import phone_regions

    codes = dict(phone_regions())
    ordered = [r for r in _NEAR_REGIONS if r in codes] + [r for r in codes if r not in _NEAR_REGIONS]
    return [(f"{r} (+{codes[r]})", r) for r in ordered]


def _date_orders() -> list[tuple[str, str]]:
    return [(tr("day.month.year"), DateOrder.DMY.value), (tr("month/day/year"), DateOrder.MDY.value),
            (tr("year-month-day"), DateOrder.YMD.value)]


class ImportOptionsPanel(QWidget):
    """Sheet, encoding, delimiter, decimal and thousands separators, header row and date order."""

    options_changed = Signal()  # the user changed an option

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet = ValueComboBox([(tr("Auto"), None)])
        self.encoding = ValueComboBox([(tr("Auto"), None)] + [(e, e) for e in _ENCODINGS])
        self.delimiter = ValueComboBox([(tr("Auto"), None), *_delimiters()])
        self.decimal = ValueComboBox([(tr("Auto"), None), *_decimals()])
        self.thousands = ValueComboBox([(tr("Auto"), None), *_thousands()])
        self.date_order = ValueComboBox([(tr("Auto"), None), *_date_orders()])
        # Phones written without a country code are read as this region's (+7 for RU, +385 for HR...).
        self.phone_region = ValueComboBox(_phone_regions())
        self.phone_region.setToolTip(tr("Phone numbers written without a country code are read as numbers of "
                                        "this region."))
        self.header_row = QSpinBox()
        self.header_row.setRange(0, 100_000)
        self.header_row.setSpecialValueText(tr("Auto"))
        self.header_row.setToolTip(tr("The row of the file that holds the column names (title rows above it "
                                      "are skipped)."))
        for name, box in self._boxes().items():
            box.setObjectName(f"option_{name}")
            # room for "Auto: semicolon ;" in any language, even though the label is set after the layout
            box.setMinimumContentsLength(24)
            box.setSizeAdjustPolicy(ValueComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.currentIndexChanged.connect(self._on_option_changed)
        self.header_row.valueChanged.connect(self._on_option_changed)
        form = QFormLayout(self)
        form.addRow(tr("Sheet"), self.sheet)
        form.addRow(tr("Encoding"), self.encoding)
        form.addRow(tr("Delimiter"), self.delimiter)
        form.addRow(tr("Decimal separator"), self.decimal)
        form.addRow(tr("Thousands separator"), self.thousands)
        form.addRow(tr("Header row"), self.header_row)
        form.addRow(tr("Date order"), self.date_order)
        form.addRow(tr("Phone region"), self.phone_region)

    def _boxes(self) -> dict[str, ValueComboBox]:
        return {"sheet": self.sheet, "encoding": self.encoding, "delimiter": self.delimiter,
                "decimal": self.decimal, "thousands": self.thousands, "date_order": self.date_order,
                "phone_region": self.phone_region}

    def overrides(self) -> dict[str, Any]:
        """The user's choices as ImportOptions fields; None means "detect"."""
        date_order = self.date_order.value()
        return {
            "sheet": self.sheet.value(),
            "encoding": self.encoding.value(),
            "delimiter": self.delimiter.value(),
            "decimal": self.decimal.value(),
            "thousands": self.thousands.value(),
            "header_row": self.header_row.value() or None,
            "date_order": DateOrder(date_order) if date_order else None,
            "phone_region": self.phone_region.value(),
        }

    def set_phone_region(self, code: str) -> None:
        """Start from this region (the open customer list's, or the last import's); unknown codes are ignored."""
        with signals_blocked(self.phone_region):
            self.phone_region.set_value(code)

    def reset(self) -> None:
        """Back to detection for everything (a new file)."""
        with signals_blocked(self):
            for box in self._boxes().values():
                if box is self.phone_region:
                    continue  # a region is the user's, not the file's: it carries over to the next file
                with signals_blocked(box):
                    box.setCurrentIndex(0)
            with signals_blocked(self.header_row):
                self.header_row.setValue(0)
            while self.sheet.count() > 1:
                self.sheet.removeItem(1)
        self.sheet.setEnabled(False)  # until a read lists the sheets (a text file or a failed read has none)

    def show_detected(self, detected: Detected) -> None:
        """Label each "Auto" choice with what detection found; disable what the file format doesn't use."""
        self._show_sheets(detected)
        text_file = detected.encoding is not None
        if detected.encoding and detected.encoding not in self.encoding.values():
            with signals_blocked(self.encoding):
                self.encoding.add_choice(detected.encoding, detected.encoding)
        # Detected holds what the read used; that is what detection found only where nothing is overridden
        order = detected.date_order.value if detected.date_order else None
        for box, found in ((self.encoding, detected.encoding or ""),
                           (self.delimiter, _label(_delimiters(), detected.delimiter)),
                           (self.decimal, _label(_decimals(), detected.decimal)),
                           (self.thousands, _label(_thousands(), detected.thousands)),
                           (self.date_order, _label(_date_orders(), order) if order else "")):
            if box.value() is None:
                box.setItemText(0, _auto(found))
        if not self.header_row.value():
            self.header_row.setSpecialValueText(_auto(str(detected.header_row)))
        self.encoding.setEnabled(text_file)
        self.delimiter.setEnabled(text_file)

    def _show_sheets(self, detected: Detected) -> None:
        with signals_blocked(self.sheet):
            chosen = self.sheet.value()
            while self.sheet.count() > 1:
                self.sheet.removeItem(1)
            for name in detected.sheets:
                self.sheet.add_choice(name, name)
            self.sheet.set_value(chosen)
        self.sheet.setItemText(0, _auto(detected.sheet) if detected.sheet else tr("Auto"))
        self.sheet.setEnabled(len(detected.sheets) > 1)

    def _on_option_changed(self, _: object = None) -> None:
        self.options_changed.emit()


def _auto(found: str) -> str:
    return tr("Auto: {found}", found=found) if found else tr("Auto")


def _label(choices: list[tuple[str, str]], value: str | None) -> str:
    return next((label for label, v in choices if v == value), value or "")
