"""An export from start to end: who goes on which list (:func:`plan_export`, cheap enough for a live preview),
then the files, the summary and the log (:func:`export`, a plain function with a progress callback).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from segdesk.core.atomic import AtomicBatch
from segdesk.core.errors import InputError, ProgressCallback, no_progress
from segdesk.core.export.exclusions import REASONS, Suppression, duplicates, reason_codes
from segdesk.core.export.model import ExportError, ExportSettings, FileKind, Preset, Reason, Target
from segdesk.core.export.presets import find_preset
from segdesk.core.export.writers import WrittenFile
from segdesk.core.io.table import ImportedTable
from segdesk.core.segments.assign import SegmentResult
from segdesk.core.segments.model import Segment, SegmentSet


@dataclass(frozen=True)
class ListPlan:
    """One segment's list: the customers written to it and to its control file, and who is left out why."""

    index: int  # the segment's position in the set
    segment: Segment
    customers: int  # assigned to the segment (after priority), control group included
    rows: np.ndarray  # positions of the customers on the list, in file order
    control: np.ndarray  # positions of the control group's customers (written to their own file)
    excluded: dict[Reason, int]

    @property
    def excluded_total(self) -> int:
        return sum(self.excluded.values())


@dataclass(frozen=True)
class ExportPlan:
    preset: Preset
    settings: ExportSettings
    kind: FileKind  # the file kind of a FILES target (a workbook is always XLSX)
    lists: tuple[ListPlan, ...]
    total: int  # customers in the data


def chosen_segments(segments: SegmentSet, names: tuple[str, ...] | None) -> list[int]:
    """Positions of the enabled segments to export: ``names`` (every enabled one when None)."""
    by_name = {s.name.casefold(): i for i, s in enumerate(segments.segments)}
    if names is None:
        picked = list(range(len(segments.segments)))
    else:
        picked = []
        for name in names:
            if name.casefold() not in by_name:
                raise ExportError("export_unknown_segment", name=name)
            picked.append(by_name[name.casefold()])
    found = sorted({i for i in picked if segments.segments[i].enabled})
    if not found:
        raise ExportError("export_no_segments")
    return found


def plan_export(customers: ImportedTable, segments: SegmentSet, result: SegmentResult, settings: ExportSettings,
                suppression: Suppression | None = None) -> ExportPlan:
    """Who is written where. Exclusions are checked per customer in :class:`Reason`'s order; duplicates across
    lists in priority order (the first list keeps the contact); the control group is what remains of the
    segment's held-out customers."""
    preset = find_preset(settings.preset, settings.custom_presets)
    kind = FileKind.XLSX if settings.target == Target.WORKBOOK else (settings.kind or preset.kind)
    picked = chosen_segments(segments, settings.segments)
    codes = reason_codes(customers, preset.needs_email, settings.exclude_no_consent,
                         settings.exclude_invalid_email, suppression)
    members = [np.flatnonzero(result.assigned == i) for i in picked]
    eligible = [m[codes[m] == 0] for m in members]
    order = np.concatenate(eligible) if eligible else np.zeros(0, np.int64)
    dup = duplicates(customers, order) if settings.exclude_duplicates else np.zeros(len(order), bool)
    lists, start = [], 0
    for i, mine, ok in zip(picked, members, eligible, strict=True):
        repeated = dup[start:start + len(ok)]
        start += len(ok)
        kept = ok[~repeated]
        held = result.control[kept]
        counts = np.bincount(codes[mine], minlength=len(REASONS) + 1)
        excluded: dict[Reason, int] = {reason: int(counts[k + 1]) for k, reason in enumerate(REASONS)
                                       if reason != Reason.DUPLICATE}
        excluded[Reason.DUPLICATE] = int(repeated.sum())
        lists.append(ListPlan(i, segments.segments[i], len(mine), kept[~held], kept[held], excluded))
    return ExportPlan(preset, settings, kind, tuple(lists), customers.rows)


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


def export(folder: str | Path, customers: ImportedTable, plan: ExportPlan, as_of: dt.date,
           protect: tuple[Path, ...] = (), progress: ProgressCallback = no_progress,
           also: Callable[[ExportReport], dict[str, bytes]] | None = None) -> ExportReport:
    """Write the planned lists into ``folder`` (made if missing, its parent must exist), with the export log.
    Every file is complete or absent: a failure or a cancel (``progress`` raising ``Cancelled``) leaves the
    folder as it was. ``also``: more files (by name) made from the report, written in the same batch (the
    command line's summary.json)."""
    from segdesk.core.export.files import write_files, write_workbook
    from segdesk.core.export.log import append_log

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError("not_a_folder", name=str(folder))
    if not folder.parent.is_dir():
        raise InputError("no_folder", name=str(folder.parent))
    folder.mkdir(exist_ok=True)
    with AtomicBatch(protect) as batch:
        if plan.settings.target == Target.WORKBOOK:
            report = write_workbook(batch, folder, customers, plan, as_of, progress)
        else:
            report = write_files(batch, folder, customers, plan, as_of, progress)
        progress(0.99, "export log")
        for name, data in (also(report) if also else {}).items():
            batch.stage(folder / name).write_bytes(data)
        report = append_log(batch, folder, report)
    progress(1.0, "done")
    return report
