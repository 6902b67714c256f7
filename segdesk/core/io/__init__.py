"""Import engine: sniffing, readers (csv/xlsx/xls/ods), column types and roles, normalisation, quality report."""

from segdesk.core.io.reader import SUPPORTED, read_table
from segdesk.core.io.table import (
    ColumnInfo,
    ColumnType,
    DateOrder,
    Detected,
    FileFormat,
    ImportedTable,
    ImportOptions,
    QualityItem,
    Role,
)

__all__ = ["SUPPORTED", "ColumnInfo", "ColumnType", "DateOrder", "Detected", "FileFormat", "ImportOptions",
           "ImportedTable", "QualityItem", "Role", "read_table"]
