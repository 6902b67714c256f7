"""Russian strings of the Export page: its choices, columns, preview and export bar, the presets' descriptions,
the export errors and the help section (merged into `translations`).

Strings the page shares with other pages ("Cancel", "Segment", "Customers", …) are repeated here with the same
Russian, so the page keeps its translations whatever happens to the others.
"""

from __future__ import annotations

#: English strings with ``{count}``: (singular, plural).
ENGLISH_PLURALS: dict[str, tuple[str, str]] = {
    "Wrote {count} files to {folder}": ("Wrote {count} file to {folder}", "Wrote {count} files to {folder}"),
    "{count} contacts will be written to the lists": ("{count} contact will be written to the lists",
                                                      "{count} contacts will be written to the lists"),
    "{count} to control-group files": ("{count} to control-group files", "{count} to control-group files"),
    "{count} held out as control groups (not written)": ("{count} held out as control groups (not written)",
                                                         "{count} held out as control groups (not written)"),
    "{count} left out": ("{count} left out", "{count} left out"),
    "{name}: {count} addresses": ("{name}: {count} address", "{name}: {count} addresses"),
}

_PLURALS: dict[str, tuple[str, str, str]] = {
    "Wrote {count} files to {folder}": ("Записан {count} файл в {folder}", "Записано {count} файла в {folder}",
                                        "Записано {count} файлов в {folder}"),
    "{count} contacts will be written to the lists": ("В списки попадёт {count} контакт",
                                                      "В списки попадут {count} контакта",
                                                      "В списки попадут {count} контактов"),
    "{count} to control-group files": ("{count} — в файлы контрольных групп", "{count} — в файлы контрольных групп",
                                       "{count} — в файлы контрольных групп"),
    "{count} held out as control groups (not written)": (
        "{count} отложен в контрольные группы (не выгружается)",
        "{count} отложены в контрольные группы (не выгружаются)",
        "{count} отложены в контрольные группы (не выгружаются)"),
    "{count} left out": ("{count} не выгружается", "{count} не выгружаются", "{count} не выгружаются"),
    "{name}: {count} addresses": ("{name}: {count} адрес", "{name}: {count} адреса", "{name}: {count} адресов"),
}

_PAGE: dict[str, str] = {
    "Export": "Выгрузка",
    "&Export": "&Выгрузка",
    "Columns": "Столбцы",
    "Preview": "Предпросмотр",
    "Open a customer list (File → Open…) and build segments: their mailing lists are exported here.":
        "Откройте список клиентов (Файл → Открыть…) и постройте сегменты: здесь выгружаются их списки рассылки.",
    "There are no segments yet: add them on the Segments page.":
        "Сегментов пока нет: добавьте их на странице «Сегменты».",
    "The segments are being counted…": "Сегменты пересчитываются…",
    "The suppression list cannot be used: choose it again or clear it.":
        "Стоп-лист не удаётся использовать: выберите его заново или уберите.",
    "Counting…": "Подсчёт…",
    "“{folder}” is not a full folder path: choose the folder.":
        "«{folder}» — не полный путь к папке: выберите папку.",
    "Save as preset": "Сохранить как шаблон",
    "Name of the preset:": "Название шаблона:",
}

