"""The rule tree as data: groups of conditions, frozen, with the JSON form the command line and projects use.

A group is ``{"combinator": "and"|"or", "not": false, "rules": [...]}``; a condition is
``{"field": NAME, "operator": OP, "value": V}``; a condition on the order log is
``{"orders": {"where": GROUP|null, "within": PERIOD|null}, "aggregate": "count"|"sum"|"exists",
"operator": OP, "value": V}``. A period is ``{"amount": N, "unit": "days"|"weeks"|"months"|"years"}``.

Values are kept as JSON gives them (text, numbers, booleans, ``YYYY-MM-DD`` date strings, lists as tuples,
periods as :class:`Period`): what a value means depends on the field's type, which only the data knows, so
values are checked against the field when the rule meets a table (:mod:`segdesk.core.rules.check`).

A node is addressed by a *path*: the indices from the root group down, ``()`` being the root itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from segdesk.core.errors import InputError


class Operator(StrEnum):
    EQ = "="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    BETWEEN = "between"
    NOT_BETWEEN = "notBetween"
    IN = "in"
    NOT_IN = "notIn"
    CONTAINS = "contains"
    NOT_CONTAINS = "doesNotContain"
    BEGINS_WITH = "beginsWith"
    NOT_BEGINS_WITH = "doesNotBeginWith"
    ENDS_WITH = "endsWith"
    NOT_ENDS_WITH = "doesNotEndWith"
    NULL = "null"
    NOT_NULL = "notNull"
    IS_TRUE = "isTrue"
    IS_FALSE = "isFalse"
    IN_LAST = "inLast"
    NOT_IN_LAST = "notInLast"
    IN_NEXT = "inNext"
    ANNIVERSARY_IN_NEXT = "anniversaryInNext"


class Unit(StrEnum):
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


class Combinator(StrEnum):
    AND = "and"
    OR = "or"


class Aggregate(StrEnum):
    COUNT = "count"  # distinct orders, as RFM's frequency counts them
    SUM = "sum"  # amounts, returns included
    EXISTS = "exists"  # at least one purchase


#: Operators that take no value.
NO_VALUE = frozenset({Operator.NULL, Operator.NOT_NULL, Operator.IS_TRUE, Operator.IS_FALSE})
#: Operators whose value is ``[low, high]``.
RANGE = frozenset({Operator.BETWEEN, Operator.NOT_BETWEEN})
#: Operators whose value is a list.
LIST = frozenset({Operator.IN, Operator.NOT_IN})
#: Operators whose value is a :class:`Period`.
RELATIVE = frozenset({Operator.IN_LAST, Operator.NOT_IN_LAST, Operator.IN_NEXT, Operator.ANNIVERSARY_IN_NEXT})


@dataclass(frozen=True)
class Period:
    amount: int
    unit: Unit = Unit.DAYS

    def to_json(self) -> dict[str, Any]:
        return {"amount": self.amount, "unit": self.unit.value}


@dataclass(frozen=True)
class Condition:
    field: str
    operator: Operator
    value: Any = None


@dataclass(frozen=True)
class Group:
    combinator: Combinator = Combinator.AND
    negated: bool = False
    rules: tuple[Rule, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class OrderCondition:
    """An aggregate of the order lines that match ``where`` (all lines when None) within the last ``within``
    (all time up to the as-of date when None), compared with ``value``."""

    aggregate: Aggregate
    operator: Operator
    value: Any = None
    where: Group | None = None
    within: Period | None = None


Rule = Condition | OrderCondition | Group
Path = tuple[int, ...]


class RuleError(InputError):
    """A rule that cannot be read or does not fit the data; ``path`` says which node (``()`` the root)."""

    def __init__(self, key: str, path: Path = (), **params: object) -> None:
        super().__init__(key, **params)
        self.path = path


def where_text(path: Path) -> str:
    """``(0, 2)`` → "condition 1.3": how a person counts conditions in a rule."""
    return "the rule" if not path else "condition " + ".".join(str(i + 1) for i in path)


# --- JSON ------------------------------------------------------------------------------------------------------


def rule_to_json(rule: Rule) -> dict[str, Any]:
    if isinstance(rule, Group):
        return {"combinator": rule.combinator.value, "not": rule.negated,
                "rules": [rule_to_json(r) for r in rule.rules]}
    if isinstance(rule, OrderCondition):
        return {"orders": {"where": None if rule.where is None else rule_to_json(rule.where),
                           "within": None if rule.within is None else rule.within.to_json()},
                "aggregate": rule.aggregate.value, "operator": rule.operator.value,
                "value": _value_to_json(rule.value)}
    return {"field": rule.field, "operator": rule.operator.value, "value": _value_to_json(rule.value)}


def _value_to_json(value: Any) -> Any:
    if isinstance(value, Period):
        return value.to_json()
    if isinstance(value, tuple):
        return [_value_to_json(v) for v in value]
    return value


def group_from_json(data: Any, path: Path = ()) -> Group:
    """The group ``data`` describes; RuleError naming the node at fault otherwise."""
    rule = rule_from_json(data, path)
    if not isinstance(rule, Group):
        raise RuleError("rule_not_group", path, where=where_text(path))
    return rule


def rule_from_json(data: Any, path: Path = ()) -> Rule:
    if not isinstance(data, dict):
        raise RuleError("rule_not_object", path, where=where_text(path))
    if "rules" in data or "combinator" in data or "not" in data or not data:
        return _group(data, path)
    if "orders" in data or "aggregate" in data:
        return _order_condition(data, path)
    if "field" in data:
        return _condition(data, path)
    raise RuleError("rule_unknown_node", path, where=where_text(path))


def _group(data: dict[str, Any], path: Path) -> Group:
    combinator = data.get("combinator", "and")
    if combinator not in Combinator._value2member_map_:
        raise RuleError("rule_bad_combinator", path, where=where_text(path), value=_shown(combinator))
    negated = data.get("not", False)
    if not isinstance(negated, bool):
        raise RuleError("rule_bad_not", path, where=where_text(path))
    rules = data.get("rules", [])
    if not isinstance(rules, list):
        raise RuleError("rule_bad_rules", path, where=where_text(path))
    return Group(Combinator(combinator), negated,
                 tuple(rule_from_json(r, (*path, i)) for i, r in enumerate(rules)))


def _operator(data: dict[str, Any], path: Path) -> Operator:
    op = data.get("operator")
    if not isinstance(op, str) or op not in Operator._value2member_map_:
        raise RuleError("rule_unknown_operator", path, where=where_text(path), operator=_shown(op))
    return Operator(op)


def _condition(data: dict[str, Any], path: Path) -> Condition:
    name = data.get("field")
    if not isinstance(name, str) or not name.strip():
        raise RuleError("rule_no_field", path, where=where_text(path))
    op = _operator(data, path)
    return Condition(name, op, value_from_json(op, data.get("value"), path))


def _order_condition(data: dict[str, Any], path: Path) -> OrderCondition:
    orders = data.get("orders") or {}
    if not isinstance(orders, dict):
        raise RuleError("rule_bad_orders", path, where=where_text(path))
    aggregate = data.get("aggregate")
    if not isinstance(aggregate, str) or aggregate not in Aggregate._value2member_map_:
        raise RuleError("rule_bad_aggregate", path, where=where_text(path), value=_shown(aggregate))
    op = _operator(data, path)
    where = orders.get("where")
    within = orders.get("within")
    return OrderCondition(Aggregate(aggregate), op, value_from_json(op, data.get("value"), path),
                          None if where is None else group_from_json(where, path),
                          None if within is None else period_from_json(within, path))


def period_from_json(data: Any, path: Path = ()) -> Period:
    if not isinstance(data, dict):
        raise RuleError("rule_bad_period", path, where=where_text(path))
    amount, unit = data.get("amount"), data.get("unit", "days")
    if isinstance(amount, float) and amount.is_integer():
        amount = int(amount)
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0 or amount > 100_000:
        raise RuleError("rule_bad_period", path, where=where_text(path))
    if unit not in Unit._value2member_map_:
        raise RuleError("rule_bad_unit", path, where=where_text(path), value=_shown(unit))
    return Period(amount, Unit(unit))


def value_from_json(op: Operator, value: Any, path: Path = ()) -> Any:
    """The value's shape checked against the operator (its type is checked against the field later)."""
    where = where_text(path)
    if op in NO_VALUE:
        return None
    if op in RELATIVE:
        return period_from_json(value, path)
    if op in RANGE:
        if not isinstance(value, list | tuple) or len(value) != 2 or not all(_scalar(v) for v in value):
            raise RuleError("rule_bad_range", path, where=where, operator=op.value)
        return tuple(value)
    if op in LIST:
        if isinstance(value, list | tuple) and all(_scalar(v) for v in value):
            return tuple(value)
        if _scalar(value):
            return (value,)
        raise RuleError("rule_bad_list", path, where=where, operator=op.value)
    if not _scalar(value):
        raise RuleError("rule_bad_value", path, where=where, operator=op.value)
    return value


def _scalar(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str | int | bool)


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."
