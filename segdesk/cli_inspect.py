"""``segdesk inspect PATH [--sheet NAME] [--json]``: what import detects, for people and for scripts."""

from __future__ import annotations

import argparse

from segdesk.core.io import ImportedTable, ImportOptions, read_table
from segdesk.core.io.quality import FILE_KINDS


def inspect_dict(table: ImportedTable) -> dict:
    """The JSON contract of ``inspect --json`` (keys are fixed; see the issue that defines them)."""
    d = table.detected
    return {
        "path": str(table.path),
        "format": d.format.value,
        "encoding": d.encoding,
        "delimiter": d.delimiter,
        "decimal": d.decimal,
        "thousands": d.thousands,
        "sheet": d.sheet,
        "sheets": list(d.sheets),
        "header_row": d.header_row,
        "rows": table.rows,
        "skipped_rows": table.skipped_rows,
        "date_order": d.date_order.value if d.date_order else None,
        "columns": [
            {"name": c.name, "source_name": c.source_name, "type": c.type.value,
             "role": c.role.value if c.role else None, "missing": c.missing, "unparseable": c.unparseable,
             "date_format": c.date_format, "ambiguous_dates": c.ambiguous_dates}
            for c in table.columns
        ],
        "quality": [
            {"kind": q.kind, "count": q.count, "rows": list(q.rows), "column": q.column, "message": q.message}
            for q in table.quality
        ],
        "notes": table.notes,
    }


def run_inspect(ns: argparse.Namespace) -> int:
    from segdesk.cli import print_json

    table = read_table(ns.path, ImportOptions(sheet=ns.sheet, orders=ns.orders,
                                                           phone_region=ns.region))
    info = inspect_dict(table)
    if ns.json:
        print_json(info)
        return 0
    print(_human(info))
    return 0


def _human(info: dict) -> str:
    delim = {"\t": "tab", " ": "runs of spaces", None: "-"}.get(info["delimiter"], info["delimiter"])
    lines = [
        f"{info['path']}",
        f"  format {info['format']}, encoding {info['encoding'] or '-'}, delimiter {delim}, "
        f"decimal {info['decimal']!r}, thousands {info['thousands']!r}",
    ]
    if info["sheets"]:
        lines.append(f"  sheet {info['sheet']!r} of {', '.join(map(repr, info['sheets']))}")
    rows = "1 row" if info["rows"] == 1 else f"{info['rows']} rows"
    lines.append(f"  header on row {info['header_row']}; {rows} imported, {info['skipped_rows']} skipped")
    lines.append("  columns:")
    width = max((len(c["name"]) for c in info["columns"]), default=4)
    for c in info["columns"]:
        role = c["role"] or ""
        lines.append(f"    {c['name']:<{width}}  {c['type']:<8}  {role:<18}  {c['missing']} empty")
    if info["quality"]:
        lines.append("  quality:")
        for q in info["quality"]:
            rows = ", ".join(map(str, q["rows"][:10]))
            count = "" if q["kind"] in FILE_KINDS else q["count"]
            lines.append(f"    {count:>6}  {q['message']}" + (f" (rows {rows})" if rows else ""))
    told = {q["message"] for q in info["quality"]}
    lines.extend(f"  note: {note}" for note in info["notes"] if note not in told)  # once is enough
    return "\n".join(lines)
