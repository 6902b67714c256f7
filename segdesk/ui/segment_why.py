""""Why?": one customer against one segment's rule, node by node, in words (for the Why panel)."""

from __future__ import annotations

from segdesk.core.rules.data import RuleData
from segdesk.core.rules.describe import describe, labeller
from segdesk.core.rules.evaluate import explain
from segdesk.core.rules.model import Combinator, Group, Rule, RuleError
from segdesk.ui.i18n import language, tr

Row = tuple[int, str, "bool | None"]


def node_sentence(node: Rule, data: RuleData | None = None) -> str:
    """A condition as a sentence; a group as what it asks of the conditions below it."""
    if not isinstance(node, Group):
        catalogues = (data.catalogue, data.order_catalogue) if data is not None else ()
        return describe(node, language(), labeller(catalogues, language()))
    if not node.rules:
        return tr("everyone (the rule has no conditions yet)")
    if node.combinator == Combinator.AND:
        return tr("not all of these") if node.negated else tr("all of these")
    return tr("none of these") if node.negated else tr("at least one of these")


def explanation(rule: Group, data: RuleData, position: int) -> list[Row]:
    """(depth, sentence, met / not met / unknown) per node, depth first; one row saying what is wrong when
    the rule does not fit the data."""
    try:
        return [(depth, node_sentence(node, data), result)
                for depth, _, node, result in explain(rule, data, position)]
    except RuleError:
        return [(0, tr("The rule cannot be checked: see the problems in the rule editor."), None)]
