"""Russian strings of projects: the File menu's project commands, saving, opening, recovery, what changed in the
sources (merged into `translations`)."""

from __future__ import annotations

ENGLISH_PLURALS: dict[str, tuple[str, str]] = {}

RUSSIAN: dict[str, str] = {
    "Open &project…": "Открыть &проект…",
    "Open a saved segdesk project": "Открыть сохранённый проект segdesk",
    "&Save project": "&Сохранить проект",
    "Save the sources, segments, RFM and export settings as a project":
        "Сохранить файлы, сегменты, настройки RFM и выгрузки как проект",
    "Save project &as…": "Сохранить проект &как…",
    "Recent pro&jects": "Недавние про&екты",
    "No recent projects": "Недавних проектов нет",
    "Save the project": "Сохранение проекта",
    "segdesk projects (*{suffix})": "Проекты segdesk (*{suffix})",
    "Unsaved changes": "Несохранённые изменения",
    "Save the changes to the project before closing it?": "Сохранить изменения проекта перед закрытием?",
    "Open a project": "Открыть проект",
    "The project could not be opened": "Проект не открыт",
    "Restore unsaved work?": "Восстановить несохранённую работу?",
    "segdesk did not close properly last time. Restore the work that was not saved?":
        "В прошлый раз segdesk закрылся неожиданно. Восстановить несохранённую работу?",
    "Opening the project: reading its files…": "Открытие проекта: чтение файлов…",
    "The project's files changed": "Файлы проекта изменились",
    "The order log changed": "Журнал заказов изменился",
    "{problem}\n\nChoose the order log's columns again; the rest of the project is open.":
        "{problem}\n\nВыберите столбцы журнала заказов заново; остальное в проекте открыто.",
    "Project.segdesk": "Проект.segdesk",
    "The project was not saved": "Проект не сохранён",
    "Customer list “{name}”": "Список клиентов «{name}»",
    "Order log “{name}”": "Журнал заказов «{name}»",
    "Read from {path} (the project named {saved}).": "Прочитан файл {path} (в проекте указан {saved}).",
    "The file changed since the project was saved: {now} rows, {then} then.":
        "Файл изменился после сохранения проекта: строк сейчас {now}, было {then}.",
    "Columns no longer in the file: {names}.": "Столбцов больше нет в файле: {names}.",
    "New columns: {names}.": "Новые столбцы: {names}.",
    "Column types not applied (the column is gone): {names}.": "Типы столбцов не применены (столбцов нет): {names}.",
    "Column roles not applied (the column is gone): {names}.": "Роли столбцов не применены (столбцов нет): {names}.",
    "Order-log columns to choose again: {names}.": "Столбцы журнала заказов, которые нужно выбрать заново: {names}.",
    "The project “{name}” is damaged or was edited by hand and cannot be opened: {detail}":
        "Проект «{name}» повреждён или изменён вручную и не может быть открыт: {detail}",
    "“{name}” is not a segdesk project.": "«{name}» — не проект segdesk.",
    "The project “{name}” is damaged: it is not text.": "Проект «{name}» повреждён: это не текст.",
    "The project “{name}” is damaged ({reason}).": "Проект «{name}» повреждён ({reason}).",
    "The project “{name}” was saved by a newer segdesk; update segdesk to open it.":
        "Проект «{name}» сохранён более новой версией segdesk; обновите segdesk, чтобы открыть его.",
    "The order log “{name}” has no column “{column}” any more.":
        "В журнале заказов «{name}» больше нет столбца «{column}».",
    "<h3>Projects</h3><p><b>File → Save project</b> (Ctrl+S) keeps the files you opened (where they are, "
    "how they were read, the order log's columns), the segments, the as-of date, the RFM settings and the "
    "export settings in one .segdesk file. Open it next month with <b>File → Open project…</b>: the files "
    "are read again the same way, and segdesk tells you what changed in them. The title shows * while there "
    "are unsaved changes; unsaved work is kept safe every minute and offered back if segdesk closes "
    "unexpectedly. From a script: segdesk run PROJECT.segdesk.</p>":
        "<h3>Проекты</h3><p><b>Файл → Сохранить проект</b> (Ctrl+S) сохраняет в одном файле .segdesk открытые "
        "файлы (где они лежат, как прочитаны, столбцы журнала заказов), сегменты, дату расчёта, настройки RFM и "
        "выгрузки. Через месяц откройте его через <b>Файл → Открыть проект…</b>: файлы будут прочитаны так же, "
        "а segdesk расскажет, что в них изменилось. Пока есть несохранённые изменения, в заголовке окна стоит *; "
        "несохранённая работа сохраняется каждую минуту и предлагается к восстановлению, если segdesk закрылся "
        "неожиданно. Из скрипта: segdesk run ПРОЕКТ.segdesk.</p>",
}
