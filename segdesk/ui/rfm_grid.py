"""``RfmGrid``: the R × F grid, each cell coloured by its segment (or by customers, or average spend).

R runs from the best score at the top to 1 at the bottom, F from 1 on the left to the best on the right, as
in the RFM literature. The widget paints from the core's list of cells (``grid_cells``): at most 25 cells,
their colours and texts prepared once per result, so a repaint costs the same for ten customers or ten
million (see ``benchmarks/bench_rfm_grid.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF, QHelpEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from segdesk.core.rfm.analysis import GridCell
from segdesk.core.rfm.maps import RfmMap
from segdesk.core.rfm.scoring import ScoreRange
from segdesk.ui.i18n import format_int, tr
from segdesk.ui.rfm_labels import money, percent, range_sentence
from segdesk.ui.rfm_palette import NO_SEGMENT, segment_colors

#: A sequential scale (ColorBrewer "Blues") for colouring by customers or average spend.
_SCALE = [QColor(c) for c in ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5",
                              "#08519c", "#08306b")]
_GAP = 3
_RADIUS = 4.0


class Colouring(StrEnum):
    SEGMENT = "segment"
    CUSTOMERS = "customers"
    MONETARY = "monetary"


def segment_colour(rfm_map: RfmMap, index: int) -> QColor:
    """The colour of segment ``index`` of ``rfm_map`` (-1: no segment), as the charts and map editor show it."""
    if index < 0:
        return QColor(NO_SEGMENT)
    return segment_colors(rfm_map)[rfm_map.segments[index].key]


def scale_colour(t: float) -> QColor:
    """A colour of the sequential scale, ``t`` in 0..1."""
    t = min(max(t, 0.0), 1.0) * (len(_SCALE) - 1)
    i = min(int(t), len(_SCALE) - 2)
    a, b, w = _SCALE[i], _SCALE[i + 1], t - i
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * w, a.greenF() + (b.greenF() - a.greenF()) * w,
                           a.blueF() + (b.blueF() - a.blueF()) * w)


def text_colour(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background``."""
    luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF()
    return QColor("#1b1b1b") if luminance > 0.5 else QColor("#ffffff")


@dataclass(frozen=True)
class _Shown:
    """A cell as painted: its colour and text lines, prepared once per result and colouring."""

    cell: GridCell
    colour: QColor
    ink: QColor
    name: str
    count: str
    detail: str


