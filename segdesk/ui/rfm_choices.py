"""The groups of customers a user can pick on the RFM page, each with the label the Data page shows for it."""

from __future__ import annotations

import numpy as np

from segdesk.core.rfm.select import SEGMENT, cell_positions, group_positions, segment_positions, stage_positions
from segdesk.ui.i18n import format_int, tr
from segdesk.ui.rfm_labels import segment_name, stage_name
from segdesk.ui.rfm_tasks import RfmReport
from segdesk.ui.segment_filter import SegmentChoice


def cell_choice(report: RfmReport, r: int, f: int) -> tuple[np.ndarray, str]:
    """The customers of grid cell (r, f), and "RFM cell R5 F4 (Champions)"."""
    result = report.result
    cell = next(c for c in report.cells if (c.r, c.f) == (r, f))
    rfm_map = result.settings.rfm_map
    name = segment_name(rfm_map, rfm_map.segments[cell.segment].key) if cell.segment >= 0 else \
        tr("Not in any segment")
    return cell_positions(result, r, f), tr("RFM cell R{r} F{f} ({segment})", r=str(r), f=str(f), segment=name)


def segment_choice(report: RfmReport, key: str) -> tuple[np.ndarray, str]:
    name = segment_name(report.result.settings.rfm_map, key)
    return segment_positions(report.result, key), tr("RFM segment: {name}", name=name)


def stage_choice(report: RfmReport, key: str) -> tuple[np.ndarray, str]:
    return stage_positions(report.result, key), tr("Lifecycle stage: {name}", name=stage_name(key))


def segment_choices(report: RfmReport) -> list[SegmentChoice]:
    """Every RFM segment and lifecycle stage, with counts, for the Data page's segment list."""
    rfm_map = report.result.settings.rfm_map
    out = []
    for group in report.groups:
        if group.kind == SEGMENT:
            label = tr("RFM: {name}", name=segment_name(rfm_map, group.key))
        else:
            label = tr("Lifecycle: {name}", name=stage_name(group.key))
        out.append(SegmentChoice(f"{group.kind}:{group.key}", f"{label} ({format_int(group.customers)})",
                                 group_positions(report.result, group), group.kind))
    return out
