"""An export from start to end: the plan (:mod:`segdesk.core.export.plan`), then the files, the summary and
the log (:func:`export`, a plain function with a progress callback)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from segdesk.core.atomic import AtomicBatch
from segdesk.core.errors import InputError, ProgressCallback, no_progress
from segdesk.core.export.files import write_files, write_workbook
from segdesk.core.export.log import append_log
from segdesk.core.export.model import Target
from segdesk.core.export.plan import ExportPlan, plan_export
from segdesk.core.export.report import ExportReport
from segdesk.core.io.table import ImportedTable

__all__ = ["ExportPlan", "ExportReport", "export", "plan_export"]


def export(folder: str | Path, customers: ImportedTable, plan: ExportPlan, as_of: dt.date,
           protect: tuple[Path, ...] = (), progress: ProgressCallback = no_progress,
           also: Callable[[ExportReport], dict[str, bytes]] | None = None) -> ExportReport:
    """Write the planned lists into ``folder`` (made if missing, its parent must exist), with the export log.
    Every file is complete or absent: a failure or a cancel (``progress`` raising ``Cancelled``) leaves the
    folder as it was. ``also``: more files (by name) made from the report, written in the same batch (the
    command line's summary.json)."""
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
