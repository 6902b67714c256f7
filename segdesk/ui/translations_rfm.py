"""Russian strings of the RFM page, grid and tables (merged into `translations`)."""

from __future__ import annotations

#: English strings with ``{count}``: (singular, plural).
ENGLISH_PLURALS: dict[str, tuple[str, str]] = {
    "{count} days": ("{count} day", "{count} days"),
    "{count} orders": ("{count} order", "{count} orders"),
    "{low}–{count} days": ("{low}–{count} days", "{low}–{count} days"),
    "{low}–{count} orders": ("{low}–{count} orders", "{low}–{count} orders"),
    "last purchase {count} days before the as-of date": ("last purchase {count} day before the as-of date",
                                                         "last purchase {count} days before the as-of date"),
    "last purchase {low}–{count} days before the as-of date": (
        "last purchase {low}–{count} days before the as-of date",
        "last purchase {low}–{count} days before the as-of date"),
    "up to {count} days": ("up to {count} day", "up to {count} days"),
    "over {count} days": ("over {count} day", "over {count} days"),
    "fewer than {count} orders": ("fewer than {count} order", "fewer than {count} orders"),
    "{count} or more orders": ("{count} or more orders", "{count} or more orders"),
}

_PLURALS: dict[str, tuple[str, str, str]] = {
    "{count} days": ("{count} день", "{count} дня", "{count} дней"),
    "{count} orders": ("{count} заказ", "{count} заказа", "{count} заказов"),
    "{low}–{count} days": ("{low}–{count} день", "{low}–{count} дня", "{low}–{count} дней"),
    "{low}–{count} orders": ("{low}–{count} заказ", "{low}–{count} заказа", "{low}–{count} заказов"),
    "last purchase {count} days before the as-of date": ("последняя покупка за {count} день до даты отсчёта",
                                                         "последняя покупка за {count} дня до даты отсчёта",
                                                         "последняя покупка за {count} дней до даты отсчёта"),
    "last purchase {low}–{count} days before the as-of date": (
        "последняя покупка за {low}–{count} день до даты отсчёта",
        "последняя покупка за {low}–{count} дня до даты отсчёта",
        "последняя покупка за {low}–{count} дней до даты отсчёта"),
    "up to {count} days": ("не более {count} дня", "не более {count} дней", "не более {count} дней"),
    "over {count} days": ("более {count} дня", "более {count} дней", "более {count} дней"),
    "fewer than {count} orders": ("менее {count} заказа", "менее {count} заказов", "менее {count} заказов"),
    "{count} or more orders": ("{count} заказ и более", "{count} заказа и более", "{count} заказов и более"),
}

_LABELS: dict[str, str] = {
    "{value}%": "{value} %",
    "Prospects": "Потенциальные",
    "Not in any segment": "Вне сегментов",
    "no customers": "нет клиентов",
    "Recency": "Давность",
    "Frequency": "Частота",
    "Monetary": "Сумма покупок",
    "spent {amount}": "потрачено {amount}",
    "under {amount}": "менее {amount}",
    "{amount} or more": "{amount} и более",
    "from {low} to under {high}": "от {low} до {high} (не включая)",
}

_GRID: dict[str, str] = {
    "Customers: {number} ({share} of scored customers)": "Клиентов: {number} ({share} от получивших баллы)",
    "Revenue: {amount}": "Выручка: {amount}",
    "Average spend per customer: {amount}": "Средняя сумма покупок на клиента: {amount}",
    "Segments in this cell (by M score): {mix}": "Сегменты в этой ячейке (по баллу M): {mix}",
    "Click to list these customers.": "Щёлкните, чтобы показать этих клиентов.",
    "Frequency score (F): more orders →": "Балл частоты (F): больше заказов →",
    "Recency score (R): more recent →": "Балл давности (R): покупали недавно →",
}

_TABLES: dict[str, str] = {
    "Customers": "Клиенты",
    "Share": "Доля",
    "Revenue": "Выручка",
    "Revenue\nshare": "Доля\nвыручки",
    "Average\norder": "Средний\nчек",
    "Average\nrecency": "Средняя\nдавность",
    "Customers in the group": "Клиенты группы",
    "Share of all customers": "Доля от всех клиентов",
    "What the group's customers spent up to the as-of date": "Сколько клиенты группы потратили до даты отсчёта",
    "Share of all revenue": "Доля от всей выручки",
    "Average order value: the group's revenue divided by its orders":
        "Средний чек: выручка группы, делённая на число её заказов",
    "Average number of days from the last purchase to the as-of date":
        "Среднее число дней от последней покупки до даты отсчёта",
    "Click to list these customers on the Data page.": "Щёлкните, чтобы показать этих клиентов на странице «Данные».",
    "Dimension": "Показатель",
    "Score": "Балл",
    "Customers' values": "Значения у клиентов",
    "Defined by the thresholds": "Задано порогами",
}

