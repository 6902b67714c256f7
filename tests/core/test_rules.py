"""Rule evaluation: the semantics PRODUCT.md promises (three-valued logic, text ignoring case and spaces,
relative dates from the as-of date), checked against independent row-by-row oracles."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rule_tables import table_of

from segdesk.core.io.table import ColumnType, Role
from segdesk.core.model.orders import OrderLink, OrderMapping
from segdesk.core.rules.data import RuleData
from segdesk.core.rules.evaluate import evaluate, explain, problems, shift, skipped
from segdesk.core.rules.model import (
    Aggregate,
    Combinator,
    Condition,
    Group,
    Operator,
    OrderCondition,
    Period,
    RuleError,
    Unit,
    group_from_json,
    rule_from_json,
    rule_to_json,
)

AS_OF = dt.date(2025, 3, 10)
T = ColumnType


def _data(frame: pd.DataFrame, types: dict, roles: dict | None = None, as_of: dt.date = AS_OF, **kw) -> RuleData:
    return RuleData(table_of(frame, types, roles), as_of, **kw)


def _truth(rule, data):
    """(true, false) as lists of row indices."""
    t = evaluate(rule, data)
    return list(np.flatnonzero(t.true)), list(np.flatnonzero(t.false))


CITIES = pd.DataFrame({"city": pd.array(["Moscow", " moscow ", "MOSCOW", "Kazan", None, "  "], dtype="str")})


def test_text_ignores_case_and_surrounding_spaces_and_blank_is_empty():
    data = _data(CITIES, {"city": T.TEXT}, {"city": Role.CITY})
    assert _truth(Condition("city", Operator.EQ, "Moscow"), data) == ([0, 1, 2], [3])
    # An empty city matches neither = nor != nor NOT(=): only "is empty" finds it.
    assert _truth(Condition("city", Operator.NE, "moscow"), data) == ([3], [0, 1, 2])
    negated = Group(Combinator.AND, True, (Condition("city", Operator.EQ, "moscow"),))
    assert _truth(negated, data) == ([3], [0, 1, 2])
    assert _truth(Condition("city", Operator.NULL), data) == ([4, 5], [0, 1, 2, 3])
    assert skipped(Condition("city", Operator.EQ, "x"), data) == 2


@pytest.mark.parametrize(("op", "value", "true"), [
    (Operator.CONTAINS, "OSC", [0, 1, 2]), (Operator.NOT_CONTAINS, "osc", [3]),
    (Operator.BEGINS_WITH, "ka", [3]), (Operator.NOT_BEGINS_WITH, "ka", [0, 1, 2]),
    (Operator.ENDS_WITH, "cow", [0, 1, 2]), (Operator.NOT_ENDS_WITH, "cow", [3]),
    (Operator.IN, ("kazan", "Moscow "), [0, 1, 2, 3]), (Operator.NOT_IN, ("kazan",), [0, 1, 2]),
])
def test_text_operators_never_match_empty_values(op, value, true):
    data = _data(CITIES, {"city": T.TEXT})
    got_true, got_false = _truth(Condition("city", op, value), data)
    assert got_true == true
    assert sorted(got_true + got_false) == [0, 1, 2, 3]  # rows 4 and 5 are empty: unknown


def test_category_columns_and_field_lookup_by_role_and_loose_name():
    frame = pd.DataFrame({"Город ": pd.Categorical(["Москва", "Казань", None])})
    data = _data(frame, {"Город ": T.CATEGORY}, {"Город ": Role.CITY})
    assert _truth(Condition("city", Operator.EQ, "москва"), data) == ([0], [1])
    assert _truth(Condition("город", Operator.IN, ("казань",)), data) == ([1], [0])


NUMBERS = pd.DataFrame({"spent": [100.0, 50_000.0, np.nan, 70_000.5],
                        "orders": pd.array([1, None, 3, 4], dtype="Int64"),
                        "consent": pd.array([True, False, None, True], dtype="boolean")})
NUMBER_TYPES = {"spent": T.NUMBER, "orders": T.INTEGER, "consent": T.BOOLEAN}


@pytest.mark.parametrize(("op", "value", "true", "false"), [
    (Operator.GT, 50_000, [3], [0, 1]), (Operator.GE, "50 000", [1, 3], [0]), (Operator.LT, 100, [], [0, 1, 3]),
    (Operator.LE, 100, [0], [1, 3]), (Operator.EQ, 100, [0], [1, 3]), (Operator.NE, 100, [1, 3], [0]),
    (Operator.BETWEEN, (60_000, 100), [0, 1], [3]), (Operator.NOT_BETWEEN, (100, 60_000), [3], [0, 1]),
    (Operator.IN, (100, 70_000.5), [0, 3], [1]), (Operator.NOT_NULL, None, [0, 1, 3], [2]),
])
def test_number_operators_leave_empty_values_unknown(op, value, true, false):
    data = _data(NUMBERS, NUMBER_TYPES)
    assert _truth(Condition("spent", op, value), data) == (true, false)


def test_integers_and_booleans():
    data = _data(NUMBERS, NUMBER_TYPES, {"consent": Role.EMAIL_CONSENT})
    assert _truth(Condition("orders", Operator.GE, 3), data) == ([2, 3], [0])
    assert _truth(Condition("email_consent", Operator.IS_TRUE), data) == ([0, 3], [1])
    assert _truth(Condition("consent", Operator.IS_FALSE), data) == ([1], [0, 3])
    assert _truth(Condition("consent", Operator.EQ, "да"), data) == ([0, 3], [1])


DATES = pd.DataFrame({"last": pd.to_datetime(["2025-03-10", "2024-12-11", "2024-12-10", None, "2025-03-11",
                                              "2024-03-10 15:30"], format="ISO8601")})


def test_in_last_covers_n_days_ending_on_the_as_of_date_included():
    data = _data(DATES, {"last": T.DATE})
    # 90 days ending 2025-03-10 start on 2024-12-11; a date after the as-of date is in neither window.
    assert _truth(Condition("last", Operator.IN_LAST, Period(90)), data) == ([0, 1], [2, 4, 5])
    assert _truth(Condition("last", Operator.NOT_IN_LAST, Period(90)), data) == ([2, 5], [0, 1, 4])
    # A year back from 2025-03-10 starts on 2024-03-11: the 10th (even at 15:30) is older.
    assert _truth(Condition("last", Operator.IN_LAST, Period(1, Unit.YEARS)), data)[0] == [0, 1, 2]
    assert _truth(Condition("last", Operator.IN_NEXT, Period(2)), data) == ([0, 4], [1, 2, 5])
    assert _truth(Condition("last", Operator.LT, "2024-12-11"), data) == ([2, 5], [0, 1, 4])
    assert _truth(Condition("last", Operator.EQ, "2024-03-10"), data)[0] == [5]


def test_months_follow_the_calendar_and_clamp_to_the_month_end():
    day = (dt.date(2025, 3, 31) - dt.date(1970, 1, 1)).days
    back = dt.date(1970, 1, 1) + dt.timedelta(days=shift(day, Period(1, Unit.MONTHS), -1))
    assert back == dt.date(2025, 2, 28)
    leap = (dt.date(2024, 2, 29) - dt.date(1970, 1, 1)).days
    assert dt.date(1970, 1, 1) + dt.timedelta(days=shift(leap, Period(1, Unit.YEARS), 1)) == dt.date(2025, 2, 28)


def test_anniversary_counts_29_february_as_28_february_in_other_years():
    births = pd.DataFrame({"born": pd.to_datetime(["1992-02-29", "1980-03-01", "1990-02-27", "1999-12-31",
                                                   None])})
    data = _data(births, {"born": T.DATE}, as_of=dt.date(2025, 2, 28))
    assert _truth(Condition("born", Operator.ANNIVERSARY_IN_NEXT, Period(1)), data) == ([0], [1, 2, 3])
    assert _truth(Condition("born", Operator.ANNIVERSARY_IN_NEXT, Period(2)), data)[0] == [0, 1]
    leap_year = _data(births, {"born": T.DATE}, as_of=dt.date(2024, 2, 28))
    assert _truth(Condition("born", Operator.ANNIVERSARY_IN_NEXT, Period(1)), leap_year)[0] == []
    # Across the new year.
    new_year = _data(births, {"born": T.DATE}, as_of=dt.date(2025, 12, 25))
    assert _truth(Condition("born", Operator.ANNIVERSARY_IN_NEXT, Period(14)), new_year)[0] == [3]
    assert _truth(Condition("born", Operator.ANNIVERSARY_IN_NEXT, Period(2, Unit.YEARS)), new_year)[0] == [0, 1, 2, 3]


def _orders_data():
    customers = pd.DataFrame({"id": pd.array(["a", "b", "c"], dtype="str")})
    orders = pd.DataFrame({
        "order": pd.array([1, 1, 2, 3, 4, 5, 6], dtype="Int64"),
        "date": pd.to_datetime(["2025-03-01", "2025-03-01", "2024-01-01", "2025-02-01", "2025-03-05",
                                "2025-03-20", "2025-03-02"]),
        "amount": [100.0, 50.0, 10.0, 30.0, -20.0, 999.0, 5.0],
        "category": pd.array(["Kids", "Shoes", "Kids", "kids ", "Kids", "Kids", "Toys"], dtype="str"),
    })
    order_table = table_of(orders, {"order": T.INTEGER, "date": T.DATE, "amount": T.NUMBER, "category": T.TEXT},
                           {"category": Role.PRODUCT_CATEGORY}, "orders.csv")
    link = OrderLink(np.array([0, 0, 0, 1, 1, 0, -1]), Role.CUSTOMER_ID, None)  # type: ignore[arg-type]
    mapping = OrderMapping("id", "date", "amount", "order", None, "category")
    return _data(customers, {"id": T.TEXT}, {"id": Role.CUSTOMER_ID}, orders=order_table, link=link,
                 mapping=mapping)


def test_order_conditions_count_distinct_orders_before_the_as_of_date():
    data = _orders_data()
    kids = Group(Combinator.AND, False, (Condition("category", Operator.EQ, "KIDS"),))
    # Customer a: order 1 (two lines, one Kids) on 03-01, order 2 in 2024; order 5 is after the as-of date.
    count = OrderCondition(Aggregate.COUNT, Operator.GE, 2)
    assert _truth(count, data) == ([0], [1, 2])
    assert evaluate(OrderCondition(Aggregate.COUNT, Operator.EQ, 1, kids, Period(90)), data).true.tolist() == \
        [True, True, False]
    # A return is money back, not a purchase: b's Kids lines in 90 days are one purchase and one return.
    assert _truth(OrderCondition(Aggregate.SUM, Operator.GT, 100, None, Period(90)), data) == ([0], [1, 2])
    spent = OrderCondition(Aggregate.SUM, Operator.EQ, 10, None, None)
    assert _truth(spent, data)[0] == [1]  # 30 - 20
    never = OrderCondition(Aggregate.EXISTS, Operator.IS_FALSE, None,
                           Group(Combinator.AND, False, (Condition("category", Operator.EQ, "Toys"),)))
    assert _truth(never, data) == ([0, 1, 2], [])  # the Toys line has no known customer


def test_errors_name_the_condition():
    data = _data(CITIES, {"city": T.TEXT})
    with pytest.raises(RuleError, match="condition 2: there is no field 'town'") as info:
        evaluate(group_from_json({"rules": [{"field": "city", "operator": "=", "value": "x"},
                                            {"field": "town", "operator": "=", "value": "x"}]}), data)
    assert info.value.path == (1,)
    with pytest.raises(RuleError, match="'<' does not apply to 'city'"):
        evaluate(Condition("city", Operator.LT, 3), data)
    with pytest.raises(RuleError, match="no order log is open"):
        evaluate(OrderCondition(Aggregate.EXISTS, Operator.IS_TRUE), data)
    with pytest.raises(RuleError, match="needs an order log"):
        evaluate(Condition("rfm_segment", Operator.EQ, "champions"), data)
    numbers = _data(NUMBERS, NUMBER_TYPES)
    with pytest.raises(RuleError, match="'lots' is not a number"):
        evaluate(Condition("spent", Operator.GT, "lots"), numbers)
    found = problems(Group(rules=(Condition("spent", Operator.GT, 1), Condition("spent", Operator.GT, "x"))),
                     numbers)
    assert list(found) == [(1,)]


@pytest.mark.parametrize(("data", "message"), [
    ({"combinator": "xor", "rules": []}, "combinator must be"),
    ({"rules": [{"field": "a", "operator": "frobnicate", "value": 1}]}, "condition 1: unknown operator"),
    ({"rules": [{"rules": [{"field": "a", "operator": "between", "value": 1}]}]}, "condition 1.1: 'between' needs"),
    ({"rules": [{"field": "a", "operator": "inLast", "value": {"amount": -1}}]}, "a period is"),
    ({"rules": [{"field": "a", "operator": "inLast", "value": {"amount": 3, "unit": "fortnights"}}]}, "unit must"),
    ({"rules": [{"orders": {}, "aggregate": "median", "operator": ">", "value": 1}]}, "aggregate must"),
    ({"rules": [{"field": "a", "operator": "=", "value": {"x": 1}}]}, "needs one value"),
    ({"rules": ["a = 1"]}, "not a JSON object"),
    ([], "the rule is not a JSON object"),
    ({"field": "a", "operator": "=", "value": 1}, "the rule must be a group"),
])
def test_malformed_json_is_a_clear_error(data, message):
    with pytest.raises(RuleError, match=message):
        group_from_json(data)


def test_explain_gives_each_node_for_one_customer():
    data = _data(NUMBERS, NUMBER_TYPES)
    rule = Group(Combinator.OR, False, (Condition("spent", Operator.GT, 60_000), Condition("orders", Operator.GE, 3)))
    rows = explain(rule, data, 2)
    assert [(depth, result) for depth, _, _, result in rows] == [(0, True), (1, None), (1, True)]


# --- properties --------------------------------------------------------------------------------------------------

_N = 8
_values = st.lists(st.one_of(st.none(), st.integers(-3, 3)), min_size=_N, max_size=_N)
_texts = st.lists(st.one_of(st.none(), st.sampled_from(["a", "A ", "b", "ab", ""])), min_size=_N, max_size=_N)


def _leaf():
    number = st.builds(lambda op, v: Condition("n", op, v),
                       st.sampled_from([Operator.EQ, Operator.NE, Operator.LT, Operator.GE]), st.integers(-3, 3))
    text = st.builds(lambda op, v: Condition("t", op, v),
                     st.sampled_from([Operator.EQ, Operator.NE, Operator.CONTAINS, Operator.NOT_BEGINS_WITH]),
                     st.sampled_from(["a", "B", "ab"]))
    empty = st.builds(lambda f, op: Condition(f, op), st.sampled_from(["n", "t"]),
                      st.sampled_from([Operator.NULL, Operator.NOT_NULL]))
    return st.one_of(number, text, empty)


_rules = st.recursive(_leaf(), lambda inner: st.builds(
    lambda c, neg, rules: Group(c, neg, tuple(rules)), st.sampled_from(list(Combinator)), st.booleans(),
    st.lists(inner, min_size=1, max_size=3)), max_leaves=6)


def _oracle_leaf(cond: Condition, numbers: list, texts: list) -> list:
    out = []
    for n, t in zip(numbers, texts, strict=True):
        t = None if t is None or not t.strip() else t.strip().lower()
        x = n if cond.field == "n" else t
        op, v = cond.operator, cond.value
        if op == Operator.NULL:
            out.append(x is None)
        elif op == Operator.NOT_NULL:
            out.append(x is not None)
        elif x is None:
            out.append(None)
        elif cond.field == "t":
            v = v.lower()
            out.append({Operator.EQ: x == v, Operator.NE: x != v, Operator.CONTAINS: v in x,
                        Operator.NOT_BEGINS_WITH: not x.startswith(v)}[op])
        else:
            out.append({Operator.EQ: x == v, Operator.NE: x != v, Operator.LT: x < v, Operator.GE: x >= v}[op])
    return out


def _oracle(rule, numbers, texts) -> pd.arrays.BooleanArray:
    """pandas' nullable booleans do Kleene logic: the reference for the (true, false) pairs."""
    if isinstance(rule, Condition):
        return pd.array(_oracle_leaf(rule, numbers, texts), dtype="boolean")
    if not rule.rules:
        result = pd.array([True] * _N, dtype="boolean")
    else:
        parts = [_oracle(r, numbers, texts) for r in rule.rules]
        result = parts[0]
        for p in parts[1:]:
            result = result & p if rule.combinator == Combinator.AND else result | p
    return ~result if rule.negated else result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule=_rules, numbers=_values, texts=_texts)
def test_evaluation_matches_kleene_logic_row_by_row(rule, numbers, texts):
    frame = pd.DataFrame({"n": pd.array(numbers, dtype="Int64"), "t": pd.array(texts, dtype="str")})
    data = _data(frame, {"n": T.INTEGER, "t": T.TEXT})
    group = rule if isinstance(rule, Group) else Group(rules=(rule,))
    expected = _oracle(group, numbers, texts)
    got = evaluate(group, data)
    assert got.true.tolist() == expected.fillna(False).astype(bool).tolist()
    assert got.false.tolist() == (~expected).fillna(False).astype(bool).tolist()


@settings(max_examples=100, deadline=None)
@given(rule=_rules)
def test_json_round_trip(rule):
    assert rule_from_json(rule_to_json(rule)) == rule
