"""Mailing lists out: presets, who is left out and why, writers (CSV, XLSX, one workbook), the export log."""
