"""RFM at scale: 10,000,000 order lines of 1,000,000 customers (issue 3).

Measures, with customer and order ids as integers and as strings:
- baseline: a plain pandas ``groupby(customer).agg(max date, nunique order, sum amount)``;
- segdesk: every derived field (R, F, M, scores, segments, lifecycle, and the fields table) from the loaded
  order table: customer keys to positions, ``Purchases.from_orders``, ``compute_rfm``, ``result.fields``;
- re-scoring after a change of bins or of map (no new aggregation).

Targets: segdesk within 1.5x of the baseline; re-scoring under 0.5 s. Figures are medians of ``--runs`` runs
(default 3), baseline and segdesk alternating so that a noisy neighbour hits both.
Run: ``python benchmarks/bench_rfm.py [--lines 10000000] [--customers 1000000] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time

import numpy as np
import pandas as pd

from segdesk.core.rfm import RFM11, Purchases, RfmSettings, compute_rfm, rescore


def make_orders(lines: int, customers: int, strings: bool, seed: int = 7) -> pd.DataFrame:
    """About three lines per order, each order one customer's, dates over three years, 2% return lines."""
    rng = np.random.default_rng(seed)
    n_orders = lines // 3
    regulars = rng.random(n_orders) < 0.4  # 40% of orders come from a tenth of the customers
    order_customer = np.where(regulars, rng.integers(0, customers // 10, n_orders),
                              rng.integers(0, customers, n_orders))
    order_day = rng.integers(0, 3 * 365, n_orders)
    order_of_line = np.sort(rng.integers(0, n_orders, lines))
    amount = np.round(rng.gamma(2.0, 900.0, lines), 2)
    amount[rng.random(lines) < 0.02] *= -1
    cust = order_customer[order_of_line]
    frame = pd.DataFrame({
        "customer": cust, "order": order_of_line,
        "date": pd.Timestamp("2023-01-01") + pd.to_timedelta(order_day[order_of_line], unit="D"),
        "amount": amount,
    })
    if strings:
        frame["customer"] = pd.Series(np.char.add("C", cust.astype("U8")), dtype="str")
        frame["order"] = pd.Series(np.char.add("O-", order_of_line.astype("U9")), dtype="str")
    return frame


def baseline(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.groupby("customer").agg(last=("date", "max"), orders=("order", "nunique"),
                                         monetary=("amount", "sum"))


def segdesk(frame: pd.DataFrame):
    codes, uniques = pd.factorize(frame["customer"])  # the app gets these from linking at import
    source = Purchases.from_orders(codes, len(uniques), frame["date"], frame["amount"], frame["order"])
    result = compute_rfm(source)
    _ = result.fields
    return result


def timed(fn, *args):
    gc.collect()
    start = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    ns = parser.parse_args()
    for strings in (False, True):
        frame = make_orders(ns.lines, ns.customers, strings)
        kind = "string ids" if strings else "integer ids"
        base, ours, result = [], [], None
        for _ in range(ns.runs):
            base.append(timed(baseline, frame)[0])
            t, result = timed(segdesk, frame)
            ours.append(t)
        b, o = statistics.median(base), statistics.median(ours)
        print(f"{kind}: {ns.lines:,} lines, {result.customers:,} customers ({result.scored:,} scored)")
        print(f"  baseline groupby.agg   {b:6.2f} s   (runs: {', '.join(f'{x:.2f}' for x in base)})")
        print(f"  segdesk derived fields {o:6.2f} s   (runs: {', '.join(f'{x:.2f}' for x in ours)})")
        print(f"  ratio {o / b:.2f}x  (target <= 1.5x)  {'PASS' if o / b <= 1.5 else 'FAIL'}")
        changes = {"bins 5->3": RfmSettings(bins=3), "map rf10->rfm11": RfmSettings(rfm_map=RFM11),
                   "bins 3->4 + fields": RfmSettings(bins=4)}
        for label, settings in changes.items():
            runs = []
            for _ in range(ns.runs):
                t, again = timed(rescore, result, settings)
                if "fields" in label:
                    t += timed(lambda r: r.fields, again)[0]
                runs.append(t)
            m = statistics.median(runs)
            print(f"  re-score {label:<20} {m * 1000:7.0f} ms  (target < 500 ms)  {'PASS' if m < 0.5 else 'FAIL'}")
        del frame, result
        gc.collect()


if __name__ == "__main__":
    main()
