"""What the RFM page runs on its TaskRunner: core calls chained into one report, each a plain function.

Everything the page shows is computed here, off the GUI thread: the source (reading an order log of ten
million lines into arrays), the scores, and the summaries and grid the page paints. The page itself only
formats numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from segdesk.core.errors import ProgressCallback, no_progress
from segdesk.core.io.table import ImportedTable
from segdesk.core.model.dataset import scaled
from segdesk.core.rfm.analysis import (
    GridCell,
    RfmResult,
    RfmSettings,
    compute_rfm,
    grid_cells,
    lifecycle_summary,
    segment_summary,
)
from segdesk.core.rfm.analysis import rescore as core_rescore
from segdesk.core.rfm.purchases import Source, default_as_of, purchases_from_tables
from segdesk.core.rfm.scoring import ScoreRange
from segdesk.core.rfm.select import Group, groups


@dataclass(frozen=True, eq=False)
class RfmReport:
    """One RFM computation and everything the page shows of it."""

    source: Source
    latest_as_of: Any  # dt.date: the default as-of date of the source
    result: RfmResult
    cells: list[GridCell]
    segments: pd.DataFrame  # core.rfm.analysis.segment_summary
    stages: pd.DataFrame  # core.rfm.analysis.lifecycle_summary
    ranges: list[ScoreRange]
    groups: list[Group]


def report_of(source: Source, result: RfmResult, latest_as_of: Any = None) -> RfmReport:
    """The summaries of ``result`` (``latest_as_of`` defaults to the source's)."""
    latest = latest_as_of if latest_as_of is not None else default_as_of(source)
    return RfmReport(source, latest, result, grid_cells(result), segment_summary(result), lifecycle_summary(result),
                     result.ranges(), groups(result))


def load(customers: ImportedTable, orders: ImportedTable | None, link: Any, mapping: Any, settings: RfmSettings,
         progress: ProgressCallback = no_progress) -> RfmReport:
    """New data: prepare the source (the order log, or the customer list's summary columns), then score it."""
    progress(0.0, "reading purchases")
    source = purchases_from_tables(customers, orders, link, mapping)
    return compute(source, settings, scaled(progress, 0.5, 1.0))


def compute(source: Source, settings: RfmSettings, progress: ProgressCallback = no_progress) -> RfmReport:
    """A new as-of date (or new data): aggregate and score."""
    result = compute_rfm(source, settings, scaled(progress, 0.0, 0.8))
    progress(0.85, "summing up")
    return report_of(source, result)


def rescore(report: RfmReport, settings: RfmSettings, progress: ProgressCallback = no_progress) -> RfmReport:
    """Same as-of date, other bins, scoring, map or lifecycle thresholds: no aggregation."""
    progress(0.1, "scoring")
    result = core_rescore(report.result, settings)
    progress(0.6, "summing up")
    return report_of(report.source, result, report.latest_as_of)
