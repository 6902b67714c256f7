"""Customer keys compared the way people mean them: " 000123" is 123, emails ignore case, phones are E.164."""

from __future__ import annotations

import pandas as pd

from segdesk.core.io.normalize import normalize_emails, normalize_phones
from segdesk.core.io.table import Role


def normalised_keys(values: pd.Series, role: Role, region: str = "RU") -> pd.Series:
    """Comparable keys (object strings, missing where there is no usable key)."""
    if role == Role.EMAIL:
        emails, valid = normalize_emails(_as_text(values))
        return emails.where(valid).astype(object)
    if role == Role.PHONE:
        phones, valid = normalize_phones(_as_text(values), region)
        return phones.where(valid).astype(object)
    text = _as_text(values).str.strip().str.casefold()
    # Ids typed as numbers on one side and as zero-padded codes on the other are the same customer.
    digits = text.str.fullmatch(r"\d+").fillna(False).astype(bool)
    text = text.where(~digits, text.str.lstrip("0").replace("", "0"))
    return text.where(text.str.len() > 0).astype(object)


def _as_text(values: pd.Series) -> pd.Series:
    if values.dtype == "str":
        return values
    if pd.api.types.is_float_dtype(values.dtype):
        values = values.astype("Int64")
    return values.astype("str").where(values.notna())
