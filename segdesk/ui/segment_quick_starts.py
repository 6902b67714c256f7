"""The "Quick starts" menu: ready-made segments (:mod:`segdesk.core.segments.templates`) added with one click.

What the data offers decides what is enabled: RFM segments and lifecycle stages need purchases, the birthday
segment a birth-date column, "bought a category" an order log with a category column (its categories, most
frequent first, are the submenu: choosing one is how the user says which).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from segdesk.core.io.table import Role
from segdesk.core.rfm import RF10, RfmMap
from segdesk.core.rules.data import RuleData
from segdesk.core.segments.model import Segment
from segdesk.core.segments.templates import (
    birthday_segment,
    category_segment,
    high_spenders_segment,
    lifecycle_segments,
    rfm_segments,
)
from segdesk.ui.i18n import language, tr

#: Categories the submenu lists at most (the most frequent).
MAX_CATEGORIES = 40


class QuickStartMenu(QMenu):
    chosen = Signal(object, str)  # the segments to add (list[Segment]) and the undo step's name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Quick starts"), parent)
        self.setObjectName("quick_starts")
        self.setToolTipsVisible(True)
        self._data: RuleData | None = None
        self._rfm_map: RfmMap = RF10
        self.rfm_action = self._action(tr("Add RFM segments"), tr("Add RFM segments"), self._rfm)
        self.lifecycle_action = self._action(tr("Add lifecycle stages"), tr("Add lifecycle stages"),
                                             lambda: lifecycle_segments(language()))
        self.addSeparator()
        self.birthday_action = self._action(tr("Birthday in the next 14 days"), tr("Add segment"), self._birthday)
        self.category_menu = self.addMenu(tr("Bought a category in the last 90 days"))
        self.category_menu.setToolTipsVisible(True)
        self.high_spenders_action = self._action(tr("High spenders not seen for 6 months"), tr("Add segment"),
                                                 self._high_spenders)
        self.set_source(None)

    def set_source(self, data: RuleData | None, rfm_map: RfmMap | None = None) -> None:
        """What the templates are made for (None: nothing open, everything disabled)."""
        self._data = data
        if rfm_map is not None:
            self._rfm_map = rfm_map
        derived = data is not None and data.catalogue.find("rfm_segment") is not None
        needs_rfm = "" if derived else tr("Needs purchases: an order log or a last purchase date column.")
        for action in (self.rfm_action, self.lifecycle_action):
            action.setEnabled(derived)
            action.setToolTip(needs_rfm)
        has_birthday = data is not None and birthday_segment(data.catalogue) is not None
        self.birthday_action.setEnabled(has_birthday)
        self.birthday_action.setToolTip("" if has_birthday else tr("Needs a birth date column."))
        self.high_spenders_action.setEnabled(data is not None and high_spenders_segment(data) is not None)
        self._fill_categories()

    def _action(self, text: str, step: str, make: Callable[[], list[Segment] | Segment | None]) -> QAction:
        action = self.addAction(text)
        action.triggered.connect(lambda _=False: self._choose(make(), step))
        return action

    def _choose(self, made: list[Segment] | Segment | None, step: str) -> None:
        segments = [made] if isinstance(made, Segment) else list(made or [])
        if segments:
            self.chosen.emit(segments, step)

    def _rfm(self) -> list[Segment]:
        return rfm_segments(self._rfm_map, language())

    def _birthday(self) -> Segment | None:
        return birthday_segment(self._data.catalogue, language()) if self._data is not None else None

    def _high_spenders(self) -> Segment | None:
        return high_spenders_segment(self._data, language()) if self._data is not None else None

    def _fill_categories(self) -> None:
        self.category_menu.clear()
        names = self._categories()
        for name in names:
            action = self.category_menu.addAction(name)
            action.triggered.connect(lambda _=False, n=name: self._choose(self._category(n), tr("Add segment")))
        self.category_menu.setEnabled(bool(names))
        self.category_menu.menuAction().setToolTip("" if names else tr("Needs an order log with a category "
                                                                       "column."))

    def _category(self, name: str) -> Segment | None:
        return category_segment(self._data, name, language()) if self._data is not None else None

    def _categories(self) -> list[str]:
        data = self._data
        catalogue = data.order_catalogue if data is not None else None
        if data is None or catalogue is None:
            return []
        field = next((f for f in catalogue.fields if f.role == Role.PRODUCT_CATEGORY), None) \
            or catalogue.find("category")
        return data.values(field.name, orders=True, limit=MAX_CATEGORIES) if field is not None else []
