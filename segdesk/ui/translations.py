"""The Russian catalogue and the English plural forms for :func:`segdesk.ui.i18n.tr`.

Keys are the English strings exactly as written in ``tr("...")``. A value is the Russian text, or, for a string
with ``{count}``, a tuple of the three Russian plural forms (1 клиент, 2 клиента, 5 клиентов).
``tests/ui/test_i18n.py`` fails when a ``tr`` string has no entry here, when an entry is used by no ``tr``,
or when the placeholders of a translation differ from the English ones.
"""

from __future__ import annotations

from segdesk.ui import translations_charts as _charts
from segdesk.ui import translations_export as _export
from segdesk.ui import translations_project as _project
from segdesk.ui import translations_rfm as _rfm
from segdesk.ui import translations_rule_errors as _rule_errors
from segdesk.ui import translations_rules as _rules
from segdesk.ui import translations_segment_views as _segment_views
from segdesk.ui import translations_segments as _segments

#: English strings with ``{count}``: (singular, plural).
ENGLISH_PLURALS: dict[str, tuple[str, str]] = {
    "{count} customers": ("{count} customer", "{count} customers"),
    "Showing {shown} of {count} customers": ("Showing {shown} of {count} customer",
                                             "Showing {shown} of {count} customers"),
    "Preview of the first {count} rows.": ("Preview of the first {count} row.", "Preview of the first {count} rows."),
    "Quality (first {count} rows)": ("Quality (first {count} row)", "Quality (first {count} rows)"),
    "{count} order lines": ("{count} order line", "{count} order lines"),
    "{count} quality issues": ("{count} quality issue", "{count} quality issues"),
    "{count} rows": ("{count} row", "{count} rows"),
    "Showing the first {shown} of {count} rows.": ("Showing the first {shown} of {count} row.",
                                                   "Showing the first {shown} of {count} rows."),
    "Showing {count} rows.": ("Showing {count} row.", "Showing {count} rows."),
}

