"""What the import views run on a TaskRunner: the core's import steps, and the live preview."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from segdesk.core.errors import ProgressCallback, no_progress
from segdesk.core.io.reader import SUPPORTED, read_table
from segdesk.core.io.table import ImportedTable, ImportOptions
from segdesk.core.model.dataset import Dataset, import_customers, import_orders, load_demo, scaled

__all__ = ["PREVIEW_ROWS", "ImportResult", "file_patterns", "import_customers", "import_orders", "load_demo",
           "read_preview", "scaled"]

#: Data rows read for the live preview of the import dialog.
PREVIEW_ROWS = 200


#: What an import produced (the core's Dataset: customers, orders, link, mapping).
ImportResult = Dataset


def file_patterns() -> str:
    """The file kinds import reads, as a file-dialog filter ("*.csv *.xlsx …")."""
    return " ".join(f"*{suffix}" for suffix in SUPPORTED)


def read_preview(path: str | Path, options: ImportOptions, progress: ProgressCallback = no_progress) -> ImportedTable:
    return read_table(path, replace(options, max_rows=PREVIEW_ROWS), progress)


