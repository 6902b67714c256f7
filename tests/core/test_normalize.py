"""normalize_emails / normalize_phones must say exactly what email_validator and phonenumbers say.

The fast paths are re-implementations of a slice of each library, so the property tests compare every
value with a per-value call to the library itself, over inputs built to hit the edges of those slices.
"""

from __future__ import annotations

import itertools
import math
import re
import sys

import email_validator
import numpy as np
import pandas as pd
import phonenumbers
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from segdesk.core.io import normalize
from segdesk.core.io.normalize import normalize_emails, normalize_phones

PROPERTY = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MISSING = [None, np.nan, pd.NA]


# --- references: one library call per value ------------------------------------------------------------


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def reference_email(value: object) -> tuple[str | None, bool]:
    if _is_missing(value):
        return None, False
    text = value.strip().lower()
    if not text:
        return None, False
    try:
        email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError:
        return text, False
    return text, True


def reference_phone(value: object, region: str) -> str | None:
    if _is_missing(value):
        return None
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _as_list(series: pd.Series) -> list[str | None]:
    return [None if _is_missing(v) else v for v in series.tolist()]


def assert_emails_agree(values: list[object], dtype: str = "object") -> None:
    series = pd.Series(values, dtype=dtype, index=np.arange(len(values)) * 3 + 7)
    normalized, valid = normalize_emails(series)
    assert normalized.index.equals(series.index)
    assert isinstance(valid, np.ndarray) and valid.dtype == bool and len(valid) == len(values)
    expected = [reference_email(v) for v in values]
    assert _as_list(normalized) == [e[0] for e in expected]
    assert valid.tolist() == [e[1] for e in expected]


def assert_phones_agree(values: list[object], region: str = "RU", dtype: str = "object") -> None:
    series = pd.Series(values, dtype=dtype)
    before = series.copy()
    e164, valid = normalize_phones(series, region)
    pd.testing.assert_series_equal(series, before)  # the raw values are the caller's
    assert e164.index.equals(series.index)
    expected = [reference_phone(v, region) for v in values]
    assert _as_list(e164) == expected
    assert valid.tolist() == [e is not None for e in expected]


# --- emails: examples ----------------------------------------------------------------------------------


def test_email_is_trimmed_and_lowered():
    normalized, valid = normalize_emails(pd.Series(["  Ivan.Petrov@Mail.RU \t", "\u00a0anna@yandex.ru\u3000"]))
    assert normalized.tolist() == ["ivan.petrov@mail.ru", "anna@yandex.ru"]
    assert valid.tolist() == [True, True]


@pytest.mark.parametrize("missing", [*MISSING, "", "   ", "\t\n"])
def test_missing_or_blank_email_is_missing_and_invalid(missing):
    normalized, valid = normalize_emails(pd.Series([missing, "a@b.ru"], dtype=object))
    assert normalized.isna().tolist() == [True, False]
    assert valid.tolist() == [False, True]


@pytest.mark.parametrize("address", ["not-an-email", "a..b@x.com", ".a@x.com", "a.@x.com", "a@x", "a@-x.com",
                                     "a@x.co1", "a b@x.com", "a@x..com", "name@example.test", "a@b.localhost",
                                     "a@ab--cd.com", "a@" + "x" * 64 + ".com", "a@[127.0.0.1]",
                                     '"quoted"@x.com', "Ivan <ivan@x.com>"])
def test_invalid_emails_are_invalid_but_kept(address):
    normalized, valid = normalize_emails(pd.Series([address]))
    assert normalized.tolist() == [address.strip().lower()]
    assert valid.tolist() == [False]


@pytest.mark.parametrize("address", ["a+tag@sub.example.com", "o'brien@x.io", "x@xn--80a1acny.xn--p1ai",
                                     "пётр@почта.рф", "ÄNNE@Müller.de", "a" * 65 + "@x.com"])
def test_unusual_but_valid_emails_follow_the_library(address):
    assert_emails_agree([address])


def test_emails_keep_index_name_and_arrow_dtype():
    series = pd.Series(["A@B.RU", None], index=["x", "y"], name="mail", dtype="string[pyarrow]")
    normalized, valid = normalize_emails(series)
    assert normalized.dtype == series.dtype and normalized.name == "mail"
    assert normalized.index.tolist() == ["x", "y"]
    assert normalized.iloc[0] == "a@b.ru" and pd.isna(normalized.iloc[1])
    assert normalize_emails(pd.Series(["A@B.RU"], dtype=object))[0].dtype == "str"


