"""Importing delimited text the way real exports write it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from segdesk.core.errors import InputError
from segdesk.core.io import ColumnType, DateOrder, ImportOptions, Role, read_table

RU_EXPORT = (
    "Код клиента;Фамилия;Имя;E-mail;Город;Сумма покупок;Последняя покупка;Согласие на рассылку\r\n"
    "000123;Иванов;Пётр;Ivanov@Mail.ru ;Москва;12 345,67;05.03.2025;да\r\n"
    "000124;Петрова;Анна;petrova@yandex;Казань;300,00;17.11.2024;нет\r\n"
    "000125;Сидоров;Олег;;Москва;0,50;01.01.2023;да\r\n"
)


@pytest.mark.parametrize("encoding", ["cp1251", "utf-8", "utf-8-sig", "utf-16", "koi8-r", "cp866"])
def test_russian_export_in_every_encoding(write, encoding):
    t = read_table(write("c.csv", RU_EXPORT, encoding))
    assert t.detected.encoding == encoding
    assert t.detected.delimiter == ";"
    assert list(t.frame.columns)[:3] == ["Код клиента", "Фамилия", "Имя"]
    assert t.frame["Фамилия"].tolist() == ["Иванов", "Петрова", "Сидоров"]


def test_russian_export_types_roles_and_values(write):
    t = read_table(write("c.csv", RU_EXPORT, "cp1251"))
    assert (t.detected.decimal, t.detected.thousands) == (",", " ")
    types = {c.name: c.type for c in t.columns}
    roles = {c.name: c.role for c in t.columns}
    assert types["Код клиента"] == ColumnType.TEXT  # leading zeros kept
    assert t.frame["Код клиента"].tolist() == ["000123", "000124", "000125"]
    assert types["Сумма покупок"] == ColumnType.NUMBER
    assert t.frame["Сумма покупок"].tolist() == [12345.67, 300.0, 0.5]
    assert types["Последняя покупка"] == ColumnType.DATE
    assert t.frame["Последняя покупка"].iloc[0] == pd.Timestamp("2025-03-05")
    assert types["Согласие на рассылку"] == ColumnType.BOOLEAN
    assert t.frame["Согласие на рассылку"].tolist() == [True, False, True]
    assert roles["Код клиента"] == Role.CUSTOMER_ID
    assert roles["E-mail"] == Role.EMAIL
    assert roles["Сумма покупок"] == Role.TOTAL_SPENT
    assert roles["Последняя покупка"] == Role.LAST_PURCHASE_DATE
    assert roles["Согласие на рассылку"] == Role.EMAIL_CONSENT
    assert t.frame["E-mail"].iloc[0] == "ivanov@mail.ru"  # trimmed, lower-cased


def test_quality_report_uses_excel_row_numbers(write):
    t = read_table(write("c.csv", RU_EXPORT, "cp1251"))
    items = {q.kind: q for q in t.quality}
    assert items["invalid_email"].rows == (3,)
    assert "empty_key" not in items  # row 4 has no email, but its customer code tells it apart


def test_rows_with_no_id_email_or_phone_are_keyless(write):
    text = "Код;ФИО;E-mail;Телефон\n1;Иванов;i@mail.ru;\n;Петрова;;+7 912 345-67-89\n;Сидоров;;\n2;Орлов;;\n"
    keyless = next(q for q in read_table(write("k.csv", text)).quality if q.kind == "empty_key")
    assert keyless.rows == (4,) and keyless.message == "rows with no Код, E-mail or Телефон"


def test_cp1252_western_file(write):
    text = "name,city,amount\nMüller,Köln,1.5\nGarçon,Besançon,2\nÅsa,Malmö,3\n"
    t = read_table(write("w.csv", text, "cp1252"))
    assert t.detected.encoding == "cp1252"
    assert t.frame["name"].tolist() == ["Müller", "Garçon", "Åsa"]


def test_title_rows_blank_rows_and_totals_are_skipped(write):
    text = "Отчёт по клиентам\n\nid;name;sum\n1;a;10\n2;b;20\n\nИтого;;30\n"
    t = read_table(write("r.csv", text))
    assert t.detected.header_row == 3
    assert t.frame["name"].tolist() == ["a", "b"]
    assert t.source_rows.tolist() == [4, 5]
    assert any(q.kind == "totals_row" and q.rows == (7,) for q in t.quality)


def test_quoted_delimiters_and_newlines(write):
    text = 'id,note,amount\n1,"hello, world",5\n2,"two\nlines",6\n3,plain,7\n'
    t = read_table(write("q.csv", text))
    assert t.frame["note"].tolist() == ["hello, world", "two\nlines", "plain"]
    assert t.frame["amount"].tolist() == [5, 6, 7]


@pytest.mark.parametrize("delim", [",", ";", "\t", "|"])
def test_delimiters(write, delim):
    rows = [["id", "name", "city"], ["1", "Ann", "Zagreb"], ["2", "Bob", "Split"], ["3", "Ivo", "Rijeka"]]
    t = read_table(write("d.txt", "\n".join(delim.join(r) for r in rows) + "\n"))
    assert t.detected.delimiter == delim
    assert t.frame["city"].tolist() == ["Zagreb", "Split", "Rijeka"]


def test_fixed_width_log_with_compact_dates(write):
    text = "customer    date        amount\n  C001      20240105    12.50\n  C002      20240212   100.00\n" \
           "  C001      20241231     7.25\n"
    t = read_table(write("pos.txt", text), ImportOptions(orders=True))
    assert t.detected.delimiter == " "
    assert t.frame["date"].tolist() == [pd.Timestamp("2024-01-05"), pd.Timestamp("2024-02-12"),
                                        pd.Timestamp("2024-12-31")]
    assert t.frame["amount"].tolist() == [12.5, 100.0, 7.25]


@pytest.mark.parametrize(("cells", "decimal", "thousands", "expected"), [
    (["1 234,50", "12,00", "7"], ",", " ", [1234.5, 12.0, 7.0]),
    (["1\u00a0234,50", "12,00", "7"], ",", " ", [1234.5, 12.0, 7.0]),
    (["1.234,50", "12,00", "7"], ",", ".", [1234.5, 12.0, 7.0]),
    (["1,234.50", "12.00", "7"], ".", ",", [1234.5, 12.0, 7.0]),
    (["1'234.50", "12.00", "7"], ".", "'", [1234.5, 12.0, 7.0]),
])
def test_decimal_and_thousands_separators(write, cells, decimal, thousands, expected):
    text = "id;amount\n" + "".join(f"{i};{c}\n" for i, c in enumerate(cells))
    t = read_table(write("n.csv", text))
    assert (t.detected.decimal, t.detected.thousands) == (decimal, thousands)
    assert t.frame["amount"].tolist() == expected


@pytest.mark.parametrize(("cells", "order"), [
    (["05.03.2025", "17.11.2024"], DateOrder.DMY),
    (["05/03/2025", "17/11/2024"], DateOrder.DMY),
    (["03/05/2025", "11/17/2024"], DateOrder.MDY),
    (["2025-03-05", "2024-11-17"], None),
    (["20250305", "20241117"], None),
    (["05.03.2025 10:30", "17.11.2024 08:00:15"], DateOrder.DMY),
])
def test_date_layouts(write, cells, order):
    text = "id;date\n" + "".join(f"{i};{c}\n" for i, c in enumerate(cells))
    t = read_table(write("dates.csv", text))
    col = t.column("date")
    assert col.type == ColumnType.DATE
    assert t.frame["date"].dt.date.tolist() == [dt.date(2025, 3, 5), dt.date(2024, 11, 17)]
    assert not col.ambiguous_dates


def test_the_date_order_read_is_reported_and_a_chosen_one_holds(write):
    dotted = write("d.csv", "id;d\n1;05.03.2025\n2;17.11.2024\n")
    assert read_table(dotted).detected.date_order == DateOrder.DMY
    assert read_table(write("i.csv", "id,d\n1,2025-03-05\n")).detected.date_order == DateOrder.YMD
    assert read_table(write("n.csv", "id,name\n1,Anna\n")).detected.date_order is None
    both = write("b.csv", "id,created,born\n1,2025-03-05,11/17/1990\n2,2025-03-06,12/01/1985\n")
    assert read_table(both).detected.date_order == DateOrder.MDY  # the order that had to be decided
    # Dots mean day first wherever they are written, unless the user says otherwise.
    t = read_table(write("m.csv", "id;d\n1;05.03.2025\n2;11.12.2024\n"), ImportOptions(date_order=DateOrder.MDY))
    assert t.frame["d"].tolist() == [pd.Timestamp("2025-05-03"), pd.Timestamp("2024-11-12")]
    assert t.detected.date_order == DateOrder.MDY


def test_web_shop_timestamps_with_a_time_zone_are_read_as_written(write):
    cells = ["2023-09-16 10:01:00 +0300", "2023-09-17T23:30:00Z", "2023-09-18T08:15:00.123+03:00",
             "2023-09-19 07:00:00 -0500", "2023-09-20 25:61:00", "2023-09-21 10:01:00+03", "2023-09-22 10:01:00 UTC"]
    t = read_table(write("shop.csv", "id,Created At\n" + "".join(f"{i},{c}\n" for i, c in enumerate(cells))))
    column = t.column("Created At")
    assert column.type == ColumnType.DATE and column.role == Role.SIGNUP_DATE
    assert t.frame["Created At"].tolist()[:4] == [pd.Timestamp("2023-09-16 10:01"), pd.Timestamp("2023-09-17 23:30"),
                                                 pd.Timestamp("2023-09-18 08:15:00.123"),
                                                 pd.Timestamp("2023-09-19 07:00")]
    assert column.unparseable == 1 and pd.isna(t.frame["Created At"].iloc[4])  # no 25th hour, reported
    assert t.frame["Created At"].tolist()[5:] == [pd.Timestamp("2023-09-21 10:01"), pd.Timestamp("2023-09-22 10:01")]


def test_dates_that_cannot_tell_follow_a_month_first_phone_region(write):
    path = write("us.csv", "Email,Joined\n" + "".join(f"u{i}@ex.com,{m}/{d}/2024\n"
                                                       for i, (m, d) in enumerate([(3, 4), (1, 12), (12, 1), (5, 6)])))
    us = read_table(path, ImportOptions(phone_region="US"))
    assert us.frame["Joined"].iloc[0] == pd.Timestamp("2024-03-04")
    assert "read as month first" in next(q for q in us.quality if q.kind == "ambiguous_dates").message
    assert read_table(path).frame["Joined"].iloc[0] == pd.Timestamp("2024-04-03")  # RU: day first, and flagged


def test_croatian_dates_with_a_dot_after_the_year_are_dates(write):
    text = "Ime;Datum rođenja\r\nIvan;03.04.1985.\r\nAna;17.11.1990.\r\nPero;3. 4. 1985.\r\nMara;3.4.1985. 10:30\r\n" \
           "Iva;29.02.1993.\r\n"
    t = read_table(write("h.csv", text, "cp1250"))
    assert t.column("Datum rođenja").type == ColumnType.DATE and t.column("Datum rođenja").role == Role.BIRTH_DATE
    assert t.frame["Datum rođenja"].tolist()[:4] == [pd.Timestamp("1985-04-03"), pd.Timestamp("1990-11-17"),
                                                    pd.Timestamp("1985-04-03"), pd.Timestamp("1985-04-03 10:30")]
    assert next(q for q in t.quality if q.kind == "unparseable").rows == (6,)  # no 29 February in 1993


def test_iso_cells_among_dotted_dates_are_read_too(write):
    t = read_table(write("d.csv", "id;d\n" + "".join(f"{i};{i % 28 + 1:02d}.03.2024\n" for i in range(30))
                         + "31;2024-12-25 00:00:00\n32;2024-02-30\n"))
    column = t.column("d")
    assert column.type == ColumnType.DATE and column.unparseable == 1  # 30 February is no date in any layout
    assert t.frame["d"].iloc[30] == pd.Timestamp("2024-12-25") and pd.isna(t.frame["d"].iloc[31])


def test_ambiguous_dates_are_flagged_not_guessed_silently(write):
    t = read_table(write("amb.csv", "id;date\n1;03/05/2025\n2;04/06/2024\n"))
    assert t.column("date").ambiguous_dates
    assert any(q.kind == "ambiguous_dates" and q.column == "date" for q in t.quality)
    # the user says month first: the same file reads the other way
    t2 = read_table(t.path, ImportOptions(date_order=DateOrder.MDY))
    assert t2.frame["date"].iloc[0] == pd.Timestamp("2025-03-05")
    assert t.frame["date"].iloc[0] == pd.Timestamp("2025-05-03")


def test_an_ambiguous_column_follows_a_decided_one(write):
    text = "id;signup;last\n1;03/05/2025;25/05/2025\n2;04/06/2024;13/01/2024\n"
    t = read_table(write("two.csv", text))
    assert not t.column("signup").ambiguous_dates
    assert t.frame["signup"].iloc[0] == pd.Timestamp("2025-05-03")


def test_unparseable_values_are_reported_with_rows(write):
    rows = "".join(f"{i};{i * 10}\n" for i in range(40))
    t = read_table(write("u.csv", "id;amount\n" + rows + "40;n/a\n"))
    assert t.column("amount").type == ColumnType.INTEGER
    assert pd.isna(t.frame["amount"].iloc[-1])
    item = next(q for q in t.quality if q.kind == "unparseable")
    assert item.column == "amount" and item.rows == (42,)


@pytest.mark.parametrize("yes,no", [("yes", "no"), ("да", "нет"), ("da", "ne"), ("true", "false"), ("Yes", "NO")])
def test_booleans(write, yes, no):
    t = read_table(write("b.csv", f"id;subscribed\n1;{yes}\n2;{no}\n3;\n"))
    assert t.column("subscribed").type == ColumnType.BOOLEAN
    assert t.frame["subscribed"].tolist()[:2] == [True, False]
    assert t.frame["subscribed"].isna().tolist()[2]


def test_croatian_and_english_headers(write):
    t = read_table(write("hr.csv", "Šifra;Ime;Prezime;Grad;Email\n1;Ana;Horvat;Zagreb;ana@x.hr\n"))
    roles = {c.name: c.role for c in t.columns}
    assert roles == {"Šifra": Role.CUSTOMER_ID, "Ime": Role.FIRST_NAME, "Prezime": Role.LAST_NAME,
                     "Grad": Role.CITY, "Email": Role.EMAIL}


def test_a_web_shop_customer_export_gets_its_roles(write):
    header = "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Total Spent,Total Orders,Created At\n"
    t = read_table(write("shop.csv", header + "1,Ann,Lee,ann@x.com,yes,120.50,3,2024-01-05 10:00:00 +0300\n"
                                            "2,Bob,Day,bob@x.com,no,0.00,0,2024-02-01 09:30:00 +0300\n"))
    assert [c.role for c in t.columns] == [Role.CUSTOMER_ID, Role.FIRST_NAME, Role.LAST_NAME, Role.EMAIL,
                                           Role.EMAIL_CONSENT, Role.TOTAL_SPENT, Role.ORDERS_COUNT, Role.SIGNUP_DATE]


def test_a_croatian_export_gets_its_roles_and_its_consent_stays_a_consent(write):
    header = "Šifra;Ime;Prezime;E-mail;E-mail privola;SMS privola;Mob;Datum rodjenja;Datum zadnje kupnje;" \
             "Broj kupnji;Ukupan iznos\r\n"
    rows = "001;Ivan;Horvat;ivan@x.hr;DA;NE;091 111 2222;03.04.1985;01.02.2024;3;1.234,56\r\n" \
           "002;Ana;Šimić;ana@x.hr;NE;DA;092 333 4444;17.11.1990;05.03.2024;1;987,10\r\n"
    t = read_table(write("hr.csv", header + rows, "cp1250"))
    assert [c.role for c in t.columns] == [Role.CUSTOMER_ID, Role.FIRST_NAME, Role.LAST_NAME, Role.EMAIL,
                                           Role.EMAIL_CONSENT, Role.SMS_CONSENT, Role.PHONE, Role.BIRTH_DATE,
                                           Role.LAST_PURCHASE_DATE, Role.ORDERS_COUNT, Role.TOTAL_SPENT]


def test_crm_headers_that_name_the_entity_first_get_the_field_s_role(write):
    text = 'ID,"Контакт: Имя","Контакт: Фамилия","Контакт: Мобильный телефон","Контакт: Рабочий email"\n' \
           "1,Иван,Петров,+7 912 345-67-89,ivan@mail.ru\n2,Анна,Смирнова,+7 903 111-22-33,anna@mail.ru\n"
    t = read_table(write("amo.csv", text))
    assert [c.role for c in t.columns] == [Role.CUSTOMER_ID, Role.FIRST_NAME, Role.LAST_NAME, Role.PHONE, Role.EMAIL]


@pytest.mark.parametrize("header", ["Unsubscribed from all email", "SMS opt out", "Opted out", "Отписан от рассылки"])
def test_an_opt_out_column_is_never_taken_for_consent(write, header):
    t = read_table(write("u.csv", f"Email,{header}\na@x.com,true\nb@x.com,false\nc@x.com,\n"))
    assert t.column(header).role is None  # read as consent, it would mail exactly those who left


def test_us_crm_and_accounting_headers_get_their_roles(write):
    t = read_table(write("q.csv", "Customer,Cust #,Record ID,Create Date\nJohn Smith,C-1,1001,1/5/2023\n"
                                  "Jane Roe,C-2,1002,2/6/2023\n"))
    # names are no id: of the three columns named for one, the first of the codes takes it
    assert [c.role for c in t.columns] == [None, Role.CUSTOMER_ID, None, Role.SIGNUP_DATE]
    numbered = read_table(write("n.csv", "Customer,Email\n1001,a@x.com\n1002,b@x.com\n"))
    assert numbered.column("Customer").role == Role.CUSTOMER_ID  # "Customer" of numbers is the id


def test_german_and_french_headers_get_roles(write):
    t = read_table(write("de.csv", "Kundennummer;Vorname;Nachname;E-Mail;Handy;Ort;Geburtsdatum;Umsatz;Newsletter\r\n"
                                   "1;Jürgen;Müller;j@x.de;0171 1234567;Köln;03.04.1985;1.234,50;ja\r\n"
                                   "2;Björn;Groß;b@x.de;0172 7654321;Bonn;17.11.1990;987,10;nein\r\n", "cp1252"))
    assert [c.role for c in t.columns] == [Role.CUSTOMER_ID, Role.FIRST_NAME, Role.LAST_NAME, Role.EMAIL, Role.PHONE,
                                           Role.CITY, Role.BIRTH_DATE, Role.TOTAL_SPENT, Role.EMAIL_CONSENT]
    t = read_table(write("fr.csv", "Nom;Prénom;Téléphone;Ville\r\nLefèvre;Françoise;06 12 34 56 78;Lyon\r\n"
                                   "Dupont;Zoë;06 98 76 54 32;Nice\r\n", "cp1252"))
    assert [c.role for c in t.columns] == [Role.LAST_NAME, Role.FIRST_NAME, Role.PHONE, Role.CITY]


def test_of_two_phone_or_email_columns_the_fuller_one_gets_the_role(write):
    # Bitrix24's contacts export: work phone and email mostly empty, mobile and private ones filled
    text = "ID;Имя;Рабочий телефон;Мобильный телефон;Рабочий e-mail;Частный e-mail\n" \
           "15;Иван;;+7 (912) 345-67-89;;ivan@mail.ru\n16;Мария;8 (495) 111-22-33;89123456780;m@company.ru;m@ya.ru\n" \
           "17;Пётр;;8 912 345 67 81;;sidorov@gmail.com\n"
    t = read_table(write("b.csv", text))
    assert t.column("Мобильный телефон").role == Role.PHONE and t.column("Частный e-mail").role == Role.EMAIL
    assert t.column("Рабочий телефон").role is None and t.column("Рабочий e-mail").role is None
    assert t.derived["email"].tolist() == ["ivan@mail.ru", "m@ya.ru", "sidorov@gmail.com"]


def test_a_role_goes_to_a_column_whose_type_fits_it_even_when_another_is_fuller(write):
    text = "Код;Дата последней покупки;Сумма последней покупки;Телефон;Телефон подтверждён\n" \
           "1;05.03.2025;100,50;+7 912 345-67-89;да\n2;;200,00;;нет\n3;17.11.2024;300,00;;нет\n"
    t = read_table(write("f.csv", text))
    assert t.column("Дата последней покупки").role == Role.LAST_PURCHASE_DATE
    assert t.column("Телефон").role == Role.PHONE and t.column("Телефон подтверждён").role is None
    cleared = read_table(write("f.csv", text), ImportOptions(column_roles={"Телефон": None}))
    assert cleared.column("Телефон").role is None


def test_numbers_under_a_date_role_that_do_not_name_a_date_stay_numbers(write):
    t = read_table(write("r.csv", "Email;Дата регистрации;Номер регистрации\na@x.ru;01.02.2020;40123\n"
                                  "b@x.ru;02.03.2021;40124\n"))
    assert t.column("Номер регистрации").type == ColumnType.INTEGER and t.frame["Номер регистрации"].iloc[0] == 40123
    headers = read_table(write("h.csv", "Total spent: RUB;Дата регистрации: МСК;Компания: Название компании;"
                                        "Компания: Телефон;Ответственный: Email;Контакт: Email;Компания: Адрес\n"
                                        "100;01.02.2020;;+7 912 345-67-89;boss@shop.ru;ann@x.ru;Тверская 1\n"
                                        "200;02.02.2020;ООО Ромашка;;boss@shop.ru;bob@x.ru;Тверская 2\n"))
    # the manager's email is not the customer's; the company's address is not its name, however full
    assert [c.role for c in headers.columns] == [Role.TOTAL_SPENT, Role.SIGNUP_DATE, Role.COMPANY, Role.PHONE, None,
                                                 Role.EMAIL, None]


def test_email_and_phone_found_by_values_under_unknown_headers(write):
    rows = "".join(f"{i};user{i}@example.com;+7 912 345-{i:02d}-{i:02d}\n" for i in range(10, 40))
    t = read_table(write("v.csv", "n;col_a;col_b\n" + rows))
    assert t.column("col_a").role == Role.EMAIL
    assert t.column("col_b").role == Role.PHONE
    assert t.derived["phone_e164"].iloc[0] == "+79123451010"


def test_overrides_rerun_import(write):
    path = write("o.csv", "a|b\n1|2\n3|4\n")
    t = read_table(path, ImportOptions(delimiter=";"))
    assert list(t.frame.columns) == ["a|b"]
    t = read_table(path, ImportOptions(column_types={"a": ColumnType.TEXT}, column_roles={"b": Role.ORDERS_COUNT}))
    assert t.column("a").type == ColumnType.TEXT and t.frame["a"].tolist() == ["1", "3"]
    assert t.column("b").role == Role.ORDERS_COUNT


def test_amounts_with_a_currency_say_which_decimal_mark_they_use(write):
    t = read_table(write("r.csv", "name;amount\nA;1000,50 руб.\nB;2 000,00 руб.\nC;15,5 ₽\n"))
    assert (t.detected.decimal, t.detected.thousands) == (",", " ")
    assert t.frame["amount"].tolist() == [1000.5, 2000.0, 15.5]


def test_amounts_with_a_no_break_space_or_the_currency_first_are_numbers(write):
    text = "Nom;Montant\r\nLefèvre;1234,56\u00a0€\r\nDupont;EUR 1.987,10\r\nZoë;€45,00\r\nMarc;12 kn\r\n"
    t = read_table(write("e.csv", text, "cp1252"))
    assert t.column("Montant").type == ColumnType.NUMBER
    assert t.frame["Montant"].tolist() == [1234.56, 1987.1, 45.0, 12.0]


@pytest.mark.parametrize(("text", "column", "expected"), [
    # "0.750" is no thousands group
    ("id;name;weight_kg\n1;a;0.750\n2;b;0.500\n3;c;1.250\n4;d;2\n", "weight_kg", [0.75, 0.5, 1.25, 2]),
    ("id\tname\tdiscount\n1\ta\t0,125\n2\tb\t0,250\n", "discount", [0.125, 0.25]),
    ("name,total\na,руб. 1000\nb,руб. 250\nc,р. 75\n", "total", [1000, 250, 75]),  # the sign's dot is no decimal
    ("name,total\na,1000.50 руб.\nb,250 руб.\nc,75.10 р.\n", "total", [1000.5, 250, 75.1]),
    ("Šifra;Ime;Tarifa\nKN-1001;Ana;EUR100\nKN-1002;Ivo;EUR200\n", "Šifra", ["KN-1001", "KN-1002"]),  # codes
])
def test_currencies_and_leading_zeros_do_not_change_what_a_number_is(write, text, column, expected):
    t = read_table(write("n.csv", text))
    assert t.frame[column].tolist() == expected
    assert not any(q.kind in ("ambiguous_decimal", "unparseable") for q in t.quality)


def test_amounts_in_parentheses_are_negative_as_accountants_write_them(write):
    t = read_table(write("n.csv", 'Email,Refund\na@x.com,(45.00)\nb@x.com,$0.00\nc@x.com,"($1,200.00)"\n'))
    assert t.column("Refund").type == ColumnType.NUMBER and t.frame["Refund"].tolist() == [-45.0, 0.0, -1200.0]


def test_thousands_without_cents_are_not_taken_for_decimals_beside_a_decimal_comma(write):
    # "1.200" alone could be 1.2; "450,50" in the same column says the comma is the decimal mark
    text = "Ime;Prezime;Ukupno potrošeno\r\nIvan;Horvat;1.200\r\nAna;Šimić;450,50\r\nĐuro;Đurđević;2.500\r\n" \
           "Željka;Žužić;90\r\nMarija;Kovačević;12.000\r\n"
    t = read_table(write("m.csv", text, "cp1250"))
    assert (t.detected.decimal, t.detected.thousands) == (",", ".")
    assert t.frame["Ukupno potrošeno"].tolist() == [1200, 450.5, 2500, 90, 12000]
    assert not any(q.kind == "ambiguous_decimal" for q in t.quality)


def test_numbers_that_read_two_ways_are_read_as_the_delimiter_suggests_and_reported(write):
    t = read_table(write("a.csv", "Ime;Datum;Iznos\r\nIvan;01.02.2024;1.200\r\nAna;01.03.2024;12.000\r\nPero;;7\r\n"))
    assert t.frame["Iznos"].tolist() == [1200, 12000, 7]  # a ';' file writes a decimal comma: '.' groups
    unsure = next(q for q in t.quality if q.kind == "ambiguous_decimal")
    assert unsure.rows == (2, 3) and unsure.column == "Iznos" and '"1.200"' in unsure.message


def test_amounts_under_the_wrong_chosen_decimal_mark_are_reported_not_turned_into_text(write):
    path = write("w.csv", "name;amount\nA;1,234.50\nB;2,000.00\nC;15.25\n")
    assert read_table(path).frame["amount"].tolist() == [1234.5, 2000.0, 15.25]
    t = read_table(path, ImportOptions(decimal=","))
    assert t.column("amount").type == ColumnType.NUMBER and t.column("amount").unparseable == 3


def test_a_chosen_decimal_mark_is_kept_and_the_thousands_follow_it(write):
    path = write("a.csv", "name;amount\nA;1,500\nB;2,250\nC;12,000\nD;7,125\n")
    guessed = read_table(path)
    assert guessed.frame["amount"].tolist() == [1.5, 2.25, 12.0, 7.125]  # a ';' file: the decimal comma
    assert next(q for q in guessed.quality if q.kind == "ambiguous_decimal").count == 4  # and it says so
    t = read_table(path, ImportOptions(decimal="."))
    assert (t.detected.decimal, t.detected.thousands) == (".", ",")
    assert t.frame["amount"].tolist() == [1500, 2250, 12000, 7125]
    # A chosen mark is not second-guessed: cells written the other way are reported, not read that way.
    rows = "".join(f"N{i};{i}.5\n" for i in range(30))
    t = read_table(write("b.csv", "name;amount\nA;1 234,50\n" + rows), ImportOptions(decimal="."))
    assert pd.isna(t.frame["amount"].iloc[0]) and t.frame["amount"].iloc[1] == 0.5
    assert next(q for q in t.quality if q.kind == "unparseable").rows == (2,)
    t = read_table(write("d.csv", "name;amount\n" + rows), ImportOptions(decimal=","))  # "0.5" under a comma
    assert t.column("amount").type == ColumnType.NUMBER and t.column("amount").unparseable == 30
    # Even when no cell fits the chosen mark, the amounts stay a number column and the report says so.
    t = read_table(write("c.csv", "name;amount\nA;1 234,50\nB;99,90\n"), ImportOptions(decimal="."))
    assert t.column("amount").type == ColumnType.NUMBER and t.column("amount").unparseable == 2


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251"])
def test_a_blank_row_chosen_as_the_header_gets_a_message(write, encoding):
    path = write("h.csv", "Отчёт\n\nКод;Имя\n1;Анна\n2;Борис\n", encoding)
    with pytest.raises(InputError, match="row 2 is empty"):
        read_table(path, ImportOptions(header_row=2))


def test_a_header_row_no_row_fits_gets_a_message_that_says_so(write):
    path = write("h.csv", "Период: 2023\nКод;Имя;Город\n1;Анна;Москва\n2;Борис;Казань\n")
    with pytest.raises(InputError, match="all 3 rows below row 1 have another number of cells; is row 1 the header"):
        read_table(path, ImportOptions(header_row=1))


def test_a_chosen_encoding_detection_disagrees_with_is_reported(write):
    path = write("e.csv", RU_EXPORT, "cp1251")
    t = read_table(path, ImportOptions(encoding="koi8-r"))
    item = next(q for q in t.quality if q.kind == "other_encoding")
    assert item.column == "cp1251"
    assert not any(q.kind == "other_encoding" for q in read_table(path, ImportOptions(encoding="cp1251")).quality)
    utf8 = write("u.csv", RU_EXPORT, "utf-8-sig")  # a BOM file read as plain UTF-8 is the same text
    assert not any(q.kind == "other_encoding" for q in read_table(utf8, ImportOptions(encoding="utf-8")).quality)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "utf-16"])
def test_lines_ended_by_a_cr_alone_are_read(write, encoding):
    t = read_table(write("mac.csv", "id;name;city\r1;Анна;Казань\r2;Борис;Омск\r", encoding))
    assert t.frame["name"].tolist() == ["Анна", "Борис"] and t.source_rows.tolist() == [2, 3]


def test_a_utf16_letter_with_a_0d_byte_is_no_line_end(write):
    # "č" is U+010D: in UTF-16 one of its bytes is 0x0D, which is no CR.
    t = read_table(write("hr.csv", "ime;grad\rAna Ivančić;Čakovec\r", "utf-16"))
    assert t.frame["ime"].tolist() == ["Ana Ivančić"]


def test_header_row_override(write):
    t = read_table(write("h.csv", "x;y\nid;name\n1;a\n"), ImportOptions(header_row=2))
    assert list(t.frame.columns) == ["id", "name"]
    assert t.source_rows.tolist() == [3]


# --- bad input: one human line, nothing else -------------------------------------------------------------

@pytest.mark.parametrize(("content", "words"), [
    (b"", "empty"),
    (b"\n\n  \n", "no data"),
    (b"id;name;email\n", "no data rows"),
    (bytes(range(256)) * 50, "binary"),
])
def test_bad_text_input_gets_a_message(write, content, words):
    with pytest.raises(InputError, match=words):
        read_table(write("bad.csv", content))


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        read_table(tmp_path / "gone.csv")


def test_ragged_rows_are_reported_and_good_rows_kept(write):
    t = read_table(write("r.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n"))
    # A short row is an export that left its trailing empty cells off: kept, the missing cells empty.
    assert t.frame["a"].tolist() == [1, 4, 10]
    assert t.frame["c"].isna().tolist() == [False, True, False]
    assert t.source_rows.tolist() == [2, 3, 5]
    assert next(q for q in t.quality if q.kind == "short_rows").rows == (3,)
    item = next(q for q in t.quality if q.kind == "ragged_rows")  # a row with a cell too many is not guessed at
    assert item.rows == (4,)
    assert t.skipped_rows == 1


def test_an_export_that_leaves_trailing_empty_cells_off_loses_no_customer(write):
    text = ('id,name,email,phone,city\n1,Anna,a@x.ru,+79123456789,Kazan\n2,Boris,b@x.ru\n3,"Vera, Jr.",v@x.ru,,\n'
            "4,Gleb,g@x.ru\n\nВыгружено из CRM 01.02.2024 12:00\n")  # and a footer, which is no customer
    t = read_table(write("trimmed.csv", text))
    assert t.frame["name"].tolist() == ["Anna", "Boris", "Vera, Jr.", "Gleb"]
    assert t.frame["email"].tolist() == ["a@x.ru", "b@x.ru", "v@x.ru", "g@x.ru"]
    assert t.column("id").type == ColumnType.INTEGER
    assert t.source_rows.tolist() == [2, 3, 4, 5]
    assert next(q for q in t.quality if q.kind == "short_rows").rows == (3, 5)
    assert next(q for q in t.quality if q.kind == "ragged_rows").rows == (7,)  # the footer: reported, skipped
    assert t.skipped_rows == 2  # the footer and the blank line above it


def test_a_preview_of_a_file_with_short_rows_has_its_first_rows(write):
    rows = "".join(f"{i},n{i},x,y\n" if i % 3 else f"{i},n{i}\n" for i in range(200))
    t = read_table(write("p.csv", "id,name,a,b\n" + rows), ImportOptions(max_rows=50))
    assert t.frame["id"].tolist() == list(range(50))
    assert t.source_rows.tolist() == list(range(2, 52))


def test_duplicate_headers_made_unique(write):
    t = read_table(write("d.csv", "name;name;;Name\na;b;c;d\n"))
    assert list(t.frame.columns) == ["name", "name (2)", "Column 3", "Name (3)"]
    assert any(q.kind == "duplicate_header" for q in t.quality)


def test_nul_bytes_are_removed_and_reported(write):
    t = read_table(write("n.csv", b"id,name\n1,An\x00na\n2,Bob\n"))
    assert t.frame["name"].tolist() == ["Anna", "Bob"]
    assert any(q.kind == "nul_bytes" for q in t.quality)


def test_a_five_megabyte_cell(write):
    big = "x" * 5_000_000
    t = read_table(write("big.csv", f'id,note\n1,"{big}"\n2,short\n'))
    assert len(t.frame["note"].iloc[0]) == 5_000_000
    assert t.frame["note"].iloc[1] == "short"


def test_mixed_encodings_in_one_file(write):
    data = "id;name\n1;Иванов\n".encode() + "2;Петров\n".encode("cp1251") + "3;Сидоров\n".encode()
    t = read_table(write("mix.csv", data))
    assert t.frame["name"].tolist() == ["Иванов", "Петров", "Сидоров"]
    item = next(q for q in t.quality if q.kind == "encoding")
    assert item.rows == (3,)


def test_the_source_file_is_never_written(write):
    path = write("c.csv", RU_EXPORT, "cp1251")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_table(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_preview_reads_only_the_first_rows(write):
    rows = "".join(f"{i};n{i}\n" for i in range(1000))
    t = read_table(write("p.csv", "id;name\n" + rows), ImportOptions(max_rows=50))
    assert t.rows == 50


def test_a_header_far_below_the_top_can_be_chosen(write):
    titles = "".join(f"report line {i}\n" for i in range(45))
    rows = "".join(f"{i};n{i}\n" for i in range(100))
    t = read_table(write("deep.csv", titles + "id;name\n" + rows), ImportOptions(header_row=46))
    assert list(t.frame.columns) == ["id", "name"] and t.rows == 100
    assert t.source_rows[0] == 47


def test_codes_with_leading_zeros_beyond_the_sample_stay_text(write):
    rows = "".join(f"{i + 1000};x\n" for i in range(5000)) + "007123;y\n"
    t = read_table(write("codes.csv", "code;name\n" + rows))
    assert t.column("code").type == ColumnType.TEXT
    assert t.frame["code"].iloc[-1] == "007123"


def test_fixed_width_trailing_spaces_add_no_column(write):
    t = read_table(write("pos.txt", "id   amount   \r\nA1   10.5   \r\nA2   3   \r\n"))
    assert list(t.frame.columns) == ["id", "amount"]


def test_two_columns_marked_email_keep_their_own_values(write):
    path = write("two.csv", "email;other\na@x.ru;z1@y.ru\nb@x.ru;z2@y.ru\n")
    t = read_table(path, ImportOptions(column_roles={"email": Role.EMAIL, "other": Role.EMAIL}))
    assert t.frame["email"].tolist() == ["a@x.ru", "b@x.ru"]
    assert t.frame["other"].tolist() == ["z1@y.ru", "z2@y.ru"]
    assert [c.name for c in t.columns if c.role == Role.EMAIL] == ["email"]


def test_a_mostly_cyrillic_cp866_file_is_text(write):
    rows = "".join(f"{i};Иванова Мария Петровна;Москва;улица Ленина дом {i}\n" for i in range(200))
    t = read_table(write("dos.csv", "ид;фио;город;адрес\n" + rows, "cp866"))
    assert t.detected.encoding == "cp866"
    assert t.frame["город"].iloc[0] == "Москва"


def test_international_phones_under_an_unknown_header_stay_text(write):
    rows = "".join(f"n{i};+4420794609{i:02d}\n" for i in range(30))
    t = read_table(write("intl.csv", "name;contact\n" + rows))
    assert t.column("contact").type == ColumnType.TEXT
    assert t.column("contact").role == Role.PHONE
    assert t.frame["contact"].iloc[0] == "+442079460900"


@pytest.mark.parametrize(("text", "encoding"), [
    ("Ime;Prezime;Grad\nIvan;Kovačić;Đakovo\nAna;Horvat;Čakovec\nMarko;Babić;Split\n", "cp1250"),
    ("nom;ville\nCrème brûlée;Besançon\nHélène;Orléans\nMère;Nîmes\n", "cp1252"),
    ("Name;Stadt\nMüller;Köln\nGroß;Düsseldorf\nBäcker;Lübeck\n", "cp1252"),
    # Š and Ž tell cp1250 from Latin-2, which older Croatian systems write
    ("Ime;Prezime;Grad\nŽeljka;Žužić;Šibenik\nAna;Šimić;Požega\n", "cp1250"),
    ("Ime;Prezime;Grad\nŽeljka;Žužić;Šibenik\nAna;Šimić;Požega\n", "iso8859-2"),
    ("Imię;Nazwisko\nŁukasz;Wiśniewski\nAnna;Dąbrowska\nŻaneta;Żółć\n", "cp1250"),
])
def test_central_and_western_european_code_pages(write, text, encoding):
    t = read_table(write("eu.csv", text, encoding))
    assert t.detected.encoding == encoding
    assert t.frame.iloc[0, 1] == text.splitlines()[1].split(";")[1]


def test_ragged_rows_in_a_cp1251_file(write):
    t = read_table(write("r.csv", "имя;город;пол\nАнна;Москва;ж\nБорис;Казань\nВера;Казань;ж;лишнее\nГлеб;Омск;м\n",
                         "cp1251"))
    assert t.detected.encoding == "cp1251"
    assert t.frame["имя"].tolist() == ["Анна", "Борис", "Глеб"]
    assert next(q for q in t.quality if q.kind == "short_rows").rows == (3,)
    assert next(q for q in t.quality if q.kind == "ragged_rows").rows == (4,)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251"])
def test_rows_ending_with_a_delimiter_more_than_the_header_are_read(write, encoding):
    rows = "".join(f"{i};Клиент {i};c{i}@x.ru;\n" for i in range(1, 60))  # every row ends with ';'
    t = read_table(write("t.csv", "Код;Имя;Email\n" + rows, encoding))
    assert t.rows == 59 and t.skipped_rows == 0 and list(t.frame.columns) == ["Код", "Имя", "Email"]
    assert t.frame["Имя"].iloc[58] == "Клиент 59" and t.source_rows[:2].tolist() == [2, 3]
    assert not any(q.kind in ("short_rows", "ragged_rows") for q in t.quality)


def test_a_totals_row_short_of_cells_is_only_the_totals_row(write):
    t = read_table(write("s.csv", "id;name;amount;city\n1;Anna;10;Kazan\n2;Boris;20;Omsk\nИтого: 2 клиента;;30\n"))
    assert t.rows == 2
    assert [q.kind for q in t.quality] == ["totals_row"]


def test_notes_padded_to_the_full_width_below_the_table_are_not_customers(write):
    # 1C and CRM exports sign off below the totals with a line as wide as the table
    text = "Код;Фамилия;Имя;Email;Сумма\n1;Иванов;Иван;i@x.ru;100\n2;Петров;Пётр;p@x.ru;200\nИтого;;;;300\n\n" \
           "Выгружено из CRM 07.12.2026;;;;\n* суммы с НДС;;;;\n"
    t = read_table(write("n.csv", text, "cp1251"))
    assert t.frame["Фамилия"].tolist() == ["Иванов", "Петров"]
    assert [(q.kind, q.rows) for q in t.quality] == [("note_rows", (6, 7)), ("totals_row", (4,))]
    assert t.skipped_rows == 4  # the blank line, two notes, the totals


@pytest.mark.parametrize(("footer", "kinds"), [
    ("Ukupno;;;2.221,66\r\nIzradio:;Ivan Ivić;;\r\n", {"note_rows": (5,), "totals_row": (4,)}),
    ("Ukupno;;;2.221,66\r\nDatum izvješća:;31.12.2023.;;\r\n", {"note_rows": (5,), "totals_row": (4,)}),
    ("Datum izvješća:;31.12.2023.;;\r\n", {"note_rows": (4,)}),  # a label and its value
    ("Gesamt;;;2.221,66\r\n", {"totals_row": (4,)}),
])
def test_a_signature_or_a_date_below_the_totals_is_no_customer(write, footer, kinds):
    text = "Šifra;Ime;Prezime;Ukupno potrošeno\r\n001;Ivan;Horvat;1.234,56\r\n002;Ana;Šimić;987,10\r\n" + footer
    t = read_table(write("f.csv", text, "cp1250"))
    assert t.frame["Prezime"].tolist() == ["Horvat", "Šimić"]
    assert {q.kind: q.rows for q in t.quality} == kinds


@pytest.mark.parametrize("tail", [
    "4;;;;\n",  # a customer number alone is still a customer
    "C-1004;;;;\n",
    "Сидоров Сергей;;;;\n",  # a name-only row in a list full of them is a customer too
    "Studio 54 d.o.o.;;;;\n",  # a company with a digit in its name
    "Ana Marija Kovač Horvat;;;;\n",
])
def test_a_one_cell_row_at_the_bottom_stays_when_it_may_be_data(write, tail):
    rows = "1;Иванов;Иван;i@x.ru;100\nЛебедев Олег;;;;\n2;Петров;Пётр;p@x.ru;200\n"
    t = read_table(write("d.csv", "Код;Фамилия;Имя;Email;Сумма\n" + rows + tail, "utf-8"))
    assert t.rows == 4 and not any(q.kind == "note_rows" for q in t.quality)


@pytest.mark.parametrize("label", ["Итого", "Итого:"])
def test_a_totals_row_with_its_currency_is_a_totals_row(write, label):
    nb = "\u00a0"
    text = "№ п/п;Контрагент;Электронная почта;Сумма продаж\r\n" \
           f"1;Иванов Иван;ivan@mail.ru;1{nb}234,56 руб.\r\n2;Петрова Мария;m@ya.ru;12{nb}500,00 руб.\r\n" \
           f"{label};;;13{nb}734,56 руб.\r\n"
    t = read_table(write("r.csv", text, "cp1251"))
    assert t.rows == 2 and [(q.kind, q.rows) for q in t.quality] == [("totals_row", (4,))]


def test_a_totals_row_that_counts_its_orders_is_a_totals_row(write):
    text = "Клиент;Email;Заказов;Сумма\nИванов;i@x.ru;3;1 500,50 руб.\nПетров;p@x.ru;2;500,00 руб.\n" \
           "Итого;;5 заказов;2 000,50 руб.\n"
    t = read_table(write("t.csv", text))
    assert t.rows == 2 and [q.kind for q in t.quality] == ["totals_row"]


@pytest.mark.parametrize("last", ["Итого;;300;RUB", "Ukupno;;300;HR"])
def test_a_totals_row_beside_a_code_column_is_a_totals_row(write, last):
    t = read_table(write("t.csv", "Name;Email;Spent;Code\nAcme;a@x.ru;100;RUB\nBeta;b@x.ru;200;RUB\n" + last + "\n"))
    assert t.rows == 2 and [q.kind for q in t.quality] == ["totals_row"]


@pytest.mark.parametrize("last", ["«Гамма-Трейд»;;;", "(Unknown) walk-in;;;"])
def test_a_name_in_quotes_or_brackets_alone_at_the_bottom_stays(write, last):
    t = read_table(write("q.csv", "Компания;Email;Телефон;Сумма\nАльфа;a@x.ru;+7 912 345-67-89;100\n"
                                  "Бета;b@x.ru;+7 912 345-67-80;200\n" + last + "\n"))
    assert t.rows == 3 and not any(q.kind == "note_rows" for q in t.quality)


def test_customers_whose_name_starts_with_a_totals_word_stay(write):
    rows = "".join(f"Firm {i};Contact {i};c{i}@x.co.uk;5550{i:03d};York;UK\n" for i in range(30))
    rows += "Total Fitness Ltd;Jane Roe;jane@tf.co.uk;55501999;York;UK\nAcme;;;;Leeds;\nSomme;Marie;m@x.fr;;Amiens;\n"
    t = read_table(write("t.csv", "Company;Contact;Email;Phone;City;Country\n" + rows))
    assert t.rows == 33 and not any(q.kind in ("note_rows", "totals_row") for q in t.quality)


@pytest.mark.parametrize("last", ["Total Fitness 2000;C-1003;+79123456783;ul. Ilica 5;300", "Sum Capital;SC-7;;;300"])
def test_a_customer_named_like_a_total_with_a_code_or_an_address_stays(write, last):
    rows = "".join(f"Firm {i};C-{i};+7912345{i:04d};ul. Ilica {i};{i}\n" for i in range(10))
    t = read_table(write("c.csv", "Company;Code;Phone;Address;Spent\n" + rows + last + "\n"))
    assert t.rows == 11 and not any(q.kind == "totals_row" for q in t.quality)


def test_a_small_table_of_companies_loses_none(write):
    text = "Naziv;Email;Telefon\nKonzum d.d.;info@konzum.hr;0123456789\nStudio 54 d.o.o.;;\n" \
           "Frizerski salon Ana i Iva;;\n"
    assert read_table(write("s.csv", text)).rows == 3


def test_a_line_with_too_few_cells_to_be_data_is_skipped(write):
    t = read_table(write("r.csv", "a,b,c,d\n1,2,3,4\nnote\n5,6\n"))  # one cell of four: a note; two: a row
    assert t.frame["a"].tolist() == [1, 5]
    assert next(q for q in t.quality if q.kind == "ragged_rows").rows == (3,)


def test_a_quote_in_a_fixed_width_log_is_text(write):
    t = read_table(write("w.txt", 'id   name    city\n1    "Ann    Moscow\n2    Bob\n3    Vera    Kazan\n'))
    assert t.frame["id"].tolist() == [1, 2, 3] and t.source_rows.tolist() == [2, 3, 4]
    assert t.frame["name"].tolist() == ['"Ann', "Bob", "Vera"]


# A large UTF-8 file is parsed straight from disk once its first 256 KB look clean; trouble further down
# must still be found and reported exactly as in a small file.
_LONG_ROWS = 12_000  # about 500 KB: well past the bytes that layout detection looks at


def _long_file(middle: bytes) -> bytes:
    lines = [f"{i},Name {i},n{i}@example.com,2024-01-{1 + i % 28:02d}".encode() for i in range(_LONG_ROWS)]
    lines.insert(10_000, middle)
    return b"id,name,email,joined\n" + b"\n".join(lines) + b"\n"


def test_a_nul_byte_far_down_is_removed_and_reported(write):
    t = read_table(write("n.csv", _long_file(b"77777,Nu\x00ll,nul@example.com,2024-02-02")))
    assert t.frame["name"].iloc[10_000] == "Null"
    item = next(q for q in t.quality if q.kind == "nul_bytes")
    assert item.rows == (10_002,)


def test_a_ragged_row_far_down_is_reported(write):
    t = read_table(write("r.csv", _long_file(b"1,2,3,4,5")))
    assert t.rows == _LONG_ROWS and t.skipped_rows == 1
    assert next(q for q in t.quality if q.kind == "ragged_rows").rows == (10_002,)
    assert t.source_rows[10_000] == 10_003  # the row after the ragged one keeps its Excel number


def test_a_short_row_far_down_is_kept(write):
    t = read_table(write("s.csv", _long_file(b"77777,Short")))
    assert t.rows == _LONG_ROWS + 1 and t.skipped_rows == 0
    assert t.frame["name"].iloc[10_000] == "Short" and pd.isna(t.frame["email"].iloc[10_000])
    assert next(q for q in t.quality if q.kind == "short_rows").rows == (10_002,)


@pytest.mark.parametrize("block", [1 << 12, 1 << 14, 1 << 16])
def test_quoted_newlines_far_down_stay_in_their_cells(write, monkeypatch, block):
    # Past the first 256 KB and split by the parser's blocks; the part after each newline, 'b,c",,2024-01-01',
    # would pass for a row of four cells of its own.
    monkeypatch.setattr("segdesk.core.io.text_reader._BLOCK", block)
    lines = [f"{i},Name {i},n{i}@example.com,2024-01-01" if i < 8_000 else f'{i},"a\nb,c",,2024-01-01'
             for i in range(_LONG_ROWS)]
    t = read_table(write("q.csv", "id,name,email,joined\n" + "\n".join(lines) + "\n"))
    assert t.rows == _LONG_ROWS and t.skipped_rows == 0
    assert (t.frame["name"].iloc[8_000:] == "a\nb,c").all()
    assert t.frame["id"].tolist() == list(range(_LONG_ROWS))


def test_a_code_page_line_far_down_is_mended(write):
    t = read_table(write("m.csv", _long_file("77777,Пётр,p@example.com,2024-02-02".encode("cp1251"))))
    assert t.frame["name"].iloc[10_000] == "Пётр"
    assert next(q for q in t.quality if q.kind == "encoding").rows == (10_002,)


@pytest.mark.parametrize(("middle", "direct"), [
    (b"77777,x,x@example.com,2024-02-02", True),  # nothing to mend: parsed straight from disk
    (b'77777,"quoted, with a comma",x@example.com,2024-02-02', True),
    (b"1,2,3,4,5", True),  # a row of another width: the lines are looked through, not parsed again
    (b"77777,Short", True),
    (b"77777,Nu\x00ll,nul@example.com,2024-02-02", False),  # each of these needs the whole file in memory
    ("77777,Пётр,p@example.com,2024-02-02".encode("cp1251"), False),
])
def test_which_road_a_large_file_takes(write, monkeypatch, middle, direct):
    from segdesk.core.io import reader

    in_memory = []
    real = reader.read_text
    monkeypatch.setattr(reader, "read_text", lambda *a, **k: in_memory.append(1) or real(*a, **k))
    assert read_table(write("r.csv", _long_file(middle))).rows >= _LONG_ROWS
    assert (not in_memory) == direct


def test_a_nul_byte_in_the_header_never_reaches_the_column_names(write):
    data = _long_file(b"77777,x,x@example.com,2024-02-02").replace(b"name", b"na\x00me", 1)
    t = read_table(write("h.csv", data))
    assert list(t.frame.columns)[:2] == ["id", "name"]
    assert next(q for q in t.quality if q.kind == "nul_bytes").rows == (1,)


def test_a_file_that_vanishes_after_its_first_bytes_gets_a_message(write, monkeypatch):
    path = write("v.csv", _long_file(b"77777,x,x@example.com,2024-02-02"))
    from segdesk.core.io import text_reader

    real = text_reader.read_text_file

    def vanish_then_read(p, *args):
        p.unlink()  # gone between the first look and the parse (a network drive, a sync client)
        return real(p, *args)

    monkeypatch.setattr("segdesk.core.io.reader.read_text_file", vanish_then_read)
    with pytest.raises(InputError, match="does not exist"):
        read_table(path)
