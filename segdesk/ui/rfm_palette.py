"""Colours of RFM segments, shared by the revenue chart and the map editor's grid preview, so a segment looks
the same everywhere.

A segment's colour follows its key, not its place in the list: removing or moving a segment in the editor must
not repaint all the others. The built-in segments have colours that hint at their meaning (champions green, at
risk red, hibernating grey); other segments take the unused hues in map order.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from segdesk.core.rfm.maps import RfmMap

# Warm for customers slipping away, green for the best, blue for the new, grey for the dormant; chosen to stay
# apart for the common forms of colour blindness. The grid, the charts and the map editor all use these.
_BUILTIN = {"champions": "#1a9850", "loyal": "#66bd63", "potential_loyalists": "#a6d96a", "new": "#4e79a7",
            "promising": "#8fb8de", "need_attention": "#fee08b", "about_to_sleep": "#fdae61", "at_risk": "#f46d43",
            "cant_lose": "#b2182b", "hibernating": "#a9a9b3", "lost": "#6f6f78"}
#: Distinct, colour-blind-friendly hues (Tableau 10 and 20) for segments the built-in maps do not have.
_SPARE = ("#FF9DA6", "#8CD17D", "#86BCB6", "#499894", "#FABFD2", "#D4A6C8", "#A0CBE8", "#FFBE7D", "#F1CE63",
          "#BAB0AC")
#: Customers in no map segment (unassigned codes, prospects).
NO_SEGMENT = QColor("#e4e4e4")


def segment_colors(rfm_map: RfmMap) -> dict[str, QColor]:
    """Segment key -> colour, for every segment of ``rfm_map``."""
    out: dict[str, QColor] = {}
    spare = 0
    for segment in rfm_map.segments:
        if segment.key in _BUILTIN:
            out[segment.key] = QColor(_BUILTIN[segment.key])
        else:
            out[segment.key] = QColor(_SPARE[spare % len(_SPARE)])
            spare += 1
    return out


def tint(color: QColor, strength: float = 0.45) -> QColor:
    """``color`` mixed with white: a cell background that black text stays readable on."""
    s = max(0.0, min(1.0, strength))
    return QColor.fromRgbF(1 - s + s * color.redF(), 1 - s + s * color.greenF(), 1 - s + s * color.blueF())
