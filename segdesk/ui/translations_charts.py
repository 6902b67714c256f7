"""Russian strings of the RFM charts, map editor and movement view (merged into `translations`)."""

from __future__ import annotations

#: English strings with ``{count}``: (singular, plural).
ENGLISH_PLURALS: dict[str, tuple[str, str]] = {
    "{count} customers with a purchase": ("{count} customer with a purchase", "{count} customers with a purchase"),
    "The last bar gathers the {count} customers with {value} or more.": (
        "The last bar holds the {count} customer with {value} or more.",
        "The last bar gathers the {count} customers with {value} or more."),
    "The first bar gathers the {count} customers below {value}.": (
        "The first bar holds the {count} customer below {value}.",
        "The first bar gathers the {count} customers below {value}."),
    "{count} segments can never get customers with {bins} scores per dimension: {segments}.": (
        "{count} segment can never get customers with {bins} scores per dimension: {segments}.",
        "{count} segments can never get customers with {bins} scores per dimension: {segments}."),
    "{count} grid cells have no segment: {cells}. Their customers are not in any segment.": (
        "{count} grid cell has no segment: {cells}. Its customers are not in any segment.",
        "{count} grid cells have no segment: {cells}. Their customers are not in any segment."),
    "{count} codes have no segment: {cells}. Their customers are not in any segment.": (
        "{count} code has no segment: {cells}. Its customers are not in any segment.",
        "{count} codes have no segment: {cells}. Their customers are not in any segment."),
    "{count} grid cells are claimed by more than one segment: {cells}. The segment higher in the list wins.": (
        "{count} grid cell is claimed by more than one segment: {cells}. The segment higher in the list wins.",
        "{count} grid cells are claimed by more than one segment: {cells}. The segment higher in the list wins."),
    "{count} codes are claimed by more than one segment: {cells}. The segment higher in the list wins.": (
        "{count} code is claimed by more than one segment: {cells}. The segment higher in the list wins.",
        "{count} codes are claimed by more than one segment: {cells}. The segment higher in the list wins."),
    "{count} customers were “{a}” on {date_a} and “{b}” on {date_b}.": (
        "{count} customer was “{a}” on {date_a} and “{b}” on {date_b}.",
        "{count} customers were “{a}” on {date_a} and “{b}” on {date_b}."),
    "Rows: segment on {date_a}. Columns: segment on {date_b}. Bold on the diagonal: {stayed} of {count} customers "
    "stayed in their segment.": (
        "Rows: segment on {date_a}. Columns: segment on {date_b}. Bold on the diagonal: {stayed} of {count} customer "
        "stayed in their segment.",
        "Rows: segment on {date_a}. Columns: segment on {date_b}. Bold on the diagonal: {stayed} of {count} "
        "customers stayed in their segment."),
}

_CHARTS: dict[str, str | tuple[str, str, str]] = {
    "Save as…": "Сохранить как…",
    "Save this chart as a PNG or SVG picture": "Сохранить диаграмму картинкой PNG или SVG",
    "Export as PNG…": "Сохранить как PNG…",
    "Export as SVG…": "Сохранить как SVG…",
    "PNG image (*.png)": "Изображение PNG (*.png)",
    "SVG drawing (*.svg)": "Рисунок SVG (*.svg)",
    "Export chart": "Сохранить диаграмму",
    "Saved {name}": "Сохранено: {name}",
    "the picture could not be encoded": "не удалось закодировать изображение",
    "{value}%": "{value} %",
    "{value}+": "{value}+",
    "below {value}": "меньше {value}",
    "RFM charts": "Диаграммы RFM",
    "Customers": "Клиенты",
    "Revenue": "Выручка",
    "Recency": "Давность",
    "Frequency": "Частота",
    "Monetary": "Сумма покупок",
    "Revenue by segment": "Выручка по сегментам",
    "Share of all revenue": "Доля всей выручки",
    "Days since the last purchase": "Дней с последней покупки",
    "Orders": "Заказы",
    "Money spent": "Сумма всех покупок",
    "No customers with a purchase.": "Нет клиентов с покупками.",
    "All revenue: {amount}": "Вся выручка: {amount}",
    "{count} customers with a purchase": ("{count} клиент с покупками", "{count} клиента с покупками",
                                          "{count} клиентов с покупками"),
    "The last bar gathers the {count} customers with {value} or more.": (
        "В последнем столбце — {count} клиент со значением {value} и больше.",
        "В последнем столбце — {count} клиента со значением {value} и больше.",
        "В последнем столбце — {count} клиентов со значением {value} и больше."),
    "The first bar gathers the {count} customers below {value}.": (
        "В первом столбце — {count} клиент со значением меньше {value}.",
        "В первом столбце — {count} клиента со значением меньше {value}.",
        "В первом столбце — {count} клиентов со значением меньше {value}."),
}