_SETTINGS: dict[str, str] = {
    " days": " дн.",
    "Recency, days since the last purchase:": "Давность, дней с последней покупки:",
    "Frequency, orders:": "Частота, заказов:",
    "Monetary, money spent:": "Сумма покупок:",
    "Today": "Сегодня",
    "Latest data": "По данным",
    "The day after the latest purchase in the data, so an old export still makes sense.":
        "День после последней покупки в данных — так и старая выгрузка даёт осмысленный результат.",
    "Use as segments": "Использовать как сегменты",
    "List the RFM segments and lifecycle stages on the Data page, to filter the customer table by them.":
        "Показать RFM-сегменты и этапы жизненного цикла на странице «Данные», чтобы фильтровать по ним таблицу "
        "клиентов.",
    "Lifecycle: new if the only purchase is within": "Жизненный цикл: новый — единственная покупка за",
    "active within": "активный — покупка за",
    "lost after": "потерянный — нет покупок",
    "As of:": "Дата отсчёта:",
    "Scores:": "Баллов:",
    "Scoring:": "Расчёт баллов:",
    "Map:": "Карта сегментов:",
    "Quantiles": "По квантилям",
    "Fixed thresholds": "Фиксированные пороги",
}

_PAGE: dict[str, str] = {
    "RFM segment": "RFM-сегмент",
    "Lifecycle stage": "Этап жизненного\nцикла",
    "Click a cell or a row to list its customers.": "Щёлкните ячейку или строку, чтобы увидеть её клиентов.",
    "Colour cells by": "Цвет ячеек:",
    "Lifecycle stages": "Этапы жизненного цикла",
    "segment": "сегмент",
    "customers": "число клиентов",
    "average spend per customer": "средняя сумма на клиента",
    "Grid and segments": "Сетка и сегменты",
    "Score ranges": "Диапазоны баллов",
    "from the order log": "по журналу заказов",
    "from the customer list's last purchase date, orders count and total spent":
        "по дате последней покупки, числу заказов и сумме покупок из списка клиентов",
    "As of {date}: {scored} of {total} customers have purchases and are scored, {basis}.":
        "На {date}: {scored} из {total} клиентов имеют покупки и получили баллы, {basis}.",
    "RFM cell R{r} F{f} ({segment})": "RFM-ячейка R{r} F{f} ({segment})",
    "Open a customer list and its order log (File → Import order log…) to see recency, frequency and monetary "
    "scores.":
        "Откройте список клиентов и журнал заказов (Файл → Импорт журнала заказов…), чтобы увидеть баллы давности, "
        "частоты и суммы покупок.",
    "Computing RFM scores…": "Расчёт RFM-баллов…",
    "RFM: {name}": "RFM: {name}",
    "Lifecycle: {name}": "Жизненный цикл: {name}",
    "RFM segment: {name}": "RFM-сегмент: {name}",
    "Lifecycle stage: {name}": "Этап жизненного цикла: {name}",
    "RFM needs purchases: import an order log (File → Import order log…), or open a customer list with a last "
    "purchase date column.":
        "Для RFM нужны покупки: импортируйте журнал заказов (Файл → Импорт журнала заказов…) или откройте список "
        "клиентов со столбцом даты последней покупки.",
    "Show all customers": "Показать всех клиентов",
    "Segment:": "Сегмент:",
    "All customers": "Все клиенты",
    "&RFM": "&RFM",
}

_ERRORS: dict[str, str] = {
    "RFM needs an order log, or a customer list with a last purchase date column.":
        "Для RFM нужен журнал заказов или список клиентов со столбцом даты последней покупки.",
    "There is no column “{column}”.": "Столбца «{column}» нет.",
    "The column “{column}” does not hold dates.": "В столбце «{column}» не даты.",
    "The column “{column}” does not hold numbers.": "В столбце «{column}» не числа.",
    "There are no purchases in the data: no order line has a known customer, a date and an amount of 0 or more "
    "(returns are not purchases).":
        "В данных нет покупок: нет ни одной строки заказа с известным клиентом, датой и суммой от 0 "
        "(возвраты — не покупки).",
    "The number of scores must be 3, 4 or 5.": "Баллов может быть 3, 4 или 5.",
    "{bins} scores need {expected} thresholds for {dimension}.":
        "Для {bins} баллов нужно {expected} порога для показателя «{dimension}».",
    "The thresholds for {dimension} must go up, each bigger than the one before.":
        "Пороги показателя «{dimension}» должны возрастать: каждый больше предыдущего.",
    "“{pattern}” is not an RFM code pattern (write e.g. 5[4-5] or [1-2][3-4]).":
        "«{pattern}» — не шаблон RFM-кода (пишите, например, 5[4-5] или [1-2][3-4]).",
    "The RFM map is not valid ({reason}).": "Карта RFM-сегментов неверна ({reason}).",
    "Unknown RFM map “{name}”.": "Неизвестная карта RFM-сегментов «{name}».",
    "The first as-of date must come before the second.": "Первая дата отсчёта должна быть раньше второй.",
    "Lifecycle thresholds must grow: new ({new}) ≤ active ({active}) < lost ({lost}) days.":
        "Пороги жизненного цикла должны расти: новый ({new}) ≤ активный ({active}) < потерянный ({lost}) дней.",
    "“{value}” is not a date; write it as YYYY-MM-DD.": "«{value}» — не дата; пишите ГГГГ-ММ-ДД.",
}

RUSSIAN: dict[str, str | tuple[str, str, str]] = {
    "Map editor": "Редактор карты",
    "Movement": "Переходы",**_PLURALS, **_LABELS, **_GRID, **_TABLES, **_SETTINGS, **_PAGE,
                                                  **_ERRORS}