_HELP: dict[str, str] = {
    "<h2>segdesk help</h2>": "<h2>Справка segdesk</h2>",
    "<h3>Open a customer list</h3><p>Use <b>File → Open…</b> (Ctrl+O) or drop a file on the window. CSV, TSV, "
    "TXT, Excel (xlsx, xlsm, xls) and OpenDocument (ods) files are read; the file itself is never changed.</p>":
        "<h3>Открыть список клиентов</h3><p>Выберите <b>Файл → Открыть…</b> (Ctrl+O) или перетащите файл в окно. "
        "Читаются файлы CSV, TSV, TXT, Excel (xlsx, xlsm, xls) и OpenDocument (ods); сам файл никогда не "
        "изменяется.</p>",
    "<p>segdesk detects the encoding, the delimiter, decimal and thousands separators, the date order, the sheet "
    "and the header row. The import window shows each detected choice next to a preview of the first rows; "
    "change any of them and the preview follows. Every column gets a type and, where one fits, a role such as "
    "email, phone or birth date; both can be changed in the Columns tab.</p>":
        "<p>segdesk сам определяет кодировку, разделитель, десятичный разделитель и разделитель тысяч, порядок "
        "дня и месяца в датах, лист и строку заголовков. Окно импорта показывает каждое найденное значение рядом "
        "с предпросмотром первых строк; измените любое — предпросмотр обновится. Каждый столбец получает тип "
        "и, если подходит, роль: email, телефон, дата рождения и т. п.; и то и другое можно изменить на вкладке "
        "«Столбцы».</p>",
    "<h3>Import an order log</h3><p>Use <b>File → Import order log…</b>. Choose which columns hold the customer "
    "key, the order date and the amount (order id, product and category are optional). Orders are linked to "
    "customers by customer id, email or phone; with Match customers by on Auto, a line the key leaves unknown "
    "is tried by the log's other email or phone column; order lines of unknown customers are listed in the "
    "quality report.</p>":
        "<h3>Импорт журнала заказов</h3><p>Выберите <b>Файл → Импорт журнала заказов…</b>. Укажите, в каких "
        "столбцах ключ клиента, дата заказа и сумма (номер заказа, товар и категория — по желанию). Заказы "
        "связываются с клиентами по коду клиента, email или телефону; если «Связывать с клиентами по» стоит "
        "на «Авто», строку, которую ключ не связал, пробуют связать по другому столбцу email или телефона; строки заказов неизвестных клиентов "
        "попадают в отчёт о качестве.</p>",
    "<h3>Check the data</h3><p>The Data page shows the customers. Click a column header to sort, type in the "
    "quick search box (Ctrl+F) to find rows by any text column, a number (a customer number, an amount as the "
    "table shows it), a date as the table shows it, yes or no, or a phone typed any way; "
    "several words are each looked for anywhere in the row "
    "(\"ivan horvat\" finds Ivan Horvat with first and last name in two columns), and a word typed without "
    "diacritics finds the names written with them (\"simic\" finds Šimić). The quality report beside the table lists rows that were skipped, invalid and duplicate emails, phones that could not be normalised, and values that did "
    "not fit their column; click a finding to show all its rows in the table.</p>":
        "<h3>Проверка данных</h3><p>На странице «Данные» — таблица клиентов. Щёлкните заголовок столбца, чтобы "
        "отсортировать; введите текст в поле быстрого поиска (Ctrl+F), чтобы найти строки по любому текстовому "
        "столбцу, числу (номер клиента, сумма — как в таблице), дате — как в таблице, «да» или «нет» или телефону, записанному как угодно; несколько слов ищутся каждое в любом месте строки "
        "(«иван петров» найдёт Ивана Петрова, даже если имя и фамилия в разных столбцах), а слово, набранное "
        "латиницей без диакритики, находит имена с ней («simic» найдёт Šimić). Отчёт о качестве рядом с таблицей перечисляет пропущенные строки, неверные и повторяющиеся "
        "email, телефоны, которые не удалось привести к единому виду, и значения, не подходящие к типу столбца; "
        "щёлкните пункт, чтобы показать в таблице все его строки.</p>",
    "<h3>Merge duplicates</h3><p><b>Edit → Merge duplicates…</b> finds customers listed more than once with the "
    "same email or, failing that, the same phone, shows the groups, and keeps the first row of each group that "
    "has the email, filling its empty cells from the others (their filled cells, a second total spent for one, are "
    "not added up). Two different emails are never merged, even with one phone between them (a family, an "
    "office).</p>":
        "<h3>Объединение дублей</h3><p><b>Правка → Объединить дубли…</b> находит клиентов, записанных несколько "
        "раз с одним email или, если его нет, с одним телефоном, показывает группы и оставляет первую строку "
        "каждой группы, в которой есть этот email, заполняя её пустые ячейки из остальных (их заполненные "
        "ячейки, например вторая сумма покупок, не складываются). Два разных email никогда не объединяются, даже "
        "с общим телефоном (семья, офис).</p>",
    "<h3>RFM and lifecycle stages</h3><p>The RFM page (Ctrl+3) scores every customer with a purchase from 1 to 5 "
    "(or 3, 4) for recency, frequency (distinct orders, or purchase days without an order id) and monetary value "
    "(returns reduce it), from the order log or from the customer list's last purchase date, orders count and "
    "total spent. Everything is measured from the as-of date: by default the day after the latest order in the "
    "data. Equal values always get equal scores; the Score ranges tab says what each score means in days, orders "
    "and money.</p>":
        "<h3>RFM и этапы жизненного цикла</h3><p>Страница RFM (Ctrl+3) ставит каждому клиенту с покупками баллы "
        "от 1 до 5 (или до 3, 4) за давность, частоту (число разных заказов, а без номера заказа — дней с "
        "покупками) и сумму покупок (возвраты её уменьшают) — по журналу заказов или по столбцам списка "
        "клиентов: дата последней покупки, число заказов и сумма покупок. Всё считается от даты отсчёта: по "
        "умолчанию это следующий день после последнего заказа в данных. Равные значения всегда получают равные "
        "баллы; вкладка «Диапазоны баллов» показывает, что значит каждый балл в днях, заказах и деньгах.</p>",
    "<p>The grid names each R × F cell with a segment (champions, loyal, at risk…); click a cell or a row of the "
    "summary to see its customers on the Data page. <b>Use as segments</b> lists the RFM segments and lifecycle "
    "stages (new, active, lapsed, lost, prospect) as filters above the customer table. The Charts tab shows the "
    "distributions and the revenue by segment (Save as… PNG or SVG); the Map editor changes which cell belongs to "
    "which segment and warns about cells without a segment; Movement compares the segments at two as-of "
    "dates.</p>":
        "<p>Каждая клетка сетки R × F относится к сегменту (чемпионы, лояльные, в зоне риска…); щёлкните клетку "
        "или строку сводки, чтобы увидеть её клиентов на странице «Данные». Кнопка <b>Использовать как "
        "сегменты</b> добавляет RFM-сегменты и этапы жизненного цикла (новые, активные, уходящие, потерянные, "
        "потенциальные) как фильтры над таблицей клиентов. Вкладка «Графики» показывает распределения и выручку "
        "по сегментам («Сохранить как…» PNG или SVG); редактор карты меняет, какая клетка к какому сегменту "
        "относится, и предупреждает о клетках без сегмента; «Переходы» сравнивают сегменты на две даты "
        "отсчёта.</p>",
    "<p>Switch the interface language in <b>View → Language</b>. Numbers and dates are written the way "
    "your system writes them (1.234,50 and 03.04.1985 on a German or Croatian system), or the Russian way "
    "when the interface is in Russian.</p>":
        "<p>Язык интерфейса переключается в меню <b>Вид → Язык</b>. Числа и даты записываются так, как принято "
        "в системе (1.234,50 и 03.04.1985 в немецкой или хорватской), а при русском интерфейсе — по-русски.</p>",
}

