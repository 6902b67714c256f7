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
NOISY = "customer,date,amount\n1,2025-01-01,0.1\n1,2025-01-02,0.2\n2,2025-01-03,1\n2,2025-01-04,1\n2,2025-01-05,1\n"


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
    assert "name it with --date" in capsys.readouterr().err


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


ONE_C = ("Продажи за 2024 год;;;\n"
         "Контрагент;Дата;Сумма;Номер документа\n"
         "ООО Ромашка;05.01.2024;1 200,10;Д-1\n"
         "ООО Ромашка;05.01.2024;300,20;Д-1\n"
         "ИП Петров;10.02.2024;99,90;Д-2\n"
         "ООО Ромашка;01.03.2024;-100,10;Д-3\n"
         "Итого;;1 500,10;\n")


def test_money_is_written_without_floating_point_noise(write, tmp_path):
    out = tmp_path / "rfm.csv"
    assert main(["rfm", str(write("n.csv", NOISY)), "--out", str(out)]) == 0
    rows = {r["customer_id"]: r for r in _rows(out)}
    assert rows["1"]["monetary"] == "0.3" and rows["1"]["avg_order_value"] == "0.15"
    assert rows["2"]["avg_order_value"] == "1.0"


def test_a_1c_sales_export_works_out_of_the_box(write, tmp_path):
    out = tmp_path / "rfm.csv"
    assert main(["rfm", str(write("1c.csv", ONE_C, "cp1251")), "--out", str(out)]) == 0
    rows = {r["customer_id"]: r for r in _rows(out)}
    assert set(rows) == {"ООО Ромашка", "ИП Петров"}
    assert rows["ООО Ромашка"]["frequency"] == "1"  # one document, two lines; the return is not an order
    assert rows["ООО Ромашка"]["monetary"] == "1400.2"  # a plain decimal, no floating-point noise


def test_naming_one_column_keeps_the_others_detected(write, tmp_path):
    text = ONE_C.replace("Контрагент", "Кто")
    out = tmp_path / "rfm.csv"
    assert main(["rfm", str(write("1c.csv", text, "cp1251")), "--customer", "Кто", "--out", str(out)]) == 0
    assert len(_rows(out)) == 2


def test_a_closed_pipe_is_not_an_error(write, tmp_path):
    import subprocess
    import sys

    command = [sys.executable, "-m", "segdesk", "rfm", str(write("o.csv", ORDERS)), "--out", str(tmp_path / "p.csv")]
    reader_gone = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader_gone.stdout.close()  # like `| true`: nobody reads what it prints
    _, err = reader_gone.communicate(timeout=120)
    assert reader_gone.returncode == 0 and b"error" not in err and (tmp_path / "p.csv").exists()


def test_what_was_left_out_or_guessed_is_said(write, tmp_path, capsys):
    text = "customer,date,amount\nA,2999-01-05,10\nB,2024-01-06,5\n,2024-01-07,3\n"
    assert main(["rfm", str(write("f.csv", text)), "--out", str(tmp_path / "out.csv")]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if line.startswith("note: ")]
    assert any("rows 4" in n for n in notes)  # the line without a customer
    assert any("after today" in n for n in notes)
    summary = "email;last purchase;orders;total spent\na@x.ru;01.02.2024;3;100\nb@x.ru;;5;200\n"
    assert main(["rfm", str(write("s.csv", summary)), "--out", str(tmp_path / "out2.csv")]) == 0
    assert "1 customer has orders or money but no last purchase date" in capsys.readouterr().out


def test_csv_keys_cannot_run_as_formulas_but_phones_stay(write, tmp_path):
    import pandas as pd

    from segdesk.core.rfm.output import neutralise_formulas

    keys = pd.Series(["=HYPERLINK(\"x\")", "@SUM(1)", "+7 916 123-45-67", "-5", "+cmd|x", "-2+3*A1", "\tx", "anna"])
    assert neutralise_formulas(keys).tolist() == ["'=HYPERLINK(\"x\")", "'@SUM(1)", "+7 916 123-45-67", "-5",
                                                  "'+cmd|x", "'-2+3*A1", "'\tx", "anna"]
    text = "customer,date,amount\n=1+2,2024-01-01,5\n+79161234567,2024-01-02,6\n"
    out = tmp_path / "r.csv"
    assert main(["rfm", str(write("o.csv", text)), "--out", str(out)]) == 0
    assert {r["customer_id"] for r in _rows(out)} == {"'=1+2", "+79161234567"}
