"""The built-in export presets: a generic Excel workbook, two CSV shapes for Excel, and the contact-import shape of
four mailing services, each learnt from the service's own help pages (stored copies, read in 2025).

Decisions
---------
* Generic presets (``excel``, ``excel_csv``, ``excel_csv_eu``) write every imported column, then the segment
  (``columns=()``), need no email and keep phones as imported. ``excel_csv`` is UTF-8 with a BOM, comma and decimal
  point; ``excel_csv_eu`` is the same with ``;`` and a decimal comma, which Excel expects where the comma is the
  decimal separator (Russia, most of Europe). Dates are ISO (YYYY-MM-DD), which Excel reads in every locale.
* Service presets write only the columns the service's import recognises, headed with the names its import
  matches automatically; UTF-8 without a BOM (a BOM could end up in the first header); phones in E.164
  (``+79161234567``): the one form every service documents or accepts for international numbers.
* No service preset writes a consent column: Mailchimp, Klaviyo, Brevo and UniSender all set the subscription
  status (or SMS consent) once for the whole import in their import screens, so consent only excludes
  customers here. UniSender's ``email_status`` column belongs to its API (``importContacts``), not to its file
  import, and writing "unsubscribed" for a customer whose consent is merely unknown would unsubscribe them.
* The segment's name goes where the service can group contacts by it: Mailchimp "Tags", Klaviyo a custom
  property "Segment", Brevo a custom attribute SEGMENT (Brevo creates attributes during the mapping step),
  UniSender "tags". Tag columns split on commas (Mailchimp, UniSender), so a segment name with a comma becomes
  two tags there.
* ``max_bytes`` only where a service documents a file-size limit per import (Klaviyo 50 MB, Brevo 250 MB,
  UniSender 20 MB, read as decimal megabytes so as to stay under the limit); no service documents a row limit
  for file imports. Mailchimp's own pages read here state no file limit, so none is set.

Sources
-------
* Mailchimp: https://mailchimp.com/help/format-guidelines-for-your-import-file/ (email address required, columns
  matched to audience fields), http://kb.mailchimp.com/lists/growth/format-list-fields (UTF-8, headers matching
  field labels, birthdays as Month/Day), https://mailchimp.com/developer/marketing/docs/merge-fields/ (default
  fields FNAME, LNAME, ADDRESS, PHONE).
* Klaviyo: https://help.klaviyo.com/hc/en-us/articles/115005078967 (CSV, 50 MB, first column "Email Address" or
  "Phone Number", Klaviyo property names map automatically, custom properties by header, birthday "1992-06-21"),
  https://help.klaviyo.com/hc/en-us/articles/360046055671 (phone formats, E.164, country required),
  https://help.klaviyo.com/hc/en-us/articles/360039859932 (dates YYYY-MM-DD or MM/DD/YYYY),
  https://help.klaviyo.com/hc/en-us/articles/360035428731 (SMS consent applies to the whole import).
* Brevo: https://help.brevo.com/hc/en-us/articles/208729849 (250 MB, CSV/XLSX/TXT, ``;`` ``,`` or tab, UTF-8 or
  Windows-1252, default attributes EMAIL FIRSTNAME LASTNAME SMS, new attributes created while mapping),
  https://developers.brevo.com/changelog/sms-number-validation-improved (SMS needs the country code),
  https://developers.brevo.com/reference/importcontacts-1 (the API's CSV body is semicolon-separated).
* UniSender: https://www.unisender.com/en/support/how-to-start/how-to-import/ (csv/txt/xls/xlsx, 20 MB, UTF-8,
  comma/semicolon/tab), https://www.unisender.com/en/support/api/partners/importcontacts/ (system fields email,
  phone, tags (comma-separated), email_status).
"""

from __future__ import annotations

from segdesk.core.export.model import ColumnSpec, ExportError, FileKind, PhoneFormat, Preset, Source
from segdesk.core.io.table import Role

_MB = 1_000_000


def _role(role: Role, header: str) -> ColumnSpec:
    return ColumnSpec(Source.ROLE, role.value, header)


def _segment(header: str) -> ColumnSpec:
    return ColumnSpec(Source.SEGMENT, "", header)


EXCEL = Preset(
    name="excel", title="Excel workbook", kind=FileKind.XLSX, phone_format=PhoneFormat.AS_IS, needs_email=False,
    encoding="utf-8-sig",  # when CSV is chosen instead: a BOM, or Excel reads Cyrillic as garbage
    notes="Every imported column, then the segment, in an .xlsx workbook.")

EXCEL_CSV = Preset(
    name="excel_csv", title="Excel CSV", encoding="utf-8-sig", phone_format=PhoneFormat.AS_IS, needs_email=False,
    notes="Every imported column, then the segment; UTF-8 with a BOM so that Excel shows non-Latin letters, "
          "comma-separated with a decimal point.")

EXCEL_CSV_EU = Preset(
    name="excel_csv_eu", title="Excel CSV (;)", delimiter=";", decimal=",", encoding="utf-8-sig",
    phone_format=PhoneFormat.AS_IS, needs_email=False,
    notes="Every imported column, then the segment; semicolon-separated with a decimal comma, as Excel opens CSV "
          "where the comma is the decimal separator (Russian and most European settings).")

MAILCHIMP = Preset(
    name="mailchimp", title="Mailchimp", date_format="%m/%d",
    columns=(_role(Role.EMAIL, "Email Address"), _role(Role.FIRST_NAME, "First Name"),
             _role(Role.LAST_NAME, "Last Name"), _role(Role.PHONE, "Phone Number"),
             _role(Role.BIRTH_DATE, "Birthday"), _segment("Tags")),
    notes="Mailchimp matches columns to audience fields by their labels, needs an email address, reads UTF-8 and "
          "birthdays as Month/Day (https://mailchimp.com/help/format-guidelines-for-your-import-file/, "
          "http://kb.mailchimp.com/lists/growth/format-list-fields); not confirmed: a Tags column (comma-separated "
          "tags), a phone field set to international format, and any file-size limit.")

