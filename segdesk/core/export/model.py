"""What an export is asked to do, as plain data: presets (a mailing service's file shape), the user's export
settings, and the reasons a customer is left out. Projects store :class:`ExportSettings` and custom presets
through their JSON forms here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from segdesk.core.errors import InputError


class FileKind(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class Target(StrEnum):
    """One file per segment, or one workbook with a summary sheet and a sheet per segment."""

    FILES = "files"
    WORKBOOK = "workbook"


class PhoneFormat(StrEnum):
    E164 = "e164"  # +79161234567
    DIGITS = "digits"  # 79161234567 (E.164 without the plus)
    AS_IS = "as_is"  # as imported


class Reason(StrEnum):
    """Why a customer of a segment is not on its list, in the order they are checked (the first one counts)."""

    SUPPRESSED = "suppressed"  # email or phone on the suppression list
    NO_CONSENT = "no_consent"  # a consent column is mapped and says no (or nothing)
    NO_EMAIL = "no_email"  # the preset needs an email and the customer has none
    INVALID_EMAIL = "invalid_email"  # an email that is not a valid address
    DUPLICATE = "duplicate"  # the same normalised email is already on this or an earlier list


class Source(StrEnum):
    """Where an exported column's values come from."""

    ROLE = "role"  # the imported column with this role (key: a Role value); empty when there is none
    COLUMN = "column"  # an imported column by name (key: its name)
    SEGMENT = "segment"  # the segment's name (key: "")
    CONSENT = "consent"  # the preset's consent word for the customer (key: "email" or "sms")


@dataclass(frozen=True)
class ColumnSpec:
    """One exported column: where its values come from and its header."""

    source: Source
    key: str
    header: str


@dataclass(frozen=True)
class Preset:
    """A file shape a mailing service accepts at the first try (or the user's own)."""

    name: str  # stable key, saved in projects: "mailchimp"
    title: str  # shown to the user: "Mailchimp"
    kind: FileKind = FileKind.CSV
    delimiter: str = ","
    decimal: str = "."  # the decimal separator numbers are written with (CSV)
    encoding: str = "utf-8"  # Python codec; "utf-8-sig" writes a BOM
    eol: str = "\r\n"
    date_format: str = "%Y-%m-%d"  # strftime
    phone_format: PhoneFormat = PhoneFormat.E164
    columns: tuple[ColumnSpec, ...] = ()  # empty: every imported column, then the segment
    needs_email: bool = True  # customers without a valid email cannot be imported
    consent_words: tuple[str, str] = ("yes", "no")  # what a CONSENT column writes for consent / no consent
    max_rows: int | None = None  # split a list into files of at most this many data rows
    max_bytes: int | None = None  # ... or this many bytes
    notes: str = ""  # where the shape was learnt (shown in the preset's tooltip)
    builtin: bool = True


@dataclass(frozen=True)
class ExportSettings:
    """What the user chose on the Export page (and what a project re-runs)."""

    preset: str = "excel"
    target: Target = Target.FILES
    kind: FileKind | None = None  # None: the preset's; only FILES targets choose
    columns: tuple[ColumnSpec, ...] | None = None  # None: the preset's columns
    segments: tuple[str, ...] | None = None  # names of the segments to export; None: every enabled one
    folder: str | None = None
    exclude_no_consent: bool = True
    exclude_invalid_email: bool = True
    exclude_duplicates: bool = True
    suppression: str | None = None  # a file of emails and/or phones that must never be exported
    control_file: bool = True  # write the control group to a file of its own
    custom_presets: tuple[Preset, ...] = field(default=())


class ExportError(InputError):
    """Export settings or a preset that cannot be used."""


def column_to_json(spec: ColumnSpec) -> dict[str, str]:
    return {"source": spec.source.value, "key": spec.key, "header": spec.header}


def column_from_json(data: Any) -> ColumnSpec:
    if not isinstance(data, dict):
        raise ExportError("export_bad_column", value=repr(data)[:60])
    try:
        source = Source(str(data.get("source")))
    except ValueError:
        raise ExportError("export_bad_column", value=repr(data.get("source"))[:60]) from None
    key, header = data.get("key", ""), data.get("header")
    if not isinstance(key, str) or not isinstance(header, str) or not header.strip():
        raise ExportError("export_bad_column", value=repr(data)[:60])
    return ColumnSpec(source, key, header)