class RfmGrid(QWidget):
    """Paints the grid; clicking a cell emits ``cell_clicked(r, f)``."""

    cell_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rfm_grid")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._cells: list[GridCell] = []
        self._bins = 0
        self._map: RfmMap | None = None
        self._ranges: dict[tuple[str, int], ScoreRange] = {}
        self._names: list[str] = []
        self._colouring = Colouring.SEGMENT
        self._shown: dict[tuple[int, int], _Shown] = {}
        self._pressed: tuple[int, int] | None = None

    # --- what is shown ---

    def set_cells(self, cells: list[GridCell], bins: int, rfm_map: RfmMap, ranges: list[ScoreRange],
                  names: list[str]) -> None:
        """Show ``cells`` (core's ``grid_cells``); ``names`` are the map's segment names, in map order."""
        self._cells, self._bins, self._map, self._names = list(cells), bins, rfm_map, list(names)
        self._ranges = {(r.dimension, r.score): r for r in ranges}
        self._prepare()

    def clear(self) -> None:
        self.set_cells([], 0, self._map or _EMPTY_MAP, [], [])

    def set_colouring(self, colouring: Colouring) -> None:
        self._colouring = Colouring(colouring)
        self._prepare()

    @property
    def colouring(self) -> Colouring:
        return self._colouring

    @property
    def bins(self) -> int:
        return self._bins

    def cells(self) -> list[GridCell]:
        return list(self._cells)

    def cell_lines(self, r: int, f: int) -> list[str]:
        """The texts painted in cell (r, f): segment name, customers, share or average spend."""
        shown = self._shown[(r, f)]
        return [shown.name, shown.count, shown.detail]

    def cell_colour(self, r: int, f: int) -> QColor:
        return QColor(self._shown[(r, f)].colour)

    def cell_rect(self, r: int, f: int) -> QRect:
        """Where cell (r, f) is painted, in widget coordinates."""
        return self._cell_rectf(r, f).toAlignedRect()

    def cell_at(self, point: QPoint) -> GridCell | None:
        for (r, f), shown in self._shown.items():
            if self._cell_rectf(r, f).contains(point.toPointF()):
                return shown.cell
        return None

    def tooltip_text(self, r: int, f: int) -> str:
        cell = self._shown[(r, f)].cell
        lines = [self._segment_label(cell)]
        for dim, score in (("recency", r), ("frequency", f)):
            rng = self._ranges.get((dim, score))
            if rng is not None:
                lines.append(range_sentence(rng))
        lines.append(tr("Customers: {number} ({share} of scored customers)", number=format_int(cell.customers),
                        share=percent(cell.share)))
        lines.append(tr("Revenue: {amount}", amount=money(cell.revenue)))
        lines.append(tr("Average spend per customer: {amount}", amount=money(cell.avg_monetary)))
        if len(cell.segments) > 1:
            mix = ", ".join(f"{self._name(s)} {format_int(n)}" for s, n in
                            sorted(cell.segments.items(), key=lambda item: -item[1]))
            lines.append(tr("Segments in this cell (by M score): {mix}", mix=mix))
        lines.append(tr("Click to list these customers."))
        return "\n".join(lines)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(520, 440)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(280, 200)

    # --- preparing ---

    def _name(self, index: int) -> str:
        return self._names[index] if 0 <= index < len(self._names) else tr("Not in any segment")

    def _segment_label(self, cell: GridCell) -> str:
        return self._name(cell.segment)

    def _prepare(self) -> None:
        self._shown.clear()
        if self._map is None:
            self.update()
            return
        most = max((c.customers for c in self._cells), default=0)
        spends = [c.avg_monetary for c in self._cells if c.customers]
        low, high = (min(spends), max(spends)) if spends else (0.0, 0.0)
        for cell in self._cells:
            colour = self._colour(cell, most, low, high)
            detail = money(cell.avg_monetary) if self._colouring == Colouring.MONETARY else percent(cell.share)
            self._shown[(cell.r, cell.f)] = _Shown(cell, colour, text_colour(colour), self._segment_label(cell),
                                                   format_int(cell.customers), detail if cell.customers else "")
        self.update()

    def _colour(self, cell: GridCell, most: int, low: float, high: float) -> QColor:
        if self._colouring == Colouring.SEGMENT:
            assert self._map is not None
            colour = segment_colour(self._map, cell.segment)
            if not cell.customers:  # an empty cell keeps a hint of its segment's colour
                colour = _mixed(colour, self.palette().base().color(), 0.7)
            return colour
        if not cell.customers:
            return self.palette().base().color()
        if self._colouring == Colouring.CUSTOMERS:
            return scale_colour(0.08 + 0.92 * math.sqrt(cell.customers / most))
        spread = (cell.avg_monetary - low) / (high - low) if high > low else 0.5
        return scale_colour(0.08 + 0.92 * spread)

    # --- geometry ---

    def _margins(self) -> tuple[int, int]:
        """Room on the left (axis title and R labels) and at the bottom (F labels and axis title)."""
        line = self.fontMetrics().height()
        label = self.fontMetrics().horizontalAdvance("R5") + 10
        return line + 8 + label, 2 * line + 12

    def _cell_rectf(self, r: int, f: int) -> QRectF:
        left, bottom = self._margins()
        width = max(self.width() - left - 6, 1) / max(self._bins, 1)
        height = max(self.height() - bottom - 6, 1) / max(self._bins, 1)
        row = self._bins - r  # best R at the top
        return QRectF(left + (f - 1) * width + _GAP / 2, 6 + row * height + _GAP / 2, width - _GAP, height - _GAP)

    # --- painting and events ---

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self._shown:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = self.font()
        bold = _scaled(base, 1.3)
        bold.setBold(True)
        small = _scaled(base, 0.9)
        width = self._cell_rectf(1, 1).width() - 8
        small = _scaled(base, 0.9 * _fitting_scale(small, width, [s.name for s in self._shown.values()]))
        for (r, f), shown in self._shown.items():
            self._paint_cell(painter, self._cell_rectf(r, f), shown, bold, small)
        self._paint_axes(painter, base)
        painter.end()

    def _paint_cell(self, painter: QPainter, rect: QRectF, shown: _Shown, bold: QFont, small: QFont) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(shown.colour)
        painter.drawRoundedRect(rect, _RADIUS, _RADIUS)
        painter.setPen(shown.ink)
        inner = rect.adjusted(4, 3, -4, -3)
        small_line, bold_line = QFontMetricsF(small).height(), QFontMetricsF(bold).height()
        if inner.height() < bold_line + 2 * small_line:  # too small for the name and share: the count alone
            painter.setFont(bold)
            painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, shown.count)
            return
        painter.setFont(small)
        most = 2 if inner.height() >= bold_line + 3 * small_line else 1
        lines = _name_lines(shown.name, painter.fontMetrics(), int(inner.width()), most)
        top = inner.top() + (inner.height() - (len(lines) + 1) * small_line - bold_line) / 2
        for i, line in enumerate(lines):
            painter.drawText(QRectF(inner.left(), top + i * small_line, inner.width(), small_line),
                             Qt.AlignmentFlag.AlignCenter, line)
        below = top + len(lines) * small_line
        painter.drawText(QRectF(inner.left(), below + bold_line, inner.width(), small_line),
                         Qt.AlignmentFlag.AlignCenter, shown.detail)
        painter.setFont(bold)
        painter.drawText(QRectF(inner.left(), below, inner.width(), bold_line), Qt.AlignmentFlag.AlignCenter,
                         shown.count)

    def _paint_axes(self, painter: QPainter, font: QFont) -> None:
        painter.setFont(font)
        painter.setPen(self.palette().windowText().color())
        line = painter.fontMetrics().height()
        left, _ = self._margins()
        for score in range(1, self._bins + 1):
            row = self._cell_rectf(score, 1)
            painter.drawText(QRectF(line + 4, row.top(), left - line - 8, row.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"R{score}")
            column = self._cell_rectf(1, score)
            painter.drawText(QRectF(column.left(), column.bottom() + 4, column.width(), line),
                             Qt.AlignmentFlag.AlignCenter, f"F{score}")
        top, bottom = self._cell_rectf(self._bins, 1).top(), self._cell_rectf(1, 1).bottom()
        metrics = painter.fontMetrics()
        across = metrics.elidedText(tr("Frequency score (F): more orders →"), Qt.TextElideMode.ElideMiddle,
                                    self.width() - left)
        painter.drawText(QRectF(left, bottom + line + 8, self.width() - left, line), Qt.AlignmentFlag.AlignCenter,
                         across)
        up = metrics.elidedText(tr("Recency score (R): more recent →"), Qt.TextElideMode.ElideMiddle,
                                int(bottom - top))
        painter.save()
        painter.translate(2, (top + bottom) / 2)
        painter.rotate(-90)
        painter.drawText(QRectF(-(bottom - top) / 2, 0, bottom - top, line), Qt.AlignmentFlag.AlignCenter, up)
        painter.restore()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_text(cell.r, cell.f), self,
                                  self.cell_rect(cell.r, cell.f))
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        cell = self.cell_at(event.position().toPoint())
        self._pressed = (cell.r, cell.f) if cell is not None and event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        cell = self.cell_at(event.position().toPoint())
        pressed, self._pressed = self._pressed, None
        if cell is not None and pressed == (cell.r, cell.f) and event.button() == Qt.MouseButton.LeftButton:
            self.cell_clicked.emit(cell.r, cell.f)
        super().mouseReleaseEvent(event)


