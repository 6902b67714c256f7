"""A rule read back as a sentence, in English or Russian: "City is Moscow and no purchase in the last 90 days".

Kept in the core (not the UI's translation catalogue) because the command line, export summaries and the
project's log say the same sentences; the two languages are written side by side so they stay in step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from segdesk.core.rules.fields import Catalogue
from segdesk.core.rules.model import (
    Aggregate,
    Combinator,
    Condition,
    Group,
    Operator,
    OrderCondition,
    Period,
    Rule,
    Unit,
)

Op = Operator

#: Derived fields by name: (English, Russian).
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "recency_days": ("days since last purchase", "дней с последней покупки"),
    "frequency": ("number of orders", "число заказов"),
    "monetary": ("total spent", "сумма покупок"),
    "avg_order_value": ("average order", "средний чек"),
    "first_purchase": ("first purchase", "первая покупка"),
    "last_purchase": ("last purchase", "последняя покупка"),
    "r_score": ("R score", "оценка R"),
    "f_score": ("F score", "оценка F"),
    "m_score": ("M score", "оценка M"),
    "rfm_code": ("RFM code", "код RFM"),
    "rfm_segment": ("RFM segment", "сегмент RFM"),
    "lifecycle_stage": ("lifecycle stage", "стадия"),
}

#: Operator phrases: (English, Russian); {f} the field, {v} the value, {a}/{b} a range.
_PHRASES: dict[Operator, tuple[str, str]] = {
    Op.EQ: ("{f} is {v}", "{f} — {v}"),
    Op.NE: ("{f} is not {v}", "{f} — не {v}"),
    Op.LT: ("{f} is less than {v}", "{f} меньше {v}"),
    Op.LE: ("{f} is at most {v}", "{f} не больше {v}"),
    Op.GT: ("{f} is more than {v}", "{f} больше {v}"),
    Op.GE: ("{f} is at least {v}", "{f} не меньше {v}"),
    Op.BETWEEN: ("{f} is between {a} and {b}", "{f} от {a} до {b}"),
    Op.NOT_BETWEEN: ("{f} is not between {a} and {b}", "{f} не от {a} до {b}"),
    Op.IN: ("{f} is one of {v}", "{f} — одно из: {v}"),
    Op.NOT_IN: ("{f} is none of {v}", "{f} — ни одно из: {v}"),
    Op.CONTAINS: ("{f} contains {v}", "{f} содержит {v}"),
    Op.NOT_CONTAINS: ("{f} does not contain {v}", "{f} не содержит {v}"),
    Op.BEGINS_WITH: ("{f} begins with {v}", "{f} начинается с {v}"),
    Op.NOT_BEGINS_WITH: ("{f} does not begin with {v}", "{f} не начинается с {v}"),
    Op.ENDS_WITH: ("{f} ends with {v}", "{f} заканчивается на {v}"),
    Op.NOT_ENDS_WITH: ("{f} does not end with {v}", "{f} не заканчивается на {v}"),
    Op.NULL: ("{f} is empty", "{f} не заполнено"),
    Op.NOT_NULL: ("{f} is not empty", "{f} заполнено"),
    Op.IS_TRUE: ("{f} is yes", "{f} — да"),
    Op.IS_FALSE: ("{f} is no", "{f} — нет"),
    Op.IN_LAST: ("{f} in the last {v}", "{f} за последние {v}"),
    Op.NOT_IN_LAST: ("{f} more than {v} ago", "{f} более {v} назад"),
    Op.IN_NEXT: ("{f} in the next {v}", "{f} в ближайшие {v}"),
    Op.ANNIVERSARY_IN_NEXT: ("{f}: anniversary in the next {v}", "{f}: годовщина в ближайшие {v}"),
}
#: Comparisons said of dates.
_DATE_PHRASES: dict[Operator, tuple[str, str]] = {
    Op.LT: ("{f} is before {v}", "{f} раньше {v}"),
    Op.LE: ("{f} is on or before {v}", "{f} не позже {v}"),
    Op.GT: ("{f} is after {v}", "{f} позже {v}"),
    Op.GE: ("{f} is on or after {v}", "{f} не раньше {v}"),
}

_UNITS_EN = {Unit.DAYS: ("day", "days"), Unit.WEEKS: ("week", "weeks"), Unit.MONTHS: ("month", "months"),
             Unit.YEARS: ("year", "years")}
_UNITS_RU = {Unit.DAYS: ("день", "дня", "дней"), Unit.WEEKS: ("неделю", "недели", "недель"),
             Unit.MONTHS: ("месяц", "месяца", "месяцев"), Unit.YEARS: ("год", "года", "лет")}


def describe(rule: Rule, lang: str = "en", label: Callable[[str], str] | None = None) -> str:
    """The sentence for ``rule``. ``label`` names a field as the user sees it (default: the column name, or
    the derived field's name in ``lang``)."""
    ru = lang == "ru"
    name = label or (lambda f: _field_name(f, ru))
    return _node(rule, ru, name, top=True)


def _node(rule: Rule, ru: bool, name: Callable[[str], str], top: bool = False) -> str:
    if isinstance(rule, Group):
        return _group(rule, ru, name, top)
    if isinstance(rule, OrderCondition):
        return _orders(rule, ru, name)
    return condition_text(rule, ru, name)


def _group(group: Group, ru: bool, name: Callable[[str], str], top: bool) -> str:
    if not group.rules:
        text = "все клиенты" if ru else "everyone"
        return ("не " if ru else "not ") + text if group.negated else text
    word = {Combinator.AND: (" and ", " и "), Combinator.OR: (" or ", " или ")}[group.combinator][ru]
    parts = [_node(r, ru, name) for r in group.rules]
    text = word.join(parts)
    if group.negated:
        return ("не (" if ru else "not (") + text + ")"
    return text if top or len(parts) == 1 else f"({text})"


def condition_text(cond: Condition, ru: bool, name: Callable[[str], str], is_date: bool | None = None) -> str:
    op = cond.operator
    dates = is_date if is_date is not None else _looks_like_date(cond.value)
    phrase = (_DATE_PHRASES.get(op) if dates else None) or _PHRASES[op]
    return _fill(phrase[ru], name(cond.field), op, cond.value, ru)


def _fill(template: str, field: str, op: Operator, value: Any, ru: bool) -> str:
    if isinstance(value, tuple) and len(value) == 2 and op in (Op.BETWEEN, Op.NOT_BETWEEN):
        return template.format(f=field, a=_value(value[0], ru), b=_value(value[1], ru), v="")
    return template.format(f=field, v=_value(value, ru), a="", b="")


def _orders(cond: OrderCondition, ru: bool, name: Callable[[str], str]) -> str:
    where = "" if cond.where is None or not cond.where.rules else " (" + _group(cond.where, ru, name, True) + ")"
    within = ""
    if cond.within is not None:
        within = (" за последние " if ru else " in the last ") + period_text(cond.within, ru)
    if cond.aggregate == Aggregate.EXISTS:
        bought = cond.operator == Op.IS_TRUE
        head = ("есть покупки" if bought else "нет покупок") if ru else ("bought" if bought else "no purchase")
        return head + where + within
    subject = {Aggregate.COUNT: ("number of orders", "число заказов"),
               Aggregate.SUM: ("amount spent", "сумма покупок")}[cond.aggregate][ru]
    template = _PHRASES[cond.operator][ru]
    return _fill(template, subject + where + within, cond.operator, cond.value, ru)


def period_text(period: Period, ru: bool) -> str:
    n = period.amount
    if ru:
        one, few, many = _UNITS_RU[period.unit]
        form = one if n % 10 == 1 and n % 100 != 11 else few if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 \
            else many
        return f"{n} {form}"
    one, many = _UNITS_EN[period.unit]
    return f"{n} {one if n == 1 else many}"


def _value(value: Any, ru: bool) -> str:
    if isinstance(value, Period):
        return period_text(value, ru)
    if isinstance(value, tuple):
        return ", ".join(_value(v, ru) for v in value)
    if isinstance(value, bool):
        return ("да" if value else "нет") if ru else ("yes" if value else "no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str) and not _looks_like_date(value):
        return f"«{value}»" if ru else f'"{value}"'
    return str(value)


def _looks_like_date(value: Any) -> bool:
    if isinstance(value, tuple):
        return bool(value) and all(_looks_like_date(v) for v in value)
    return isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-" \
        and value.replace("-", "").isdigit()


def labeller(catalogues: tuple[Catalogue | None, ...], lang: str = "en") -> Callable[[str], str]:
    """Names fields as the user sees them: a role or a loosely written name becomes the column it finds
    ("email_consent" → "Согласие на рассылку"); derived fields get their names in ``lang``."""
    ru = lang == "ru"

    def label(field: str) -> str:
        if field in FIELD_NAMES:
            return FIELD_NAMES[field][ru]
        for catalogue in catalogues:
            found = catalogue.find(field) if catalogue is not None else None
            if found is not None:
                return FIELD_NAMES[found.name][ru] if found.name in FIELD_NAMES else found.name
        return field
    return label


def _field_name(field: str, ru: bool) -> str:
    names = FIELD_NAMES.get(field)
    return names[ru] if names else field
