"""The Data page's "Segment:" choice: show all customers, or only those of one segment or group.

Until a Segments page exists, the choices come from the RFM page ("Use as segments": RFM segments and
lifecycle stages), and a group picked there (a grid cell, a summary row) is shown here as a one-off choice.
The bar knows nothing of RFM: a choice is a label and the customers' positions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from segdesk.ui.i18n import tr
from segdesk.ui.widgets import signals_blocked

#: The key of the one-off choice (a group picked on another page).
PICKED = "picked"


@dataclass(frozen=True, eq=False)
class SegmentChoice:
    """``key`` is stable across recomputations ("segment:champions"); ``section`` groups choices in the list."""

    key: str
    label: str
    positions: np.ndarray
    section: str = ""


class SegmentFilterBar(QWidget):
    """A combo box of choices; hidden while there is nothing to choose."""

    filter_changed = Signal(object)  # positions to show, or None for every customer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("segment_filter")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMaximumWidth(420)
        self.show_all_button = QPushButton(tr("Show all customers"))
        self._choices: list[SegmentChoice] = []
        self._picked: SegmentChoice | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(tr("Segment:")))
        layout.addWidget(self.combo)
        layout.addWidget(self.show_all_button)
        self.combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
        self.show_all_button.clicked.connect(self._on_show_all_button_clicked)
        self._refill(None)

    def set_choices(self, choices: list[SegmentChoice]) -> None:
        """Offer ``choices``; the one shown stays chosen when a choice with its key is still there."""
        current = self.current()
        self._choices = list(choices)
        key = current.key if current is not None else None
        self._refill(key)
        self.filter_changed.emit(self._positions())

    def pick(self, positions: np.ndarray, label: str) -> None:
        """Show the customers at ``positions`` as a one-off choice named ``label``."""
        self._picked = SegmentChoice(PICKED, label, np.asarray(positions, dtype=np.int64))
        self._refill(PICKED)
        self.filter_changed.emit(self._positions())

    def reset(self) -> None:
        """Forget every choice (the table was replaced: positions no longer apply). Emits nothing."""
        self._choices, self._picked = [], None
        self._refill(None)

    def show_all(self) -> None:
        self.combo.setCurrentIndex(0)

    def current(self) -> SegmentChoice | None:
        key = self.combo.currentData()
        return None if key is None else self._by_key().get(key)

    def labels(self) -> list[str]:
        """The texts of the list's entries (separators left out)."""
        return [self.combo.itemText(i) for i in range(self.combo.count()) if self.combo.itemText(i)]

    def select(self, key: str | None) -> bool:
        index = self.combo.findData(key) if key is not None else 0
        if index < 0:
            return False
        self.combo.setCurrentIndex(index)
        return True

    def _by_key(self) -> dict[str, SegmentChoice]:
        found = {c.key: c for c in self._choices}
        if self._picked is not None:
            found[PICKED] = self._picked
        return found

    def _refill(self, selected: str | None) -> None:
        with signals_blocked(self.combo):
            self.combo.clear()
            self.combo.addItem(tr("All customers"), None)
            if self._picked is not None:
                self.combo.addItem(self._picked.label, PICKED)
            section = None
            for choice in self._choices:
                if choice.section != section:
                    self.combo.insertSeparator(self.combo.count())
                    section = choice.section
                self.combo.addItem(choice.label, choice.key)
            index = self.combo.findData(selected) if selected is not None else 0
            self.combo.setCurrentIndex(max(index, 0))
        self.setVisible(bool(self._choices) or self._picked is not None)
        self._sync_button()

    def _positions(self) -> np.ndarray | None:
        current = self.current()
        return None if current is None else current.positions

    def _sync_button(self) -> None:
        self.show_all_button.setVisible(self.combo.currentIndex() > 0)

    def _on_combo_current_index_changed(self, _: int) -> None:
        self._sync_button()
        self.filter_changed.emit(self._positions())

    def _on_show_all_button_clicked(self) -> None:
        self.show_all()
