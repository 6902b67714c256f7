"""Russian strings of the rule editor (merged into `translations`)."""

from __future__ import annotations

#: English strings with ``{count}``: (singular, plural).
ENGLISH_PLURALS: dict[str, tuple[str, str]] = {
    "{count} customers match": ("{count} customer matches", "{count} customers match"),
    "{count} values": ("{count} value", "{count} values"),
    "skips {count} with no {field}": ("skips {count} with no {field}", "skips {count} with no {field}"),
    "Only the first {count} values are listed; type others above.": (
        "Only the first {count} value is listed; type others above.",
        "Only the first {count} values are listed; type others above."),
}

_PLURALS: dict[str, tuple[str, str, str]] = {
    "{count} customers match": ("Подходит {count} клиент", "Подходят {count} клиента", "Подходят {count} клиентов"),
    "{count} values": ("{count} значение", "{count} значения", "{count} значений"),
    "skips {count} with no {field}": ("пропущен {count} клиент без «{field}»",
                                      "пропущено {count} клиента без «{field}»",
                                      "пропущено {count} клиентов без «{field}»"),
    "Only the first {count} values are listed; type others above.": (
        "Показано только первое {count} значение; другие введите выше.",
        "Показаны только первые {count} значения; другие введите выше.",
        "Показаны только первые {count} значений; другие введите выше."),
}

_OPERATORS: dict[str, str] = {
    "is": "равно",
    "is not": "не равно",
    "less than": "меньше",
    "at most": "не больше",
    "more than": "больше",
    "at least": "не меньше",
    "between": "между",
    "not between": "не между",
    "is one of": "одно из",
    "is none of": "ни одно из",
    "contains": "содержит",
    "does not contain": "не содержит",
    "begins with": "начинается с",
    "does not begin with": "не начинается с",
    "ends with": "заканчивается на",
    "does not end with": "не заканчивается на",
    "is empty": "пусто",
    "is not empty": "не пусто",
    "is true": "истина",
    "is false": "ложь",
    "is yes": "да",
    "is no": "нет",
    "in the last": "за последние",
    "not in the last": "не за последние",
    "in the next": "в ближайшие",
    "anniversary in the next": "годовщина в ближайшие",
    "on": "в день",
    "not on": "не в день",
    "before": "раньше",
    "on or before": "не позже",
    "after": "позже",
    "on or after": "не раньше",
    "exist": "есть",
    "do not exist": "нет",
    "and": "и",
}

_LABELS: dict[str, str] = {
    "number of orders": "число заказов",
    "sum of order amounts": "сумма заказов",
    "purchases": "покупки",
    "days": "дней",
    "weeks": "недель",
    "months": "месяцев",
    "years": "лет",
    "all of": "все условия",
    "any of": "любое из условий",
    "not": "не",
    "Customer columns": "Столбцы клиентов",
    "Derived fields": "Вычисляемые поля",
    "Order log": "Журнал заказов",
    "Number of orders (frequency)": "Число заказов (частота)",
    "Money spent (monetary)": "Сумма покупок (monetary)",
    "Average order value": "Средний чек",
    "First purchase": "Первая покупка",
    "Last purchase": "Последняя покупка",
    "R score": "Балл R",
    "F score": "Балл F",
    "M score": "Балл M",
    "RFM code": "RFM-код",
    "Customer lifecycle stage": "Этап жизненного цикла клиента",
    "{name} (not in the data)": "{name} (нет в данных)",
    "value": "значение",
    "choose a date": "выберите дату",
    "Choose values…": "Выбрать значения…",
    "within the last": "за последние",
    "only orders where": "только заказы, где",
}

_EDITOR: dict[str, str] = {
    "Rule editor": "Редактор правила",
    "Counting…": "Подсчёт…",
    "{share} of all customers": "{share} всех клиентов",
    "revenue {amount}": "выручка {amount}",
    "+ Condition": "+ Условие",
    "+ Group": "+ Группа",
    "+ Order filter": "+ Фильтр заказов",
    "Remove this condition": "Удалить это условие",
    "Remove this group": "Удалить эту группу",
    "Remove the order filter": "Удалить фильтр заказов",
    "Negate the group: match the customers it does not match":
        "Отрицание группы: подходят клиенты, которые ей не соответствуют",
    "No conditions yet: every customer matches.": "Условий пока нет: подходят все клиенты.",
    "Count only orders up to this long before the as-of date": "Учитывать только заказы за этот срок до даты отсчёта",
    "Count only the orders that match conditions on the order log's columns, such as a product category":
        "Учитывать только заказы, подходящие под условия на столбцы журнала заказов, например категорию товара",
    "Find or add a value": "Найти или добавить значение",
    "Add": "Добавить",
    "Clear": "Очистить",
    # undo steps
    "Change field": "Смена поля",
    "Change operator": "Смена условия",
    "Edit value": "Изменение значения",
    "Change period": "Смена периода",
    "Add condition": "Добавление условия",
    "Add group": "Добавление группы",
    "Remove condition": "Удаление условия",
    "Remove group": "Удаление группы",
    "Change all/any": "Смена «все/любое»",
    "Negate group": "Отрицание группы",
    "Remove negation": "Снятие отрицания",
    "Add order filter": "Добавление фильтра заказов",
    "Remove order filter": "Удаление фильтра заказов",
}

RUSSIAN: dict[str, str | tuple[str, str, str]] = {**_PLURALS, **_OPERATORS, **_LABELS, **_EDITOR}
