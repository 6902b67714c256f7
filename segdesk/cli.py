"""The command line: ``segdesk`` opens the GUI; subcommands script the core for consultants and automation.

Contract: exit 0 on success; on a user error exit 2 with exactly one line ``error: ...`` on stderr and no
traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from segdesk import __version__
from segdesk.core.errors import InputError

SUBCOMMANDS = ("inspect", "rfm", "segment", "run")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as the contract says
        self.exit(2, f"error: {message}\n")


def add_region(p: argparse.ArgumentParser) -> None:
    """--region: whose phone numbers those written without a country code are."""
    p.add_argument("--region", type=_region, default="RU", metavar="CODE",
                   help="the country of phone numbers written without a country code (RU, HR, DE...); default RU")


def _region(code: str) -> str:
    import phonenumbers

    region = code.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise argparse.ArgumentTypeError(f"unknown phone region {code!r}; use a two-letter country code (RU, HR...)")
    return region


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="segdesk", description="Offline customer segmentation.",
                     epilog="Without a command, 'segdesk [--demo] [FILE [ORDERS]]' opens the app (on the demo "
                            "data, or on a customer file and its order log).")
    parser.add_argument("--version", action="version", version=f"segdesk {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    p = sub.add_parser("inspect", help="show what import would detect in a file")
    p.add_argument("path", help="a .csv .tsv .txt .xlsx .xlsm .xls or .ods file")
    p.add_argument("--sheet", help="the sheet to read (workbooks); default: the one with the most data")
    p.add_argument("--orders", action="store_true", help="read the file as an order log")
    p.add_argument("--json", action="store_true", help="print one JSON object (for scripts)")
    add_region(p)
    from segdesk.cli_rfm import add_parser as add_rfm

    add_rfm(sub)
    from segdesk.cli_segment import add_parser as add_segment

    add_segment(sub)
    from segdesk.cli_run import add_parser as add_run

    add_run(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if _wants_gui(args):
        return _gui(args)
    parser = build_parser()
    ns = parser.parse_args(args)
    try:
        if ns.command == "inspect":
            from segdesk.cli_inspect import run_inspect

            return run_inspect(ns)
        if ns.command == "rfm":
            from segdesk.cli_rfm import run_rfm

            return run_rfm(ns)
        if ns.command == "segment":
            from segdesk.cli_segment import run_segment

            return run_segment(ns)
        if ns.command == "run":
            from segdesk.cli_run import run_project

            return run_project(ns)
    except InputError as e:
        return _fail(str(e))
    except KeyboardInterrupt:
        return _fail("interrupted")
    except BrokenPipeError:  # `segdesk rfm ... | head`: the reader left; what was asked is done
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as e:  # noqa: BLE001 - a user sees one line, never a traceback
        if os.environ.get("SEGDESK_DEBUG"):
            raise
        return _fail(f"unexpected problem ({type(e).__name__}: {e}); set SEGDESK_DEBUG=1 for details", code=1)
    parser.print_help()
    return 2


def _wants_gui(args: list[str]) -> bool:
    """No arguments, --demo, or file paths open the app; anything else is a (maybe unknown) subcommand."""
    if not args or args[0] == "--demo":
        return True
    first = args[0]
    return first not in SUBCOMMANDS and not first.startswith("-") and (
        os.path.splitext(first)[1].lower() in _FILE_SUFFIXES or os.path.isfile(first))


# core.io.SUPPORTED, written out: importing the core loads pandas, which `segdesk --help` should not wait for.
# tests/core/test_cli.py keeps the two equal.
_FILE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")


def _fail(message: str, code: int = 2) -> int:
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    return code


def _gui(args: list[str]) -> int:
    parser = _Parser(prog="segdesk", description="Open the segdesk app.")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo data")
    parser.add_argument("files", nargs="*", help="customer file (and optionally an order log) to open")
    ns = parser.parse_args(args)
    from segdesk.ui.app import run_gui

    return run_gui(ns.files, demo=ns.demo)


def print_json(obj: object) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