def test_common_emails_never_reach_the_library(monkeypatch):
    calls = []
    monkeypatch.setattr(normalize, "_email_is_valid", lambda v: calls.append(v) or True)
    normalize_emails(pd.Series(["ivan@mail.ru", " Anna.K+shop@Gmail.com", "o_k-1@sub.domain.co.uk"]))
    assert calls == []


def test_special_use_names_are_read_at_call_time(monkeypatch):
    monkeypatch.setattr(email_validator, "SPECIAL_USE_DOMAIN_NAMES", [*email_validator.SPECIAL_USE_DOMAIN_NAMES,
                                                                      "corp"])
    assert normalize_emails(pd.Series(["a@x.corp", "a@x.com"]))[1].tolist() == [False, True]


def test_strict_mode_is_the_library_s_business(monkeypatch):
    monkeypatch.setattr(email_validator, "STRICT", True)
    assert_emails_agree(["a" * 64 + "@x.ru", "a" * 65 + "@x.ru", "b" * 70 + "@" + "c" * 40 + ".com"])
    assert normalize_emails(pd.Series(["a" * 65 + "@x.ru"]))[1].tolist() == [False]


def test_python_whitespace_table_is_complete():
    assert set(normalize._PY_WHITESPACE) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}


def test_emails_agree_on_a_mixed_column():
    rng = np.random.default_rng(5)
    parts = ["a", "B", ".", "..", "-", "+", "@", "x", "ru", "com", "test", " ", "é", "xn--", "1", "_"]
    values = ["".join(rng.choice(parts, size=rng.integers(1, 12))) for _ in range(3000)]
    assert_emails_agree(values + ["a@b.ru"] * 5 + MISSING, dtype="object")


# --- emails: properties --------------------------------------------------------------------------------

_ATEXT = "abcxyzABCXYZ0189!#$%&'*+/=?^_`{|}~-"
_ODD = "äßİΣς\u0301＠﹫\u200b\u00a0\u2028\"<>()[]\\,;: \t"
_local = st.lists(st.text(st.sampled_from(list(_ATEXT + _ODD[:4])), min_size=0, max_size=8),
                  min_size=1, max_size=4).map(".".join)
_label = st.one_of(st.text(st.sampled_from(list("abzAZ09-")), min_size=0, max_size=8),
                   st.sampled_from(["xn--p1ai", "xn--80a1acny", "ab--cd", "почта", "Müller", "x" * 63,
                                    "x" * 64, "a-", "-a", "ｘ"]))
_tld = st.sampled_from(["com", "ru", "RU", "io", "c0m", "c", "test", "local", "localhost", "onion", "arpa",
                        "invalid", "example", "xn--p1ai", "рф", "co.uk", "a" * 63, "a" * 64, ""])
_space = st.sampled_from(["", " ", "\t", "\u00a0", "\u3000", "\x1c", "\n "])


@st.composite
def _plausible_address(draw) -> str:
    labels = draw(st.lists(_label, min_size=0, max_size=3))
    domain = ".".join([*labels, draw(_tld)])
    at = draw(st.sampled_from(["@", "@", "@", "@@", "＠", ""]))
    text = draw(_space) + draw(_local) + at + domain + draw(_space)
    return draw(st.sampled_from([text, text.upper(), text.swapcase()]))


_email_value = st.one_of(_plausible_address(), st.text(max_size=30), st.sampled_from(MISSING + ["", " "]),
                         st.text(st.sampled_from(list(_ATEXT + _ODD + ".@")), max_size=30))


@PROPERTY
@given(st.lists(_email_value, max_size=40), st.sampled_from(["object", "str"]))
def test_emails_agree_with_email_validator(values, dtype):
    if dtype == "str":
        values = [None if _is_missing(v) else v for v in values]
    assert_emails_agree(values, dtype)


@PROPERTY
@given(st.lists(_local, min_size=1, max_size=5), st.integers(0, 300))
def test_long_emails_agree_with_email_validator(locals_, padding):
    # Around the 64-character local part and the 254-character address.
    assert_emails_agree([f"{loc}{'x' * padding}@{'d' * (padding % 60 + 1)}.ru" for loc in locals_]
                        + [f"{loc}@{'d' * 63}.{'e' * 63}.{'f' * (padding % 120 + 1)}.com" for loc in locals_])


