"""``segdesk segment CUSTOMERS --rules RULES.json [--orders] [--as-of] [--holdout] [--seed] [--preset]
[--format] [--suppression] --out DIR``.

Applies an ordered segment set, exports one list per segment (or one workbook) in a preset's shape with the
exclusions, writes ``DIR/summary.json`` and the export log, prints the counts.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt

    from segdesk.core.export.model import ExportSettings
    from segdesk.core.io.table import ImportedTable
    from segdesk.core.model.dataset import Dataset
    from segdesk.core.segments.assign import SegmentResult
    from segdesk.core.segments.model import SegmentSet


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("segment", help="put customers into ordered, rule-based segments",
                       description="Apply the segments of a rules file in priority order: each customer lands in "
                                   "the first segment it matches. Writes DIR/summary.json and one CSV per "
                                   "segment (all imported columns plus 'segment').")
    p.add_argument("path", help="the customer list (.csv .tsv .txt .xlsx .xlsm .xls .ods)")
    p.add_argument("--rules", required=True, metavar="RULES.json",
                   help='{"segments": [{"name": ..., "rule": {"combinator": "and", "rules": [...]}}, ...]}')
    p.add_argument("--orders", metavar="ORDERS", help="an order log linked to the customers (order-log "
                                                        "conditions, RFM fields, revenue)")
    p.add_argument("--sheet", help="the customer list's sheet (workbooks)")
    from segdesk.cli import add_region

    add_region(p)
    p.add_argument("--as-of", metavar="YYYY-MM-DD",
                   help="the date relative dates count from (default: the day after the latest purchase, else "
                        "today)")
    p.add_argument("--holdout", type=float, metavar="PCT",
                   help="percent of each segment held out as a control group, 0-50 (default: the rules file's, "
                        "else 0)")
    p.add_argument("--seed", type=int, metavar="N", help="the control group's seed (default: the rules file's, "
                                                         "else 0)")
    p.add_argument("--preset", default="excel_csv", metavar="NAME",
                   help="the file shape: excel, excel_csv, excel_csv_eu, mailchimp, klaviyo, brevo, unisender "
                        "(default: excel_csv, UTF-8 CSV with a BOM that Excel opens right)")
    p.add_argument("--format", choices=["csv", "xlsx", "workbook"],
                   help="csv or xlsx: one file per segment; workbook: one XLSX with a summary sheet and a sheet per "
                        "segment (default: the preset's)")
    p.add_argument("--suppression", metavar="FILE", help="a file of emails and/or phones never to export")
    p.add_argument("--out", required=True, metavar="DIR", help="the folder to write (made if missing)")


def run_segment(ns: argparse.Namespace) -> int:
    from dataclasses import replace

    from segdesk.cli_rfm import parse_date
    from segdesk.core.errors import InputError
    from segdesk.core.rules.data import RuleData
    from segdesk.core.segments.assign import assign
    from segdesk.core.segments.model import MAX_HOLDOUT
    from segdesk.core.segments.session import derived_fields

    segments = read_rules(Path(ns.rules))
    if ns.holdout is not None:
        if not 0 <= ns.holdout <= MAX_HOLDOUT:
            raise InputError("segments_bad_holdout", value=ns.holdout)
        segments = replace(segments, holdout=ns.holdout)
    if ns.seed is not None:
        segments = replace(segments, seed=ns.seed)
    dataset = _load(ns)
    assert dataset.customers is not None
    settings, _, derived = derived_fields(dataset.customers, dataset.orders, dataset.link, dataset.mapping,
                                          parse_date(ns.as_of) if ns.as_of else None)
    as_of = settings.as_of
    assert as_of is not None
    data = RuleData(dataset.customers, as_of, derived, dataset.orders, dataset.link, dataset.mapping)
    result = assign(segments, data)
    inputs = tuple(Path(p) for p in (ns.path, ns.orders, ns.rules, ns.suppression) if p)
    out = Path(ns.out)
    body = export_segments(out, dataset.customers, segments, result, as_of, export_settings(ns), inputs)
    _print(body, out)
    return 0


def export_settings(ns: argparse.Namespace) -> ExportSettings:
    """The export the ``--preset``, ``--format`` and ``--suppression`` options ask for."""
    from segdesk.core.export.model import ExportSettings, FileKind, Target

    fmt = getattr(ns, "format", None)
    return ExportSettings(preset=ns.preset, target=Target.WORKBOOK if fmt == "workbook" else Target.FILES,
                          kind=FileKind(fmt) if fmt in ("csv", "xlsx") else None, suppression=ns.suppression)


def export_segments(out: Path, customers: ImportedTable, segments: SegmentSet, result: SegmentResult,
                    as_of: dt.date, settings: ExportSettings, protect: tuple[Path, ...]) -> dict[str, Any]:
    """Plan and write the export with summary.json in the same batch; returns the summary."""
    from segdesk.core.export.exclusions import read_suppression
    from segdesk.core.export.log import LOG_NAME, summary_lists
    from segdesk.core.export.run import ExportReport, export, plan_export
    from segdesk.core.segments.output import summary

    suppression = read_suppression(settings.suppression) if settings.suppression else None
    plan = plan_export(customers, segments, result, settings, suppression)
    body: dict[str, Any] = {}

    def summary_file(report: ExportReport) -> dict[str, bytes]:
        body.update(summary(segments, result, as_of, summary_lists(report)), preset=plan.preset.name,
                    log=LOG_NAME, workbook=report.workbook.name if report.workbook else None,
                    control_workbook=report.control_workbook.name if report.control_workbook else None,
                    removed=list(report.removed))
        return {"summary.json": (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")}

    export(out, customers, plan, as_of, protect, also=summary_file)
    return body


def read_rules(path: Path) -> SegmentSet:
    from segdesk.core.errors import InputError
    from segdesk.core.segments.model import set_from_json

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("missing_file", name=str(path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError("unreadable", name=path.name, reason=str(e)) from None
    try:
        data = json.loads(text)
    except ValueError as e:
        raise InputError("rules_file", name=path.name, reason=str(e)) from None
    return set_from_json(data)


def _load(ns: argparse.Namespace) -> Dataset:
    from segdesk.core.errors import InputError
    from segdesk.core.io import ImportOptions
    from segdesk.core.io.reader import read_table
    from segdesk.core.model.dataset import Dataset
    from segdesk.core.model.orders import link_orders, suggest_order_mapping

    customers = read_table(ns.path, ImportOptions(sheet=ns.sheet, phone_region=ns.region))
    if not ns.orders:
        return Dataset(customers=customers)
    orders = read_table(ns.orders, ImportOptions(orders=True, phone_region=ns.region))
    mapping = suggest_order_mapping(orders)
    if mapping is None:
        raise InputError("no_order_mapping")
    return Dataset(customers, orders, link_orders(customers, orders, mapping, None, ns.region), mapping)


def _print(body: dict[str, Any], out: Path) -> None:
    """Per segment: customers = exported + control (written to its own file) + excluded."""
    print(f"segments as of {body['as_of']}: {body['total']} customer(s); preset {body['preset']}")
    print(f"{'segment':<32}{'customers':>10}{'exported':>10}{'control':>9}{'excluded':>10}{'share':>8}"
          f"{'revenue':>16}")
    for s in body["segments"]:
        flag = "  too small" if s["too_small"] else "" if s["enabled"] else "  disabled"
        excluded = sum(s.get("excluded", {}).values())
        print(f"{s['name'][:31]:<32}{s['customers']:>10}{s.get('exported', 0):>10}{s.get('exported_control', 0):>9}"
              f"{excluded:>10}{s['share']:>8.1%}{s['revenue']:>16.2f}{flag}")
        reasons = ", ".join(f"{k.replace('_', ' ')} {n}" for k, n in s.get("excluded", {}).items() if n)
        if reasons:
            print(f"{'':<4}left out: {reasons}")
    total = body["total"] or 1
    print(f"{'everyone else':<32}{body['everyone_else']:>10}{'':>29}{body['everyone_else'] / total:>8.1%}"
          f"{body['everyone_else_revenue']:>16.2f}")
    files = [f for s in body["segments"] for f in (*s.get("files", []), *s.get("control_files", []))]
    files += [f for f in (body.get("workbook"), body.get("control_workbook")) if f]
    print(f"wrote {len(files)} file(s) of lists, {out / 'summary.json'} and {out / body['log']}")
    if body.get("removed"):
        print(f"removed {len(body['removed'])} file(s) of the previous export that this one does not replace: "
              f"{', '.join(body['removed'])}")
