"""What the interface calls core's enums and quality kinds, in the interface language.

Core hands out stable names (``ColumnType.DATE``, ``Role.BIRTH_DATE``, quality kind ``invalid_email``); the
words a user reads are chosen here, so a label can change without touching saved files.
"""

from __future__ import annotations

from segdesk.core.io.table import ColumnType, QualityItem, Role
from segdesk.ui.i18n import tr


def type_label(column_type: ColumnType) -> str:
    return {
        ColumnType.TEXT: tr("text"),
        ColumnType.NUMBER: tr("number"),
        ColumnType.INTEGER: tr("integer"),
        ColumnType.DATE: tr("date"),
        ColumnType.BOOLEAN: tr("yes/no"),
        ColumnType.CATEGORY: tr("category"),
    }[column_type]


def role_label(role: Role | None) -> str:
    if role is None:
        return tr("no role")
    return {
        Role.CUSTOMER_ID: tr("customer id"),
        Role.EMAIL: tr("email"),
        Role.PHONE: tr("phone"),
        Role.FIRST_NAME: tr("first name"),
        Role.LAST_NAME: tr("last name"),
        Role.FULL_NAME: tr("full name"),
        Role.CITY: tr("city"),
        Role.COUNTRY: tr("country"),
        Role.GENDER: tr("gender"),
        Role.BIRTH_DATE: tr("birth date"),
        Role.SIGNUP_DATE: tr("signup date"),
        Role.LAST_PURCHASE_DATE: tr("last purchase date"),
        Role.TOTAL_SPENT: tr("total spent"),
        Role.ORDERS_COUNT: tr("orders count"),
        Role.EMAIL_CONSENT: tr("email consent"),
        Role.SMS_CONSENT: tr("SMS consent"),
        Role.TAGS: tr("tags"),
        Role.COMPANY: tr("company"),
        Role.INDUSTRY: tr("industry"),
        Role.ORDER_ID: tr("order id"),
        Role.ORDER_DATE: tr("order date"),
        Role.AMOUNT: tr("amount"),
        Role.PRODUCT: tr("product"),
        Role.PRODUCT_CATEGORY: tr("product category"),
    }[role]


#: Quality kinds whose rows are not in the imported table (they were skipped), so they cannot be filtered to.
SKIPPED_KINDS = frozenset({"skipped_rows", "ragged_rows", "totals_row", "note_rows", "duplicate_header"})


def quality_title(item: QualityItem) -> str:
    """A short title for a quality finding, with its column when it has one."""
    titles = {
        "skipped_rows": tr("Rows not imported"),
        "ragged_rows": tr("Rows with a wrong number of cells"),
        "short_rows": tr("Short rows: the missing cells were left empty"),
        "other_encoding": tr("Detection reads this file in another encoding"),
        "totals_row": tr("Totals row skipped"),
        "note_rows": tr("Notes below the table skipped"),
        "invalid_email": tr("Invalid emails"),
        "duplicate_email": tr("Duplicate emails"),
        "invalid_phone": tr("Phones that can't be normalised"),
        "empty_key": tr("Rows with no customer id, email or phone"),
        "unparseable": tr("Values that don't fit the column type"),
        "ambiguous_dates": tr("Dates where day and month can't be told apart"),
        "ambiguous_decimal": tr("Numbers that read two ways (1,500: 1.5 or 1500)"),
        "duplicate_header": tr("Duplicate column names"),
        "encoding": tr("Characters that could not be decoded"),
        "nul_bytes": tr("NUL bytes removed"),
        "format_mismatch": tr("File type differs from its extension"),
        "unknown_customer": tr("Orders of unknown customers"),
        "repeated_order_total": tr("The same amount on every line of an order"),
    }
    title = titles.get(item.kind)
    if title is None:
        # a kind newer than this interface: core's English sentence is better than nothing
        title = item.message or item.kind
    if item.column:
        return tr("{title} — {column}", title=title, column=item.column)
    return title