_CHOICES: dict[str, str] = {
    "Segments": "Сегменты",
    "All segments": "Все сегменты",
    "Segment": "Сегмент",
    "Customers": "Клиенты",
    "Switched off on the Segments page": "Выключен на странице «Сегменты»",
    "Its rule does not fit this data: see the Segments page":
        "Его правило не подходит к этим данным: см. страницу «Сегменты»",
    "File": "Файл",
    "Preset:": "Шаблон:",
    "One file per segment": "Отдельный файл на каждый сегмент",
    "One workbook with a summary sheet": "Одна книга Excel со сводным листом",
    "File type:": "Тип файла:",
    "CSV": "CSV",
    "Excel (.xlsx)": "Excel (.xlsx)",
    "{preset} takes the file kind its import expects.": "Для {preset} тип файла задан: такой ждёт его импорт.",
    "Control group in a file of its own": "Контрольная группа — в отдельный файл",
    "Without it, the control group is held out and written nowhere.":
        "Если снять флажок, контрольная группа никуда не выгружается.",
    "Leave out": "Не выгружать",
    "Contacts without consent": "Контакты без согласия",
    "Invalid emails": "Неверные email",
    "Duplicates (same email)": "Дубли (тот же email)",
    "A contact already on this list or a list above it is written once.":
        "Контакт, который уже есть в этом списке или в списке выше, выгружается один раз.",
    "Leave out customers whose “{column}” is not yes.": "Не выгружать клиентов, у которых в «{column}» не «да».",
    "No column holds email consent: give a column that role on import.":
        "Ни один столбец не содержит согласия на рассылку: назначьте столбцу эту роль при импорте.",
    "{preset} rejects invalid emails: they are always left out.":
        "{preset} не принимает неверные email: они не выгружаются никогда.",
    "Suppression list:": "Стоп-лист:",
    "Choose…": "Выбрать…",
    "Clear": "Очистить",
    "None: nobody is left out for being on a list.": "Нет: никто не исключается по стоп-листу.",
    "Reading {name}…": "Читаю {name}…",
    "Choose a suppression list": "Выберите стоп-лист",
    "Lists of emails or phones ({patterns})": "Списки email или телефонов ({patterns})",
    "Save to": "Сохранить в",
    "Choose a folder…": "Выберите папку…",
    "Files of the same name in this folder are replaced.": "Файлы с такими же именами в этой папке заменяются.",
    "Export to folder": "Папка для выгрузки",
}

_COLUMNS: dict[str, str] = {
    "Header in the file": "Заголовок в файле",
    "Values from": "Откуда значения",
    "Up": "Выше",
    "Down": "Ниже",
    "Add column": "Добавить столбец",
    "Add an imported column to the file": "Добавить в файл столбец из списка клиентов",
    "Every column is listed": "Все столбцы уже в списке",
    "Preset's columns": "Столбцы шаблона",
    "Go back to the columns of the chosen preset": "Вернуть столбцы выбранного шаблона",
    "Save as preset…": "Сохранить как шаблон…",
    "Keep these columns and headers as a preset of your own": "Сохранить эти столбцы и заголовки как свой шаблон",
    "Tick to write this column; double-click to rename it":
        "Флажок — столбец выгружается; двойной щелчок — переименовать",
    "the segment's name": "название сегмента",
    "SMS consent (yes/no)": "согласие на SMS (да/нет)",
    "email consent (yes/no)": "согласие на рассылку (да/нет)",
    "“{column}” — not in this file": "«{column}» — нет в этом файле",
    "column “{column}”": "столбец «{column}»",
    "{role} — no such column: left empty": "{role} — такого столбца нет: будет пусто",
    "{role} (“{column}”)": "{role} («{column}»)",
}

_PRESETS: dict[str, str] = {
    "Excel workbook (.xlsx)": "Книга Excel (.xlsx)",
    "Excel CSV (comma, UTF-8)": "CSV для Excel (запятая, UTF-8)",
    "Excel CSV (semicolon, decimal comma)": "CSV для Excel (точка с запятой, десятичная запятая)",
    "Your preset: {headers}.": "Ваш шаблон: {headers}.",
    "Every imported column, then the segment, in an Excel workbook.":
        "Все импортированные столбцы и сегмент, в книге Excel.",
    "Every imported column, then the segment; UTF-8 with a BOM so that Excel shows every letter, comma-separated, "
    "decimal point.":
        "Все импортированные столбцы и сегмент; UTF-8 с BOM, чтобы Excel показал все буквы, разделитель — "
        "запятая, десятичная точка.",
    "Every imported column, then the segment; semicolon-separated with a decimal comma, the way Excel opens CSV "
    "with Russian and most European settings.":
        "Все импортированные столбцы и сегмент; разделитель — точка с запятой, десятичная запятая: так Excel "
        "открывает CSV с русскими и большинством европейских настроек.",
    "Email Address, First Name, Last Name, Phone Number, Birthday (month/day) and the segment as Tags; UTF-8 CSV. "
    "Mailchimp needs an email address.":
        "Email Address, First Name, Last Name, Phone Number, Birthday (месяц/день) и сегмент в Tags; CSV в "
        "UTF-8. Mailchimp нужен адрес email.",
    "Email Address first, names, phone (+7…), city, country, organization, birthday and the segment as a custom "
    "property; UTF-8 CSV, split to stay under Klaviyo's 50 MB.":
        "Сначала Email Address, затем имя и фамилия, телефон (+7…), город, страна, организация, день рождения и "
        "сегмент как своё свойство; CSV в UTF-8, делится на части, чтобы не превысить 50 МБ Klaviyo.",
    "EMAIL, FIRSTNAME, LASTNAME, SMS (phone with country code) and SEGMENT; semicolon-separated UTF-8, split to "
    "stay under Brevo's 250 MB.":
        "EMAIL, FIRSTNAME, LASTNAME, SMS (телефон с кодом страны) и SEGMENT; UTF-8, разделитель — точка с "
        "запятой, делится на части, чтобы не превысить 250 МБ Brevo.",
    "email, Name, phone and the segment as tags; UTF-8 CSV, dates as DD.MM.YYYY, split to stay under UniSender's "
    "20 MB.":
        "email, Name, phone и сегмент в tags; CSV в UTF-8, даты как ДД.ММ.ГГГГ, делится на части, чтобы не "
        "превысить 20 МБ UniSender.",
}

