"""An ordered set of named segments, its JSON form and its pure edits.

The JSON form is the command line's rules file, ``{"segments": [{"name", "rule", "colour"?, "enabled"?}],
"holdout"?: PCT, "seed"?: N}``; projects store the same object. Order is priority: a customer belongs to the
first enabled segment it matches.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from segdesk.core.errors import InputError
from segdesk.core.rules.model import Group, RuleError, group_from_json, rule_to_json, where_text

#: Colours given to new segments in turn (colour-blind-safe, from Tableau 10).
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac")
MAX_HOLDOUT = 50.0


@dataclass(frozen=True)
class Segment:
    name: str
    rule: Group = field(default_factory=Group)
    colour: str = PALETTE[0]
    enabled: bool = True


@dataclass(frozen=True)
class SegmentSet:
    segments: tuple[Segment, ...] = ()
    holdout: float = 0.0  # percent of each segment held out as a control group, 0..50
    seed: int = 0

    def names(self) -> list[str]:
        return [s.name for s in self.segments]


class SegmentError(InputError):
    """A segment set that cannot be read; names the segment and, for a rule, the condition at fault."""


def set_to_json(segments: SegmentSet) -> dict[str, Any]:
    return {"segments": [{"name": s.name, "colour": s.colour, "enabled": s.enabled, "rule": rule_to_json(s.rule)}
                         for s in segments.segments],
            "holdout": segments.holdout, "seed": segments.seed}


def set_from_json(data: Any) -> SegmentSet:
    if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
        raise SegmentError("segments_no_list")
    found: list[Segment] = []
    for number, item in enumerate(data["segments"], 1):
        found.append(_segment(item, number, found))
    holdout = data.get("holdout", 0.0)
    if not isinstance(holdout, int | float) or isinstance(holdout, bool) or not 0 <= holdout <= MAX_HOLDOUT:
        raise SegmentError("segments_bad_holdout", value=holdout)
    seed = data.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise SegmentError("segments_bad_seed", value=seed)
    return SegmentSet(tuple(found), float(holdout), seed)


def _segment(item: Any, number: int, before: list[Segment]) -> Segment:
    if not isinstance(item, dict):
        raise SegmentError("segment_not_object", number=number)
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SegmentError("segment_no_name", number=number)
    name = name.strip()
    if any(s.name.casefold() == name.casefold() for s in before):
        raise SegmentError("segment_duplicate_name", name=name)
    if "rule" not in item:
        raise SegmentError("segment_no_rule", name=name)
    try:
        rule = group_from_json(item["rule"])
    except RuleError as e:
        raise in_segment(e, name) from None
    colour = item.get("colour", PALETTE[(number - 1) % len(PALETTE)])
    enabled = item.get("enabled", True)
    if not isinstance(colour, str) or not isinstance(enabled, bool):
        raise SegmentError("segment_bad_option", name=name)
    return Segment(name, rule, colour, enabled)


def in_segment(error: RuleError, name: str) -> SegmentError:
    """``error`` said of the segment ``name``: "segment 'X', condition 1.2: ..."."""
    wrapped = SegmentError("segment_rule", name=name, problem=str(error))
    wrapped.params = {**error.params, "name": name, "inner": error.key, "path": error.path}
    return wrapped


# --- pure edits ------------------------------------------------------------------------------------------------


def unique_name(segments: SegmentSet, wanted: str) -> str:
    """``wanted``, or ``wanted (2)``, ``(3)``... when a segment already has that name (ignoring case)."""
    taken = {n.casefold() for n in segments.names()}
    if wanted.casefold() not in taken:
        return wanted
    n = 2
    while f"{wanted} ({n})".casefold() in taken:
        n += 1
    return f"{wanted} ({n})"


def next_colour(segments: SegmentSet) -> str:
    used = {s.colour for s in segments.segments}
    return next((c for c in PALETTE if c not in used), PALETTE[len(segments.segments) % len(PALETTE)])


def add_segment(segments: SegmentSet, segment: Segment, index: int | None = None) -> SegmentSet:
    items = list(segments.segments)
    items.insert(len(items) if index is None else index, replace(segment, name=unique_name(segments, segment.name)))
    return replace(segments, segments=tuple(items))


def remove_segment(segments: SegmentSet, index: int) -> SegmentSet:
    return replace(segments, segments=segments.segments[:index] + segments.segments[index + 1:])


def move_segment(segments: SegmentSet, index: int, to_index: int) -> SegmentSet:
    items = list(segments.segments)
    items.insert(to_index, items.pop(index))
    return replace(segments, segments=tuple(items))


def duplicate_segment(segments: SegmentSet, index: int, copy_word: str = "copy") -> SegmentSet:
    original = segments.segments[index]
    copy = replace(original, name=unique_name(segments, f"{original.name} ({copy_word})"),
                   colour=next_colour(segments))
    return add_segment(segments, copy, index + 1)


def update_segment(segments: SegmentSet, index: int, **changes: Any) -> SegmentSet:
    """The segment at ``index`` with ``changes`` (name, rule, colour, enabled); a new name is made unique."""
    items = list(segments.segments)
    if "name" in changes:
        others = replace(segments, segments=tuple(s for i, s in enumerate(items) if i != index))
        changes["name"] = unique_name(others, changes["name"].strip() or items[index].name)
    items[index] = replace(items[index], **changes)
    return replace(segments, segments=tuple(items))


__all__ = ["MAX_HOLDOUT", "PALETTE", "Segment", "SegmentError", "SegmentSet", "add_segment", "duplicate_segment",
           "in_segment", "move_segment", "next_colour", "remove_segment", "set_from_json", "set_to_json",
           "unique_name", "update_segment", "where_text"]
