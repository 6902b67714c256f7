"""Edits of an RFM map as pure functions: each takes a map and returns a new one (maps are immutable).

The map editor turns every user action into one of these calls (and an undo command holding the map before
and after), so the editing rules are tested here without Qt. A map being edited may hold patterns that do not
parse yet; :func:`map_problems` lists them, :func:`usable_part` drops them so a preview still shows the rest,
and :func:`validated` says whether the map can be used.

An edited built-in map is no longer the built-in one: it gets the key ``custom`` so that nothing mistakes it
for ``rf10`` or ``rfm11`` (settings and project files refer to built-in maps by key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from segdesk.core.errors import InputError
from segdesk.core.rfm.maps import (
    BUILTIN_MAPS,
    Coverage,
    MapSegment,
    RfmMap,
    assignments,
    check_map,
    parse_pattern,
)

CUSTOM_KEY = "custom"
CUSTOM_NAMES = {"en": "Custom map", "ru": "Своя карта"}
_CLASS = re.compile(r"\[[^\[\]]*\]")
_SEPARATOR = re.compile(r"[\s,;]+")


def split_patterns(text: str) -> tuple[str, ...]:
    """``"5[4-5], [1-2][3-4] 41"`` -> ``("5[4-5]", "[1-2][3-4]", "41")``: patterns are separated by spaces,
    commas or semicolons. Inside a closed bracket those are dropped instead (``"[1, 2]5"`` is ``"[12]5"``); an
    unclosed bracket does not swallow the rest of the line."""
    joined = _CLASS.sub(lambda m: _SEPARATOR.sub("", m.group(0)), text)
    return tuple(p for p in _SEPARATOR.split(joined) if p)


def patterns_text(patterns: tuple[str, ...]) -> str:
    """How the editor shows a segment's patterns (the inverse of :func:`split_patterns`)."""
    return " ".join(patterns)


def start_from(key: str) -> RfmMap:
    """A built-in map to edit; InputError for an unknown key."""
    if key not in BUILTIN_MAPS:
        raise InputError("rfm_unknown_map", name=key, choices=", ".join(BUILTIN_MAPS))
    return BUILTIN_MAPS[key]


def add_segment(rfm_map: RfmMap, patterns: tuple[str, ...] = ()) -> RfmMap:
    """A new segment at the end, with a fresh key (``segment_N``) and the name "New segment N"."""
    used = {s.key for s in rfm_map.segments}
    n = len(rfm_map.segments) + 1
    while f"segment_{n}" in used:
        n += 1
    segment = MapSegment(f"segment_{n}", {"en": f"New segment {n}", "ru": f"Новый сегмент {n}"}, tuple(patterns))
    return _edited(rfm_map, (*rfm_map.segments, segment))


def remove_segment(rfm_map: RfmMap, index: int) -> RfmMap:
    _check_index(rfm_map, index)
    return _edited(rfm_map, rfm_map.segments[:index] + rfm_map.segments[index + 1:])


def move_segment(rfm_map: RfmMap, index: int, to: int) -> RfmMap:
    """Move a segment to position ``to``. Order matters: on a code two segments claim, the first one wins."""
    _check_index(rfm_map, index)
    _check_index(rfm_map, to)
    segments = list(rfm_map.segments)
    segments.insert(to, segments.pop(index))
    return _edited(rfm_map, tuple(segments))


def rename_segment(rfm_map: RfmMap, index: int, language: str, name: str) -> RfmMap:
    """Set a segment's name in ``language``; an empty name in another language than English removes it (the
    English name is shown instead). The key stays: files and rules refer to it."""
    _check_index(rfm_map, index)
    segment = rfm_map.segments[index]
    names = dict(segment.names)
    name = name.strip()
    if name or language == "en":
        names[language] = name
    else:
        names.pop(language, None)
    return _replaced(rfm_map, index, replace(segment, names=names))