_PREVIEW: dict[str, str] = {
    "Will be written": "Будет выгружено",
    "Control group": "Контрольная группа",
    "Total": "Итого",
    "The segment's name": "Название сегмента",
    "Customers in the segment (after priority), control group included":
        "Клиенты сегмента (с учётом приоритета), включая контрольную группу",
    "Rows written to the segment's list": "Строк в списке сегмента",
    "Held out of the mailing so its effect can be measured": "Не получат рассылку, чтобы можно было измерить её эффект",
    "Suppressed": "В стоп-листе",
    "No consent": "Нет согласия",
    "No email": "Нет email",
    "Invalid email": "Неверный email",
    "Duplicates": "Дубли",
    "Left out: the email or phone is on your suppression list.": "Не выгружаются: email или телефон есть в стоп-листе.",
    "Left out: the consent column does not say yes (an empty cell is no consent).":
        "Не выгружаются: в столбце согласия не «да» (пустая ячейка — нет согласия).",
    "Left out: this service needs an email address and the customer has none.":
        "Не выгружаются: сервису нужен email, а у клиента его нет.",
    "Left out: the email is not a valid address.": "Не выгружаются: email — не настоящий адрес.",
    "Left out: the same email is already on this list or a list above it.":
        "Не выгружаются: тот же email уже есть в этом списке или в списке выше.",
    "Export the lists": "Выгрузить списки",
    "Cancel": "Отмена",
    "Open folder": "Открыть папку",
    "Exporting…": "Выгрузка…",
    "Export cancelled; no file was written.": "Выгрузка отменена, ни один файл не записан.",
}

_ERRORS: dict[str, str] = {
    "The suppression list “{name}” does not exist (moved or deleted?).":
        "Стоп-лист «{name}» не найден (перемещён или удалён?).",
    "The suppression list “{name}” is not a text, CSV or workbook file.":
        "Стоп-лист «{name}» — не текстовый файл, не CSV и не книга Excel.",
    "“{name}” is a file, not a folder.": "«{name}» — файл, а не папка.",
    "“{name}” is one of the files you opened; segdesk never writes over them. Choose another folder.":
        "«{name}» — один из открытых вами файлов; segdesk никогда их не перезаписывает. Выберите другую папку.",
    "The suppression list “{name}” holds no email address or phone number.":
        "В стоп-листе «{name}» нет ни одного email или телефона.",
    "An exported column is not valid ({value}).": "Столбец выгрузки задан неверно ({value}).",
    "The preset “{name}” cannot be used: {reason}.": "Шаблон «{name}» нельзя использовать: {reason}.",
    "it has no name": "у него нет названия",
    "a built-in preset has that name": "так называется встроенный шаблон",
    "a column has no header": "у столбца нет заголовка",
    "two columns are headed “{header}”": "два столбца с заголовком «{header}»",
    "The export settings are not valid ({reason}).": "Настройки выгрузки неверны ({reason}).",
    "There is no export preset “{name}”; choose one.": "Шаблона выгрузки «{name}» нет; выберите другой.",
    "There is no segment “{name}” to export.": "Сегмента «{name}» для выгрузки нет.",
    "Nothing to export: tick at least one segment.": "Выгружать нечего: отметьте хотя бы один сегмент.",
    "The column “{header}” comes from “{key}”, which this customer list does not have; untick it or choose the "
    "preset's columns.":
        "Столбец «{header}» берётся из «{key}», а его нет в этом списке клиентов; снимите с него флажок или "
        "верните столбцы шаблона.",
    "“{value}” in the column “{column}” cannot be written in {encoding}; choose a UTF-8 preset.":
        "«{value}» в столбце «{column}» нельзя записать в кодировке {encoding}; выберите шаблон с UTF-8.",
}

