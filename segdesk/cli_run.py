"""``segdesk run PROJECT.segdesk [--input CUSTOMERS] [--orders ORDERS] [--as-of YYYY-MM-DD] [--out DIR]``.

Re-runs a saved project: imports its sources again with the saved options (or new files in their place),
scores and segments at the saved (or given) as-of date, and exports with the saved export settings. Prints what
changed in the sources and what it wrote.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="re-run a saved project: import, segments and export",
                       description="Re-run a saved project (.segdesk): import its sources again with the saved "
                                   "options (or the files given), apply its segments and export the lists with "
                                   "its export settings. Writes the lists, summary.json and the export log.")
    p.add_argument("project", help="the project file (.segdesk)")
    p.add_argument("--input", metavar="CUSTOMERS", help="a new customer list in place of the saved one (read "
                                                        "with the saved import options)")
    p.add_argument("--orders", metavar="ORDERS", help="a new order log in place of the saved one")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the as-of date (default: the project's; if it has "
                                                          "none, the day after the latest purchase)")
    p.add_argument("--out", metavar="DIR", help="the folder to write (default: the project's export folder)")


def run_project(ns: argparse.Namespace) -> int:
    from segdesk.cli_rfm import parse_date
    from segdesk.cli_segment import _print, export_segments
    from segdesk.core.errors import InputError
    from segdesk.core.project import load_project, reopen
    from segdesk.core.rules.data import RuleData
    from segdesk.core.segments.assign import assign
    from segdesk.core.segments.session import derived_fields

    path = Path(ns.project)
    project = load_project(path)
    dataset, report = reopen(project, customers_path=ns.input, orders_path=ns.orders)
    for line in report.lines():
        print(f"note: {line}")
    assert dataset.customers is not None
    as_of = parse_date(ns.as_of) if ns.as_of else project.as_of
    settings, _, derived = derived_fields(dataset.customers, dataset.orders, dataset.link, dataset.mapping, as_of,
                                          project.rfm)
    assert settings.as_of is not None
    data = RuleData(dataset.customers, settings.as_of, derived, dataset.orders, dataset.link, dataset.mapping)
    result = assign(project.segments, data)
    folder = Path(ns.out) if ns.out else _beside(path, project.export.folder)
    if folder is None:
        raise InputError("run_no_out")
    export = project.export
    if export.suppression:
        export = replace(export, suppression=str(_beside(path, export.suppression)))
    sources = tuple(t.path for t in (dataset.customers, dataset.orders) if t is not None)
    body = export_segments(folder, dataset.customers, project.segments, result, settings.as_of, export,
                           (*sources, path, *((Path(export.suppression),) if export.suppression else ())))
    _print(body, folder)
    return 0


def _beside(project: Path, given: str | None) -> Path | None:
    """A path from the command line as given; one saved in the project relative to the project's folder."""
    if not given:
        return None
    found = Path(given).expanduser()
    return found if found.is_absolute() else project.resolve().parent / found
