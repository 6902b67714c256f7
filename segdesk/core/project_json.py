"""The project file's JSON form, part by part, with the checks that keep a damaged file from being half-read.

Every ``*_from_json`` takes a value and ``where``, its place in the file (``"sources.customers.options"``), and
raises :class:`Invalid` naming that place; :mod:`segdesk.core.project` turns it into the user's message. Enums
are written by value and columns by name, never by position (a combo box's index means nothing in a file).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import math
import os
import re
from collections.abc import Collection, Mapping
from enum import StrEnum
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any, TypeVar

from segdesk.core.errors import InputError
from segdesk.core.io.normalize import phone_regions
from segdesk.core.io.table import ColumnType, DateOrder, ImportOptions, Role
from segdesk.core.model.orders import OrderMapping
from segdesk.core.rfm.analysis import RfmSettings
from segdesk.core.rfm.lifecycle import LifecycleThresholds
from segdesk.core.rfm.maps import BUILTIN_MAPS, RfmMap, map_from_json, map_to_json
from segdesk.core.rfm.scoring import DIMENSIONS, ScoreMode, Thresholds

E = TypeVar("E", bound=StrEnum)

#: The roles an order log can be linked to a customer list by.
LINK_ROLES = (Role.CUSTOMER_ID, Role.EMAIL, Role.PHONE)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


class Invalid(Exception):
    """A value out of shape at ``where``. ``problem`` completes the sentence ("must be one character");
    ``inner`` is the error of another module's reader (segments, export settings, RFM checks) when it found it."""

    def __init__(self, where: str, problem: str, inner: InputError | None = None) -> None:
        super().__init__(f"{where}: {problem}" if inner is not None else f"{where} {problem}")
        self.where = where
        self.problem = problem
        self.inner = inner

    @classmethod
    def wrapping(cls, where: str, error: InputError) -> Invalid:
        """``error`` (from another module's reader or check) said of the place ``where``."""
        return cls(where, str(error), error)


# --- checks of single values ------------------------------------------------------------------------------------


def at(where: str, key: str | int) -> str:
    """The place of ``key`` inside ``where``: ``sources.orders`` or ``rfm.thresholds.recency[2]``."""
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


def fields(data: Any, where: str, required: Collection[str], optional: Collection[str] = ()) -> dict[str, Any]:
    """``data`` as an object with every ``required`` key and no key it does not know.

    Unknown keys are refused rather than ignored: in a hand-edited file they are usually a misspelt setting
    that would otherwise silently fall back to its default.
    """
    if not isinstance(data, dict):
        raise Invalid(where or "the file", "must be an object {...}")
    unknown = sorted(set(data) - set(required) - set(optional))
    if unknown:
        raise Invalid(at(where, unknown[0]), "is not a known setting here (misspelt?)")
    missing = [k for k in required if k not in data]
    if missing:
        raise Invalid(at(where, missing[0]), "is missing")
    return data


def text(value: Any, where: str, *, empty: bool = True) -> str:
    """``value`` as text; ``empty=False`` also refuses blank text."""
    if not isinstance(value, str) or not (empty or value.strip()):
        raise Invalid(where, "must be text" if empty else "must be non-empty text")
    return value


def text_or_none(value: Any, where: str, *, empty: bool = True) -> str | None:
    """:func:`text`, or None for null."""
    return None if value is None else text(value, where, empty=empty)


def whole(value: Any, where: str, minimum: int = 0) -> int:
    """A whole number of at least ``minimum`` (true and false are not numbers here, whatever Python says)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise Invalid(where, f"must be a whole number of {minimum} or more")
    return value


def whole_or_none(value: Any, where: str, minimum: int = 0) -> int | None:
    """:func:`whole`, or None for null."""
    return None if value is None else whole(value, where, minimum)


def flag(value: Any, where: str) -> bool:
    """true or false, nothing that merely looks like it ("no", 0)."""
    if not isinstance(value, bool):
        raise Invalid(where, "must be true or false")
    return value


def number(value: Any, where: str) -> float:
    """A finite number, whole or not."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Invalid(where, "must be a number")
    return value


def choice(kind: type[E], value: Any, where: str, among: Collection[E] | None = None) -> E:
    """``value`` as a member of ``kind`` (by its value), optionally one of ``among``."""
    allowed = list(among) if among is not None else list(kind)
    if not isinstance(value, str) or value not in {m.value for m in allowed}:
        shown = value if isinstance(value, str) else json_text(value)
        raise Invalid(where, f"must be one of {', '.join(m.value for m in allowed)} (got '{shown[:40]}')")
    return kind(value)


