"""Rules evaluated over whole columns, three-valued, through lookup tables of vectorised functions.

No ``eval``, no ``DataFrame.query``, no row-wise ``apply``: a condition is one or two numpy/arrow passes,
a group is ``&``/``|`` of its children's (true, false) pairs. Unknown fields, operators that do not fit the
field's type and values of the wrong kind raise :class:`RuleError` naming the condition.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from segdesk.core.io.table import ColumnType
from segdesk.core.rfm.purchases import to_day
from segdesk.core.rules.columns import NumberColumn, PreparedColumns, TextColumn, fold
from segdesk.core.rules.data import OrderLines, RuleData
from segdesk.core.rules.fields import AGGREGATE_OPERATORS, DERIVED_KINDS, OPERATORS, Catalogue, Field
from segdesk.core.rules.model import (
    Aggregate,
    Combinator,
    Condition,
    Group,
    Operator,
    OrderCondition,
    Path,
    Period,
    Rule,
    RuleError,
    Unit,
    where_text,
)
from segdesk.core.rules.truth import Truth

Op = Operator


@dataclass(frozen=True)
class _Scope:
    """Where conditions are looked up and evaluated: the customers, or the order lines of an order condition."""

    catalogue: Catalogue
    columns: PreparedColumns
    n: int
    as_of_day: int
    data: RuleData
    orders: bool = False


def evaluate(rule: Rule, data: RuleData) -> Truth:
    """Which customers ``rule`` is true for, false for, and (neither) unknown for."""
    return _evaluate(rule, _customers(data), ())


def problems(rule: Group, data: RuleData) -> dict[Path, RuleError]:
    """Every condition that cannot be evaluated, by path (the editor marks each one)."""
    found: dict[Path, RuleError] = {}

    def visit(group: Group, path: Path) -> None:
        for i, child in enumerate(group.rules):
            if isinstance(child, Group):
                visit(child, (*path, i))
                continue
            try:
                _evaluate(child, _customers(data), (*path, i))
            except RuleError as e:
                found[(*path, i)] = e
    visit(rule, ())
    return found


def skipped(condition: Condition, data: RuleData) -> int:
    """Customers a condition can say nothing about because its field is empty (0 for unknown fields)."""
    found = data.catalogue.find(condition.field)
    if found is None:
        return 0
    return data.n - int(np.count_nonzero(data.columns.get(found.name).known))


def explain(rule: Group, data: RuleData, position: int) -> list[tuple[int, Path, Rule, bool | None]]:
    """For one customer, each node of ``rule`` (depth first) with its result: met, failed, or unknown."""
    rows: list[tuple[int, Path, Rule, bool | None]] = []
    scope = _customers(data)

    def visit(node: Rule, path: Path) -> None:
        rows.append((len(path), path, node, _evaluate(node, scope, path).at(position)))
        if isinstance(node, Group):
            for i, child in enumerate(node.rules):
                visit(child, (*path, i))
    visit(rule, ())
    return rows


def _customers(data: RuleData) -> _Scope:
    return _Scope(data.catalogue, data.columns, data.n, data.as_of_day, data)


def _evaluate(rule: Rule, scope: _Scope, path: Path) -> Truth:
    if isinstance(rule, Group):
        return _group(rule, scope, path)
    key = (scope.orders, rule)
    found = scope.data.cached(key)
    if found is None:
        found = _orders(rule, scope, path) if isinstance(rule, OrderCondition) else _condition(rule, scope, path)
        scope.data.remember(key, found)
    return found


def _group(group: Group, scope: _Scope, path: Path) -> Truth:
    if not group.rules:  # an empty group asks nothing: everyone
        truth = Truth.constant(scope.n, True)
    else:
        parts = [_evaluate(r, scope, (*path, i)) for i, r in enumerate(group.rules)]
        true, false = parts[0].true.copy(), parts[0].false.copy()
        for part in parts[1:]:
            if group.combinator == Combinator.AND:
                np.logical_and(true, part.true, out=true)
                np.logical_or(false, part.false, out=false)
            else:
                np.logical_or(true, part.true, out=true)
                np.logical_and(false, part.false, out=false)
        truth = Truth(true, false)
    return ~truth if group.negated else truth


def _field(cond: Condition, scope: _Scope, path: Path) -> Field:
    found = scope.catalogue.find(cond.field)
    if found is None:
        if not scope.orders and cond.field in DERIVED_KINDS:
            raise RuleError("rule_needs_rfm", path, where=where_text(path), field=cond.field)
        key = "rule_unknown_order_field" if scope.orders else "rule_unknown_field"
        raise RuleError(key, path, where=where_text(path), field=cond.field)
    if cond.operator not in OPERATORS[found.kind]:
        raise RuleError("rule_operator_type", path, where=where_text(path), operator=cond.operator.value,
                        field=found.name, type=found.kind.value)
    return found


def _condition(cond: Condition, scope: _Scope, path: Path) -> Truth:
    field = _field(cond, scope, path)
    col = scope.columns.get(field.name)
    if isinstance(col, TextColumn):
        return _TEXT[cond.operator](col, _texts(cond.value))
    value = _typed(cond.value, field.kind, cond.operator, path)
    if cond.operator in _RELATIVE:
        return _RELATIVE[cond.operator](col, value, scope.as_of_day)
    return _NUMBER[cond.operator](col, value)


# --- text: decided once per distinct value ---------------------------------------------------------------------


def _texts(value: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(_text_value(v) for v in value)
    return _text_value(value)


def _text_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return fold(str(value)) if value is not None else ""


def _per_value(col: TextColumn, test: Callable[[pa.Array], Any]) -> Truth:
    per = np.asarray(test(col.folded).to_numpy(zero_copy_only=False), dtype=bool) if len(col.folded) \
        else np.zeros(0, dtype=bool)
    return Truth(col.spread(per), col.spread(~per))


def _not(fn: Callable[[TextColumn, Any], Truth]) -> Callable[[TextColumn, Any], Truth]:
    return lambda col, value: ~fn(col, value)


def _text_equal(col: TextColumn, value: Any) -> Truth:
    return _per_value(col, lambda a: pc.equal(a, value))


def _text_in(col: TextColumn, value: Any) -> Truth:
    return _per_value(col, lambda a: pc.is_in(a, value_set=pa.array(list(value), type=pa.large_string())))


def _contains(col: TextColumn, value: Any) -> Truth:
    return _per_value(col, lambda a: pc.match_substring(a, value))


def _begins(col: TextColumn, value: Any) -> Truth:
    return _per_value(col, lambda a: pc.starts_with(a, value))


def _ends(col: TextColumn, value: Any) -> Truth:
    return _per_value(col, lambda a: pc.ends_with(a, value))


def _text_null(col: TextColumn, _: Any) -> Truth:
    known = col.known
    return Truth(~known, known)


_TEXT: dict[Operator, Callable[[TextColumn, Any], Truth]] = {
    Op.EQ: _text_equal, Op.NE: _not(_text_equal), Op.IN: _text_in, Op.NOT_IN: _not(_text_in),
    Op.CONTAINS: _contains, Op.NOT_CONTAINS: _not(_contains), Op.BEGINS_WITH: _begins,
    Op.NOT_BEGINS_WITH: _not(_begins), Op.ENDS_WITH: _ends, Op.NOT_ENDS_WITH: _not(_ends),
    Op.NULL: _text_null, Op.NOT_NULL: _not(_text_null),
}


# --- numbers, dates (days), booleans (1/0): NaN is unknown -----------------------------------------------------


def _compare(fn: Callable[[np.ndarray, Any], np.ndarray]) -> Callable[[NumberColumn, Any], Truth]:
    """A comparison whose false side is the plain complement among known values."""
    def run(col: NumberColumn, value: Any) -> Truth:
        return Truth.known(fn(col.values, value), col.known)
    return run


def _null(col: NumberColumn, _: Any) -> Truth:
    known = col.known
    return Truth(~known, known)


_NUMBER: dict[Operator, Callable[[NumberColumn, Any], Truth]] = {
    Op.EQ: _compare(lambda v, x: v == x), Op.NE: _compare(lambda v, x: v != x),
    Op.LT: _compare(lambda v, x: v < x), Op.LE: _compare(lambda v, x: v <= x),
    Op.GT: _compare(lambda v, x: v > x), Op.GE: _compare(lambda v, x: v >= x),
    Op.BETWEEN: _compare(lambda v, x: (v >= x[0]) & (v <= x[1])),
    Op.NOT_BETWEEN: _compare(lambda v, x: (v < x[0]) | (v > x[1])),
    Op.IN: _compare(lambda v, x: np.isin(v, x)), Op.NOT_IN: _compare(lambda v, x: ~np.isin(v, x)),
    Op.NULL: _null, Op.NOT_NULL: lambda col, x: ~_null(col, x),
    Op.IS_TRUE: _compare(lambda v, x: v == 1.0), Op.IS_FALSE: _compare(lambda v, x: v == 0.0),
}


def _typed(value: Any, kind: ColumnType, op: Operator, path: Path) -> Any:
    """The value as the column's numbers: floats, days since 1970, 1/0; ranges ordered low to high."""
    if op in _RELATIVE or value is None and op in (Op.NULL, Op.NOT_NULL, Op.IS_TRUE, Op.IS_FALSE):
        return value
    if isinstance(value, tuple):
        items = tuple(_scalar(v, kind, path) for v in value)
        if op in (Op.BETWEEN, Op.NOT_BETWEEN):
            return (min(items), max(items))
        return np.array(items, dtype=np.float64)
    return _scalar(value, kind, path)


