"""The built-in export presets, looking them up, and the user's own presets."""

from __future__ import annotations

import dataclasses
import json

import pytest

from segdesk.core.export.model import (
    ColumnSpec,
    ExportError,
    FileKind,
    PhoneFormat,
    Preset,
    Source,
    preset_from_json,
    preset_to_json,
)
from segdesk.core.export.presets import BUILTIN_PRESETS, builtin_presets, custom_preset, find_preset
from segdesk.core.io.table import Role

SERVICES = ("mailchimp", "klaviyo", "brevo", "unisender")
#: The header each service's import documents for the email column.
EMAIL_HEADERS = {"mailchimp": "Email Address", "klaviyo": "Email Address", "brevo": "EMAIL", "unisender": "email"}


def _by_name(name: str) -> Preset:
    return next(p for p in BUILTIN_PRESETS if p.name == name)


def _headers(preset: Preset) -> list[str]:
    return [c.header for c in preset.columns]


def test_builtin_names_are_the_stable_keys_in_order() -> None:
    assert tuple(p.name for p in builtin_presets()) == (
        "excel", "excel_csv", "excel_csv_eu", "mailchimp", "klaviyo", "brevo", "unisender")


def test_builtins_are_marked_builtin_and_have_titles_and_sourced_notes() -> None:
    for preset in BUILTIN_PRESETS:
        assert preset.builtin and preset.title.strip()
    for name in SERVICES:
        assert "https://" in _by_name(name).notes or "http://" in _by_name(name).notes


@pytest.mark.parametrize("preset", BUILTIN_PRESETS, ids=lambda p: p.name)
def test_builtin_round_trips_through_json(preset: Preset) -> None:
    data = json.loads(json.dumps(preset_to_json(preset)))
    # notes are not saved (they describe the built-in, which is looked up by name)
    assert preset_from_json(data) == dataclasses.replace(preset, builtin=False, notes="")


def test_generic_presets_write_every_column_without_needing_email() -> None:
    excel, csv, eu = _by_name("excel"), _by_name("excel_csv"), _by_name("excel_csv_eu")
    assert excel.kind is FileKind.XLSX and csv.kind is eu.kind is FileKind.CSV
    assert excel.columns == csv.columns == eu.columns == ()
    assert not (excel.needs_email or csv.needs_email or eu.needs_email)
    assert (csv.encoding, csv.delimiter, csv.decimal) == ("utf-8-sig", ",", ".")
    assert (eu.encoding, eu.delimiter, eu.decimal) == ("utf-8-sig", ";", ",")
    assert "(;)" in eu.title


@pytest.mark.parametrize("name", SERVICES)
def test_service_presets_need_the_documented_email_column(name: str) -> None:
    preset = _by_name(name)
    assert preset.needs_email and preset.kind is FileKind.CSV
    email = [c for c in preset.columns if c.source is Source.ROLE and c.key == Role.EMAIL.value]
    assert [c.header for c in email] == [EMAIL_HEADERS[name]]
    assert preset.columns[0] == email[0]  # Klaviyo requires it first; first is safe everywhere


@pytest.mark.parametrize("name", SERVICES)
def test_service_presets_tag_the_segment_and_write_no_consent_column(name: str) -> None:
    preset = _by_name(name)
    segment = [c for c in preset.columns if c.source is Source.SEGMENT]
    assert len(segment) == 1 and segment[0].key == ""
    assert not any(c.source is Source.CONSENT for c in preset.columns)
    assert preset.encoding == "utf-8" and preset.phone_format is PhoneFormat.E164


@pytest.mark.parametrize("preset", BUILTIN_PRESETS, ids=lambda p: p.name)
def test_headers_are_unique_and_roles_are_real(preset: Preset) -> None:
    headers = [h.casefold() for h in _headers(preset)]
    assert len(headers) == len(set(headers)) and all(h.strip() for h in headers)
    roles = {r.value for r in Role}
    assert all(c.key in roles for c in preset.columns if c.source is Source.ROLE)


