"""RFM words and numbers for the screen: segment and stage names, score ranges in days, orders and money.

One place for these so the grid's tooltips, the tables and the Data page's segment list say the same thing.
"""

from __future__ import annotations

import math

from segdesk.core.rfm.analysis import PROSPECT, UNASSIGNED
from segdesk.core.rfm.lifecycle import STAGE_NAMES
from segdesk.core.rfm.maps import RfmMap
from segdesk.core.rfm.scoring import ScoreRange
from segdesk.ui.i18n import language, locale, tr

#: The letter of each dimension's score ("R5").
LETTERS = {"recency": "R", "frequency": "F", "monetary": "M"}


def segment_name(rfm_map: RfmMap, key: str) -> str:
    """A segment's name in the interface language; also for the summary's "unassigned" and "prospect" rows."""
    if key == PROSPECT:
        return tr("Prospects")
    if key == UNASSIGNED:
        return tr("Not in any segment")
    return rfm_map.segment(key).name(language())


def stage_name(key: str) -> str:
    return STAGE_NAMES.get(language(), STAGE_NAMES["en"])[key]


def dimension_name(dimension: str) -> str:
    return {"recency": tr("Recency"), "frequency": tr("Frequency"), "monetary": tr("Monetary")}[dimension]


def number(value: float) -> str:
    """A whole number without decimals, else two decimals, in the locale's format."""
    if float(value).is_integer():
        return locale().toString(int(value))
    return locale().toString(float(value), "f", 2)


def money(value: float) -> str:
    """A sum of money, whole units (totals and averages: cents only clutter them); "—" when unknown."""
    if value is None or math.isnan(value):
        return "—"
    return locale().toString(float(value), "f", 0)


def percent(share: float) -> str:
    """``share`` (0..1) as a percentage with one decimal."""
    if share is None or math.isnan(share):
        return "—"
    return tr("{value}%", value=locale().toString(float(share) * 100, "f", 1))


def days(value: float) -> str:
    """An average number of days."""
    if value is None or math.isnan(value):
        return "—"
    return locale().toString(float(value), "f", 0)


def range_text(rng: ScoreRange) -> str:
    """What the customers with this score have: "1–74 days", "2 orders", "4,756 – 10,159"."""
    if rng.low is None or rng.high is None:
        return tr("no customers")
    low, high = rng.low, rng.high
    if rng.dimension == "recency":
        if low == high:
            return tr("{count} days", count=int(high))
        return tr("{low}–{count} days", low=number(low), count=int(high))
    if rng.dimension == "frequency":
        if low == high:
            return tr("{count} orders", count=int(high))
        return tr("{low}–{count} orders", low=number(low), count=int(high))
    return number(low) if low == high else f"{number(low)} – {number(high)}"


def range_sentence(rng: ScoreRange) -> str:
    """``R5: last purchase 1–74 days before the as-of date`` (for tooltips)."""
    score = f"{LETTERS[rng.dimension]}{rng.score}"
    if rng.low is None or rng.high is None:
        return f"{score}: {tr('no customers')}"
    if rng.dimension == "recency":
        if rng.low == rng.high:
            text = tr("last purchase {count} days before the as-of date", count=int(rng.high))
        else:
            text = tr("last purchase {low}–{count} days before the as-of date", low=number(rng.low),
                      count=int(rng.high))
    elif rng.dimension == "monetary":
        text = tr("spent {amount}", amount=range_text(rng))
    else:
        text = range_text(rng)
    return f"{score}: {text}"


def bounds_text(rng: ScoreRange) -> str:
    """The fixed thresholds that define a score ("up to 14 days", "2–4 orders", "from 1,000 to under 3,000");
    empty in quantile mode."""
    low, high = rng.bound_low, rng.bound_high
    if low is None and high is None:
        return ""
    if rng.dimension == "recency":  # low < recency <= high, in whole days
        if low is None:
            return tr("up to {count} days", count=int(high))  # type: ignore[arg-type]
        if high is None:
            return tr("over {count} days", count=int(low))
        return tr("{low}–{count} days", low=number(math.floor(low) + 1), count=int(high))
    if rng.dimension == "frequency":  # low <= orders < high
        if low is None:
            return tr("fewer than {count} orders", count=int(math.ceil(high)))  # type: ignore[arg-type]
        if high is None:
            return tr("{count} or more orders", count=int(math.ceil(low)))
        first, last = int(math.ceil(low)), int(math.ceil(high)) - 1
        if first >= last:
            return tr("{count} orders", count=first)
        return tr("{low}–{count} orders", low=number(first), count=last)
    if low is None:
        return tr("under {amount}", amount=number(high))  # type: ignore[arg-type]
    if high is None:
        return tr("{amount} or more", amount=number(low))
    return tr("from {low} to under {high}", low=number(low), high=number(high))
