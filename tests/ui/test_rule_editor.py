"""The rule editor, driven like a user would: click, choose, type; assert on the rules it emits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from segdesk.core.io.table import ColumnType
from segdesk.core.rules.describe import describe
from segdesk.core.rules.fields import Catalogue, Field, FieldGroup
from segdesk.core.rules.model import (
    Aggregate,
    Combinator,
    Condition,
    Group,
    Operator,
    OrderCondition,
    Period,
    Unit,
    rule_to_json,
)
from segdesk.ui.i18n import set_language
from segdesk.ui.rule_condition import ConditionRow
from segdesk.ui.rule_editor import RuleEditor
from segdesk.ui.rule_group import GroupEditor
from segdesk.ui.rule_orders import OrderConditionRow
from segdesk.ui.rule_value_list import ListValueEditor
from segdesk.ui.rule_value_shapes import parse_number
from segdesk.ui.rule_values import DateValueEditor, NumberValueEditor, PeriodEditor, TextValueEditor

CUSTOMERS = Catalogue([
    Field("city", ColumnType.TEXT, FieldGroup.CUSTOMER),
    Field("spent", ColumnType.NUMBER, FieldGroup.CUSTOMER),
    Field("orders", ColumnType.INTEGER, FieldGroup.CUSTOMER),
    Field("signup", ColumnType.DATE, FieldGroup.CUSTOMER),
    Field("consent", ColumnType.BOOLEAN, FieldGroup.CUSTOMER),
    Field("gender", ColumnType.CATEGORY, FieldGroup.CUSTOMER),
    Field("recency_days", ColumnType.INTEGER, FieldGroup.DERIVED),
])
ORDERS = Catalogue([
    Field("category", ColumnType.CATEGORY, FieldGroup.ORDERS),
    Field("amount", ColumnType.NUMBER, FieldGroup.ORDERS),
])
#: Popups (completions, the value list) grab the keyboard, which the offscreen platform cannot do; the
#: marker replaces the suite's list of offscreen noise, so that list is repeated here.
popups = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)",
                                   r"This plugin does not support raise\(\)", r"QFont::setPointSizeF",
                                   r"This plugin does not support grabbing the keyboard")
VALUES = {("city", False): ["Moscow", "Kazan", "Zagreb"], ("category", True): ["Shoes", "Bags", "Hats"]}


class Recorder:
    """The rules and step names the editor emitted, and what ``values`` was asked for."""

    def __init__(self) -> None:
        self.emitted: list[tuple[Group, str]] = []
        self.asked: list[tuple[str, bool]] = []

    def values(self, name: str, is_order: bool) -> list[str]:
        self.asked.append((name, is_order))
        return VALUES.get((name, is_order), [])

    @property
    def last(self) -> dict:
        return rule_to_json(self.emitted[-1][0])

    @property
    def step(self) -> str:
        return self.emitted[-1][1]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def editor(qtbot, recorder):
    widget = RuleEditor()
    qtbot.addWidget(widget)
    widget.set_fields(CUSTOMERS, ORDERS, recorder.values)
    widget.rule_edited.connect(lambda rule, step: recorder.emitted.append((rule, step)))
    widget.resize(1000, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _choose(combo, data) -> None:
    """Pick the item holding ``data``, as a user choosing it in the list does."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def _cond(field: str, op: str, value) -> dict:
    return {"field": field, "operator": op, "value": value}


def _group(*rules, combinator: str = "and", negated: bool = False) -> dict:
    return {"combinator": combinator, "not": negated, "rules": list(rules)}


# --- conditions ---


def test_add_a_condition_choose_field_and_operator_and_type(qtbot, editor, recorder):
    _click(qtbot, editor.root.add_condition_button)
    assert recorder.last == _group(_cond("city", "=", ""))  # the first customer column, its first operator
    row = editor.root.children[0]
    assert isinstance(row, ConditionRow)
    _choose(row.picker, "field:spent")
    assert recorder.last == _group(_cond("spent", "=", 0)) and recorder.step == "Change field"
    _choose(row.operator_box, Operator.GE)
    assert recorder.last == _group(_cond("spent", ">=", 0)) and recorder.step == "Change operator"
    assert isinstance(row.value_editor, NumberValueEditor)
    row.value_editor.clear()
    qtbot.keyClicks(row.value_editor, "1500.5")
    assert recorder.last == _group(_cond("spent", ">=", 1500.5)) and recorder.step == "Edit value"
    assert editor.rule() == recorder.emitted[-1][0]


