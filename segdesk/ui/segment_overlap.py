"""``SegmentOverlap``: how the rule segments overlap, as a heatmap of segment × segment.

Cell (i, j) counts the customers matching both segment i's and j's rule, before priority, shaded by the share of
row segment i also in column segment j. Texts and colours are prepared once per ``set_overlap``: a repaint costs
the same for a hundred customers or ten million.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHelpEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from segdesk.core.segments.model import PALETTE
from segdesk.ui.alone import run_alone
from segdesk.ui.i18n import format_int, locale, tr
from segdesk.ui.rfm_grid import scale_colour, text_colour
from segdesk.ui.rfm_palette import tint

_PAD, _SWATCH, _GAP, _BAR, _RADIUS = 6, 10, 2, 4.0, 3.0
_MAX_CELL_W, _MAX_CELL_H = 120.0, 56.0  # two segments should not become two giant blocks
_MIN_FLAT_W = 80.0  # narrower columns get their names written bottom-up, unless the names are short
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_WRAP = int(Qt.TextFlag.TextWordWrap.value)  # as an int: PySide will not OR it with an alignment flag


class _Cell(NamedTuple):
    colour: QColor
    ink: QColor
    count: str
    share: str  # "" on the diagonal, which is always all of its segment


class _Geometry(NamedTuple):
    left: float  # width of the row labels
    top: float  # height of the column labels
    cell_w: float
    cell_h: float
    rotated: bool  # column labels written bottom-up


def share_text(share: float) -> str:
    """A share as a whole percentage; "<1%" and ">99%" rather than rounding a real overlap to 0% or 100%."""
    pct = share * 100
    shown = "<1" if 0 < pct < 1 else ">99" if 99 < pct < 100 else locale().toString(float(round(pct)), "f", 0)
    return tr("{value}%", value=shown)


class SegmentOverlap(QWidget):
    """Paints the overlap matrix; clicking a cell emits ``cell_clicked(row segment, column segment)``."""

    cell_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._names: list[str] = []
        self._colours: list[QColor] = []
        self._overlap = np.zeros((0, 0), dtype=np.int64)
        self._sizes: list[int] = []
        self._cells: list[list[_Cell]] = []
        self._widest = 0.0  # the longest name, in pixels of the widget's font
        self._pressed: tuple[int, int] | None = None

    def set_overlap(self, names: list[str], colours: list[str], overlap: np.ndarray, sizes: list[int]) -> None:
        """Show the overlap of ``names`` (in list order). ``overlap[i, j]``: customers matching both segment i and
        segment j; ``sizes[i]``: customers matching segment i (the shares' denominator, normally the diagonal)."""
        n = len(names)
        if len(colours) != n or len(sizes) != n:
            raise ValueError("names, colours and sizes must have the same length")
        self._names, self._colours = list(names), [QColor(c) for c in colours]
        self._overlap = np.asarray(overlap, dtype=np.int64).reshape(n, n)
        self._sizes, self._pressed = [int(s) for s in sizes], None
        self._prepare()

    def clear(self) -> None:
        self.set_overlap([], [], np.zeros((0, 0)), [])

    def count(self) -> int:
        """How many segments are shown (fewer than 2: the empty state)."""
        return len(self._names)

    def share(self, i: int, j: int) -> float:
        """The share of segment i's customers that are also in segment j (0 when segment i is empty)."""
        return float(self._overlap[i, j]) / self._sizes[i] if self._sizes[i] > 0 else 0.0

    def cell_lines(self, i: int, j: int) -> tuple[str, str]:
        """The texts of cell (i, j): customers in both, and their share of the row segment ("" on the diagonal)."""
        return self._cells[i][j].count, self._cells[i][j].share

    def empty_text(self) -> str:
        """What the widget says instead of a matrix ("" when it shows one)."""
        return "" if self.count() >= 2 else tr("Add at least two segments to see how they overlap.")

    def tooltip_text(self, i: int, j: int) -> str:
        a, b, both = self._names[i], self._names[j], int(self._overlap[i, j])
        if i == j:
            return tr("{count} customers match the rule of “{name}”, before priority.", count=both, name=a)
        if both == 0:
            return tr("No customer is in both “{a}” and “{b}”.", a=a, b=b)
        return tr("{count} customers are in both “{a}” and “{b}”: {share_a} of {a}, {share_b} of {b}.", count=both,
                  a=a, b=b, share_a=share_text(self.share(i, j)), share_b=share_text(self.share(j, i)))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(640, 480)  # fits eight segments with their texts

    def _prepare(self) -> None:
        base, faint = self.palette().base().color(), self.palette().placeholderText().color()
        self._cells = []
        for i, row in enumerate(self._overlap):
            cells = []
            for j, both in enumerate(row):
                share = self.share(i, j)
                # the diagonal in its segment's colour; a real overlap never in the palest step (it is not empty)
                colour = (tint(self._colours[i], 0.55) if i == j else base if both == 0
                          else scale_colour(0.12 + 0.88 * min(share, 1.0)))
                ink = faint if both == 0 else text_colour(colour)
                cells.append(_Cell(colour, ink, format_int(int(both)), "" if i == j else share_text(share)))
            self._cells.append(cells)
        self._widest = float(max((self.fontMetrics().horizontalAdvance(s) for s in self._names), default=0))
        self.update()

    def _geometry(self) -> _Geometry:
        n = max(self.count(), 1)
        label = self._widest + _SWATCH + 3 * _PAD
        left = min(label, max(90.0, self.width() * 0.3))
        cell_w = min(max((self.width() - left - _PAD) / n, 1.0), _MAX_CELL_W)
        # names across the columns while a column has room for a word or two; else written bottom-up
        rotated = cell_w < _MIN_FLAT_W and self._widest + 4 > cell_w - _GAP
        flat = self.fontMetrics().height() + 2 * _PAD + _BAR
        top = min(label, max(70.0, self.height() * 0.3)) if rotated else flat
        cell_h = min((self.height() - top - self._caption_height() - 2 * _PAD) / n, _MAX_CELL_H)
        return _Geometry(left, top, cell_w, max(cell_h, 1.0), rotated)

    def _caption_height(self) -> float:
        room = QRect(0, 0, max(self.width() - 2 * _PAD, 1), 1000)
        return float(self.fontMetrics().boundingRect(room, _WRAP, self._caption()).height())

    @staticmethod
    def _caption() -> str:
        return tr("Each cell: customers in both segments, and their share of the row's segment. "
                  "Diagonal: customers matching each rule, before priority.")

    def _cell_rectf(self, i: int, j: int, g: _Geometry | None = None) -> QRectF:
        g = g or self._geometry()
        return QRectF(g.left + j * g.cell_w + _GAP / 2, g.top + i * g.cell_h + _GAP / 2, g.cell_w - _GAP,
                      g.cell_h - _GAP)

    def cell_rect(self, i: int, j: int) -> QRect:
        """Where cell (i, j) is painted, in widget coordinates."""
        if not (self.count() >= 2 and 0 <= i < self.count() and 0 <= j < self.count()):
            raise IndexError(f"no cell ({i}, {j})")
        return self._cell_rectf(i, j).toAlignedRect()

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        if self.count() < 2:
            return None
        g = self._geometry()
        j, i = int((point.x() - g.left) // g.cell_w), int((point.y() - g.top) // g.cell_h)
        inside = 0 <= i < self.count() and 0 <= j < self.count()
        return (i, j) if inside and self._cell_rectf(i, j, g).contains(point.toPointF()) else None

    def paintEvent(self, event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.palette().placeholderText().color())
        if self.count() < 2:
            painter.drawText(QRectF(self.rect()).adjusted(20, 20, -20, -20),
                             _WRAP | int(Qt.AlignmentFlag.AlignCenter.value), self.empty_text())
        else:
            g = self._geometry()
            below = g.top + self.count() * g.cell_h + _PAD
            painter.drawText(QRectF(_PAD, below, self.width() - 2 * _PAD, self.height() - below), _WRAP,
                             self._caption())
            self._paint_cells(painter, g)
            self._paint_labels(painter, g)
        painter.end()

    def _paint_cells(self, painter: QPainter, g: _Geometry) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        line, bold_line = QFontMetricsF(self.font()), QFontMetricsF(bold)
        inner_w, inner_h = g.cell_w - _GAP - 2, g.cell_h - _GAP - 2
        counts = max(bold_line.horizontalAdvance(c.count) for row in self._cells for c in row)
        shares = max(line.horizontalAdvance(c.share) for row in self._cells for c in row)
        # one rule for every cell, so the matrix reads evenly: count and share, the share alone, or nothing
        both = inner_h >= bold_line.height() + line.height() and max(counts, shares) <= inner_w
        share_only = not both and inner_h >= line.height() and shares <= inner_w
        grid_line, base = QPen(self.palette().mid().color(), 0.5), self.palette().base().color()
        for i, row in enumerate(self._cells):
            for j, cell in enumerate(row):
                rect = self._cell_rectf(i, j, g)
                painter.setPen(grid_line if cell.colour == base else Qt.PenStyle.NoPen)
                painter.setBrush(cell.colour)
                painter.drawRoundedRect(rect, _RADIUS, _RADIUS)
                texts = [(bold, bold_line, cell.count)] if both else []
                texts += [(self.font(), line, cell.share)] if (both or share_only) and cell.share else []
                y = rect.center().y() - sum(m.height() for _, m, _ in texts) / 2
                painter.setPen(cell.ink)
                for font, metrics, text in texts:
                    painter.setFont(font)
                    painter.drawText(QRectF(rect.left(), y, rect.width(), metrics.height()),
                                     Qt.AlignmentFlag.AlignCenter, text)
                    y += metrics.height()

    def _paint_labels(self, painter: QPainter, g: _Geometry) -> None:
        """Row names with a swatch on the left; column names bottom-up, or across above a bar of their colour."""
        painter.setFont(self.font())
        line = float(self.fontMetrics().height())
        for k in range(self.count()):
            self._paint_label(painter, _PAD, self._cell_rectf(k, 0, g).center().y(), g.left - 2 * _PAD, k)
            column = self._cell_rectf(0, k, g)
            if g.rotated:
                painter.save()
                painter.translate(column.center().x(), g.top - _PAD)
                painter.rotate(-90)
                self._paint_label(painter, 0, 0, g.top - 2 * _PAD, k)
                painter.restore()
            else:
                bar = QRectF(column.left(), g.top - _PAD / 2 - _BAR, column.width(), _BAR)
                self._swatch(painter, bar, k)
                painter.drawText(QRectF(column.left(), bar.top() - 2 - line, column.width(), line),
                                 Qt.AlignmentFlag.AlignCenter, self._elided(k, column.width()))

    def _paint_label(self, painter: QPainter, x: float, center_y: float, room: float, k: int) -> None:
        """A swatch at ``x`` and the name after it, on a line centred on ``center_y``, within ``room``."""
        self._swatch(painter, QRectF(x, center_y - _SWATCH / 2, _SWATCH, _SWATCH), k)
        line = float(self.fontMetrics().height())
        painter.drawText(QRectF(x + _SWATCH + _PAD, center_y - line / 2, room - _SWATCH, line), _LEFT,
                         self._elided(k, room - _SWATCH - _PAD + 2))

    def _elided(self, k: int, room: float) -> str:
        return self.fontMetrics().elidedText(self._names[k], Qt.TextElideMode.ElideRight, int(room))

    def _swatch(self, painter: QPainter, rect: QRectF, k: int) -> None:
        painter.setPen(QPen(self._colours[k].darker(130), 0.8))
        painter.setBrush(self._colours[k])
        painter.drawRoundedRect(rect, 2, 2)
        painter.setPen(self.palette().windowText().color())  # for the name that follows

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_text(*cell), self, self.cell_rect(*cell))
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        left = event.button() == Qt.MouseButton.LeftButton
        self._pressed = self.cell_at(event.position().toPoint()) if left else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        cell, pressed, self._pressed = self.cell_at(event.position().toPoint()), self._pressed, None
        if cell is not None and cell == pressed and event.button() == Qt.MouseButton.LeftButton:
            self.cell_clicked.emit(*cell)  # pressed and released on the same cell: a click, not a drag
        super().mouseReleaseEvent(event)


def sample_overlap(customers: int = 5000) -> tuple[list[str], list[str], np.ndarray, list[int]]:
    """Made-up segments of a made-up shop, for running the view alone: names, colours, overlap, sizes."""
    names = ["Moscow", "Big spenders", "Lapsed 90+ days", "New this month", "Newsletter subscribers",
             "Birthday next week", "Loyalty club members in Saint Petersburg", "One-time buyers"]
    rng = np.random.default_rng(7)
    spend = rng.gamma(1.5, 1.0, (customers, 1))  # shared by several rules, so their segments overlap
    member = (rng.random((customers, 8)) < [0.35, 0, 0.3, 0.06, 0.45, 0.02, 0.05, 0]) | (
        (spend > [99, 3, 99, 99, 2.5, 99, 2, 99]) | (spend < [0, 0, 0, 0, 0, 0, 0, 0.6]))
    overlap = member.astype(np.int64).T @ member.astype(np.int64)
    return names, list(PALETTE[: len(names)]), overlap, [int(v) for v in np.diag(overlap)]


def main(argv: list[str] | None = None) -> int:
    """Open the view alone on made-up segments (``--ru`` for the Russian interface)."""

    def build(argv: list[str]) -> SegmentOverlap:
        view = SegmentOverlap()
        view.set_overlap(*sample_overlap())
        view.cell_clicked.connect(lambda i, j: view.setWindowTitle(f"{i} × {j}"))
        return view

    return run_alone(build, argv, size=(900, 640), title=lambda: tr("Segment overlap"))


if __name__ == "__main__":
    raise SystemExit(main())