def set_patterns(rfm_map: RfmMap, index: int, text: str) -> RfmMap:
    """Set a segment's patterns from what the user typed (see :func:`split_patterns`); they are kept even when
    they do not parse, so the editor can point at them."""
    _check_index(rfm_map, index)
    segment = rfm_map.segments[index]
    return _replaced(rfm_map, index, replace(segment, patterns=split_patterns(text)))


@dataclass(frozen=True)
class MapProblem:
    """Something that makes a map unusable: ``segment`` is its index, ``pattern`` the bad pattern (or None
    for a problem with the segment itself, such as a missing English name)."""

    segment: int
    pattern: str | None
    error: InputError


def map_problems(rfm_map: RfmMap) -> list[MapProblem]:
    """Patterns that do not parse and segments without an English name, in map order."""
    out = []
    for i, segment in enumerate(rfm_map.segments):
        if not segment.names.get("en", "").strip():
            out.append(MapProblem(i, None, InputError("rfm_segment_no_name", number=i + 1)))
        for pattern in segment.patterns:
            try:
                parse_pattern(pattern, rfm_map.width)
            except InputError as error:
                out.append(MapProblem(i, pattern, error))
    return out


def validated(rfm_map: RfmMap) -> RfmMap:
    """``rfm_map`` when it can be used; else the first problem's InputError."""
    problems = map_problems(rfm_map)
    if problems:
        raise problems[0].error
    return rfm_map


def usable_part(rfm_map: RfmMap) -> RfmMap:
    """``rfm_map`` without the patterns that do not parse (for a preview while the user is still typing)."""
    bad = {(p.segment, p.pattern) for p in map_problems(rfm_map) if p.pattern is not None}
    if not bad:
        return rfm_map
    segments = tuple(replace(s, patterns=tuple(p for p in s.patterns if (i, p) not in bad))
                     for i, s in enumerate(rfm_map.segments))
    return replace(rfm_map, segments=segments)


def coverage(rfm_map: RfmMap, bins: int = 5) -> Coverage:
    """:func:`check_map` of the usable part: what the editor warns about while the user types."""
    return check_map(usable_part(rfm_map), bins)


@dataclass(frozen=True)
class PreviewCell:
    r: int
    f: int
    keys: tuple[str, ...]  # every segment claiming the cell, map order; the first one wins; () none


def preview_grid(rfm_map: RfmMap, m_score: int = 3) -> list[PreviewCell]:
    """The 5 × 5 R × F grid (R 5 at the top, F 1 on the left) with the segments each cell gets. For an R-F-M
    map, at monetary score ``m_score``. Patterns that do not parse are left out."""
    found = assignments(usable_part(rfm_map))
    suffix = "" if rfm_map.width == 2 else str(m_score)
    return [PreviewCell(r, f, tuple(found[f"{r}{f}{suffix}"])) for r in range(5, 0, -1) for f in range(1, 6)]


def describe_code(code: str) -> str:
    """``"125"`` -> ``"R1 F2 M5"``."""
    return " ".join(f"{letter}{digit}" for letter, digit in zip("RFM", code, strict=False))


def _check_index(rfm_map: RfmMap, index: int) -> None:
    if not 0 <= index < len(rfm_map.segments):
        raise IndexError(f"no segment {index} in a map of {len(rfm_map.segments)}")


def _replaced(rfm_map: RfmMap, index: int, segment: MapSegment) -> RfmMap:
    return _edited(rfm_map, rfm_map.segments[:index] + (segment,) + rfm_map.segments[index + 1:])


def _edited(rfm_map: RfmMap, segments: tuple[MapSegment, ...]) -> RfmMap:
    if rfm_map.key in BUILTIN_MAPS and segments != BUILTIN_MAPS[rfm_map.key].segments:
        return replace(rfm_map, key=CUSTOM_KEY, names=dict(CUSTOM_NAMES), segments=segments)
    return replace(rfm_map, segments=segments)
