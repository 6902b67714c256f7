"""``segdesk run``: a saved project re-run on its own sources or new ones, with its export settings."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from segdesk.cli import main
from segdesk.core.export.model import ExportSettings
from segdesk.core.io import ImportOptions
from segdesk.core.io.reader import read_table
from segdesk.core.project import Project, save_project, source_ref
from segdesk.core.rules.model import Combinator, Condition, Group, Operator
from segdesk.core.segments.model import Segment, SegmentSet

CUSTOMERS = ("id;name;email;city;spent\n"
             "1;Anna;anna@example.com;Moscow;1 200,50\n"
             "2;Boris;boris@example.com;Kazan;300,00\n"
             "3;Vera;vera@example.com;Moscow;0,00\n")
NEXT_MONTH = CUSTOMERS + "4;Gleb;gleb@example.com;Moscow;10,00\n5;Dina;not-an-email;Moscow;5,00\n"


def _saved_project(tmp_path: Path) -> Path:
    folder = tmp_path / "client"
    folder.mkdir()
    source = folder / "customers.csv"
    source.write_text(CUSTOMERS, encoding="cp1251")
    moscow = Segment("Moscow", Group(Combinator.AND, False, (Condition("city", Operator.EQ, "moscow"),)))
    project = Project(customers=source_ref(read_table(source, ImportOptions(decimal=","))), as_of=dt.date(2025, 3, 1),
                      segments=SegmentSet((moscow,)), export=ExportSettings(preset="mailchimp", folder="lists"))
    path = folder / "client.segdesk"
    save_project(path, project)
    return path


def _emails(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return [r["Email Address"] for r in csv.DictReader(f)]


def test_run_writes_the_saved_export_into_the_projects_folder(tmp_path, capsys):
    project = _saved_project(tmp_path)
    assert main(["run", str(project)]) == 0
    out = project.parent / "lists"
    assert _emails(out / "Moscow.csv") == ["anna@example.com", "vera@example.com"]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["as_of"] == "2025-03-01" and summary["preset"] == "mailchimp"
    assert "wrote 1 file(s) of lists" in capsys.readouterr().out


def test_run_on_next_months_file_gives_the_same_lists_for_the_new_data(tmp_path, capsys):
    project = _saved_project(tmp_path)
    new = tmp_path / "march.csv"
    new.write_text(NEXT_MONTH, encoding="cp1251")
    out = tmp_path / "march"
    assert main(["run", str(project), "--input", str(new), "--as-of", "2025-04-01", "--out", str(out)]) == 0
    assert _emails(out / "Moscow.csv") == ["anna@example.com", "vera@example.com", "gleb@example.com"]
    row = json.loads((out / "summary.json").read_text(encoding="utf-8"))["segments"][0]
    assert row["customers"] == 4 and row["excluded"]["invalid_email"] == 1
    printed = capsys.readouterr().out
    assert "note: the customer list is read from" in printed and "march.csv" in printed


def test_a_changed_source_is_reported_and_a_missing_one_is_one_error_line(tmp_path, capsys):
    project = _saved_project(tmp_path)
    (project.parent / "customers.csv").write_text(NEXT_MONTH, encoding="cp1251")
    assert main(["run", str(project), "--out", str(tmp_path / "o")]) == 0
    assert "changed since the project was saved (5 rows, 3 at the save)" in capsys.readouterr().out
    (project.parent / "customers.csv").unlink()
    assert main(["run", str(project), "--out", str(tmp_path / "o2")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "customers.csv" in err and err.count("\n") == 1
    assert not (tmp_path / "o2").exists()


def test_a_damaged_project_or_no_folder_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.segdesk"
    bad.write_text('{"schema": "segdesk.project", "version": 1, "segments": {"segments": 3}', encoding="utf-8")
    assert main(["run", str(bad)]) == 2
    assert capsys.readouterr().err.startswith("error: the project 'bad.segdesk' is damaged")
    project = _saved_project(tmp_path)
    data = json.loads(project.read_text(encoding="utf-8"))
    data["export"]["folder"] = None
    project.write_text(json.dumps(data), encoding="utf-8")
    assert main(["run", str(project)]) == 2
    assert "name one with --out" in capsys.readouterr().err
