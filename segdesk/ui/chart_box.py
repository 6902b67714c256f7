"""A chart in a frame: a pyqtgraph plot with its title, a note under it and an Export menu (PNG, SVG).

Exports go through :func:`segdesk.core.atomic.write_atomically` (a temporary name beside the target, renamed
when complete), so a failed export leaves neither a half file nor a damaged earlier one. Failures are said in
one line under the chart, never as a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Signal
from PySide6.QtGui import QAction, QColor, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from segdesk.core.atomic import write_atomically
from segdesk.core.errors import InputError
from segdesk.ui.i18n import tr
from segdesk.ui.settings import Settings
from segdesk.ui.workers import error_text

_log = logging.getLogger(__name__)
#: A PNG is drawn at least this wide (and at twice the on-screen size when that is more), so it stays sharp in
#: a slide or a printed report.
_PNG_MIN_WIDTH = 1200


class LocaleAxis(pg.AxisItem):
    """An axis whose automatic tick labels are written by ``label(value, spacing)`` (locale digit grouping,
    percentages) instead of pyqtgraph's own ``1e+06`` / SI prefixes."""

    def __init__(self, orientation: str, label: Callable[[float, float], str]) -> None:
        super().__init__(orientation)
        self._label = label
        self.enableAutoSIPrefix(False)  # else shares of 0.1 turn into "100 (x0.001)"

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802 - Qt name
        return [self._label(v, spacing) for v in values]


