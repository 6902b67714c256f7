"""``segdesk segment``: summary.json, one CSV per segment, the control group, one-line errors."""

from __future__ import annotations

import csv
import json

import pytest

from segdesk.cli import main

CUSTOMERS = ("id;name;email;city;spent;last purchase;birthday\n"
             "1;Anna;anna@example.com;Moscow;1 200,50;05.03.2025;29.02.1992\n"
             "2;Boris;not-an-email;Kazan;300,00;17.11.2024;01.03.1980\n"
             "3;Vera;;moscow ;0,00;01.01.2023;\n"
             "4;=HYPERLINK(\"x\");x@y.ru;Perm;50,00;;\n")
ORDERS = ("customer,date,amount,category\n1,2025-01-01,10.5,Kids\n1,2025-02-01,20,Shoes\n2,2024-06-01,5,Kids\n"
          "3,2023-01-01,7,Kids\n")


def _rules(write, segments, **extra):
    return write("rules.json", json.dumps({"segments": segments, **extra}))


def _rows(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _rule(*conditions):
    return {"combinator": "and", "not": False, "rules": list(conditions)}


def test_summary_and_one_csv_per_segment_in_priority_order(write, tmp_path, capsys):
    customers = write("customers.csv", CUSTOMERS, "cp1251")
    rules = _rules(write, [
        {"name": "Moscow", "rule": _rule({"field": "city", "operator": "=", "value": "MOSCOW"})},
        {"name": "Recent", "rule": _rule({"field": "last purchase", "operator": "inLast",
                                          "value": {"amount": 1, "unit": "years"}})},
        {"name": "Birthday soon", "rule": _rule({"field": "birthday", "operator": "anniversaryInNext",
                                                 "value": {"amount": 14, "unit": "days"}})}])
    out = tmp_path / "out"
    assert main(["segment", str(customers), "--rules", str(rules), "--as-of", "2025-03-10", "--out", str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["as_of"] == "2025-03-10" and summary["total"] == 4
    assert [(s["name"], s["customers"], s["control"]) for s in summary["segments"]] == [
        ("Moscow", 2, 0), ("Recent", 1, 0), ("Birthday soon", 0, 0)]
    assert summary["everyone_else"] == 1 and summary["segments"][0]["revenue"] == pytest.approx(1200.5)
    assert summary["segments"][2]["too_small"]
    moscow = _rows(out / "Moscow.csv")
    assert list(moscow[0]) == ["id", "name", "email", "city", "spent", "last purchase", "birthday", "segment"]
    assert [r["name"] for r in moscow] == ["Anna", "Vera"] and moscow[0]["segment"] == "Moscow"
    assert moscow[0]["last purchase"] == "2025-03-05"
    printed = capsys.readouterr().out
    assert "Moscow" in printed and "everyone else" in printed
    assert not list(out.glob(".*.part"))


def test_text_that_would_run_as_a_formula_is_neutralised(write, tmp_path):
    customers = write("customers.csv", CUSTOMERS, "cp1251")
    rules = _rules(write, [{"name": "Perm", "rule": _rule({"field": "city", "operator": "=", "value": "perm"})}])
    assert main(["segment", str(customers), "--rules", str(rules), "--out", str(tmp_path / "o")]) == 0
    assert _rows(tmp_path / "o" / "Perm.csv")[0]["name"] == "'=HYPERLINK(\"x\")"


def test_order_log_conditions_and_the_control_group_file(write, tmp_path):
    customers = write("customers.csv", CUSTOMERS, "cp1251")
    orders = write("orders.csv", ORDERS)
    kids = {"orders": {"where": _rule({"field": "category", "operator": "=", "value": "kids"}),
                       "within": {"amount": 1, "unit": "years"}}, "aggregate": "exists", "operator": "isTrue"}
    rules = _rules(write, [{"name": "Kids", "rule": _rule(kids)},
                           {"name": "Everyone", "rule": {"combinator": "and", "rules": []}}])
    out = tmp_path / "o"
    assert main(["segment", str(customers), "--orders", str(orders), "--rules", str(rules), "--as-of",
                 "2025-03-10", "--holdout", "50", "--seed", "1", "--out", str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    kids_row, everyone = summary["segments"]
    assert kids_row["customers"] == 2  # Anna (Jan 2025) and Boris (Jun 2024); Vera's order is older
    assert kids_row["revenue"] == pytest.approx(35.5)  # from the order log, not the spent column
    # Boris's email is not valid: he is left out, and said so; the rest is on the list or in the control file
    assert kids_row["excluded"]["invalid_email"] == 1
    assert kids_row["exported"] + kids_row["exported_control"] == 1
    assert len(_rows(out / "Kids.csv")) == kids_row["exported"]
    if kids_row["exported_control"]:
        assert len(_rows(out / kids_row["control_file"])) == kids_row["exported_control"]
    else:
        assert kids_row["control_file"] is None and not (out / "Kids (control).csv").exists()
    # The same seed gives the same control group on a re-run.
    again = tmp_path / "again"
    main(["segment", str(customers), "--orders", str(orders), "--rules", str(rules), "--as-of", "2025-03-10",
          "--holdout", "50", "--seed", "1", "--out", str(again)])
    assert (again / "Kids.csv").read_bytes() == (out / "Kids.csv").read_bytes()


@pytest.mark.parametrize(("rules", "message"), [
    ({"segments": [{"name": "X", "rule": _rule({"field": "city", "operator": "frobnicate", "value": 1})}]},
     "error: segment 'X', condition 1: unknown operator 'frobnicate'"),
    ({"segments": [{"name": "Y", "rule": _rule({"field": "town", "operator": "=", "value": 1})}]},
     "error: segment 'Y', condition 1: there is no field 'town'"),
    ({"segments": [{"name": "Z", "rule": _rule({"rules": [{"field": "spent", "operator": ">", "value": "a"}]})}]},
     "error: segment 'Z', condition 1.1: 'a' is not a number"),
    ({"segments": [{"name": "K", "rule": _rule({"orders": {}, "aggregate": "count", "operator": ">",
                                                "value": 1})}]},
     "error: segment 'K', condition 1 asks about the order log, but no order log is open"),
    ({"rules": []}, "error: the rules file must hold"),
])
def test_a_bad_rules_file_is_one_line_naming_segment_and_condition(write, tmp_path, capsys, rules, message):
    customers = write("customers.csv", CUSTOMERS, "cp1251")
    path = write("rules.json", json.dumps(rules))
    assert main(["segment", str(customers), "--rules", str(path), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1
    assert not (tmp_path / "o").exists()


def test_not_json_and_sources_are_never_written(write, tmp_path, capsys):
    customers = write("customers.csv", CUSTOMERS, "cp1251")
    before = customers.read_bytes()
    assert main(["segment", str(customers), "--rules", str(write("r.json", "{oops")), "--out",
                 str(tmp_path / "o")]) == 2
    assert "is not valid JSON" in capsys.readouterr().err
    # A segment named like the source, written into the source's own folder.
    rules = _rules(write, [{"name": "customers", "rule": {"rules": []}}])
    assert main(["segment", str(customers), "--rules", str(rules), "--out", str(tmp_path)]) == 2
    assert "never writes over its sources" in capsys.readouterr().err
    assert customers.read_bytes() == before


def test_preset_format_and_suppression_shape_the_files_and_the_summary_counts_reasons(write, tmp_path, capsys):
    customers = write("customers.csv", CUSTOMERS, "cp1251")
    rules = _rules(write, [{"name": "All", "rule": {"combinator": "and", "rules": []}}])
    stop = write("stop.txt", "X@Y.RU\n")
    out = tmp_path / "mc"
    assert main(["segment", str(customers), "--rules", str(rules), "--preset", "mailchimp", "--suppression",
                 str(stop), "--out", str(out)]) == 0
    row = json.loads((out / "summary.json").read_text(encoding="utf-8"))["segments"][0]
    assert row["excluded"] == {"suppressed": 1, "no_consent": 0, "no_email": 1, "invalid_email": 1, "duplicate": 0}
    with (out / "All.csv").open(encoding="utf-8", newline="") as f:
        listed = list(csv.DictReader(f))
    assert [r["Email Address"] for r in listed] == ["anna@example.com"] and listed[0]["Tags"] == "All"
    assert "left out: suppressed 1, no email 1, invalid email 1" in capsys.readouterr().out
    assert (out / "export-log.jsonl").exists()
    book = tmp_path / "wb"
    assert main(["segment", str(customers), "--rules", str(rules), "--format", "workbook", "--out", str(book)]) == 0
    assert sorted(p.name for p in book.iterdir()) == ["export-log.jsonl", "segments.xlsx", "summary.json"]
    assert main(["segment", str(customers), "--rules", str(rules), "--preset", "nosuch", "--out", str(book)]) == 2
    assert capsys.readouterr().err.startswith("error: unknown export preset 'nosuch'")
