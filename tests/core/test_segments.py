"""Segment sets: priority, overlap, guardrails, the control group; sentences; pure edits; quick starts."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rule_tables import table_of

from segdesk.core.io.table import ColumnType, Role
from segdesk.core.rfm import RF10
from segdesk.core.rules.data import RuleData
from segdesk.core.rules.describe import describe
from segdesk.core.rules.edit import insert_at, move_within, node_at, remove_at, replace_at, set_negated
from segdesk.core.rules.model import (
    Aggregate,
    Combinator,
    Condition,
    Group,
    Operator,
    OrderCondition,
    Period,
    Unit,
)
from segdesk.core.segments.assign import assign, customer_keys, held_out, too_small
from segdesk.core.segments.model import (
    Segment,
    SegmentError,
    SegmentSet,
    add_segment,
    duplicate_segment,
    move_segment,
    set_from_json,
    set_to_json,
    update_segment,
)
from segdesk.core.segments.templates import birthday_segment, high_spenders_segment, lifecycle_segments, rfm_segments

T = ColumnType


def _one(field, op, value=None):
    return Group(Combinator.AND, False, (Condition(field, op, value),))


def _data(n=1000):
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({
        "id": pd.array([f"{i:06d}" for i in range(n)], dtype="str"),
        "city": pd.array(rng.choice(["Moscow", "Kazan", "Perm"], n), dtype="str"),
        "spent": rng.integers(0, 1000, n).astype(float),
    })
    table = table_of(frame, {"id": T.TEXT, "city": T.TEXT, "spent": T.NUMBER},
                     {"id": Role.CUSTOMER_ID, "city": Role.CITY, "spent": Role.TOTAL_SPENT})
    return RuleData(table, dt.date(2025, 1, 1))


def test_each_customer_lands_in_the_first_enabled_segment_it_matches():
    data = _data()
    moscow = Segment("Moscow", _one("city", Operator.EQ, "moscow"))
    big = Segment("Big", _one("spent", Operator.GE, 500))
    result = assign(SegmentSet((moscow, big)), data)
    city = data.customers.frame["city"].to_numpy(object)
    spent = data.customers.frame["spent"].to_numpy()
    assert result.stats[0].customers == int((city == "Moscow").sum())
    assert result.stats[1].customers == int(((city != "Moscow") & (spent >= 500)).sum())
    assert result.stats[1].matched == int((spent >= 500).sum())
    assert result.everyone_else == int(((city != "Moscow") & (spent < 500)).sum())
    assert result.stats[0].revenue == pytest.approx(spent[city == "Moscow"].sum())
    overlap = result.overlap()
    assert overlap[0, 1] == overlap[1, 0] == int(((city == "Moscow") & (spent >= 500)).sum())
    assert overlap[1, 1] == result.stats[1].matched
    # Swapping priority moves the shared customers; disabling a segment frees its customers.
    swapped = assign(SegmentSet((big, moscow)), data)
    assert swapped.stats[0].customers == result.stats[1].matched
    off = assign(SegmentSet((Segment("Moscow", moscow.rule, enabled=False), big)), data)
    assert off.stats[0].customers == 0 and off.stats[1].customers == result.stats[1].matched
    assert list(result.positions(0)) == list(np.flatnonzero(city == "Moscow"))


def test_guardrails_flag_segments_under_100_customers_or_1_percent():
    assert too_small(99, 5000) and too_small(100, 20_000) and not too_small(100, 10_000)
    data = _data()
    tiny = Segment("Tiny", _one("spent", Operator.LT, 10))
    assert assign(SegmentSet((tiny,)), data).stats[0].too_small


def test_control_group_is_stable_per_customer_and_near_the_share():
    keys = np.array([f"{i:06d}" for i in range(20_000)], dtype=object)
    held = held_out(keys, seed=7, percent=5)
    assert 0.04 < held.mean() < 0.06
    # The same customer stays in or out whatever else is in the file and in whatever order.
    again = held_out(keys[::-1][:5000], seed=7, percent=5)
    assert (again == held[::-1][:5000]).all()
    assert not (held_out(keys, seed=8, percent=5) == held).all()
    # A larger share keeps everyone already held out.
    assert (held_out(keys, seed=7, percent=10) | ~held).all()


def test_control_group_counts_in_the_summary_and_keys_ignore_leading_zeros():
    data = _data(5000)
    segments = SegmentSet((Segment("All", Group()),), holdout=10, seed=3)
    result = assign(segments, data)
    assert result.stats[0].control == int(result.control.sum())
    assert 350 < result.stats[0].control < 650
    keys = customer_keys(data.customers)
    assert keys[7] == "7"  # "000007": ids compare as people mean them


def test_json_round_trip_and_clear_errors():
    segments = SegmentSet((Segment("A", _one("city", Operator.IN, ("x", "y")), "#112233", False),
                           Segment("B", Group(Combinator.OR, True, ()))), 5.0, 42)
    assert set_from_json(set_to_json(segments)) == segments
    with pytest.raises(SegmentError, match="segment 'B', condition 1: unknown operator"):
        set_from_json({"segments": [{"name": "A", "rule": {"rules": []}},
                                    {"name": "B", "rule": {"rules": [{"field": "a", "operator": "~"}]}}]})
    with pytest.raises(SegmentError, match="two segments are named 'a'"):
        set_from_json({"segments": [{"name": "A", "rule": {}}, {"name": "a", "rule": {}}]})
    with pytest.raises(SegmentError, match="from 0 to 50"):
        set_from_json({"segments": [], "holdout": 60})
    with pytest.raises(SegmentError, match="segment 1 has no name"):
        set_from_json({"segments": [{"rule": {}}]})


def test_pure_segment_edits():
    s = add_segment(SegmentSet(), Segment("A"))
    s = add_segment(s, Segment("a"))
    assert s.names() == ["A", "a (2)"]
    s = duplicate_segment(s, 0)
    assert s.names() == ["A", "A (copy)", "a (2)"] and s.segments[1].colour != s.segments[0].colour
    s = move_segment(s, 2, 0)
    assert s.names() == ["a (2)", "A", "A (copy)"]
    s = update_segment(s, 0, name="A", enabled=False)
    assert s.names()[0] == "A (2)" and not s.segments[0].enabled


def test_pure_rule_edits_leave_the_old_tree_alone():
    root = Group(rules=(Condition("a", Operator.EQ, 1),))
    grown = insert_at(root, (), Group(Combinator.OR))
    grown = insert_at(grown, (1,), Condition("b", Operator.NULL))
    assert node_at(grown, (1, 0)) == Condition("b", Operator.NULL)
    assert root.rules == (Condition("a", Operator.EQ, 1),)
    assert remove_at(grown, (1, 0)) == Group(rules=(Condition("a", Operator.EQ, 1), Group(Combinator.OR)))
    assert move_within(grown, (1,), 0).rules[0] == Group(Combinator.OR, False, (Condition("b", Operator.NULL),))
    assert set_negated(grown, (1,), True).rules[1].negated
    assert replace_at(grown, (0,), Condition("c", Operator.NOT_NULL)).rules[0].field == "c"


def test_rules_read_back_as_sentences_in_english_and_russian():
    rule = Group(rules=(Condition("City", Operator.EQ, "Moscow"),
                        OrderCondition(Aggregate.EXISTS, Operator.IS_FALSE, None, None, Period(90))))
    assert describe(rule) == 'City is "Moscow" and no purchase in the last 90 days'
    assert describe(rule, "ru") == "City — «Moscow» и нет покупок за последние 90 дней"
    nested = Group(Combinator.OR, False, (
        Group(Combinator.AND, True, (Condition("spent", Operator.BETWEEN, (10, 20)),
                                     Condition("born", Operator.ANNIVERSARY_IN_NEXT, Period(2, Unit.WEEKS)))),
        Condition("rfm_segment", Operator.IN, ("champions", "loyal"))))
    assert describe(nested) == ('not (spent is between 10 and 20 and born: anniversary in the next 2 weeks) or '
                                'RFM segment is one of "champions", "loyal"')
    assert describe(nested, "ru").startswith("не (spent от 10 до 20 и born: годовщина в ближайшие 2 недели)")
    kids = OrderCondition(Aggregate.COUNT, Operator.GE, 2, Group(rules=(Condition("cat", Operator.EQ, "Kids"),)),
                          Period(1, Unit.YEARS))
    assert describe(kids) == 'number of orders (cat is "Kids") in the last 1 year is at least 2'
    assert describe(Condition("last", Operator.LT, "2025-01-01")) == "last is before 2025-01-01"
    assert describe(Group()) == "everyone"


def test_quick_starts_evaluate_on_real_fields():
    data = _data()
    assert [s.rule.rules[0].value for s in rfm_segments(RF10)] == [s.key for s in RF10.segments]
    stages = lifecycle_segments("ru")
    assert stages[0].name == "Потенциальные" and len({s.colour for s in stages}) == len(stages)
    assert birthday_segment(data.catalogue) is None  # no birth-date column
    assert high_spenders_segment(data) is None  # no last purchase column
    born = table_of(pd.DataFrame({"b": pd.to_datetime(["2000-01-05", "2000-06-01"])}), {"b": T.DATE},
                    {"b": Role.BIRTH_DATE})
    born_data = RuleData(born, dt.date(2025, 1, 1))
    birthday = birthday_segment(born_data.catalogue)
    assert birthday is not None
    assert assign(SegmentSet((birthday,)), born_data).stats[0].customers == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=4), st.lists(st.booleans(), min_size=4, max_size=4))
def test_priority_assignment_partitions_the_customers(thresholds, enabled):
    data = _data(300)
    segments = SegmentSet(tuple(Segment(f"S{i}", _one("spent", Operator.GE, t * 250), enabled=enabled[i])
                                for i, t in enumerate(thresholds)))
    result = assign(segments, data)
    assert sum(s.customers for s in result.stats) + result.everyone_else == data.n
    spent = data.customers.frame["spent"].to_numpy()
    first = [next((i for i, t in enumerate(thresholds) if enabled[i] and v >= t * 250), -1) for v in spent]
    assert result.assigned.tolist() == first


def test_sentences_name_fields_as_the_user_sees_them():
    from segdesk.core.rules.describe import labeller

    data = _data()
    rule = Group(rules=(Condition("total_spent", Operator.GT, 5), Condition("CITY ", Operator.NULL),
                        Condition("monetary", Operator.GT, 1)))
    assert describe(rule, "en", labeller((data.catalogue,))) == \
        "spent is more than 5 and city is empty and total spent is more than 1"
    assert describe(rule, "ru", labeller((data.catalogue,), "ru")).endswith("сумма покупок больше 1")
