"""Files and tables for the UI tests: small, written to tmp_path, read through the real import path."""

from __future__ import annotations

from pathlib import Path

import pytest

from segdesk.core.io import read_table
from segdesk.core.io.table import ImportedTable

CUSTOMERS_CSV = """\
id,name,email,phone,city,signup,spent
1,Anna Petrova,anna@example.com,+7 916 123-45-67,Moscow,2021-05-20,1200.50
2,Boris Ivanov,boris@example,+7 916 765-43-21,Kazan,2020-01-03,80
3,carl smith,carl@example.com,,Zagreb,2019-12-31,
4,Dana White,anna@example.com,+7 903 111-22-33,moscow,2022-07-01,15.25
5,Eve Black,eve@example.com,12,Berlin,2023-03-15,300
6,anna karenina,karenina@example.com,+7 903 222-33-44,Moscow,2018-02-02,99.99
"""


@pytest.fixture
def customers_csv(tmp_path: Path) -> Path:
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS_CSV, encoding="utf-8")
    return path


@pytest.fixture
def customers_table(customers_csv: Path) -> ImportedTable:
    return read_table(customers_csv)


@pytest.fixture
def orders_csv(tmp_path: Path) -> Path:
    path = tmp_path / "orders.csv"
    path.write_text("order_id,customer_id,order_date,amount\n"
                    "100,1,2023-01-05,10.00\n101,2,2023-01-06,20.00\n102,1,2023-02-01,5.50\n"
                    "103,99,2023-02-02,7.00\n104,6,2023-03-03,1.00\n", encoding="utf-8")
    return path


@pytest.fixture
def messy_csv(tmp_path: Path) -> Path:
    """A Russian export: cp1251, ``;``, decimal commas, a title row and a totals row."""
    from segdesk.ui.samples import write_sample_customers

    return write_sample_customers(tmp_path, rows=60)


@pytest.fixture
def big_csv(tmp_path: Path) -> Path:
    """Big enough that an import is still running when the test clicks Cancel."""
    from segdesk.ui.samples import write_sample_customers

    return write_sample_customers(tmp_path, rows=30_000)


@pytest.fixture(autouse=True)
def unsaved_prompt(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Closing a window with unsaved segments asks whether to save; a test never waits on a modal box: the
    question is recorded here and answered "Discard" (tests that care set their own answer)."""
    from PySide6.QtWidgets import QMessageBox

    from segdesk.ui import project_session

    asked: list[str] = []

    def answer(parent, title, text, buttons, default):
        asked.append(title)
        return QMessageBox.StandardButton.Discard if buttons & QMessageBox.StandardButton.Discard \
            else QMessageBox.StandardButton.No

    monkeypatch.setattr(project_session, "ask_with_box", answer)
    return asked
