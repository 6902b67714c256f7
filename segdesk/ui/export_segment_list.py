"""The segments to export: a checkable list with each segment's colour and customers, and an "all" box.

The choice is kept by name: ``None`` means every usable segment (so a segment added later is exported too).
Disabled segments, and segments whose rule does not fit the data, are listed greyed out and never chosen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QCheckBox, QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from segdesk.core.segments.session import SegmentsReport
from segdesk.ui.export_tasks import usable_segments
from segdesk.ui.i18n import format_int, tr
from segdesk.ui.widgets import signals_blocked


class SegmentChecklist(QWidget):
    edited = Signal()  # the user ticked or unticked segments

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.all_box = QCheckBox(tr("All segments"))
        self.all_box.setTristate(False)
        self.tree = QTreeWidget()
        self.tree.setObjectName("export_segments")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([tr("Segment"), tr("Customers")])
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.all_box)
        layout.addWidget(self.tree)
        self._usable: list[str] = []
        self.all_box.clicked.connect(self._on_all_box_clicked)
        self.tree.itemChanged.connect(self._on_tree_item_changed)

    def show_segments(self, report: SegmentsReport | None, chosen: tuple[str, ...] | None) -> None:
        """List ``report``'s segments, ticking ``chosen`` (None: every usable one)."""
        wanted = None if chosen is None else {name.casefold() for name in chosen}
        self._usable = usable_segments(report) if report is not None else []
        with signals_blocked(self.tree):
            self.tree.clear()
            if report is None:
                return
            for i, segment in enumerate(report.segments.segments):
                item = QTreeWidgetItem([segment.name, format_int(report.result.stats[i].customers)])
                item.setIcon(0, _swatch(segment.colour))
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                usable = segment.name in self._usable
                flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if usable else flags)
                ticked = usable and (wanted is None or segment.name.casefold() in wanted)
                item.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
                if not usable:
                    item.setToolTip(0, tr("Switched off on the Segments page") if not segment.enabled
                                    else tr("Its rule does not fit this data: see the Segments page"))
                self.tree.addTopLevelItem(item)
        self._show_all_box()

    def chosen(self, default: tuple[str, ...] | None) -> tuple[str, ...] | None:
        """The ticked segments' names; None when every usable segment is ticked; ``default`` while no segments
        are listed (a choice restored before the segments are counted stays as it is)."""
        if not self._usable:
            return default
        ticked = tuple(self._ticked())
        return None if len(ticked) == len(self._usable) else ticked

    def set_checked(self, name: str, checked: bool) -> None:
        """Tick or untick the segment called ``name`` as the user would."""
        for item in self._items():
            if item.text(0) == name:
                item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def _ticked(self) -> list[str]:
        return [item.text(0) for item in self._items() if item.checkState(0) == Qt.CheckState.Checked]

    def _show_all_box(self) -> None:
        with signals_blocked(self.all_box):
            self.all_box.setChecked(bool(self._usable) and len(self._ticked()) == len(self._usable))
            self.all_box.setEnabled(bool(self._usable))

    def _on_all_box_clicked(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        with signals_blocked(self.tree):
            for item in self._items():
                if item.flags() & Qt.ItemFlag.ItemIsEnabled:
                    item.setCheckState(0, state)
        self.edited.emit()

    def _on_tree_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 0:
            self._show_all_box()
            self.edited.emit()


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)