def choice_or_none(kind: type[E], value: Any, where: str, among: Collection[E] | None = None) -> E | None:
    """:func:`choice`, or None for null."""
    return None if value is None else choice(kind, value, where, among)


def day_or_none(value: Any, where: str) -> dt.date | None:
    """A date written ``YYYY-MM-DD`` (only that: other spellings depend on who reads them), or null."""
    if value is None:
        return None
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise Invalid(where, f"must be a date written YYYY-MM-DD (got '{str(value)[:40]}')")


def names(value: Any, where: str) -> tuple[str, ...]:
    """A list of column names."""
    if not isinstance(value, list):
        raise Invalid(where, "must be a list of column names")
    return tuple(text(v, at(where, i)) for i, v in enumerate(value))


def json_text(value: Any) -> str:
    """``value`` as the file spells it (null, true), for quoting it back to the user."""
    return "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


# --- import options -----------------------------------------------------------------------------------------------

_OPTION_KEYS = ("sheet", "encoding", "delimiter", "decimal", "thousands", "header_row", "date_order", "column_types",
                "column_roles", "phone_region", "orders")


def options_to_json(options: ImportOptions) -> dict[str, Any]:
    """The options a file was read with; ``max_rows`` is a preview's limit, never saved."""
    return {"sheet": options.sheet, "encoding": options.encoding, "delimiter": options.delimiter,
            "decimal": options.decimal, "thousands": options.thousands, "header_row": options.header_row,
            "date_order": options.date_order.value if options.date_order else None,
            "column_types": {k: v.value for k, v in options.column_types.items()},
            "column_roles": {k: v.value if v else None for k, v in options.column_roles.items()},
            "phone_region": options.phone_region, "orders": options.orders}


def options_from_json(data: Any, where: str) -> ImportOptions:
    """Inverse of :func:`options_to_json`; every option checked the way the import engine takes it."""
    d = fields(data, where, _OPTION_KEYS)
    return ImportOptions(
        sheet=text_or_none(d["sheet"], at(where, "sheet")),
        encoding=_encoding(d["encoding"], at(where, "encoding")),
        delimiter=_separator(d["delimiter"], at(where, "delimiter"), "\"\r\n"),
        decimal=_decimal(d["decimal"], at(where, "decimal")),
        # "" is a choice of its own ("no thousands separator"), unlike None ("detect it")
        thousands="" if d["thousands"] == "" else _separator(d["thousands"], at(where, "thousands"), "\r\n"),
        header_row=whole_or_none(d["header_row"], at(where, "header_row"), 1),
        date_order=choice_or_none(DateOrder, d["date_order"], at(where, "date_order")),
        column_types=_by_column(d["column_types"], at(where, "column_types"), ColumnType, nullable=False),
        column_roles=_by_column(d["column_roles"], at(where, "column_roles"), Role, nullable=True),
        phone_region=_region(d["phone_region"], at(where, "phone_region")),
        orders=flag(d["orders"], at(where, "orders")))


def _encoding(value: Any, where: str) -> str | None:
    encoding = text_or_none(value, where, empty=False)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise Invalid(where, f"names no known encoding ('{encoding[:40]}')") from None
    return encoding


def _separator(value: Any, where: str, forbidden: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) != 1 or value in forbidden:
        raise Invalid(where, "must be one character (not a quote or a line break)")
    return value


def _decimal(value: Any, where: str) -> str | None:
    if value is not None and value not in (".", ","):
        raise Invalid(where, "must be \".\" or \",\"")
    return value


def _region(value: Any, where: str) -> str:
    if not isinstance(value, str) or value not in dict(phone_regions()):
        raise Invalid(where, f"must be a two-letter region code such as RU or DE (got '{json_text(value)[:40]}')")
    return value


def _by_column(value: Any, where: str, kind: type[E], nullable: bool) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise Invalid(where, "must be an object {column name: value}")
    out = {name: (None if nullable and v is None else choice(kind, v, at(where, name))) for name, v in value.items()}
    return MappingProxyType(out)


# --- the order log's mapping ------------------------------------------------------------------------------------

_MAPPING_KEYS = ("customer_key", "date", "amount", "order_id", "product", "category")


def mapping_to_json(mapping: OrderMapping) -> dict[str, str | None]:
    """The order log's columns by field: names, never positions."""
    return {key: getattr(mapping, key) for key in _MAPPING_KEYS}