_LABELS: dict[str, str] = {
    # column types
    "text": "текст", "number": "число", "integer": "целое", "date": "дата", "yes/no": "да/нет",
    "category": "категория",
    # roles
    "no role": "без роли", "customer id": "код клиента", "email": "email", "phone": "телефон",
    "first name": "имя", "last name": "фамилия", "full name": "ФИО", "city": "город", "country": "страна",
    "gender": "пол", "birth date": "дата рождения", "signup date": "дата регистрации",
    "last purchase date": "дата последней покупки", "total spent": "сумма покупок",
    "orders count": "число заказов", "email consent": "согласие на email", "SMS consent": "согласие на SMS",
    "tags": "метки", "company": "компания", "industry": "отрасль", "order id": "номер заказа",
    "order date": "дата заказа", "amount": "сумма", "product": "товар", "product category": "категория товара",
    # quality kinds
    "Rows not imported": "Строки, которые не импортированы",
    "Rows with a wrong number of cells": "Строки с неверным числом ячеек",
    "Short rows: the missing cells were left empty": "Короткие строки: недостающие ячейки оставлены пустыми",
    "Detection reads this file in another encoding": "Автоопределение читает этот файл в другой кодировке",
    "Totals row skipped": "Пропущена строка итогов",
    "Notes below the table skipped": "Пропущены примечания под таблицей",
    "Invalid emails": "Неверные email",
    "Duplicate emails": "Повторяющиеся email",
    "Phones that can't be normalised": "Телефоны, которые не удалось распознать",
    "Rows with no customer id, email or phone": "Строки без кода клиента, email и телефона",
    "Values that don't fit the column type": "Значения, не подходящие к типу столбца",
    "Dates where day and month can't be told apart": "Даты, где не различить день и месяц",
    "Numbers that read two ways (1,500: 1.5 or 1500)": "Числа, которые читаются двояко (1,500: 1,5 или 1500)",
    "Duplicate column names": "Повторяющиеся названия столбцов",
    "Characters that could not be decoded": "Символы, которые не удалось раскодировать",
    "NUL bytes removed": "Удалены нулевые байты",
    "File type differs from its extension": "Тип файла не совпадает с расширением",
    "Orders of unknown customers": "Заказы неизвестных клиентов",
    "The same amount on every line of an order": "Одна и та же сумма во всех строках заказа",
    "{title} — {column}": "{title} — {column}",
    # values
    "yes": "да", "no": "нет",
}

