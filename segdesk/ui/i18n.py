"""One translation function for every user-visible string: ``tr("Open…")``, ``tr("{count} customers", count=n)``.

Why not Qt Linguist: ``.ts`` → ``.qm`` needs ``lrelease`` at build time. The catalogue is a Python module
shipped inside the package instead (:mod:`segdesk.ui.translations`), and ``tests/ui/test_i18n.py`` parses every
``tr("...")`` call so that a string without a Russian translation fails the tests.

Rules: the first argument of ``tr`` is always a string literal (the test rejects anything else); values go in
as keyword arguments and are substituted with ``str.format``. A ``count`` argument selects the plural form
and is written with the locale's digit grouping ("5,012" in English, "5 012" in Russian). Other ``int``
arguments are grouped the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from segdesk.ui.translations import ENGLISH_PLURALS, RUSSIAN

#: Interface languages, each named in its own language (never translated).
LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский"}

_state = {"language": "en"}
_qt_translator: list[QTranslator] = []


def language() -> str:
    """The current interface language code ("en" or "ru")."""
    return _state["language"]


def system_language() -> str:
    """The interface language that fits the system locale."""
    return "ru" if QLocale.system().language() == QLocale.Language.Russian else "en"


def set_language(code: str | None) -> str:
    """Switch the interface language (None or "": follow the system). Returns the code in use.

    Also makes the matching locale Qt's default, so spin boxes and dates in Qt widgets agree with ours.
    """
    chosen = code if code in LANGUAGES else system_language()
    _state["language"] = chosen
    QLocale.setDefault(locale())
    return chosen


def locale(system: QLocale | None = None) -> QLocale:
    """The locale numbers and dates are written in: the system's, unless the interface is in Russian and
    the system speaks something else.

    A German or Croatian user (whose language the interface does not speak) and a Russian one who picks
    English keep their own number and date formats (1.234,50; 03.04.1985); a bare "C" system gets US ones.
    """
    system = system or QLocale.system()
    if language() == "ru":
        return system if system.language() == QLocale.Language.Russian else \
            QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
    if system.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return system


def tr(text: str, **values: object) -> str:
    """``text`` in the interface language, with ``values`` substituted."""
    entry = RUSSIAN.get(text) if language() == "ru" else None
    count = values.get("count")
    if isinstance(count, int):
        entry = _plural_form(text, entry, count)
    translated = text if entry is None else entry
    if not values:
        return str(translated)
    shown = {k: (format_int(v) if isinstance(v, int) and not isinstance(v, bool) else v) for k, v in values.items()}
    return str(translated).format(**shown)


def format_int(value: int) -> str:
    """An integer with the locale's digit grouping."""
    return locale().toString(int(value))


def _plural_form(text: str, entry: object, count: int) -> str | None:
    if isinstance(entry, tuple):
        return entry[_russian_plural(count)]
    forms = ENGLISH_PLURALS.get(text)
    if entry is None and forms is not None:
        return forms[0] if count == 1 else forms[1]
    return entry if isinstance(entry, str) else None


def _russian_plural(n: int) -> int:
    """0: один покупатель, 1: два покупателя, 2: пять покупателей."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def install_qt_translations(app: QApplication) -> None:
    """Translate Qt's own dialogs and buttons (file dialog, message box buttons) when Qt ships the language."""
    for old in _qt_translator:
        app.removeTranslator(old)
    _qt_translator.clear()
    if language() == "en":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language()}", folder):
        app.installTranslator(translator)
        _qt_translator.append(translator)