def test_service_specific_shapes() -> None:
    mailchimp, klaviyo, brevo, unisender = (_by_name(n) for n in SERVICES)
    assert _headers(mailchimp) == ["Email Address", "First Name", "Last Name", "Phone Number", "Birthday", "Tags"]
    assert mailchimp.date_format == "%m/%d" and mailchimp.max_bytes is None
    assert _headers(brevo)[:4] == ["EMAIL", "FIRSTNAME", "LASTNAME", "SMS"] and brevo.delimiter == ";"
    assert "Segment" in _headers(klaviyo) and klaviyo.date_format == "%Y-%m-%d"
    assert _headers(unisender) == ["email", "Name", "phone", "tags"]
    assert (klaviyo.max_bytes, brevo.max_bytes, unisender.max_bytes) == (50_000_000, 250_000_000, 20_000_000)
    assert all(_by_name(n).max_rows is None for n in SERVICES)


def test_find_preset_finds_builtins_then_customs() -> None:
    mine = custom_preset("my_list", "My list", _by_name("brevo"), (ColumnSpec(Source.ROLE, "email", "EMAIL"),))
    assert find_preset("klaviyo") is _by_name("klaviyo")
    assert find_preset("my_list", (mine,)) is mine


def test_a_custom_preset_cannot_shadow_a_builtin() -> None:
    impostor = dataclasses.replace(_by_name("excel"), kind=FileKind.CSV, builtin=False)
    assert find_preset("excel", (impostor,)).kind is FileKind.XLSX


def test_find_preset_unknown_name_lists_the_choices() -> None:
    mine = custom_preset("mine", "", _by_name("excel_csv"), ())
    with pytest.raises(ExportError) as info:
        find_preset("sendpulse", (mine,))
    assert info.value.key == "export_unknown_preset"
    assert info.value.params == {
        "name": "sendpulse", "choices": "excel, excel_csv, excel_csv_eu, mailchimp, klaviyo, brevo, unisender, mine"}


def test_custom_preset_takes_the_base_shape_and_its_own_columns() -> None:
    base = _by_name("unisender")
    columns = (ColumnSpec(Source.ROLE, "email", "E-mail"), ColumnSpec(Source.CONSENT, "email", "Согласие"),
               ColumnSpec(Source.COLUMN, "Loyalty card", "card"), ColumnSpec(Source.SEGMENT, "", "Сегмент"))
    preset = custom_preset("  shop  ", "  Shop list ", base, columns)
    assert (preset.name, preset.title, preset.columns, preset.builtin) == ("shop", "Shop list", columns, False)
    shape = ("kind", "delimiter", "decimal", "encoding", "eol", "date_format", "phone_format", "needs_email",
             "consent_words", "max_rows", "max_bytes")
    assert all(getattr(preset, f) == getattr(base, f) for f in shape)
    assert preset_from_json(json.loads(json.dumps(preset_to_json(preset)))) == preset
    assert custom_preset("x", " ", base, columns).title == "x"


@pytest.mark.parametrize(("name", "columns", "reason"), [
    ("", (), "no name"),
    ("   ", (), "no name"),
    ("mailchimp", (), "the name of a built-in preset"),
    ("Excel_CSV", (), "the name of a built-in preset"),
    ("ok", (ColumnSpec(Source.ROLE, "email", " "),), "a column has no header"),
    ("ok", (ColumnSpec(Source.ROLE, "email", "Email"), ColumnSpec(Source.ROLE, "phone", "EMAIL ")),
     "two columns are headed 'EMAIL'"),
    ("ok", (ColumnSpec(Source.ROLE, "shoe_size", "Size"),), "'shoe_size' is not a column role"),
    ("ok", (ColumnSpec(Source.CONSENT, "post", "Post"),), "a consent column is for email or sms, not 'post'"),
    ("ok", (ColumnSpec(Source.COLUMN, "", "Card"),), "the column 'Card' names no imported column"),
])
def test_custom_preset_rejects_bad_names_and_columns(name: str, columns: tuple[ColumnSpec, ...], reason: str) -> None:
    with pytest.raises(ExportError) as info:
        custom_preset(name, "Title", _by_name("excel"), columns)
    assert info.value.key == "export_bad_preset"
    assert info.value.params["reason"] == reason
