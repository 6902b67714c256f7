"""Core's user errors said in the interface language, by their stable key (see ``segdesk.core.errors``)."""

from __future__ import annotations

import re
from collections.abc import Callable

from segdesk.core.errors import InputError
from segdesk.ui.i18n import tr
from segdesk.ui.rfm_labels import dimension_name

_TEXTS: dict[str, Callable[..., str]] = {
    "empty_file": lambda **p: tr("The file is empty."),
    "no_data": lambda **p: tr("The file has no data: it is empty or holds only blank lines."),
    "no_rows": lambda **p: tr("The file has a header but no data rows."),
    "no_rows_sheet": lambda **p: tr("The sheet “{sheet}” has a header but no data rows; choose another sheet.", **p),
    "no_row_fits": lambda **p: tr("All {rows} rows below row {header} have another number of cells: is row "
                                  "{header} the header? Choose the row with the column names.", **p),
    "binary": lambda **p: tr("This is not a table: the file holds binary data, not text or a workbook."),
    "missing_file": lambda **p: tr("The file “{name}” does not exist (moved or deleted?).", **p),
    "is_folder": lambda **p: tr("“{name}” is a folder, not a file.", **p),
    "locked": lambda **p: tr("The file “{name}” is locked or not readable; close it in other programs.", **p),
    "unreadable": lambda **p: tr("Could not read “{name}”: {reason}", **p),
    "header_past_end": lambda **p: tr("Row {row} is past the end of the file.", **p),
    "blank_header": lambda **p: tr("Row {row} is empty, so it can't be the header: choose the row with the column "
                                  "names.", **p),
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
    "rfm_no_source": lambda **p: tr("RFM needs an order log, or a customer list with a last purchase date "
                                    "column."),
    "rfm_missing_column": lambda **p: tr("There is no column “{column}”.", column=p["column"]),
    "rfm_not_dates": lambda **p: tr("The column “{column}” does not hold dates.", column=p["column"]),
    "rfm_not_numbers": lambda **p: tr("The column “{column}” does not hold numbers.", column=p["column"]),
    "rfm_no_purchases": lambda **p: tr("There are no purchases in the data: no order line has a known customer, "
                                       "a date and an amount of 0 or more (returns are not purchases)."),
    "rfm_bins": lambda **p: tr("The number of scores must be 3, 4 or 5."),
    "rfm_threshold_count": lambda **p: tr("{bins} scores need {expected} thresholds for {dimension}.",
                                          bins=p["bins"], expected=p["expected"],
                                          dimension=_dimension(p["dimension"])),
    "rfm_threshold_order": lambda **p: tr("The thresholds for {dimension} must go up, each bigger than the one "
                                          "before.", dimension=_dimension(p["dimension"])),
    "rfm_bad_pattern": lambda **p: tr("“{pattern}” is not an RFM code pattern (write e.g. 5[4-5] or [1-2][3-4]).",
                                      pattern=p["pattern"]),
    "rfm_bad_map": lambda **p: tr("The RFM map is not valid ({reason}).", reason=p["reason"]),
    "rfm_unknown_map": lambda **p: tr("Unknown RFM map “{name}”.", name=p["name"]),
    "rfm_movement_dates": lambda **p: tr("The first as-of date must come before the second."),
    "lifecycle_thresholds": lambda **p: tr("Lifecycle thresholds must grow: new ({new}) ≤ active ({active}) < lost "
                                           "({lost}) days.", new=p["new"], active=p["active"], lost=p["lost"]),
    "bad_date": lambda **p: tr("“{value}” is not a date; write it as YYYY-MM-DD.", value=p["value"]),
    "rfm_segment_no_name": lambda **p: tr("Segment {number} of the RFM map needs an English name.",
                                          number=p["number"]),
    "chart_format": lambda **p: tr("A chart is saved as PNG or SVG, not as “{name}”.", name=p["name"]),
    "chart_not_shown": lambda **p: tr("The chart has no size yet; show it on screen, then export it."),
    "cannot_write": lambda **p: tr("Could not write “{name}”: {reason}", name=p["name"], reason=p["reason"]),
    "no_folder": lambda **p: tr("The folder “{name}” does not exist.", name=p["name"]),
    "not_a_folder": lambda **p: tr("“{name}” is a file, not a folder.", name=p["name"]),
    "would_overwrite_source": lambda **p: tr("“{name}” is one of the files you opened; segdesk never writes over "
                                             "them. Choose another folder.", name=p["name"]),
    "suppression_missing": lambda **p: tr("The suppression list “{name}” does not exist (moved or deleted?).",
                                          name=p["name"]),
    "suppression_binary": lambda **p: tr("The suppression list “{name}” is not a text, CSV or workbook file.",
                                         name=p["name"]),
    "suppression_empty": lambda **p: tr("The suppression list “{name}” holds no email address or phone number.",
                                        name=p["name"]),
    "export_bad_column": lambda **p: tr("An exported column is not valid ({value}).", value=p["value"]),
    "export_bad_preset": lambda **p: tr("The preset “{name}” cannot be used: {reason}.", name=p["name"],
                                        reason=_preset_problem(str(p["reason"]))),
    "export_bad_settings": lambda **p: tr("The export settings are not valid ({reason}).", reason=p["reason"]),
    "export_unknown_preset": lambda **p: tr("There is no export preset “{name}”; choose one.", name=p["name"]),
    "export_unknown_segment": lambda **p: tr("There is no segment “{name}” to export.", name=p["name"]),
    "export_no_segments": lambda **p: tr("Nothing to export: tick at least one segment."),
    "export_no_column": lambda **p: tr("The column “{header}” comes from “{key}”, which this customer list does not "
                                       "have; untick it or choose the preset's columns.", header=p["header"],
                                       key=p["key"]),
    "export_cannot_encode": lambda **p: tr("“{value}” in the column “{column}” cannot be written in {encoding}; "
                                           "choose a UTF-8 preset.", value=p["value"], column=p["column"],
                                           encoding=p["encoding"]),
    "project_invalid": lambda **p: tr("The project “{name}” is damaged or was edited by hand and cannot be opened: "
                                      "{detail}", name=p["name"], detail=p["detail"]),
    "project_not_project": lambda **p: tr("“{name}” is not a segdesk project.", name=p["name"]),
    "project_not_text": lambda **p: tr("The project “{name}” is damaged: it is not text.", name=p["name"]),
    "project_not_json": lambda **p: tr("The project “{name}” is damaged ({reason}).", name=p["name"],
                                       reason=p["reason"]),
    "project_newer": lambda **p: tr("The project “{name}” was saved by a newer segdesk; update segdesk to open it.",
                                    name=p["name"]),
    "project_mapping_gone": lambda **p: tr("The order log “{name}” has no column “{column}” any more.",
                                           name=p["name"], column=p["column"]),
    # Rule problems are shown on the condition's own row, so they do not say which condition.
    "rule_unknown_field": lambda **p: tr("There is no field “{field}”.", field=p["field"]),
    "rule_unknown_order_field": lambda **p: tr("The order log has no column “{field}”.", field=p["field"]),
    "rule_operator_type": lambda **p: tr("“{operator}” does not apply to “{field}”.", operator=p["operator"],
                                         field=p["field"]),
    "rule_value_not_date": lambda **p: tr("“{value}” is not a date.", value=p["value"]),
    "rule_value_not_bool": lambda **p: tr("“{value}” is not yes or no.", value=p["value"]),
    "rule_value_not_number": lambda **p: tr("“{value}” is not a number.", value=p["value"]),
    "rule_nested_orders": lambda **p: tr("An order-log condition cannot sit inside another one."),
    "rule_no_orders": lambda **p: tr("This asks about the order log, but no order log is open."),
    "rule_needs_rfm": lambda **p: tr("“{field}” needs an order log or a last purchase date column.",
                                     field=p["field"]),
    "rule_bad_range": lambda **p: tr("Give both ends of the range."),
    "rule_bad_list": lambda **p: tr("Choose at least one value."),
    "rule_bad_period": lambda **p: tr("The period must be a whole number of 0 or more."),
    "segment_rule": lambda **p: tr("Segment “{name}”: {problem}", name=p["name"], problem=_inner(p)),
}


def _inner(params: dict) -> str:
    """The rule problem inside a segment error, in the interface language when its key is known."""
    inner = _TEXTS.get(str(params.get("inner")))
    if inner is not None:
        try:
            return inner(**params)
        except (KeyError, IndexError):
            pass
    return str(params.get("problem", ""))


def _preset_problem(reason: str) -> str:
    """Core's reason a custom preset is refused, in the interface language when it is one the editor can cause."""
    fixed = {"no name": tr("it has no name"), "the name of a built-in preset": tr("a built-in preset has that name"),
             "a column has no header": tr("a column has no header")}
    if reason in fixed:
        return fixed[reason]
    twice = re.fullmatch(r"two columns are headed '(.*)'", reason)
    return tr("two columns are headed “{header}”", header=twice.group(1)) if twice else reason


def _dimension(key: object) -> str:
    """An RFM dimension's name (core names it by key: "recency")."""
    return dimension_name(str(key)) if key in ("recency", "frequency", "monetary") else str(key)


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
