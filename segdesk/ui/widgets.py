"""Small widgets shared by views."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QWidget


class ValueComboBox(QComboBox):
    """A combo box of (label, value) choices that is read and set by value, never by index.

    Indexes shift when choices are added or relabelled; values (an enum's value, a codec name) don't, and
    they are what gets persisted.
    """

    def __init__(self, choices: list[tuple[str, object]] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for label, value in choices or []:
            self.addItem(label, value)

    def value(self) -> object:
        return self.currentData()

    def set_value(self, value: object) -> bool:
        """Select the choice holding ``value``; False (and no change) when there is none."""
        for i in range(self.count()):
            if self.itemData(i) == value:
                self.setCurrentIndex(i)
                return True
        return False

    def values(self) -> list[object]:
        return [self.itemData(i) for i in range(self.count())]

    def add_choice(self, label: str, value: object) -> None:
        self.addItem(label, value)


@contextmanager
def signals_blocked(obj: QObject) -> Iterator[None]:
    """Block ``obj``'s signals while the caller fills it in programmatically (not a user edit)."""
    previous = obj.blockSignals(True)
    try:
        yield
    finally:
        obj.blockSignals(previous)