def _scalar(value: Any, kind: ColumnType, path: Path) -> float:
    where = where_text(path)
    if kind == ColumnType.DATE:
        try:
            return float(to_day(dt.date.fromisoformat(str(value))))
        except ValueError:
            raise RuleError("rule_value_not_date", path, where=where, value=str(value)) from None
    if kind == ColumnType.BOOLEAN:
        if isinstance(value, bool):
            return 1.0 if value else 0.0
        text = str(value).strip().casefold()
        if text in _YES or text in _NO:
            return 1.0 if text in _YES else 0.0
        raise RuleError("rule_value_not_bool", path, where=where, value=str(value))
    if isinstance(value, bool):
        raise RuleError("rule_value_not_number", path, where=where, value=str(value))
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        raise RuleError("rule_value_not_number", path, where=where, value=str(value)) from None


_YES = {"true", "yes", "1", "да", "y", "da"}
_NO = {"false", "no", "0", "нет", "n", "ne"}


# --- relative dates, measured from the as-of date --------------------------------------------------------------


def shift(day: int, period: Period, sign: int) -> int:
    """``day`` moved by ``period`` (months and years by the calendar, clamped to the month's end)."""
    n = period.amount * sign
    if period.unit == Unit.DAYS:
        return day + n
    if period.unit == Unit.WEEKS:
        return day + 7 * n
    months = n * (12 if period.unit == Unit.YEARS else 1)
    date = dt.date(1970, 1, 1) + dt.timedelta(days=day)
    year, month = divmod(date.year * 12 + date.month - 1 + months, 12)
    year = min(max(year, 1), 9999)
    return to_day(dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1])))