def test_the_field_picker_has_sections_and_human_names_for_derived_fields(editor):
    _add_condition(editor)
    picker = editor.root.children[0].picker
    texts = [picker.itemText(i) for i in range(picker.count())]
    assert texts[0] == "Customer columns" and "Derived fields" in texts and "Order log" in texts
    assert not picker.model().item(0).isEnabled()  # a heading is not a choice
    assert picker.itemText(picker.findData("field:recency_days")) == "Days since the last purchase"
    assert [picker.itemData(i) for i in range(texts.index("Order log") + 1, len(texts))] == [
        "orders:count", "orders:sum", "orders:exists"]


@popups
def test_text_value_completes_from_the_column_values(qtbot, editor, recorder):
    _add_condition(editor)
    line = editor.root.children[0].value_editor
    assert isinstance(line, TextValueEditor) and recorder.asked == []  # nothing asked until the editor is used
    qtbot.keyClicks(line, "Mo")
    assert recorder.asked == [("city", False)]
    completer = line.completer()
    completer.setCompletionPrefix("Mo")
    assert completer.currentCompletion() == "Moscow"
    completer.activated[str].emit("Moscow")  # the user picks the completion
    assert recorder.last == _group(_cond("city", "=", "Moscow"))


@popups
def test_another_field_completes_from_its_own_values(qtbot, editor, recorder):
    editor.set_rule(Group(rules=(Condition("city", Operator.EQ, ""), Condition("gender", Operator.EQ, ""))))
    qtbot.keyClicks(editor.root.children[0].value_editor, "M")
    _choose(editor.root.children[0].picker, "field:gender")
    _choose(editor.root.children[0].operator_box, Operator.EQ)
    line = editor.root.children[0].value_editor
    assert line.text() == ""
    qtbot.keyClicks(line, "f")
    assert recorder.asked == [("city", False), ("gender", False)]
    assert line.completer().model().stringList() == []


@popups
def test_typing_keeps_the_cursor_in_the_value_editor(qtbot, editor, recorder):
    # the page echoes every edit back through set_rule (its undo stack's redo does)
    editor.rule_edited.connect(lambda rule, step: editor.set_rule(rule))
    _add_condition(editor)
    line = editor.root.children[0].value_editor
    editor.activateWindow()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    for char in "Moscow":
        qtbot.keyClick(line, char)
        assert editor.root.children[0].value_editor is line and line.hasFocus()
    assert line.text() == "Moscow" and line.cursorPosition() == 6
    assert [json["rules"][0]["value"] for json in (rule_to_json(r) for r, _ in recorder.emitted[1:])] == [
        "M", "Mo", "Mos", "Mosc", "Mosco", "Moscow"]
    assert QApplication.focusWidget() is line


def test_changing_the_operator_carries_the_value_over(qtbot, editor, recorder):
    editor.set_rule(Group(rules=(Condition("city", Operator.EQ, "Moscow"),)))
    row = editor.root.children[0]
    _choose(row.operator_box, Operator.IN)
    assert recorder.last == _group(_cond("city", "in", ["Moscow"]))
    _choose(row.operator_box, Operator.NULL)
    assert recorder.last == _group(_cond("city", "null", None)) and row.value_editor is None


def test_relative_date_gives_a_period(qtbot, editor, recorder):
    row = _add_condition(editor)
    _choose(row.picker, "field:signup")
    assert recorder.last == _group(_cond("signup", "inLast", {"amount": 30, "unit": "days"}))
    period = row.value_editor
    assert isinstance(period, PeriodEditor)
    period.amount.selectAll()
    qtbot.keyClicks(period.amount, "6")
    _choose(period.unit, Unit.MONTHS)
    assert editor.rule().rules[0] == Condition("signup", Operator.IN_LAST, Period(6, Unit.MONTHS))


