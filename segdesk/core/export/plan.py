"""Who goes on which list: the customers of each chosen segment, who is left out and why, and the control
group (:func:`plan_export`, cheap enough for a live preview)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from segdesk.core.export.exclusions import REASONS, Suppression, duplicates, reason_codes
from segdesk.core.export.model import ExportError, ExportSettings, FileKind, Preset, Reason, Target
from segdesk.core.export.presets import find_preset
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
