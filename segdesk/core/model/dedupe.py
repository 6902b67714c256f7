"""Duplicate customers: the same person listed twice, found by normalised email, then phone, and merged.

The phone only speaks for rows without a valid email, so people who share one (a family, an office) stay apart.

Everything here is vectorised (a million-row list with tens of thousands of duplicates merges in seconds).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from segdesk.core.io.raw import without_rows
from segdesk.core.io.table import ImportedTable
from segdesk.core.model.orders import OrderLink


@dataclass
class MergePlan:
    groups: list[np.ndarray]  # frame positions of one person: the row kept, then the others in file order
    by: list[str]  # "email" when two rows of the group share a valid email, else "phone"
    shared: list[str] = field(default_factory=list)  # per group, the email or phone its rows share

    @property
    def rows_removed(self) -> int:
        return sum(len(g) - 1 for g in self.groups)


def plan_merge(table: ImportedTable) -> MergePlan:
    """Groups of rows that are one person: the same valid normalised email or, for rows without one, the
    same valid normalised phone.

    Two different valid emails are never merged, even when they share a phone (a family's landline, an
    office number): each is a contact of its own on the mailing lists. A row without a valid email joins
    the email group that uses its phone only when exactly one does; a phone used by several emails is
    shared, so such rows stay as they are.
    """
    keys = _keys(table)
    label = _components(table.rows, keys.get("email"), keys.get("phone"))
    groups = _groups(label)
    by = _tied_by(groups, label, keys.get("email"))
    return MergePlan(groups, by, _shared(groups, by, keys))


def _keys(table: ImportedTable) -> dict[str, pd.Series]:
    d = table.derived
    keys = {}
    if "email" in d and "email_valid" in d:
        keys["email"] = pd.Series(d["email"]).where(d["email_valid"].astype(bool))
    if "phone_e164" in d and "phone_valid" in d:
        keys["phone"] = pd.Series(d["phone_e164"]).where(d["phone_valid"].astype(bool))
    return keys


def _codes(n: int, key: pd.Series | None) -> np.ndarray:
    """Each row's key as a dense code, -1 where it has none."""
    return np.full(n, -1, dtype=np.int64) if key is None else pd.factorize(key, use_na_sentinel=True)[0]


