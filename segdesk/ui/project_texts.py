"""What changed in a project's sources, said in the interface language (from the core's report fields)."""

from __future__ import annotations

from segdesk.core.project import ReopenReport, SourceChange
from segdesk.ui.i18n import tr


def report_text(report: ReopenReport) -> str:
    """One paragraph per source that changed or no longer fits the saved choices."""
    parts = [_source(change, customers=True) for change in (report.customers,) if change is not None]
    parts += [_source(change, customers=False) for change in (report.orders,) if change is not None]
    return "\n\n".join(p for p in parts if p)


def _source(change: SourceChange, customers: bool) -> str:
    name = change.path.name
    lines = []
    if change.path != change.saved_path:
        lines.append(tr("Read from {path} (the project named {saved}).", path=str(change.path),
                        saved=str(change.saved_path)))
    if change.changed:
        lines.append(tr("The file changed since the project was saved: {now} rows, {then} then.",
                        now=change.rows_now, then="?" if change.rows_then is None else change.rows_then))
    for label, items in ((tr("Columns no longer in the file: {names}."), change.missing_columns),
                         (tr("New columns: {names}."), change.new_columns),
                         (tr("Column types not applied (the column is gone): {names}."), change.dropped_types),
                         (tr("Column roles not applied (the column is gone): {names}."), change.dropped_roles),
                         (tr("Order-log columns to choose again: {names}."), change.broken_mapping)):
        if items:
            lines.append(label.format(names=", ".join(items)))
    if not lines:
        return ""
    title = tr("Customer list “{name}”", name=name) if customers else tr("Order log “{name}”", name=name)
    return "\n".join([title, *lines])
