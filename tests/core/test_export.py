"""Export: who is left out and why, the formula guard, atomic multi-file writes, splitting, encodings, the
workbook with its summary, the export log."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import replace

import numpy as np
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from segdesk.core.errors import Cancelled, InputError
from segdesk.core.export.exclusions import read_suppression
from segdesk.core.export.model import ColumnSpec, ExportError, ExportSettings, FileKind, Preset, Reason, Source, Target
from segdesk.core.export.presets import find_preset
from segdesk.core.export.run import export, plan_export
from segdesk.core.export.writers import SHEET_NAME, sheet_names
from segdesk.core.io import ImportOptions
from segdesk.core.io.reader import read_table
from segdesk.core.rules.data import RuleData
from segdesk.core.rules.model import Combinator, Condition, Group, Operator
from segdesk.core.segments.assign import assign
from segdesk.core.segments.model import Segment, SegmentSet

AS_OF = dt.date(2025, 3, 10)
CUSTOMERS = ("id;name;email;phone;city;spent;email consent;birthday\n"
             "1;Anna;Anna@Example.com;+7 916 123-45-67;Moscow;1 200,50;да;29.02.1992\n"
             "2;Boris;not-an-email;89161112233;Moscow;300,00;да;01.03.1980\n"
             "3;Vera;;8 916 000 00 01;Moscow;0,00;да;\n"
             "4;=HYPERLINK(\"http://x\");x@y.ru;;Perm;-50,00;да;\n"
             "5;Gleb;anna@example.com ;;Perm;10,00;да;\n"
             "6;Dina;dina@example.com;;Perm;10,00;нет;\n"
             "7;Egor;egor@example.com;;Perm;10,00;;\n"
             "8;+cmd|' /C calc'!A0;stop@example.com;;Kazan;5,00;да;\n"
             "9;@SUM(1);phone@example.com;+7 (916) 999-88-77;Kazan;5,00;да;\n")


def _city(name: str) -> Segment:
    return Segment(name, Group(Combinator.AND, False, (Condition("city", Operator.EQ, name),)))


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS, encoding="cp1251")
    return read_table(path, ImportOptions())


def _assigned(table, *names, holdout=0.0, seed=0):
    segments = SegmentSet(tuple(_city(n) for n in names), holdout, seed)
    return segments, assign(segments, RuleData(table, AS_OF, None))


def _read_csv(path, encoding="utf-8-sig", delimiter=","):
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode(encoding)), delimiter=delimiter))


def test_every_customer_of_a_list_is_written_held_out_or_excluded_for_one_reason(table):
    segments, result = _assigned(table, "Moscow", "Perm", "Kazan")
    plan = plan_export(table, segments, result, ExportSettings(preset="mailchimp"))
    moscow, perm, kazan = plan.lists
    assert (moscow.customers, len(moscow.rows)) == (3, 1)  # Anna only
    assert moscow.excluded[Reason.INVALID_EMAIL] == 1 and moscow.excluded[Reason.NO_EMAIL] == 1
    # Gleb's address is Anna's once trimmed and lower-cased: Moscow comes first, so it keeps the contact
    assert perm.excluded[Reason.DUPLICATE] == 1
    assert perm.excluded[Reason.NO_CONSENT] == 2  # "нет", and an empty consent cell
    for item in plan.lists:
        assert item.customers == len(item.rows) + len(item.control) + item.excluded_total


def test_generic_presets_keep_customers_without_an_email_but_never_invalid_ones(table):
    segments, result = _assigned(table, "Moscow")
    plan = plan_export(table, segments, result, ExportSettings(preset="excel_csv"))
    assert len(plan.lists[0].rows) == 2 and plan.lists[0].excluded[Reason.INVALID_EMAIL] == 1
    unticked = plan_export(table, segments, result, ExportSettings(preset="excel_csv", exclude_invalid_email=False))
    assert len(unticked.lists[0].rows) == 3


def test_suppression_list_matches_normalised_emails_and_phones(table, tmp_path):
    listed = tmp_path / "do not mail.txt"
    listed.write_text("Unsubscribed\nSTOP@example.com; +7 916 999 88 77\nsomething else\n", encoding="utf-8")
    suppression = read_suppression(listed)
    assert suppression.emails == {"stop@example.com"} and suppression.phones == {"+79169998877"}
    segments, result = _assigned(table, "Kazan")
    plan = plan_export(table, segments, result, ExportSettings(preset="mailchimp"), suppression)
    assert plan.lists[0].excluded[Reason.SUPPRESSED] == 2 and len(plan.lists[0].rows) == 0
    empty = tmp_path / "empty.txt"
    empty.write_text("nobody here\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_suppression(empty)
    assert caught.value.key == "suppression_empty"


def test_csv_never_carries_a_formula_but_keeps_phones_and_negative_numbers(table, tmp_path):
    segments, result = _assigned(table, "Perm", "Kazan")
    settings = ExportSettings(preset="excel_csv", exclude_no_consent=False, exclude_duplicates=False)
    export(tmp_path / "out", table, plan_export(table, segments, result, settings), AS_OF)
    rows = _read_csv(tmp_path / "out" / "Perm.csv") + _read_csv(tmp_path / "out" / "Kazan.csv")
    names = {r["name"] for r in rows}
    assert "'=HYPERLINK(\"http://x\")" in names and "'+cmd|' /C calc'!A0" in names and "'@SUM(1)" in names
    assert {r["spent"] for r in rows} >= {"-50"}
    assert "+7 (916) 999-88-77" in {r["phone"] for r in rows}
    for row in rows:
        for value in row.values():
            assert not value or value[0] not in "=@\t\r" or value.startswith("'")


def test_xlsx_writes_text_as_text_never_as_a_formula(table, tmp_path):
    segments, result = _assigned(table, "Perm")
    settings = ExportSettings(preset="excel", exclude_no_consent=False)
    export(tmp_path / "out", table, plan_export(table, segments, result, settings), AS_OF)
    sheet = openpyxl.load_workbook(tmp_path / "out" / "Perm.xlsx").active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert any(c.value == "=HYPERLINK(\"http://x\")" for c in cells)
    assert all(c.data_type != "f" for c in cells)
    spent = [c.value for c in cells if isinstance(c.value, float | int) and c.value < 0]
    assert spent == [-50]


def test_mailchimp_file_has_its_headers_e164_phones_and_month_day_birthdays(table, tmp_path):
    segments, result = _assigned(table, "Moscow")
    export(tmp_path, table, plan_export(table, segments, result, ExportSettings(preset="mailchimp")), AS_OF)
    rows = _read_csv(tmp_path / "Moscow.csv", "utf-8")
    assert list(rows[0]) == [c.header for c in find_preset("mailchimp").columns]
    assert rows[0]["Email Address"] == "anna@example.com"
    assert rows[0]["Phone Number"] == "+79161234567" and rows[0]["Birthday"] == "02/29"


def test_a_cancelled_export_leaves_the_previous_files_and_no_half_file(table, tmp_path):
    segments, result = _assigned(table, "Moscow", "Perm")
    plan = plan_export(table, segments, result, ExportSettings(preset="excel_csv", exclude_no_consent=False))
    export(tmp_path, table, plan, AS_OF)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    changed = replace(plan, lists=tuple(replace(item, rows=item.rows[:1]) for item in plan.lists))

    def cancel_late(fraction, message):
        if fraction > 0.5:
            raise Cancelled

    with pytest.raises(Cancelled):
        export(tmp_path, table, changed, AS_OF, progress=cancel_late)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_the_source_file_is_never_written(table, tmp_path):
    segments, result = _assigned(table, "Moscow")
    named = replace(segments, segments=(replace(segments.segments[0], name="customers"),))
    plan = plan_export(table, named, result, ExportSettings(preset="excel_csv"))
    before = table.path.read_bytes()
    with pytest.raises(InputError) as caught:
        export(tmp_path, table, plan, AS_OF, protect=(table.path,))
    assert caught.value.key == "would_overwrite_source" and table.path.read_bytes() == before
    assert not list(tmp_path.glob(".*.part"))


def test_a_list_over_the_service_limit_is_split_with_the_header_in_every_part(table, tmp_path):
    base = find_preset("excel_csv")
    small = replace(base, name="small", builtin=False, max_rows=2)
    segments, result = _assigned(table, "Perm")
    settings = ExportSettings(preset="small", custom_presets=(small,), exclude_no_consent=False,
                              exclude_duplicates=False)
    report = export(tmp_path, table, plan_export(table, segments, result, settings), AS_OF)
    names = [f.name for f in report.lists[0].files]
    assert names == ["Perm (part 1 of 2).csv", "Perm (part 2 of 2).csv"]
    parts = [_read_csv(tmp_path / n) for n in names]
    assert [len(p) for p in parts] == [2, 2] and all("email" in p[0] for p in parts)
    by_bytes = replace(base, name="bytes", builtin=False, max_bytes=200)
    settings = replace(settings, preset="bytes", custom_presets=(by_bytes,))
    report = export(tmp_path / "b", table, plan_export(table, segments, result, settings), dt.date(2025, 3, 10))
    sizes = [(tmp_path / "b" / f.name).stat().st_size for f in report.lists[0].files]
    assert len(sizes) > 1 and max(sizes) <= 200
    assert sum(f.rows for f in report.lists[0].files) == 4


def test_a_single_byte_encoding_is_written_and_a_value_it_cannot_hold_is_named(table, tmp_path):
    cyrillic = Preset("cp", "cp1251", encoding="cp1251", delimiter=";", builtin=False, needs_email=False,
                      columns=(ColumnSpec(Source.COLUMN, "name", "Имя"), ColumnSpec(Source.SEGMENT, "", "Сегмент")))
    segments, result = _assigned(table, "Moscow")
    settings = ExportSettings(preset="cp", custom_presets=(cyrillic,))
    export(tmp_path, table, plan_export(table, segments, result, settings), AS_OF)
    assert _read_csv(tmp_path / "Moscow.csv", "cp1251", ";")[0] == {"Имя": "Anna", "Сегмент": "Moscow"}
    greek = replace(segments, segments=(replace(segments.segments[0], name="Μόσχα"),))
    with pytest.raises(ExportError) as caught:
        export(tmp_path / "g", table, plan_export(table, greek, result, settings), AS_OF)
    assert caught.value.key == "export_cannot_encode" and caught.value.params["column"] == "Сегмент"


def test_one_workbook_with_a_summary_and_a_sheet_per_segment(table, tmp_path):
    segments, result = _assigned(table, "Moscow", "Perm", "Kazan", holdout=50, seed=3)
    long_name = "Perm: customers [who] buy * a lot?"
    segments = replace(segments, segments=(*segments.segments[:1], replace(segments.segments[1], name=long_name),
                                           segments.segments[2]))
    settings = ExportSettings(preset="excel", target=Target.WORKBOOK, exclude_no_consent=False)
    plan = plan_export(table, segments, result, settings)
    report = export(tmp_path, table, plan, AS_OF)
    book = openpyxl.load_workbook(tmp_path / "segments.xlsx")
    assert book.sheetnames[0] == "Summary" and len(book.sheetnames) == 4
    assert all(len(n) <= SHEET_NAME and not set(n) & set("[]:*?/\\") for n in book.sheetnames)
    summary = list(book["Summary"].iter_rows(values_only=True))
    assert summary[0][:6] == ("Segment", "Rule", "Customers", "Exported", "Control group", "Excluded")
    assert [r[0] for r in summary[1:]] == ["Moscow", long_name, "Kazan"]
    assert summary[1][1] == "city = \"Moscow\"" or "Moscow" in summary[1][1]
    assert sum(len(p.control) for p in plan.lists) > 0
    assert report.control_workbook is not None and (tmp_path / report.control_workbook.name).exists()
    for item, sheet in zip(plan.lists, book.sheetnames[1:], strict=True):
        assert book[sheet].max_row - 1 == len(item.rows)


def test_the_log_names_every_file_with_its_sha256_and_keeps_earlier_exports(table, tmp_path):
    segments, result = _assigned(table, "Moscow", "Perm")
    plan = plan_export(table, segments, result, ExportSettings(preset="brevo"))
    export(tmp_path, table, plan, AS_OF)
    report = export(tmp_path, table, plan, AS_OF)
    lines = (tmp_path / report.log).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    entry = json.loads(lines[1])
    assert entry["as_of"] == "2025-03-10" and entry["preset"] == "brevo" and entry["source"] == "customers.csv"
    for item in entry["lists"]:
        for f in item["files"]:
            assert hashlib.sha256((tmp_path / f["name"]).read_bytes()).hexdigest() == f["sha256"]
    assert entry["lists"][1]["excluded"]["duplicate"] == 1


def test_choosing_segments_and_unknown_names(table):
    segments, result = _assigned(table, "Moscow", "Perm")
    plan = plan_export(table, segments, result, ExportSettings(segments=("perm",)))
    assert [p.segment.name for p in plan.lists] == ["Perm"]
    with pytest.raises(ExportError) as caught:
        plan_export(table, segments, result, ExportSettings(segments=("Nowhere",)))
    assert caught.value.key == "export_unknown_segment"
    disabled = replace(segments, segments=tuple(replace(s, enabled=False) for s in segments.segments))
    with pytest.raises(ExportError) as caught:
        plan_export(table, disabled, result, ExportSettings())
    assert caught.value.key == "export_no_segments"


def test_a_named_column_the_data_lacks_or_a_missing_folder_is_a_clear_error(table, tmp_path):
    segments, result = _assigned(table, "Moscow")
    settings = ExportSettings(columns=(ColumnSpec(Source.COLUMN, "loyalty card", "Card"),), kind=FileKind.CSV)
    plan = plan_export(table, segments, result, settings)
    with pytest.raises(ExportError) as caught:
        export(tmp_path, table, plan, AS_OF)
    assert caught.value.key == "export_no_column" and "loyalty card" in str(caught.value)
    with pytest.raises(InputError) as caught:
        export(tmp_path / "no such folder" / "out", table, plan, AS_OF)
    assert caught.value.key == "no_folder"
    assert list(tmp_path.iterdir()) == [table.path]


@given(st.lists(st.text(min_size=0, max_size=50), min_size=1, max_size=12))
def test_sheet_names_are_always_valid_and_unique(names):
    found = sheet_names(names, ("Summary",))
    assert len(found) == len(names)
    folded = [n.casefold() for n in found]
    assert len(set(folded)) == len(folded) and "summary" not in folded and "history" not in folded
    for name in found:
        assert 0 < len(name) <= SHEET_NAME and not set(name) & set("[]:*?/\\")
        assert name == name.strip() and not name.startswith("'") and not name.endswith("'")


@given(st.text(max_size=30))
def test_the_formula_guard_leaves_no_cell_a_spreadsheet_would_run(text):
    import pyarrow as pa

    from segdesk.core.export.values import neutralise

    out = neutralise(pa.array([text], pa.large_string()))[0].as_py()
    assert out in (text, "'" + text)
    if text[:1] in ("=", "@", "\t", "\r"):
        assert out == "'" + text
    if text[:1] in "+-" and text and not set(text[1:]) <= set("0123456789 ().-\t\n\r\x0b\x0c"):
        assert out == "'" + text


def test_duplicates_are_decided_in_priority_order_not_file_order(table):
    _, result = _assigned(table, "Perm", "Moscow")
    segments, _ = _assigned(table, "Perm", "Moscow")
    plan = plan_export(table, segments, result, ExportSettings(preset="mailchimp", exclude_no_consent=False))
    perm, moscow = plan.lists
    # Gleb (Perm, row 5) now comes first, so Anna (Moscow, row 1) is the duplicate
    assert perm.excluded[Reason.DUPLICATE] == 0 and moscow.excluded[Reason.DUPLICATE] == 1
    assert np.isin(4, perm.rows)


def _risky_reference(text: str) -> bool:
    """The rule in plain Python: = @ tab CR always; + or - unless only a number's or phone's characters follow."""
    if not text:
        return False
    if text[0] in "=@\t\r":
        return True
    return text[0] in "+-" and not set(text[1:]) <= set("0123456789 ().-\t\n\x0b\x0c\r")


@given(st.lists(st.one_of(st.none(), st.text(alphabet=st.sampled_from(list("=+-@ 7(). aЖ\t\r\n'")), max_size=8),
                          st.text(max_size=8)), max_size=40))
def test_the_formula_guard_decides_each_cell_of_a_column_alone(values):
    import pyarrow as pa

    from segdesk.core.export.values import neutralise

    column = pa.array(values, pa.large_string())
    for sliced in (column, column.slice(min(3, len(values)))):
        out = neutralise(sliced).to_pylist()
        for before, after in zip(sliced.to_pylist(), out, strict=True):
            assert after == (None if before is None else "'" + before if _risky_reference(before) else before)


def test_a_new_export_removes_the_previous_lists_it_does_not_replace_unless_edited(table, tmp_path):
    segments, result = _assigned(table, "Moscow", "Perm", "Kazan")
    settings = ExportSettings(preset="excel_csv", exclude_no_consent=False)
    export(tmp_path, table, plan_export(table, segments, result, settings), AS_OF)
    (tmp_path / "Kazan.csv").write_text("my own notes\n", encoding="utf-8")  # the user's now: kept
    only_moscow = replace(settings, segments=("Moscow",))
    report = export(tmp_path, table, plan_export(table, segments, result, only_moscow), AS_OF)
    assert report.removed == ("Perm.csv",)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Kazan.csv", "Moscow.csv", "customers.csv",
                                                          "export-log.jsonl"]
    assert json.loads((tmp_path / "export-log.jsonl").read_text(encoding="utf-8").splitlines()[-1])["removed"] == [
        "Perm.csv"]


def test_control_files_keep_their_label_and_never_take_another_lists_name():
    from segdesk.core.export.files import list_stems

    long = "L" * 120
    stems = list_stems([long, "Moscow", "Moscow (control)"], ".csv")
    lists, controls = stems[:3], stems[3:]
    assert all(c.endswith(")") and "(control" in c for c in controls)
    assert controls[0].startswith(lists[0]) and len(controls[0]) < 120
    assert len({s.casefold() for s in stems}) == 6 and lists[2] == "Moscow (control)"
    assert controls[1] != "Moscow (control)"


def test_a_full_name_fills_the_first_name_when_there_is_no_first_name(tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text("ФИО;email;Дата рождения\nИванов Иван Иванович;ivan@example.com;29.02.1992\n", encoding="cp1251")
    crm = read_table(path, ImportOptions())
    segments = SegmentSet((Segment("All", Group()),))
    result = assign(segments, RuleData(crm, AS_OF, None))
    export(tmp_path / "mc", crm, plan_export(crm, segments, result, ExportSettings(preset="mailchimp")), AS_OF)
    row = _read_csv(tmp_path / "mc" / "All.csv", "utf-8")[0]
    assert row["First Name"] == "Иванов Иван Иванович" and row["Last Name"] == ""
    settings = ExportSettings(preset="mailchimp", kind=FileKind.XLSX)
    export(tmp_path / "x", crm, plan_export(crm, segments, result, settings), AS_OF)
    sheet = openpyxl.load_workbook(tmp_path / "x" / "All.xlsx").active
    assert [c.value for c in sheet[2]][4] == "02/29"  # Mailchimp's MM/DD, as text in a workbook too


def test_the_excel_preset_written_as_csv_has_a_bom(table, tmp_path):
    segments, result = _assigned(table, "Moscow")
    settings = ExportSettings(preset="excel", kind=FileKind.CSV)
    export(tmp_path, table, plan_export(table, segments, result, settings), AS_OF)
    assert (tmp_path / "Moscow.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_suppression_list_that_is_missing_or_binary_is_named_as_one(tmp_path):
    with pytest.raises(InputError) as caught:
        read_suppression(tmp_path / "stop.txt")
    assert caught.value.key == "suppression_missing" and "suppression list" in str(caught.value)
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\x01 79161234567 12345678 \x00" * 50)
    with pytest.raises(InputError) as caught:
        read_suppression(binary)
    assert caught.value.key == "suppression_binary"
