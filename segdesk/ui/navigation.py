"""The list of pages on the left of the main window. Pages of coming versions are shown greyed out."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from segdesk.ui.i18n import tr

DATA_PAGE = "data"
SEGMENTS_PAGE = "segments"
RFM_PAGE = "rfm"
EXPORT_PAGE = "export"


def _pages() -> list[tuple[str, str, bool]]:
    """(name, label, available)."""
    return [(DATA_PAGE, tr("Data"), True), (SEGMENTS_PAGE, tr("Segments"), True), (RFM_PAGE, tr("RFM"), True),
            ("charts", tr("Charts"), False), (EXPORT_PAGE, tr("Export"), True)]


class NavigationList(QListWidget):
    page_chosen = Signal(str)  # a page name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        for name, label, available in _pages():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setSizeHint(QSize(0, 34))
            if not available:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setToolTip(tr("Coming in a later version"))
            self.addItem(item)
        self.setCurrentRow(0)
        self.setFixedWidth(max(130, self.sizeHintForColumn(0) + 24))
        self.currentItemChanged.connect(self._on_current_item_changed)

    def choose(self, name: str) -> None:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == name:
                self.setCurrentRow(i)

    def _on_current_item_changed(self, item: QListWidgetItem | None, _: QListWidgetItem | None) -> None:
        if item is not None:
            self.page_chosen.emit(item.data(Qt.ItemDataRole.UserRole))
