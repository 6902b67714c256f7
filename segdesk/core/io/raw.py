"""What the format readers hand to the typing stage: cells before typing, and where each row came from."""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from segdesk.core.io.cells import may_need_trim
from segdesk.core.io.numbers import without_currency
from segdesk.core.io.table import FileFormat, QualityItem

MAX_ROWS_LISTED = 20
_TOTALS = re.compile(r"^\s*(итого|итоги|всего|всього|разом|total|totals|grand total|sum|ukupno|sveukupno|"
                     r"сумма итого|gesamt|insgesamt|summe|gesamtsumme|endsumme|somme|totaal|totale|totalt|razem|"
                     r"celkem|yhteensä)\b",
                     re.IGNORECASE)


@dataclass
class RawTable:
    """Cells (text, or typed where a workbook cell was a number or date) with unique column names."""

    table: pa.Table
    source_names: list[str]
    source_rows: np.ndarray  # 1-based row of each table row in the file or sheet
    format: FileFormat
    header_row: int  # 1-based
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    quality: list[QualityItem] = field(default_factory=list)
    skipped: int = 0
    notes: list[str] = field(default_factory=list)
    #: set while the cells are still bytes of a single-byte code page: clean_cells turns each column into
    #: UTF-8 text with it, side by side with the trimming (a million-row cp1251 file has ~0.3 s of it)
    decode: Callable[[pa.ChunkedArray], pa.ChunkedArray] | None = None
    #: per column, the header text its role is guessed from when that differs from its name (a workbook's
    #: header cell under a merged group cell)
    role_headers: list[str] | None = None


def rows_item(kind: str, rows: np.ndarray | list[int], message: str, column: str | None = None) -> QualityItem:
    rows = np.asarray(rows, dtype=np.int64)
    return QualityItem(kind, int(len(rows)), tuple(int(r) for r in rows[:MAX_ROWS_LISTED]), column, message, rows)


def clean_cells(raw: RawTable, pool: Executor) -> None:
    """Trim text cells and make empty ones missing, so 'empty' means one thing everywhere.

    Each cleaned column replaces its original as soon as it is done, so the file's text is held about
    once, not twice, at the peak (the table is the largest thing an import holds).
    """
    names = raw.table.column_names
    columns = raw.table.columns
    raw.table = pa.table({})
    futures = [pool.submit(_clean_column, col, raw.decode) for col in columns]
    columns.clear()
    cleaned = [f.result() for f in futures]
    raw.table = pa.table(cleaned, names=names)
    raw.decode = None


def _clean_column(col: pa.ChunkedArray,
                  decode: Callable[[pa.ChunkedArray], pa.ChunkedArray] | None = None) -> pa.ChunkedArray:
    if decode is not None:
        col = decode(col)
    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
        return col
    if not any(may_need_trim(chunk) for chunk in col.chunks):
        return col  # the usual column: a byte or two per cell was looked at, nothing was copied
    col = pc.utf8_trim_whitespace(col)
    empty = pc.equal(col, "")
    if pc.any(empty).as_py():  # cells of spaces only; the readers already made "" missing
        col = pc.if_else(empty, pa.scalar(None, col.type), col)
    return col


def drop_blank_and_totals(raw: RawTable) -> RawTable:
    """Drop rows with no cell filled, notes below the table, and a totals row ("Итого", "Total", "Ukupno"...)
    at the bottom."""
    table = raw.table
    if table.num_columns == 0 or table.num_rows == 0:
        return raw
    cells = np.zeros(table.num_rows, dtype=np.int32)
    for col in table.columns:
        cells += col.is_valid().to_numpy(zero_copy_only=False)
    filled = cells > 0
    blank = np.flatnonzero(~filled)
    keep = filled.copy()
    notes = _notes_below(table, cells)
    if len(notes):
        keep[notes] = False
        raw.quality = _only(raw.quality, raw.source_rows[notes], "short_rows")
        raw.quality.append(rows_item("note_rows", raw.source_rows[notes],
                                     "lines of a single note below the table were not imported"))
    last = np.flatnonzero(keep)
    # A total needs something above it to add up: with a single data row, "Total" is data.
    if len(last) >= 2 and _is_totals(table, int(last[-1])):
        keep[last[-1]] = False
        # A totals row short of cells was listed as a short row: it is only the totals row now.
        raw.quality = _only(raw.quality, raw.source_rows[[last[-1]]], "short_rows")
        raw.quality.append(rows_item("totals_row", raw.source_rows[[last[-1]]],
                                     "a totals row at the bottom was not imported"))
    if len(blank):
        raw.notes.append("1 blank row skipped" if len(blank) == 1 else f"{len(blank)} blank rows skipped")
    dropped = int((~keep).sum())
    if dropped:
        raw.table = table.filter(pa.array(keep))
        raw.source_rows = raw.source_rows[keep]
        raw.skipped += dropped
    return raw


_MAX_NOTES = 3
_NONE = np.array([], dtype=np.int64)


