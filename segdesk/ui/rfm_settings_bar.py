"""The RFM page's settings: as-of date, bins, scoring mode and thresholds, map, lifecycle thresholds.

The bar only collects typed values; :meth:`RfmSettingsBar.read` turns them into core's ``RfmSettings`` and
core's own checks say what is wrong (``InputError``), so the rules live in one place.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDateEdit,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from segdesk.core.rfm.analysis import RfmSettings
from segdesk.core.rfm.lifecycle import LifecycleThresholds
from segdesk.core.rfm.maps import BUILTIN_MAPS, RfmMap
from segdesk.core.rfm.scoring import BINS, DIMENSIONS, ScoreMode, Thresholds
from segdesk.ui.formatting import full_year_format
from segdesk.ui.i18n import language, locale, tr
from segdesk.ui.widgets import FlowLayout, ValueComboBox, one_line, signals_blocked

_MAX_EDGES = max(BINS) - 1


class ThresholdEditor(QWidget):
    """``bins - 1`` edges per dimension: recency in days, frequency in orders, monetary in money."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, list[QAbstractSpinBox]] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        captions = {"recency": tr("Recency, days since the last purchase:"),
                    "frequency": tr("Frequency, orders:"), "monetary": tr("Monetary, money spent:")}
        for row, dim in enumerate(DIMENSIONS):
            grid.addWidget(QLabel(captions[dim]), row, 0)
            boxes: list[QAbstractSpinBox] = []
            for i, value in enumerate(Thresholds().of(dim)):
                box = _spin_box(dim, value)
                box.setObjectName(f"threshold_{dim}_{i}")
                box.valueChanged.connect(lambda *_: self.edited.emit())
                grid.addWidget(box, row, 1 + i)
                boxes.append(box)
            self.boxes[dim] = boxes
        grid.setColumnStretch(_MAX_EDGES + 1, 1)

    def set_bins(self, bins: int) -> None:
        for boxes in self.boxes.values():
            for i, box in enumerate(boxes):
                box.setVisible(i < bins - 1)

    def thresholds(self, bins: int) -> Thresholds:
        edges = {dim: tuple(float(b.value()) for b in boxes[: bins - 1])  # type: ignore[attr-defined]
                 for dim, boxes in self.boxes.items()}
        return Thresholds(**edges)

    def set_thresholds(self, thresholds: Thresholds) -> None:
        for dim, boxes in self.boxes.items():
            for box, value in zip(boxes, thresholds.of(dim), strict=False):
                with signals_blocked(box):
                    box.setValue(value)  # type: ignore[attr-defined]


def _spin_box(dimension: str, value: float) -> QAbstractSpinBox:
    box: QSpinBox | QDoubleSpinBox
    if dimension == "monetary":
        box = QDoubleSpinBox()
        box.setDecimals(2)
        box.setRange(0, 1e12)
        box.setGroupSeparatorShown(True)
    else:
        box = QSpinBox()
        box.setRange(0, 10_000)
    box.setValue(value)
    box.setKeyboardTracking(False)  # typing "180" is one edit, not three
    box.setMinimumWidth(76)
    box.setMaximumWidth(130)
    return box