KLAVIYO = Preset(
    name="klaviyo", title="Klaviyo", max_bytes=50 * _MB,
    columns=(_role(Role.EMAIL, "Email Address"), _role(Role.FIRST_NAME, "First Name"),
             _role(Role.LAST_NAME, "Last Name"), _role(Role.PHONE, "Phone Number"), _role(Role.CITY, "City"),
             _role(Role.COUNTRY, "Country"), _role(Role.COMPANY, "Organization"),
             _role(Role.BIRTH_DATE, "Birthday"), _segment("Segment")),
    notes="Klaviyo takes a CSV of at most 50 MB whose first column is \"Email Address\", maps Klaviyo property "
          "names, keeps other headers as custom properties, reads dates as YYYY-MM-DD and E.164 phones "
          "(https://help.klaviyo.com/hc/en-us/articles/115005078967, "
          "https://help.klaviyo.com/hc/en-us/articles/360046055671); not confirmed: \"Organization\" as an "
          "upload header.")

BREVO = Preset(
    name="brevo", title="Brevo", delimiter=";", max_bytes=250 * _MB,
    columns=(_role(Role.EMAIL, "EMAIL"), _role(Role.FIRST_NAME, "FIRSTNAME"), _role(Role.LAST_NAME, "LASTNAME"),
             _role(Role.PHONE, "SMS"), _segment("SEGMENT")),
    notes="Brevo matches headers named after its attributes EMAIL, FIRSTNAME, LASTNAME and SMS (phone with country "
          "code), reads ; , or tab in UTF-8 or Windows-1252 and files up to 250 MB "
          "(https://help.brevo.com/hc/en-us/articles/208729849); FIRSTNAME/LASTNAME are named after the "
          "account's language, and the date format for date attributes is not confirmed.")

UNISENDER = Preset(
    name="unisender", title="UniSender", date_format="%d.%m.%Y", max_bytes=20 * _MB,
    columns=(_role(Role.EMAIL, "email"), _role(Role.FIRST_NAME, "Name"), _role(Role.PHONE, "phone"),
             _segment("tags")),
    notes="UniSender imports csv/txt/xls/xlsx files up to 20 MB in UTF-8 and knows the fields email, phone and "
          "tags (comma-separated) (https://www.unisender.com/en/support/how-to-start/how-to-import/, "
          "https://www.unisender.com/en/support/api/partners/importcontacts/); not confirmed: automatic matching "
          "of these headers in the file import, the \"Name\" field, the phone format and the date format.")

#: The built-in presets, in the order they are offered. Their names are saved in projects: never change them.
BUILTIN_PRESETS: tuple[Preset, ...] = (EXCEL, EXCEL_CSV, EXCEL_CSV_EU, MAILCHIMP, KLAVIYO, BREVO, UNISENDER)

_BUILTIN_NAMES = frozenset(p.name.casefold() for p in BUILTIN_PRESETS)
_ROLES = frozenset(r.value for r in Role)


def builtin_presets() -> tuple[Preset, ...]:
    return BUILTIN_PRESETS


def find_preset(name: str, custom: tuple[Preset, ...] = ()) -> Preset:
    """The preset called ``name``: built-in names are reserved, so a built-in wins over a custom of that name."""
    for preset in (*BUILTIN_PRESETS, *custom):
        if preset.name == name:
            return preset
    choices = ", ".join(dict.fromkeys(p.name for p in (*BUILTIN_PRESETS, *custom)))
    raise ExportError("export_unknown_preset", name=name, choices=choices)


def custom_preset(name: str, title: str, base: Preset, columns: tuple[ColumnSpec, ...]) -> Preset:
    """The user's preset: ``base``'s file shape with the chosen (renamed) columns; raises ExportError if invalid."""
    name = name.strip()
    reason = _name_problem(name) or _columns_problem(columns)
    if reason:
        raise ExportError("export_bad_preset", name=name or "?", reason=reason)
    return Preset(name=name, title=title.strip() or name, kind=base.kind, delimiter=base.delimiter,
                  decimal=base.decimal, encoding=base.encoding, eol=base.eol, date_format=base.date_format,
                  phone_format=base.phone_format, columns=columns, needs_email=base.needs_email,
                  consent_words=base.consent_words, max_rows=base.max_rows, max_bytes=base.max_bytes,
                  notes="", builtin=False)


def _name_problem(name: str) -> str:
    if not name:
        return "no name"
    return "the name of a built-in preset" if name.casefold() in _BUILTIN_NAMES else ""


def _columns_problem(columns: tuple[ColumnSpec, ...]) -> str:
    seen: set[str] = set()
    for spec in columns:
        header = spec.header.strip().casefold()
        if not header:
            return "a column has no header"
        if header in seen:
            return f"two columns are headed '{spec.header.strip()}'"
        seen.add(header)
        problem = _source_problem(spec)
        if problem:
            return problem
    return ""


def _source_problem(spec: ColumnSpec) -> str:
    if spec.source is Source.ROLE and spec.key not in _ROLES:
        return f"'{spec.key}' is not a column role"
    if spec.source is Source.CONSENT and spec.key not in ("email", "sms"):
        return f"a consent column is for email or sms, not '{spec.key}'"
    if spec.source is Source.COLUMN and not spec.key:
        return f"the column '{spec.header}' names no imported column"
    return ""