_IMPORT: dict[str, str] = {
    "Import order log": "Импорт журнала заказов",
    "Open customer list": "Открыть список клиентов",
    "No file chosen": "Файл не выбран",
    "Choose file…": "Выбрать файл…",
    "File:": "Файл:",
    "Import": "Импортировать",
    "Cancel": "Отмена",
    "Columns": "Столбцы",
    "Order fields": "Поля заказа",
    "Reading the preview…": "Читаю предпросмотр…",
    "Import cancelled. Nothing was imported.": "Импорт отменён. Ничего не импортировано.",
    "Importing…": "Импорт…",
    "Choose a file": "Выберите файл",
    "Tables ({patterns})": "Таблицы ({patterns})",
    "{title}: {number}": "{title}: {number}",
    "No problems found.": "Проблем не найдено.",
    "Choose: {fields}": "Выберите: {fields}",
    "Auto": "Авто",
    "Auto: {found}": "Авто: {found}",
    "semicolon ;": "точка с запятой ;",
    "comma ,": "запятая ,",
    "tab": "табуляция",
    "pipe |": "черта |",
    "spaces": "пробелы",
    "point .": "точка .",
    "none": "нет",
    "space": "пробел",
    "apostrophe '": "апостроф '",
    "day.month.year": "день.месяц.год",
    "month/day/year": "месяц/день/год",
    "year-month-day": "год-месяц-день",
    "The row of the file that holds the column names (title rows above it are skipped).":
        "Строка файла с названиями столбцов (строки заголовка над ней пропускаются).",
    "Sheet": "Лист",
    "Encoding": "Кодировка",
    "Delimiter": "Разделитель",
    "Decimal separator": "Десятичный разделитель",
    "Thousands separator": "Разделитель тысяч",
    "Header row": "Строка заголовков",
    "Date order": "Порядок в датах",
    "Column": "Столбец",
    "Type": "Тип",
    "Role": "Роль",
    "Notes": "Примечания",
    "Header in the file: {header}": "Заголовок в файле: {header}",
    "empty: {number}": "пустых: {number}",
    "unreadable: {number}": "нечитаемых: {number}",
    "day/month unclear": "день/месяц неясны",
    "Customer key": "Ключ клиента",
    "Order date": "Дата заказа",
    "Amount": "Сумма",
    "Order id (optional)": "Номер заказа (необязательно)",
    "Product (optional)": "Товар (необязательно)",
    "Product category (optional)": "Категория товара (необязательно)",
    "Which customer field the customer key is compared with.": "С каким полем клиента сравнивается ключ клиента.",
    "Match customers by": "Связывать с клиентами по",
    "Which columns hold the order data?": "В каких столбцах данные заказа?",
    "Error: {reason}": "Ошибка: {reason}",
    "The file is empty.": "Файл пуст.",
    "Phone region": "Регион телефонов",
    "{path} (order log)": "{path} (журнал заказов)",
    "The order log was closed: it belonged to the previous customer list. Import it again to link it to this one.": "Журнал заказов закрыт: он относился к прежнему списку клиентов. Импортируйте его снова, чтобы связать с этим списком.",
    "Phone numbers written without a country code are read as numbers of this region.": "Телефоны без кода страны считаются номерами этого региона.",
    "The file has no data: it is empty or holds only blank lines.": "В файле нет данных: он пуст или содержит только пустые строки.",
    "The file has a header but no data rows.": "В файле есть заголовок, но нет строк с данными.",
    "This is not a table: the file holds binary data, not text or a workbook.": "Это не таблица: в файле двоичные данные, а не текст или книга Excel.",
    "The file “{name}” does not exist (moved or deleted?).": "Файл «{name}» не найден (перемещён или удалён?).",
    "“{name}” is a folder, not a file.": "«{name}» — это папка, а не файл.",
    "The file “{name}” is locked or not readable; close it in other programs.": "Файл «{name}» заблокирован или недоступен для чтения; закройте его в других программах.",
    "Could not read “{name}”: {reason}": "Не удалось прочитать «{name}»: {reason}",
    "Row {row} is past the end of the file.": "Строка {row} находится за концом файла.",
    "The file is not valid {encoding} text (byte {offset}); choose another encoding.": "Файл не является текстом в кодировке {encoding} (байт {offset}); выберите другую кодировку.",
    "Unknown encoding “{encoding}”.": "Неизвестная кодировка «{encoding}».",
    "The file could not be read as delimited text: {reason}": "Не удалось прочитать файл как текст с разделителями: {reason}",
    "The workbook is password-protected; save a copy without a password and open that.": "Книга защищена паролем; сохраните копию без пароля и откройте её.",
    "The workbook is damaged or incomplete and cannot be read; open it in Excel and save it again.": "Книга повреждена или неполная и не читается; откройте её в Excel и сохраните заново.",
    "The workbook has no sheets.": "В книге нет листов.",
    "The sheet “{sheet}” is empty.": "Лист «{sheet}» пуст.",
    "All {rows} rows below row {header} have another number of cells: is row {header} the header? Choose the row with the column names.":
        "У всех {rows} строк под строкой {header} другое число ячеек: точно ли строка {header} — заголовок? Выберите строку с названиями столбцов.",
    "Row {row} is empty, so it can't be the header: choose the row with the column names.":
        "Строка {row} пуста и не может быть заголовком: выберите строку с названиями столбцов.",
    "The sheet “{sheet}” has a header but no data rows; choose another sheet.":
        "На листе «{sheet}» есть заголовок, но нет строк с данными; выберите другой лист.",
    "The workbook has no sheet named “{sheet}” (sheets: {sheets}).": "В книге нет листа «{sheet}» (листы: {sheets}).",
    "The order log has no column “{column}” any more; choose the columns again.": "В журнале заказов больше нет столбца «{column}»; выберите столбцы заново.",
    "The column “{column}” does not hold {expected}; choose another column.": "Столбец «{column}» не содержит значений типа {expected}; выберите другой столбец.",
    "The customer list has no {role} column to link orders by.": "В списке клиентов нет столбца «{role}» для связи с заказами.",
    "The column “{column}” has no usable customer keys.": "В столбце «{column}» нет пригодных ключей клиентов.",
    "The order log has no recognisable customer, date and amount columns.": "В журнале заказов не найдены столбцы клиента, даты и суммы.",
    "The file could not be read.": "Не удалось прочитать файл.",
    "The file could not be read: {reason}": "Не удалось прочитать файл: {reason}",
    "Not enough memory for this file.": "Недостаточно памяти для этого файла.",
    "Unexpected error ({kind}): {reason}": "Непредвиденная ошибка ({kind}): {reason}",
}

