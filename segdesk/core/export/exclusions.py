"""Who is left out of a mailing list, and why: the suppression list, consent, missing and invalid emails, and
duplicates of a contact already exported.

Each customer gets at most one reason, the first that applies in :class:`Reason`'s order, so the counts in the
summary add up. Duplicates are decided last, across all lists in priority order: the first list (and, within
it, the first row) keeps the contact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segdesk.core.errors import InputError
from segdesk.core.export.model import Reason
from segdesk.core.io.normalize import normalize_emails, normalize_phones
from segdesk.core.io.table import ColumnType, ImportedTable, Role

#: The reasons in checking order; a customer's reason code is its index here plus one (0: not left out).
REASONS: tuple[Reason, ...] = tuple(Reason)
_CODE = {reason: i + 1 for i, reason in enumerate(REASONS)}

#: Consent written as text (a column import did not read as yes/no): these words mean consent, anything else
#: (including an empty cell) means none. Lower case, compared after trimming.
CONSENT_WORDS = frozenset({"yes", "y", "true", "1", "да", "д", "так", "da", "ja", "oui", "si", "sí", "+",
                           "subscribed", "opt-in", "opted in", "opt in", "подписан", "подписана", "согласен",
                           "согласна", "есть"})

#: Cells of a text file: split at line ends and the usual delimiters (not at spaces: "+7 916 123 45 67").
_CELLS = re.compile(r"[^,;\t|\r\n]+")
_EMAIL = re.compile(r"[^\s<>\"'(),;]+@[^\s<>\"'(),;]+")


@dataclass(frozen=True)
class Suppression:
    """Emails (normalised: trimmed, lower case) and phones (E.164) that must never be exported."""

    path: Path | None
    emails: frozenset[str]
    phones: frozenset[str]

    @property
    def size(self) -> int:
        return len(self.emails) + len(self.phones)


def read_suppression(path: str | Path, region: str = "RU") -> Suppression:
    """Every email address and phone number found in ``path`` (a text, CSV or workbook file; headers, names and
    other cells are ignored). Raises :class:`InputError` when the file holds neither."""
    path = Path(path)
    cells = [c.strip().strip("\"'").strip() for c in _cells(path)]
    emails = pd.Series([e for c in cells for e in _EMAIL.findall(c)], dtype="str")
    phones = pd.Series([c for c in cells if "@" not in c and sum(ch.isdigit() for ch in c) >= 5], dtype="str")
    found_emails = set(normalize_emails(emails)[0].dropna()) if len(emails) else set()
    found_phones = set(normalize_phones(phones, region)[0].dropna()) if len(phones) else set()
    if not found_emails and not found_phones:
        raise InputError("suppression_empty", name=path.name)
    return Suppression(path, frozenset(found_emails), frozenset(found_phones))


def _cells(path: Path) -> list[str]:
    if not path.exists():
        raise InputError("suppression_missing", name=str(path))
    if path.is_dir():
        raise InputError("is_folder", name=path.name)
    if path.suffix.lower() in {".xlsx", ".xlsm", ".xls", ".ods"}:
        from segdesk.core.io import ImportOptions
        from segdesk.core.io.reader import read_table

        table = read_table(path, ImportOptions())
        cells = [c.source_name for c in table.columns]
        for name in table.frame.columns:
            cells.extend(str(v) for v in table.frame[name].dropna())
        return cells
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError("unreadable", name=path.name, reason=e.strerror or str(e)) from None
    if b"\x00" in raw[:65_536]:
        # a PDF or an image chosen by mistake: its random digit runs would otherwise pass for phone numbers
        raise InputError("suppression_binary", name=path.name)
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return _CELLS.findall(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    return _CELLS.findall(raw.decode("latin-1"))


def reason_codes(customers: ImportedTable, needs_email: bool, no_consent: bool, invalid_email: bool,
                 suppression: Suppression | None) -> np.ndarray:
    """Per customer: 0 when nothing stops it being exported, else the code of the first reason (duplicates are
    decided later, by :func:`duplicates`)."""
    n = customers.rows
    codes = np.zeros(n, dtype=np.int8)

    def mark(reason: Reason, rows: np.ndarray) -> None:
        codes[(codes == 0) & rows] = _CODE[reason]

    emails, valid = _emails(customers)
    if suppression is not None and suppression.size:
        mark(Reason.SUPPRESSED, _suppressed(customers, emails, suppression))
    if no_consent:
        consent = consent_mask(customers, Role.EMAIL_CONSENT)
        if consent is not None:
            mark(Reason.NO_CONSENT, ~consent)
    present = emails.is_valid().to_numpy(zero_copy_only=False) if emails is not None else np.zeros(n, bool)
    if needs_email:
        mark(Reason.NO_EMAIL, ~present)
    if invalid_email or needs_email:
        # a preset that needs an email cannot take an invalid one: the service would reject the whole row
        mark(Reason.INVALID_EMAIL, present & ~valid)
    return codes


def _emails(customers: ImportedTable) -> tuple[pa.Array | None, np.ndarray]:
    derived = customers.derived
    if "email" not in derived.columns:
        return None, np.zeros(customers.rows, dtype=bool)
    emails = pa.array(derived["email"], type=pa.string(), from_pandas=True)
    return emails, np.asarray(derived["email_valid"], dtype=bool)


def _suppressed(customers: ImportedTable, emails: pa.Array | None, suppression: Suppression) -> np.ndarray:
    hit = np.zeros(customers.rows, dtype=bool)
    if emails is not None and suppression.emails:
        hit |= pc.is_in(emails, pa.array(sorted(suppression.emails), pa.string())).to_numpy(zero_copy_only=False)
    if "phone_e164" in customers.derived.columns and suppression.phones:
        phones = pa.array(customers.derived["phone_e164"], type=pa.string(), from_pandas=True)
        hit |= pc.is_in(phones, pa.array(sorted(suppression.phones), pa.string())).to_numpy(zero_copy_only=False)
    return hit


def consent_mask(customers: ImportedTable, role: Role) -> np.ndarray | None:
    """True where the ``role`` consent column says yes; None when no column has that role. An empty cell is no
    consent: a mailing needs a recorded yes."""
    name = customers.column_for(role)
    if name is None:
        return None
    column = customers.frame[name]
    if customers.column(name).type == ColumnType.BOOLEAN:
        return column.fillna(False).to_numpy(dtype=bool)
    if customers.column(name).type in (ColumnType.NUMBER, ColumnType.INTEGER):
        return (column.fillna(0) != 0).to_numpy(dtype=bool)
    words = pc.utf8_lower(pc.utf8_trim_whitespace(pa.array(column.astype("str").where(column.notna()),
                                                            type=pa.string(), from_pandas=True)))
    return pc.is_in(words, pa.array(sorted(CONSENT_WORDS))).to_numpy(zero_copy_only=False)


def duplicates(customers: ImportedTable, order: np.ndarray) -> np.ndarray:
    """For customer positions in export ``order``: True where the normalised email already appeared earlier in
    the order. Customers without an email are never duplicates of each other."""
    if "email" not in customers.derived.columns or not len(order):
        return np.zeros(len(order), dtype=bool)
    emails = pa.array(customers.derived["email"], type=pa.string(), from_pandas=True).take(pa.array(order))
    codes = pc.dictionary_encode(emails).indices.to_numpy(zero_copy_only=False)
    present = emails.is_valid().to_numpy(zero_copy_only=False)
    codes = np.where(present, codes, -1)
    _, first = np.unique(codes, return_index=True)
    seen = np.ones(len(order), dtype=bool)
    seen[first] = False
    return seen & present


def reason_of(code: int) -> Reason:
    return REASONS[code - 1]
