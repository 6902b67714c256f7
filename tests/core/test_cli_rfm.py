"""``segdesk rfm``: the output contract, the files people bring, and one-line errors."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from segdesk.cli import main
from segdesk.cli_rfm import MAP_CHOICES
from segdesk.core.rfm import BUILTIN_MAPS
from segdesk.core.rfm.output import OUTPUT_COLUMNS

CONTRACT = ["customer_id", "first_purchase", "last_purchase", "recency_days", "frequency", "monetary", "r_score",
            "f_score", "m_score", "rfm_code", "rfm_segment", "lifecycle_stage"]
ORDERS = "customer,date,amount\n1,2025-01-01,10.5\n1,2025-02-01,20\n2,2024-06-01,5\n3,2023-01-01,7\n"


def _rows(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_output_has_the_contract_columns_and_plain_values(write, tmp_path, capsys):
    out = tmp_path / "rfm.csv"
    code = main(["rfm", str(write("o.csv", ORDERS)), "--customer", "customer", "--date", "date", "--amount",
                 "amount", "--as-of", "2025-03-01", "--out", str(out)])
    assert code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with a BOM
    rows = _rows(out)
    assert list(rows[0])[:12] == CONTRACT and tuple(rows[0]) == OUTPUT_COLUMNS
    first = rows[0]
    assert (first["customer_id"], first["first_purchase"], first["last_purchase"], first["recency_days"],
            first["frequency"], first["monetary"]) == ("1", "2025-01-01", "2025-02-01", "28", "2", "30.5")
    assert first["lifecycle_stage"] == "active" and rows[2]["lifecycle_stage"] == "lost"
    printed = capsys.readouterr().out
    assert "RFM as of 2025-03-01" in printed and "Champions" in printed and "wrote" in printed


def test_fixed_width_point_of_sale_log_with_yyyymmdd_dates(write, tmp_path):
    log = ("CUST     DATE        AMOUNT  CHECK\n"
           "A001     20240105    1250.00 9001\n"
           "A001     20240310     300.50 9002\n"
           "B002     20231111      99.90 9003\n"
           "A001     20240310     100.00 9002\n")
    out = tmp_path / "pos.csv"
    assert main(["rfm", str(write("pos.txt", log)), "--customer", "CUST", "--date", "DATE", "--amount", "AMOUNT",
                 "--order", "CHECK", "--out", str(out)]) == 0
    rows = {r["customer_id"]: r for r in _rows(out)}
    assert rows["A001"]["frequency"] == "2" and float(rows["A001"]["monetary"]) == 1650.5
    assert rows["A001"]["last_purchase"] == "2024-03-10" and rows["A001"]["recency_days"] == "1"
    assert rows["B002"]["first_purchase"] == "2023-11-11"


def test_detected_roles_without_column_options_and_xlsx_output(write, tmp_path):
    text = ("№ заказа;Клиент;Дата заказа;Сумма\n"
            "1;=HYPERLINK(\"x\");01.02.2024;1 200,50\n2;ivan@example.com;03.02.2024;300,00\n"
            "3;ivan@example.com;04.03.2024;-100,00\n")
    out = tmp_path / "rfm.xlsx"
    assert main(["rfm", str(write("заказы.csv", text, "cp1251")), "--out", str(out)]) == 0
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header[:12] == CONTRACT
    values = {row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["ivan@example.com"]["monetary"] == 200.0 and values["ivan@example.com"]["frequency"] == 1
    cell = next(c for c in sheet["A"] if str(c.value).startswith("="))
    assert cell.data_type == "s"  # a key that looks like a formula stays text


def test_customer_list_with_summary_columns(write, tmp_path):
    text = ("id;name;last purchase;orders;total spent\n1;Anna;05.03.2025;4;1 200,50\n2;Boris;17.11.2024;1;300\n"
            "3;Vera;;;\n")
    out = tmp_path / "rfm.csv"
    assert main(["rfm", str(write("c.csv", text)), "--out", str(out)]) == 0
    rows = _rows(out)
    assert [r["customer_id"] for r in rows] == ["1", "2", "3"]
    assert rows[0]["recency_days"] == "1" and rows[0]["frequency"] == "4"
    assert rows[2]["lifecycle_stage"] == "prospect" and rows[2]["r_score"] == ""


@pytest.mark.parametrize(("args", "message"), [
    (["--as-of", "01.03.2025"], "not a date"),
    (["--bins", "7"], "invalid choice"),
    (["--date", "nope"], "no column 'nope'"),
    (["--map", "rfm99"], "invalid choice"),
])
def test_user_errors_are_one_line_with_exit_2(write, tmp_path, capsys, args, message):
    try:
        code = main(["rfm", str(write("o.csv", ORDERS)), *args, "--out", str(tmp_path / "x.csv")])
    except SystemExit as exit_:  # argparse's own checks leave through SystemExit
        code = exit_.code
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: ") and len(err.strip().splitlines()) == 1 and message in err
    assert not list(tmp_path.glob("x.csv*")) and not list(tmp_path.glob(".x.csv*"))


def test_never_writes_over_the_source_or_to_an_unknown_format(write, tmp_path, capsys):
    source = write("o.csv", ORDERS)
    assert main(["rfm", str(source), "--out", str(source)]) == 2
    assert source.read_text() == ORDERS and "never writes over" in capsys.readouterr().err
    assert main(["rfm", str(source), "--out", str(tmp_path / "x.json")]) == 2
    assert main(["rfm", str(write("n.csv", "name,city\nA,B\n")), "--out", str(tmp_path / "y.csv")]) == 2
    assert "name it with --customer" in capsys.readouterr().err


def test_the_cli_map_names_match_core():
    assert set(MAP_CHOICES) == set(BUILTIN_MAPS)


def test_output_gets_the_usual_file_mode_not_owner_only(write, tmp_path):
    import os
    import stat

    out = tmp_path / "rfm.csv"
    old = os.umask(0o022)
    try:
        assert main(["rfm", str(write("o.csv", ORDERS)), "--out", str(out)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
