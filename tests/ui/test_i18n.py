"""Every user-visible string goes through tr() and has a Russian translation; switching language works."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import segdesk.ui
from segdesk.ui.i18n import set_language, tr
from segdesk.ui.translations import ENGLISH_PLURALS, RUSSIAN

UI = Path(segdesk.ui.__file__).parent
#: Qt calls whose string argument is shown to the user, so it must come from tr().
SHOWN = {"setText", "setWindowTitle", "setToolTip", "setStatusTip", "setPlaceholderText", "addItem", "addTab",
         "showMessage", "setSpecialValueText", "setInformativeText", "addMenu", "QLabel", "QPushButton",
         "QAction", "QMenu", "setHorizontalHeaderLabels", "addRow", "QToolBar"}


def _calls() -> list[tuple[Path, ast.Call]]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                found.append((path, node))
    return found


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _tr_strings() -> dict[str, str]:
    """Every literal passed to tr(), with where it is."""
    strings: dict[str, str] = {}
    for path, call in _calls():
        if _name(call) == "tr" and call.args and isinstance(call.args[0], ast.Constant):
            strings.setdefault(call.args[0].value, f"{path.name}:{call.lineno}")
    return strings


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_tr_is_only_called_with_a_literal() -> None:
    bad = [f"{p.name}:{c.lineno}" for p, c in _calls() if _name(c) == "tr" and isinstance(c.func, ast.Name)
           and not (c.args and isinstance(c.args[0], ast.Constant) and isinstance(c.args[0].value, str))]
    assert bad == [], "tr() needs a string literal so this test can check its translation"


def test_every_string_has_a_russian_translation() -> None:
    missing = {text: where for text, where in _tr_strings().items() if text not in RUSSIAN}
    assert missing == {}


def test_no_translation_is_left_unused() -> None:
    used = _tr_strings()
    assert [text for text in RUSSIAN if text not in used] == []
    assert [text for text in ENGLISH_PLURALS if text not in used] == []


def test_translations_keep_the_placeholders() -> None:
    for text, russian in RUSSIAN.items():
        forms = russian if isinstance(russian, tuple) else (russian,)
        for form in forms:
            assert _fields(form) == _fields(text), text


def test_counted_strings_have_plural_forms_in_both_languages() -> None:
    for text in _tr_strings():
        if "count" in _fields(text):
            assert isinstance(RUSSIAN[text], tuple) and len(RUSSIAN[text]) == 3, text
            assert text in ENGLISH_PLURALS, text


def test_shown_strings_go_through_tr() -> None:
    """A literal with letters handed straight to a Qt text setter would stay English in the Russian UI."""
    allowed = {"segdesk"}
    bad = []
    for path, call in _calls():
        if _name(call) not in SHOWN:
            continue
        for arg in call.args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value not in allowed \
                    and any(ch.isalpha() for ch in arg.value):
                bad.append(f"{path.name}:{call.lineno} {arg.value!r}")
    assert bad == []


@pytest.mark.parametrize(("count", "expected"), [(1, "1 клиент"), (2, "2 клиента"), (5, "5 клиентов"),
                                                 (11, "11 клиентов"), (21, "21 клиент"), (5012, "5 012 клиентов")])
def test_russian_plurals_and_digit_grouping(count: int, expected: str) -> None:
    set_language("ru")
    assert tr("{count} customers", count=count).replace("\xa0", " ") == expected


def test_english_plurals_and_digit_grouping() -> None:
    assert tr("{count} customers", count=1) == "1 customer"
    assert tr("{count} customers", count=5012) == "5,012 customers"


@pytest.mark.parametrize(("system", "ui", "number", "date"), [
    ("de_DE", "en", "1.234,50", "03.04.1985"),  # the interface can't speak German: German formats stay
    ("hr_HR", "en", "1.234,50", "03. 04. 1985."),
    ("ru_RU", "en", "1 234,50", "03.04.1985"),  # a Russian user reading English menus keeps Russian numbers
    ("en_GB", "ru", "1 234,50", "03.04.1985"),  # Russian menus: Russian formats
    ("C", "en", "1,234.50", "4/3/1985"),
])
def test_numbers_and_dates_follow_the_system_unless_the_interface_is_russian(system, ui, number, date) -> None:
    from PySide6.QtCore import QDate, QLocale

    from segdesk.core.model.view import ValueKind
    from segdesk.ui.formatting import ValueFormatter
    from segdesk.ui.i18n import locale

    set_language(ui)
    shown = locale(QLocale(system))
    assert ValueFormatter(ValueKind.NUMBER, shown, 2)(1234.5).replace("\xa0", " ") == number
    assert ValueFormatter(ValueKind.DATE, shown)(QDate(1985, 4, 3).toPython()) == date