def _in_last(col: NumberColumn, period: Period, as_of: int) -> Truth:
    """The N calendar days (weeks, months, years) ending on the as-of date, the as-of date included."""
    start = shift(as_of, period, -1) + 1
    v = col.values
    return Truth.known((v >= start) & (v <= as_of), col.known)


def _not_in_last(col: NumberColumn, period: Period, as_of: int) -> Truth:
    """Older than that: before the window starts (a date after the as-of date is neither)."""
    start = shift(as_of, period, -1) + 1
    return Truth.known(col.values < start, col.known)


def _in_next(col: NumberColumn, period: Period, as_of: int) -> Truth:
    """The N calendar days starting on the as-of date, the as-of date included."""
    end = shift(as_of, period, 1) - 1
    v = col.values
    return Truth.known((v >= as_of) & (v <= end), col.known)


def _anniversary(col: NumberColumn, period: Period, as_of: int) -> Truth:
    """The date's month and day fall in the next N days (29 February counts as 28 February in other years)."""
    end = shift(as_of, period, 1) - 1
    known = col.known
    if end - as_of >= 365:
        return Truth.known(np.ones(len(known), dtype=bool), known)
    allowed = np.zeros(13 * 32, dtype=bool)
    for day in range(as_of, end + 1):
        date = dt.date(1970, 1, 1) + dt.timedelta(days=day)
        allowed[date.month * 32 + date.day] = True
        if date.month == 2 and date.day == 28 and not _leap(date.year):
            allowed[2 * 32 + 29] = True
    days = np.where(known, col.values, 0).astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    month = months.astype(np.int64) % 12 + 1
    dom = (days - months).astype(np.int64) + 1
    return Truth.known(allowed[month * 32 + dom], known)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


