"""What the rule editor calls operators, units, aggregates, derived fields and field groups, in the
interface language.

Rules keep core's stable names (``inLast``, ``days``, ``recency_days``); the words a user reads are chosen
here, and they depend on the field's type: ``<`` reads "before" for a date and "less than" for a number.
"""

from __future__ import annotations

from segdesk.core.io.table import ColumnType
from segdesk.core.rules.fields import FieldGroup
from segdesk.core.rules.model import Aggregate, Combinator, Operator, Unit
from segdesk.ui.i18n import tr

_DATE_WORDS = {Operator.EQ, Operator.NE, Operator.LT, Operator.LE, Operator.GT, Operator.GE}


def operator_label(op: Operator, kind: ColumnType | None = None) -> str:
    """``op`` as a picker shows it for a field of type ``kind`` (None: a number from the order log)."""
    if kind == ColumnType.DATE and op in _DATE_WORDS:
        return _date_operator(op)
    if kind == ColumnType.BOOLEAN and op in (Operator.IS_TRUE, Operator.IS_FALSE):
        return tr("is yes") if op == Operator.IS_TRUE else tr("is no")
    return _operator(op)


def _operator(op: Operator) -> str:
    return {
        Operator.EQ: tr("is"),
        Operator.NE: tr("is not"),
        Operator.LT: tr("less than"),
        Operator.LE: tr("at most"),
        Operator.GT: tr("more than"),
        Operator.GE: tr("at least"),
        Operator.BETWEEN: tr("between"),
        Operator.NOT_BETWEEN: tr("not between"),
        Operator.IN: tr("is one of"),
        Operator.NOT_IN: tr("is none of"),
        Operator.CONTAINS: tr("contains"),
        Operator.NOT_CONTAINS: tr("does not contain"),
        Operator.BEGINS_WITH: tr("begins with"),
        Operator.NOT_BEGINS_WITH: tr("does not begin with"),
        Operator.ENDS_WITH: tr("ends with"),
        Operator.NOT_ENDS_WITH: tr("does not end with"),
        Operator.NULL: tr("is empty"),
        Operator.NOT_NULL: tr("is not empty"),
        Operator.IS_TRUE: tr("is true"),
        Operator.IS_FALSE: tr("is false"),
        Operator.IN_LAST: tr("in the last"),
        Operator.NOT_IN_LAST: tr("not in the last"),
        Operator.IN_NEXT: tr("in the next"),
        Operator.ANNIVERSARY_IN_NEXT: tr("anniversary in the next"),
    }[op]


def _date_operator(op: Operator) -> str:
    return {
        Operator.EQ: tr("on"),
        Operator.NE: tr("not on"),
        Operator.LT: tr("before"),
        Operator.LE: tr("on or before"),
        Operator.GT: tr("after"),
        Operator.GE: tr("on or after"),
    }[op]


def exists_label(op: Operator) -> str:
    """The operators of the "purchases" aggregate: there are some, or there are none."""
    return tr("exist") if op == Operator.IS_TRUE else tr("do not exist")


def aggregate_label(aggregate: Aggregate) -> str:
    return {
        Aggregate.COUNT: tr("number of orders"),
        Aggregate.SUM: tr("sum of order amounts"),
        Aggregate.EXISTS: tr("purchases"),
    }[aggregate]


def unit_label(unit: Unit) -> str:
    return {Unit.DAYS: tr("days"), Unit.WEEKS: tr("weeks"), Unit.MONTHS: tr("months"), Unit.YEARS: tr("years")}[unit]


def combinator_label(combinator: Combinator) -> str:
    return tr("all of") if combinator == Combinator.AND else tr("any of")


def section_label(group: FieldGroup) -> str:
    """The heading of a part of the field picker."""
    return {
        FieldGroup.CUSTOMER: tr("Customer columns"),
        FieldGroup.DERIVED: tr("Derived fields"),
        FieldGroup.ORDERS: tr("Order log"),
    }[group]


def derived_label(name: str) -> str:
    """A derived field's human name; a name this interface does not know is shown as it is."""
    labels = {
        "recency_days": tr("Days since the last purchase"),
        "frequency": tr("Number of orders (frequency)"),
        "monetary": tr("Money spent (monetary)"),
        "avg_order_value": tr("Average order value"),
        "first_purchase": tr("First purchase"),
        "last_purchase": tr("Last purchase"),
        "r_score": tr("R score"),
        "f_score": tr("F score"),
        "m_score": tr("M score"),
        "rfm_code": tr("RFM code"),
        "rfm_segment": tr("RFM segment"),
        "lifecycle_stage": tr("Customer lifecycle stage"),
    }
    return labels.get(name, name)
