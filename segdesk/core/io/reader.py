"""``read_table``: any supported file in, a typed table with roles and a quality report out."""

from __future__ import annotations

import codecs
import os
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow as pa

from segdesk.core.errors import InputError, ProgressCallback, no_progress
from segdesk.core.io import infer, roles, sniff
from segdesk.core.io.numbers import detect_separators
from segdesk.core.io.quality import CONTACT_ROLES, build_quality, start_contacts
from segdesk.core.io.raw import RawTable, clean_cells, drop_blank_and_totals
from segdesk.core.io.table import (
    ColumnInfo,
    ColumnType,
    DateOrder,
    Detected,
    FileFormat,
    ImportedTable,
    ImportOptions,
    QualityItem,
    Role,
)
from segdesk.core.io.text_reader import is_utf8, read_text, read_text_file, text_encoding
from segdesk.core.io.workbook_reader import read_workbook
from segdesk.core.memory import return_freed_memory

SUPPORTED = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")


_DEFAULTS = ImportOptions()


def read_table(path: str | Path, options: ImportOptions = _DEFAULTS,
               progress: ProgressCallback | None = None) -> ImportedTable:
    """Import a customer list or order log. The file is only read.

    Raises :class:`InputError` with a one-line message for anything a user can fix; ``progress`` may raise
    :class:`Cancelled`.
    """
    progress = progress or no_progress
    path = Path(path)
    progress(0.0, "reading the file")
    raw = _read_raw(path, options, progress)
    clean_cells(raw, _POOL)
    raw = drop_blank_and_totals(raw)
    if raw.table.num_rows == 0:
        if raw.skipped and raw.format == FileFormat.CSV:  # every row skipped: the wrong header row, most likely
            raise InputError("no_row_fits", rows=raw.skipped, header=raw.header_row)
        raise InputError("no_rows_sheet", sheet=raw.sheet) if raw.sheet else InputError("no_rows")
    return _typed(path, raw, options, progress, _POOL)


def _read_raw(path: Path, options: ImportOptions, progress: ProgressCallback) -> RawTable:
    head = _read_bytes(path, limit=sniff.SAMPLE_BYTES + 3)  # + a BOM: the sample is of the text after it
    if not head:
        raise InputError("empty_file")
    fmt, note = sniff.sniff_format(head[: sniff.SAMPLE_BYTES], path.suffix)
    if fmt == FileFormat.CSV:
        if options.encoding is None and sniff.looks_binary(head[: sniff.SAMPLE_BYTES]):
            raise InputError("binary")  # the user's choice of encoding is trusted
        encoding = text_encoding(head, options)
        raw = read_text_file(path, head, encoding, options, progress)
        if raw is None:  # something to mend, or nothing to gain: the whole file is read into memory
            raw = read_text(_read_bytes(path), path, options, progress, encoding)
        if options.encoding is not None:
            raw.quality.extend(_other_encoding(head, options.encoding))
    else:
        raw = read_workbook(path, fmt, options, progress)
    if note:
        raw.notes.append(note)
        raw.quality.append(QualityItem("format_mismatch", 1, (), None, note))
    return raw


def _other_encoding(head: bytes, chosen: str) -> list[QualityItem]:
    """A finding when detection would read the file in another encoding than the user chose.

    A wrong code page still decodes every byte (koi8-r makes "Иванов" of cp1251 into "йБЮМНБ"), so nothing
    else would say so; the column is the encoding detection found.
    """
    found = sniff.detect_encoding(head[: sniff.SAMPLE_BYTES])
    if (is_utf8(found) and is_utf8(chosen)) or _codec_name(found) == _codec_name(chosen):
        return []
    return [QualityItem("other_encoding", 1, (), found, f"the file reads as {found}, not the chosen {chosen}")]


def _codec_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _read_bytes(path: Path, limit: int = -1) -> bytes:
    name = path.name or str(path)
    try:
        with path.open("rb") as f:
            return f.read(limit)
    except FileNotFoundError as e:
        raise InputError("missing_file", name=name) from e
    except IsADirectoryError as e:
        raise InputError("is_folder", name=name) from e
    except PermissionError as e:
        raise InputError("locked", name=name) from e
    except OSError as e:
        raise InputError("unreadable", name=name, reason=e.strerror or str(e)) from e


# Arrow kernels release the GIL: typing columns side by side uses both cores of a small laptop.
_WORKERS = min(4, os.cpu_count() or 1)