_RELATIVE: dict[Operator, Callable[[NumberColumn, Period, int], Truth]] = {
    Op.IN_LAST: _in_last, Op.NOT_IN_LAST: _not_in_last, Op.IN_NEXT: _in_next,
    Op.ANNIVERSARY_IN_NEXT: _anniversary,
}


# --- the order log ---------------------------------------------------------------------------------------------


def _orders(cond: OrderCondition, scope: _Scope, path: Path) -> Truth:
    data = scope.data
    lines = data.orders
    where = where_text(path)
    if scope.orders:
        raise RuleError("rule_nested_orders", path, where=where)
    if lines is None or data.order_catalogue is None:
        raise RuleError("rule_no_orders", path, where=where)
    if cond.operator not in AGGREGATE_OPERATORS[cond.aggregate.value]:
        raise RuleError("rule_operator_type", path, where=where, operator=cond.operator.value,
                        field=cond.aggregate.value, type="aggregate")
    chosen = lines.usable & (lines.day <= scope.as_of_day)
    if cond.within is not None:
        chosen &= lines.day >= shift(scope.as_of_day, cond.within, -1) + 1
    if cond.where is not None and cond.where.rules:
        inner = _Scope(data.order_catalogue, lines.columns, len(lines.day), scope.as_of_day, data, orders=True)
        chosen &= _group(cond.where, inner, path).true
    values = _aggregate(lines, chosen, cond.aggregate)
    if cond.aggregate == Aggregate.EXISTS:
        col = NumberColumn(values, ColumnType.BOOLEAN)
        return _NUMBER[cond.operator](col, None)
    col = NumberColumn(values, ColumnType.NUMBER)
    return _NUMBER[cond.operator](col, _typed(cond.value, ColumnType.NUMBER, cond.operator, path))


def _aggregate(lines: OrderLines, chosen: np.ndarray, aggregate: Aggregate) -> np.ndarray:
    n = lines.n_customers
    if aggregate == Aggregate.SUM:
        return np.bincount(lines.customer[chosen], weights=lines.amount[chosen], minlength=n)
    bought = chosen & lines.purchase
    if aggregate == Aggregate.EXISTS:
        found = np.zeros(n, dtype=np.float64)
        found[lines.customer[bought]] = 1.0
        return found
    order, order_customer = lines.orders
    seen = np.zeros(len(order_customer), dtype=bool)
    seen[order[bought]] = True
    return np.bincount(order_customer[seen], minlength=n).astype(np.float64)
