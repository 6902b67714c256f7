"""The left side of the Segments page: the segment list and the buttons that edit it.

The buttons only say what was asked; the page makes each request an undo command.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QToolButton, QVBoxLayout, QWidget

from segdesk.ui.i18n import tr
from segdesk.ui.segment_list import SegmentListModel, SegmentListView
from segdesk.ui.segment_quick_starts import QuickStartMenu
from segdesk.ui.widgets import FlowLayout


def _button(text: str, tip: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setObjectName(name)
    return button


class SegmentPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SegmentListModel(self)
        self.view = SegmentListView(self.model)
        self.add_button = _button(tr("Add"), tr("Add a segment at the end of the list"), "add_segment")
        self.quick_starts = QuickStartMenu(self)
        self.quick_button = QToolButton()
        self.quick_button.setObjectName("quick_start_button")
        self.quick_button.setText(tr("Quick starts"))
        self.quick_button.setToolTip(tr("Add ready-made segments: RFM, lifecycle stages, birthdays, categories"))
        self.quick_button.setMenu(self.quick_starts)
        self.quick_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.duplicate_button = _button(tr("Duplicate"), tr("Add a copy of the segment below it"), "duplicate")
        self.rename_button = _button(tr("Rename"), tr("Rename the segment (F2)"), "rename")
        self.delete_button = _button(tr("Delete"), tr("Delete the segment (Edit → Undo brings it back)"), "delete")
        self.up_button = _button(tr("Up"), tr("Give the segment a higher priority"), "move_up")
        self.down_button = _button(tr("Down"), tr("Give the segment a lower priority"), "move_down")
        self.colour_button = _button(tr("Colour…"), tr("Choose the segment's colour"), "colour")
        self.show_button = _button(tr("Show customers"), tr("Show the segment's customers on the Data page "
                                                            "(or double-click the segment)"), "show_customers")
        buttons = FlowLayout(spacing=4)
        for widget in (self.add_button, self.quick_button, self.duplicate_button, self.rename_button,
                       self.delete_button, self.up_button, self.down_button, self.colour_button, self.show_button):
            buttons.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.update_buttons()

    def current_row(self) -> int | None:
        return self.view.current_row()

    def update_buttons(self) -> None:
        """Enable what applies to the row chosen (a segment, "Everyone else", or none)."""
        row = self.current_row()
        count = len(self.model.segments.segments)
        segment = row is not None and row < count
        for button in (self.duplicate_button, self.rename_button, self.delete_button, self.colour_button):
            button.setEnabled(segment)
        self.up_button.setEnabled(segment and row is not None and row > 0)
        self.down_button.setEnabled(segment and row is not None and row < count - 1)
        self.show_button.setEnabled(row is not None)