def _started_pool() -> ThreadPoolExecutor:
    """One pool for every import, its threads started now, by whoever imports this module.

    A pool per call would start Python threads from inside the GUI's Qt worker threads on every import;
    a long-lived pool started at import time (the main thread, in the app) does that once.
    """
    pool = ThreadPoolExecutor(max_workers=_WORKERS, thread_name_prefix="segdesk-import")
    ready = threading.Barrier(_WORKERS + 1)
    for _ in range(_WORKERS):
        pool.submit(ready.wait)  # each waits for the others, so every worker thread gets started
    ready.wait()
    return pool


_POOL = _started_pool()
return_freed_memory()  # before the first import allocates: its buffers come and go by the column


def _typed(path: Path, raw: RawTable, options: ImportOptions, progress: ProgressCallback,
           pool: ThreadPoolExecutor) -> ImportedTable:
    hints = _file_hints(raw, options)
    header_roles = _header_roles(raw, options)
    # Emails and phones named by their headers are normalised while the other columns are typed.
    # (Text columns only: a workbook's phones stored as numbers are read once typed as integers.)
    # Of two such columns ("Рабочий телефон", "Мобильный телефон") the fuller one, as _final_roles will choose.
    contacts: dict[Role, str] = {}
    for name, role in header_roles.items():
        column = raw.table.column(name)
        if role in CONTACT_ROLES and pa.types.is_string(column.type) and (
                role not in contacts or column.null_count < raw.table.column(contacts[role]).null_count):
            contacts[role] = name
    early = start_contacts(pool, {role: (name, raw.table.column(name).to_pandas()) for role, name in contacts.items()},
                           raw.source_rows, options.phone_region, options.orders)
    # The typing tasks take the file's columns over: each is let go once typed, so the cells of a million
    # rows are not held twice while emails and phones are checked.
    columns = dict(zip(raw.table.column_names, raw.table.columns, strict=True))
    raw.table = raw.table.select([])
    converted = _convert_all(pool, columns, header_roles, options, hints, progress)
    hints = _settle_date_order(converted, header_roles, options, hints)
    frame = pd.DataFrame({name: conv.series.reset_index(drop=True) for name, conv in converted.items()},
                         copy=False)
    role_of = _final_roles(converted, header_roles, options)
    progress(0.85, "checking quality")
    derived, quality = build_quality(frame, role_of, converted, raw, options.phone_region, pool, early,
                                     options.orders)
    email_col = next((k for k, v in role_of.items() if v == Role.EMAIL), None)
    if email_col is not None:
        frame[email_col] = derived["email"]
    infos = [_column_info(name, raw.source_names[i] if i < len(raw.source_names) else name, conv,
                          role_of.get(name), frame[name]) for i, (name, conv) in enumerate(converted.items())]
    detected = Detected(raw.format, raw.encoding, raw.delimiter, hints.decimal, hints.thousands, raw.sheet,
                        raw.sheets, raw.header_row, hints.date_order or _date_order_read(converted))
    progress(1.0, "done")
    return ImportedTable(path, detected, frame, infos, raw.source_rows, quality, raw.skipped, derived, raw.notes,
                         replace(options, max_rows=None))


def _column_info(name: str, source: str, conv: infer.Converted, role: Role | None, values: pd.Series) -> ColumnInfo:
    bad = int(conv.bad.sum()) if conv.bad is not None else 0
    return ColumnInfo(name, source, conv.type, role, int(values.isna().sum()) - bad, bad, conv.date_format,
                      conv.ambiguous)


def _convert_all(pool: ThreadPoolExecutor, columns: dict[str, pa.ChunkedArray], header_roles: dict[str, Role | None],
                 options: ImportOptions, hints: infer.FileHints,
                 progress: ProgressCallback) -> dict[str, infer.Converted]:
    """Type every column; ``columns`` is emptied as the tasks take the columns over."""
    names = list(columns)
    futures = {name: pool.submit(_convert, columns.pop(name), header_roles.get(name),
                                 options.column_types.get(name), hints, name) for name in names}
    try:
        for done, _ in enumerate(as_completed(futures.values()), start=1):
            progress(0.3 + 0.5 * done / max(len(names), 1), "typing columns")
    except BaseException:  # Cancelled from the progress callback: drop the columns not started yet
        for future in futures.values():
            future.cancel()
        raise
    return {name: futures[name].result() for name in names}


def _file_hints(raw: RawTable, options: ImportOptions) -> infer.FileHints:
    samples: list[str] = []
    for col in raw.table.columns:
        if pa.types.is_string(col.type):
            samples.extend(v for v in infer.sample_of(col).to_pylist()[:300] if v)
    found = detect_separators(samples, options.decimal, raw.delimiter)
    decimal = found.decimal
    if options.decimal is None and raw.delimiter == "," and decimal == ",":
        decimal = "."  # unquoted decimal commas cannot live in a comma-separated file
    return infer.FileHints(decimal, found.thousands if options.thousands is None else options.thousands,
                           options.date_order, decimal_chosen=options.decimal is not None,
                           order_chosen=options.date_order is not None, decimal_guessed=found.guessed,
                           workbook=raw.format != FileFormat.CSV, month_first=options.phone_region in _MONTH_FIRST)