def _scaled(font: QFont, factor: float) -> QFont:
    out = QFont(font)
    if font.pointSizeF() > 0:
        out.setPointSizeF(font.pointSizeF() * factor)
    else:  # a font sized in pixels
        out.setPixelSize(max(1, round(font.pixelSize() * factor)))
    return out


#: Names are shrunk at most this much to fit their longest word in a cell; beyond that they are elided.
_SMALLEST_NAME = 0.78


def _fitting_scale(font: QFont, width: float, names: list[str]) -> float:
    """How much to shrink ``font`` so the longest word of any name fits ``width`` (1: it already does)."""
    metrics = QFontMetricsF(font)
    widest = max((metrics.horizontalAdvance(word) for name in names for word in name.split()), default=0.0)
    return 1.0 if widest <= width or widest <= 0 else max(width / widest, _SMALLEST_NAME)


def _name_lines(name: str, metrics: QFontMetrics, width: int, most: int) -> list[str]:
    """``name`` on at most ``most`` lines of ``width``, broken between words, each line elided if still too long."""
    if most < 2 or metrics.horizontalAdvance(name) <= width:
        return [metrics.elidedText(name, Qt.TextElideMode.ElideRight, width)]
    words = name.split()
    first, rest = words[0], words[1:]
    while rest and metrics.horizontalAdvance(f"{first} {rest[0]}") <= width:
        first = f"{first} {rest.pop(0)}"
    lines = [first, " ".join(rest)] if rest else [first]
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


def _mixed(a: QColor, b: QColor, weight_b: float) -> QColor:
    w = weight_b
    return QColor.fromRgbF(a.redF() * (1 - w) + b.redF() * w, a.greenF() * (1 - w) + b.greenF() * w,
                           a.blueF() * (1 - w) + b.blueF() * w)


_EMPTY_MAP = RfmMap("none", {"en": ""}, "rf", ())