def test_a_date_is_written_as_iso(qtbot, editor, recorder):
    row = _add_condition(editor)
    _choose(row.picker, "field:signup")
    _choose(row.operator_box, Operator.LT)
    assert isinstance(row.value_editor, DateValueEditor)
    row.value_editor.setDate(QDate(2024, 3, 9))
    assert recorder.last == _group(_cond("signup", "<", "2024-03-09"))
    _choose(row.operator_box, Operator.BETWEEN)
    assert recorder.last == _group(_cond("signup", "between", ["2024-03-09", "2024-03-09"]))
    row.value_editor.high.setDate(QDate(2024, 12, 31))
    assert recorder.last == _group(_cond("signup", "between", ["2024-03-09", "2024-12-31"]))


def test_yes_no_fields(qtbot, editor, recorder):
    row = _add_condition(editor)
    _choose(row.picker, "field:consent")
    assert recorder.last == _group(_cond("consent", "isTrue", None)) and row.value_editor is None
    _choose(row.operator_box, Operator.EQ)
    _choose(row.value_editor, False)
    assert recorder.last == _group(_cond("consent", "=", False))


@popups
def test_in_is_a_multi_select_with_free_text(qtbot, editor, recorder):
    row = _add_condition(editor)
    _choose(row.operator_box, Operator.IN)
    button = row.value_editor
    assert isinstance(button, ListValueEditor) and button.text() == "Choose values…"
    _click(qtbot, button)
    popup = button.popup
    assert popup is not None and popup.isVisible()
    assert [popup.list.item(i).text() for i in range(popup.list.count())] == ["Moscow", "Kazan", "Zagreb"]
    popup.list.item(1).setCheckState(Qt.CheckState.Checked)
    popup.list.item(0).setCheckState(Qt.CheckState.Checked)
    assert recorder.last == _group(_cond("city", "in", ["Kazan", "Moscow"]))
    qtbot.keyClicks(popup.search, "Perm")
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    assert editor.rule().rules[0] == Condition("city", Operator.IN, ("Kazan", "Moscow", "Perm"))
    assert button.text() == "3 values" and "Perm" in button.toolTip()
    popup.close()
    _click(qtbot, button)  # opened again: the chosen values first, values asked only once
    assert [popup.list.item(i).text() for i in range(3)] == ["Kazan", "Moscow", "Perm"]
    assert recorder.asked == [("city", False)]


@popups
def test_in_on_a_number_field_gives_numbers(qtbot, editor, recorder):
    row = _add_condition(editor)
    _choose(row.picker, "field:orders")
    _choose(row.operator_box, Operator.IN)
    _click(qtbot, row.value_editor)
    for text in ("1", "3"):
        row.value_editor.popup.add_value(text)
    assert recorder.last == _group(_cond("orders", "in", [1, 3]))
    row.value_editor.popup.close()


# --- groups ---


def test_nested_group_with_negation(qtbot, editor, recorder):
    _add_condition(editor)
    _click(qtbot, editor.root.add_group_button)
    nested = editor.root.children[1]
    assert isinstance(nested, GroupEditor)
    assert recorder.last == _group(_cond("city", "=", ""), _group(_cond("city", "=", ""), combinator="or"))
    _click(qtbot, nested.not_box)
    _click(qtbot, nested.add_condition_button)
    _choose(nested.children[1].picker, "field:consent")
    _choose(editor.root.combinator_box, Combinator.OR)
    assert recorder.last == _group(
        _cond("city", "=", ""),
        _group(_cond("city", "=", ""), _cond("consent", "isTrue", None), combinator="or", negated=True),
        combinator="or")
    assert [step for _, step in recorder.emitted[-4:]] == ["Negate group", "Add condition", "Change field",
                                                           "Change all/any"]


def test_remove_a_condition_and_a_group(qtbot, editor, recorder):
    editor.set_rule(Group(rules=(Condition("city", Operator.EQ, "Moscow"),
                                 Group(Combinator.OR, False, (Condition("spent", Operator.GT, 10),)),
                                 Condition("consent", Operator.IS_TRUE))))
    assert not editor.root.remove_button.isVisible()  # the root stays
    _click(qtbot, editor.root.children[0].remove_button)
    assert recorder.last == _group(_group(_cond("spent", ">", 10), combinator="or"), _cond("consent", "isTrue", None))
    assert recorder.step == "Remove condition"
    _click(qtbot, editor.root.children[0].remove_button)
    assert recorder.last == _group(_cond("consent", "isTrue", None)) and recorder.step == "Remove group"
    assert len(editor.root.children) == 1 and isinstance(editor.root.children[0], ConditionRow)


