"""``segdesk segment``'s summary.json, and safe file names for segments (the lists themselves are written by
:mod:`segdesk.core.export`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

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
        stem = stem[:80].rstrip(" .")  # " (control)" and " (part 1 of 2)" may follow: names stay far below 255
        if stem.casefold() in _RESERVED:
            stem += "_"
        candidate, n = stem, 2
        while (candidate + suffix).casefold() in taken:
            candidate, n = f"{stem} ({n})", n + 1
        taken.add((candidate + suffix).casefold())
        found.append(candidate + suffix)
    return found


def summary(segments: SegmentSet, result: SegmentResult, as_of: dt.date,
            lists: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The summary.json object; ``lists`` by segment name: what the export wrote (counts, exclusions, files)."""
    rows = []
    for stats in result.stats:
        row: dict[str, Any] = {"name": stats.name, "customers": stats.customers, "control": stats.control,
                               "revenue": round(stats.revenue, 6), "matched": stats.matched,
                               "share": round(stats.share, 6), "too_small": stats.too_small,
                               "enabled": stats.enabled}
        if lists is not None:
            row.update(lists.get(stats.name, {"exported": 0, "excluded": {}, "file": None, "control_file": None,
                                              "files": [], "control_files": []}))
        rows.append(row)
    return {"as_of": as_of.isoformat(), "total": result.total, "segments": rows,
            "everyone_else": result.everyone_else,
            "everyone_else_revenue": round(result.everyone_else_revenue, 6),
            "holdout": segments.holdout, "seed": segments.seed}
