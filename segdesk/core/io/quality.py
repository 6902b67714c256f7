"""The data-quality report, and the normalised email and phone values it is built on."""

from __future__ import annotations

from concurrent.futures import Executor, Future
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segdesk.core.io.normalize import normalize_emails, normalize_phones
from segdesk.core.io.raw import RawTable, rows_item
from segdesk.core.io.table import QualityItem, Role

if TYPE_CHECKING:
    from segdesk.core.io.infer import Converted

_KEY_ROLES = (Role.CUSTOMER_ID, Role.EMAIL, Role.PHONE)


CONTACT_ROLES = (Role.EMAIL, Role.PHONE)
#: Findings about the file as a whole (text named .xlsx, another encoding than chosen, repeated column names):
#: no rows to count.
FILE_KINDS = frozenset({"format_mismatch", "other_encoding", "duplicate_header"})
Started = dict[Role, tuple[str, Future]]


def start_contacts(pool: Executor, columns: dict[Role, tuple[str, pd.Series]], rows: np.ndarray,
                   region: str, orders: bool = False) -> Started:
    """Begin normalising the email and phone columns (the slowest checks) on ``pool``.

    ``orders``: the file is an order log, where one customer's email on many lines is what is expected.
    """
    started: Started = {}
    for role, (name, values) in columns.items():
        if role == Role.EMAIL:
            started[role] = (name, pool.submit(_email_items, values, rows, name, not orders))
        elif role == Role.PHONE:
            started[role] = (name, pool.submit(_phone_items, values, rows, name, region))
    return started


def build_quality(frame: pd.DataFrame, role_of: dict[str, Role], converted: dict[str, Converted],
                  raw: RawTable, region: str, pool: Executor | None = None,
                  started: Started | None = None, orders: bool = False) -> tuple[pd.DataFrame, list[QualityItem]]:
    """Normalise emails and phones and list every problem with the rows where it occurs.

    ``started`` holds work begun early by :func:`start_contacts`; it is used when the final role of that
    column is still the same, and redone otherwise.
    """
    rows = raw.source_rows
    items = list(raw.quality)
    derived = pd.DataFrame(index=frame.index)
    by_role = {role: name for name, role in role_of.items()}
    wanted = {role: (by_role[role], frame[by_role[role]]) for role in CONTACT_ROLES if role in by_role}
    ready = {role: job for role, job in (started or {}).items() if wanted.get(role, ("",))[0] == job[0]}
    ready.update(start_contacts(pool or _Inline(), {r: c for r, c in wanted.items() if r not in ready}, rows,
                                region, orders))
    for role in CONTACT_ROLES:
        if role in ready:
            columns, found = ready[role][1].result()
            for key, values in columns.items():
                derived[key] = values
            items += found
    # A row is only keyless when none of its id, email and phone is filled: a customer without an email but
    # with a phone (an order line with a phone but no email) is still told apart and linked.
    keys = [by_role[role] for role in _KEY_ROLES if role in by_role]
    if keys:
        empty = np.logical_and.reduce([frame[name].isna().to_numpy() for name in keys])
        if empty.any():
            named = keys[0] if len(keys) == 1 else ", ".join(keys[:-1]) + " or " + keys[-1]
            items.append(rows_item("empty_key", rows[empty], f"rows with no {named}",
                                   keys[0] if len(keys) == 1 else None))
    for name, conv in converted.items():
        if conv.bad is not None and conv.bad.any():
            items.append(rows_item("unparseable", rows[conv.bad],
                                   f"{name}: values that are not a valid {conv.type.value} were left empty", name))
        if conv.unsure is not None:
            read = frame[name].iloc[int(np.flatnonzero(conv.unsure)[0])]
            how = "" if pd.isna(read) else f"; read as {read:g}"
            items.append(rows_item("ambiguous_decimal", rows[conv.unsure],
                                   f'{name}: numbers such as "{conv.unsure_example}" can be read two ways{how} — '
                                   "if that is wrong, change the decimal mark", name))
        if conv.ambiguous:
            items.append(QualityItem("ambiguous_dates", int(frame[name].notna().sum()), (), name,
                                     f"{name}: day and month cannot be told apart; read as "
                                     f"{'month' if (conv.date_format or '').startswith('%m') else 'day'} first — "
                                     "change the date order if that is wrong"))
    return derived, items


def _email_items(column: pd.Series, rows: np.ndarray, name: str,
                 repeats: bool = True) -> tuple[dict, list[QualityItem]]:
    normalised, valid = normalize_emails(column)
    # Kept as Arrow-backed text: an object array would hold a million Python strings for the import's life.
    derived = {"email": normalised.reset_index(drop=True), "email_valid": valid}
    filled = normalised.notna().to_numpy()
    items = []
    invalid = filled & ~valid
    if invalid.any():
        items.append(rows_item("invalid_email", rows[invalid], f"{name}: invalid addresses", name))
    dup = _repeats(normalised) if repeats else None
    if dup is not None and dup.any():
        items.append(rows_item("duplicate_email", rows[dup], f"{name}: rows whose address appears more than once",
                               name))
    return derived, items


def _phone_items(column: pd.Series, rows: np.ndarray, name: str, region: str) -> tuple[dict, list[QualityItem]]:
    # Numbers stored as numbers (a workbook's) are judged as the text a user sees; missing stays missing.
    text = column if column.dtype == "str" else column.astype("str").where(column.notna())
    e164, valid = normalize_phones(text, region)
    derived = {"phone_e164": e164.reset_index(drop=True), "phone_valid": valid}
    bad = column.notna().to_numpy() & ~valid
    if bad.any():
        return derived, [rows_item("invalid_phone", rows[bad], f"{name}: phone numbers that cannot be normalised",
                                   name)]
    return derived, []


def _repeats(values: pd.Series) -> np.ndarray:
    """True for each filled value that appears more than once in the column, its first row included, so
    the rows that share an address can be looked at together (Arrow hashing: no Python strings are made)."""
    encoded = pc.dictionary_encode(pa.array(values, from_pandas=True))
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    filled = codes >= 0
    counts = np.bincount(codes[filled], minlength=len(encoded.dictionary))
    shared = np.zeros(len(codes), dtype=bool)
    shared[filled] = counts[codes[filled]] > 1
    return shared


class _Inline(Executor):
    """An executor that runs the call at once (when no pool is shared)."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN202
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future