def test_set_rule_shows_without_emitting(qtbot, editor, recorder):
    rule = Group(Combinator.OR, True, (
        Condition("city", Operator.IN, ("Moscow", "Kazan")),
        Group(rules=(Condition("signup", Operator.IN_LAST, Period(2, Unit.WEEKS)),)),
        OrderCondition(Aggregate.SUM, Operator.BETWEEN, (100, 500.5), None, Period(1, Unit.YEARS)),
        Condition("spent", Operator.LE, 99.5),
    ))
    editor.set_rule(rule)
    assert recorder.emitted == [] and editor.rule() == rule
    assert editor.root.not_box.isChecked() and editor.root.combinator_box.value() == Combinator.OR
    city, nested, orders, spent = editor.root.children
    assert city.value_editor.text() == "Moscow, Kazan"
    assert nested.children[0].value_editor.value() == Period(2, Unit.WEEKS)
    assert orders.within_box.isChecked() and orders.within_editor.value() == Period(1, Unit.YEARS)
    assert orders.value_editor.value() == (100, 500.5) and not orders.where_editor.isVisible()
    assert spent.value_editor.text() == "99.5"
    editor.set_rule(Group())
    assert editor.root.children == [] and editor.root.empty_label.isVisible() and recorder.emitted == []


def test_a_field_the_data_does_not_have_is_shown(editor, recorder):
    editor.set_rule(Group(rules=(Condition("Town", Operator.EQ, "Moscow"),)))
    picker = editor.root.children[0].picker
    assert picker.currentText() == "Town (not in the data)" and recorder.emitted == []


# --- the order log ---


@popups
def test_order_log_condition_with_filter_and_period(qtbot, editor, recorder):
    row = _add_condition(editor)
    _choose(row.picker, "orders:count")
    assert recorder.last == _group({"orders": {"where": None, "within": None}, "aggregate": "count",
                                    "operator": ">=", "value": 1})
    orders = editor.root.children[0]
    assert isinstance(orders, OrderConditionRow) and orders is not row
    orders.value_editor.selectAll()
    qtbot.keyClicks(orders.value_editor, "2")
    _click(qtbot, orders.within_box)
    _click(qtbot, orders.filter_button)
    where = orders.where_editor
    assert where.isVisible() and not orders.filter_button.isVisible()
    condition = where.children[0]
    _choose(condition.operator_box, Operator.IN)
    _click(qtbot, condition.value_editor)
    condition.value_editor.popup.list.item(0).setCheckState(Qt.CheckState.Checked)
    condition.value_editor.popup.close()
    assert editor.rule().rules[0] == OrderCondition(
        Aggregate.COUNT, Operator.GE, 2, Group(rules=(Condition("category", Operator.IN, ("Shoes",)),)), Period(90))
    assert recorder.asked == [("category", True)]
    _click(qtbot, where.remove_button)
    assert editor.rule().rules[0].where is None and recorder.step == "Remove order filter"
    _choose(orders.picker, "orders:exists")
    assert recorder.last["rules"][0] == {"orders": {"where": None, "within": {"amount": 90, "unit": "days"}},
                                         "aggregate": "exists", "operator": "isTrue", "value": None}
    _choose(editor.root.children[0].picker, "field:city")
    assert recorder.last == _group(_cond("city", "=", ""))


def test_order_filter_offers_only_order_columns(qtbot, editor):
    row = _add_condition(editor)
    _choose(row.picker, "orders:sum")
    _click(qtbot, editor.root.children[0].filter_button)
    picker = editor.root.children[0].where_editor.children[0].picker
    assert [picker.itemData(i) for i in range(picker.count())] == ["field:category", "field:amount"]


# --- what the page sends back ---


