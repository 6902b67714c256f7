"""Russian strings of the Segments page's overlap matrix, size charts and "Why?" panel (merged into
`translations`)."""

from __future__ import annotations

#: English strings with ``{count}``: (singular, plural).
ENGLISH_PLURALS: dict[str, tuple[str, str]] = {
    "{count} customers are in both “{a}” and “{b}”: {share_a} of {a}, {share_b} of {b}.": (
        "{count} customer is in both “{a}” and “{b}”: {share_a} of {a}, {share_b} of {b}.",
        "{count} customers are in both “{a}” and “{b}”: {share_a} of {a}, {share_b} of {b}."),
    "{count} customers match the rule of “{name}”, before priority.": (
        "{count} customer matches the rule of “{name}”, before priority.",
        "{count} customers match the rule of “{name}”, before priority."),
}

_PLURALS: dict[str, tuple[str, str, str]] = {
    "{count} customers are in both “{a}” and “{b}”: {share_a} of {a}, {share_b} of {b}.": (
        "{count} клиент входит и в «{a}», и в «{b}»: {share_a} сегмента «{a}», {share_b} сегмента «{b}».",
        "{count} клиента входят и в «{a}», и в «{b}»: {share_a} сегмента «{a}», {share_b} сегмента «{b}».",
        "{count} клиентов входят и в «{a}», и в «{b}»: {share_a} сегмента «{a}», {share_b} сегмента «{b}»."),
    "{count} customers match the rule of “{name}”, before priority.": (
        "{count} клиент соответствует правилу «{name}» (без учёта приоритета).",
        "{count} клиента соответствуют правилу «{name}» (без учёта приоритета).",
        "{count} клиентов соответствуют правилу «{name}» (без учёта приоритета)."),
}

_OVERLAP: dict[str, str] = {
    "Segment overlap": "Пересечение сегментов",
    "Add at least two segments to see how they overlap.":
        "Добавьте хотя бы два сегмента, чтобы увидеть, как они пересекаются.",
    "No customer is in both “{a}” and “{b}”.": "Ни один клиент не входит одновременно в «{a}» и «{b}».",
    "Each cell: customers in both segments, and their share of the row's segment. "
    "Diagonal: customers matching each rule, before priority.":
        "В ячейке: клиенты, входящие в оба сегмента, и их доля от сегмента строки. "
        "По диагонали: клиенты, подходящие под правило сегмента, без учёта приоритета.",
}

_CHART: dict[str, str] = {
    "Segment sizes": "Размеры сегментов",
    "Customers by segment": "Клиенты по сегментам",
    "Everyone else": "Все остальные",
    "Customers: {number} ({share} of all customers)": "Клиентов: {number} ({share} от всех клиентов)",
    "Revenue: {amount} ({share} of all revenue)": "Выручка: {amount} ({share} от всей выручки)",
}

_WHY: dict[str, str] = {
    "Why?": "Почему?",
    "Customer:": "Клиент:",
    "Type part of a name, email or ID…": "Введите часть имени, email или ID…",
    "No customer matches “{typed}”.": "Нет клиентов, подходящих под «{typed}».",
    "Pick a customer to see why they are in a segment or not.":
        "Выберите клиента, чтобы увидеть, почему он входит или не входит в сегмент.",
    "Customer {customer} — in segment “{segment}”": "Клиент {customer} — в сегменте «{segment}»",
    "Customer {customer} — everyone else": "Клиент {customer} — среди всех остальных",
    "Meets the rule of “{segment}”:": "Подходит под правило «{segment}»:",
    "Does not meet the rule of “{segment}”:": "Не подходит под правило «{segment}»:",
    "Meets the rule of “{segment}”, but “{assigned}” is higher in the list and takes the customer first:":
        "Подходит под правило «{segment}», но сегмент «{assigned}» выше в списке и забирает клиента первым:",
    "The rule of “{segment}” cannot be checked: a field it needs is empty for this customer.":
        "Правило «{segment}» нельзя проверить: у клиента не заполнено нужное поле.",
    "The conditions of “{segment}”:": "Условия сегмента «{segment}»:",
    "met": "выполнено",
    "not met": "не выполнено",
    "empty field": "не заполнено",
    "This customer's field is empty, so the condition can be neither met nor failed.":
        "У этого клиента поле не заполнено, поэтому условие нельзя ни выполнить, ни нарушить.",
}

RUSSIAN: dict[str, str | tuple[str, str, str]] = {**_PLURALS, **_OVERLAP, **_CHART, **_WHY}
