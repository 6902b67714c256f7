"""One condition of a rule: field picker, operator picker, value editor, and the notes the page sends back
(customers skipped because the field is empty, a problem with the value).

A row owns its widgets and updates them in place (:meth:`ConditionRow.show_node`): typing in a value editor emits an
edit, the page echoes the new rule back, and the editor under the cursor must survive that. Only another
field or another value *shape* (a text box becoming a date or a list) replaces the value editor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from segdesk.core.io.table import ColumnType
from segdesk.core.rules.fields import OPERATORS, Catalogue, Field, FieldGroup
from segdesk.core.rules.model import Aggregate, Condition, Operator, OrderCondition, Path, Rule
from segdesk.ui.i18n import tr
from segdesk.ui.rule_labels import aggregate_label, derived_label, operator_label, section_label
from segdesk.ui.rule_value_list import ListValueEditor
from segdesk.ui.rule_value_shapes import carried_value, empty_value, value_shape
from segdesk.ui.rule_values import Completions, PeriodEditor, RangeEditor, scalar_editor
from segdesk.ui.widgets import ValueComboBox, signals_blocked

#: Picker keys: "field:<name>" for a column or derived field, "orders:<aggregate>" for the order log.
FIELD, ORDERS = "field:", "orders:"
#: How a new order-log condition starts: "at least one order", "spent at least 0", "has purchases".
ORDER_DEFAULTS = {Aggregate.COUNT: (Operator.GE, 1), Aggregate.SUM: (Operator.GE, 0),
                  Aggregate.EXISTS: (Operator.IS_TRUE, None)}


class ValueSource:
    """The page's ``values(field, is_order_field)``, asked at most once per field (it may be slow)."""

    def __init__(self, values: Callable[[str, bool], list[str]] | None) -> None:
        self._values = values
        self._cache: dict[tuple[str, bool], list[str]] = {}

    def __call__(self, name: str, is_order: bool) -> list[str]:
        if self._values is None:
            return []
        key = (name, is_order)
        if key not in self._cache:
            self._cache[key] = [str(v) for v in self._values(name, is_order)]
        return self._cache[key]


@dataclass(frozen=True)
class FieldContext:
    """What a group's conditions can ask about: customer fields (plus the order log when ``orders`` is set),
    or, inside an order-log condition, the order log's columns (``is_orders``)."""

    catalogue: Catalogue
    values: ValueSource = field(default_factory=lambda: ValueSource(None))
    orders: Catalogue | None = None
    is_orders: bool = False

    def kind(self, name: str) -> ColumnType:
        found = self.catalogue.find(name)
        return found.kind if found is not None else ColumnType.TEXT  # a field the data no longer has

    def completions(self, name: str) -> Completions:
        return lambda: self.values(name, self.is_orders)

    def default_condition(self) -> Condition | None:
        """The first customer column (or order column) with its first operator; None without fields."""
        wanted = FieldGroup.ORDERS if self.is_orders else FieldGroup.CUSTOMER
        fields = self.catalogue.in_group(wanted) or list(self.catalogue.fields)
        return condition_for(fields[0]) if fields else None

    def where_context(self) -> FieldContext:
        return FieldContext(self.orders or Catalogue([]), self.values, None, True)


def condition_for(found: Field) -> Condition:
    op = OPERATORS[found.kind][0]
    return Condition(found.name, op, empty_value(found.kind, op))


def order_condition(aggregate: Aggregate) -> OrderCondition:
    op, value = ORDER_DEFAULTS[aggregate]
    return OrderCondition(aggregate, op, value)


def field_label(found: Field) -> str:
    return derived_label(found.name) if found.group == FieldGroup.DERIVED else found.name


class FieldPicker(QComboBox):
    """Fields under headings (customer columns, derived fields, order log); ``chosen(key)`` on a user pick."""

    chosen = Signal(str)

    def __init__(self, context: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxVisibleItems(24)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(12)
        model = self.model()
        assert isinstance(model, QStandardItemModel)
        self._model = model
        sections = [FieldGroup.ORDERS] if context.is_orders else [FieldGroup.CUSTOMER, FieldGroup.DERIVED]
        for group in sections:
            fields = context.catalogue.in_group(group)
            if fields and not context.is_orders:
                self._add_heading(section_label(group))
            for found in fields:
                self.addItem(field_label(found), FIELD + found.name)
        if context.orders is not None:
            self._add_heading(section_label(FieldGroup.ORDERS))
            for aggregate in Aggregate:
                self.addItem(aggregate_label(aggregate), ORDERS + aggregate.value)
        self.currentIndexChanged.connect(self._on_current_index_changed)

    def _add_heading(self, text: str) -> None:
        self.addItem(text)
        item = self._model.item(self.count() - 1)
        item.setEnabled(False)  # a heading, not a choice
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)

    def select(self, key: str, missing_label: str) -> None:
        """Show ``key`` as chosen (adding it when the data has no such field); emits nothing."""
        index = self.findData(key)
        with signals_blocked(self):
            if index < 0:
                self.addItem(tr("{name} (not in the data)", name=missing_label), key)
                index = self.count() - 1
            self.setCurrentIndex(index)

    def _on_current_index_changed(self, index: int) -> None:
        key = self.itemData(index)
        if isinstance(key, str):
            self.chosen.emit(key)


