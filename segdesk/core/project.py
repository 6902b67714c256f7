"""The project file (``.segdesk``): what the user opened and chose, saved as readable, diffable JSON.

A project keeps the sources (where they are, how they were read, their size and hash at save time), the as-of
date, the RFM settings, the segments and the export settings; never the data itself. :func:`reopen` imports
the sources again with the saved options and reports what changed in them since the save.

The file has a schema name and a version. :func:`load_project` checks every field and either returns a whole
:class:`Project` or raises one :class:`ProjectError` naming the place at fault: a damaged or hand-edited file
is never half-loaded. Older versions are brought up to date by :data:`MIGRATIONS`; a frozen sample of every
released version lives in ``tests/data`` and is loaded by a test forever.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from segdesk.core.atomic import write_atomically
from segdesk.core.errors import InputError, ProgressCallback, no_progress
from segdesk.core.export.model import ExportSettings, settings_from_json, settings_to_json
from segdesk.core.io.reader import read_table
from segdesk.core.io.table import ImportedTable, ImportOptions, Role
from segdesk.core.model.dataset import Dataset, scaled
from segdesk.core.model.orders import OrderMapping, check_mapping, customers_from_orders, link_orders
from segdesk.core.project_json import (
    LINK_ROLES,
    Invalid,
    at,
    choice_or_none,
    day_or_none,
    fields,
    mapping_from_json,
    mapping_to_json,
    names,
    options_from_json,
    options_to_json,
    parse_json,
    path_from_json,
    path_to_json,
    rfm_from_json,
    rfm_to_json,
    text,
    text_or_none,
    whole_or_none,
)
from segdesk.core.rfm.analysis import RfmSettings
from segdesk.core.segments.model import SegmentSet, set_from_json, set_to_json

SCHEMA = "segdesk.project"
VERSION = 1
SUFFIX = ".segdesk"
#: ``MIGRATIONS[n]`` turns the data of a version-``n`` file into version ``n + 1``; they run in turn up to
#: :data:`VERSION`. A migration carries every saved setting over: it never drops a user's rules to make a file fit.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}

_SOURCE_KEYS = ("path", "options", "size", "sha256", "rows", "columns")
_MAPPING_FIELDS = ("customer_key", "date", "amount", "order_id", "product", "category")


@dataclass(frozen=True)
class SourceRef:
    """A source file as the project remembers it; size, hash, rows and columns are those at save time."""

    path: Path  # absolute
    options: ImportOptions = field(default_factory=ImportOptions)
    size: int | None = None  # None: the file could not be read when the project was saved
    sha256: str | None = None
    rows: int | None = None
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Project:
    """Everything a project file holds. No customer list but an order log: customers are made from the orders."""

    customers: SourceRef | None = None
    orders: SourceRef | None = None
    order_mapping: OrderMapping | None = None  # required with an order log
    link_by: Role | None = None  # None: from the customer-key column's role
    as_of: dt.date | None = None  # None: the day after the latest purchase
    rfm: RfmSettings = field(default_factory=RfmSettings)  # its own as_of is not saved: ``as_of`` above counts
    segments: SegmentSet = field(default_factory=SegmentSet)
    export: ExportSettings = field(default_factory=ExportSettings)
    #: what each export from this project wrote, oldest first: the export log's entries
    #: (:func:`segdesk.core.export.log.log_entry`: time, as-of date, lists, files with their SHA-256)
    exports: tuple[dict[str, Any], ...] = ()


class ProjectError(InputError):
    """A project file that cannot be opened: missing, not JSON, another kind of file, too new, or not valid."""


# --- sources ----------------------------------------------------------------------------------------------------


def fingerprint(path: Path) -> tuple[int, str] | None:
    """``(size, SHA-256 hex)`` of the file, read in chunks (sources can be large); None when it cannot be read."""
    try:
        with path.open("rb") as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
            return f.tell(), digest
    except OSError:
        return None


def source_ref(table: ImportedTable, fingerprinted: bool = True) -> SourceRef:
    """How the project remembers ``table``'s file: the options it was read with and the file as it is now
    (``fingerprinted=False``: without size and hash, which read the whole file)."""
    found = fingerprint(table.path) if fingerprinted else None
    return SourceRef(table.path.absolute(), table.options, found[0] if found else None, found[1] if found else None,
                     table.rows, tuple(c.name for c in table.columns))


def _source_to_json(ref: SourceRef, folder: Path) -> dict[str, Any]:
    # "absolute" lets a project moved without its sources still find them; "path" (relative where it can be)
    # lets a folder moved or shared with its sources find them in their new place.
    return {"path": path_to_json(ref.path, folder), "absolute": str(ref.path.absolute()),
            "options": options_to_json(ref.options), "size": ref.size, "sha256": ref.sha256, "rows": ref.rows,
            "columns": list(ref.columns)}


def _source_from_json(d: dict[str, Any], where: str, folder: Path) -> SourceRef:
    path = path_from_json(text(d["path"], at(where, "path"), empty=False), folder)
    absolute = text_or_none(d.get("absolute"), at(where, "absolute"), empty=False)
    if absolute is not None and not Path(absolute).is_absolute():
        raise Invalid(at(where, "absolute"), "must be an absolute path")
    if absolute is not None and not path.exists() and Path(absolute).exists():
        path = Path(absolute)  # the project moved without its sources
    sha = d["sha256"]
    if sha is not None and not (isinstance(sha, str) and len(sha) == 64 and set(sha) <= set("0123456789abcdef")):
        raise Invalid(at(where, "sha256"), "must be 64 lower-case hex digits or null")
    return SourceRef(path, options_from_json(d["options"], at(where, "options")),
                     whole_or_none(d["size"], at(where, "size")), sha, whole_or_none(d["rows"], at(where, "rows")),
                     names(d["columns"], at(where, "columns")))


# --- the file ---------------------------------------------------------------------------------------------------


def project_to_json(project: Project, project_path: str | Path) -> dict[str, Any]:
    """The file's content; source paths relative to ``project_path``'s folder where they can be."""
    folder = Path(project_path).absolute().parent
    orders = None
    if project.orders is not None:
        if project.order_mapping is None:
            raise ValueError("a project with an order log needs its order mapping")
        orders = {**_source_to_json(project.orders, folder), "mapping": mapping_to_json(project.order_mapping),
                  "link_by": project.link_by.value if project.link_by else None}
    return {"schema": SCHEMA, "version": VERSION, "as_of": project.as_of.isoformat() if project.as_of else None,
            "sources": {"customers": None if project.customers is None else _source_to_json(project.customers, folder),
                        "orders": orders},
            "rfm": rfm_to_json(project.rfm), "segments": set_to_json(project.segments),
            "export": settings_to_json(project.export), "exports": list(project.exports)}


def project_from_json(data: Any, project_path: str | Path) -> Project:
    """The project ``data`` (a parsed file of any released version) describes; relative source paths are taken
    from ``project_path``'s folder. Raises :class:`ProjectError` naming the first place at fault."""
    path = Path(project_path)
    data = _migrated(data, path.name)
    try:
        return _project(data, path.absolute().parent)
    except Invalid as e:
        raise ProjectError("project_invalid", name=path.name, where=e.where, detail=str(e),
                           inner=e.inner.key if e.inner else None) from None


