"""Lifecycle stages from purchase history, with thresholds the user can change.

"Within the last N days" follows the as-of rule: the N calendar days ending on the as-of date, so a recency of
0..N-1 days. A customer is

* ``prospect``: no purchase (on or before the as-of date);
* ``new``: exactly one purchase, within the last ``new_days`` (30);
* ``active``: last purchase within the last ``active_days`` (120);
* ``lapsed``: last purchase longer ago than that, but within the last ``lost_days`` (365);
* ``lost``: no purchase within the last ``lost_days``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from segdesk.core.errors import InputError

STAGES = ("prospect", "new", "active", "lapsed", "lost")
STAGE_NAMES = {
    "en": {"prospect": "Prospect", "new": "New", "active": "Active", "lapsed": "Lapsed", "lost": "Lost"},
    "ru": {"prospect": "Потенциальные", "new": "Новые", "active": "Активные", "lapsed": "Уходящие",
           "lost": "Потерянные"},
}


@dataclass(frozen=True)
class LifecycleThresholds:
    new_days: int = 30
    active_days: int = 120
    lost_days: int = 365

    def check(self) -> None:
        if not 0 < self.new_days <= self.active_days < self.lost_days:
            raise InputError("lifecycle_thresholds", new=self.new_days, active=self.active_days, lost=self.lost_days)


def lifecycle_codes(purchased: np.ndarray, frequency: np.ndarray, recency: np.ndarray,
                    thresholds: LifecycleThresholds = LifecycleThresholds()) -> np.ndarray:
    """Index into :data:`STAGES` per customer (int8)."""
    thresholds.check()
    stage = np.where(recency < thresholds.active_days, 2, np.where(recency < thresholds.lost_days, 3, 4))
    stage = np.where((frequency == 1) & (recency < thresholds.new_days), 1, stage)
    return np.where(purchased, stage, 0).astype(np.int8)
