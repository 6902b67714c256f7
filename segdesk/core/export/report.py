"""What an export wrote: per list its counts and files, and for the whole export its time, source, preset and
log (the export log's entries are made from it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from segdesk.core.export.model import Target
from segdesk.core.export.writers import WrittenFile


@dataclass(frozen=True)
class ListReport:
    segment: str
    rule: str  # the rule as a sentence
    customers: int
    exported: int
    control: int
    excluded: dict[str, int]
    files: tuple[WrittenFile, ...] = ()
    control_files: tuple[WrittenFile, ...] = ()


@dataclass(frozen=True)
class ExportReport:
    folder: Path
    time: dt.datetime
    as_of: dt.date
    source: str  # the customer file's name
    preset: str
    target: Target
    lists: tuple[ListReport, ...]
    workbook: WrittenFile | None = None  # the WORKBOOK target's file
    control_workbook: WrittenFile | None = None  # ... and its control groups' file
    log: str = ""  # the log file's name
    removed: tuple[str, ...] = ()  # the previous export's files this one made obsolete (removed)

    @property
    def files(self) -> list[WrittenFile]:
        found = [f for item in self.lists for f in (*item.files, *item.control_files)]
        return found + [f for f in (self.workbook, self.control_workbook) if f is not None]
