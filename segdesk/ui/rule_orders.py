"""A condition on the order log: an aggregate (number of orders, sum of amounts, any purchase) compared with
a value, optionally only within the last N days/weeks/months/years, and only over the orders a nested group
of order-column conditions picks ("category is Shoes").

The nested group is built by the group editor's factory (handed in), so this module does not import the
group editor that imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QWidget

from segdesk.core.io.table import ColumnType
from segdesk.core.rules.fields import AGGREGATE_OPERATORS
from segdesk.core.rules.model import Aggregate, Group, OrderCondition, Path, Period, Rule
from segdesk.ui.i18n import tr
from segdesk.ui.rule_condition import ORDERS, FieldContext, RuleRow
from segdesk.ui.rule_labels import aggregate_label, exists_label, operator_label
from segdesk.ui.rule_values import PeriodEditor
from segdesk.ui.widgets import signals_blocked

#: Builds the editor of an order condition's ``where`` group: (context of order columns) -> group editor.
GroupFactory = Callable[[FieldContext], Any]
#: How far back "within the last" starts when first ticked.
DEFAULT_WITHIN = Period(90)
_INDENT = 24


class OrderConditionRow(RuleRow):
    """``number of orders | at least | 2 | ☐ within the last 90 days``, then the optional order filter."""

    def __init__(self, context: FieldContext, make_group: GroupFactory, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.within_box = QCheckBox(tr("within the last"))
        self.within_box.setToolTip(tr("Count only orders up to this long before the as-of date"))
        self.within_editor = PeriodEditor()
        self.within_editor.set_value(DEFAULT_WITHIN)
        self.filter_button = QPushButton(tr("+ Order filter"))
        self.filter_button.setToolTip(tr("Count only the orders that match conditions on the order log's "
                                         "columns, such as a product category"))
        # after the value editor, which show() puts at _value_at, and before the stretch
        for offset, widget in enumerate((self.within_box, self.within_editor, self.filter_button)):
            self.line.insertWidget(self._value_at + offset, widget)
        self.where_editor = make_group(context.where_context())
        self.where_editor.hide()
        where_line = QHBoxLayout()
        where_line.setContentsMargins(_INDENT, 0, 0, 0)
        where_line.addWidget(self.where_editor)
        self.rows.addLayout(where_line)  # below the notes, which are about the line above
        self.within_box.toggled.connect(self._on_within_box_toggled)
        self.within_editor.value_edited.connect(self._on_within_editor_edited)
        self.filter_button.clicked.connect(self._on_filter_button_clicked)
        self.where_editor.edited.connect(self._on_where_editor_edited)
        self.where_editor.remove_requested.connect(self._on_where_editor_remove_requested)

    def accepts(self, node: Rule) -> bool:
        return isinstance(node, OrderCondition)

    def show_node(self, node: OrderCondition) -> None:
        self.node = node
        self.picker.select(ORDERS + node.aggregate.value, aggregate_label(node.aggregate))
        ops = tuple(AGGREGATE_OPERATORS[node.aggregate.value])
        label = exists_label if node.aggregate == Aggregate.EXISTS else operator_label
        self.show_operators(ops, node.operator, label)
        self.show_value(node.aggregate.value, self.value_kind(), node.operator, node.value, None)
        with signals_blocked(self.within_box):
            self.within_box.setChecked(node.within is not None)
        self.within_editor.setEnabled(node.within is not None)
        if node.within is not None:
            self.within_editor.set_value(node.within)
        has_filter = node.where is not None
        self.filter_button.setVisible(not has_filter and self.context.orders is not None
                                      and bool(self.context.orders.fields))
        self.where_editor.setVisible(has_filter)
        if node.where is not None:
            self.where_editor.show_node(node.where)

    def value_kind(self) -> ColumnType:
        aggregate = self.node.aggregate
        return {Aggregate.COUNT: ColumnType.INTEGER, Aggregate.SUM: ColumnType.NUMBER}.get(aggregate,
                                                                                        ColumnType.BOOLEAN)

    def apply_notes(self, skipped: dict[Path, int], problems: dict[Path, str], path: Path) -> None:
        """Problems inside the order filter are reported on the order condition itself (core's paths stop
        there), so the filter's own rows stay quiet."""
        self.where_editor.clear_notes()
        super().apply_notes(skipped, problems, path)

    # --- handlers ---

    def _on_within_box_toggled(self, checked: bool) -> None:
        within = self.within_editor.value() if checked else None
        self.edited.emit(replace(self.node, within=within), tr("Change period"))

    def _on_within_editor_edited(self) -> None:
        self.edited.emit(replace(self.node, within=self.within_editor.value()), tr("Change period"))

    def _on_filter_button_clicked(self) -> None:
        first = self.context.where_context().default_condition()
        if first is not None:
            self.edited.emit(replace(self.node, where=Group(rules=(first,))), tr("Add order filter"))

    def _on_where_editor_edited(self, where: Group, step: str) -> None:
        # an order filter without conditions filters nothing: say so in the rule as "no filter"
        self.edited.emit(replace(self.node, where=where if where.rules else None), step)

    def _on_where_editor_remove_requested(self) -> None:
        self.edited.emit(replace(self.node, where=None), tr("Remove order filter"))

