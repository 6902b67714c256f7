"""Time normalize_emails and normalize_phones on a million distinct valid values.

Run: .venv/bin/python benchmarks/bench_normalize.py [--rows N]
Prints the median of three runs of each function, and the pure library path (what every value would cost
without the fast path) timed on a 20,000-value sample and extrapolated to the full column.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import email_validator
import numpy as np
import pandas as pd
import phonenumbers

from segdesk.core.io.normalize import normalize_emails, normalize_phones

_SAMPLE = 20_000
_PHONE_FORMS = (
    "+7 ({a}) {b}-{c}-{d}", "8 {a} {b}-{c}-{d}", "8{a}{b}{c}{d}", "7{a}{b}{c}{d}", "{a}{b}{c}{d}",
    "+7{a}{b}{c}{d}", "8({a}){b}-{c}-{d}", "+7 {a} {b} {c} {d}", "8.{a}.{b}.{c}.{d}",
)
_NAMES = ("ivan", "Maria", "olga.K", "petrov", "Anna_S", "dmitry-v", "elena", "SERGEY")
_DOMAINS = ("mail.ru", "Yandex.ru", "gmail.com", "bk.ru", "inbox.ru", "list.ru", "rambler.ru",
            "shop.example.com")


def ru_mobiles(n: int, seed: int = 1) -> pd.Series:
    """n distinct valid Russian mobile numbers (9XX, not 93X), written in mixed common forms."""
    rng = np.random.default_rng(seed)
    suffixes = np.unique(rng.integers(0, 10**8, size=int(n * 1.3)))[:n]
    rng.shuffle(suffixes)
    second = rng.choice(np.array([0, 1, 2, 4, 5, 6, 7, 8, 9]), size=n)
    nsn = [f"9{s}{x:08d}" for s, x in zip(second, suffixes, strict=True)]
    forms = rng.integers(0, len(_PHONE_FORMS), size=n)
    text = [_PHONE_FORMS[f].format(a=v[:3], b=v[3:6], c=v[6:8], d=v[8:])
            for f, v in zip(forms, nsn, strict=True)]
    return pd.Series(text, dtype="str")


def emails(n: int, seed: int = 2) -> pd.Series:
    """n distinct valid addresses, some in upper case or with spaces around them."""
    rng = np.random.default_rng(seed)
    names = rng.integers(0, len(_NAMES), size=n)
    domains = rng.integers(0, len(_DOMAINS), size=n)
    pads = rng.choice(np.array(["", "", "", " ", "  "]), size=n)
    text = [f"{p}{_NAMES[a]}{i}@{_DOMAINS[d]}{p}" for i, (a, d, p) in enumerate(zip(names, domains, pads,
                                                                                   strict=True))]
    return pd.Series(text, dtype="str")


def median_seconds(func: Callable[[], object], runs: int = 3) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of runs calls (CPU time shows through a busy machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def library_email(value: str) -> bool:
    try:
        email_validator.validate_email(value.strip().lower(), check_deliverability=False)
    except email_validator.EmailNotValidError:
        return False
    return True


def library_phone(value: str) -> str | None:
    try:
        number = phonenumbers.parse(value, "RU")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    rows = parser.parse_args().rows
    columns = {"emails": (emails(rows), normalize_emails, library_email),
               "phones": (ru_mobiles(rows), normalize_phones, library_phone)}
    for name, (column, fast, library) in columns.items():
        assert column.is_unique
        _, valid = fast(column)
        seconds, cpu = median_seconds(lambda column=column, fast=fast: fast(column))
        sample = column.iloc[:_SAMPLE].tolist()
        start = time.perf_counter()
        for value in sample:
            library(value)
        per_value = (time.perf_counter() - start) / len(sample)
        print(f"{name}: {rows:,} distinct values, {valid.mean():.2%} valid; "
              f"normalize_{name}: {seconds:.3f} s wall, {cpu:.3f} s CPU (medians of 3); "
              f"library alone: {per_value * 1e6:.1f} us/value, ~{per_value * rows:.1f} s extrapolated")


if __name__ == "__main__":
    main()
