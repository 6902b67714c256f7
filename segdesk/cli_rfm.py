"""``segdesk rfm FILE [--customer/--date/--amount/--order COL] [--as-of] [--bins] [--map] --out OUT``.

Writes one row per customer with the derived fields and prints a summary of the segments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from segdesk.core.rfm import RfmResult
    from segdesk.core.rfm.load import LoadedSource

# core.rfm.BUILTIN_MAPS, written out so that `segdesk --help` need not load pandas; a test keeps them equal.
MAP_CHOICES = ("rf10", "rfm11")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rfm", help="score customers by recency, frequency and monetary value",
                       description="Compute RFM scores, segments and lifecycle stages from an order log (or a "
                                   "customer list with last purchase date, orders count and total spent).")
    p.add_argument("path", help="the order log or customer list (.csv .tsv .txt .xlsx .xlsm .xls .ods)")
    p.add_argument("--customer", metavar="COL", help="the customer key column (default: detected)")
    p.add_argument("--date", metavar="COL", help="the order date column (default: detected)")
    p.add_argument("--amount", metavar="COL", help="the order amount column (default: detected)")
    p.add_argument("--order", metavar="COL", help="the order id column; without one, frequency counts purchase days")
    p.add_argument("--sheet", help="the sheet to read (workbooks)")
    from segdesk.cli import add_region

    add_region(p)
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the as-of date (default: the day after the latest purchase)")
    p.add_argument("--bins", type=int, choices=(3, 4, 5), default=5, help="scores from 1 to this (default 5)")
    p.add_argument("--map", choices=MAP_CHOICES, default="rf10",
                   help="rf10: ten segments over R × F (default); rfm11: eleven over R × F × M")
    p.add_argument("--out", required=True, metavar="OUT.csv|OUT.xlsx", help="where to write one row per customer")


def parse_date(text: str) -> dt.date:
    from segdesk.core.errors import InputError

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError("bad_date", value=text) from None


def run_rfm(ns: argparse.Namespace) -> int:
    from segdesk.core.errors import InputError
    from segdesk.core.io import ImportOptions
    from segdesk.core.rfm import BUILTIN_MAPS, RfmSettings, compute_rfm
    from segdesk.core.rfm.load import RfmColumns, load_rfm_source
    from segdesk.core.rfm.output import rfm_table, write_rfm

    out = Path(ns.out)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise InputError("bad_out_suffix", name=out.name)
    as_of = parse_date(ns.as_of) if ns.as_of else None
    loaded = load_rfm_source(ns.path, RfmColumns(ns.customer, ns.date, ns.amount, ns.order),
                             ImportOptions(sheet=ns.sheet, phone_region=ns.region))
    result = compute_rfm(loaded.source, RfmSettings(as_of=as_of, bins=ns.bins, rfm_map=BUILTIN_MAPS[ns.map]))
    write_rfm(out, rfm_table(result, loaded.customer_ids), protect=(Path(ns.path),))
    _print_summary(result, loaded.kind, out)
    for note in _notes(loaded, result):
        print(f"note: {note}")
    return 0


def _notes(loaded: LoadedSource, result: RfmResult) -> list[str]:
    """What the user should know about the input: rows left out or guessed at."""
    from segdesk.core.rfm.purchases import SummaryColumns

    notes = [f"{q.message}: {q.count} (rows {', '.join(map(str, q.rows[:10]))}{', …' if q.count > 10 else ''})"
             for q in loaded.table.quality if q.count and q.message]
    undated = loaded.source.undated_buyers() if isinstance(loaded.source, SummaryColumns) else 0
    if undated:
        who = "1 customer has" if undated == 1 else f"{undated} customers have"
        notes.append(f"{who} orders or money but no last purchase date; they cannot be scored and count as prospects")
    if result.as_of > dt.date.today() + dt.timedelta(days=1):
        notes.append(f"the as-of date {result.as_of.isoformat()} is after today: the data has orders dated in the "
                     "future (set --as-of to measure from another day)")
    return notes


def _print_summary(result: RfmResult, kind: str, out: Path) -> None:
    from segdesk.core.rfm import segment_summary

    source = "order log" if kind == "orders" else "customer list summary columns"
    print(f"RFM as of {result.as_of.isoformat()} from the {source}: {result.customers} customer(s), "
          f"{result.scored} with purchases, {result.settings.bins} bins, map {result.settings.rfm_map.key}")
    rows = segment_summary(result)
    names = {s.key: s.name("en") for s in result.settings.rfm_map.segments}
    names.update(prospect="Prospects (no purchase)", unassigned="Unassigned")
    header = f"{'segment':<26}{'customers':>10}{'share':>8}{'revenue':>16}{'avg order':>12}{'avg recency':>13}"
    print(header)
    for row in rows.itertuples(index=False):
        aov = "" if row.avg_order_value != row.avg_order_value else f"{row.avg_order_value:.2f}"
        rec = "" if row.avg_recency != row.avg_recency else f"{row.avg_recency:.0f} d"
        print(f"{names.get(row.segment, row.segment):<26}{row.customers:>10}{row.share:>8.1%}"
              f"{row.revenue:>16.2f}{aov:>12}{rec:>13}")
    print(f"wrote {out}", file=sys.stdout)
