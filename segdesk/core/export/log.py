"""The export log: one JSON line per export, appended to ``export-log.jsonl`` in the export folder. Each line
says when, from which file, with which preset, and per list its rule, counts and files with their SHA-256, so
anyone can check later that a file is the one segdesk wrote."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from segdesk.core.atomic import AtomicBatch
from segdesk.core.export.report import ExportReport, ListReport
from segdesk.core.export.writers import WrittenFile, file_sha256

#: The export log's file name (a list never takes it: lists end in .csv or .xlsx).
LOG_NAME = "export-log.jsonl"


def file_entry(f: WrittenFile) -> dict[str, Any]:
    return {"name": f.name, "rows": f.rows, "sha256": f.sha256, "bytes": f.bytes}


def list_entry(item: ListReport) -> dict[str, Any]:
    return {"segment": item.segment, "rule": item.rule, "customers": item.customers, "exported": item.exported,
            "control": item.control, "excluded": item.excluded,
            "files": [file_entry(f) for f in item.files], "control_files": [file_entry(f) for f in item.control_files]}


def log_entry(report: ExportReport) -> dict[str, Any]:
    """What one export did, as the log (and a project's export history) records it."""
    entry: dict[str, Any] = {"time": report.time.isoformat(), "as_of": report.as_of.isoformat(),
                             "source": report.source, "preset": report.preset, "target": report.target.value,
                             "lists": [list_entry(item) for item in report.lists]}
    for key, f in (("workbook", report.workbook), ("control_workbook", report.control_workbook)):
        if f is not None:
            entry[key] = file_entry(f)
    if report.removed:
        entry["removed"] = list(report.removed)
    return entry


def append_log(batch: AtomicBatch, folder: Path, report: ExportReport) -> ExportReport:
    """Add this export's line to the folder's log, as part of ``batch`` (so the log and the files it describes
    appear together). Earlier lines are kept byte for byte, whatever they hold.

    Files the previous export wrote here that this one does not replace (a segment renamed, removed, or
    without a control group now) are removed with the commit, so an old list is never uploaded by mistake;
    only when still exactly as written (same SHA-256): a file the user changed is theirs."""
    path = folder / LOG_NAME
    try:
        before = path.read_bytes()
    except FileNotFoundError:
        before = b""
    if before and not before.endswith(b"\n"):
        before += b"\n"
    removed = _obsolete(folder, before, {f.name.casefold() for f in report.files})
    for name in removed:
        batch.remove_on_commit(folder / name)
    report = replace(report, log=LOG_NAME, removed=tuple(removed))
    line = json.dumps(log_entry(report), ensure_ascii=False, separators=(",", ":")) + "\n"
    batch.stage(path).write_bytes(before + line.encode("utf-8"))
    return report


def _obsolete(folder: Path, log: bytes, kept: set[str]) -> list[str]:
    """Names of the last logged export's files that are unchanged and not written again now."""
    lines = [line for line in log.splitlines() if line.strip()]
    try:
        last = json.loads(lines[-1]) if lines else {}
        files = [f for item in last.get("lists", []) for f in (*item.get("files", []), *item.get("control_files", []))]
        files += [last[k] for k in ("workbook", "control_workbook") if isinstance(last.get(k), dict)]
        named = {str(f["name"]): str(f["sha256"]) for f in files}
    except (ValueError, TypeError, KeyError, AttributeError):
        return []  # a log line segdesk did not write: leave everything as it is
    found = []
    for name, digest in named.items():
        target = folder / name
        if name.casefold() in kept or Path(name).name != name or not target.is_file():
            continue
        if file_sha256(target) == digest:
            found.append(name)
    return sorted(found)


def summary_lists(report: ExportReport) -> dict[str, dict[str, Any]]:
    """Per segment name, what summary.json says of its list: exported, excluded by reason, its files."""
    found = {}
    for item in report.lists:
        files, control = [f.name for f in item.files], [f.name for f in item.control_files]
        found[item.segment] = {"exported": item.exported, "exported_control": item.control, "excluded": item.excluded,
                               "file": files[0] if files else None, "control_file": control[0] if control else None,
                               "files": files, "control_files": control}
    return found
