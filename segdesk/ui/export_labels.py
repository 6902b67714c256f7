"""What the Export page calls core's presets, exclusion reasons and column sources, in the interface language.

Core's preset notes are English research notes with their sources; the page shows these short translated
descriptions of the built-in presets instead (a custom preset says which preset it was made from).
"""

from __future__ import annotations

from segdesk.core.export.model import ColumnSpec, Preset, Reason, Source
from segdesk.core.io.table import ImportedTable, Role
from segdesk.ui.i18n import tr
from segdesk.ui.labels import role_label


def reason_label(reason: Reason) -> str:
    """A column header of the preview: short."""
    return {
        Reason.SUPPRESSED: tr("Suppressed"),
        Reason.NO_CONSENT: tr("No consent"),
        Reason.NO_EMAIL: tr("No email"),
        Reason.INVALID_EMAIL: tr("Invalid email"),
        Reason.DUPLICATE: tr("Duplicates"),
    }[reason]


def reason_tip(reason: Reason) -> str:
    return {
        Reason.SUPPRESSED: tr("Left out: the email or phone is on your suppression list."),
        Reason.NO_CONSENT: tr("Left out: the consent column does not say yes (an empty cell is no consent)."),
        Reason.NO_EMAIL: tr("Left out: this service needs an email address and the customer has none."),
        Reason.INVALID_EMAIL: tr("Left out: the email is not a valid address."),
        Reason.DUPLICATE: tr("Left out: the same email is already on this list or a list above it."),
    }[reason]


def preset_title(preset: Preset) -> str:
    """The preset's name as offered (the services' names are names, not words to translate)."""
    titles = {"excel": tr("Excel workbook (.xlsx)"), "excel_csv": tr("Excel CSV (comma, UTF-8)"),
              "excel_csv_eu": tr("Excel CSV (semicolon, decimal comma)")}
    return titles.get(preset.name, preset.title) if preset.builtin else preset.title


def preset_tip(preset: Preset) -> str:
    """What the preset writes, for its tooltip."""
    if not preset.builtin:
        return tr("Your preset: {headers}.", headers=", ".join(c.header for c in preset.columns))
    return {
        "excel": tr("Every imported column, then the segment, in an Excel workbook."),
        "excel_csv": tr("Every imported column, then the segment; UTF-8 with a BOM so that Excel shows every "
                        "letter, comma-separated, decimal point."),
        "excel_csv_eu": tr("Every imported column, then the segment; semicolon-separated with a decimal comma, "
                           "the way Excel opens CSV with Russian and most European settings."),
        "mailchimp": tr("Email Address, First Name, Last Name, Phone Number, Birthday (month/day) and the segment "
                        "as Tags; UTF-8 CSV. Mailchimp needs an email address."),
        "klaviyo": tr("Email Address first, names, phone (+7…), city, country, organization, birthday and the "
                      "segment as a custom property; UTF-8 CSV, split to stay under Klaviyo's 50 MB."),
        "brevo": tr("EMAIL, FIRSTNAME, LASTNAME, SMS (phone with country code) and SEGMENT; semicolon-separated "
                    "UTF-8, split to stay under Brevo's 250 MB."),
        "unisender": tr("email, Name, phone and the segment as tags; UTF-8 CSV, dates as DD.MM.YYYY, split to stay "
                        "under UniSender's 20 MB."),
    }.get(preset.name, preset.title)


def source_label(spec: ColumnSpec, customers: ImportedTable | None) -> str:
    """Where an exported column's values come from, as the columns table says it."""
    if spec.source == Source.SEGMENT:
        return tr("the segment's name")
    if spec.source == Source.CONSENT:
        return tr("SMS consent (yes/no)") if spec.key == "sms" else tr("email consent (yes/no)")
    if spec.source == Source.COLUMN:
        if customers is not None and spec.key not in customers.frame.columns:
            return tr("“{column}” — not in this file", column=spec.key)
        return tr("column “{column}”", column=spec.key)
    try:
        role = Role(spec.key)
    except ValueError:
        return spec.key
    column = customers.column_for(role) if customers is not None else None
    if customers is not None and column is None:
        return tr("{role} — no such column: left empty", role=role_label(role))
    return tr("{role} (“{column}”)", role=role_label(role), column=column) if column else role_label(role)