class RuleRow(QWidget):
    """What a condition on a field and a condition on the order log share: pickers, value, notes, remove."""

    edited = Signal(object, str)  # (the new node, the step's name)
    remove_requested = Signal()

    def __init__(self, context: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.node: Any = None
        self.picker = FieldPicker(context)
        self.operator_box = ValueComboBox()
        self.operator_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # on a narrow page the field names give way, never the operator ("at le…" would be a guess)
        self.operator_box.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.value_editor: Any = None
        self._editor_key: tuple[str, str, ColumnType] | None = None
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(tr("Remove this condition"))
        self.note = QLabel()
        self.note.setStyleSheet("color: gray")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #B00020")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.line = QHBoxLayout()
        self.line.setSpacing(6)
        self.line.addWidget(self.picker)
        self.line.addWidget(self.operator_box)
        self._value_at = self.line.count()
        self.line.addStretch(1)
        self.line.addWidget(self.remove_button)
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(2)
        self.rows.addLayout(self.line)
        self.rows.addWidget(self.note)
        self.rows.addWidget(self.problem)
        self.note.hide()
        self.problem.hide()
        self.picker.chosen.connect(self._on_picker_chosen)
        self.operator_box.currentIndexChanged.connect(self._on_operator_box_changed)
        self.remove_button.clicked.connect(self.remove_requested.emit)

    def apply_notes(self, skipped: dict[Path, int], problems: dict[Path, str], path: Path) -> None:
        """Show the page's notes for the condition at ``path``."""
        self.set_notes(skipped.get(path, 0), problems.get(path, ""))

    def set_notes(self, skipped: int, problem: str) -> None:
        text = tr("skips {count} with no {field}", count=skipped, field=self.field_text()) if skipped > 0 else ""
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def field_text(self) -> str:
        return self.picker.currentText()

    def show_operators(self, ops: tuple[Operator, ...], current: Operator, label: Callable[[Operator], str]) -> None:
        choices = [(label(op), op) for op in ops]
        if current not in ops:  # a saved rule with an operator this type no longer offers
            choices.append((label(current), current))
        with signals_blocked(self.operator_box):
            if [(self.operator_box.itemText(i), self.operator_box.itemData(i))
                    for i in range(self.operator_box.count())] != choices:
                self.operator_box.clear()
                for text, op in choices:
                    self.operator_box.add_choice(text, op)
            self.operator_box.set_value(current)

    def show_value(self, source: str, kind: ColumnType, op: Operator, value: Any,
                   completions: Completions | None) -> None:
        """Keep the value editor when it fits ``op`` on the field ``source`` of type ``kind``, else put the
        right one in its place (another field needs another editor: its completions are another column's)."""
        key = (source, value_shape(op), kind)
        if key != self._editor_key:
            if self.value_editor is not None:
                self.value_editor.setParent(None)
                self.value_editor.deleteLater()
            self.value_editor = value_editor(kind, op, completions)
            self._editor_key = key
            if self.value_editor is not None:
                self.line.insertWidget(self._value_at, self.value_editor)
                self.value_editor.show()
                self.value_editor.value_edited.connect(self._on_value_edited)
        if self.value_editor is not None:
            self.value_editor.set_value(value)

    def _on_picker_chosen(self, key: str) -> None:
        if key.startswith(ORDERS):
            new: Rule = order_condition(Aggregate(key.removeprefix(ORDERS)))
            if isinstance(self.node, OrderCondition):  # another aggregate of the same orders
                new = replace(new, where=self.node.where, within=self.node.within)
        else:
            found = self.context.catalogue.find(key.removeprefix(FIELD))
            if found is None:
                return
            new = condition_for(found)
        self.edited.emit(new, tr("Change field"))

    def _on_operator_box_changed(self, _: int) -> None:
        op = Operator(self.operator_box.value())
        value = carried_value(self.node.value, self.node.operator, op, self.value_kind())
        self.edited.emit(replace(self.node, operator=op, value=value), tr("Change operator"))

    def _on_value_edited(self) -> None:
        self.edited.emit(replace(self.node, value=self.value_editor.value()), tr("Edit value"))

    def value_kind(self) -> ColumnType:
        raise NotImplementedError


class ConditionRow(RuleRow):
    """A condition on a customer column, a derived field, or (inside an order-log condition) an order column."""

    def accepts(self, node: Rule) -> bool:
        return isinstance(node, Condition)

    def show_node(self, node: Condition) -> None:
        self.node = node
        found = self.context.catalogue.find(node.field)
        kind = self.value_kind()
        self.picker.select(FIELD + (found.name if found is not None else node.field), node.field)
        self.show_operators(OPERATORS[kind], node.operator, lambda op: operator_label(op, kind))
        self.show_value(node.field, kind, node.operator, node.value, self.context.completions(node.field))

    def value_kind(self) -> ColumnType:
        return self.context.kind(self.node.field)


def value_editor(kind: ColumnType, op: Operator, completions: Completions | None) -> Any:
    """The editor for ``op``'s value on a field of type ``kind``; None when the operator takes no value."""
    shape = value_shape(op)
    if shape == "none":
        return None
    if shape == "period":
        return PeriodEditor()
    if shape == "range":
        return RangeEditor(kind)
    if shape == "list":
        return ListValueEditor(kind, completions)
    return scalar_editor(kind, completions)
