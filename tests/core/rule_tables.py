"""Small imported tables built straight from a frame, for rule tests (no file round trip needed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from segdesk.core.io.table import ColumnInfo, ColumnType, Detected, FileFormat, ImportedTable, Role


def table_of(frame: pd.DataFrame, types: dict[str, ColumnType], roles: dict[str, Role] | None = None,
             name: str = "customers.csv") -> ImportedTable:
    roles = roles or {}
    columns = [ColumnInfo(c, c, types[c], roles.get(c), int(frame[c].isna().sum())) for c in frame.columns]
    detected = Detected(FileFormat.CSV, "utf-8", ",", ".", "", None, (), 1, None)
    return ImportedTable(Path(name), detected, frame.reset_index(drop=True), columns,
                         np.arange(2, len(frame) + 2, dtype=np.int64), [])
