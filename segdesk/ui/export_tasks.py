"""What the Export page runs on its TaskRunners: reading the suppression list, planning the preview, and the
export itself, each a plain function with a progress callback (core's functions that take none get one here).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from segdesk.core.errors import ProgressCallback, no_progress
from segdesk.core.export.exclusions import Suppression, read_suppression
from segdesk.core.export.model import ExportSettings
from segdesk.core.export.run import ExportPlan, ExportReport, export, plan_export
from segdesk.core.io.table import ImportedTable
from segdesk.core.segments.session import SegmentsReport


@dataclass(frozen=True, eq=False)
class ExportInput:
    """Everything an export of the segments shown is computed from (except the user's settings)."""

    customers: ImportedTable
    report: SegmentsReport
    as_of: dt.date
    sources: tuple[Path, ...] = ()  # the user's input files: never written over


def load_suppression(path: str, region: str = "RU", progress: ProgressCallback = no_progress) -> Suppression:
    progress(0.0, "reading the suppression list")
    return read_suppression(path, region)


def usable_segments(report: SegmentsReport) -> list[str]:
    """The names of the segments that can be exported: enabled, with a rule that fits the data."""
    return [s.name for i, s in enumerate(report.segments.segments) if s.enabled and not report.problems[i]]


def plan(data: ExportInput, settings: ExportSettings, suppression: Suppression | None,
         progress: ProgressCallback = no_progress) -> ExportPlan:
    """Who goes on which list (the preview). "Every segment" means every usable one: a segment whose rule does
    not fit the data counts no one, and would be written as an empty list."""
    progress(0.0, "planning")
    if settings.segments is None:
        settings = replace(settings, segments=tuple(usable_segments(data.report)))
    return plan_export(data.customers, data.report.segments, data.report.result, settings, suppression)


def run_export(folder: str, data: ExportInput, settings: ExportSettings, suppression: Suppression | None,
               progress: ProgressCallback = no_progress) -> ExportReport:
    """Plan again (the preview may be a moment old) and write the files into ``folder``."""
    planned = plan(data, settings, suppression)
    return export(folder, data.customers, planned, data.as_of, protect=data.sources, progress=progress)


def demo_input(language: str = "en", holdout: float = 5.0) -> ExportInput:
    """The demo shop's customers in its lifecycle stages, with a control group (running the page alone, tests)."""
    from segdesk.core.model.dataset import load_demo
    from segdesk.core.segments.model import SegmentSet
    from segdesk.core.segments.session import evaluate_segments, prepare
    from segdesk.core.segments.templates import lifecycle_segments
    from segdesk.ui.rfm_samples import DEMO

    data = load_demo(DEMO)
    assert data.customers is not None
    prepared = prepare(data.customers, data.orders, data.link, data.mapping, None)
    report = evaluate_segments(SegmentSet(tuple(lifecycle_segments(language)), holdout=holdout), prepared)
    return ExportInput(data.customers, report, prepared.as_of)
