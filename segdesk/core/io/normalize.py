"""Normalised email addresses and phone numbers, exact to email_validator and phonenumbers, but fast.

Both functions work in two passes. A vectorised fast path (Arrow's RE2 regexes and numpy over the raw
string bytes) may only *accept* a value, and only in forms where the library's answer is certain; every
other value goes, once per distinct value, through the library itself. So the result is the library's
result for every value, and a column of a million ordinary values never meets a Python loop.

Nothing here touches the network: email addresses are checked with ``check_deliverability=False``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any, NamedTuple, TypeVar

import email_validator
import numpy as np
import pandas as pd
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
from phonenumbers import phonenumberutil

from segdesk.core.io.cells import may_need_trim, string_buffers

__all__ = ["normalize_emails", "normalize_phones"]

_T = TypeVar("_T")
_STR = pa.large_string()

# ---------------------------------------------------------------------------------------------------------
# Arrow plumbing shared by both functions


def _to_arrow(values: pd.Series) -> pa.LargeStringArray:
    """The values as one Arrow large_string array; None, NaN and pd.NA become null."""
    try:
        arr = pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        arr = None
    if arr is None or not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        # A mixed or numeric column (a spreadsheet's numbers): judge the text a user would see.
        arr = pa.array(values.astype("str"), from_pandas=True)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr.cast(_STR)


def _to_series(arr: pa.Array, like: pd.Series) -> pd.Series:
    """A string Series over arr with like's index and name (and its dtype when that is Arrow-backed)."""
    dtype = like.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        dtype = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default "str"
    return pd.Series(pd.arrays.ArrowStringArray(arr, dtype=dtype), index=like.index, name=like.name)


def _np_bool(arr: pa.Array) -> np.ndarray:
    """A boolean Arrow result as numpy, null counting as False."""
    return pc.fill_null(arr, False).to_numpy(zero_copy_only=False)


def _lengths(arr: pa.Array) -> np.ndarray:
    return pc.fill_null(pc.binary_length(arr), 0).to_numpy(zero_copy_only=False)


def _take(arr: pa.Array, rows: np.ndarray) -> pa.Array:
    if len(rows) == len(arr) and np.array_equal(rows, np.arange(len(arr))):
        return arr  # the fast path often keeps every row: skip the copy
    return arr.take(pa.array(rows, type=pa.int64()))


def _overwrite(base: pa.Array, rows: np.ndarray, values: pa.Array) -> pa.Array:
    """base with base[rows[i]] replaced by values[i]."""
    if len(rows) == 0:
        return base
    index = np.arange(len(base), dtype=np.int64)
    index[rows] = len(base) + np.arange(len(rows), dtype=np.int64)
    return pa.concat_arrays([base, values.cast(base.type)]).take(pa.array(index))


def _apply_distinct(arr: pa.Array, func: Callable[[str], _T]) -> tuple[list[_T], np.ndarray]:
    """func once per distinct value of arr (no nulls): the results, and each row's index into them."""
    encoded = arr.dictionary_encode()
    results = [func(v) for v in encoded.dictionary.to_pylist()]
    return results, encoded.indices.to_numpy(zero_copy_only=False)


# ---------------------------------------------------------------------------------------------------------
# Emails

# Exactly the characters Python's str.strip() removes (tests check this against str.isspace), so the
# vectorised trim agrees with the per-value reference ``value.strip().lower()``.
_PY_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                  "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")

# A conservative ASCII subset of what email_validator accepts: a dot-atom local part (RFC 5322 atext);
# hostname labels of at most 63 characters that start and end alphanumeric and have no "--" as their
# 3rd and 4th characters (the library rejects those "R-LDH" labels, and "xn--" Punycode needs its IDNA
# checks); an alphabetic top-level domain.
_ATOM = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,2}[a-z0-9]|[a-z0-9-](?:[a-z0-9][a-z0-9-]|-[a-z0-9])[a-z0-9-]{0,58}[a-z0-9])?"
_EMAIL_FAST = rf"^{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[a-z]{{2,63}}$"
_LOCAL_MAX, _EMAIL_MAX = 64, 254


