"""The command line is a contract others script against: keys, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from segdesk.cli import main

RU = "id;name;email;spent;last purchase\n1;Анна;anna@example.com;1 200,50;05.03.2025\n2;Борис;bad;300,00;17.11.2024\n"


def test_inspect_json(write, capsys):
    path = write("c.csv", RU, "cp1251")
    assert main(["inspect", str(path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["format"] == "csv" and info["encoding"] == "cp1251" and info["delimiter"] == ";"
    assert (info["decimal"], info["thousands"]) == (",", " ")
    assert info["header_row"] == 1 and info["rows"] == 2 and info["skipped_rows"] == 0
    assert info["sheet"] is None and info["sheets"] == []
    cols = {c["name"]: c for c in info["columns"]}
    assert cols["spent"]["type"] == "number" and cols["email"]["role"] == "email"
    assert {"kind": "invalid_email", "count": 1, "rows": [3]}.items() <= next(
        q for q in info["quality"] if q["kind"] == "invalid_email").items()


def test_inspect_human_output(write, capsys):
    assert main(["inspect", str(write("c.csv", RU, "cp1251"))]) == 0
    out = capsys.readouterr().out
    assert "encoding cp1251" in out and "2 rows imported" in out and "invalid addresses" in out


@pytest.mark.parametrize("content", [b"", bytes(range(256)) * 40, b"a;b\n"])
def test_user_errors_exit_2_with_one_line(write, capsys, content):
    assert main(["inspect", str(write("bad.csv", content))]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1


def test_missing_file_and_unknown_command(tmp_path, capsys):
    assert main(["inspect", str(tmp_path / "nope.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate", "--help"])
    assert exc.value.code == 2


def test_no_traceback_reaches_the_terminal(write):
    path = write("g.xlsx", b"PK\x03\x04" + bytes(range(256)) * 20)
    done = subprocess.run([sys.executable, "-m", "segdesk", "inspect", str(path), "--json"], capture_output=True,
                          text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.startswith("error:")


def test_the_gui_file_suffixes_are_the_ones_import_reads():
    from segdesk.cli import _FILE_SUFFIXES
    from segdesk.core.io import SUPPORTED

    assert tuple(_FILE_SUFFIXES) == tuple(SUPPORTED)


def test_inspect_reads_phones_of_the_region_asked_for(write, capsys):
    path = write("hr.csv", "id;name;phone\n1;Ivan;091 234 5678\n2;Ana;01 4567 890\n")
    assert main(["inspect", str(path), "--json"]) == 0  # RU by default: Zagreb numbers are no Russian ones
    assert [q["kind"] for q in json.loads(capsys.readouterr().out)["quality"]] == ["invalid_phone"]
    assert main(["inspect", str(path), "--json", "--region", "hr"]) == 0
    assert json.loads(capsys.readouterr().out)["quality"] == []
    with pytest.raises(SystemExit) as done:
        main(["inspect", str(path), "--region", "XX"])
    err = capsys.readouterr().err
    assert done.value.code == 2 and err.startswith("error: ") and len(err.strip().splitlines()) == 1