def mapping_from_json(data: Any, where: str) -> OrderMapping:
    """Inverse of :func:`mapping_to_json`: the customer key, date and amount are required."""
    d = fields(data, where, _MAPPING_KEYS)
    needed = [text(d[k], at(where, k), empty=False) for k in _MAPPING_KEYS[:3]]
    extra = [text_or_none(d[k], at(where, k), empty=False) for k in _MAPPING_KEYS[3:]]
    return OrderMapping(*needed, *extra)


# --- RFM settings -----------------------------------------------------------------------------------------------


def rfm_to_json(settings: RfmSettings) -> dict[str, Any]:
    """The RFM settings without the as-of date (the project keeps that once, at its top level).

    A built-in map left as shipped is saved by its key: a short, readable file, and fixes to the built-in map
    reach old projects. An edited or custom map is saved whole.
    """
    m = settings.rfm_map
    builtin = BUILTIN_MAPS.get(m.key)
    return {"bins": settings.bins, "mode": settings.mode.value,
            "thresholds": {dim: list(settings.thresholds.of(dim)) for dim in DIMENSIONS},
            "map": m.key if builtin == m else map_to_json(m),
            "lifecycle": {"new_days": settings.lifecycle.new_days, "active_days": settings.lifecycle.active_days,
                          "lost_days": settings.lifecycle.lost_days}}


def rfm_from_json(data: Any, where: str) -> RfmSettings:
    """Inverse of :func:`rfm_to_json` (as-of date None), checked with :meth:`RfmSettings.check`."""
    d = fields(data, where, ("bins", "mode", "thresholds", "map", "lifecycle"))
    t = fields(d["thresholds"], at(where, "thresholds"), DIMENSIONS)
    edges = {}
    for dim in DIMENSIONS:
        place = at(at(where, "thresholds"), dim)
        if not isinstance(t[dim], list):
            raise Invalid(place, "must be a list of numbers")
        edges[dim] = tuple(number(v, at(place, i)) for i, v in enumerate(t[dim]))
    life = fields(d["lifecycle"], at(where, "lifecycle"), ("new_days", "active_days", "lost_days"))
    lifecycle = LifecycleThresholds(*(whole(life[k], at(at(where, "lifecycle"), k))
                                      for k in ("new_days", "active_days", "lost_days")))
    settings = RfmSettings(None, whole(d["bins"], at(where, "bins")), choice(ScoreMode, d["mode"], at(where, "mode")),
                           Thresholds(**edges), _rfm_map(d["map"], at(where, "map")), lifecycle)
    try:
        settings.check()
    except InputError as e:
        raise Invalid.wrapping(where, e) from None
    return settings


def _rfm_map(value: Any, where: str) -> RfmMap:
    if isinstance(value, str):
        if value not in BUILTIN_MAPS:
            raise Invalid(where, f"must be {' or '.join(BUILTIN_MAPS)} or a map object (got '{value[:40]}')")
        return BUILTIN_MAPS[value]
    try:
        return map_from_json(value)
    except InputError as e:
        raise Invalid.wrapping(where, e) from None


# --- paths ------------------------------------------------------------------------------------------------------


def path_to_json(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` with forward slashes (the same file on every system), or absolute when
    no relative path exists (another drive on Windows)."""
    try:
        return Path(os.path.relpath(path.absolute(), folder.absolute())).as_posix()
    except ValueError:
        return str(path.absolute())


def path_from_json(value: str, folder: Path) -> Path:
    """The absolute path ``value`` means, a relative one taken from ``folder``."""
    if Path(value).is_absolute():
        return Path(os.path.normpath(value))
    return Path(os.path.normpath(folder.absolute().joinpath(*PurePosixPath(value).parts)))


# --- the text ---------------------------------------------------------------------------------------------------


def parse_json(content: str) -> Any:
    """The JSON value of ``content``; ValueError with a reason a person can act on (with the line) otherwise.

    Stricter than :func:`json.loads` where a hand edit can go quietly wrong: two equal keys in one object (json
    keeps the last without a word, while the first may be the one meant) and NaN or Infinity (not JSON at all).
    """
    try:
        return json.loads(content, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise ValueError(f"{e.msg} at line {e.lineno}, column {e.colno}") from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key '{key}' appears twice in one object")
        out[key] = value
    return out


def _no_constant(word: str) -> Any:
    raise ValueError(f"{word} is not a number JSON allows")