# Where dates are written month first: the United States and the territories that use its phone numbers (and
# the Philippines, Micronesia, Palau and the Marshall Islands).
_MONTH_FIRST = frozenset({"US", "PR", "GU", "VI", "AS", "MP", "UM", "PH", "FM", "PW", "MH"})


def _header_roles(raw: RawTable, options: ImportOptions) -> dict[str, Role | None]:
    found: dict[str, Role | None] = {}
    own = raw.role_headers or raw.source_names
    for name, source, header in zip(raw.table.column_names, raw.source_names, own, strict=False):
        found[name] = (roles.role_from_header(header, orders=options.orders) if header and header != source
                       else None) or roles.role_from_header(source or name, orders=options.orders)
    found.update({name: role for name, role in options.column_roles.items() if name in found})
    return found


def _convert(values: pa.ChunkedArray, role: Role | None, forced: ColumnType | None,
             hints: infer.FileHints, name: str = "") -> infer.Converted:
    if pa.types.is_null(values.type):
        values = values.cast(pa.string())
    if role in roles.DATE_ROLES and not roles.names_a_date(name):
        role = None  # plain numbers under "Days since last purchase" stay numbers, not Excel serial days
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        conv = infer.convert_text(values, hints, role, forced)
    else:
        conv = infer.convert_typed(values, role, forced, hints)
    if conv.ambiguous:
        conv.source = values  # typed again once another column settles the date order
    return conv


def _settle_date_order(converted: dict[str, infer.Converted], header_roles: dict[str, Role | None],
                       options: ImportOptions, hints: infer.FileHints) -> infer.FileHints:
    """One export writes all its dates one way: a column that can't tell day from month follows one that can."""
    decided = [c.date_order for c in converted.values() if c.date_order is not None]
    if options.date_order is not None or not decided:
        return hints
    settled = replace(hints, date_order=decided[0])
    for name, conv in converted.items():
        if conv.ambiguous and conv.source is not None:  # _convert keeps the cells for exactly this
            converted[name] = _convert(conv.source, header_roles.get(name),
                                       options.column_types.get(name), settled, name)
            converted[name].ambiguous = False
    return settled


def _date_order_read(converted: dict[str, infer.Converted]) -> DateOrder | None:
    """How the file's dates written as text were read (for "Auto: day.month.year"): day and month first win
    over year first, which every file reads alike."""
    firsts = [conv.date_format[:2] for conv in converted.values() if conv.date_format]
    if not firsts:
        return None
    first = next((f for f in firsts if f != "%Y"), "%Y")
    return DateOrder.YMD if first == "%Y" else DateOrder.MDY if first == "%m" else DateOrder.DMY


def _final_roles(converted: dict[str, infer.Converted], header_roles: dict[str, Role | None],
                 options: ImportOptions) -> dict[str, Role]:
    """One column per role: the user's choice, then header names that fit the type, then the values."""
    out: dict[str, Role] = {}
    taken: set[Role] = set()
    for name, role in options.column_roles.items():
        # One column per role, even when the user marks two: the first keeps it.
        if role is not None and name in converted and role not in taken:
            out[name] = role
            taken.add(role)
    # Columns named for a role and of a type that fits it; of several, the one with the most cells that look the
    # part ("Мобильный телефон" over a mostly empty "Рабочий телефон" or a да/нет "Телефон подтверждён"), the
    # first on a tie.
    candidates: dict[Role, list[str]] = {}
    for name, role in header_roles.items():
        if name in out or name in options.column_roles or role is None:
            continue
        if role not in taken and roles.fits_type(role, converted[name].type):
            candidates.setdefault(role, []).append(name)
    for wanted, names in candidates.items():
        best = max(names, key=lambda name: (roles.preference(wanted, name, converted[name].type),
                                            int(converted[name].series.notna().sum())
                                            * roles.value_share(wanted, converted[name].sample), -names.index(name)))
        out[best] = wanted
        taken.add(wanted)
    for name, conv in converted.items():
        if name in out or name in options.column_roles or conv.type not in (ColumnType.TEXT, ColumnType.CATEGORY,
                                                                            ColumnType.INTEGER):
            continue
        role = roles.role_from_values(conv.sample, conv.type) if conv.sample is not None else None
        if role is not None and role not in taken:
            out[name] = role
            taken.add(role)
    return out