_HELP: dict[str, str] = {
    "Offline customer segmentation: open a customer list and an order log, check the data, build rule segments, "
    "see RFM segments and lifecycle stages, and export a mailing list per segment.<br><br>Nothing leaves this "
    "computer: no account, no upload, no network.":
        "Сегментация клиентов без интернета: откройте список клиентов и журнал заказов, проверьте данные, "
        "стройте сегменты по правилам, смотрите RFM-сегменты и этапы жизненного цикла и выгружайте список "
        "рассылки для каждого сегмента.<br><br>Ничего не покидает этот компьютер: ни учётной записи, ни "
        "загрузки, ни сети.",
    "<h3>Export mailing lists</h3><p>The Export page (Ctrl+4) writes one file per segment, or one workbook with a "
    "summary sheet and a sheet per segment. Tick the segments, choose a preset (Excel, Excel CSV, Mailchimp, "
    "Klaviyo, Brevo or UniSender) and the folder. The preset sets the columns and their headers, the delimiter, "
    "the encoding and the date and phone formats. Untick, rename (double-click a header) or move columns, add "
    "imported ones, and <b>Save as preset…</b> to keep your choice.</p>":
        "<h3>Выгрузка списков рассылки</h3><p>Страница «Выгрузка» (Ctrl+4) записывает отдельный файл на каждый "
        "сегмент или одну книгу Excel со сводным листом и листом на каждый сегмент. Отметьте сегменты, выберите "
        "шаблон (Excel, CSV для Excel, Mailchimp, Klaviyo, Brevo или UniSender) и папку. Шаблон задаёт столбцы и "
        "их заголовки, разделитель, кодировку, формат дат и телефонов. Столбцы можно отключить, переименовать "
        "(двойной щелчок по заголовку), переставить, добавить столбцы из списка клиентов, а кнопка "
        "<b>Сохранить как шаблон…</b> запомнит ваш выбор.</p>",
    "<p>Left out, and counted by reason in the preview: contacts without consent (when a consent column is "
    "mapped), addresses on your suppression list (a file of emails or phones that segdesk remembers), invalid "
    "emails, and contacts already on this list or one above it (the same email). The control group goes to a file "
    "of its own. The files appear together at the end, so a cancelled or failed export leaves the folder as it "
    "was; every export is recorded in export-log.jsonl in that folder. Cells a spreadsheet would run as a formula "
    "are written as text.</p>":
        "<p>Не выгружаются — и подсчитаны по причинам в предпросмотре: контакты без согласия (если назначен "
        "столбец согласия), адреса из вашего стоп-листа (файл с email или телефонами, segdesk его запоминает), "
        "неверные email и контакты, которые уже есть в этом списке или в списке выше (тот же email). "
        "Контрольная группа записывается в отдельный файл. Файлы появляются все вместе в конце, поэтому "
        "отменённая или неудачная выгрузка оставляет папку как была; каждая выгрузка записывается в "
        "export-log.jsonl в этой папке. Ячейки, которые таблица выполнила бы как формулу, записываются как "
        "текст.</p>",
    "<h3>Coming next</h3><p>More charts are being built; their page is shown greyed out.</p>":
        "<h3>Скоро</h3><p>Другие графики ещё в работе; их страница пока показана серым.</p>",
}

RUSSIAN: dict[str, str | tuple[str, str, str]] = {**_PLURALS, **_PAGE, **_CHOICES, **_COLUMNS, **_PRESETS,
                                                  **_PREVIEW, **_ERRORS, **_HELP}