def _project(data: dict[str, Any], folder: Path) -> Project:
    d = fields(data, "", ("schema", "version", "as_of", "sources", "rfm", "segments", "export"), ("exports",))
    sources = fields(d["sources"], "sources", ("customers", "orders"))
    customers = None
    if sources["customers"] is not None:
        where = "sources.customers"
        customers = _source_from_json(fields(sources["customers"], where, _SOURCE_KEYS, ("absolute",)), where, folder)
    orders = mapping = link_by = None
    if sources["orders"] is not None:
        where = "sources.orders"
        o = fields(sources["orders"], where, (*_SOURCE_KEYS, "mapping", "link_by"), ("absolute",))
        orders = _source_from_json(o, where, folder)
        mapping = mapping_from_json(o["mapping"], at(where, "mapping"))
        link_by = choice_or_none(Role, o["link_by"], at(where, "link_by"), LINK_ROLES)
    as_of = day_or_none(d["as_of"], "as_of")
    rfm = rfm_from_json(d["rfm"], "rfm")
    return Project(customers, orders, mapping, link_by, as_of, rfm, _part(set_from_json, d["segments"], "segments"),
                   _part(settings_from_json, d["export"], "export"), _exports(d.get("exports", [])))


def _exports(data: Any) -> tuple[dict[str, Any], ...]:
    """The export history (optional: files saved before it was kept have none)."""
    if not isinstance(data, list):
        raise Invalid("exports", "must be a list [...]")
    for i, entry in enumerate(data):
        if not isinstance(entry, dict) or not isinstance(entry.get("time"), str) \
                or not isinstance(entry.get("lists"), list):
            raise Invalid(at("exports", i), "must be an export log entry {\"time\": ..., \"lists\": [...]}")
    return tuple(data)