class RfmSettingsBar(QWidget):
    """Emits ``edited`` on every change (the page debounces); ``read()`` gives the settings or the problem."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pinned: dt.date | None = None  # None: follow the data (the day after the latest purchase)
        self._latest: dt.date | None = None
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat(full_year_format(locale().dateFormat(QLocale.FormatType.ShortFormat)))
        self.as_of_edit.setKeyboardTracking(False)
        self.today_button = QPushButton(tr("Today"))
        self.latest_button = QPushButton(tr("Latest data"))
        self.latest_button.setEnabled(False)  # the as-of date follows the data until the user sets one
        self.latest_button.setToolTip(tr("The day after the latest purchase in the data, so an old export still "
                                         "makes sense."))
        self.bins_box = ValueComboBox([(str(b), b) for b in BINS])
        self.bins_box.set_value(5)
        self.mode_box = ValueComboBox([(tr("Quantiles"), ScoreMode.QUANTILES),
                                       (tr("Fixed thresholds"), ScoreMode.FIXED)])
        self.map_box = ValueComboBox()
        self._maps: dict[str, RfmMap] = {}
        for rfm_map in BUILTIN_MAPS.values():
            self.add_map(rfm_map)
        self.lifecycle_boxes = [_days_box(v) for v in (30, 120, 365)]
        self.threshold_editor = ThresholdEditor()
        self.threshold_editor.hide()
        self._build()
        self._connect()

    def _build(self) -> None:
        # flowing rows: on a narrow window the groups wrap instead of forcing the window wider
        first = FlowLayout()
        first.addWidget(one_line(QLabel(tr("As of:")), self.as_of_edit, self.today_button, self.latest_button))
        first.addWidget(one_line(QLabel(tr("Scores:")), self.bins_box))
        first.addWidget(one_line(QLabel(tr("Scoring:")), self.mode_box))
        first.addWidget(one_line(QLabel(tr("Map:")), self.map_box))
        second = FlowLayout()
        captions = [tr("Lifecycle: new if the only purchase is within"), tr("active within"), tr("lost after")]
        for caption, box in zip(captions, self.lifecycle_boxes, strict=True):
            second.addWidget(one_line(QLabel(caption), box))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.threshold_editor)

    def _connect(self) -> None:
        self.as_of_edit.dateChanged.connect(self._on_as_of_edit_date_changed)
        self.today_button.clicked.connect(self._on_today_button_clicked)
        self.latest_button.clicked.connect(self._on_latest_button_clicked)
        self.bins_box.currentIndexChanged.connect(self._on_bins_box_changed)
        self.mode_box.currentIndexChanged.connect(self._on_mode_box_changed)
        self.map_box.currentIndexChanged.connect(lambda *_: self.edited.emit())
        self.threshold_editor.edited.connect(self.edited.emit)
        for box in self.lifecycle_boxes:
            box.valueChanged.connect(lambda *_: self.edited.emit())

    # --- reading and setting ---

    def read(self) -> RfmSettings:
        """The settings shown (as-of None: follow the data); InputError when they don't hold together."""
        bins = int(self.bins_box.value())  # type: ignore[arg-type]
        mode = ScoreMode(self.mode_box.value())
        new, active, lost = (box.value() for box in self.lifecycle_boxes)
        settings = RfmSettings(as_of=self._pinned, bins=bins, mode=mode,
                               thresholds=self.threshold_editor.thresholds(bins),
                               rfm_map=self._maps[str(self.map_box.value())],
                               lifecycle=LifecycleThresholds(new, active, lost))
        settings.check()
        return settings

    def set_settings(self, settings: RfmSettings) -> None:
        """Show ``settings`` (an unknown map is added first); emits ``edited`` once."""
        if settings.rfm_map.key not in self._maps:
            self.add_map(settings.rfm_map)
        with signals_blocked(self):
            self._pinned = settings.as_of
            for box, value in ((self.bins_box, settings.bins), (self.mode_box, settings.mode),
                               (self.map_box, settings.rfm_map.key)):
                with signals_blocked(box):
                    box.set_value(value)
            self.threshold_editor.set_thresholds(settings.thresholds)
            limits = settings.lifecycle
            for box, value in zip(self.lifecycle_boxes, (limits.new_days, limits.active_days, limits.lost_days),
                                  strict=True):
                with signals_blocked(box):
                    box.setValue(value)
            self._sync_visibility()
        if settings.as_of is not None:
            self.show_as_of(settings.as_of)
        self.edited.emit()

    def add_map(self, rfm_map: RfmMap) -> None:
        """Offer ``rfm_map`` (replacing a map with the same key)."""
        self._maps[rfm_map.key] = rfm_map
        label = rfm_map.name(language())
        for i in range(self.map_box.count()):
            if self.map_box.itemData(i) == rfm_map.key:
                self.map_box.setItemText(i, label)
                return
        self.map_box.add_choice(label, rfm_map.key)

    def select_map(self, key: str) -> None:
        self.map_box.set_value(key)

    def maps(self) -> list[RfmMap]:
        return [self._maps[str(k)] for k in self.map_box.values()]

    @property
    def pinned_as_of(self) -> dt.date | None:
        return self._pinned

    def show_as_of(self, as_of: dt.date, latest: dt.date | None = None) -> None:
        """Show the as-of date in use (without pinning it) and remember the data's default."""
        if latest is not None:
            self._latest = latest
        with signals_blocked(self.as_of_edit):
            self.as_of_edit.setDate(QDate(as_of.year, as_of.month, as_of.day))
        self.latest_button.setEnabled(self._pinned is not None)

    # --- handlers ---

    def _on_as_of_edit_date_changed(self, date: QDate) -> None:
        self._pin(dt.date(date.year(), date.month(), date.day()))

    def _on_today_button_clicked(self) -> None:
        self._pin(dt.date.today())

    def _on_latest_button_clicked(self) -> None:
        self._pinned = None
        if self._latest is not None:
            self.show_as_of(self._latest)
        self.latest_button.setEnabled(False)
        self.edited.emit()

    def _pin(self, day: dt.date) -> None:
        self._pinned = day
        self.show_as_of(day)
        self.edited.emit()

    def _on_bins_box_changed(self, _: int) -> None:
        self._sync_visibility()
        self.edited.emit()

    def _on_mode_box_changed(self, _: int) -> None:
        self._sync_visibility()
        self.edited.emit()

    def _sync_visibility(self) -> None:
        self.threshold_editor.set_bins(int(self.bins_box.value()))  # type: ignore[arg-type]
        self.threshold_editor.setVisible(self.mode_box.value() == ScoreMode.FIXED)


def _days_box(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, 10_000)
    box.setValue(value)
    box.setSuffix(tr(" days"))
    box.setKeyboardTracking(False)
    return box