def test_count_skipped_and_problems(qtbot, editor):
    editor.set_rule(Group(rules=(Condition("city", Operator.EQ, "Moscow"), Condition("spent", Operator.GT, "x"))))
    editor.set_count(None, None, None)
    assert editor.count_label.text() == "Counting…"
    editor.set_count(1234, 0.25, 56789.0)
    assert editor.count_label.text() == "1,234 customers match · 25.0% of all customers · revenue 56,789"
    editor.set_count(1, None, None)
    assert editor.count_label.text() == "1 customer matches"
    editor.set_skipped({(0,): 120})
    editor.set_problems({(1,): "Write a number"})
    city, spent = editor.root.children
    assert city.note.isVisible() and city.note.text() == "skips 120 with no city"
    assert spent.problem.isVisible() and spent.problem.text() == "Write a number" and not spent.note.isVisible()
    editor.set_rule(Group(rules=(Condition("city", Operator.EQ, "Kazan"), Condition("spent", Operator.GT, "x"))))
    assert city.note.isVisible()  # same shape: the page's notes still belong to these rows
    _click(qtbot, city.remove_button)
    assert not editor.root.children[0].problem.isVisible()  # paths moved: old notes would be misplaced


@popups
def test_the_rule_reads_as_a_sentence(qtbot, editor):
    editor.set_rule(Group(rules=(Condition("city", Operator.EQ, "Moscow"),)))
    assert editor.sentence_label.text() == describe(editor.rule(), "en") == 'city is "Moscow"'
    editor.root.children[0].value_editor.setFocus()
    editor.root.children[0].value_editor.setText("")
    qtbot.keyClicks(editor.root.children[0].value_editor, "Kazan")
    assert editor.sentence_label.text() == 'city is "Kazan"'  # follows each edit


def test_a_dot_typed_on_a_german_system_is_a_decimal_point(monkeypatch):
    from PySide6.QtCore import QLocale

    monkeypatch.setattr("segdesk.ui.rule_value_shapes.locale", lambda: QLocale("de_DE"))
    assert parse_number("0.125") == 0.125 and parse_number("1.250") == 1.25  # not 125 and 1250
    assert parse_number("1.234,5") == 1234.5 and parse_number("0,5") == 0.5  # the German way still reads


@popups
def test_numbers_in_the_locale_format(qtbot, editor, recorder):
    assert parse_number("1,234.5") == 1234.5 and parse_number("12,5") == 12.5  # a decimal comma is fine too
    assert parse_number("12.5") == 12.5 and parse_number("12.5", integer=True) is None
    assert parse_number("") is None and parse_number("abc") is None
    set_language("ru")
    assert parse_number("1 234,5") == 1234.5 and parse_number("1\u00a0234") == 1234
    row = _add_condition(editor)
    _choose(row.picker, "field:spent")
    row.value_editor.clear()
    qtbot.keyClicks(row.value_editor, "12,")
    assert recorder.last == _group(_cond("spent", "=", 12))
    qtbot.keyClicks(row.value_editor, "75")
    assert recorder.last == _group(_cond("spent", "=", 12.75))


def test_in_russian(qtbot, recorder):
    set_language("ru")
    widget = RuleEditor()
    qtbot.addWidget(widget)
    widget.set_fields(CUSTOMERS, ORDERS, recorder.values)
    widget.set_rule(Group(rules=(Condition("signup", Operator.IN_LAST, Period(3, Unit.MONTHS)),)))
    row = widget.root.children[0]
    assert widget.root.add_condition_button.text() == "+ Условие"
    assert row.operator_box.currentText() == "за последние" and row.value_editor.unit.currentText() == "месяцев"
    assert row.picker.itemText(0) == "Столбцы клиентов"


def test_runs_alone_on_the_demo_data(qtbot):
    from segdesk.ui.rule_editor import _demo_editor

    widget = _demo_editor()
    qtbot.addWidget(widget)
    assert len(widget.root.children) == 3 and isinstance(widget.root.children[2], OrderConditionRow)
    assert widget.root.children[2].where_editor.isVisibleTo(widget)


def _add_condition(editor: RuleEditor) -> ConditionRow:
    editor.root.add_condition_button.click()
    return editor.root.children[-1]
