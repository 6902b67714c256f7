"""The bundled demo data (resources/demo) is reproducible from scripts/make_demo_data.py, internally
consistent, and carries the deliberate flaws the generator's docstring promises.

If a byte comparison fails after an intended change to the generator, rerun
``python scripts/make_demo_data.py`` and commit the regenerated files.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import importlib.util
import re
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make_demo_data.py"
DEMO = ROOT / "resources" / "demo"
CUSTOMERS, ORDERS, REPORT = "customers.csv", "orders.csv", "customers_report.xlsx"

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
RU_DATE = re.compile(r"^\d{2}\.\d{2}\.\d{4}$")
RU_MONEY = re.compile(r"^\d{1,3}( \d{3})*,\d{2}$")
DOT_MONEY = re.compile(r"^-?\d+\.\d{2}$")
PLAIN_EMAIL = re.compile(r"^[A-Za-z0-9._'+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def _load_generator():
    spec = importlib.util.spec_from_file_location("_segdesk_make_demo_data", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up in sys.modules
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    _load_generator().generate(out)
    return out


@functools.cache
def _read_customers(folder: Path) -> list[dict[str, str]]:
    with (folder / CUSTOMERS).open(encoding="cp1251", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


@functools.cache
def _read_orders(folder: Path) -> list[dict[str, str]]:
    with (folder / ORDERS).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _is_valid_email(value: str) -> bool:
    value = value.strip()
    return bool(PLAIN_EMAIL.match(value)) and ".." not in value


def _ru_date(value: str) -> dt.date:
    return dt.datetime.strptime(value, "%d.%m.%Y").date()


# ------------------------------------------------------------------------------------------ determinism


def test_committed_files_exist_and_are_small_enough_to_commit():
    assert (DEMO / CUSTOMERS).stat().st_size < 800_000
    assert (DEMO / ORDERS).stat().st_size < 3_000_000
    assert (DEMO / REPORT).stat().st_size < 200_000


@pytest.mark.parametrize("name", [CUSTOMERS, ORDERS])
def test_regenerated_csv_is_byte_identical_to_committed(generated, name):
    assert (generated / name).read_bytes() == (DEMO / name).read_bytes(), (
        f"resources/demo/{name} is stale: run `python scripts/make_demo_data.py`"
    )


def test_regenerated_workbook_has_the_committed_cells(generated):
    new = openpyxl.load_workbook(generated / REPORT)
    old = openpyxl.load_workbook(DEMO / REPORT)
    assert new.sheetnames == old.sheetnames
    for name in old.sheetnames:
        a, b = new[name], old[name]
        assert [str(r) for r in a.merged_cells.ranges] == [str(r) for r in b.merged_cells.ranges]
        assert list(a.iter_rows(values_only=True)) == list(b.iter_rows(values_only=True)), name
        assert [c.number_format for row in a.iter_rows() for c in row] == [
            c.number_format for row in b.iter_rows() for c in row
        ]


# ---------------------------------------------------------------------------------------- customers.csv


def test_customers_csv_is_a_russian_windows_export():
    raw = (DEMO / CUSTOMERS).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1251")
    assert CYRILLIC.search(text)
    assert raw.count(b"\n") == raw.count(b"\r\n") > 4000
    header = text.split("\r\n", 1)[0].split(";")
    assert header == [
        "Код клиента", "Фамилия", "Имя", "E-mail", "Телефон", "Город", "Пол", "Дата рождения",
        "Дата регистрации", "Согласие на рассылку", "Согласие на SMS", "Сумма покупок",
        "Количество заказов", "Последняя покупка", "Теги",
    ]


def test_customers_fields_have_the_documented_formats():
    rows = _read_customers(DEMO)
    assert 4800 <= len(rows) <= 5200
    codes = [r["Код клиента"] for r in rows]
    assert all(re.fullmatch(r"\d{6}", c) for c in codes)
    assert len(set(codes)) == len(codes)
    assert codes[0].startswith("000")
    for r in rows:
        assert RU_MONEY.match(r["Сумма покупок"]), r
        assert r["Количество заказов"].isdigit()
        assert RU_DATE.match(r["Дата регистрации"])
        for col in ("Дата рождения", "Последняя покупка"):
            assert r[col] == "" or RU_DATE.match(r[col])
        assert r["Согласие на рассылку"] in ("да", "нет")
        assert r["Согласие на SMS"] in ("да", "нет")
        assert r["Пол"] in ("М", "Ж", "")
    assert any(" " in r["Сумма покупок"] for r in rows)  # thousands separator
    assert sum(bool(CYRILLIC.search(r["Фамилия"])) for r in rows) > 0.8 * len(rows)
    assert sum(bool(re.fullmatch(r"[A-Za-z' ]+", r["Фамилия"])) for r in rows) > 100  # expats, transliterated
    cities = {r["Город"] for r in rows}
    assert {"Москва", "Санкт-Петербург", "Казань", "Екатеринбург", "Новосибирск"} <= cities
    assert any(c != c.strip() for c in cities) and any(c.isupper() for c in cities)
    assert any("vip" in r["Теги"].lower() and ", " in r["Теги"] for r in rows)


def test_customers_carry_the_deliberate_flaws():
    rows = _read_customers(DEMO)
    n = len(rows)
    emails = [r["E-mail"] for r in rows]
    invalid = [e for e in emails if e and not _is_valid_email(e)]
    assert 0.01 * n <= len(invalid) <= 0.03 * n, invalid[:10]
    assert any("@" not in e for e in invalid) and any(".." in e for e in invalid)
    assert any(" " in e.strip() for e in invalid)
    assert 0.02 * n <= emails.count("") <= 0.1 * n

    by_email: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if _is_valid_email(r["E-mail"]):
            by_email[r["E-mail"].strip().lower()].append(r["E-mail"])
    email_dups = [v for v in by_email.values() if len(v) > 1]
    assert len(email_dups) >= 20
    assert all(len(set(v)) > 1 for v in email_dups)  # written differently: case or spaces

    by_phone: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        digits = re.sub(r"\D", "", r["Телефон"])
        if len(digits) == 11 and digits[0] in "78":
            by_phone[digits[1:]].append(r["Телефон"])
    phone_dups = [v for v in by_phone.values() if len(v) > 1]
    assert len(phone_dups) >= 10
    assert sum(len(set(v)) > 1 for v in phone_dups) >= 10  # same number, another format
    assert 0.005 * n <= len(email_dups) + len(phone_dups) <= 0.03 * n

    phones = [r["Телефон"] for r in rows]
    assert "нет" in phones and phones.count("") > 0.03 * n
    formats = {re.sub(r"\d", "9", p) for p in phones}
    assert {"+9 (999) 999-99-99", "9 999 999 99 99", "99999999999"} <= formats
    assert any(r["Дата рождения"] == "" for r in rows) and any(r["Пол"] == "" for r in rows)


# ------------------------------------------------------------------------------------------- orders.csv


def test_orders_csv_format_and_volume():
    raw = (DEMO / ORDERS).read_bytes()
    raw.decode("utf-8")
    assert b"\r\n" not in raw
    rows = _read_orders(DEMO)
    assert list(rows[0]) == ["order_id", "customer_code", "order_date", "product", "category", "quantity",
                             "amount"]
    assert 38_000 <= len(rows) <= 42_000
    lines_per_order: dict[str, int] = defaultdict(int)
    for r in rows:
        lines_per_order[r["order_id"]] += 1
        assert re.fullmatch(r"\d{6}", r["customer_code"])
        assert dt.date(2023, 11, 1) <= dt.date.fromisoformat(r["order_date"]) <= dt.date(2026, 10, 31)
        assert DOT_MONEY.match(r["amount"]), r
        assert int(r["quantity"]) != 0
        assert (int(r["quantity"]) < 0) == r["amount"].startswith("-")
    assert set(lines_per_order.values()) == {1, 2, 3, 4}
    assert 6 <= len({r["category"] for r in rows}) <= 10
    assert 50 <= len({r["product"] for r in rows}) <= 70
    returns = [r for r in rows if r["amount"].startswith("-")]
    assert 0.003 * len(rows) <= len(returns) <= 0.008 * len(rows)


def test_orders_show_seasonality():
    per_month: dict[int, Decimal] = defaultdict(Decimal)
    for r in _read_orders(DEMO):
        per_month[int(r["order_date"][5:7])] += Decimal(r["amount"])
    peak = per_month[11] + per_month[12]
    rest = sum(v for m, v in per_month.items() if m not in (11, 12)) / 10
    assert peak / 2 > Decimal("1.4") * rest


def test_customer_totals_agree_with_the_order_log():
    total: dict[str, Decimal] = defaultdict(Decimal)
    ids: dict[str, set[str]] = defaultdict(set)
    last: dict[str, str] = {}
    for r in _read_orders(DEMO):
        code = r["customer_code"]
        total[code] += Decimal(r["amount"])
        ids[code].add(r["order_id"])
        last[code] = max(last.get(code, r["order_date"]), r["order_date"])
    customers = _read_customers(DEMO)
    for c in customers:
        code = c["Код клиента"]
        money = Decimal(c["Сумма покупок"].replace(" ", "").replace(",", "."))
        assert money == total.get(code, Decimal(0)), code
        assert int(c["Количество заказов"]) == len(ids.get(code, ())), code
        expected_last = _ru_date(c["Последняя покупка"]).isoformat() if c["Последняя покупка"] else None
        assert expected_last == last.get(code), code
    prospects = sum(1 for c in customers if c["Количество заказов"] == "0")
    assert 0.10 * len(customers) <= prospects <= 0.20 * len(customers)


def test_registration_precedes_first_order_and_heavy_tail():
    first: dict[str, str] = {}
    ids: dict[str, set[str]] = defaultdict(set)
    for r in _read_orders(DEMO):
        code = r["customer_code"]
        first[code] = min(first.get(code, r["order_date"]), r["order_date"])
        ids[code].add(r["order_id"])
    customers = _read_customers(DEMO)
    for c in customers:
        if c["Код клиента"] in first:
            assert _ru_date(c["Дата регистрации"]).isoformat() <= first[c["Код клиента"]]
    counts = [len(ids[c["Код клиента"]]) for c in customers if c["Код клиента"] in ids]
    assert sum(1 for n in counts if n <= 3) > 0.5 * len(counts)
    assert sum(1 for n in counts if n >= 30) >= 10
    end = dt.date(2026, 10, 31)
    lasts = [_ru_date(c["Последняя покупка"]) for c in customers if c["Последняя покупка"]]
    assert sum(1 for d in lasts if (end - d).days > 365) > 0.1 * len(lasts)  # lapsed
    firsts = [dt.date.fromisoformat(d) for d in first.values()]
    assert sum(1 for d in firsts if (end - d).days < 90) > 50  # recent new customers


def test_some_orders_belong_to_unknown_customers():
    known = {c["Код клиента"] for c in _read_customers(DEMO)}
    unknown = [r for r in _read_orders(DEMO) if r["customer_code"] not in known]
    assert 10 <= len(unknown) <= 40
    assert len({r["customer_code"] for r in unknown}) >= 3


# ------------------------------------------------------------------------------- customers_report.xlsx


def test_report_workbook_is_report_shaped_and_consistent():
    wb = openpyxl.load_workbook(DEMO / REPORT, data_only=True)
    assert wb.sheetnames == ["Клиенты", "Параметры"]
    ws = wb["Клиенты"]
    assert [str(r) for r in ws.merged_cells.ranges] == [f"A1:{ws.cell(3, ws.max_column).column_letter}1"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Отчёт по клиентам за 2026 год"
    assert all(v is None for v in rows[1])
    header = list(rows[2])
    assert "Код клиента" in header
    data, totals = rows[3:-1], rows[-1]
    assert 280 <= len(data) <= 320
    assert totals[0] == "Итого"
    col = {name: header.index(name) for name in header}
    for r in data:
        assert isinstance(r[col["Код клиента"]], str) and re.fullmatch(r"\d{6}", r[col["Код клиента"]])
        assert isinstance(r[col["Дата регистрации"]], dt.datetime)
        assert isinstance(r[col["Последняя покупка"]], dt.datetime)
        assert isinstance(r[col["Заказов за период"]], int)
        assert isinstance(r[col["Сумма за период, руб."]], int | float)
        assert isinstance(r[col["Бонусы"]], str) and r[col["Бонусы"]].isdigit()  # numbers stored as text
    assert any(r[col["Код клиента"]].startswith("0") for r in data)
    n_col, sum_col = col["Заказов за период"], col["Сумма за период, руб."]
    assert totals[n_col] == sum(r[n_col] for r in data)
    assert totals[sum_col] == pytest.approx(sum(r[sum_col] for r in data))

    formulas = openpyxl.load_workbook(DEMO / REPORT)["Клиенты"]
    assert str(formulas.cell(ws.max_row, sum_col + 1).value).startswith("=SUM(")

    # the report's figures are the order log's figures for 2026
    total: dict[str, Decimal] = defaultdict(Decimal)
    ids: dict[str, set[str]] = defaultdict(set)
    for r in _read_orders(DEMO):
        if r["order_date"] >= "2026-01-01":
            total[r["customer_code"]] += Decimal(r["amount"])
            ids[r["customer_code"]].add(r["order_id"])
    known = {c["Код клиента"] for c in _read_customers(DEMO)}
    for r in data:
        code = r[col["Код клиента"]]
        assert code in known
        assert r[n_col] == len(ids[code])
        assert Decimal(str(r[sum_col])) == total[code]

    params = {k: v for k, v in wb["Параметры"].iter_rows(values_only=True)}
    assert params["Клиентов в отчёте"] == len(data)
    assert isinstance(params["Дата формирования"], dt.datetime)