# --- phones: examples ----------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["+7 (912) 345-67-89", "8 912 345-67-89", "89123456789", "79123456789",
                                     "9123456789", "+79123456789", "8(912)345-67-89", "8.912.345.67.89",
                                     "  +7 912 345 67 89  ", "7 (912) 345 67 89", "+7-912-345-67-89"])
def test_russian_mobile_forms(written):
    e164, valid = normalize_phones(pd.Series([written]))
    assert e164.tolist() == ["+79123456789"] and valid.tolist() == [True]


@pytest.mark.parametrize(("written", "expected"), [
    ("+7 495 123-45-67", "+74951234567"),  # Moscow landline
    ("8 (812) 123-45-67", "+78121234567"),  # St Petersburg, area code starts with the national prefix
    ("8 800 555-35-35", "+78005553535"),  # toll free
    ("+7 701 234 56 78", "+77012345678"),  # Kazakhstan shares +7
    ("+44 20 7946 0958", "+442079460958"),
    ("8 10 49 30 1234567", "+49301234567"),  # dialled abroad with 8~10: left to the library
    ("123", None), ("", None), ("   ", None), ("not a phone", None), ("+7 912 345", None),
    ("8 912 345-67-89 доб. 12", "+79123456789"),
])
def test_phone_examples(written, expected):
    assert _as_list(normalize_phones(pd.Series([written]))[0]) == [expected] == [reference_phone(written, "RU")]


@pytest.mark.parametrize("missing", MISSING)
def test_missing_phone_is_missing_and_invalid(missing):
    e164, valid = normalize_phones(pd.Series([missing, "+79123456789"], dtype=object))
    assert e164.isna().tolist() == [True, False] and valid.tolist() == [False, True]


def test_phones_keep_index_and_read_numbers_as_text():
    series = pd.Series([79123456789, 84951234567], index=[10, 20], name="tel")
    e164, valid = normalize_phones(series)
    assert e164.tolist() == ["+79123456789", "+74951234567"] and e164.index.tolist() == [10, 20]
    assert e164.name == "tel" and valid.all()


def test_common_phone_forms_never_reach_the_library(monkeypatch):
    calls = []
    monkeypatch.setattr(normalize, "_e164_or_none", lambda v, region: calls.append(v))
    e164, _ = normalize_phones(pd.Series(["+7 (912) 345-67-89", "8 912 345 67 89", "79123456789", "9123456789",
                                          "+7 495 123-45-67", "8 (812) 123-45-67", "8 800 555-35-35"]))
    assert calls == [] and e164.notna().all()


@pytest.mark.parametrize("region", ["KZ", "US", "GB", "DE", "UA", "BY", "IT", "AR", "ru", "ZZ", "001"])
def test_other_regions_follow_the_library(region):
    values = ["+7 912 345 67 89", "8 701 234 56 78", "(201) 555-0123", "1 201 555 0123", "020 7946 0958",
              "030 1234567", "044 123 45 67", "8 017 123 45 67", "06 1234 5678", "011 15 2345-6789", "12"]
    assert_phones_agree(values, region)


# --- phones: properties --------------------------------------------------------------------------------

_digits = st.text(st.sampled_from(list("0123456789")), min_size=1, max_size=5)
_separator = st.sampled_from(["", "", " ", "-", ".", "(", ")", " (", ") ", "  ", "/", "\u00a0", "\t", "x", "#"])
_lead = st.sampled_from(["", "", "+", "8", "7", "+7", "8 ", "+7 ", "7 ", "810", "+8", "++7", " +", "00", "+ ",
                         "(+7)", "+7 8", "78", "+0", "0"])
_AREAS = ["495", "499", "812", "343", "383", "846", "861", "863", "4012", "8422", "3452", "800", "804", "808",
          "809", "700", "701", "727", "7172", "940", "930", "958", "901", "999", "3012", "475"]


@st.composite
def _scrambled(draw) -> str:
    chunks = draw(st.lists(_digits, min_size=1, max_size=6))
    body = "".join(draw(_separator) + c for c in chunks)
    return draw(_lead) + body + draw(st.sampled_from(["", " ", ")", "-", " ext 12", "#"]))


