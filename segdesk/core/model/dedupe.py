"""Duplicate customers: the same person listed twice, found by normalised email, then phone, and merged."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from segdesk.core.io.table import ImportedTable


@dataclass
class MergePlan:
    groups: list[np.ndarray]  # frame positions of one person, in file order; the first row is kept
    by: list[str]  # "email" or "phone": what tied each group together (email wins when both did)

    @property
    def rows_removed(self) -> int:
        return sum(len(g) - 1 for g in self.groups)


def plan_merge(table: ImportedTable) -> MergePlan:
    """Groups of rows that share a valid normalised email or, failing that, a valid normalised phone."""
    n = table.rows
    keys = []
    d = table.derived
    if "email" in d and "email_valid" in d:
        keys.append(("email", pd.Series(d["email"]).where(d["email_valid"].astype(bool))))
    if "phone_e164" in d and "phone_valid" in d:
        keys.append(("phone", pd.Series(d["phone_e164"]).where(d["phone_valid"].astype(bool))))
    label = np.arange(n, dtype=np.int64)
    for _ in range(64):  # label propagation: connected components over shared keys; converges in a few rounds
        before = label.copy()
        for _, key in keys:
            codes, _ = pd.factorize(key, use_na_sentinel=True)
            has = codes >= 0
            if not has.any():
                continue
            low = np.full(codes.max() + 1, n, dtype=np.int64)
            np.minimum.at(low, codes[has], label[has])
            label[has] = np.minimum(label[has], low[codes[has]])
        label = label[label]
        if np.array_equal(label, before):
            break
    return _groups(label, keys)


def _groups(label: np.ndarray, keys: list[tuple[str, pd.Series]]) -> MergePlan:
    order = np.argsort(label, kind="stable")
    bounds = np.flatnonzero(np.diff(label[order])) + 1
    groups = [g for g in np.split(order, bounds) if len(g) > 1]
    by = []
    email = dict(keys).get("email")
    for g in groups:
        by.append("email" if email is not None and email.iloc[g].nunique() == 1 and email.iloc[g].notna().all()
                  else "phone" if email is None or email.iloc[g].nunique() <= 1 else "email")
    return MergePlan(groups, by)


def apply_merge(table: ImportedTable, plan: MergePlan) -> ImportedTable:
    """Keep the first row of each group, filling its empty cells from the others; drop the rest."""
    if not plan.groups:
        return table
    frame = table.frame.copy()
    derived = table.derived.copy()
    drop = np.zeros(table.rows, dtype=bool)
    for g in plan.groups:
        keep, rest = g[0], g[1:]
        for part in (frame, derived):
            if part.empty:
                continue
            filled = part.iloc[g].bfill()
            part.iloc[keep] = filled.iloc[0]
        drop[rest] = True
    keep_mask = ~drop
    frame = frame[keep_mask].reset_index(drop=True)
    derived = derived[keep_mask].reset_index(drop=True) if not derived.empty else derived
    quality = [q for q in table.quality if q.kind != "duplicate_email"]
    columns = [replace(c, missing=int(frame[c.name].isna().sum())) for c in table.columns]
    note = f"{plan.rows_removed} duplicate rows merged into {len(plan.groups)} customers"
    return ImportedTable(table.path, table.detected, frame, columns, table.source_rows[keep_mask], quality,
                         table.skipped_rows, derived, [*table.notes, note])
