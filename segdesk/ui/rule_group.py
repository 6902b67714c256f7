"""A group of a rule: "all of" / "any of" its conditions and groups, possibly negated, with buttons to add a
condition or a group and to remove the group itself.

Edits go up, never sideways: a group turns a child's edit into its own new group (with core's pure edits)
and emits that; the editor at the top applies the new root and shows it from the top down. :meth:`show_node`
keeps each child widget whose kind still fits the node at its place, so only what changed shape is rebuilt.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from segdesk.core.rules.edit import insert_at, remove_at, replace_at, set_combinator, set_negated
from segdesk.core.rules.model import Combinator, Condition, Group, OrderCondition, Path, Rule
from segdesk.ui.i18n import tr
from segdesk.ui.rule_condition import ConditionRow, FieldContext
from segdesk.ui.rule_labels import combinator_label
from segdesk.ui.rule_orders import OrderConditionRow
from segdesk.ui.widgets import ValueComboBox, signals_blocked

#: A nested group is set off by a bar on its left, in the palette's colours so dark themes work too.
_NESTED_STYLE = ("QFrame#rule_group_nested { border: none; border-left: 3px solid palette(mid); "
                 "background: palette(alternate-base); }")


class GroupEditor(QFrame):
    edited = Signal(object, str)  # (the new group, the step's name)
    remove_requested = Signal()

    def __init__(self, context: FieldContext, removable: bool = False, caption: str = "",
                 nested: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.group = Group()
        self.children: list[Any] = []
        self.not_box = QCheckBox(tr("not"))
        self.not_box.setToolTip(tr("Negate the group: match the customers it does not match"))
        self.combinator_box = ValueComboBox([(combinator_label(c), c) for c in Combinator])
        self.add_condition_button = QPushButton(tr("+ Condition"))
        self.add_group_button = QPushButton(tr("+ Group"))
        self.add_condition_button.setEnabled(context.default_condition() is not None)
        self.add_group_button.setEnabled(context.default_condition() is not None)
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(tr("Remove the order filter") if context.is_orders else
                                      tr("Remove this group"))
        self.remove_button.setVisible(removable)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #B00020")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        self.empty_label = QLabel(tr("No conditions yet: every customer matches."))
        self.empty_label.setStyleSheet("color: gray")
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        self._lay_out(caption, nested)
        self._connect()

    def _lay_out(self, caption: str, nested: bool) -> None:
        header = QHBoxLayout()
        header.setSpacing(6)
        if caption:
            header.addWidget(QLabel(caption))
        for widget in (self.not_box, self.combinator_box):
            header.addWidget(widget)
        header.addStretch(1)
        for widget in (self.add_condition_button, self.add_group_button, self.remove_button):
            header.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        if nested:
            self.setObjectName("rule_group_nested")
            self.setStyleSheet(_NESTED_STYLE)
            layout.setContentsMargins(10, 6, 6, 6)
        else:
            layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.problem)
        layout.addLayout(self.body)
        layout.addWidget(self.empty_label)

    def _connect(self) -> None:
        self.not_box.toggled.connect(self._on_not_box_toggled)
        self.combinator_box.currentIndexChanged.connect(self._on_combinator_box_changed)
        self.add_condition_button.clicked.connect(self._on_add_condition_button_clicked)
        self.add_group_button.clicked.connect(self._on_add_group_button_clicked)
        self.remove_button.clicked.connect(self.remove_requested.emit)

    def accepts(self, node: Rule) -> bool:
        return isinstance(node, Group)

    def show_node(self, group: Group) -> None:
        """Show ``group``, keeping every child widget that still fits its node (emits nothing)."""
        self.group = group
        with signals_blocked(self.not_box), signals_blocked(self.combinator_box):
            self.not_box.setChecked(group.negated)
            self.combinator_box.set_value(group.combinator)
        for i, node in enumerate(group.rules):
            if i < len(self.children) and self.children[i].accepts(node):
                child = self.children[i]
            else:
                child = self._make_child(node)
                if i < len(self.children):
                    self._drop(self.children[i])
                    self.children[i] = child
                else:
                    self.children.append(child)
                self.body.insertWidget(i, child)
                if self.isVisible():  # show it now, not when the event loop gets to it (Qt's default)
                    child.show()
            child.show_node(node)
        for extra in self.children[len(group.rules):]:
            self._drop(extra)
        del self.children[len(group.rules):]
        self.empty_label.setVisible(not group.rules and not self.context.is_orders)

    def apply_notes(self, skipped: dict[Path, int], problems: dict[Path, str], path: Path = ()) -> None:
        """Show the page's notes, each on the row at its path (``path`` is this group's)."""
        problem = problems.get(path, "")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        for i, child in enumerate(self.children):
            child.apply_notes(skipped, problems, (*path, i))

    def clear_notes(self) -> None:
        self.apply_notes({}, {})

    def _make_child(self, node: Rule) -> Any:
        child: Any
        if isinstance(node, Group):
            child = GroupEditor(self.context, removable=True, nested=True)
        elif isinstance(node, OrderCondition):
            child = OrderConditionRow(self.context, _where_group)
        else:
            assert isinstance(node, Condition)
            child = ConditionRow(self.context)
        child.edited.connect(lambda new, step, c=child: self._on_child_edited(c, new, step))
        child.remove_requested.connect(lambda c=child: self._on_child_remove_requested(c))
        return child

    def _drop(self, child: QWidget) -> None:
        self.body.removeWidget(child)
        child.setParent(None)  # off screen now; deleted once the click that removed it has returned
        child.deleteLater()

    # --- handlers ---

    def _on_child_edited(self, child: QWidget, new: Rule, step: str) -> None:
        self.edited.emit(replace_at(self.group, (self.children.index(child),), new), step)

    def _on_child_remove_requested(self, child: QWidget) -> None:
        i = self.children.index(child)
        step = tr("Remove group") if isinstance(self.group.rules[i], Group) else tr("Remove condition")
        self.edited.emit(remove_at(self.group, (i,)), step)

    def _on_not_box_toggled(self, checked: bool) -> None:
        self.edited.emit(set_negated(self.group, (), checked), tr("Negate group") if checked else
                         tr("Remove negation"))

    def _on_combinator_box_changed(self, _: int) -> None:
        combinator = Combinator(self.combinator_box.value())
        self.edited.emit(set_combinator(self.group, (), combinator), tr("Change all/any"))

    def _on_add_condition_button_clicked(self) -> None:
        first = self.context.default_condition()
        if first is not None:
            self.edited.emit(insert_at(self.group, (), first), tr("Add condition"))

    def _on_add_group_button_clicked(self) -> None:
        first = self.context.default_condition()
        if first is None:
            return
        # a group inside "all of" is usually an "any of" (and the other way round): nesting the same
        # combinator changes nothing
        other = Combinator.OR if self.group.combinator == Combinator.AND else Combinator.AND
        self.edited.emit(insert_at(self.group, (), Group(other, False, (first,))), tr("Add group"))


def _where_group(context: FieldContext) -> GroupEditor:
    """The order filter of an order-log condition: a removable group over the order log's columns."""
    return GroupEditor(context, removable=True, caption=tr("only orders where"), nested=True)
