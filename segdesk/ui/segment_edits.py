"""What each edit request of the Segments page becomes: an undo command on the page's stack.

Requests come from the list (rename, tick, drop), its buttons, the quick starts, the rule editor and the
control-group boxes; each is turned into a command of :mod:`segment_commands` over the set shown, and pushed.
Pushing runs the command, which hands the new set to the page's ``apply``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QColorDialog, QWidget

from segdesk.core.rules.model import Group
from segdesk.core.segments.model import Segment, SegmentSet, next_colour, unique_name
from segdesk.ui import segment_commands as commands
from segdesk.ui.i18n import tr
from segdesk.ui.rule_editor import RuleEditor
from segdesk.ui.segment_panel import SegmentPanel
from segdesk.ui.segment_settings_bar import SegmentSettingsBar


class SegmentEdits(QObject):
    def __init__(self, stack: QUndoStack, current: Callable[[], SegmentSet], apply: commands.Target,
                 panel: SegmentPanel, parent: QWidget) -> None:
        super().__init__(parent)
        self.stack, self._current, self._apply, self.panel = stack, current, apply, panel
        self.colour_dialog: QColorDialog | None = None  # the open colour dialog, if any
        model = panel.model
        model.rename_requested.connect(lambda row, name: self.push(
            commands.rename_command(apply, current(), row, name)))
        model.enabled_requested.connect(lambda row, on: self.push(commands.enable_command(apply, current(), row, on)))
        model.move_requested.connect(self.move)
        panel.add_button.clicked.connect(self._on_add_button_clicked)
        panel.quick_starts.chosen.connect(self.add)
        panel.duplicate_button.clicked.connect(lambda: self._for_row(commands.duplicate_command))
        panel.delete_button.clicked.connect(lambda: self._for_row(commands.delete_command))
        panel.rename_button.clicked.connect(self._on_rename_button_clicked)
        panel.up_button.clicked.connect(lambda: self._move_current(-1))
        panel.down_button.clicked.connect(lambda: self._move_current(1))
        panel.colour_button.clicked.connect(self._on_colour_button_clicked)

    def follow(self, editor: RuleEditor, settings_bar: SegmentSettingsBar) -> None:
        """Take the rule editor's edits and the control group's as undo steps too."""
        editor.rule_edited.connect(self._on_editor_rule_edited)
        settings_bar.holdout_edited.connect(lambda value: self.push(
            commands.HoldoutCommand(self._apply, self._current(), value)))
        settings_bar.seed_edited.connect(lambda value: self.push(
            commands.SeedCommand(self._apply, self._current(), value)))

    def push(self, command: QUndoCommand) -> None:
        self.stack.push(command)

    def add(self, new: list[Segment], step: str) -> None:
        """Add ``new`` at the end of the list as one undo step."""
        self.push(commands.add_command(self._apply, self._current(), new, step))

    def move(self, row: int, to: int) -> None:
        if 0 <= to < len(self._current().segments) and to != row:
            self.push(commands.move_command(self._apply, self._current(), row, to))

    def _segment_row(self) -> int | None:
        row = self.panel.current_row()
        return row if row is not None and row < len(self._current().segments) else None

    def _for_row(self, make: Callable[[commands.Target, SegmentSet, int], QUndoCommand]) -> None:
        row = self._segment_row()
        if row is not None:
            self.push(make(self._apply, self._current(), row))

    def _move_current(self, step: int) -> None:
        row = self._segment_row()
        if row is not None:
            self.move(row, row + step)

    def _on_add_button_clicked(self) -> None:
        segments = self._current()
        name = unique_name(segments, tr("New segment"))
        self.add([Segment(name, Group(), next_colour(segments))], tr("Add segment"))
        self.panel.view.edit(self.panel.model.index(len(self._current().segments) - 1, 0))  # name it at once

    def _on_rename_button_clicked(self) -> None:
        row = self._segment_row()
        if row is not None:
            self.panel.view.edit(self.panel.model.index(row, 0))

    def _on_colour_button_clicked(self) -> None:
        row = self._segment_row()
        if row is None:
            return
        dialog = QColorDialog(QColor(self._current().segments[row].colour), self.panel)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.colorSelected.connect(lambda colour: self.push(
            commands.colour_command(self._apply, self._current(), row, colour.name())))
        dialog.destroyed.connect(lambda: setattr(self, "colour_dialog", None))
        self.colour_dialog = dialog
        dialog.open()  # window-modal, never blocking the caller

    def _on_editor_rule_edited(self, rule: Group, step: str) -> None:
        row = self._segment_row()
        if row is not None:
            self.push(commands.RuleEditCommand(self._apply, self._current(), row, rule, step))
