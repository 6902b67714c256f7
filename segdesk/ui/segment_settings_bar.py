"""The Segments page's settings: the as-of date every relative date is measured from, and the control group.

The as-of date is a view setting (like the RFM page's): changing it re-evaluates, it is not an undo step.
The control group's share and seed belong to the segment set, so their edits are undo steps: the bar only says
what the user asked for (``holdout_edited``, ``seed_edited``) and shows what the page sets.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import QDateEdit, QDoubleSpinBox, QLabel, QPushButton, QSpinBox, QWidget

from segdesk.core.segments.model import MAX_HOLDOUT
from segdesk.ui.formatting import full_year_format
from segdesk.ui.i18n import locale, tr
from segdesk.ui.widgets import FlowLayout, one_line, signals_blocked

_MAX_SEED = 2_147_483_647


class SegmentSettingsBar(QWidget):
    as_of_chosen = Signal(object)  # a date the user pinned, or None: follow the data
    holdout_edited = Signal(float)  # percent
    seed_edited = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pinned: dt.date | None = None
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat(full_year_format(locale().dateFormat(QLocale.FormatType.ShortFormat)))
        self.as_of_edit.setKeyboardTracking(False)
        self.as_of_edit.setToolTip(tr("Relative dates in rules (\"in the last 30 days\") count back from this "
                                      "day."))
        self.today_button = QPushButton(tr("Today"))
        self.latest_button = QPushButton(tr("Latest data"))
        self.latest_button.setEnabled(False)
        self.latest_button.setToolTip(tr("The day after the latest purchase in the data, so an old export still "
                                         "makes sense."))
        self.holdout_box = QDoubleSpinBox()
        self.holdout_box.setObjectName("holdout")
        self.holdout_box.setRange(0.0, MAX_HOLDOUT)
        self.holdout_box.setDecimals(1)
        self.holdout_box.setSingleStep(1.0)
        self.holdout_box.setSuffix(tr(" %"))
        self.holdout_box.setKeyboardTracking(False)
        self.holdout_box.setToolTip(tr("This share of every segment is held out of its mailing list, so the "
                                       "campaign's effect can be measured against it later."))
        self.seed_box = QSpinBox()
        self.seed_box.setObjectName("seed")
        self.seed_box.setRange(0, _MAX_SEED)
        self.seed_box.setKeyboardTracking(False)
        self.seed_box.setToolTip(tr("Who is held out depends only on the customer and this number: the same "
                                    "seed holds out the same customers next month."))
        layout = FlowLayout(self)
        layout.addWidget(one_line(QLabel(tr("As of:")), self.as_of_edit, self.today_button, self.latest_button))
        layout.addWidget(one_line(QLabel(tr("Control group:")), self.holdout_box, QLabel(tr("seed")),
                                self.seed_box))
        self.as_of_edit.dateChanged.connect(self._on_as_of_edit_date_changed)
        self.today_button.clicked.connect(self._on_today_button_clicked)
        self.latest_button.clicked.connect(self._on_latest_button_clicked)
        self.holdout_box.valueChanged.connect(self._on_holdout_box_value_changed)
        self.seed_box.valueChanged.connect(self._on_seed_box_value_changed)

    @property
    def pinned_as_of(self) -> dt.date | None:
        return self._pinned

    def set_pinned(self, day: dt.date | None) -> None:
        """Pin ``day`` (None: follow the data), as if the user had chosen it."""
        if day is None:
            if self._pinned is not None:
                self._on_latest_button_clicked()
        elif day != self._pinned:
            self._pin(day)

    def show_as_of(self, as_of: dt.date) -> None:
        """Show the as-of date in use (without pinning it)."""
        with signals_blocked(self.as_of_edit):
            self.as_of_edit.setDate(QDate(as_of.year, as_of.month, as_of.day))
        self.latest_button.setEnabled(self._pinned is not None)

    def show_control(self, holdout: float, seed: int) -> None:
        """Show the segment set's control group (after an edit, undo or redo); emits nothing."""
        with signals_blocked(self.holdout_box):
            self.holdout_box.setValue(holdout)
        with signals_blocked(self.seed_box):
            self.seed_box.setValue(seed)
        self.seed_box.setEnabled(holdout > 0)

    def _on_as_of_edit_date_changed(self, date: QDate) -> None:
        self._pin(dt.date(date.year(), date.month(), date.day()))

    def _on_today_button_clicked(self) -> None:
        self._pin(dt.date.today())

    def _on_latest_button_clicked(self) -> None:
        self._pinned = None
        self.latest_button.setEnabled(False)
        self.as_of_chosen.emit(None)

    def _pin(self, day: dt.date) -> None:
        self._pinned = day
        self.show_as_of(day)
        self.as_of_chosen.emit(day)

    def _on_holdout_box_value_changed(self, value: float) -> None:
        self.holdout_edited.emit(float(value))

    def _on_seed_box_value_changed(self, value: int) -> None:
        self.seed_edited.emit(int(value))

