"""Quick starts: ready-made segments a user adds with one click and then edits."""

from __future__ import annotations

import numpy as np

from segdesk.core.io.table import ColumnType, Role
from segdesk.core.rfm.lifecycle import STAGE_NAMES, STAGES
from segdesk.core.rfm.maps import RfmMap
from segdesk.core.rules.data import RuleData
from segdesk.core.rules.fields import Catalogue
from segdesk.core.rules.model import Aggregate, Combinator, Condition, Group, Operator, OrderCondition, Period, Unit
from segdesk.core.segments.model import PALETTE, Segment

#: Share of spenders counted as "high": the top fifth by money spent.
HIGH_SPENDER_QUANTILE = 0.8


def _one(condition: Condition | OrderCondition) -> Group:
    return Group(Combinator.AND, False, (condition,))


def _colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def rfm_segments(rfm_map: RfmMap, lang: str = "en") -> list[Segment]:
    """One segment per named segment of the RFM map, best first (the map's order)."""
    return [Segment(s.name(lang), _one(Condition("rfm_segment", Operator.EQ, s.key)), _colour(i))
            for i, s in enumerate(rfm_map.segments)]


def lifecycle_segments(lang: str = "en") -> list[Segment]:
    """One segment per lifecycle stage, in the stages' order."""
    names = STAGE_NAMES.get(lang, STAGE_NAMES["en"])
    return [Segment(names[key], _one(Condition("lifecycle_stage", Operator.EQ, key)), _colour(i))
            for i, key in enumerate(STAGES)]


def birthday_segment(catalogue: Catalogue, lang: str = "en", days: int = 14) -> Segment | None:
    """Customers whose birthday falls in the next ``days`` days; None without a birth-date column."""
    field = next((f for f in catalogue.fields if f.role == Role.BIRTH_DATE and f.kind == ColumnType.DATE), None)
    if field is None:
        return None
    name = f"День рождения в ближайшие {days} дней" if lang == "ru" else f"Birthday in the next {days} days"
    return Segment(name, _one(Condition(field.name, Operator.ANNIVERSARY_IN_NEXT, Period(days, Unit.DAYS))))


def category_segment(data: RuleData, category: str, lang: str = "en", days: int = 90) -> Segment | None:
    """Customers who bought ``category`` in the last ``days`` days; None without an order-log category."""
    catalogue = data.order_catalogue
    field = None if catalogue is None else next(
        (f for f in catalogue.fields if f.role == Role.PRODUCT_CATEGORY), None) or catalogue.find("category")
    if field is None:
        return None
    where = _one(Condition(field.name, Operator.EQ, category))
    condition = OrderCondition(Aggregate.EXISTS, Operator.IS_TRUE, None, where, Period(days, Unit.DAYS))
    name = f"Купили «{category}» за {days} дней" if lang == "ru" else f"Bought {category} in the last {days} days"
    return Segment(name, _one(condition))


def high_spenders_segment(data: RuleData, lang: str = "en", months: int = 6) -> Segment | None:
    """The top fifth by money spent who have not bought for ``months`` months. Uses the order log when one is
    open, else the total-spent and last-purchase columns; None when neither is there."""
    name = f"Крупные клиенты, не покупавшие {months} мес." if lang == "ru" else \
        f"High spenders not seen for {months} months"
    spent = data.revenue[data.revenue > 0]
    threshold = float(np.quantile(spent, HIGH_SPENDER_QUANTILE)) if len(spent) else 0.0
    threshold = float(np.round(threshold, -2)) if threshold >= 1000 else round(threshold, 2)
    not_seen = Period(months, Unit.MONTHS)
    if data.order_catalogue is not None:
        rules: tuple[Condition | OrderCondition, ...] = (
            OrderCondition(Aggregate.SUM, Operator.GE, threshold),
            OrderCondition(Aggregate.EXISTS, Operator.IS_FALSE, None, None, not_seen))
        return Segment(name, Group(Combinator.AND, False, rules))
    cat = data.catalogue
    total = next((f for f in cat.fields if f.role == Role.TOTAL_SPENT), None)
    last = next((f for f in cat.fields if f.role == Role.LAST_PURCHASE_DATE and f.kind == ColumnType.DATE), None)
    if total is None or last is None:
        return None
    return Segment(name, Group(Combinator.AND, False, (Condition(total.name, Operator.GE, threshold),
                                                      Condition(last.name, Operator.NOT_IN_LAST, not_seen))))
