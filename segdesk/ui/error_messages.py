"""Core's user errors said in the interface language, by their stable key (see ``segdesk.core.errors``)."""

from __future__ import annotations

from collections.abc import Callable

from segdesk.core.errors import InputError
from segdesk.ui.i18n import tr

_TEXTS: dict[str, Callable[..., str]] = {
    "empty_file": lambda **p: tr("The file is empty."),
    "no_data": lambda **p: tr("The file has no data: it is empty or holds only blank lines."),
    "no_rows": lambda **p: tr("The file has a header but no data rows."),
    "binary": lambda **p: tr("This is not a table: the file holds binary data, not text or a workbook."),
    "missing_file": lambda **p: tr("The file “{name}” does not exist (moved or deleted?).", **p),
    "is_folder": lambda **p: tr("“{name}” is a folder, not a file.", **p),
    "locked": lambda **p: tr("The file “{name}” is locked or not readable; close it in other programs.", **p),
    "unreadable": lambda **p: tr("Could not read “{name}”: {reason}", **p),
    "header_past_end": lambda **p: tr("Row {row} is past the end of the file.", **p),
    "bad_encoding": lambda **p: tr("The file is not valid {encoding} text (byte {offset}); choose another "
                                   "encoding.", **p),
    "unknown_encoding": lambda **p: tr("Unknown encoding “{encoding}”.", **p),
    "bad_text": lambda **p: tr("The file could not be read as delimited text: {reason}", **p),
    "password": lambda **p: tr("The workbook is password-protected; save a copy without a password and open that."),
    "damaged_workbook": lambda **p: tr("The workbook is damaged or incomplete and cannot be read; open it in Excel "
                                       "and save it again."),
    "no_sheets": lambda **p: tr("The workbook has no sheets."),
    "empty_sheet": lambda **p: tr("The sheet “{sheet}” is empty.", **p),
    "no_such_sheet": lambda **p: tr("The workbook has no sheet named “{sheet}” (sheets: {sheets}).", **p),
    "mapping_missing_column": lambda **p: tr("The order log has no column “{column}” any more; choose the columns "
                                             "again.", column=p["column"]),
    "mapping_wrong_type": lambda **p: tr("The column “{column}” does not hold {expected}; choose another column.",
                                         column=p["column"], expected=p["expected"]),
    "no_link_column": lambda **p: tr("The customer list has no {role} column to link orders by.", **p),
    "no_keys": lambda **p: tr("The column “{column}” has no usable customer keys.", **p),
    "no_order_mapping": lambda **p: tr("The order log has no recognisable customer, date and amount columns."),
}


def input_error_text(error: InputError) -> str:
    """One readable line for a user error, translated when its key is known."""
    text = _TEXTS.get(error.key)
    if text is not None:
        try:
            return text(**error.params)
        except (KeyError, IndexError):
            pass  # a message whose parameters changed: the English sentence still says it
    first = (str(error).splitlines() or [""])[0].strip()
    return tr("Error: {reason}", reason=first) if first else tr("The file could not be read.")