_MAIN: dict[str, str] = {
    "&File": "&Файл",
    "&Edit": "&Правка",
    "&View": "&Вид",
    "&Language": "&Язык",
    "&Help": "&Справка",
    "Main toolbar": "Основная панель",
    "&Open…": "&Открыть…",
    "Open a customer list": "Открыть список клиентов",
    "Import an order log": "Импортировать журнал заказов",
    "Import &order log…": "Импорт &журнала заказов…",
    "Import an order log and link it to the customers": "Импортировать журнал заказов и связать его с клиентами",
    "&Quit": "В&ыход",
    "&Find": "&Найти",
    "Search the customer table": "Поиск в таблице клиентов",
    "&Merge duplicates…": "&Объединить дубли…",
    "Merge customers listed more than once": "Объединить клиентов, записанных несколько раз",
    "&Data": "&Данные",
    "&About segdesk": "&О программе segdesk",
    "segdesk &help": "&Справка segdesk",
    "&Recent files": "&Недавние файлы",
    "No recent files": "Нет недавних файлов",
    "Clear the list": "Очистить список",
    "Opening the demo data…": "Открываю демонстрационные данные…",
    "Opening the demo data… {percent}%": "Открываю демонстрационные данные… {percent}%",
    "Order lines linked: {linked}; of unknown customers: {unknown} (see the quality report).":
        "Связано строк заказов: {linked}; неизвестных клиентов: {unknown} (см. отчёт о качестве).",
    "Data": "Данные",
    "Segments": "Сегменты",
    "RFM": "RFM",
    "Charts": "Графики",
    "Export": "Выгрузка",
    "Coming in a later version": "Появится в следующей версии",
    "About segdesk": "О программе segdesk",
    "<b>segdesk {version}</b>": "<b>segdesk {version}</b>",
    "segdesk help": "Справка segdesk",
    "Merge duplicates": "Объединение дублей",
    "Looking for duplicates…": "Ищу дубли…",
    "Merge": "Объединить",
    "Close": "Закрыть",
    "Merging…": "Объединяю…",
    "No duplicates found: every valid email and phone appears once.":
        "Дублей нет: каждый верный email и телефон встречается один раз.",
    "Groups of duplicates: {groups} (by email: {email}, by phone: {phone}). Rows to be merged away: {rows}.":
        "Групп дублей: {groups} (по email: {email}, по телефону: {phone}). Строк будет убрано: {rows}.",
    "Merging keeps the first row of each group and fills its empty cells from the others; their filled cells are "
    "not added up (a second total spent is dropped). Different emails are never merged, even with one phone.":
        "Объединение оставляет первую строку каждой группы и заполняет её пустые ячейки из остальных; их "
        "заполненные ячейки не складываются (вторая сумма покупок отбрасывается). Разные email никогда не "
        "объединяются, даже с общим телефоном.",
    "Rows {rows}: {value} (same {key})": "Строки {rows}: {value} (общий {key})",
}