class ChartBox(QFrame):
    """A titled plot with a note and an Export button. Subclasses put their items into :attr:`plot`."""

    exported = Signal(str)  # the path written
    export_failed = Signal(str)  # the message shown

    def __init__(self, title: str, file_stem: str, axes: dict[str, pg.AxisItem] | None = None,
                 settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._file_stem = file_stem
        self._settings = settings
        self._folder = settings.last_directory if settings is not None else ""
        self.widget = pg.PlotWidget(axisItems=axes or {})
        self.plot: pg.PlotItem = self.widget.getPlotItem()
        self.labels: list[pg.TextItem] = []  # texts at the bar ends, see set_bar_labels
        self._style_plot(title)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_button = QPushButton(tr("Save as…"))
        self.export_button.setToolTip(tr("Save this chart as a PNG or SVG picture"))
        menu = QMenu(self.export_button)
        self.png_action = QAction(tr("Export as PNG…"), self)
        self.svg_action = QAction(tr("Export as SVG…"), self)
        menu.addAction(self.png_action)
        menu.addAction(self.svg_action)
        self.export_button.setMenu(menu)
        self.png_action.triggered.connect(lambda: self._on_export_action_triggered(".png"))
        self.svg_action.triggered.connect(lambda: self._on_export_action_triggered(".svg"))
        foot = QHBoxLayout()
        foot.addWidget(self.note, 1)
        foot.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.widget, 1)
        layout.addLayout(foot)
        layout.addWidget(self.status)
        self.status.hide()

    def _style_plot(self, title: str) -> None:
        """Static charts in the window's colours: no pan, zoom or context menu to get lost in."""
        background = self.palette().color(QPalette.ColorRole.Base)
        self.foreground = self.palette().color(QPalette.ColorRole.Text)
        self.widget.setBackground(background)
        self.plot.setTitle(title, color=self.foreground.name(), size="11pt")
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(self.foreground)
            axis.setTextPen(self.foreground)
        # a label under the last bar ("220,000+") may reach past the plot's right end; hiding it would hide the
        # one label that says the bar is clipped
        self.plot.getAxis("bottom").setStyle(hideOverlappingLabels=40)

    def release(self) -> None:
        """Empty the plot's scene before Qt deletes the widget. Graphics items are not QObjects: once Qt has
        deleted them under their Python wrappers, a later garbage collection can crash on them."""
        self.widget.close()

    def axis_label(self, name: str, text: str) -> None:
        self.plot.getAxis(name).setLabel(text, color=self.foreground.name())

    def set_bar_labels(self, texts: list[str], values: Sequence[float]) -> None:
        """A text at the end of each horizontal bar (bar ``i`` at y = i), in ``self.labels``; items are reused
        and only added or removed when the number of bars changes."""
        labels = self.labels
        while len(labels) < len(texts):
            item = pg.TextItem(color=self.foreground)
            self.plot.addItem(item)
            labels.append(item)
        while len(labels) > len(texts):
            self.plot.removeItem(labels.pop())
        for i, (item, text, value) in enumerate(zip(labels, texts, values, strict=True)):
            item.setText(text)
            item.setAnchor((1.0, 0.5) if value < 0 else (0.0, 0.5))
            item.setPos(float(value), float(i))

    def set_exportable(self, enabled: bool) -> None:
        self.export_button.setEnabled(enabled)

    def export_to(self, path: str | Path) -> Path:
        """Write the chart to ``path`` (PNG or SVG by its suffix) through a temporary file; InputError when it
        cannot be written."""
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix not in (".png", ".svg"):
            raise InputError("chart_format", name=target.name)
        if suffix == ".png":
            exporter = ImageExporter(self.plot)
            width = int(exporter.parameters()["width"])
            if width <= 0:
                raise InputError("chart_not_shown")
            exporter.parameters()["width"] = max(2 * width, _PNG_MIN_WIDTH)
            image = exporter.export(toBytes=True)
            write_atomically(target, lambda temp: _save_png(image, temp, target.name))
        else:
            data = _svg_bytes(self.plot, self.widget.backgroundBrush().color(), self.plot.titleLabel.text,
                              self.widget.logicalDpiX())
            write_atomically(target, lambda temp: temp.write_bytes(data))
        return target

    def _on_export_action_triggered(self, suffix: str) -> None:
        kind = tr("PNG image (*.png)") if suffix == ".png" else tr("SVG drawing (*.svg)")
        start = str(Path(self._folder or Path.home()) / f"{self._file_stem}{suffix}")
        chosen, _ = QFileDialog.getSaveFileName(self, tr("Export chart"), start, kind)
        if not chosen:
            return
        path = Path(chosen) if Path(chosen).suffix.lower() == suffix else Path(chosen + suffix)
        self.export_chart(path)

    def export_chart(self, path: Path) -> bool:
        """Export and say how it went under the chart (the Export menu's action after the file dialog)."""
        try:
            written = self.export_to(path)
        except Exception as error:  # InputError, OSError, or pyqtgraph's bare Exception: a message, no traceback
            if not isinstance(error, (InputError, OSError)):
                _log.error("chart export failed", exc_info=error)
            message = error_text(_as_write_error(error, path))
            self._show_status(message, error=True)
            self.export_failed.emit(message)
            return False
        self._folder = str(written.parent)
        if self._settings is not None:
            self._settings.last_directory = self._folder
        self._show_status(tr("Saved {name}", name=written.name), error=False)
        self.exported.emit(str(written))
        return True

    def _show_status(self, text: str, error: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #B00020" if error else "")
        self.status.show()


def _svg_bytes(item: pg.PlotItem, background: QColor, title: str, dpi: int) -> bytes:
    """The plot as SVG, drawn by Qt's own SVG generator.

    Not pyqtgraph's ``SVGExporter``: it re-parses the path data Qt writes and, with Qt 6.12, fails on the
    closing ``Z`` of every path ("not enough values to unpack", pyqtgraph issue #3485). Our charts set their
    ranges to hold every bar, so the clipping that exporter adds is not needed."""
    source = item.sceneBoundingRect()
    if source.width() <= 0 or source.height() <= 0:
        raise InputError("chart_not_shown")
    target = QRectF(0, 0, source.width(), source.height())
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(target.size().toSize())
    generator.setViewBox(target)
    generator.setTitle(title)
    generator.setResolution(dpi)  # as on screen: fonts are in points, and text items place themselves by them
    painter = QPainter(generator)
    try:
        painter.fillRect(target, background)
        item.scene().render(painter, target, source)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def _save_png(image: object, temp: Path, name: str) -> None:
    # QImage.save picks the format from the suffix unless told; the temporary name ends in ".part"
    if not image.save(str(temp), "PNG"):  # type: ignore[attr-defined]
        raise InputError("cannot_write", name=name, reason=tr("the picture could not be encoded"))


def _as_write_error(error: BaseException, path: Path) -> BaseException:
    """What went wrong, as a user error: an OSError while writing says "could not write", not the generic
    "could not read"; anything unexpected still names the file."""
    if isinstance(error, InputError):
        return error
    if isinstance(error, OSError):
        return InputError("cannot_write", name=path.name, reason=error.strerror or str(error))
    return InputError("cannot_write", name=path.name, reason=(str(error).splitlines() or [""])[0])
