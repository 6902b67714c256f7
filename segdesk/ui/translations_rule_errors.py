"""Russian texts of rule and segment errors (merged into `translations`)."""

from __future__ import annotations

#: English strings with ``{count}``: (singular, plural).
ENGLISH_PLURALS: dict[str, tuple[str, str]] = {}

RUSSIAN: dict[str, str | tuple[str, str, str]] = {
    "There is no field “{field}”.": "Поля «{field}» нет.",
    "The order log has no column “{field}”.": "В журнале заказов нет столбца «{field}».",
    "“{operator}” does not apply to “{field}”.": "Условие «{operator}» не подходит к полю «{field}».",
    "“{value}” is not a date.": "«{value}» — не дата.",
    "“{value}” is not yes or no.": "«{value}» — не «да» и не «нет».",
    "“{value}” is not a number.": "«{value}» — не число.",
    "An order-log condition cannot sit inside another one.":
        "Условие по журналу заказов нельзя вложить в другое такое условие.",
    "This asks about the order log, but no order log is open.":
        "Условие относится к журналу заказов, но журнал заказов не открыт.",
    "“{field}” needs an order log or a last purchase date column.":
        "Для поля «{field}» нужен журнал заказов или столбец с датой последней покупки.",
    "Give both ends of the range.": "Укажите обе границы диапазона.",
    "Choose at least one value.": "Выберите хотя бы одно значение.",
    "The period must be a whole number of 0 or more.": "Период — целое число не меньше 0.",
    "Segment “{name}”: {problem}": "Сегмент «{name}»: {problem}",
}