_DATA: dict[str, str] = {
    "Quick search: names, emails, phones, numbers…": "Быстрый поиск: имена, email, телефоны, числа…",
    "Open a customer list with File → Open… or drop a file on the window.":
        "Откройте список клиентов через Файл → Открыть… или перетащите файл в окно.",
    "Data quality": "Качество данных",
    "Show all rows": "Показать все строки",
    "Order log: ": "Журнал заказов: ",
    "Rows in the file: {rows}": "Строки в файле: {rows}",
    "Rows in the order log (not in this table): {rows}": "Строки журнала заказов (их нет в этой таблице): {rows}",
    "Rows in the file, not imported: {rows}": "Строки файла, которые не импортированы: {rows}",
    "These rows are not in the customer table.": "Этих строк нет в таблице клиентов.",
    "Click to show these rows.": "Щёлкните, чтобы показать эти строки.",
    "{type} · {role}": "{type} · {role}",
    "Column: {name}": "Столбец: {name}",
    "Click to sort": "Щёлкните, чтобы отсортировать",
    "Row number in the file": "Номер строки в файле",
    "Type: {type}": "Тип: {type}",
    "Role: {role}": "Роль: {role}",
    "Empty cells: {number}": "Пустых ячеек: {number}",
    "Sorting…": "Сортировка…",
}

_PLURALS: dict[str, tuple[str, str, str]] = {
    "{count} customers": ("{count} клиент", "{count} клиента", "{count} клиентов"),
    "Showing {shown} of {count} customers": ("Показано {shown} из {count} клиента",
                                             "Показано {shown} из {count} клиентов",
                                             "Показано {shown} из {count} клиентов"),
    "Preview of the first {count} rows.": ("Предпросмотр: первая {count} строка.",
                                           "Предпросмотр: первые {count} строки.",
                                           "Предпросмотр: первые {count} строк."),
    "Quality (first {count} rows)": ("Качество (первая {count} строка)", "Качество (первые {count} строки)",
                                     "Качество (первые {count} строк)"),
    "{count} order lines": ("{count} строка заказов", "{count} строки заказов", "{count} строк заказов"),
    "{count} quality issues": ("{count} проблема качества", "{count} проблемы качества",
                               "{count} проблем качества"),
    "{count} rows": ("{count} строка", "{count} строки", "{count} строк"),
    "Showing the first {shown} of {count} rows.": ("Показаны первые {shown} из {count} строки.",
                                                   "Показаны первые {shown} из {count} строк.",
                                                   "Показаны первые {shown} из {count} строк."),
    "Showing {count} rows.": ("Показана {count} строка.", "Показаны {count} строки.", "Показано {count} строк."),
}

RUSSIAN: dict[str, str | tuple[str, str, str]] = {**_HELP, **_LABELS, **_IMPORT, **_MAIN, **_DATA, **_PLURALS,
                                                   **_rfm.RUSSIAN, **_charts.RUSSIAN}
ENGLISH_PLURALS.update(_rfm.ENGLISH_PLURALS)
ENGLISH_PLURALS.update(_charts.ENGLISH_PLURALS)
RUSSIAN.update(_rules.RUSSIAN)
ENGLISH_PLURALS.update(_rules.ENGLISH_PLURALS)
RUSSIAN.update(_segment_views.RUSSIAN)
ENGLISH_PLURALS.update(_segment_views.ENGLISH_PLURALS)
RUSSIAN.update(_rule_errors.RUSSIAN)
ENGLISH_PLURALS.update(_rule_errors.ENGLISH_PLURALS)
RUSSIAN.update(_segments.RUSSIAN)
ENGLISH_PLURALS.update(_segments.ENGLISH_PLURALS)
RUSSIAN.update(_export.RUSSIAN)
ENGLISH_PLURALS.update(_export.ENGLISH_PLURALS)
RUSSIAN.update(_project.RUSSIAN)
ENGLISH_PLURALS.update(_project.ENGLISH_PLURALS)
