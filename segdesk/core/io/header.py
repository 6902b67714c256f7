"""Finding the header row under report titles and blank rows, and making header names usable."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_NUMBERISH = re.compile(r"^[\s\d.,:/+\-'%₽$€()]*$")
SCAN_ROWS = 40


def _filled(row: Sequence[object]) -> list[str]:
    return [str(c).strip() for c in row if c is not None and str(c).strip()]


def detect_header_row(rows: Sequence[Sequence[object]]) -> int:
    """0-based index of the header among the first rows of a file or sheet.

    The header is the first row that is about as wide as the body below it and mostly words, not numbers:
    report titles above it fill one cell, blank rows none.
    """
    rows = rows[:SCAN_ROWS]
    widths = [len(_filled(r)) for r in rows]
    body = [w for w in widths if w >= 2]
    if not body:
        return next((i for i, w in enumerate(widths) if w), 0)
    typical = Counter(body).most_common(1)[0][0]
    for i, row in enumerate(rows):
        cells = _filled(row)
        if len(cells) < max(2, 0.6 * typical):
            continue
        wordy = sum(not _NUMBERISH.match(c) for c in cells)
        if wordy >= 0.6 * len(cells):
            return i
    return next(i for i, w in enumerate(widths) if w >= 2)


def unique_names(raw: Sequence[object]) -> tuple[list[str], list[str]]:
    """Header cells made into unique, non-empty column names; also the names that were repeated.

    Empty headers become "Column N" (N as the spreadsheet column number); a repeated name gets " (2)", " (3)".
    """
    names: list[str] = []
    seen: set[str] = set()
    repeated: list[str] = []
    for i, cell in enumerate(raw):
        base = " ".join(str(cell).split()) if cell is not None else ""
        base = base or f"Column {i + 1}"
        name, n = base, 1
        if base.casefold() in seen and base not in repeated:
            repeated.append(base)
        while name.casefold() in seen:
            n += 1
            name = f"{base} ({n})"
        seen.add(name.casefold())
        names.append(name)
    return names, repeated
