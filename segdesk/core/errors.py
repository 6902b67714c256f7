"""Errors a user is meant to read, and cooperative cancellation.

An :class:`InputError` carries a stable ``key`` and its ``params`` besides the English sentence, so that the
interface can say the same thing in the user's language (``segdesk.ui.error_messages``) while the command
line prints the English one.
"""

from __future__ import annotations

from collections.abc import Callable

#: English sentences for every user error the core raises, by stable key.
MESSAGES: dict[str, str] = {
    "empty_file": "the file is empty",
    "no_data": "the file has no data: it is empty or holds only blank lines",
    "no_rows": "the file has a header but no data rows",
    "no_rows_sheet": "the sheet '{sheet}' has a header but no data rows; choose another sheet",
    "no_row_fits": "all {rows} rows below row {header} have another number of cells; is row {header} the header?",
    "binary": "this is not a table: the file holds binary data, not text or a workbook",
    "missing_file": "the file '{name}' does not exist (moved or deleted?)",
    "is_folder": "'{name}' is a folder, not a file",
    "locked": "the file '{name}' is locked or not readable; close it in other programs",
    "unreadable": "could not read '{name}': {reason}",
    "header_past_end": "row {row} is past the end of the file",
    "blank_header": "row {row} is empty, so it can't be the header: choose the row with the column names",
    "bad_encoding": "the file is not valid {encoding} text (byte {offset}); choose another encoding",
    "unknown_encoding": "unknown encoding '{encoding}'",
    "bad_text": "the file could not be read as delimited text: {reason}",
    "password": "the workbook is password-protected; save a copy without a password and open that",
    "damaged_workbook": "the workbook is damaged or incomplete (truncated?) and cannot be read; "
                        "open it in Excel and save it again",
    "no_sheets": "the workbook has no sheets",
    "empty_sheet": "the sheet '{sheet}' is empty",
    "no_such_sheet": "the workbook has no sheet named '{sheet}' (sheets: {sheets})",
    "mapping_missing_column": "the order log has no column '{column}' for the {field}",
    "mapping_wrong_type": "the {field} column '{column}' holds {actual}, not {expected}",
    "no_link_column": "the customer list has no {role} column to link orders by",
    "no_keys": "the column '{column}' has no usable customer keys",
    "no_order_mapping": "the order log has no recognisable customer, date and amount columns",
    "rfm_no_source": "RFM needs an order log, or a customer list with a last purchase date column",
    "rfm_missing_column": "there is no column '{column}'",
    "rfm_not_dates": "the column '{column}' does not hold dates",
    "rfm_not_numbers": "the column '{column}' does not hold numbers",
    "rfm_no_purchases": "there are no purchases in the data: no order line has a known customer, a date and "
                        "an amount of 0 or more (returns are not purchases)",
    "rfm_bins": "the number of bins must be 3, 4 or 5 (got {bins})",
    "rfm_threshold_count": "{bins} bins need {expected} {dimension} thresholds (got {got})",
    "rfm_threshold_order": "the {dimension} thresholds must go up, each bigger than the one before",
    "rfm_bad_pattern": "'{pattern}' is not an RFM code pattern (write e.g. 5[4-5] or [1-2][3-4])",
    "rfm_bad_map": "the RFM map is not valid ({reason})",
    "rfm_unknown_map": "unknown RFM map '{name}' (choose {choices})",
    "rfm_movement_dates": "the first as-of date must come before the second",
    "rfm_segment_no_name": "segment {number} of the RFM map needs an English name",
    "chart_format": "a chart is saved as PNG or SVG, not as '{name}'",
    "chart_not_shown": "the chart has no size yet; show it on screen, then export it",
    "lifecycle_thresholds": "lifecycle thresholds must grow: new ({new}) ≤ active ({active}) < lost ({lost}) days",
    "would_overwrite_source": "'{name}' is one of the input files; segdesk never writes over its sources",
    "no_folder": "the folder '{name}' does not exist",
    "cannot_write": "could not write '{name}': {reason}",
    "bad_out_suffix": "the output must end in .csv or .xlsx (got '{name}')",
    "rfm_missing_option": "the order log's {field} column was not found; name it with {option}",
    "bad_date": "'{value}' is not a date; write it as YYYY-MM-DD",
    "rule_not_group": "{where} must be a group: {{\"combinator\": \"and\", \"rules\": [...]}}",
    "rule_not_object": "{where} is not a JSON object",
    "rule_unknown_node": "{where} is neither a group, a condition (with \"field\") nor an order-log condition",
    "rule_bad_combinator": "{where}: the combinator must be \"and\" or \"or\" (got '{value}')",
    "rule_bad_not": "{where}: \"not\" must be true or false",
    "rule_bad_rules": "{where}: \"rules\" must be a list",
    "rule_unknown_operator": "{where}: unknown operator '{operator}'",
    "rule_no_field": "{where} names no field",
    "rule_bad_orders": "{where}: \"orders\" must be an object with \"where\" and \"within\"",
    "rule_bad_aggregate": "{where}: the aggregate must be count, sum or exists (got '{value}')",
    "rule_bad_period": "{where}: a period is {{\"amount\": N, \"unit\": \"days\"}} with N a whole number of 0 "
                       "or more",
    "rule_bad_unit": "{where}: the unit must be days, weeks, months or years (got '{value}')",
    "rule_bad_range": "{where}: '{operator}' needs two values, [low, high]",
    "rule_bad_list": "{where}: '{operator}' needs a list of values",
    "rule_bad_value": "{where}: '{operator}' needs one value (text, a number or a date)",
    "rule_unknown_field": "{where}: there is no field '{field}' (not a column, a role or a derived field)",
    "rule_unknown_order_field": "{where}: the order log has no column '{field}'",
    "rule_operator_type": "{where}: '{operator}' does not apply to '{field}' ({type})",
    "rule_value_not_date": "{where}: '{value}' is not a date; write it as YYYY-MM-DD",
    "rule_value_not_bool": "{where}: '{value}' is not yes or no",
    "rule_value_not_number": "{where}: '{value}' is not a number",
    "rule_nested_orders": "{where}: an order-log condition cannot sit inside another one",
    "rule_no_orders": "{where} asks about the order log, but no order log is open",
    "rules_file": "the rules file '{name}' is not valid JSON: {reason}",
    "segments_no_list": "the rules file must hold {{\"segments\": [...]}}",
    "segments_bad_holdout": "the control group share must be a percentage from 0 to 50 (got {value})",
    "segments_bad_seed": "the seed must be a whole number (got {value})",
    "segment_not_object": "segment {number} is not a JSON object",
    "segment_no_name": "segment {number} has no name",
    "segment_duplicate_name": "two segments are named '{name}'",
    "segment_no_rule": "segment '{name}' has no rule",
    "segment_bad_option": "segment '{name}': the colour must be text and \"enabled\" true or false",
    "segment_rule": "segment '{name}', {problem}",
    "not_a_folder": "'{name}' is a file, not a folder",
    "rule_needs_rfm": "{where} uses '{field}', which needs an order log or a last purchase date column",
    # export
    "export_bad_column": "an exported column must name its source, key and header (got {value})",
    "export_bad_preset": "the export preset '{name}' is not valid: {reason}",
    "export_bad_settings": "the export settings are not valid: {reason}",
    "export_unknown_preset": "unknown export preset '{name}' (choose {choices})",
    "export_unknown_segment": "there is no segment named '{name}' to export",
    "export_no_segments": "there is nothing to export: no enabled segment is chosen",
    "export_no_column": "the export column '{header}' comes from '{key}', which the customer list does not have",
    "export_cannot_encode": "'{value}' in column '{column}' cannot be written in {encoding}; choose a UTF-8 preset",
    "run_no_out": "the project has no export folder; name one with --out",
    "suppression_missing": "the suppression list '{name}' does not exist (moved or deleted?)",
    "suppression_binary": "the suppression list '{name}' is not a text, CSV or workbook file",
    "suppression_empty": "the suppression list '{name}' holds no email address or phone number",
    # project (keys below are the project file's)
    "project_invalid": "the project '{name}' is not valid: {detail}",
    "project_not_project": "'{name}' is not a segdesk project file",
    "project_not_text": "the project '{name}' is damaged: it is not UTF-8 text",
    "project_not_json": "the project '{name}' is damaged (not valid JSON): {reason}",
    "project_newer": "the project '{name}' was made by a newer segdesk (file version {version}; this one reads up to "
                     "version {supported}); update segdesk to open it",
    "project_mapping_gone": "the order log '{name}' has no column '{column}' for the {field} any more; "
                            "choose the {field} column again",
    "project_no_source": "the project has no {kind} to replace with '{name}'",
}



class InputError(Exception):
    """A problem with the user's input, described in one human line (no traceback reaches the user).

    ``InputError("no_rows")`` or ``InputError("missing_file", name="x.csv")`` uses the catalogue;
    any other text is taken as the sentence itself (key "other").
    """

    def __init__(self, key_or_message: str, **params: object) -> None:
        template = MESSAGES.get(key_or_message)
        self.key = key_or_message if template is not None else "other"
        self.params = params
        super().__init__(template.format(**params) if template is not None else key_or_message)


class Cancelled(Exception):  # noqa: N818 - a signal, not a failure
    """Raised by a progress callback to stop long work cooperatively."""


#: ``progress(fraction, message)``: fraction in 0..1; the callback may raise :class:`Cancelled`.
ProgressCallback = Callable[[float, str], None]


def no_progress(fraction: float, message: str) -> None:
    """The default progress callback: ignores everything."""