@st.composite
def _russian_looking(draw) -> str:
    area = draw(st.sampled_from(_AREAS))
    rest = draw(st.text(st.sampled_from(list("0123456789")), min_size=10 - len(area) - 1,
                        max_size=10 - len(area) + 1))
    a, b = rest[:3], rest[3:]
    form = draw(st.sampled_from(["+7 ({area}) {a}-{b}", "8 {area} {a} {b}", "8{area}{a}{b}", "7{area}{a}{b}",
                                 "{area}{a}{b}", "+7{area}{a}{b}", "8({area}){a}-{b}", "8.{area}.{a}.{b}"]))
    return form.format(area=area, a=a, b=b)


@st.composite
def _foreign(draw) -> str:
    region = draw(st.sampled_from(sorted(phonenumbers.SUPPORTED_REGIONS)))
    example = phonenumbers.example_number(region)
    if example is None or draw(st.booleans()):
        code = phonenumbers.country_code_for_region(region)
        return f"+{code} " + draw(st.text(st.sampled_from(list("0123456789 ")), max_size=14))
    fmt = draw(st.sampled_from([phonenumbers.PhoneNumberFormat.E164, phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                                phonenumbers.PhoneNumberFormat.NATIONAL]))
    return phonenumbers.format_number(example, fmt)


_phone_value = st.one_of(_scrambled(), _russian_looking(), _foreign(), st.text(max_size=20),
                         st.sampled_from(MISSING + ["", " "]))


@PROPERTY
@given(st.lists(_phone_value, max_size=40))
def test_phones_agree_with_phonenumbers(values):
    assert_phones_agree(values, "RU")


@PROPERTY
@given(st.lists(_phone_value, max_size=40), st.integers(1, 7))
def test_phones_read_in_blocks_agree_with_phonenumbers(values, block):
    """Long columns are read a block of rows at a time; a row's answer must not depend on its block."""
    original = normalize._PHONE_BLOCK, normalize._SCAN_ROWS
    normalize._PHONE_BLOCK, normalize._SCAN_ROWS = block, max(1, block // 2)
    try:
        assert_phones_agree(values, "RU")
    finally:
        normalize._PHONE_BLOCK, normalize._SCAN_ROWS = original


@PROPERTY
@given(st.lists(st.one_of(_scrambled(), _foreign()), max_size=30),
       st.sampled_from(["KZ", "US", "CA", "GB", "DE", "FR", "IT", "JP", "AR", "BR", "IN", "CN", "UA", "AU", "MX",
                        "NO", "FI", "BY", "GG", "SM", "NF", "VA"]))
def test_phones_agree_with_phonenumbers_in_other_regions(values, region):
    assert_phones_agree(values, region)


# --- the helpers the phone fast path leans on ----------------------------------------------------------


def _metadata_patterns():
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        for name in ("general_desc", *normalize._TYPE_FIELDS, "mobile"):
            desc = getattr(meta, name)
            if desc is not None and desc.national_number_pattern and desc.example_number:
                yield desc.national_number_pattern, desc.example_number


def test_pattern_lengths_cover_every_example_number():
    for pattern, example in _metadata_patterns():
        assert re.fullmatch(pattern, example)
        lengths = normalize._pattern_shape(pattern).lengths
        assert lengths is None or len(example) in lengths, (pattern, example)


_PATTERNS = sorted(set(_metadata_patterns()))


@st.composite
def _near_example(draw) -> tuple[str, str]:
    """A metadata pattern, and its example number with some digits changed, added or dropped."""
    pattern, example = draw(st.sampled_from(_PATTERNS))
    digits = list(example)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(digits)))
        action = draw(st.sampled_from(["change", "add", "drop"]))
        if action == "add" or not digits:
            digits.insert(at, draw(st.sampled_from("0123456789")))
        elif action == "change":
            digits[min(at, len(digits) - 1)] = draw(st.sampled_from("0123456789"))
        else:
            digits.pop(min(at, len(digits) - 1))
    return pattern, "".join(digits)


@settings(max_examples=300, deadline=None)
@given(_near_example(), st.sampled_from("0123456789"))
def test_free_tail_digits_never_change_a_match(case, digit):
    pattern, text = case
    tail = min(normalize._pattern_shape(pattern).free_tail, len(text))
    changed = text[:len(text) - tail] + digit * tail
    assert (re.fullmatch(pattern, text) is None) == (re.fullmatch(pattern, changed) is None)