_MAP_EDITOR: dict[str, str | tuple[str, str, str]] = {
    "RFM map": "Карта RFM",
    "Map: {name}": "Карта: {name}",
    "Name in English": "Название по-английски",
    "Name in Russian": "Название по-русски",
    "Codes (R F)": "Коды (R F)",
    "Codes (R F M)": "Коды (R F M)",
    "Patterns like 5[4-5] or [1-2][3-4], one digit or [range] per score, separated by spaces or commas.":
        "Шаблоны вида 5[4-5] или [1-2][3-4]: одна цифра или [диапазон] на каждый балл, через пробел или запятую.",
    "{code}: no segment": "{code}: нет сегмента",
    "{code}: claimed by {segments}; the first one wins": "{code}: входит в сегменты {segments}; выигрывает первый",
    "Grid at monetary score M": "Сетка при балле суммы M",
    "Start from": "Взять за основу",
    "Replace the map with a built-in one (undo brings yours back)":
        "Заменить карту встроенной (отмена вернёт вашу)",
    "Add segment": "Добавить сегмент",
    "Remove segment": "Удалить сегмент",
    "Move up": "Выше",
    "Move down": "Ниже",
    "Where two segments claim a cell, the one higher in the list wins":
        "Если клетка входит в два сегмента, выигрывает тот, что выше в списке",
    "Undo": "Отменить",
    "Redo": "Повторить",
    "Which segment each cell gets": "Какой сегмент у каждой клетки",
    "Segment {number}": "Сегмент {number}",
    "“{segment}”: {problem}": "«{segment}»: {problem}",
    "“{segment}”": "«{segment}»",
    "The map is not used until this is fixed; the last correct one stays in use.":
        "Пока это не исправлено, карта не применяется; действует последняя правильная.",
    "Every cell of the grid has exactly one segment.": "У каждой клетки сетки ровно один сегмент.",
    "Every code has exactly one segment.": "У каждого кода ровно один сегмент.",
    "{count} segments can never get customers with {bins} scores per dimension: {segments}.": (
        "{count} сегмент никогда не получит клиентов при {bins} баллах на измерение: {segments}.",
        "{count} сегмента никогда не получат клиентов при {bins} баллах на измерение: {segments}.",
        "{count} сегментов никогда не получат клиентов при {bins} баллах на измерение: {segments}."),
    "{count} grid cells have no segment: {cells}. Their customers are not in any segment.": (
        "{count} клетка сетки без сегмента: {cells}. Её клиенты не попадают ни в один сегмент.",
        "{count} клетки сетки без сегмента: {cells}. Их клиенты не попадают ни в один сегмент.",
        "{count} клеток сетки без сегмента: {cells}. Их клиенты не попадают ни в один сегмент."),
    "{count} codes have no segment: {cells}. Their customers are not in any segment.": (
        "{count} код без сегмента: {cells}. Его клиенты не попадают ни в один сегмент.",
        "{count} кода без сегмента: {cells}. Их клиенты не попадают ни в один сегмент.",
        "{count} кодов без сегмента: {cells}. Их клиенты не попадают ни в один сегмент."),
    "{count} grid cells are claimed by more than one segment: {cells}. The segment higher in the list wins.": (
        "{count} клетка сетки входит в несколько сегментов: {cells}. Выигрывает сегмент, стоящий выше в списке.",
        "{count} клетки сетки входят в несколько сегментов: {cells}. Выигрывает сегмент, стоящий выше в списке.",
        "{count} клеток сетки входят в несколько сегментов: {cells}. Выигрывает сегмент, стоящий выше в списке."),
    "{count} codes are claimed by more than one segment: {cells}. The segment higher in the list wins.": (
        "{count} код входит в несколько сегментов: {cells}. Выигрывает сегмент, стоящий выше в списке.",
        "{count} кода входят в несколько сегментов: {cells}. Выигрывает сегмент, стоящий выше в списке.",
        "{count} кодов входят в несколько сегментов: {cells}. Выигрывает сегмент, стоящий выше в списке."),
}

