"""``segdesk segment CUSTOMERS --rules RULES.json [--orders ORDERS] [--as-of] [--holdout] [--seed] --out DIR``.

Applies an ordered segment set, writes ``DIR/summary.json`` and one CSV per segment, prints the counts.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from segdesk.core.model.dataset import Dataset
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
    p.add_argument("--as-of", metavar="YYYY-MM-DD",
                   help="the date relative dates count from (default: the day after the latest purchase, else "
                        "today)")
    p.add_argument("--holdout", type=float, metavar="PCT",
                   help="percent of each segment held out as a control group, 0-50 (default: the rules file's, "
                        "else 0)")
    p.add_argument("--seed", type=int, metavar="N", help="the control group's seed (default: the rules file's, "
                                                         "else 0)")
    p.add_argument("--out", required=True, metavar="DIR", help="the folder to write (made if missing)")


def run_segment(ns: argparse.Namespace) -> int:
    from dataclasses import replace

    from segdesk.cli_rfm import parse_date
    from segdesk.core.errors import InputError
    from segdesk.core.rules.data import RuleData
    from segdesk.core.segments.assign import assign
    from segdesk.core.segments.model import MAX_HOLDOUT
    from segdesk.core.segments.output import write_segments
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
    inputs = tuple(Path(p) for p in (ns.path, ns.orders, ns.rules) if p)
    out = Path(ns.out)
    body = write_segments(out, dataset.customers, segments, result, as_of, protect=inputs)
    _print(body, out)
    return 0


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

    customers = read_table(ns.path, ImportOptions(sheet=ns.sheet))
    if not ns.orders:
        return Dataset(customers=customers)
    orders = read_table(ns.orders, ImportOptions(orders=True))
    mapping = suggest_order_mapping(orders)
    if mapping is None:
        raise InputError("no_order_mapping")
    return Dataset(customers, orders, link_orders(customers, orders, mapping, None, "RU"), mapping)


def _print(body: dict[str, Any], out: Path) -> None:
    print(f"segments as of {body['as_of']}: {body['total']} customer(s)")
    print(f"{'segment':<32}{'customers':>10}{'control':>9}{'share':>8}{'revenue':>16}  ")
    for s in body["segments"]:
        flag = "  too small" if s["too_small"] else "" if s["enabled"] else "  disabled"
        print(f"{s['name'][:31]:<32}{s['customers']:>10}{s['control']:>9}{s['share']:>8.1%}{s['revenue']:>16.2f}"
              f"{flag}")
    total = body["total"] or 1
    print(f"{'everyone else':<32}{body['everyone_else']:>10}{'':>9}{body['everyone_else'] / total:>8.1%}"
          f"{body['everyone_else_revenue']:>16.2f}")
    print(f"wrote {out / 'summary.json'}")
