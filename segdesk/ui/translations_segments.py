"""Russian strings of the Segments page: the list, its buttons and quick starts, the settings bar, undo steps,
rule problems and the help section (merged into `translations`)."""

from __future__ import annotations

#: English strings with ``{count}``: (singular, plural).
ENGLISH_PLURALS: dict[str, tuple[str, str]] = {
    "Its rule matches {count} customers (before priority).": (
        "Its rule matches {count} customer (before priority).",
        "Its rule matches {count} customers (before priority)."),
    "{count} of them are held out as the control group.": (
        "{count} of them is held out as the control group.",
        "{count} of them are held out as the control group."),
}

_PLURALS: dict[str, tuple[str, str, str]] = {
    "Its rule matches {count} customers (before priority).": (
        "Правилу соответствует {count} клиент (без учёта приоритета).",
        "Правилу соответствуют {count} клиента (без учёта приоритета).",
        "Правилу соответствуют {count} клиентов (без учёта приоритета)."),
    "{count} of them are held out as the control group.": (
        "{count} из них — в контрольной группе.",
        "{count} из них — в контрольной группе.",
        "{count} из них — в контрольной группе."),
}

_LIST: dict[str, str] = {
    "Segment": "Сегмент",
    "Tick to use the segment; drag to change its priority":
        "Флажок — сегмент используется; перетащите строку, чтобы изменить приоритет",
    "Customers in this segment: those its rule matches that no segment above it has taken":
        "Клиенты сегмента: те, кто подходит под его правило и не попал в сегменты выше по списку",
    "Revenue of the segment's customers": "Выручка клиентов сегмента",
    "Too small to act on: under {minimum} customers or 1% of the base.":
        "Слишком мал для рассылки: меньше {minimum} клиентов или 1 % базы.",
    "Customers no enabled segment matches: they are on no mailing list.":
        "Клиенты, не попавшие ни в один включённый сегмент: их нет ни в одном списке рассылки.",
    "Add a segment at the end of the list": "Добавить сегмент в конец списка",
    "Quick starts": "Быстрый старт",
    "Add ready-made segments: RFM, lifecycle stages, birthdays, categories":
        "Добавить готовые сегменты: RFM, этапы жизненного цикла, дни рождения, категории",
    "Duplicate": "Копировать",
    "Add a copy of the segment below it": "Добавить копию сегмента под ним",
    "Rename": "Переименовать",
    "Rename the segment (F2)": "Переименовать сегмент (F2)",
    "Delete": "Удалить",
    "Delete the segment (Edit → Undo brings it back)": "Удалить сегмент (Правка → Отменить вернёт его)",
    "Up": "Выше",
    "Give the segment a higher priority": "Повысить приоритет сегмента",
    "Down": "Ниже",
    "Give the segment a lower priority": "Понизить приоритет сегмента",
    "Colour…": "Цвет…",
    "Choose the segment's colour": "Выбрать цвет сегмента",
    "Show customers": "Показать клиентов",
    "Show the segment's customers on the Data page (or double-click the segment)":
        "Показать клиентов сегмента на странице «Данные» (или дважды щёлкните сегмент)",
    "New segment": "Новый сегмент",
    "Choose a segment in the list to edit its rule, or add one.":
        "Выберите сегмент в списке, чтобы изменить его правило, или добавьте новый.",
    "Open a customer list (File → Open…) to build segments.":
        "Откройте список клиентов (Файл → Открыть…), чтобы строить сегменты.",
    "Overlap": "Пересечения",
    "Sizes and revenue": "Размеры и выручка",
    "In segments: {assigned} of {total} customers ({share}); everyone else: {rest}.":
        "В сегментах: {assigned} из {total} клиентов ({share}); все остальные: {rest}.",
    "Control group: {held} held out.": "В контрольной группе: {held}.",
}

_QUICK_STARTS: dict[str, str] = {
    "Add RFM segments": "Добавить RFM-сегменты",
    "Add lifecycle stages": "Добавить этапы жизненного цикла",
    "Birthday in the next 14 days": "День рождения в ближайшие 14 дней",
    "Bought a category in the last 90 days": "Покупали категорию за последние 90 дней",
    "High spenders not seen for 6 months": "Крупные клиенты, не покупавшие 6 месяцев",
    "Needs purchases: an order log or a last purchase date column.":
        "Нужны покупки: журнал заказов или столбец даты последней покупки.",
    "Needs a birth date column.": "Нужен столбец с датой рождения.",
    "Needs an order log with a category column.": "Нужен журнал заказов со столбцом категории.",
}

_SETTINGS: dict[str, str] = {
    "&Segments": "&Сегменты",
    "Relative dates in rules (\"in the last 30 days\") count back from this day.":
        "Относительные даты в правилах («за последние 30 дней») отсчитываются назад от этого дня.",
    " %": " %",
    "This share of every segment is held out of its mailing list, so the campaign's effect can be measured "
    "against it later.":
        "Эта доля каждого сегмента не попадает в список рассылки, чтобы потом сравнить с ней результат "
        "кампании.",
    "Who is held out depends only on the customer and this number: the same seed holds out the same customers "
    "next month.":
        "Кто попадёт в контрольную группу, зависит только от клиента и этого числа: с тем же числом в следующем "
        "месяце отложены будут те же клиенты.",
    "Control group:": "Контрольная группа:",
    "seed": "зерно",
}

