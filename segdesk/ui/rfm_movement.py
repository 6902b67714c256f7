"""Segment movement: where the customers of each RFM segment at one date are at a later date.

Rows are the segments at date A (with "No purchase yet"), columns the segments at date B; each cell counts the
customers (or the revenue they brought between the dates) that made that move. The diagonal, customers who
stayed, is bold and green. :func:`segdesk.core.rfm.analysis.movement` scores the data twice, so it runs off the
GUI thread on a :class:`TaskRunner`; switching between customers and revenue only re-reads the result.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from segdesk.core.rfm.analysis import PROSPECT, Movement, RfmSettings, movement
from segdesk.core.rfm.charts import MovementTable, movement_table
from segdesk.core.rfm.purchases import Source
from segdesk.ui.alone import run_alone
from segdesk.ui.formatting import full_year_format
from segdesk.ui.i18n import locale, tr
from segdesk.ui.rfm_labels import segment_name
from segdesk.ui.rfm_movement_table import MovementModel, RotatedHeader
from segdesk.ui.widgets import signals_blocked
from segdesk.ui.workers import TaskRunner, error_text

#: Date A defaults to this many days before the as-of date (date B).
DEFAULT_SPAN_DAYS = 90
_DEBOUNCE_MS = 400  # typing a date changes it digit by digit: wait for a pause before scoring twice


class MovementView(QWidget):
    """Segment at date A × segment at date B, in customers or in revenue."""

    computed = Signal()  # a new matrix is shown
    failed = Signal(str)  # the message shown instead

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source: Source | None = None
        self._settings = RfmSettings()
        self._movement: Movement | None = None
        self.date_a, self.date_b = self._date_edit(), self._date_edit()
        self.customers_button = QRadioButton(tr("Customers"))
        self.revenue_button = QRadioButton(tr("Revenue"))
        self.revenue_button.setToolTip(tr("What the customers of each cell spent after date A, up to date B"))
        self.customers_button.setChecked(True)
        self._measure = QButtonGroup(self)
        self._measure.addButton(self.customers_button)
        self._measure.addButton(self.revenue_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.model = MovementModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.columns_header = RotatedHeader(self.table)
        self.table.setHorizontalHeader(self.columns_header)
        self.columns_header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._runner = TaskRunner(self)
        self._runner.succeeded.connect(self._on_runner_succeeded)
        self._runner.failed.connect(self._on_runner_failed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)
        self.date_a.dateChanged.connect(self._on_date_changed)
        self.date_b.dateChanged.connect(self._on_date_changed)
        self._measure.buttonToggled.connect(self._on_measure_button_toggled)
        self._lay_out()
        self.set_source(None, RfmSettings(), dt.date.today())

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(full_year_format(locale().dateFormat(locale().FormatType.ShortFormat)))
        return edit

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        for widget in (QLabel(tr("Segments on")), self.date_a, QLabel(tr("compared with")), self.date_b):
            top.addWidget(widget)
        top.addSpacing(24)
        top.addWidget(self.customers_button)
        top.addWidget(self.revenue_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)

    def set_source(self, source: Source | None, settings: RfmSettings, as_of: dt.date) -> None:
        """Compare the segments at ``as_of`` minus 90 days (A) and at ``as_of`` (B) under ``settings``."""
        self._source, self._settings = source, settings
        with signals_blocked(self.date_a), signals_blocked(self.date_b):
            self.date_a.setDate(_qdate(as_of - dt.timedelta(days=DEFAULT_SPAN_DAYS)))
            self.date_b.setDate(_qdate(as_of))
        for widget in (self.date_a, self.date_b, self.customers_button, self.revenue_button):
            widget.setEnabled(source is not None)
        self._timer.stop()
        if source is None:
            self._runner.cancel()
            self._movement = None
            self._show()
            self._say(tr("Open an order log to see how customers move between segments."))
            return
        self._start()

    def dates(self) -> tuple[dt.date, dt.date]:
        return self.date_a.date().toPython(), self.date_b.date().toPython()  # type: ignore[return-value]

    def shown_table(self) -> MovementTable | None:
        return self.model.table

    def shutdown(self) -> None:
        """Stop background work (the window is closing)."""
        self._timer.stop()
        self._runner.cancel()

    def closeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        self._runner.cancel()
        super().closeEvent(event)  # type: ignore[arg-type]

    def _on_date_changed(self) -> None:
        self._timer.start()

    def _start(self) -> None:
        if self._source is None:
            return
        a, b = self.dates()
        self._say(tr("Computing…"))
        self._runner.start(movement, self._source, self._settings, a, b)

    def _on_runner_succeeded(self, result: Movement) -> None:
        self._movement = result
        self._say("")
        self._show()
        self.computed.emit()

    def _on_runner_failed(self, error: BaseException) -> None:
        self._movement = None
        self._show()
        message = error_text(error)
        self._say(message, error=True)
        self.failed.emit(message)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #B00020" if error else "")
        self.status.setVisible(bool(text))

    def _on_measure_button_toggled(self) -> None:
        self._show()

    def _show(self) -> None:
        mv = self._movement
        if mv is None:
            self.model.set_table(None, [], ("", ""), False)
            self.caption.setText("")
            return
        revenue = self.revenue_button.isChecked()
        table = movement_table(mv, "revenue" if revenue else "customers")
        names = [tr("No purchase yet") if key == PROSPECT else segment_name(self._settings.rfm_map, key)
                 for key in table.labels]
        dates = (_date_text(mv.as_of_a), _date_text(mv.as_of_b))
        self.model.set_table(table, names, dates, revenue)
        self.columns_header.fit(names + [tr("Total")])
        # the totals are the widest numbers (revenue of everyone): their column takes what it needs
        self.columns_header.setSectionResizeMode(len(names), QHeaderView.ResizeMode.ResizeToContents)
        if revenue:
            self.caption.setText(tr("Rows: segment on {date_a}. Columns: segment on {date_b}. Cells: what those "
                                    "customers spent in between. Bold on the diagonal: customers who stayed.",
                                    date_a=dates[0], date_b=dates[1]))
        else:
            self.caption.setText(tr("Rows: segment on {date_a}. Columns: segment on {date_b}. Bold on the "
                                    "diagonal: {stayed} of {count} customers stayed in their segment.",
                                    date_a=dates[0], date_b=dates[1], stayed=int(table.stayed),
                                    count=int(table.total)))


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_text(day: dt.date) -> str:
    loc = locale()
    return loc.toString(_qdate(day), full_year_format(loc.dateFormat(loc.FormatType.ShortFormat)))


def main(argv: list[str] | None = None) -> int:
    """Open the view alone on the demo shop (``--ru`` for the Russian interface)."""
    from segdesk.core.rfm.purchases import default_as_of
    from segdesk.ui.rfm_samples import demo_source

    def build(argv: list[str]) -> MovementView:
        source = demo_source()
        view = MovementView()
        view.set_source(source, RfmSettings(), default_as_of(source))
        return view

    return run_alone(build, argv, size=(1100, 700), title=lambda: tr("Segment movement"))


if __name__ == "__main__":
    raise SystemExit(main())
