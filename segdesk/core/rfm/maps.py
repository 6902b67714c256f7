"""RFM maps: which named segment each score code belongs to.

A map is a list of segments, each with code patterns in the notation of the RFM literature: one token per
scored dimension, a digit or a class such as ``[1-2]`` or ``[345]``; ``"[1-2][3-4]"`` is R 1–2 and F 3–4.
An ``rf`` map has two tokens (R, F) and names the 25 cells of the R × F grid; an ``rfm`` map has three and names
all 125 R-F-M codes. Patterns are written for 5 bins; with 3 or 4 bins a score is placed on the 5-point scale
first (3 bins: 1, 3, 5; 4 bins: 1, 2, 4, 5), so one map serves every grid size.

:func:`check_map` reports codes without a segment, codes with two, and segments no code reaches.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from segdesk.core.errors import InputError


@dataclass(frozen=True)
class MapSegment:
    """``key`` is stable (files, rules); ``names`` by language code, English required."""

    key: str
    names: dict[str, str]
    patterns: tuple[str, ...]

    def name(self, language: str = "en") -> str:
        return self.names.get(language) or self.names["en"]


@dataclass(frozen=True)
class RfmMap:
    key: str
    names: dict[str, str]
    kind: str  # "rf" or "rfm"
    segments: tuple[MapSegment, ...]

    @property
    def width(self) -> int:
        return 2 if self.kind == "rf" else 3

    def name(self, language: str = "en") -> str:
        return self.names.get(language) or self.names["en"]

    def segment(self, key: str) -> MapSegment:
        return next(s for s in self.segments if s.key == key)


@dataclass(frozen=True)
class Coverage:
    unassigned: tuple[str, ...]  # codes (5-point) without a segment
    conflicts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code -> segment keys
    unreachable: tuple[str, ...] = ()  # segment keys no code reaches at this many bins

    @property
    def ok(self) -> bool:
        return not (self.unassigned or self.conflicts or self.unreachable)


def parse_pattern(pattern: str, width: int) -> tuple[frozenset[int], ...]:
    """``"[1-2]5"`` -> ({1, 2}, {5}). InputError for anything else."""
    tokens: list[frozenset[int]] = []
    text = pattern.replace(" ", "")
    i = 0
    while i < len(text):
        if text[i].isdigit():
            tokens.append(frozenset({int(text[i])}))
            i += 1
            continue
        end = text.find("]", i)
        if text[i] != "[" or end < 0:
            raise InputError("rfm_bad_pattern", pattern=pattern)
        tokens.append(_class(text[i + 1:end], pattern))
        i = end + 1
    if len(tokens) != width or any(not t or not t <= {1, 2, 3, 4, 5} for t in tokens):
        raise InputError("rfm_bad_pattern", pattern=pattern)
    return tuple(tokens)


def _class(body: str, pattern: str) -> frozenset[int]:
    scores: set[int] = set()
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-" and body[i].isdigit() and body[i + 2].isdigit():
            scores.update(range(int(body[i]), int(body[i + 2]) + 1))
            i += 3
        elif body[i].isdigit():
            scores.add(int(body[i]))
            i += 1
        else:
            raise InputError("rfm_bad_pattern", pattern=pattern)
    return frozenset(scores)


def codes(width: int) -> list[str]:
    """Every 5-point code of ``width`` digits, in order ("11".."55" or "111".."555")."""
    return ["".join(map(str, c)) for c in itertools.product(range(1, 6), repeat=width)]


def assignments(rfm_map: RfmMap) -> dict[str, list[str]]:
    """Code -> the keys of every segment whose patterns match it, in map order."""
    out: dict[str, list[str]] = {c: [] for c in codes(rfm_map.width)}
    for seg in rfm_map.segments:
        for pattern in seg.patterns:
            tokens = parse_pattern(pattern, rfm_map.width)
            for combo in itertools.product(*[sorted(t) for t in tokens]):
                code = "".join(map(str, combo))
                if seg.key not in out[code]:
                    out[code].append(seg.key)
    return out


def to_five(scores: np.ndarray | int, bins: int) -> np.ndarray:
    """A score on a 1..bins scale placed on the 1..5 scale the patterns use."""
    s = np.asarray(scores, dtype=np.int64)
    return 1 + np.floor((s - 1) * 4 / (bins - 1) + 0.5).astype(np.int64)


def check_map(rfm_map: RfmMap, bins: int = 5) -> Coverage:
    """Coverage of ``rfm_map`` (InputError for a malformed pattern)."""
    found = assignments(rfm_map)
    reachable_scores = sorted(set(to_five(np.arange(1, bins + 1), bins).tolist()))
    reachable = {c for c in found if all(int(d) in reachable_scores for d in c)}
    hit = {k for c in reachable for k in found[c][:1]}
    return Coverage(tuple(c for c, keys in found.items() if not keys),
                    {c: tuple(keys) for c, keys in found.items() if len(keys) > 1},
                    tuple(s.key for s in rfm_map.segments if s.key not in hit))


def lookup_table(rfm_map: RfmMap) -> np.ndarray:
    """Index 25 * (r-1) + 5 * (f-1) + (m-1) on the 5-point scale -> segment number in the map, -1 when none.
    With two segments on a code, the first in the map wins (the editor warns)."""
    found = assignments(rfm_map)
    index = {s.key: i for i, s in enumerate(rfm_map.segments)}
    table = np.full(125, -1, dtype=np.int16)
    for r, f, m in itertools.product(range(1, 6), repeat=3):
        code = f"{r}{f}{m}"[: rfm_map.width]
        keys = found[code]
        table[25 * (r - 1) + 5 * (f - 1) + (m - 1)] = index[keys[0]] if keys else -1
    return table


def _seg(key: str, en: str, ru: str, *patterns: str) -> MapSegment:
    return MapSegment(key, {"en": en, "ru": ru}, patterns)


# The ten-segment R × F map used across the RFM literature; every one of the 25 cells has one segment.
RF10 = RfmMap("rf10", {"en": "10 segments (R × F)", "ru": "10 сегментов (R × F)"}, "rf", (
    _seg("champions", "Champions", "Чемпионы", "5[4-5]"),
    _seg("loyal", "Loyal", "Лояльные", "[3-4][4-5]"),
    _seg("potential_loyalists", "Potential loyalists", "Потенциально лояльные", "[4-5][2-3]"),
    _seg("new", "New customers", "Новые", "51"),
    _seg("promising", "Promising", "Перспективные", "41"),
    _seg("need_attention", "Need attention", "Требуют внимания", "33"),
    _seg("about_to_sleep", "About to sleep", "Засыпающие", "3[1-2]"),
    _seg("at_risk", "At risk", "В зоне риска", "[1-2][3-4]"),
    _seg("cant_lose", "Can't lose them", "Нельзя потерять", "[1-2]5"),
    _seg("hibernating", "Hibernating", "Спящие", "[1-2][1-2]"),
))

# The eleven-segment map over all 125 R-F-M codes (the widely used code table, with "lost" split off
# "hibernating"); each code is listed under exactly one segment.
RFM11 = RfmMap("rfm11", {"en": "11 segments (R × F × M)", "ru": "11 сегментов (R × F × M)"}, "rfm", (
    _seg("champions", "Champions", "Чемпионы", "555", "554", "544", "545", "454", "455", "445"),
    _seg("loyal", "Loyal", "Лояльные", "543", "444", "435", "355", "354", "345", "344", "335"),
    _seg("potential_loyalists", "Potential loyalists", "Потенциально лояльные",
         "553", "551", "552", "541", "542", "533", "532", "531", "452", "451", "442", "441", "431", "453", "433",
         "432", "423", "353", "352", "351", "342", "341", "333", "323"),
    _seg("new", "New customers", "Новые", "512", "511", "422", "421", "412", "411", "311"),
    _seg("promising", "Promising", "Перспективные",
         "525", "524", "523", "522", "521", "515", "514", "513", "425", "424", "413", "414", "415", "315", "314",
         "313"),
    _seg("need_attention", "Need attention", "Требуют внимания", "535", "534", "443", "434", "343", "334", "325",
         "324"),
    _seg("about_to_sleep", "About to sleep", "Засыпающие", "331", "321", "312", "221", "213", "231", "241", "251"),
    _seg("at_risk", "At risk", "В зоне риска",
         "255", "254", "245", "244", "253", "252", "243", "242", "235", "234", "225", "224", "153", "152", "145",
         "143", "142", "135", "134", "133", "125", "124"),
    _seg("cant_lose", "Can't lose them", "Нельзя потерять", "155", "154", "144", "214", "215", "115", "114", "113"),
    _seg("hibernating", "Hibernating", "Спящие", "332", "322", "233", "232", "223", "222", "132", "123", "122",
         "212", "211"),
    _seg("lost", "Lost", "Потерянные", "111", "112", "121", "131", "141", "151"),
))

BUILTIN_MAPS = {m.key: m for m in (RF10, RFM11)}


def map_to_json(rfm_map: RfmMap) -> dict:
    """The map as plain data (project files, the editor)."""
    return {"key": rfm_map.key, "names": dict(rfm_map.names), "kind": rfm_map.kind,
            "segments": [{"key": s.key, "names": dict(s.names), "patterns": list(s.patterns)}
                         for s in rfm_map.segments]}


def map_from_json(data: object) -> RfmMap:
    """Inverse of :func:`map_to_json`; InputError naming what is wrong."""
    try:
        _need(isinstance(data, dict))
        kind = data["kind"]  # type: ignore[index]
        _need(kind in ("rf", "rfm"))
        segments = tuple(MapSegment(str(s["key"]), {str(k): str(v) for k, v in s["names"].items()},
                                    tuple(str(p) for p in s["patterns"])) for s in data["segments"])  # type: ignore[index]
        rfm_map = RfmMap(str(data["key"]), {str(k): str(v) for k, v in data["names"].items()}, kind, segments)  # type: ignore[index]
        _need(all("en" in s.names for s in segments) and "en" in rfm_map.names)
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise InputError("rfm_bad_map", reason=type(e).__name__) from None
    if len({s.key for s in segments}) != len(segments):
        raise InputError("rfm_bad_map", reason="two segments share a key")
    assignments(rfm_map)  # validates every pattern
    return rfm_map


def _need(condition: bool) -> None:
    if not condition:
        raise ValueError("malformed")