_STEPS: dict[str, str] = {
    "Rename segment": "Переименование сегмента",
    "copy": "копия",
    "Duplicate segment": "Копирование сегмента",
    "Delete segment": "Удаление сегмента",
    "Move segment": "Перемещение сегмента",
    "Change segment colour": "Смена цвета сегмента",
    "Enable segment": "Включение сегмента",
    "Disable segment": "Отключение сегмента",
    "Change control group share": "Изменение доли контрольной группы",
    "Change control group seed": "Изменение зерна контрольной группы",
}

_PROBLEMS: dict[str, str] = {
    "the rule": "правило",
    "condition {number}": "условие {number}",
    "Segment “{name}”, {where}: {problem}": "Сегмент «{name}», {where}: {problem}",
}

_WHY: dict[str, str] = {
    "everyone (the rule has no conditions yet)": "все клиенты (в правиле пока нет условий)",
    "all of these": "все эти условия",
    "not all of these": "не все эти условия",
    "at least one of these": "хотя бы одно из этих условий",
    "none of these": "ни одно из этих условий",
    "The rule cannot be checked: see the problems in the rule editor.":
        "Правило нельзя проверить: см. ошибки в редакторе правила.",
}

_HELP: dict[str, str] = {
    "<h3>Segments</h3><p>The Segments page (Ctrl+2) holds an ordered list of segments, each with a rule: nested "
    "groups of conditions (all of / any of, negatable) on the customer columns, the RFM and lifecycle fields and "
    "the order log (\"bought category X in the last 90 days\"). The count of customers, their share and revenue "
    "follow every edit. Order is priority: each customer belongs to the first enabled segment it matches, so each "
    "is on one mailing list; drag a segment (or use Up and Down) to change its priority. Everyone else is counted "
    "on the last row.</p>":
        "<h3>Сегменты</h3><p>На странице «Сегменты» (Ctrl+2) — упорядоченный список сегментов, у каждого своё "
        "правило: вложенные группы условий («все условия» / «любое из», с отрицанием) по столбцам списка "
        "клиентов, полям RFM и жизненного цикла и журналу заказов («покупали категорию X за последние 90 "
        "дней»). Число клиентов, их доля и выручка пересчитываются после каждой правки. Порядок — это "
        "приоритет: клиент попадает в первый включённый сегмент, под который подходит, поэтому он окажется "
        "только в одном списке рассылки; перетащите сегмент (или нажмите «Выше» и «Ниже»), чтобы изменить "
        "приоритет. Все остальные клиенты подсчитаны в последней строке.</p>",
    "<p><b>Quick starts</b> add RFM segments, lifecycle stages, birthdays in the next 14 days, buyers of a "
    "category and high spenders who stopped buying. A warning sign marks a segment too small to act on (under "
    "100 customers or 1% of the base). The control group holds the same share of every segment out of its "
    "mailing, chosen by the customer and the seed, so next month's file holds out the same customers. Relative "
    "dates count back from the as-of date. Double-click a segment to see its customers on the Data page; "
    "<b>Why?</b> explains, condition by condition, why one customer is in a segment or not. Every edit can be "
    "undone: <b>Edit → Undo</b> (Ctrl+Z) and <b>Redo</b> (Ctrl+Shift+Z or Ctrl+Y).</p>":
        "<p><b>Быстрый старт</b> добавляет RFM-сегменты, этапы жизненного цикла, дни рождения в ближайшие "
        "14 дней, покупателей категории и крупных клиентов, переставших покупать. Знак предупреждения "
        "отмечает сегмент, слишком малый для рассылки (меньше 100 клиентов или 1 % базы). Контрольная группа "
        "откладывает одну и ту же долю каждого сегмента; кто в неё попадёт, зависит от клиента и зерна, "
        "поэтому в файле следующего месяца отложены будут те же клиенты. Относительные даты отсчитываются "
        "от даты отсчёта. Дважды щёлкните сегмент, чтобы увидеть его клиентов на странице «Данные»; "
        "<b>Почему?</b> показывает по условиям, почему клиент входит в сегмент или нет. Любую правку можно "
        "отменить: <b>Правка → Отменить</b> (Ctrl+Z) и <b>Повторить</b> (Ctrl+Shift+Z или Ctrl+Y).</p>",
    "Undo {step}": "Отменить «{step}»",
    "Redo {step}": "Повторить «{step}»",
}

RUSSIAN: dict[str, str | tuple[str, str, str]] = {**_PLURALS, **_LIST, **_QUICK_STARTS, **_SETTINGS, **_STEPS,
                                                  **_PROBLEMS, **_WHY, **_HELP}
