"""Sample files for running views alone (``python -m segdesk.ui.data_page``) and for screenshots.

The samples are written as files and read back through ``read_table``, the same path a user's file takes,
so a view opened on them shows what it would show on real data. They are deliberately messy: a Russian
export in cp1251 with ``;``, decimal commas, ``dd.mm.yyyy`` dates, a title row, a totals row, an invalid and
a duplicate email.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from segdesk.core.io.table import ImportedTable, ImportOptions

_FIRST = ["Анна", "Борис", "Ирина", "Дмитрий", "Елена", "Фёдор", "Ольга", "Павел", "Anna", "Ivan", "Marko", "Ana"]
_LAST = ["Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Соколов", "Horvat", "Kovacic", "Smith", "Novak"]
_CITIES = ["Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Zagreb", "Split", "Екатеринбург", ""]


def _customer_lines(rows: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    header = "Код клиента;ФИО;E-mail;Телефон;Город;Дата регистрации;Сумма покупок;Количество заказов"
    lines = ["Выгрузка клиентов на 01.03.2024;;;;;;;", header]
    for i in range(1, rows + 1):
        first, last = rnd.choice(_FIRST), rnd.choice(_LAST)
        email = f"client{i}@example.ru" if i % 97 else "not-an-email"
        if i % 211 == 0:
            email = "client1@example.ru"  # a duplicate, for the quality report and merging
        phone = f"+7 (9{rnd.randint(10, 99)}) {rnd.randint(100, 999)}-{rnd.randint(10, 99)}-{rnd.randint(10, 99)}"
        day, month, year = rnd.randint(1, 28), rnd.randint(1, 12), rnd.randint(2015, 2024)
        spent = f"{rnd.randint(0, 250_000):,}".replace(",", " ") + f",{rnd.randint(0, 99):02d}"
        lines.append(f"{1000 + i};{last} {first};{email};{phone};{rnd.choice(_CITIES)};"
                     f"{day:02d}.{month:02d}.{year};{spent};{rnd.randint(0, 40)}")
    lines.append(";Итого;;;;;;")
    return lines


def write_sample_customers(folder: str | Path | None = None, rows: int = 500) -> Path:
    """A messy Russian customer export (cp1251, ``;``, decimal comma, title and totals rows)."""
    folder = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="segdesk-sample-"))
    path = folder / "клиенты.csv"
    path.write_bytes(("\r\n".join(_customer_lines(rows)) + "\r\n").encode("cp1251", errors="replace"))
    return path


def write_sample_orders(folder: str | Path, customers: int = 500, rows: int = 2_000, seed: int = 11) -> Path:
    """An order log for :func:`write_sample_customers`: customer code, date, amount, order number, product."""
    rnd = random.Random(seed)
    lines = ["Номер заказа;Код клиента;Дата заказа;Сумма;Товар;Категория"]
    products = [("Чайник", "Кухня"), ("Плед", "Дом"), ("Кружка", "Кухня"), ("Лампа", "Свет"), ("Ковёр", "Дом")]
    for i in range(1, rows + 1):
        product, category = rnd.choice(products)
        customer = 1000 + rnd.randint(1, customers + 5)  # a few unknown customers on purpose
        lines.append(f"{50_000 + i};{customer};{rnd.randint(1, 28):02d}.{rnd.randint(1, 12):02d}.2023;"
                     f"{rnd.randint(300, 20_000)},{rnd.randint(0, 99):02d};{product};{category}")
    path = Path(folder) / "заказы.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))
    return path


def sample_customers(rows: int = 500) -> ImportedTable:
    """The sample customer export, imported with detected options."""
    from segdesk.core.io import read_table

    return read_table(write_sample_customers(rows=rows), ImportOptions())
