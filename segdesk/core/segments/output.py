"""``segdesk segment``'s output folder: ``summary.json`` and one CSV per segment.

Each CSV holds the segment's customers (the control group in a file of its own) with every imported column
plus ``segment``; UTF-8, dates ``YYYY-MM-DD``, text that a spreadsheet would run as a formula prefixed with
``'``. Every file is written to a temporary name and renamed when complete.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from segdesk.core.atomic import write_atomically
from segdesk.core.errors import InputError
from segdesk.core.io.table import ImportedTable
from segdesk.core.rfm.output import neutralise_formulas
from segdesk.core.segments.assign import SegmentResult
from segdesk.core.segments.model import SegmentSet

#: Characters no file name may hold on Windows, macOS or Linux, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def file_names(names: list[str], suffix: str = ".csv") -> list[str]:
    """A safe, unique file name for each segment name (case-insensitive file systems in mind)."""
    taken: set[str] = {"summary.json"}
    found = []
    for name in names:
        stem = _UNSAFE.sub("_", name).strip(" .") or "segment"
        stem = stem[:80].rstrip(" .")
        if stem.casefold() in _RESERVED:
            stem += "_"
        candidate, n = stem, 2
        while (candidate + suffix).casefold() in taken:
            candidate, n = f"{stem} ({n})", n + 1
        taken.add((candidate + suffix).casefold())
        found.append(candidate + suffix)
    return found


def summary(segments: SegmentSet, result: SegmentResult, as_of: dt.date,
            files: list[tuple[str | None, str | None]] | None = None) -> dict[str, Any]:
    """The summary.json object; ``files`` per segment: (its list, its control list) or None when not written."""
    rows = []
    for i, stats in enumerate(result.stats):
        row: dict[str, Any] = {"name": stats.name, "customers": stats.customers, "control": stats.control,
                               "revenue": round(stats.revenue, 6), "matched": stats.matched,
                               "share": round(stats.share, 6), "too_small": stats.too_small,
                               "enabled": stats.enabled}
        if files is not None:
            row["file"], row["control_file"] = files[i]
        rows.append(row)
    return {"as_of": as_of.isoformat(), "total": result.total, "segments": rows,
            "everyone_else": result.everyone_else,
            "everyone_else_revenue": round(result.everyone_else_revenue, 6),
            "holdout": segments.holdout, "seed": segments.seed}


def write_segments(folder: Path, customers: ImportedTable, segments: SegmentSet, result: SegmentResult,
                   as_of: dt.date, protect: tuple[Path, ...] = ()) -> dict[str, Any]:
    """Write every enabled segment's list (and control list) and summary.json into ``folder``."""
    if folder.exists() and not folder.is_dir():
        raise InputError("not_a_folder", name=str(folder))
    if not folder.parent.is_dir():
        raise InputError("no_folder", name=str(folder.parent))
    folder.mkdir(exist_ok=True)
    names = file_names([s.name for s in segments.segments])
    control_names = file_names([f"{s.name} (control)" for s in segments.segments])
    frame = _exportable(customers.frame)
    files: list[tuple[str | None, str | None]] = []
    for i, segment in enumerate(segments.segments):
        if not segment.enabled:
            files.append((None, None))
            continue
        mine = result.assigned == i
        _write_csv(folder / names[i], frame, mine & ~result.control, segment.name, protect)
        control = None
        if result.stats[i].control:
            control = control_names[i]
            _write_csv(folder / control, frame, mine & result.control, segment.name, protect)
        files.append((names[i], control))
    body = summary(segments, result, as_of, files)
    text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"

    def write_summary(temp: Path) -> None:
        temp.write_text(text, encoding="utf-8")
    write_atomically(folder / "summary.json", write_summary, protect)
    return body


def _exportable(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as ``YYYY-MM-DD`` text, formula-like text neutralised; numbers stay numbers."""
    out = {}
    for name in frame.columns:
        col = frame[name]
        if pd.api.types.is_datetime64_any_dtype(col.dtype):
            col = col.dt.strftime("%Y-%m-%d")
        elif isinstance(col.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(col.dtype):
            col = neutralise_formulas(col).where(col.notna())
        out[name] = col
    return pd.DataFrame(out)


def _write_csv(path: Path, frame: pd.DataFrame, rows: np.ndarray, segment: str, protect: tuple[Path, ...]) -> None:
    part = frame[rows].copy()
    # An imported column already called "segment" is the user's data: ours goes beside it, never over it.
    part["segment" if "segment" not in part.columns else "segment (segdesk)"] = segment
    write_atomically(path, lambda temp: part.to_csv(temp, index=False, encoding="utf-8", lineterminator="\n"),
                     protect)