def _first_of(codes: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For each code, the first of rows that has it (len(codes) where none does)."""
    first = np.full(int(codes.max(initial=-1)) + 1, len(codes), dtype=np.int64)
    np.minimum.at(first, codes[rows], rows)
    return first


def _components(n: int, email: pd.Series | None, phone: pd.Series | None) -> np.ndarray:
    """Label each row with the first row of its person (a row alone is its own label)."""
    label = np.arange(n, dtype=np.int64)
    e, p = _codes(n, email), _codes(n, phone)
    with_email = np.flatnonzero(e >= 0)
    label[with_email] = _first_of(e, with_email)[e[with_email]]
    phone_only = np.flatnonzero((e < 0) & (p >= 0))
    if not len(phone_only):
        return label
    # How many email groups use each phone, and which one when it is only one.
    both = with_email[p[with_email] >= 0]
    pairs = pd.DataFrame({"phone": p[both], "group": label[both]}).drop_duplicates()
    owners = np.zeros(int(p.max()) + 1, dtype=np.int64)
    np.add.at(owners, pairs["phone"].to_numpy(), 1)
    owner = np.full(len(owners), -1, dtype=np.int64)
    single = pairs[owners[pairs["phone"].to_numpy()] == 1]
    owner[single["phone"].to_numpy()] = single["group"].to_numpy()
    phone = p[phone_only]
    joins = owners[phone] == 1
    label[phone_only[joins]] = owner[phone[joins]]
    alone = phone_only[owners[phone] == 0]  # no email uses the phone: such rows group by it
    label[alone] = _first_of(p, alone)[p[alone]]
    return label


def _groups(label: np.ndarray) -> list[np.ndarray]:
    rows = np.flatnonzero(np.bincount(label, minlength=len(label))[label] > 1)
    if not len(rows):
        return []
    # The row a group is labelled by comes first and is the one kept: the first with the shared email (a row
    # that joined by phone may come earlier in the file, with an invalid email the kept row must not have).
    order = rows[np.lexsort((rows, rows != label[rows], label[rows]))]
    return np.split(order, np.flatnonzero(np.diff(label[order])) + 1)


def _shared(groups: list[np.ndarray], by: list[str], keys: dict[str, pd.Series]) -> list[str]:
    """What each group's rows share, as the preview shows it: the kept row's email, or its phone (the kept
    row is the one its group is labelled by, so it always has the key the others joined by)."""
    kept = np.array([g[0] for g in groups], dtype=np.int64)
    shared = np.full(len(groups), "", dtype=object)
    for key, values in keys.items():
        mine = np.flatnonzero(np.asarray(by) == key)
        shared[mine] = values.to_numpy(dtype=object, na_value="")[kept[mine]]
    return [str(v) for v in shared]


def _tied_by(groups: list[np.ndarray], label: np.ndarray, email: pd.Series | None) -> list[str]:
    if email is None or not groups:
        return ["phone"] * len(groups)
    members = np.concatenate(groups)
    pairs = pd.DataFrame({"group": label[members], "email": email.to_numpy()[members]}).dropna()
    shared = set(pairs.loc[pairs.duplicated(["group", "email"]), "group"])
    return ["email" if label[g[0]] in shared else "phone" for g in groups]


def apply_merge(table: ImportedTable, plan: MergePlan) -> ImportedTable:
    """Keep the first row of each group, filling its empty cells from the others (in file order)."""
    if not plan.groups:
        return table
    members = np.concatenate(plan.groups)
    firsts = np.repeat([g[0] for g in plan.groups], [len(g) for g in plan.groups])
    keep = np.ones(table.rows, dtype=bool)
    keep[members] = members == firsts
    frame = _fill_from_group(table.frame, members, firsts)
    derived = _fill_from_group(table.derived, members, firsts) if not table.derived.empty else table.derived
    frame = frame[keep].reset_index(drop=True)
    derived = derived[keep].reset_index(drop=True) if not derived.empty else derived
    removed = table.source_rows[~keep]
    quality = [without_rows(q, removed) for q in table.quality if q.kind != "duplicate_email"]
    columns = [replace(c, missing=int(frame[c.name].isna().sum()) - c.unparseable) for c in table.columns]
    note = f"{plan.rows_removed} duplicate rows merged into {len(plan.groups)} customers"
    return ImportedTable(table.path, table.detected, frame, columns, table.source_rows[keep],
                         [q for q in quality if q.count], table.skipped_rows, derived, [*table.notes, note],
                         options=table.options)


def _fill_from_group(part: pd.DataFrame, members: np.ndarray, firsts: np.ndarray) -> pd.DataFrame:
    """Each kept row's empty cells take the first filled value of its group (groupby().first skips NaN)."""
    filled = part.iloc[members].groupby(firsts, sort=False).first()
    out = part.copy()
    for col in part.columns:
        out.loc[filled.index, col] = filled[col].to_numpy()
    return out


def merged_positions(rows: int, plan: MergePlan) -> np.ndarray:
    """For each row before the merge, its row after it (merged-away rows point at the row they joined)."""
    target = np.arange(rows, dtype=np.int64)
    if plan.groups:
        members = np.concatenate(plan.groups)
        target[members] = np.repeat([g[0] for g in plan.groups], [len(g) for g in plan.groups])
    kept = target == np.arange(rows)
    new_index = np.cumsum(kept) - 1
    return new_index[target]


def relink_after_merge(link: OrderLink, rows: int, plan: MergePlan) -> OrderLink:
    """The same order link, pointing at the merged customers: a merged-away customer's orders follow it."""
    positions = merged_positions(rows, plan)
    pos = np.where(link.customer_pos >= 0, positions[np.clip(link.customer_pos, 0, None)], -1)
    return OrderLink(pos.astype(np.int64), link.link_by, link.unknown, link.findings, link.chosen)
