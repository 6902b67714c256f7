"""Generate the bundled demo data set in ``resources/demo/`` (used by ``segdesk --demo`` and the tests).

Run ``python scripts/make_demo_data.py`` (optionally ``--out DIR --seed N``).  The output depends only on
the seed: a seeded ``numpy.random.Generator``, hand-written name/city/product lists below, no network.

Files (a fictional clothing & home shop; the order log covers the three years ending 2026-10-31):

* ``customers.csv`` -- ~5,000 customers written the way a Russian Windows CRM exports them: cp1251,
  ``;`` delimiter, CRLF, dates ``dd.mm.yyyy``, money ``12 345,67`` (space thousands separator, decimal
  comma), Russian headers, customer codes with leading zeros ("000123").  ``Сумма покупок``,
  ``Количество заказов`` and ``Последняя покупка`` agree exactly with ``orders.csv`` per customer code
  (sum of all line amounts including returns, distinct order ids, latest order date); customers without
  orders (~15 %, prospects) have ``0,00``, ``0`` and an empty last-purchase date.
* ``orders.csv`` -- ~40,000 order lines, UTF-8, ``,`` delimiter, ISO dates, decimal point.  An order has
  1..4 product lines; a return is an extra line of the same order (same order id and date) with negative
  quantity and amount.
* ``customers_report.xlsx`` -- a report-style workbook as accountants send it: merged title row, blank
  row, header, ~300 customers who bought in 2026, an "Итого" row with SUM formulas (cached values), real
  date cells, codes as text, one column of numbers stored as text, and a second sheet "Параметры".

THE FLAWS ARE DELIBERATE.  The demo must exercise what segdesk promises to cope with, so the data carries
the mess real exports have: ~2 % invalid e-mails (``ivanov@mail``, ``petrov.mail.ru``, ``a..b@yandex.ru``,
spaces inside, ...), some empty e-mails, e-mails in odd case, ~1.5 % duplicate customers (the same person
registered twice under another code, found by an e-mail differing only in case/spaces or by the same
phone written in another format), phones in many formats plus empty and junk values ("нет"), city names
with stray spaces, other case and abbreviations ("СПб", "г. Москва"), empty gender/birth dates, a few
placeholder birth dates (01.01.1900), a mix of Cyrillic, English and transliterated names, ~0.5 % return
lines and ~20 order lines whose customer code is not in the customer list (deleted customers).
Do not "fix" them.  All people, e-mails and phones are invented (foreign phones use the UK/US ranges
reserved for fiction); any resemblance to a real address is a coincidence of common names.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

import numpy as np
import xlsxwriter

DEFAULT_SEED = 20261031
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "resources" / "demo"

CUSTOMERS_FILE = "customers.csv"
ORDERS_FILE = "orders.csv"
REPORT_FILE = "customers_report.xlsx"

START = dt.date(2023, 11, 1)
END = dt.date(2026, 10, 31)
N_DAYS = (END - START).days + 1
REPORT_FROM = dt.date(2026, 1, 1)
REPORT_CREATED = dt.datetime(2026, 11, 2, 9, 30, 0)

N_PEOPLE = 4925  # distinct people; plus N_DUPLICATES second registrations = 5,000 rows
N_DUPLICATES = 75
PROSPECT_SHARE = 0.145
N_INVALID_EMAILS = 100
N_REPORT_CUSTOMERS = 300
N_UNKNOWN_LINES = 20
RETURN_SHARE = 0.005
MU_ORDERS, SIGMA_ORDERS = 0.95, 1.33  # orders per buyer: 1 + lognormal, heavy-tailed
SAMPLER_MARGIN = 1200  # days a buying life may extend before/after the log's window

# --------------------------------------------------------------------------------------------- word lists

RU_MALE = (
    "Александр Дмитрий Максим Сергей Андрей Алексей Артём Илья Кирилл Михаил Никита Иван Евгений Денис "
    "Владимир Павел Роман Игорь Антон Олег Николай Константин Виктор Юрий Егор Владислав Вадим Тимур "
    "Руслан Станислав Георгий Григорий Борис Валерий Виталий Фёдор Степан Матвей Марк Ярослав"
).split()
RU_FEMALE = (
    "Анна Елена Ольга Наталья Екатерина Татьяна Мария Ирина Светлана Анастасия Юлия Дарья Марина Алина "
    "Ксения Виктория Полина Евгения Кристина Валерия Людмила Надежда Галина Вероника Алёна Оксана Софья "
    "Елизавета Лариса Маргарита Яна Карина Диана Вера Любовь Нина Инна Жанна Валентина Александра Злата"
).split()
RU_SURNAMES = (
    "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков "
    "Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин "
    "Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов "
    "Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов "
    "Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов "
    "Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов "
    "Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Щербаков "
    "Назаров Калинин Исаев Быков Маслов Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв "
    "Голубев Кудрявцев Прохоров Наумов Журавлёв Соболев Гончаров Котов Громов Кириллов Малышев Цветков "
    "Покровский Вишневский Островский Кравченко Шевченко Бондаренко Ковальчук Мельник Шевчук Ким Цой "
    "Хабибуллин Сафин Галиев Гарипов Алиев Мамедов Садыков Петросян Григорян Саркисян Коган Черных Белых"
).split()
EN_MALE = (
    "James John Michael David Robert William Thomas Daniel Mark Paul Peter Andrew George Richard Oliver "
    "Jack Harry Lukas Stefan Felix Pierre Marco Luca Jan Tomas"
).split()
EN_FEMALE = (
    "Emma Olivia Sophie Emily Sarah Laura Anna Julia Kate Jessica Hannah Lisa Claire Charlotte Amelia "
    "Chloe Maria Giulia Marie Lena Katharina Eva Petra"
).split()
EN_SURNAMES = (
    "Smith Johnson Brown Taylor Wilson Davies Evans Thomas Roberts Walker Wright Robinson Thompson White "
    "Hughes Edwards Green Hall Wood Harris Clarke Jackson Miller Davis Martin Anderson Moore Lee King "
    "Baker Scott Adams Mitchell Campbell Murphy O'Brien Kelly Schmidt Schneider Fischer Weber Wagner "
    "Becker Hoffmann Dubois Bernard Rossi Russo Bianchi Novak Kowalski Horvat Kovac Nielsen Jensen"
).split()
TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
        strict=True,
    )
)

# (canonical name, weight)
CITIES = (
    ("Москва", 30), ("Санкт-Петербург", 14), ("Новосибирск", 4.5), ("Екатеринбург", 4.5), ("Казань", 4),
    ("Нижний Новгород", 3.5), ("Краснодар", 3.5), ("Ростов-на-Дону", 3), ("Самара", 3), ("Челябинск", 3),
    ("Уфа", 2.5), ("Красноярск", 2.5), ("Воронеж", 2.5), ("Пермь", 2.5), ("Омск", 2), ("Волгоград", 2),
    ("Тюмень", 2), ("Саратов", 1.5), ("Ярославль", 1.5), ("Калининград", 1.5), ("Сочи", 1.5),
    ("Владивосток", 1.5), ("Иркутск", 1.5), ("Тула", 1), ("Ижевск", 1), ("Хабаровск", 1), ("Томск", 1),
    ("Барнаул", 1), ("Минск", 0.6), ("Алматы", 0.5),
)
CITY_VARIANTS = {
    "Москва": ("г. Москва", "г.Москва", "москва", "МОСКВА", " Москва", "Москва ", "Moscow"),
    "Санкт-Петербург": ("СПб", "Спб", "С-Петербург", "Санкт Петербург", "санкт-петербург", "Питер",
                        "г. Санкт-Петербург", "Санкт-Петербург "),
}

# Categories: (name, weight for women, weight for men)
CATEGORIES = (
    ("Одежда", 10, 7), ("Обувь", 5, 6), ("Детская одежда", 5, 2), ("Аксессуары", 4, 4),
    ("Сумки", 3, 1.5), ("Косметика", 6, 1.5), ("Дом", 4, 2), ("Спорт", 3, 5),
)
# (product, category, price in roubles, popularity, season)
PRODUCTS = (
    ("Футболка базовая", "Одежда", 990, 10, ""),
    ("Футболка оверсайз", "Одежда", 1490, 7, "summer"),
    ("Худи", "Одежда", 3490, 7, ""),
    ("Свитшот", "Одежда", 2790, 6, ""),
    ("Джинсы прямые", "Одежда", 3990, 7, ""),
    ("Джинсы скинни", "Одежда", 3790, 4, ""),
    ("Брюки чиносы", "Одежда", 3290, 4, ""),
    ("Платье летнее", "Одежда", 2990, 5, "summer"),
    ("Платье трикотажное", "Одежда", 3590, 4, "winter"),
    ("Рубашка льняная", "Одежда", 2690, 3, "summer"),
    ("Пуховик", "Одежда", 8990, 4, "winter"),
    ("Ветровка", "Одежда", 4990, 3, "summer"),
    ("Кардиган", "Одежда", 3190, 4, "winter"),
    ("Юбка миди", "Одежда", 2490, 4, ""),
    ("Кроссовки", "Обувь", 5490, 9, ""),
    ("Кеды", "Обувь", 2990, 5, "summer"),
    ("Ботинки зимние", "Обувь", 7490, 4, "winter"),
    ("Челси", "Обувь", 6290, 3, ""),
    ("Лоферы", "Обувь", 4990, 2, ""),
    ("Сандалии", "Обувь", 2490, 3, "summer"),
    ("Тапочки домашние", "Обувь", 790, 4, "gift"),
    ("Сапоги", "Обувь", 8990, 3, "winter"),
    ("Боди детское", "Детская одежда", 590, 6, ""),
    ("Комбинезон детский", "Детская одежда", 5990, 3, "winter"),
    ("Пижама детская", "Детская одежда", 1190, 5, ""),
    ("Футболка детская", "Детская одежда", 690, 6, "summer"),
    ("Куртка детская", "Детская одежда", 3990, 3, "winter"),
    ("Шапка детская", "Детская одежда", 790, 4, "winter"),
    ("Колготки детские", "Детская одежда", 390, 5, ""),
    ("Костюм школьный", "Детская одежда", 4490, 2, "school"),
    ("Шарф", "Аксессуары", 1290, 5, "winter"),
    ("Шапка", "Аксессуары", 990, 5, "winter"),
    ("Перчатки", "Аксессуары", 1190, 4, "winter"),
    ("Ремень кожаный", "Аксессуары", 1890, 3, "gift"),
    ("Кепка", "Аксессуары", 890, 3, "summer"),
    ("Носки, 3 пары", "Аксессуары", 490, 9, ""),
    ("Очки солнцезащитные", "Аксессуары", 1990, 2, "summer"),
    ("Зонт", "Аксессуары", 1590, 2, ""),
    ("Рюкзак городской", "Сумки", 3490, 5, "school"),
    ("Сумка тоут", "Сумки", 2990, 4, ""),
    ("Поясная сумка", "Сумки", 1690, 3, ""),
    ("Кошелёк", "Сумки", 1490, 3, "gift"),
    ("Шопер", "Сумки", 790, 5, ""),
    ("Крем для рук", "Косметика", 390, 8, "winter"),
    ("Бальзам для губ", "Косметика", 290, 7, "winter"),
    ("Шампунь", "Косметика", 590, 6, ""),
    ("Маска тканевая", "Косметика", 190, 8, ""),
    ("Сыворотка для лица", "Косметика", 1490, 4, ""),
    ("Туалетная вода", "Косметика", 3990, 3, "gift"),
    ("Гель для душа", "Косметика", 450, 5, ""),
    ("Набор подарочный", "Косметика", 2490, 3, "gift"),
    ("Плед", "Дом", 2990, 4, "gift"),
    ("Полотенце банное", "Дом", 1290, 4, ""),
    ("Постельное бельё", "Дом", 4590, 3, ""),
    ("Подушка декоративная", "Дом", 1490, 3, ""),
    ("Свеча ароматическая", "Дом", 890, 4, "gift"),
    ("Халат", "Дом", 3490, 3, "gift"),
    ("Кружка", "Дом", 590, 4, "gift"),
    ("Леггинсы спортивные", "Спорт", 2490, 5, ""),
    ("Топ спортивный", "Спорт", 1790, 4, ""),
    ("Коврик для йоги", "Спорт", 1990, 2, ""),
    ("Шорты спортивные", "Спорт", 1590, 4, "summer"),
    ("Бутылка для воды", "Спорт", 790, 3, "summer"),
    ("Спортивный костюм", "Спорт", 5990, 3, ""),
)
SEASON = {  # month -> multiplier
    "": {m: 1.0 for m in range(1, 13)},
    "winter": {1: 2.0, 2: 1.5, 3: 0.8, 4: 0.3, 5: 0.2, 6: 0.2, 7: 0.2, 8: 0.3, 9: 0.8, 10: 1.6, 11: 2.0,
               12: 2.2},
    "summer": {1: 0.3, 2: 0.3, 3: 0.5, 4: 1.0, 5: 1.8, 6: 2.5, 7: 2.5, 8: 1.5, 9: 0.7, 10: 0.3, 11: 0.3,
               12: 0.3},
    "gift": {1: 0.7, 2: 1.5, 3: 2.0, 4: 0.8, 5: 0.8, 6: 0.8, 7: 0.8, 8: 0.8, 9: 0.8, 10: 0.9, 11: 1.5,
             12: 3.0},
    "school": {1: 0.3, 2: 0.3, 3: 0.3, 4: 0.3, 5: 0.4, 6: 0.6, 7: 1.5, 8: 6.0, 9: 2.0, 10: 0.4, 11: 0.3,
               12: 0.3},
}
MONTH_FACTOR = {1: 0.75, 2: 0.85, 3: 0.95, 4: 0.9, 5: 0.85, 6: 0.8, 7: 0.8, 8: 0.95, 9: 1.0, 10: 1.05,
                11: 1.45, 12: 1.7}
WEEKDAY_FACTOR = (1.05, 1.0, 1.0, 0.98, 0.95, 0.85, 1.0)
EMAIL_DOMAINS_RU = (("mail.ru", 30), ("yandex.ru", 22), ("gmail.com", 17), ("bk.ru", 6), ("inbox.ru", 5),
                    ("list.ru", 4), ("rambler.ru", 4), ("ya.ru", 4), ("outlook.com", 3), ("icloud.com", 3),
                    ("hotmail.com", 2))
EMAIL_DOMAINS_EN = (("gmail.com", 50), ("outlook.com", 20), ("hotmail.com", 10), ("icloud.com", 10),
                    ("yahoo.com", 5), ("mail.ru", 5))
MOBILE_CODES = ("903 905 906 909 910 912 915 916 917 919 921 925 926 927 929 937 950 952 960 961 977 "
                "981 985 988 999").split()
JUNK_PHONES = ("нет", "-", "не указан", "0", "+7", "123", "тел. не дал", "нет телефона")

CUSTOMER_HEADER = ("Код клиента", "Фамилия", "Имя", "E-mail", "Телефон", "Город", "Пол", "Дата рождения",
                   "Дата регистрации", "Согласие на рассылку", "Согласие на SMS", "Сумма покупок",
                   "Количество заказов", "Последняя покупка", "Теги")
ORDER_HEADER = ("order_id", "customer_code", "order_date", "product", "category", "quantity", "amount")
REPORT_HEADER = ("№", "Код клиента", "Клиент", "Город", "Дата регистрации", "Последняя покупка",
                 "Заказов за период", "Сумма за период, руб.", "Бонусы")


# ------------------------------------------------------------------------------------------------ model


@dataclass
class Person:
    idx: int
    kind: str  # "ru" (Cyrillic), "en" (foreign, Latin), "tr" (Russian name typed in Latin)
    gender: str  # "М" / "Ж"
    first: str
    last: str
    city: str  # canonical
    birth: dt.date | None
    email_clean: str = ""  # valid lower-case address or ""
    national: str = ""  # 10-digit Russian number or ""
    foreign_phone: str = ""
    reg: int = 0  # day offset from START (may be negative: registered before the log starts)
    dup_of: int | None = None
    orders: list[int] = field(default_factory=list)  # day offsets
    favs: tuple[int, ...] = ()
    wholesale: bool = False
    consent_email: bool = False
    consent_sms: bool = False
    # rendered CSV values
    first_out: str = ""
    last_out: str = ""
    email_out: str = ""
    phone_out: str = ""
    city_out: str = ""
    gender_out: str = ""
    birth_out: str = ""
    code: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass
class Summary:
    files: dict[str, Path]
    stats: dict[str, int]


def _cum(weights) -> list[float]:
    return list(accumulate(float(w) for w in weights))


def _wchoice(rng: np.random.Generator, cum: list[float]) -> int:
    """Index drawn with probability proportional to the weights whose running sum is ``cum``."""
    return min(bisect.bisect_right(cum, rng.random() * cum[-1]), len(cum) - 1)


def _pick(rng: np.random.Generator, items, weights=None):
    if weights is None:
        return items[int(rng.integers(len(items)))]
    return items[_wchoice(rng, _cum(weights))]


def _zipf_cum(n: int, s: float) -> list[float]:
    return _cum(1.0 / (k ** s) for k in range(1, n + 1))


def _female_surname(last: str) -> str:
    if last.endswith(("ов", "ев", "ёв", "ин", "ын")) and last not in ("Ким",):
        return last + "а"
    if last.endswith(("ский", "цкий")):
        return last[:-2] + "ая"
    return last


def _translit(text: str) -> str:
    out = []
    for ch in text.lower():
        t = TRANSLIT.get(ch, ch)
        out.append("" if t == "_" else t)
    return "".join(out)


def _day(offset: int) -> dt.date:
    return START + dt.timedelta(days=int(offset))


def _ru_date(d: dt.date) -> str:
    return d.strftime("%d.%m.%Y")


def _ru_money(kop: int) -> str:
    sign = "-" if kop < 0 else ""
    rub, rest = divmod(abs(kop), 100)
    return f"{sign}{rub:,}".replace(",", " ") + f",{rest:02d}"


def _dot_money(kop: int) -> str:
    sign = "-" if kop < 0 else ""
    rub, rest = divmod(abs(kop), 100)
    return f"{sign}{rub}.{rest:02d}"


def _day_weights(lo: int, hi: int) -> np.ndarray:
    """Relative shop traffic on day offsets lo..hi: seasons, holidays, weekdays, ~25 % growth a year."""
    w = np.empty(hi - lo + 1)
    for i in range(lo, hi + 1):
        d = _day(i)
        f = MONTH_FACTOR[d.month] * WEEKDAY_FACTOR[d.weekday()] * float(np.exp(0.22 * i / 365))
        if d.month == 11:
            nov30 = dt.date(d.year, 11, 30)
            black_friday = 30 - (nov30.weekday() - 4) % 7
            if black_friday <= d.day <= black_friday + 3:
                f *= 2.5
            elif d.day == 11:
                f *= 2.0
        elif d.month == 12 and 10 <= d.day <= 28:
            f *= 1.4
        elif d.month == 2 and 16 <= d.day <= 22:
            f *= 1.25
        elif d.month == 3 and d.day <= 7:
            f *= 1.5
        elif d.month == 8 and d.day >= 15:
            f *= 1.3
        w[i - lo] = f
    return w


class _DaySampler:
    """Draws day offsets in [lo, hi] proportionally to the day weights.

    Offsets may lie up to ``margin`` days outside the log's window: customers' buying lives started before
    the log and go on after it; only the days inside the window end up in orders.csv.
    """

    def __init__(self, margin: int) -> None:
        self.base = -margin
        weights = _day_weights(-margin, N_DAYS - 1 + margin)
        self.cum = np.concatenate(([0.0], np.cumsum(weights)))

    def draw(self, rng: np.random.Generator, lo: int, hi: int, size: int) -> np.ndarray:
        a, b = lo - self.base, hi - self.base
        u = rng.uniform(self.cum[a], self.cum[b + 1], size=size)
        return np.clip(np.searchsorted(self.cum, u, side="right") - 1, a, b) + self.base


# ------------------------------------------------------------------------------------------------ people


def _make_people(rng: np.random.Generator) -> list[Person]:
    city_names = [c for c, _ in CITIES]
    city_cum = _cum(w for _, w in CITIES)
    zipf = {n: _zipf_cum(n, s) for n, s in ((len(EN_FEMALE), 0.4), (len(EN_MALE), 0.4))}
    zipf_ru = {n: _zipf_cum(n, 0.7) for n in (len(RU_FEMALE), len(RU_MALE))}
    zipf_last = _zipf_cum(len(RU_SURNAMES), 0.5)
    people = []
    for i in range(N_PEOPLE):
        r = rng.random()
        kind = "ru" if r < 0.91 else ("en" if r < 0.965 else "tr")
        gender = "Ж" if rng.random() < 0.68 else "М"
        if kind == "en":
            names = EN_FEMALE if gender == "Ж" else EN_MALE
            first = names[_wchoice(rng, zipf[len(names)])]
            last = _pick(rng, EN_SURNAMES)
            city = _pick(rng, ["Москва", "Санкт-Петербург", "Казань", "Сочи", "Калининград"],
                         [60, 25, 5, 5, 5])
        else:
            names = RU_FEMALE if gender == "Ж" else RU_MALE
            first = names[_wchoice(rng, zipf_ru[len(names)])]
            last = RU_SURNAMES[_wchoice(rng, zipf_last)]
            if gender == "Ж":
                last = _female_surname(last)
            city = city_names[_wchoice(rng, city_cum)]
        age = float(np.clip(rng.normal(37, 11), 21, 80))
        birth = END - dt.timedelta(days=int(age * 365.25))
        people.append(Person(i, kind, gender, first, last, city, birth))
    return people


def _make_email(rng: np.random.Generator, p: Person, taken: set[str]) -> str:
    if p.kind == "ru":
        first, last = _translit(p.first), _translit(p.last)
    else:
        first = p.first.lower().replace("'", "")
        last = p.last.lower().replace("'", "")
        if p.kind == "tr":
            first, last = _translit(p.first), _translit(p.last)
    yy = f"{p.birth.year % 100:02d}" if p.birth else f"{int(rng.integers(100)):02d}"
    yyyy = str(p.birth.year) if p.birth else str(int(rng.integers(1960, 2006)))
    d2, d3 = f"{int(rng.integers(10, 100))}", f"{int(rng.integers(100, 1000))}"
    patterns = (
        f"{last}.{first}{yy}", f"{first[0]}.{last}{yy}", f"{first}_{last}{d2}", f"{last}{first[0]}{d3}",
        f"{first}.{last}.{yyyy}", f"{last}_{yyyy}", f"{first}{last[0]}{d3}", f"{first}{yyyy}",
    )
    local = patterns[int(rng.integers(len(patterns)))]
    domains = EMAIL_DOMAINS_RU if p.kind != "en" else EMAIL_DOMAINS_EN
    domain = _pick(rng, [d for d, _ in domains], [w for _, w in domains])
    email = f"{local}@{domain}"
    while email in taken:
        email = f"{local}{int(rng.integers(10))}@{domain}"
        local = email.split("@")[0]
    taken.add(email)
    return email


def _format_phone(rng: np.random.Generator, national: str, avoid: str = "") -> str:
    a, b, c, d = national[:3], national[3:6], national[6:8], national[8:]
    formats = (
        f"+7 ({a}) {b}-{c}-{d}", f"8 {a} {b} {c} {d}", f"8{national}", f"+7{national}",
        f"8({a}){b}-{c}-{d}", f"7{national}", f"+7 {a} {b}{c}{d}", f"8-{a}-{b}-{c}-{d}",
    )
    weights = [34, 15, 20, 12, 6, 4, 5, 4]
    while True:
        s = _pick(rng, formats, weights)
        if s != avoid:
            return s


def _render_people(rng: np.random.Generator, people: list[Person]) -> None:
    """Fill in e-mails, phones, rendered names/cities with their real-world mess."""
    taken_emails: set[str] = set()
    taken_phones: set[str] = set()
    for p in people:
        if rng.random() < 0.055:
            p.email_clean = ""
        else:
            p.email_clean = _make_email(rng, p, taken_emails)
        r = rng.random()
        if p.kind == "en" and r < 0.5:
            while True:
                if rng.random() < 0.6:  # Ofcom's range for drama, 07700 900000-900999
                    foreign = f"+44 7700 900{int(rng.integers(1000)):03d}"
                else:  # North American fictional 555-0100..0199
                    foreign = f"+1 {int(rng.integers(201, 990))} 555 01{int(rng.integers(100)):02d}"
                if foreign not in taken_phones:
                    taken_phones.add(foreign)
                    break
            p.foreign_phone = foreign
        elif r < 0.90:
            while True:
                landline = rng.random() < 0.04
                prefix = _pick(rng, ("495", "499", "812")) if landline else _pick(rng, MOBILE_CODES)
                national = prefix + f"{int(rng.integers(10_000_000)):07d}"
                if national not in taken_phones:
                    taken_phones.add(national)
                    break
            p.national = national
        p.first_out, p.last_out = p.first, p.last
        if p.kind == "tr":
            p.first_out, p.last_out = _translit(p.first).capitalize(), _translit(p.last).capitalize()
        r = rng.random()
        if r < 0.012:
            p.last_out = p.last_out.upper()
        elif r < 0.02:
            p.first_out, p.last_out = p.first_out.lower(), p.last_out.lower()
        elif r < 0.03:
            p.last_out = p.last_out + " "
        elif r < 0.036:
            p.first_out = " " + p.first_out
        elif r < 0.046:
            p.first_out = ""
        r = rng.random()
        if r < 0.025:
            p.city_out = ""
        elif r < 0.10:
            variants = CITY_VARIANTS.get(p.city, (p.city.lower(), p.city.upper(), " " + p.city, p.city + " ",
                                                  "г. " + p.city))
            p.city_out = _pick(rng, variants)
        else:
            p.city_out = p.city
        p.gender_out = "" if rng.random() < 0.04 else p.gender
        if rng.random() < 0.18:
            p.birth = None


def _phone_out(rng: np.random.Generator, p: Person, junk: bool) -> str:
    if junk:
        return _pick(rng, JUNK_PHONES)
    if p.foreign_phone:
        return p.foreign_phone
    if p.national:
        return _format_phone(rng, p.national)
    return ""


# ------------------------------------------------------------------------------------------------ orders


def _plan_orders(rng: np.random.Generator, people: list[Person], sampler: _DaySampler) -> None:
    """Decide who buys, how often and on which days; set registration dates."""
    for p in people:
        if rng.random() < PROSPECT_SHARE:
            # newsletter sign-ups and abandoned carts, more of them recently
            p.reg = int(sampler.draw(rng, 0, N_DAYS - 1, 1)[0]) - (0 if rng.random() < 0.85 else 400)
            continue
        while True:  # a buying life [first, first + span]; keep the orders that fall inside the log
            n = 1 + int(min(rng.lognormal(MU_ORDERS, SIGMA_ORDERS), 149))
            gap = float(np.clip(rng.lognormal(np.log(35), 0.5), 7, 150))
            span = min(SAMPLER_MARGIN, int(round((n - 1) * gap)))
            first = int(sampler.draw(rng, -span, N_DAYS - 1, 1)[0])
            days = [first]
            if n > 1:
                days += sampler.draw(rng, first, first + span, n - 1).tolist()
            kept = sorted(int(d) for d in days if 0 <= d < N_DAYS)
            if kept:
                break
        p.orders = kept
        if rng.random() < 0.55:
            p.reg = first
        else:
            p.reg = max(first - int(rng.exponential(120)), -SAMPLER_MARGIN)


def _make_duplicates(rng: np.random.Generator, people: list[Person], sampler: _DaySampler) -> list[Person]:
    candidates = [p for p in people if (p.email_clean or p.national) and p.reg < N_DAYS - 20]
    chosen = rng.choice(len(candidates), size=N_DUPLICATES, replace=False)
    dups = []
    for k, ci in enumerate(sorted(int(c) for c in chosen)):
        o = candidates[ci]
        d = Person(N_PEOPLE + k, o.kind, o.gender, o.first, o.last, o.city, o.birth, dup_of=o.idx)
        d.email_clean, d.national, d.foreign_phone = o.email_clean, o.national, o.foreign_phone
        d.first_out, d.last_out, d.city_out, d.gender_out = o.first, o.last, o.city, o.gender
        if o.kind == "tr":
            d.first_out, d.last_out = o.first_out, o.last_out
        lo = max(o.reg, 0) + 14
        d.reg = lo + int(rng.exponential(200)) % (N_DAYS - lo)
        if rng.random() < 0.55:
            n = int(rng.integers(1, 4))
            d.orders = sorted(int(x) for x in sampler.draw(rng, d.reg, N_DAYS - 1, n))
        r = rng.random()
        if r < 0.2 and "ё" in d.last_out + d.first_out:
            d.last_out, d.first_out = d.last_out.replace("ё", "е"), d.first_out.replace("ё", "е")
        elif r < 0.3:
            d.last_out = d.last_out.upper()
        elif r < 0.4:
            d.birth = None
        dups.append(d)
    return dups


def _make_lines(rng: np.random.Generator, people: list[Person], unknown: list[tuple[str, int, int]]):
    """Return order lines (order_id, code, day, product index, quantity, amount in kopecks)."""
    cat_names = [c for c, _, _ in CATEGORIES]
    cat_of = np.array([cat_names.index(p[1]) for p in PRODUCTS])
    popularity = np.array([p[3] for p in PRODUCTS], dtype=float)
    season = {m: np.array([SEASON[p[4]][m] for p in PRODUCTS]) for m in range(1, 13)}
    cache: dict[tuple[int, tuple[int, ...]], list[float]] = {}

    def product_cum(month: int, favs: tuple[int, ...]) -> list[float]:
        key = (month, favs)
        if key not in cache:
            cache[key] = _cum(popularity * season[month] * np.where(np.isin(cat_of, favs), 4.0, 1.0))
        return cache[key]

    cat_cum = {g: _cum(c[1] if g == "Ж" else c[2] for c in CATEGORIES) for g in ("Ж", "М")}
    for p in people:
        favs = {_wchoice(rng, cat_cum[p.gender])}
        if rng.random() < 0.4:
            favs.add(_wchoice(rng, cat_cum[p.gender]))
        p.favs = tuple(sorted(favs))
    lines_cum = _cum([0.46, 0.29, 0.15, 0.10])
    qty_cheap_cum = _cum([0.6, 0.25, 0.1, 0.05])
    qty_cum = _cum([0.88, 0.09, 0.03])

    # all orders, in date order; ties broken by a random key
    orders: list[tuple[int, float, str, Person | None, int]] = []
    for p in people:
        for day in p.orders:
            orders.append((day, rng.random(), p.code, p, 0))
    for code, day, size in unknown:
        orders.append((day, rng.random(), code, None, size))
    orders.sort(key=lambda o: (o[0], o[1]))

    lines = []
    order_id = 100_000
    for day, _, code, p, size in orders:
        order_id += 1 if rng.random() < 0.96 else int(rng.integers(2, 5))  # cancelled orders leave gaps
        date = _day(day)
        n_lines = size or _wchoice(rng, lines_cum) + 1
        pcum = product_cum(date.month, p.favs if p is not None else ())
        chosen: list[int] = []
        while len(chosen) < n_lines:
            j = _wchoice(rng, pcum)
            if j not in chosen:
                chosen.append(j)
        nov30 = dt.date(date.year, 11, 30)
        black_friday = nov30 - dt.timedelta(days=(nov30.weekday() - 4) % 7)
        for j in chosen:
            price = PRODUCTS[j][2]
            if p is not None and p.wholesale:
                qty = int(rng.integers(4, 13))
            else:
                qty = 1 + _wchoice(rng, qty_cheap_cum if price < 700 else qty_cum)
            if black_friday <= date <= black_friday + dt.timedelta(days=3) and rng.random() < 0.7:
                disc = 30
            elif rng.random() < 0.2:
                disc = (5, 10, 15, 20)[int(rng.integers(4))]
            else:
                disc = 0
            lines.append([order_id, code, day, j, qty, qty * price * (100 - disc)])
    unknown_codes = {u[0] for u in unknown}
    # returns: an extra negative line in the same order (orders with fewer than 4 lines)
    by_order: dict[int, list[int]] = defaultdict(list)
    for i, ln in enumerate(lines):
        by_order[ln[0]].append(i)
    eligible = [i for i, ln in enumerate(lines) if len(by_order[ln[0]]) < 4 and ln[1] not in unknown_codes]
    n_returns = int(round(RETURN_SHARE * len(lines)))
    picked = sorted(int(i) for i in rng.choice(len(eligible), size=n_returns, replace=False))
    taken_orders: set[int] = set()
    returns: dict[int, list] = {}
    for k in picked:
        src = lines[eligible[k]]
        if src[0] in taken_orders:
            continue
        taken_orders.add(src[0])
        returns[by_order[src[0]][-1]] = [src[0], src[1], src[2], src[3], -src[4], -src[5]]
    out = []
    for i, ln in enumerate(lines):
        out.append(ln)
        if i in returns:
            out.append(returns[i])
    return out


def _assign_codes(rng: np.random.Generator, people: list[Person]) -> list[str]:
    """Codes follow registration order, with gaps left by deleted customers; returns the gap codes."""
    order = sorted(people, key=lambda p: (p.reg, p.idx))
    code, gaps = 0, []
    for p in order:
        code += 1
        if rng.random() < 0.012:
            skip = int(rng.integers(1, 4))
            gaps.extend(range(code, code + skip))
            code += skip
        p.code = f"{code:06d}"
    return [f"{g:06d}" for g in gaps]


# ------------------------------------------------------------------------------------------------ output


def _build(seed: int):
    rng = np.random.default_rng(seed)
    sampler = _DaySampler(SAMPLER_MARGIN)
    people = _make_people(rng)
    _render_people(rng, people)
    _plan_orders(rng, people, sampler)
    people += _make_duplicates(rng, people, sampler)
    gap_codes = _assign_codes(rng, people)

    buyers = [p for p in people if p.orders]
    frequent = [p for p in buyers if len(p.orders) >= 4]
    for i in rng.choice(len(frequent), size=35, replace=False):
        frequent[int(i)].wholesale = True

    # orders of customers since deleted from the CRM (their codes are gaps in the list): N_UNKNOWN_LINES lines
    sizes = [int(x) for x in rng.integers(1, 5, size=9)]
    while sum(sizes) != N_UNKNOWN_LINES:
        k = int(rng.integers(len(sizes)))
        sizes[k] = min(4, sizes[k] + 1) if sum(sizes) < N_UNKNOWN_LINES else max(1, sizes[k] - 1)
    codes = sorted(str(c) for c in rng.choice(gap_codes, size=len(sizes), replace=False))
    unknown = [(c, int(rng.integers(0, N_DAYS)), n) for c, n in zip(codes, sizes, strict=True)]
    lines = _make_lines(rng, people, unknown)
    return rng, people, lines, set(codes)


def _finish_customers(rng: np.random.Generator, people: list[Person], lines) -> dict:
    total: dict[str, int] = defaultdict(int)
    order_ids: dict[str, set[int]] = defaultdict(set)
    last: dict[str, int] = {}
    for oid, code, day, _, _, amount in lines:
        total[code] += amount
        order_ids[code].add(oid)
        last[code] = max(last.get(code, day), day)
    originals = {p.idx: p for p in people}

    # tags
    spend = sorted((total[p.code] for p in people if p.code in total), reverse=True)
    vip_threshold = spend[int(len(spend) * 0.025)]
    for p in people:
        tags = []
        if total.get(p.code, 0) > vip_threshold:
            tags.append("VIP" if rng.random() < 0.12 else "vip")
        if p.wholesale:
            tags.append("опт")
        if len(order_ids.get(p.code, ())) >= 8 and rng.random() < 0.6:
            tags.append("постоянный")
        r = rng.random()
        if r < 0.01 and p.orders:
            tags.append("жалоба")
        elif r < 0.014:
            tags.append("сотрудник")
        elif r < 0.017:
            tags.append("блогер")
        elif r < 0.04 and p.gender == "Ж":
            tags.append("акция 8 марта")
        p.tags = tags

    # e-mails: duplicates differ only by case/spaces; ~2 % invalid; some odd case
    stats = defaultdict(int)
    dup_kind: dict[int, str] = {}
    for p in people:
        if p.dup_of is None:
            continue
        o = originals[p.dup_of]
        if p.email_clean and (not p.national or rng.random() < 0.6):
            variants = (p.email_clean.capitalize(), p.email_clean.upper(), " " + p.email_clean,
                        p.email_clean + " ", p.email_clean.split("@")[0] + "@" + p.email_clean.split("@")[1]
                        .title())
            p.email_out = _pick(rng, variants)
            p.phone_out = "" if rng.random() < 0.5 else _phone_out(rng, p, False)
            dup_kind[p.idx] = "email"
        else:
            p.email_out = ""
            p.phone_out = "phone-pending"
            dup_kind[p.idx] = "phone"
        o.email_out = o.email_clean  # originals of duplicates keep a clean e-mail
    invalid_pool = [p for p in people if p.dup_of is None and p.email_clean and not p.email_out]
    invalid = {int(i) for i in rng.choice(len(invalid_pool), size=N_INVALID_EMAILS, replace=False)}
    for k, p in enumerate(invalid_pool):
        e = p.email_clean
        if k in invalid:
            local, domain = e.split("@")
            kind = int(rng.integers(7))
            if kind == 0:
                e = f"{local}@{domain.split('.')[0]}"
            elif kind == 1:
                e = f"{local}.{domain}"
            elif kind == 2:
                local = local.replace(".", "..", 1) if "." in local else local[:2] + ".." + local[2:]
                e = f"{local}@{domain}"
            elif kind == 3:
                e = f"{local} @{domain}" if rng.random() < 0.5 else f"{local[:3]} {local[3:]}@{domain}"
            elif kind == 4:
                e = f"{local}@@{domain}"
            elif kind == 5:
                e = f"{local}@{domain.replace('.', ',')}"
            else:
                e = f"{local}@{domain}."
        elif rng.random() < 0.02:
            e = e.capitalize() if rng.random() < 0.7 else e.upper()
        p.email_out = e

    # phones: originals get a format; phone duplicates get the same number written differently
    junk = set(int(i) for i in rng.choice(len(people), size=45, replace=False))
    for p in people:
        if p.dup_of is None:
            is_junk = p.idx in junk and not any(d.dup_of == p.idx for d in people[N_PEOPLE:])
            p.phone_out = _phone_out(rng, p, is_junk)
    for p in people:
        if p.phone_out == "phone-pending":
            o = originals[p.dup_of]
            p.phone_out = _format_phone(rng, p.national, avoid=o.phone_out)

    # placeholder birth dates as CRMs fill them in; consents
    for i in rng.choice(N_PEOPLE, size=8, replace=False):
        people[int(i)].birth = dt.date(1900, 1, 1)
    for p in people:
        p.consent_email = bool(rng.random() < 0.66)
        p.consent_sms = bool(rng.random() < 0.42)

    stats["customers"] = len(people)
    stats["duplicates"] = N_DUPLICATES
    stats["duplicates_by_email"] = sum(1 for k in dup_kind.values() if k == "email")
    stats["duplicates_by_phone"] = sum(1 for k in dup_kind.values() if k == "phone")
    stats["invalid_emails"] = N_INVALID_EMAILS
    stats["empty_emails"] = sum(1 for p in people if not p.email_out)
    stats["prospects"] = sum(1 for p in people if p.code not in total)
    stats["junk_phones"] = sum(1 for p in people if p.phone_out in JUNK_PHONES)
    stats["empty_phones"] = sum(1 for p in people if not p.phone_out)
    stats["messy_cities"] = sum(1 for p in people if p.city_out and p.city_out != p.city)
    stats["empty_cities"] = sum(1 for p in people if not p.city_out)
    stats["empty_gender"] = sum(1 for p in people if not p.gender_out)
    stats["empty_birth"] = sum(1 for p in people if p.birth is None)
    stats["placeholder_birth"] = 8
    stats["latin_names"] = sum(1 for p in people if p.kind != "ru")
    stats["vip"] = sum(1 for p in people if any(t.lower() == "vip" for t in p.tags))
    cutoff = N_DAYS - 1 - 365
    stats["lapsed_over_1y"] = sum(1 for p in people if p.code in last and last[p.code] < cutoff)
    stats["new_last_90d"] = sum(1 for p in people if p.orders and min(p.orders) >= N_DAYS - 90)
    counts = [len(order_ids[p.code]) for p in people if p.code in order_ids]
    stats["buyers_1_to_3_orders"] = sum(1 for c in counts if c <= 3)
    stats["buyers_30plus_orders"] = sum(1 for c in counts if c >= 30)
    stats["max_orders_per_customer"] = max(counts)
    return {"total": total, "order_ids": order_ids, "last": last, "stats": dict(stats)}


def _write_customers(path: Path, people: list[Person], agg) -> None:
    rows = []
    for p in sorted(people, key=lambda q: q.code):
        n = len(agg["order_ids"].get(p.code, ()))
        last = agg["last"].get(p.code)
        rows.append([
            p.code, p.last_out, p.first_out, p.email_out, p.phone_out, p.city_out, p.gender_out,
            _ru_date(p.birth) if p.birth else "", _ru_date(_day(p.reg)),
            "да" if p.email_out and p.consent_email else "нет",
            "да" if p.phone_out and p.consent_sms else "нет",
            _ru_money(agg["total"].get(p.code, 0)), str(n), _ru_date(_day(last)) if last is not None else "",
            ", ".join(p.tags),
        ])
    with path.open("w", encoding="cp1251", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(CUSTOMER_HEADER)
        writer.writerows(rows)


def _write_orders(path: Path, lines) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=",", lineterminator="\n")
        writer.writerow(ORDER_HEADER)
        for oid, code, day, j, qty, amount in lines:
            product, category = PRODUCTS[j][0], PRODUCTS[j][1]
            writer.writerow([oid, code, _day(day).isoformat(), product, category, qty, _dot_money(amount)])


def _write_report(path: Path, rng: np.random.Generator, people: list[Person], lines) -> int:
    start = (REPORT_FROM - START).days
    period_total: dict[str, int] = defaultdict(int)
    period_orders: dict[str, set[int]] = defaultdict(set)
    period_last: dict[str, int] = {}
    for oid, code, day, _, _, amount in lines:
        if day >= start:
            period_total[code] += amount
            period_orders[code].add(oid)
            period_last[code] = max(period_last.get(code, day), day)
    pool = sorted((p for p in people if p.code in period_orders), key=lambda q: q.code)
    chosen = sorted(int(i) for i in rng.choice(len(pool), size=N_REPORT_CUSTOMERS, replace=False))
    subset = [pool[i] for i in chosen]

    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": "Отчёт по клиентам", "author": "Бухгалтерия", "created": REPORT_CREATED})
    title = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
    head = wb.add_format({"bold": True, "border": 1, "bg_color": "#D9E1F2", "text_wrap": True,
                          "valign": "vcenter"})
    text = wb.add_format({"border": 1})
    date = wb.add_format({"border": 1, "num_format": "dd.mm.yyyy"})
    integer = wb.add_format({"border": 1, "num_format": "0"})
    money = wb.add_format({"border": 1, "num_format": "#,##0.00"})
    total_text = wb.add_format({"bold": True, "border": 1})
    total_int = wb.add_format({"bold": True, "border": 1, "num_format": "0"})
    total_money = wb.add_format({"bold": True, "border": 1, "num_format": "#,##0.00"})

    ws = wb.add_worksheet("Клиенты")
    for col, width in enumerate((5, 12, 28, 18, 14, 14, 11, 16, 10)):
        ws.set_column(col, col, width)
    ws.merge_range(0, 0, 0, len(REPORT_HEADER) - 1, "Отчёт по клиентам за 2026 год", title)
    ws.write_row(2, 0, REPORT_HEADER, head)
    first_row = 3
    sum_orders, sum_kop = 0, 0
    for k, p in enumerate(subset):
        r = first_row + k
        kop = period_total[p.code]
        n = len(period_orders[p.code])
        sum_orders += n
        sum_kop += kop
        ws.write_number(r, 0, k + 1, integer)
        ws.write_string(r, 1, p.code, text)
        ws.write_string(r, 2, f"{p.last_out.strip()} {p.first_out.strip()}".strip(), text)
        ws.write_string(r, 3, p.city, text)
        ws.write_datetime(r, 4, dt.datetime.combine(_day(p.reg), dt.time()), date)
        ws.write_datetime(r, 5, dt.datetime.combine(_day(period_last[p.code]), dt.time()), date)
        ws.write_number(r, 6, n, integer)
        ws.write_number(r, 7, kop / 100, money)
        ws.write_string(r, 8, str(max(kop, 0) // 100 * 3 // 100), text)  # 3 % bonus; numbers stored as text
    last_row = first_row + len(subset) - 1
    tr = last_row + 1
    ws.write_string(tr, 0, "Итого", total_text)
    for col in range(1, 6):
        ws.write_blank(tr, col, None, total_text)
    ws.write_formula(tr, 6, f"=SUM(G{first_row + 1}:G{last_row + 1})", total_int, sum_orders)
    ws.write_formula(tr, 7, f"=SUM(H{first_row + 1}:H{last_row + 1})", total_money, sum_kop / 100)
    ws.write_blank(tr, 8, None, total_text)
    ws.freeze_panes(first_row, 0)

    ps = wb.add_worksheet("Параметры")
    ps.set_column(0, 0, 22)
    ps.set_column(1, 1, 30)
    bold = wb.add_format({"bold": True})
    ps.write_row(0, 0, ("Параметр", "Значение"), bold)
    ps.write_row(1, 0, ("Организация", "Демонстрационный магазин"))
    ps.write_row(2, 0, ("Период", f"{_ru_date(REPORT_FROM)} – {_ru_date(END)}"))
    ps.write_string(3, 0, "Дата формирования")
    created = REPORT_CREATED.replace(hour=0, minute=0)
    ps.write_datetime(3, 1, created, wb.add_format({"num_format": "dd.mm.yyyy"}))
    ps.write_row(4, 0, ("Валюта", "RUB"))
    ps.write_string(5, 0, "Клиентов в отчёте")
    ps.write_number(5, 1, len(subset))
    ps.write_row(6, 0, ("Источник", "Выгрузка из CRM"))
    wb.close()
    return len(subset)


def generate(out_dir: Path, seed: int = DEFAULT_SEED) -> Summary:
    """Write customers.csv, orders.csv and customers_report.xlsx into ``out_dir``; deterministic in seed."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng, people, lines, unknown_codes = _build(seed)
    agg = _finish_customers(rng, people, lines)
    files = {name: out_dir / name for name in (CUSTOMERS_FILE, ORDERS_FILE, REPORT_FILE)}
    _write_customers(files[CUSTOMERS_FILE], people, agg)
    _write_orders(files[ORDERS_FILE], lines)
    n_report = _write_report(files[REPORT_FILE], rng, people, lines)

    stats = agg["stats"]
    stats["order_lines"] = len(lines)
    stats["orders"] = len({ln[0] for ln in lines})
    stats["return_lines"] = sum(1 for ln in lines if ln[5] < 0)
    stats["unknown_customer_lines"] = sum(1 for ln in lines if ln[1] in unknown_codes)
    stats["unknown_customer_codes"] = len(unknown_codes)
    stats["report_customers"] = n_report
    return Summary(files, stats)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="default: resources/demo")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    summary = generate(args.out, args.seed)
    for name, path in summary.files.items():
        print(f"{name}: {path.stat().st_size:,} bytes")
    for key, value in summary.stats.items():
        print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
