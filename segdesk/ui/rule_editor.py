"""The visual rule editor of the Segments page: nested all/any groups (negatable) of conditions on customer
columns, derived fields and the order log, with the live count and the rule read back as a sentence.

The editor holds no undo and evaluates nothing: each edit is a new root group (core's pure edits) emitted as
``rule_edited(root, step name)``; the page pushes it on its undo stack, evaluates it (debounced) and sends
back the count, the customers each condition skips because its field is empty, and any problems.
``set_rule`` shows a root without emitting, updating rows in place so the page may echo every edit back
while the user types.

Run alone: ``python -m segdesk.ui.rule_editor [--ru]`` opens it on the demo shop and prints each rule.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from segdesk.core.rules.describe import describe, labeller
from segdesk.core.rules.fields import Catalogue
from segdesk.core.rules.model import Condition, Group, OrderCondition, Path, Rule
from segdesk.ui.alone import run_alone
from segdesk.ui.i18n import language, tr
from segdesk.ui.rfm_labels import money, percent
from segdesk.ui.rule_condition import FieldContext, ValueSource
from segdesk.ui.rule_group import GroupEditor

Values = Callable[[str, bool], list[str]]


class RuleEditor(QWidget):
    """Edits one rule; see the module's docstring for who does what."""

    rule_edited = Signal(object, str)  # (the new root Group, the undo step's name)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rule = Group()
        self._context = FieldContext(Catalogue([]))
        self._skipped: dict[Path, int] = {}
        self._problems: dict[Path, str] = {}
        self.root: GroupEditor = self._new_root()
        self._content = QWidget()
        self._content_layout = QVBoxLayout(self._content)
        self._content_layout.setContentsMargins(8, 8, 8, 8)
        self._content_layout.addWidget(self.root)
        self._content_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self._content)
        self.count_label = QLabel()
        self.count_label.setObjectName("rule_count")
        self.count_label.setStyleSheet("font-weight: bold")
        self.sentence_label = QLabel()
        self.sentence_label.setObjectName("rule_sentence")
        self.sentence_label.setWordWrap(True)
        self.sentence_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sentence_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sentence_label.setStyleSheet("font-style: italic")
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        footer = QVBoxLayout()
        footer.setContentsMargins(8, 0, 8, 8)
        footer.setSpacing(4)
        footer.addWidget(self.count_label)
        footer.addWidget(self.sentence_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(line)
        layout.addLayout(footer)
        self._show(self._rule)

    # --- the page's API ---

    def set_fields(self, catalogue: Catalogue, order_catalogue: Catalogue | None,
                   values: Values | None) -> None:
        """The fields conditions can use; ``values(field, is_order_field)`` lists a field's values for
        completion and the "is one of" list (asked when an editor first needs them, once per field)."""
        self._context = FieldContext(catalogue, ValueSource(values), order_catalogue)
        old = self.root
        self.root = self._new_root()
        self._content_layout.replaceWidget(old, self.root)
        self.root.show()
        old.setParent(None)
        old.deleteLater()
        self.root.show_node(self._rule)
        self._apply_notes()

    def set_rule(self, rule: Group) -> None:
        """Show ``rule`` (another segment chosen, undo, redo); emits nothing."""
        if rule != self._rule:
            self._show(rule)

    def rule(self) -> Group:
        return self._rule

    def set_count(self, customers: int | None, share: float | None, revenue: float | None) -> None:
        """The live count line; ``customers`` None while the rule is being counted."""
        if customers is None:
            self.count_label.setText(tr("Counting…"))
            return
        parts = [tr("{count} customers match", count=customers)]
        if share is not None:
            parts.append(tr("{share} of all customers", share=percent(share)))
        if revenue is not None:
            parts.append(tr("revenue {amount}", amount=money(revenue)))
        self.count_label.setText(" · ".join(parts))

    def set_skipped(self, skipped: dict[Path, int]) -> None:
        """Per condition path: customers the condition skips because its field is empty."""
        self._skipped = dict(skipped)
        self._apply_notes()

    def set_problems(self, problems: dict[Path, str]) -> None:
        """Per path: what is wrong with that node (shown in red on its row)."""
        self._problems = dict(problems)
        self._apply_notes()

    # --- inside ---

    def _new_root(self) -> GroupEditor:
        root = GroupEditor(self._context)
        root.edited.connect(self._on_root_edited)
        return root

    def _show(self, rule: Group) -> None:
        if _shape(rule) != _shape(self._rule):
            # notes are by path: once conditions come or go they would sit on the wrong rows until the page
            # has counted again
            self._skipped, self._problems = {}, {}
        self._rule = rule
        self.root.show_node(rule)
        self._apply_notes()
        context = getattr(self, "_context", None)
        catalogues = (context.catalogue, context.orders) if context is not None else ()
        self.sentence_label.setText(describe(rule, language(), labeller(catalogues, language())))

    def _apply_notes(self) -> None:
        self.root.apply_notes(self._skipped, self._problems)

    def _on_root_edited(self, rule: Group, step: str) -> None:
        if rule == self._rule:
            return
        self._show(rule)
        self.rule_edited.emit(rule, step)


def _shape(rule: Rule) -> object:
    """What the paths of a rule point at: equal shapes mean a path names the same row in both."""
    if isinstance(rule, Group):
        return tuple(_shape(r) for r in rule.rules)
    return "o" if isinstance(rule, OrderCondition) else "c"


def _demo_editor() -> RuleEditor:
    """The editor on the demo shop's fields, with a rule to look at."""
    from segdesk.core.model.dataset import load_demo
    from segdesk.core.rules.fields import DERIVED_KINDS, FieldGroup
    from segdesk.core.rules.model import Aggregate, Combinator, Operator, Period
    from segdesk.ui.rfm_samples import DEMO

    data = load_demo(DEMO)
    assert data.customers is not None
    customers, orders = data.customers.frame, data.orders.frame if data.orders is not None else None

    def values(name: str, is_order: bool) -> list[str]:
        frame = orders if is_order else customers
        if frame is None or name not in frame:
            return []
        return sorted({str(v) for v in frame[name].dropna().unique()[:5_000]})

    editor = RuleEditor()
    order_fields = Catalogue.of(data.orders.columns, FieldGroup.ORDERS) if data.orders is not None else None
    editor.set_fields(Catalogue.of(data.customers.columns, derived=DERIVED_KINDS), order_fields, values)
    bought = Group(rules=(Condition("category", Operator.IN, ("Обувь",)),))
    editor.set_rule(Group(Combinator.AND, False, (
        Condition("Город", Operator.IN, ("Москва", "Санкт-Петербург")),
        Group(Combinator.OR, True, (Condition("Согласие на рассылку", Operator.IS_FALSE),
                                    Condition("E-mail", Operator.NULL))),
        OrderCondition(Aggregate.COUNT, Operator.GE, 2, bought, Period(90)),
    )))
    return editor


def main(argv: list[str] | None = None) -> int:
    """Open the editor alone on the demo data (``--ru`` for the Russian interface); print each edited rule."""
    from segdesk.core.rules.model import rule_to_json

    def build(argv: list[str]) -> RuleEditor:
        editor = _demo_editor()
        editor.rule_edited.connect(lambda rule, step: print(step, json.dumps(rule_to_json(rule), ensure_ascii=False)))
        editor.set_count(None, None, None)
        return editor

    return run_alone(build, argv, size=(1000, 560), title=lambda: tr("Rule editor"))


if __name__ == "__main__":
    raise SystemExit(main())