def preset_to_json(preset: Preset) -> dict[str, Any]:
    return {"name": preset.name, "title": preset.title, "kind": preset.kind.value, "delimiter": preset.delimiter,
            "decimal": preset.decimal, "encoding": preset.encoding, "eol": preset.eol,
            "date_format": preset.date_format,
            "phone_format": preset.phone_format.value, "columns": [column_to_json(c) for c in preset.columns],
            "needs_email": preset.needs_email, "consent_words": list(preset.consent_words),
            "max_rows": preset.max_rows, "max_bytes": preset.max_bytes}


def preset_from_json(data: Any) -> Preset:
    """A custom preset as saved; anything out of shape raises :class:`ExportError` naming the preset."""
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"].strip():
        raise ExportError("export_bad_preset", name="?", reason="no name")
    name = data["name"].strip()
    try:
        delimiter, encoding = str(data.get("delimiter", ",")), str(data.get("encoding", "utf-8"))
        decimal = str(data.get("decimal", "."))
        if len(delimiter) != 1 or delimiter in "\"\r\n":
            raise ValueError(f"delimiter {delimiter!r}")
        if decimal not in (".", ",") or decimal == delimiter:
            raise ValueError(f"decimal {decimal!r}")
        "".encode(encoding)
        words = data.get("consent_words", ["yes", "no"])
        if not (isinstance(words, list) and len(words) == 2 and all(isinstance(w, str) for w in words)):
            raise ValueError("consent_words")
        limits = [data.get("max_rows"), data.get("max_bytes")]
        if any(v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 1) for v in limits):
            raise ValueError("max_rows/max_bytes")
        return Preset(name=name, title=str(data.get("title") or name), kind=FileKind(data.get("kind", "csv")),
                      delimiter=delimiter, decimal=decimal, encoding=encoding, eol=str(data.get("eol", "\r\n")),
                      date_format=str(data.get("date_format", "%Y-%m-%d")),
                      phone_format=PhoneFormat(data.get("phone_format", "e164")),
                      columns=tuple(column_from_json(c) for c in data.get("columns", [])),
                      needs_email=bool(data.get("needs_email", True)), consent_words=(words[0], words[1]),
                      max_rows=limits[0], max_bytes=limits[1], builtin=False)
    except (ValueError, LookupError, TypeError) as e:
        raise ExportError("export_bad_preset", name=name, reason=str(e)) from None


def settings_to_json(settings: ExportSettings) -> dict[str, Any]:
    return {"preset": settings.preset, "target": settings.target.value,
            "kind": settings.kind.value if settings.kind else None,
            "columns": None if settings.columns is None else [column_to_json(c) for c in settings.columns],
            "segments": None if settings.segments is None else list(settings.segments),
            "folder": settings.folder, "exclude_no_consent": settings.exclude_no_consent,
            "exclude_invalid_email": settings.exclude_invalid_email,
            "exclude_duplicates": settings.exclude_duplicates, "suppression": settings.suppression,
            "control_file": settings.control_file,
            "custom_presets": [preset_to_json(p) for p in settings.custom_presets]}


def settings_from_json(data: Any) -> ExportSettings:
    """Export settings as saved; raises :class:`ExportError` on anything out of shape (never half-reads)."""
    if not isinstance(data, dict):
        raise ExportError("export_bad_settings", reason="not an object")
    try:
        segments = data.get("segments")
        if segments is not None and not (isinstance(segments, list) and all(isinstance(s, str) for s in segments)):
            raise ValueError("segments must be a list of names")
        columns = data.get("columns")
        if columns is not None and not isinstance(columns, list):
            raise ValueError("columns must be a list")
        for key in ("folder", "suppression"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise ValueError(f"{key} must be text")
        flags = {k: data.get(k, True) for k in ("exclude_no_consent", "exclude_invalid_email", "exclude_duplicates",
                                                "control_file")}
        if not all(isinstance(v, bool) for v in flags.values()):
            raise ValueError("exclusions must be true or false")
        customs = data.get("custom_presets", [])
        if not isinstance(customs, list):
            raise ValueError("custom_presets must be a list")
        return ExportSettings(
            preset=str(data.get("preset", "excel")), target=Target(data.get("target", "files")),
            kind=FileKind(data["kind"]) if data.get("kind") else None,
            columns=None if columns is None else tuple(column_from_json(c) for c in columns),
            segments=None if segments is None else tuple(segments), folder=data.get("folder"),
            suppression=data.get("suppression"), custom_presets=tuple(preset_from_json(p) for p in customs),
            **flags)
    except ValueError as e:
        raise ExportError("export_bad_settings", reason=str(e)) from None