def _notes_below(table: pa.Table, cells: np.ndarray) -> np.ndarray:
    """The last rows (three at most) when a person wrote them for people, not as data: below a totals row, any
    sparse row with words ("Izradio:;Ivan Ivić;;"); otherwise a row of a label and its value ("Datum izvješća:;
    31.12.2023.;;") or of one cell in the first column that reads as a note: a date in it ("Выгружено из CRM
    07.12.2026;;;;"), a footer's words ("Сформировано в 1С", "Prepared by"), a leading mark ("* prices include
    VAT"). A name or a code alone ("Studio 54 d.o.o.;;;", "C-1004;;") stays a row."""
    filled = np.flatnonzero(cells)
    if table.num_columns < 3 or len(filled) < 3:
        return _NONE
    tail = filled[-(_MAX_NOTES + 1):].tolist()
    sparse = [cells[r] <= max(2, table.num_columns // 2) and _has_words(table, r) for r in tail]
    for i in range(len(tail) - 1):
        if all(sparse[i + 1:]) and _is_totals(table, tail[i]):
            return np.asarray(tail[i + 1:], dtype=np.int64)
    first = table.column(0)
    notes: list[int] = []
    for row in reversed(tail[1:]):
        value = first[row].as_py()
        if not isinstance(value, str) or _is_totals(table, row):
            break
        label = cells[row] <= 2 and value.rstrip().endswith(":")
        if not label and not (cells[row] == 1 and _reads_as_a_note(value)):
            break
        notes.append(row)
    return np.asarray(sorted(notes), dtype=np.int64)


# What sign-offs under exported tables say, in the languages the app reads headers in (and German).
_FOOTER_WORDS = re.compile(
    r"выгружен|сформирован|дата (?:выгрузки|отч[её]та|формирования)|отч[её]т (?:сформирован|создан)|исполнитель|"
    r"ответственн|подпись|примечани|exported|generated|printed|prepared by|report date|created (?:by|on|with)|"
    r"source:|izradio|izrađen|izradjen|generiran|ispisan|datum izvje|napomena|erstellt|exportiert|gedruckt",
    re.IGNORECASE)
_DATE_IN_TEXT = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")


_NOTE_MARKS = "*†‡※©—–"  # a footnote's or a sign-off's first character (quotes and brackets open names too)


def _reads_as_a_note(text: str) -> bool:
    """A date in it, a footer's words, or a leading mark ("*", "©", "—"): no customer's name or code."""
    text = text.strip()
    return bool(text) and (text[0] in _NOTE_MARKS or bool(_DATE_IN_TEXT.search(text))
                           or bool(_FOOTER_WORDS.search(text)))


def _has_words(table: pa.Table, row: int) -> bool:
    """Some cell of the row is text with a letter in it (a row of numbers or codes is data)."""
    return any(_words(col[row].as_py()) for col in table.columns)


def _only(quality: list[QualityItem], rows: np.ndarray, kind: str) -> list[QualityItem]:
    """``quality`` with ``rows`` taken out of its findings of ``kind`` (rows now reported as something else)."""
    out = [without_rows(item, rows) if item.kind == kind else item for item in quality]
    return [item for item in out if item.count]


def without_rows(item: QualityItem, rows: np.ndarray) -> QualityItem:
    """A finding minus ``rows`` (Excel row numbers that are gone: merged away, or dropped as totals)."""
    if item.all_rows is None or not len(rows):
        return item
    return rows_item(item.kind, item.all_rows[~np.isin(item.all_rows, rows)], item.message, item.column)


def _is_totals(table: pa.Table, row: int) -> bool:
    """The row's first filled cell, within the first four columns, says "Итого", "Total", "Ukupno"..., and no
    other cell holds a name, a place or an address ("Total Fitness Ltd;Jane Roe;jane@tf.co.uk" is a customer;
    "13 734,56 руб." is an amount)."""
    values = [col[row].as_py() for col in table.columns]
    for i, value in enumerate(values[:4]):
        if value is not None:
            return isinstance(value, str) and bool(_TOTALS.match(value)) and \
                not any(_says_who(v) for v in values[i + 1:])
    return False


_COUNTED = re.compile(r"^[\d\s\u00a0.,]+\s*[^\W\d_]+\.?$")  # "5 заказов", "2 customers", "3 шт."
_CODE = re.compile(r"^[^\W\d_]{2,4}$")  # "RUB", "HR", "USD": a currency or country column's code


def _says_who(value: object) -> bool:
    """Text no totals row holds: an email, or words that are not an amount with its currency, a count ("5
    заказов") or a short code ("RUB") — a name, a city, a code such as "C-1003", an address."""
    if not isinstance(value, str):
        return False
    if "@" in value:
        return True
    text = without_currency(value)
    return _words(text) and not _COUNTED.match(text) and not (_CODE.match(text) and text.isupper())


def _words(value: object) -> bool:
    return isinstance(value, str) and any(c.isalpha() for c in value)
