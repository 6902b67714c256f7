"""Importing workbooks the way accountants and CRMs send them."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pandas as pd
import pytest

from segdesk.core.errors import InputError
from segdesk.core.io import ColumnType, FileFormat, ImportOptions, Role, read_table


def _report_book(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Параметры"
    ws.append(["ключ", "значение"])
    ws.append(["период", "2026"])
    data = wb.create_sheet("Клиенты")
    data["A1"] = "Отчёт по клиентам за 2026 год"
    data.merge_cells("A1:E1")
    data.append([])
    data.append(["Код", "Клиент", "Дата регистрации", "Сумма покупок", "Согласие на рассылку"])
    data.append(["000101", "Иванов Пётр", dt.date(2024, 1, 5), 1200.5, "да"])
    data.append(["000102", "Smith John", dt.datetime(2024, 2, 5, 10, 0), "1 300,25", "нет"])
    data.append(["000103", "Петрова Анна", 45000, 99, "да"])
    data.append(["Итого", None, None, 2599.75, None])
    wb.save(path)
    return path


def test_report_workbook(tmp_path):
    t = read_table(_report_book(tmp_path / "report.xlsx"))
    assert t.detected.format == FileFormat.XLSX
    assert t.detected.sheets == ("Параметры", "Клиенты")
    assert t.detected.sheet == "Клиенты"  # the sheet with the most data
    assert t.detected.header_row == 3
    assert t.rows == 3  # the totals row is gone
    assert t.source_rows.tolist() == [4, 5, 6]
    assert t.frame["Код"].tolist() == ["000101", "000102", "000103"]
    assert t.column("Сумма покупок").type == ColumnType.NUMBER
    assert t.frame["Сумма покупок"].tolist() == [1200.5, 1300.25, 99.0]  # numbers stored as text become numbers
    assert t.column("Дата регистрации").type == ColumnType.DATE
    assert t.frame["Дата регистрации"].tolist() == [pd.Timestamp("2024-01-05"), pd.Timestamp("2024-02-05 10:00"),
                                                   pd.Timestamp("2023-03-15")]  # 45000 is an Excel serial date
    assert t.column("Согласие на рассылку").type == ColumnType.BOOLEAN
    assert any(q.kind == "totals_row" and q.rows == (7,) for q in t.quality)


def test_a_note_under_the_table_is_not_a_customer(tmp_path):
    path = _report_book(tmp_path / "report.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Клиенты"]["A9"] = "Сформировано 07.12.2026 в 1С:Предприятие"
    wb.save(path)
    t = read_table(path)
    assert t.frame["Код"].tolist() == ["000101", "000102", "000103"]
    assert {q.kind: q.rows for q in t.quality}.items() >= {"note_rows": (9,), "totals_row": (7,)}.items()


def _two_row_header(path, title: bool):
    wb = openpyxl.Workbook()
    ws = wb.active
    top = 1
    if title:
        ws["A1"] = "Kupci 2026"
        top = 3
    ws.cell(top, 1, "Ime i prezime")
    ws.merge_cells(start_row=top, start_column=1, end_row=top + 1, end_column=1)
    ws.cell(top, 2, "Kontakt")
    ws.merge_cells(start_row=top, start_column=2, end_row=top, end_column=3)
    ws.cell(top + 1, 2, "E-mail")
    ws.cell(top + 1, 3, "Telefon")
    ws.cell(top, 4, "Ukupno potrošeno")
    ws.merge_cells(start_row=top, start_column=4, end_row=top + 1, end_column=4)
    ws.cell(top, 5, "Grad")  # not merged down: still its column's name
    for i, row in enumerate([("Ivan Horvat", "ivan@x.hr", "091 111 2222", 100.5, "Zagreb"),
                             ("Ana Šimić", "ana@x.hr", "092 333 4444", 2000, "Split")]):
        for j, value in enumerate(row):
            ws.cell(top + 2 + i, j + 1, value)
    wb.save(path)
    return path, top + 1


@pytest.mark.parametrize("title", [False, True])
def test_a_header_of_two_rows_with_cells_merged_down_is_one_header(tmp_path, title):
    path, header = _two_row_header(tmp_path / "two.xlsx", title)
    for options in (ImportOptions(phone_region="HR"), ImportOptions(header_row=header, phone_region="HR")):
        t = read_table(path, options)
        assert t.detected.header_row == header and t.rows == 2 and t.quality == []
        assert [(c.name, c.role) for c in t.columns] == [
            ("Ime i prezime", Role.FULL_NAME), ("Kontakt E-mail", Role.EMAIL), ("Kontakt Telefon", Role.PHONE),
            ("Ukupno potrošeno", Role.TOTAL_SPENT), ("Grad", Role.CITY)]
        assert t.frame["Ukupno potrošeno"].tolist() == [100.5, 2000]


def test_a_serial_day_number_among_date_cells_is_a_date(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Email", "Первая покупка"])
    for i in range(19):
        ws.append([f"u{i}@mail.ru", dt.datetime(2023, 1, 1 + i)])
    ws.append(["u19@mail.ru", 45000])  # Excel stored this one as a number
    small = wb.create_sheet("small")
    for row in (["Email", "Дата"], ["a@x.ru", dt.datetime(2021, 3, 15)], ["b@x.ru", "01.02.2020"], ["c@x.ru", 45000]):
        small.append(row)
    codes = wb.create_sheet("codes")
    for row in [["name", "zip"]] + [[f"n{i}", str(10115 + i)] for i in range(10)]:
        codes.append(row)  # five digits alone are no dates
    wb.save(tmp_path / "s.xlsx")
    t = read_table(tmp_path / "s.xlsx", ImportOptions(sheet="Sheet"))
    assert t.column("Первая покупка").type == ColumnType.DATE and t.column("Первая покупка").unparseable == 0
    assert t.frame["Первая покупка"].iloc[-1] == pd.Timestamp("2023-03-15")
    t = read_table(tmp_path / "s.xlsx", ImportOptions(sheet="small"))
    assert t.frame["Дата"].tolist() == [pd.Timestamp("2021-03-15"), pd.Timestamp("2020-02-01"),
                                        pd.Timestamp("2023-03-15")]
    assert read_table(tmp_path / "s.xlsx", ImportOptions(sheet="codes")).column("zip").type == ColumnType.INTEGER


def test_a_few_dates_among_many_five_digit_numbers_are_no_date_column(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["name", "Индекс"])
    for i in range(20):
        ws.append([f"n{i}", str(10115 + i) if i % 3 else f"0{1 + i % 9}.02.2020"])
    wb.save(tmp_path / "z.xlsx")
    t = read_table(tmp_path / "z.xlsx")
    assert t.column("Индекс").type == ColumnType.TEXT and t.frame["Индекс"].iloc[1] == "10116"


def test_workbook_numbers_beside_a_date_stay_numbers_and_the_fuller_phone_wins(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Email", "Last purchase date", "Days since last purchase", "Рабочий телефон", "Мобильный телефон"])
    for i in range(10):
        ws.append([f"u{i}@x.ru", dt.datetime(2024, 1, 1 + i), 45 + i, 74951112233 + i if i < 3 else None,
                   79161234567 + i])
    wb.save(tmp_path / "w.xlsx")
    t = read_table(tmp_path / "w.xlsx")
    assert t.frame["Days since last purchase"].tolist()[:2] == [45, 46]
    assert t.column("Мобильный телефон").role == Role.PHONE and t.column("Рабочий телефон").role is None


def test_numbers_far_from_a_columns_dates_are_no_serial_days(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ID", "Note"])
    for i in range(40):  # half 2022 dates, half numbers that would be 1927's serial days
        ws.append([i + 1, dt.datetime(2022, 1, 1 + i % 28) if i % 2 == 0 else 10001 + i])
    wb.save(tmp_path / "n.xlsx")
    t = read_table(tmp_path / "n.xlsx")
    assert t.column("Note").type == ColumnType.TEXT and t.frame["Note"].iloc[1] == "10002"


def test_sheet_can_be_chosen(tmp_path):
    t = read_table(_report_book(tmp_path / "report.xlsx"), ImportOptions(sheet="Параметры"))
    assert list(t.frame.columns) == ["ключ", "значение"]
    with pytest.raises(InputError, match="no sheet named"):
        read_table(tmp_path / "report.xlsx", ImportOptions(sheet="Nope"))


def test_merged_header_cells(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "Контакт", None, "Город"])
    ws.merge_cells("B1:C1")
    ws.append([None, "email", "телефон", None])
    ws.append([1, "a@b.ru", "+79123456789", "Москва"])
    ws.append([2, "c@d.ru", "+79123456780", "Казань"])
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    t = read_table(path, ImportOptions(header_row=2))
    assert list(t.frame.columns)[1:3] == ["Контакт email", "Контакт телефон"]


def test_columns_under_a_merged_group_header_keep_their_roles(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Отчёт"])
    ws.append(["Клиент", None, "Покупки", None])
    ws.merge_cells("A2:B2")
    ws.merge_cells("C2:D2")
    ws.append(["Фамилия", "Имя", "Последняя покупка", "Сумма"])
    ws.append(["Иванов", "Пётр", dt.date(2024, 1, 5), 100.5])
    ws.append(["Петрова", "Анна", dt.date(2024, 2, 5), 200])
    path = tmp_path / "grouped.xlsx"
    wb.save(path)
    t = read_table(path)
    assert list(t.frame.columns) == ["Клиент Фамилия", "Клиент Имя", "Покупки Последняя покупка", "Покупки Сумма"]
    assert [c.role for c in t.columns] == [Role.LAST_NAME, Role.FIRST_NAME, Role.LAST_PURCHASE_DATE,
                                           Role.TOTAL_SPENT]


def test_leading_zero_codes_and_long_ids_stay_text(tmp_path):
    df = pd.DataFrame({"code": ["007", "010", "123"], "card": ["1234567890123456789"] * 3, "n": [1, 2, 3]})
    path = tmp_path / "codes.xlsx"
    df.to_excel(path, index=False)
    t = read_table(path)
    assert t.frame["code"].tolist() == ["007", "010", "123"]
    assert t.column("card").type == ColumnType.TEXT
    assert t.column("n").type == ColumnType.INTEGER


@pytest.mark.parametrize(("suffix", "engine"), [(".xlsx", "openpyxl"), (".ods", "odf")])
def test_other_workbook_formats(tmp_path, suffix, engine):
    df = pd.DataFrame({"Email": ["a@b.com", "c@d.com"], "Spent": [1.5, 2.0], "City": ["Split", "Zadar"]})
    path = tmp_path / f"book{suffix}"
    df.to_excel(path, index=False, engine=engine)
    t = read_table(path)
    assert t.frame["City"].tolist() == ["Split", "Zadar"]
    assert t.column("Email").role == Role.EMAIL


def test_xls(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook()
    ws = wb.add_sheet("Sheet1")
    for r, row in enumerate([["id", "name", "spent"], ["001", "Ana", 10.5], ["002", "Ivo", 3]]):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    path = tmp_path / "old.xls"
    wb.save(str(path))
    t = read_table(path)
    assert t.detected.format == FileFormat.XLS
    assert t.frame["id"].tolist() == ["001", "002"]
    assert t.frame["spent"].tolist() == [10.5, 3.0]


def test_truncated_workbook(tmp_path):
    good = _report_book(tmp_path / "report.xlsx").read_bytes()
    bad = tmp_path / "cut.xlsx"
    bad.write_bytes(good[: len(good) // 2])
    with pytest.raises(InputError, match="damaged|incomplete"):
        read_table(bad)


def test_password_protected_workbook(tmp_path):
    # An encrypted .xlsx is an OLE container with an EncryptedPackage stream.
    fake = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500
    path = tmp_path / "secret.xlsx"
    path.write_bytes(fake)
    with pytest.raises(InputError, match="password"):
        read_table(path)


def test_xlsx_that_is_really_text(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_text("id;name\n1;Ana\n2;Ivo\n", encoding="utf-8")
    t = read_table(path)
    assert t.detected.format == FileFormat.CSV
    assert t.frame["name"].tolist() == ["Ana", "Ivo"]
    assert any(q.kind == "format_mismatch" for q in t.quality)


def test_zip_that_is_no_workbook(tmp_path):
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError):
        read_table(path)


def test_empty_sheet(tmp_path):
    wb = openpyxl.Workbook()
    path = tmp_path / "empty.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match="empty"):
        read_table(path)


def test_a_sheet_with_a_header_only_is_named_in_the_message(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Сводка"
    wb.active.append(["Всего клиентов", 25])
    wb.create_sheet("Клиенты").append(["id", "name"])
    path = tmp_path / "summary.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match="the sheet 'Сводка' has a header but no data rows"):
        read_table(path, ImportOptions(sheet="Сводка"))


def test_a_table_that_starts_lower_right_keeps_excel_row_numbers(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["C3"], ws["D3"], ws["E3"] = "id", "name", "name"
    for i, (n, m) in enumerate([("Ana", "x"), ("Ivo", "y")], start=4):
        ws[f"C{i}"], ws[f"D{i}"], ws[f"E{i}"] = i, n, m
    path = tmp_path / "offset.xlsx"
    wb.save(path)
    t = read_table(path)
    assert t.detected.header_row == 3
    assert t.source_rows.tolist() == [4, 5]
    assert list(t.frame.columns) == ["id", "name", "name (2)"]
    assert t.frame["name"].tolist() == ["Ana", "Ivo"]


def test_phones_stored_as_numbers_are_valid_phones(tmp_path):
    df = pd.DataFrame({"Имя": ["Анна", "Борис"], "Телефон": [79161234567, 79031234567]})
    path = tmp_path / "phones.xlsx"
    df.to_excel(path, index=False)
    t = read_table(path)
    assert t.derived["phone_e164"].tolist() == ["+79161234567", "+79031234567"]
    assert not any(q.kind == "invalid_phone" for q in t.quality)


def test_real_date_cells_and_dates_typed_as_text_make_one_date_column(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Фамилия", "Последняя покупка"])
    for i in range(60):  # a third typed by hand as text, the way accountants fix a cell
        ws.append([f"Клиент {i}", f"{1 + i % 28:02d}.03.2023" if i % 3 == 0 else dt.date(2023, 12, 1 + i % 28)])
    path = tmp_path / "mixed.xlsx"
    wb.save(path)
    t = read_table(path)
    column = t.column("Последняя покупка")
    assert column.type == ColumnType.DATE and column.unparseable == 0
    assert column.role == Role.LAST_PURCHASE_DATE
    assert t.frame["Последняя покупка"].tolist()[:3] == [pd.Timestamp("2023-03-01"), pd.Timestamp("2023-12-02"),
                                                        pd.Timestamp("2023-12-03")]
