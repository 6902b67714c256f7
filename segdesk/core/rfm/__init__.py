"""RFM: recency, frequency and monetary value per customer, scores, named segments and lifecycle stages.

Data flow: an order log (or a customer list's summary columns) → :mod:`purchases` (arrays prepared once) →
totals at an as-of date → :mod:`scoring` (1..bins per dimension) → :mod:`maps` (named segments) and
:mod:`lifecycle` → :mod:`analysis` (the derived fields table, summary, grid, movement).
"""

from segdesk.core.rfm.analysis import (
    DERIVED_FIELDS,
    RfmResult,
    RfmSettings,
    compute_rfm,
    grid_cells,
    movement,
    rescore,
    segment_summary,
)
from segdesk.core.rfm.lifecycle import STAGES, LifecycleThresholds
from segdesk.core.rfm.maps import BUILTIN_MAPS, RF10, RFM11, Coverage, MapSegment, RfmMap, check_map
from segdesk.core.rfm.purchases import Purchases, Totals, default_as_of, purchases_from_tables
from segdesk.core.rfm.scoring import ScoreMode, ScoreRange, Thresholds

__all__ = [
    "BUILTIN_MAPS", "DERIVED_FIELDS", "RF10", "RFM11", "STAGES", "Coverage", "LifecycleThresholds", "MapSegment",
    "Purchases", "RfmMap", "RfmResult", "RfmSettings", "ScoreMode", "ScoreRange", "Thresholds", "Totals",
    "check_map", "compute_rfm", "default_as_of", "grid_cells", "movement", "purchases_from_tables", "rescore",
    "segment_summary",
]