_MOVEMENT: dict[str, str | tuple[str, str, str]] = {
    "Segment movement": "Переходы между сегментами",
    "Segments on": "Сегменты на",
    "compared with": "в сравнении с",
    "What the customers of each cell spent after date A, up to date B":
        "Сколько потратили клиенты каждой клетки после даты A и до даты B",
    "Computing…": "Вычисляется…",
    "Total": "Итого",
    "No purchase yet": "Ещё без покупок",
    "Segment on {date}": "Сегмент на {date}",
    "Open an order log to see how customers move between segments.":
        "Откройте журнал заказов, чтобы увидеть, как клиенты переходят между сегментами.",
    "Customers who were “{a}” on {date_a} and “{b}” on {date_b} spent {amount} in between.":
        "Клиенты из сегмента «{a}» на {date_a} и «{b}» на {date_b} потратили за это время {amount}.",
    "{count} customers were “{a}” on {date_a} and “{b}” on {date_b}.": (
        "{count} клиент был в сегменте «{a}» на {date_a} и в сегменте «{b}» на {date_b}.",
        "{count} клиента были в сегменте «{a}» на {date_a} и в сегменте «{b}» на {date_b}.",
        "{count} клиентов были в сегменте «{a}» на {date_a} и в сегменте «{b}» на {date_b}."),
    "Rows: segment on {date_a}. Columns: segment on {date_b}. Cells: what those customers spent in between. Bold "
    "on the diagonal: customers who stayed.":
        "Строки — сегмент на {date_a}, столбцы — сегмент на {date_b}. В клетках — сколько эти клиенты потратили "
        "за это время. Жирным по диагонали — клиенты, оставшиеся в своём сегменте.",
    "Rows: segment on {date_a}. Columns: segment on {date_b}. Bold on the diagonal: {stayed} of {count} customers "
    "stayed in their segment.": (
        "Строки — сегмент на {date_a}, столбцы — сегмент на {date_b}. Жирным по диагонали: {stayed} из {count} "
        "клиента остались в своём сегменте.",
        "Строки — сегмент на {date_a}, столбцы — сегмент на {date_b}. Жирным по диагонали: {stayed} из {count} "
        "клиентов остались в своём сегменте.",
        "Строки — сегмент на {date_a}, столбцы — сегмент на {date_b}. Жирным по диагонали: {stayed} из {count} "
        "клиентов остались в своём сегменте."),
}

_ERRORS: dict[str, str | tuple[str, str, str]] = {
    "Segment {number} of the RFM map needs an English name.":
        "Сегменту {number} карты RFM нужно название по-английски.",
    "A chart is saved as PNG or SVG, not as “{name}”.": "Диаграмма сохраняется в PNG или SVG, а не как «{name}».",
    "The chart has no size yet; show it on screen, then export it.":
        "У диаграммы ещё нет размера: покажите её на экране, затем сохраните.",
    "Could not write “{name}”: {reason}": "Не удалось записать «{name}»: {reason}",
    "The folder “{name}” does not exist.": "Папка «{name}» не существует.",
}

RUSSIAN: dict[str, str | tuple[str, str, str]] = {**_CHARTS, **_MAP_EDITOR, **_MOVEMENT, **_ERRORS}