@settings(max_examples=300, deadline=None)
@given(st.lists(_near_example(), min_size=1, max_size=12), st.integers(0, 2))
def test_digit_matching_agrees_with_python_re(cases, skip):
    pattern = cases[0][0]
    texts = ["7" * skip + text for _, text in cases]
    digits = normalize._Digits(normalize.pa.array(texts, type=normalize.pa.large_string()))
    got = digits.matches(pattern, np.full(len(texts), skip))
    assert got.tolist() == [re.fullmatch(pattern, t[skip:]) is not None for t in texts]


def test_email_label_pattern_is_exact():
    label = re.compile(f"(?:{normalize._LABEL})")
    for n in range(1, 9):
        for letters in itertools.product("a-", repeat=n):
            text = "".join(letters)
            expected = not text.startswith("-") and not text.endswith("-") and text[2:4] != "--"
            assert (label.fullmatch(text) is not None) == expected, text
    assert [label.fullmatch("a" * n) is not None for n in (63, 64)] == [True, False]


@pytest.mark.parametrize("make", [
    lambda: pd.Series(["x", " +7 912 345 67 89", "a@b.ru", None, "8 912 345 67 89"], dtype="str").iloc[1:],
    lambda: pd.concat([pd.Series(["A@B.ru", None], dtype="str"), pd.Series(["89123456789"], dtype="str")]),
    lambda: pd.Series([], dtype="str"),
    lambda: pd.Series([None, None], dtype=object),
    lambda: pd.Series([np.nan, 1.5]),
    lambda: pd.Series(["a@b.ru", "9123456789"], dtype="category"),
])
def test_any_series_shape_agrees(make):
    series = make()
    values = [None if _is_missing(v) else v for v in series.astype(object)]
    text = [v if v is None or isinstance(v, str) else str(v) for v in values]
    normalized, valid = normalize_emails(series)
    assert _as_list(normalized) == [reference_email(v)[0] for v in text]
    assert valid.tolist() == [reference_email(v)[1] for v in text]
    e164, valid = normalize_phones(series)
    assert _as_list(e164) == [reference_phone(v, "RU") for v in text]


_LEADING = sorted({m.leading_digits for r in phonenumbers.SUPPORTED_REGIONS
                   if (m := phonenumbers.PhoneMetadata.metadata_for_region(r)).leading_digits})


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(_LEADING), st.lists(st.text(st.sampled_from(list("0123456789")), max_size=8), min_size=1),
       st.integers(0, 2))
def test_prefix_matching_agrees_with_python_re(pattern, texts, skip):
    texts = [t.rjust(skip, "5") for t in texts]
    digits = normalize._Digits(normalize.pa.array(texts, type=normalize.pa.large_string()))
    got = digits.matches(pattern, np.full(len(texts), skip), full=False)
    assert got.tolist() == [re.match(pattern, t[skip:]) is not None for t in texts]


_BAD_SHAPES = st.one_of(
    st.text(alphabet="ab.@ ,;:()<>[]\\\"-_+1", max_size=14),
    st.builds(lambda a, b: f"{a}@{b}", st.text(alphabet="ab. -@", max_size=6), st.text(alphabet="cd. -@", max_size=6)),
)


@settings(max_examples=600, deadline=None)
@given(_BAD_SHAPES)
def test_the_certainly_invalid_shortcut_never_rejects_a_valid_address(text):
    """The shortcut may only reject what email_validator rejects too."""
    from segdesk.core.io.normalize import _certainly_invalid

    norm = pa.array([text.strip().lower() or None], type=pa.large_string())
    if _certainly_invalid(norm)[0]:
        with pytest.raises(email_validator.EmailNotValidError):
            email_validator.validate_email(text.strip().lower(), check_deliverability=False)


def test_a_cell_of_several_phones_gets_the_first_one():
    e164, valid = normalize_phones(pd.Series(["8 912 345-67-89, 8 495 123-45-67", "+7 912 345-67-80; 84951234567",
                                              "12, 34"], dtype="str"))
    assert e164.tolist()[:2] == ["+79123456789", "+79123456780"] and valid.tolist() == [True, True, False]