def normalize_emails(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Trim and lower-case email addresses and say which are valid.

    values: a Series of strings (``str``, ``string[pyarrow]`` or object), possibly with missing values.
    Returns (normalized, valid): ``value.strip().lower()`` with the same index, missing where the input
    is missing or blank; and a numpy bool array, True where ``email_validator.validate_email(normalized,
    check_deliverability=False)`` accepts the address (never any DNS). Missing is never valid.
    """
    norm = _trim_lower(_to_arrow(values))
    valid = _fast_emails(norm)
    doubtful = np.flatnonzero(~valid & _np_bool(pc.is_valid(norm)))
    slow = doubtful[~_certainly_invalid(_take(norm, doubtful))]
    if len(slow):
        results, index = _apply_distinct(_take(norm, slow), _email_is_valid)
        valid[slow] = np.array(results, dtype=bool)[index]
    return _to_series(norm, values), valid


def _trim_lower(raw: pa.Array) -> pa.Array:
    """raw.strip().lower() per value; empty results become null."""
    # The usual column needs neither: a byte or two per cell and one pass over the bytes tell, and
    # save two copies of the column.
    trimmed = pc.utf8_trim(raw, characters=_PY_WHITESPACE) if may_need_trim(raw) else raw
    lowered = pc.ascii_lower(trimmed) if _has_upper_ascii(trimmed) else trimmed
    # Arrow's Unicode case mapping is not Python's (final sigma, U+0130...): let Python lower the rest.
    odd = np.flatnonzero(~_np_bool(pc.string_is_ascii(trimmed)) & _np_bool(pc.is_valid(trimmed)))
    if len(odd):
        results, index = _apply_distinct(_take(trimmed, odd), str.lower)
        lowered = _overwrite(lowered, odd, _take(pa.array(results, type=_STR), index))
    present = _np_bool(pc.is_valid(lowered))
    blank = present & (_lengths(lowered) == 0)
    if not blank.any():
        return lowered
    lowered = pa.concat_arrays([lowered])  # a fresh array, offset 0, to attach a new validity bitmap to
    bitmap = pa.py_buffer(np.packbits(present & ~blank, bitorder="little"))
    return pa.Array.from_buffers(_STR, len(lowered), [bitmap, *lowered.buffers()[1:]])


def _has_upper_ascii(arr: pa.Array) -> bool:
    data = string_buffers(arr)[1]
    return bool(((data - np.uint8(ord("A"))) < 26).any())  # bytes below 'A' wrap around


def _fast_emails(norm: pa.Array) -> np.ndarray:
    """True where the address is certainly valid; False means "ask email_validator"."""
    ok = _np_bool(pc.match_substring_regex(norm, _EMAIL_FAST))
    lengths = _lengths(norm)
    ok &= lengths <= _EMAIL_MAX
    # Only the library's strict mode limits the local part, but the fast path stays on the safe side.
    long = np.flatnonzero(ok & (lengths > _LOCAL_MAX + 1))
    ok[long] = pc.find_substring(_take(norm, long), "@").to_numpy() <= _LOCAL_MAX
    # Special-use names ("test", "localhost"...) are read on every call: the library's list is a public,
    # mutable module attribute. The pattern above already wants a dot after the '@'.
    for name in email_validator.SPECIAL_USE_DOMAIN_NAMES:
        for ending in ("." + name.lower(), "@" + name.lower()) if "." in name else ("." + name.lower(),):
            ok &= ~_np_bool(pc.ends_with(norm, ending))
    return ok


# Shapes email_validator always rejects (ASCII, no quoted local part): no '@' or two of them, whitespace,
# an empty or dotless domain, dots at an edge or doubled, characters only quoting or brackets allow.
# Real exports' broken addresses are nearly all of these, and the library takes ~60 µs to say so.
_EMAIL_BAD = (r'^[^@]*$|@.*@|\s|\.\.|^\.|\.@|@\.|\.$|^@|@$|@[^.]*$|[,;()<>:\[\]\\]')


def _certainly_invalid(norm: pa.Array) -> np.ndarray:
    """True where the address is certainly invalid without asking the library (never a valid one)."""
    plain = pc.and_(pc.string_is_ascii(norm), pc.invert(pc.match_substring(norm, '"')))
    return _np_bool(pc.and_(plain, pc.match_substring_regex(norm, _EMAIL_BAD)))


def _email_is_valid(address: str) -> bool:
    try:
        email_validator.validate_email(address, check_deliverability=False)
    except email_validator.EmailNotValidError:
        return False
    return True


# ---------------------------------------------------------------------------------------------------------
# Phones

_MAX_INPUT = 250  # phonenumbers refuses longer strings outright
_MAX_DIGITS = 24  # the fast path's limit: a 17-digit number with a country code and a prefix or two
_NSN_MIN, _NSN_MAX = 2, 17
_LENGTH_CAP = 64  # pattern lengths are only tracked this far: the fast path reads at most _MAX_DIGITS
_TABLE_WIDTH = 4  # prefix patterns at most this wide are decided per distinct leading digits
# The number-type descriptions is_valid_number tries (any match makes a number valid).
_TYPE_FIELDS = ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan",
                "voicemail", "fixed_line")


_PHONE_BLOCK = 1 << 18


def normalize_phones(values: pd.Series, region: str = "RU") -> tuple[pd.Series, np.ndarray]:
    """Format phone numbers as E.164 and say which are valid.

    values: a Series of strings, possibly with missing values; they are read, never modified.
    Returns (e164, valid): "+79123456789" where ``phonenumbers.parse(value, region)`` succeeds and
    ``is_valid_number`` holds, missing elsewhere (same index); and a numpy bool array of those rows. A cell
    holding several numbers split by "," or ";" (1C's "Телефоны") gets its first one's.
    Numbers of the region's own calling code in common written forms take the fast path; any region
    works, others only go through phonenumbers (correct, just slower).
    """
    raw = _to_arrow(values)
    pending = _np_bool(pc.is_valid(raw))
    plan = _phone_plan(region)
    parts = []
    if plan is not None:
        for start in range(0, len(raw), _PHONE_BLOCK):
            block = raw.slice(start, _PHONE_BLOCK)  # a slice's scratch is a fraction of the column's
            for rows, e164 in _fast_phones(block, pending[start:start + len(block)], plan):
                parts.append((rows + start, e164))
    for rows, _ in parts:
        pending[rows] = False
    slow = np.flatnonzero(pending)
    if len(slow):
        results, index = _apply_distinct(_take(raw, slow), partial(_e164_or_none, region=region))
        parts.append((slow, _take(pa.array(results, type=_STR), index)))
    e164 = _scatter(len(raw), parts)
    return _to_series(e164, values), _np_bool(pc.is_valid(e164))


_SEVERAL = re.compile(r"\s*[,;]\s*")


def _e164_or_none(raw: str, region: str) -> str | None:
    """The number's E.164 form; of a cell holding several ("8 912 345-67-89, 8 495 123-45-67"), the first's."""
    found = _e164(raw, region)
    if found is None and _SEVERAL.search(raw):
        found = _e164(_SEVERAL.split(raw, maxsplit=1)[0], region)
    return found


def _e164(raw: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _scatter(n: int, parts: Iterable[tuple[np.ndarray, pa.Array]]) -> pa.Array:
    """n strings: parts' values at their rows, null elsewhere."""
    index = np.zeros(n, dtype=np.int64)  # slot 0 holds the null
    chunks, start = [pa.nulls(1, _STR)], 1
    for rows, strings in parts:
        index[rows] = start + np.arange(len(rows), dtype=np.int64)
        chunks.append(strings.cast(_STR))
        start += len(rows)
    return pa.concat_arrays(chunks).take(pa.array(index))


# --- what the fast path needs from phonenumbers' metadata -------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Rules:
    """One region's metadata, as the fast path uses it."""

    general: str
    general_lengths: tuple[int, ...]
    types: tuple[tuple[tuple[int, ...], str], ...]  # (possible lengths, () for any; patterns joined)
    leading_digits: str | None
    national_prefix: str | None  # national_prefix_for_parsing
    literal_prefix: bool  # plain digits and no transform rule: stripping it can be emulated
    international_prefix: str | None
    keeps_stripped: np.ndarray  # by length: parse() keeps a number stripped of its national prefix
    too_long: np.ndarray  # by length: _test_number_length says TOO_LONG


@dataclass(frozen=True, eq=False)
class _Plan:
    """The fast path for one default region."""

    cc: str
    home: _Rules  # the default region's rules, used until a country code is read
    main: _Rules  # the code's main region's rules, used once it is
    regions: tuple[_Rules, ...]  # every region of the code, in region_code_for_number's order


@lru_cache(maxsize=32)
def _phone_plan(region: str) -> _Plan | None:
    """The fast path for region, or None where the metadata has a shape it does not emulate."""
    if region not in phonenumbers.SUPPORTED_REGIONS or not hasattr(phonenumberutil, "_test_number_length"):
        return None
    code = phonenumbers.country_code_for_region(region)
    cc = str(code)
    # With a '+', phonenumbers takes the shortest known code: a shorter one would shadow ours.
    if any(int(cc[:k]) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE for k in range(1, len(cc))):
        return None
    home, main = _region_rules(region), _region_rules(phonenumbers.region_code_for_country_code(code))
    listed = [r for r in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[code]
              if phonenumbers.PhoneMetadata.metadata_for_region(r) is not None]
    regions = [rules for r in listed if (rules := _region_rules(r)) is not None]
    if home is None or main is None or len(regions) != len(listed):
        return None
    return _Plan(cc, home, main, tuple(regions))


@lru_cache(maxsize=64)
def _region_rules(region: str) -> _Rules | None:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None:
        return None
    general = meta.general_desc
    if general is None or not general.national_number_pattern or not general.possible_length:
        return None
    prefix, transform = meta.national_prefix_for_parsing, meta.national_prefix_transform_rule
    # _test_number_length looks at the length only: tabulate the library's own answers.
    status = [phonenumberutil._test_number_length("1" * n, meta) for n in range(_MAX_INPUT + 1)]
    result = phonenumberutil.ValidationResult
    return _Rules(
        general=general.national_number_pattern,
        general_lengths=tuple(general.possible_length),
        types=_type_groups(meta),
        leading_digits=meta.leading_digits,
        national_prefix=prefix or None,
        literal_prefix=bool(prefix and re.fullmatch("[0-9]+", prefix)) and not transform,
        international_prefix=meta.international_prefix,
        keeps_stripped=np.array([s in (result.IS_POSSIBLE, result.TOO_LONG) for s in status]),
        too_long=np.array([s == result.TOO_LONG for s in status]),
    )


def _type_groups(meta: phonenumbers.PhoneMetadata) -> tuple[tuple[tuple[int, ...], str], ...]:
    """The number-type patterns, joined into one alternation per set of possible lengths."""
    fields = _TYPE_FIELDS if meta.same_mobile_and_fixed_line_pattern else (*_TYPE_FIELDS, "mobile")
    groups: dict[tuple[int, ...], list[str]] = {}
    for name in fields:
        desc = getattr(meta, name)
        if desc is not None and desc.national_number_pattern:
            groups.setdefault(tuple(desc.possible_length), []).append(desc.national_number_pattern)
    return tuple((lengths, "|".join(f"(?:{p})" for p in pats)) for lengths, pats in groups.items())


class _Shape(NamedTuple):
    """What the fast path knows of a metadata pattern without running it (see _pattern_shape)."""

    lengths: np.ndarray | None  # the lengths it can match, None if unbounded or unknown
    anchored: bool  # it contains ^, $ or the like (or could not be read)
    free_tail: int  # how many trailing digits never change whether a digit string matches


@lru_cache(maxsize=1024)
def _pattern_shape(pattern: str) -> _Shape:
    """Read a pattern's shape from CPython's own parse of it.

    Over-approximate by design: it only lets the fast path skip regex runs that cannot match, or run
    the regex once per distinct head of digits instead of once per row.
    """
    try:
        parser = importlib.import_module("re._parser")  # private: any surprise just means "unknown"
        items = list(parser.parse(pattern))
        lengths, anchored = _sequence_shape(items)
        free_tail = _free_tail(items)
    except Exception:
        return _Shape(None, True, 0)
    return _Shape(None if lengths is None else np.array(sorted(lengths)), anchored, free_tail)


def _free_tail(items: list[tuple[Any, Any]]) -> int:
    """Trailing digits that never matter: "A\\d{4}" matches a digit string iff A matches all but its last 4."""
    if not items:
        return 0
    op, arg = str(items[-1][0]), items[-1][1]
    if op == "SUBPATTERN":
        return _free_tail([*items[:-1], *arg[3]])
    if op == "BRANCH":
        return min(_free_tail(list(branch)) for branch in arg[1])
    if op == "IN" and _any_digit(arg):
        return 1 + _free_tail(items[:-1])
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = arg
        sub = list(sub)
        if len(sub) == 1 and str(sub[0][0]) == "IN" and _any_digit(sub[0][1]):
            # A fixed count keeps the digits before it aligned; a range does not.
            return low + (_free_tail(items[:-1]) if low == high else 0)
    return 0


def _any_digit(members: Iterable[tuple[Any, Any]]) -> bool:
    """Whether a parsed character class is exactly \\d or [0-9]."""
    readable = [(str(kind), value if isinstance(value, tuple) else str(value)) for kind, value in members]
    return readable in ([("CATEGORY", "CATEGORY_DIGIT")], [("RANGE", (48, 57))])


def _sequence_shape(items: Iterable[tuple[Any, Any]]) -> tuple[frozenset[int] | None, bool]:
    lengths: frozenset[int] | None = frozenset({0})
    anchored = False
    for op, arg in items:
        node, node_anchored = _node_shape(str(op), arg)
        anchored |= node_anchored
        lengths = None if lengths is None or node is None else _sums(lengths, node)
    return lengths, anchored


def _node_shape(op: str, arg: Any) -> tuple[frozenset[int] | None, bool]:
    if op in ("LITERAL", "NOT_LITERAL", "IN", "ANY"):
        return frozenset({1}), False
    if op == "AT":
        return frozenset({0}), True
    if op == "SUBPATTERN":
        return _sequence_shape(arg[3])
    if op == "BRANCH":
        shapes = [_sequence_shape(branch) for branch in arg[1]]
        known = [lengths for lengths, _ in shapes if lengths is not None]
        union = frozenset().union(*known) if len(known) == len(shapes) else None
        return union, any(anchored for _, anchored in shapes)
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = arg
        inner, anchored = _sequence_shape(sub)
        if inner is None or high > _LENGTH_CAP:
            return None, anchored
        reach, total = frozenset({0}), frozenset({0}) if low == 0 else frozenset()
        for count in range(1, high + 1):
            reach = _sums(reach, inner)
            total = total | reach if count >= low else total
        return total, anchored
    return None, True


def _sums(left: frozenset[int], right: frozenset[int]) -> frozenset[int]:
    return frozenset(a + b for a in left for b in right if a + b <= _LENGTH_CAP)


def _is_in(values: np.ndarray, members: Iterable[int]) -> np.ndarray:
    """Whether each of values (lengths) is one of members, by a lookup table."""
    table = np.zeros(_LENGTH_CAP + 2, dtype=bool)
    table[[m for m in members if 0 <= m <= _LENGTH_CAP]] = True
    return table[np.clip(values, 0, _LENGTH_CAP + 1)]


# --- the fast path -----------------------------------------------------------------------------------------


class _Digits:
    """ASCII digit strings with numpy views of their bytes; patterns are matched on each row's tail."""

    def __init__(self, arr: pa.Array) -> None:
        self.arr = arr
        self.offsets, self.data = string_buffers(arr)
        self.lengths = np.diff(self.offsets)

    def __len__(self) -> int:
        return len(self.arr)

    def byte_at(self, pos: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Byte pos of each row, or of each of rows (0 past the end)."""
        starts, lengths = (self.offsets[:-1], self.lengths) if rows is None else (self.offsets[rows],
                                                                                   self.lengths[rows])
        inside = pos < lengths
        if inside.all():
            return self.data[starts + pos]
        out = np.zeros(len(pos), dtype=np.uint8)
        out[inside] = self.data[starts[inside] + pos[inside]]
        return out

    def starts_with(self, literal: str, skip: np.ndarray) -> np.ndarray:
        """Whether each row, after its first skip digits, starts with literal."""
        ok = np.ones(len(self), dtype=bool)
        for j, byte in enumerate(literal.encode("ascii")):
            ok &= self.byte_at(skip + j) == byte
        return ok

    def matches(self, pattern: str, skip: np.ndarray, rows: np.ndarray | None = None, *,
                full: bool = True) -> np.ndarray:
        """Whether each of rows, after its first skip digits, matches pattern (fully or at its start).

        Rows outside rows are False. Lengths the pattern cannot match skip the regex; narrow prefix
        patterns are decided once per distinct leading digits, and full matches once per distinct head
        where the pattern ends in free digits ("...\\d{7}"). Only what is left runs once per row.
        """
        result = np.zeros(len(self), dtype=bool)
        rows = np.arange(len(self)) if rows is None else rows
        lengths, anchored, free_tail = _pattern_shape(pattern)
        if lengths is not None and full:
            rows = rows[_is_in(self.lengths[rows] - skip[rows], lengths)]
        elif lengths is not None and len(lengths) and not anchored and lengths[-1] <= _TABLE_WIDTH:
            result[rows] = self._prefix_table(pattern, rows, skip[rows], int(lengths[-1]))
            return result
        by_heads = self._by_heads(pattern, rows, skip[rows], free_tail) if full and not anchored else None
        if by_heads is not None:
            result[rows] = by_heads
            return result
        for k, group in _groups(skip, rows).items():
            result[group] = self._regex(pattern, group, k, anchored, full)
        return result

    def _regex(self, pattern: str, rows: np.ndarray, skip: int, anchored: bool, full: bool) -> np.ndarray:
        texts = _take(self.arr, rows)
        if skip and anchored:
            texts, skip = pc.utf8_slice_codeunits(texts, skip), 0  # '^' inside must see the tail's start
        head = f"^[0-9]{{{skip}}}" if skip else "^"
        return _np_bool(pc.match_substring_regex(texts, f"{head}(?:{pattern}){'$' if full else ''}"))

    def _by_heads(self, pattern: str, rows: np.ndarray, skip: np.ndarray, free_tail: int) -> np.ndarray | None:
        """Full match of rows, run once per distinct (length, head) rather than once per row.

        The last free_tail digits cannot change the answer, so only the digits before them (the head)
        and the length are read. None when that would not save anything.
        """
        rest = self.lengths[rows] - skip
        head = rest - np.minimum(rest, free_tail)
        widest = int(head.max()) if len(rows) else 0
        if not free_tail or not len(rows) or widest > 15:  # 15: the head must fit an int64 code
            return None
        code = self._head_codes(self.offsets[rows] + skip, head, widest)
        if (rest == rest[0]).all():  # the usual case: keep the codes small enough for a table
            inverse, keys = _distinct(code, 10**widest)
            return _match_heads(pattern, keys, np.full(len(keys), rest[0]), free_tail)[inverse]
        inverse, keys = _distinct(code * 32 + rest, 10**widest * 32)  # rest is at most _MAX_DIGITS < 32
        return _match_heads(pattern, keys // 32, keys % 32, free_tail)[inverse]

    def _head_codes(self, starts: np.ndarray, head: np.ndarray, widest: int) -> np.ndarray:
        """The first head digits from each start, as an integer."""
        code = np.zeros(len(starts), dtype=np.int64)
        if (head == widest).all():  # the usual case, without masks: add the bytes, then take the '0's off
            for j in range(widest):
                code *= 10
                code += self.data[starts + j]
            return code - ord("0") * ((10**widest - 1) // 9)
        for j in range(widest):
            reading = j < head
            digit = self.data[np.where(reading, starts + j, 0)].astype(np.int64) - ord("0")
            code = np.where(reading, code * 10 + digit, code)
        return code

    def _prefix_table(self, pattern: str, rows: np.ndarray, skip: np.ndarray, width: int) -> np.ndarray:
        """re.match(pattern) per row, judged on its first width digits (all the pattern can read)."""
        code = np.zeros(len(rows), dtype=np.int64)
        for j in range(width):
            byte = self.byte_at(skip + j, rows).astype(np.int64)
            code = code * 11 + np.where(byte > 0, byte - ord("0") + 1, 0)  # 0 marks the end
        compiled, table = re.compile(pattern), np.zeros(11 ** width, dtype=bool)
        for value in np.flatnonzero(np.bincount(code, minlength=11 ** width)):
            digits = [int(value) // 11 ** (width - 1 - j) % 11 for j in range(width)]
            text = "".join(str(d - 1) for d in digits[:digits.index(0) if 0 in digits else width])
            table[value] = compiled.match(text) is not None
        return table[code]


def _match_heads(pattern: str, heads: np.ndarray, lengths: np.ndarray, free_tail: int) -> np.ndarray:
    """Full match of each head (as digits), padded with zeros to its length."""
    digits = lengths - np.minimum(lengths, free_tail)
    matrix = np.full((len(heads), int(lengths.max())), ord("0"), dtype=np.uint8)
    for j in range(int(digits.max())):
        column = digits - 1 - j  # the j-th digit from the right of the head
        has = np.flatnonzero(column >= 0)
        matrix[has, column[has]] += (heads[has] // 10**j % 10).astype(np.uint8)
    offsets = np.zeros(len(heads) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    data = matrix[np.arange(matrix.shape[1]) < lengths[:, None]]  # row by row, each to its length
    texts = pa.LargeStringArray.from_buffers(len(heads), pa.py_buffer(offsets), pa.py_buffer(data.tobytes()))
    return _np_bool(pc.match_substring_regex(texts, f"^(?:{pattern})$"))


def _distinct(codes: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray]:
    """(each code's index into the distinct codes, the distinct codes); codes are in [0, bound)."""
    if bound > 10**6:
        return pd.factorize(codes)
    present = np.flatnonzero(np.bincount(codes, minlength=bound))  # cheaper than hashing small codes
    index = np.zeros(bound, dtype=np.int64)
    index[present] = np.arange(len(present))
    return index[codes], present


def _fast_phones(raw: pa.Array, pending: np.ndarray, plan: _Plan) -> list[tuple[np.ndarray, pa.Array]]:
    """(rows, E.164 strings) groups for the values the fast path accepts."""
    digits, plus, readable = _scan_phones(raw)
    count = _lengths(digits)
    rows = np.flatnonzero(pending & readable & (_lengths(raw) <= _MAX_INPUT) & (count >= 3)
                          & (count <= _MAX_DIGITS))
    number = _Digits(_take(digits, rows))
    skip, sure = _national_skip(number, plus[rows], plan)
    rest = number.lengths - skip
    # A leading zero would be kept as phonenumbers' "Italian leading zero": not worth emulating.
    sure &= (rest >= _NSN_MIN) & (rest <= _NSN_MAX)
    sure &= number.byte_at(skip) != ord("0")
    valid = np.flatnonzero(_valid_numbers(number, skip, np.flatnonzero(sure), plan))
    parts = []
    for k, group in _groups(skip, valid).items():
        e164 = pc.utf8_replace_slice(_take(number.arr, group), start=0, stop=k, replacement=f"+{plan.cc}")
        parts.append((rows[group], e164))
    return parts


def _groups(skip: np.ndarray, rows: np.ndarray) -> dict[int, np.ndarray]:
    """rows split by their skip (a few small numbers)."""
    values = skip[rows]
    present = np.flatnonzero(np.bincount(values)) if len(rows) else np.empty(0, dtype=np.int64)
    if len(present) == 1:
        return {int(present[0]): rows}
    return {int(k): rows[values == k] for k in present}


_SCAN_ROWS = 1 << 16  # rows per block: the scratch of a block stays in the CPU cache


def _scan_phones(raw: pa.Array) -> tuple[pa.Array, np.ndarray, np.ndarray]:
    """Each value's ASCII digits, whether it starts with '+', and whether the fast path can read it.

    Readable: only digits, ' ', '(', ')', '.', '-' and at most one '+' that comes before anything but
    spaces. phonenumbers reads all of those as punctuation, never as an extension or a letter.
    """
    offsets, data = string_buffers(raw)
    counts = np.zeros(len(raw), dtype=np.int64)
    unread = np.zeros(len(raw), dtype=np.int64)
    kept = []
    for start in range(0, len(raw), _SCAN_ROWS):
        edges = offsets[start:start + _SCAN_ROWS + 1]
        block = data[edges[0]:edges[-1]]
        edges = edges - edges[0]
        is_digit = (block - np.uint8(ord("0"))) < 10  # uint8 wraps around below '0'
        read = is_digit | (block == ord(" ")) | (block == ord("(")) | (block == ord(")")) | (block == ord(".")) \
            | (block == ord("-"))
        counts[start:start + len(edges) - 1] = _count_per_row(is_digit, edges)
        unread[start:start + len(edges) - 1] = _count_per_row(~read, edges)
        kept.append(block[is_digit])
    digit_offsets = np.zeros(len(raw) + 1, dtype=np.int64)
    np.cumsum(counts, out=digit_offsets[1:])
    plus = _leading_plus(raw, offsets, data)
    readable = unread == plus  # the '+' is the one byte not read
    digits = pa.LargeStringArray.from_buffers(len(raw), pa.py_buffer(digit_offsets),
                                              pa.py_buffer(np.concatenate(kept) if kept else b""))
    return digits, plus, readable


def _leading_plus(raw: pa.Array, offsets: np.ndarray, data: np.ndarray) -> np.ndarray:
    """Whether the first byte that is not a space is '+'."""
    nonempty = offsets[1:] > offsets[:-1]
    first = np.zeros(len(raw), dtype=np.uint8)
    first[nonempty] = data[offsets[:-1][nonempty]]
    plus = first == ord("+")
    spaced = np.flatnonzero(first == ord(" "))  # rare: let Arrow look past the spaces
    if len(spaced):
        plus[spaced] = _np_bool(pc.starts_with(pc.utf8_ltrim(_take(raw, spaced), " "), "+"))
    return plus


def _count_per_row(flags: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """How many flags are set in each row's bytes (a running count read at the row edges: no reduceat,
    which is several times slower on short rows)."""
    running = np.zeros(len(flags) + 1, dtype=np.int32 if len(flags) < 2**31 else np.int64)
    np.cumsum(flags, out=running[1:])
    return (running[offsets[1:]] - running[offsets[:-1]]).astype(np.int64)


# --- parse(), step by step, for numbers of the plan's own calling code -----------------------------------


def _national_skip(number: _Digits, plus: np.ndarray, plan: _Plan) -> tuple[np.ndarray, np.ndarray]:
    """How many leading digits phonenumbers.parse drops to get the national significant number.

    With '+': the calling code, which must be the plan's. Without: an international prefix ("810...")
    is left to the library; a leading own code is dropped only under the library's conditions. Then
    the national prefix. sure is False on rows this does not emulate.
    """
    zero = np.zeros(len(number), dtype=np.int64)
    at_cc = number.starts_with(plan.cc, zero)
    sure = np.where(plus, at_cc, ~_has_prefix(number, plan.home.international_prefix, zero))
    drop, dropped_skip, unsure = _drops_country_code(number, np.flatnonzero(~plus & at_cc & sure), plan)
    skip = np.where(plus, len(plan.cc), np.where(drop, dropped_skip, 0))
    known = plus | drop  # the code is known from here on: its main region's rules apply
    sure &= ~unsure & (number.lengths - skip >= _NSN_MIN)
    strip, unsure = _strip_for_parse(number, skip, known, plan)
    return skip + strip, sure & ~unsure


def _has_prefix(number: _Digits, pattern: str | None, skip: np.ndarray) -> np.ndarray:
    if not pattern:
        return np.zeros(len(number), dtype=bool)
    if re.fullmatch("[0-9]+", pattern):
        return number.starts_with(pattern, skip)
    return number.matches(pattern, skip, full=False)


def _drops_country_code(number: _Digits, rows: np.ndarray,
                        plan: _Plan) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """_maybe_extract_country_code for rows written without '+' that start with the own code.

    The code (and a national prefix after it) is dropped if the whole number was too long, or did not
    fit the region's pattern and fits it without them. Returns (dropped, digits dropped, unsure).
    """
    home = plan.home
    after_cc = np.full(len(number), len(plan.cc), dtype=np.int64)
    strip, unsure = _strip_prefix(number, after_cc, rows, home)
    too_long = home.too_long[np.minimum(number.lengths, _MAX_INPUT)]
    whole_fits = number.matches(home.general, np.zeros(len(number), dtype=np.int64), rows)
    tail = rows[~too_long[rows] & ~whole_fits[rows]]
    drop = np.zeros(len(number), dtype=bool)
    drop[rows] = too_long[rows]
    drop |= number.matches(home.general, after_cc + strip, tail)
    return drop, after_cc + strip, unsure


def _strip_prefix(number: _Digits, skip: np.ndarray, rows: np.ndarray,
                  rules: _Rules) -> tuple[np.ndarray, np.ndarray]:
    """_maybe_strip_national_prefix_carrier_code on rows: (digits stripped, unsure).

    Only a literal prefix is emulated; where a regex prefix matches, the row is unsure.
    """
    strip = np.zeros(len(number), dtype=np.int64)
    prefix = rules.national_prefix
    if prefix is None or len(rows) == 0:
        return strip, np.zeros(len(number), dtype=bool)
    if not rules.literal_prefix:
        return strip, number.matches(prefix, skip, rows, full=False)
    rows = rows[number.starts_with(prefix, skip)[rows]]
    # The library keeps the prefix when the number fits the region's pattern only with it.
    viable = rows[number.matches(rules.general, skip, rows)[rows]]
    keeps = np.zeros(len(number), dtype=bool)
    keeps[viable] = ~number.matches(rules.general, skip + len(prefix), viable)[viable]
    strip[rows[~keeps[rows]]] = len(prefix)
    return strip, np.zeros(len(number), dtype=bool)


def _strip_for_parse(number: _Digits, skip: np.ndarray, known: np.ndarray,
                     plan: _Plan) -> tuple[np.ndarray, np.ndarray]:
    """parse()'s national-prefix step: strip, and keep it only where the rest has a possible length."""
    everything = np.arange(len(number))
    if plan.main is plan.home:
        groups = [(everything, plan.home)]
    else:
        groups = [(everything[known], plan.main), (everything[~known], plan.home)]
    strip, unsure = np.zeros(len(number), dtype=np.int64), np.zeros(len(number), dtype=bool)
    for rows, rules in groups:
        cut, doubt = _strip_prefix(number, skip, rows, rules)
        rest = np.clip(number.lengths - skip - cut, 0, _MAX_INPUT)
        keep = rows[(cut[rows] > 0) & rules.keeps_stripped[rest[rows]]]
        strip[keep] = cut[keep]
        unsure[rows] = doubt[rows]
    return strip, unsure


def _valid_numbers(number: _Digits, skip: np.ndarray, rows: np.ndarray, plan: _Plan) -> np.ndarray:
    """is_valid_number: the number's region is the first whose leading digits match, or (without
    leading digits) whose number types fit; it is valid if it fits that region's types."""
    if len(plan.regions) == 1:
        return _type_ok(number, skip, rows, plan.regions[0])
    valid = np.zeros(len(number), dtype=bool)
    for rules in plan.regions:
        if rules.leading_digits is None:
            claimed = _type_ok(number, skip, rows, rules)
            valid |= claimed
        else:
            claimed = number.matches(rules.leading_digits, skip, rows, full=False)
            valid |= _type_ok(number, skip, rows[claimed[rows]], rules)
        rows = rows[~claimed[rows]]
    return valid


def _type_ok(number: _Digits, skip: np.ndarray, rows: np.ndarray, rules: _Rules) -> np.ndarray:
    """_number_type_helper(...) != UNKNOWN: fits the general description and one number type."""
    rest = number.lengths - skip
    rows = rows[_is_in(rest[rows], rules.general_lengths)]
    rows = rows[number.matches(rules.general, skip, rows)[rows]]
    typed = np.zeros(len(number), dtype=bool)
    for lengths, pattern in rules.types:
        pending = rows[~typed[rows]]
        if lengths:
            pending = pending[_is_in(rest[pending], lengths)]
        typed |= number.matches(pattern, skip, pending)
    return typed


def phone_regions() -> list[tuple[str, int]]:
    """Every region phone numbers can be normalised for, as (region code, calling code), by region code."""
    return sorted((r, phonenumbers.country_code_for_region(r)) for r in phonenumbers.SUPPORTED_REGIONS)