def _part(read: Callable[[Any], Any], data: Any, where: str) -> Any:
    """A part another module reads (segments, export settings), its error said of its place in the file."""
    try:
        return read(data)
    except InputError as e:
        raise Invalid.wrapping(where, e) from None


def _migrated(data: Any, name: str) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ProjectError("project_not_project", name=name)
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectError("project_invalid", name=name, where="version", inner=None,
                           detail="version must be a whole number of 1 or more")
    if version > VERSION:
        raise ProjectError("project_newer", name=name, version=version, supported=VERSION)
    for step in range(version, VERSION):
        try:
            data = {**MIGRATIONS[step](data), "version": step + 1}
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            # A damaged old file can trip a migration; it is still the file's fault, not a crash.
            raise ProjectError("project_invalid", name=name, where="version", inner=None,
                               detail=f"the version {step} data could not be brought up to date ({e!r})") from None
    return data


def save_project(path: str | Path, project: Project, protect: tuple[Path, ...] = ()) -> None:
    """Write ``project`` to ``path`` atomically: pretty UTF-8 JSON, keys sorted (stable diffs), a final newline.
    Neither ``protect`` nor the project's own sources are ever written over."""
    path = Path(path)
    content = json.dumps(project_to_json(project, path), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    sources = tuple(ref.path for ref in (project.customers, project.orders) if ref is not None)

    def write(temp: Path) -> None:
        temp.write_text(content, encoding="utf-8", newline="\n")  # "\n" on Windows too: one file, one diff

    write_atomically(path, write, (*protect, *sources))


def load_project(path: str | Path) -> Project:
    """Read and check a project file; a :class:`ProjectError` names the file and the place at fault."""
    path = Path(path)
    return project_from_json(_read_json(path), path)


def _read_json(path: Path) -> Any:
    name = path.name or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProjectError("missing_file", name=name) from None
    except IsADirectoryError:
        raise ProjectError("is_folder", name=name) from None
    except PermissionError:
        raise ProjectError("locked", name=name) from None
    except OSError as e:
        raise ProjectError("unreadable", name=name, reason=e.strerror or str(e)) from None
    try:
        content = raw.decode("utf-8-sig")  # a BOM left by a Windows editor is harmless
    except UnicodeDecodeError:
        raise ProjectError("project_not_text", name=name) from None
    try:
        return parse_json(content)
    except ValueError as e:
        raise ProjectError("project_not_json", name=name, reason=str(e)) from None


# --- opening the sources again ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceChange:
    """What one source looks like now against the save. Columns are named, never counted by position."""

    path: Path  # the file read now
    saved_path: Path  # the file the project names
    changed: bool  # its size or content differs from the save's (or the save could not fingerprint it)
    rows_then: int | None
    rows_now: int
    missing_columns: tuple[str, ...] = ()  # at the save, gone now
    new_columns: tuple[str, ...] = ()
    dropped_types: tuple[str, ...] = ()  # column-type choices whose column is gone: not applied
    dropped_roles: tuple[str, ...] = ()  # column-role choices whose column is gone: not applied
    broken_mapping: tuple[str, ...] = ()  # order-mapping fields (OrderMapping's names) whose column is gone

    def lines(self, kind: str) -> list[str]:
        """English sentences for the command line; ``kind`` is "customer list" or "order log"."""
        out = [f"the {kind} is read from {self.path} instead of {self.saved_path}"] if self.path != self.saved_path \
            else []
        if self.changed:
            rows = f"{self.rows_now} rows, {self.rows_then} at the save" if self.rows_then is not None else \
                f"{self.rows_now} rows"
            out.append(f"the {kind} '{self.path.name}' changed since the project was saved ({rows})")
        for label, items in ((f"columns no longer in the {kind}", self.missing_columns),
                             (f"new columns in the {kind}", self.new_columns),
                             ("column types not applied (the column is gone)", self.dropped_types),
                             ("column roles not applied (the column is gone)", self.dropped_roles),
                             ("order-mapping fields whose column is gone", self.broken_mapping)):
            if items:
                out.append(f"{label}: {', '.join(items)}")
        return out


@dataclass(frozen=True)
class ReopenReport:
    """What changed in each source the project re-read (None: the project has no such source)."""

    customers: SourceChange | None = None
    orders: SourceChange | None = None

    @property
    def changed(self) -> bool:
        return any(c is not None and c.changed for c in (self.customers, self.orders))

    def lines(self) -> list[str]:
        """What the user is told, in English (the GUI words it from the fields)."""
        return [*(self.customers.lines("customer list") if self.customers else []),
                *(self.orders.lines("order log") if self.orders else [])]


class StaleMappingError(InputError):
    """The saved order mapping does not fit the order log any more. Carries what a repair dialog needs: the
    report and the tables just read, so the user can choose columns again without another import."""

    def __init__(self, report: ReopenReport, customers: ImportedTable | None, orders: ImportedTable, key: str,
                 **params: object) -> None:
        super().__init__(key, **params)
        self.report = report
        self.customers = customers
        self.orders = orders


def reopen(project: Project, progress: ProgressCallback = no_progress, customers_path: str | Path | None = None,
           orders_path: str | Path | None = None) -> tuple[Dataset, ReopenReport]:
    """Import the project's sources again with the saved options, link the order log with the saved mapping, and
    report what changed. ``customers_path``/``orders_path`` read another file in place of the saved one.

    Raises :class:`InputError` for a missing file and :class:`StaleMappingError` when the mapping no longer fits.
    """
    for given, ref, kind in ((customers_path, project.customers, "customer list"),
                             (orders_path, project.orders, "order log")):
        if given is not None and ref is None:
            raise InputError("project_no_source", kind=kind, name=Path(given).name)
    both = project.customers is not None and project.orders is not None
    customers = customers_change = None
    if project.customers is not None:
        customers, customers_change = _reread(project.customers, customers_path, False,
                                              scaled(progress, 0.0, 0.4 if both else 1.0))
    if project.orders is None:
        return Dataset(customers=customers), ReopenReport(customers_change)
    if project.order_mapping is None:
        raise ValueError("a project with an order log needs its order mapping")
    orders, change = _reread(project.orders, orders_path, True, scaled(progress, 0.4 if both else 0.0, 0.9))
    mapping = project.order_mapping
    broken = tuple(f for f in _MAPPING_FIELDS if getattr(mapping, f) not in (None, *orders.frame.columns))
    report = ReopenReport(customers_change, replace(change, broken_mapping=broken))
    _check_fits(report, customers, orders, mapping)
    region = orders.options.phone_region
    progress(0.9, "linking orders to customers")
    customers = customers if customers is not None else customers_from_orders(orders, mapping, region)
    link = link_orders(customers, orders, mapping, project.link_by, region)
    progress(1.0, "done")
    return Dataset(customers, orders, link, mapping), report


def _reread(ref: SourceRef, given: str | Path | None, orders: bool,
            progress: ProgressCallback) -> tuple[ImportedTable, SourceChange]:
    path = Path(given).absolute() if given is not None else ref.path
    if not path.exists():
        raise InputError("missing_file", name=str(path))
    progress(0.0, "checking for changes")
    now = fingerprint(path)
    table = read_table(path, replace(ref.options, orders=True) if orders else ref.options, progress)
    present = set(table.frame.columns)
    options = table.options
    dropped_types = tuple(n for n in options.column_types if n not in present)
    dropped_roles = tuple(n for n in options.column_roles if n not in present)
    if dropped_types or dropped_roles:
        # The reader already skips choices about absent columns; the table forgets them too, so that saving the
        # project again does not carry them along (the report has told the user).
        table.options = replace(options, column_types=MappingProxyType(
            {k: v for k, v in options.column_types.items() if k in present}), column_roles=MappingProxyType(
            {k: v for k, v in options.column_roles.items() if k in present}))
    names_now = [c.name for c in table.columns]
    changed = now is None or ref.sha256 is None or now != (ref.size, ref.sha256)
    return table, SourceChange(path, ref.path, changed, ref.rows, table.rows,
                               tuple(c for c in ref.columns if c not in present),
                               tuple(c for c in names_now if c not in set(ref.columns)), dropped_types, dropped_roles)


def _check_fits(report: ReopenReport, customers: ImportedTable | None, orders: ImportedTable,
                mapping: OrderMapping) -> None:
    assert report.orders is not None
    if report.orders.broken_mapping:
        name = report.orders.broken_mapping[0]
        raise StaleMappingError(report, customers, orders, "project_mapping_gone", name=orders.path.name,
                                column=getattr(mapping, name), field=name.replace("_", " "))
    try:
        check_mapping(orders, mapping)  # a column still there may now hold another type
    except InputError as e:
        raise StaleMappingError(report, customers, orders, e.key, **e.params) from None
