"""Undo commands of the Segments page: every edit is a pure function of :mod:`segdesk.core.segments.model`
(or a new rule from the rule editor) turned into a before/after pair of immutable segment sets.

A command never edits anything itself: redo hands ``after`` to the page, undo hands ``before`` back, and the
page shows whichever set it is given. Because the sets are frozen values, the pair is the whole undo state.

Consecutive edits of one value merge into one step (Qt's ``id()``/``mergeWith``): typing "1500" into a rule's
value is one "Edit value" step, not four, and holding a spin box arrow down is one "Change control group" step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from segdesk.core.rules.model import Group, OrderCondition, Rule
from segdesk.core.segments.model import (
    Segment,
    SegmentSet,
    add_segment,
    duplicate_segment,
    move_segment,
    next_colour,
    remove_segment,
    update_segment,
)
from segdesk.ui.i18n import tr

#: Shows a segment set and selects a row (None: keep the selection where it is).
Target = Callable[[SegmentSet, "int | None"], None]

_RULE_EDIT_ID = 1
_HOLDOUT_ID = 2
_SEED_ID = 3


class SegmentSetCommand(QUndoCommand):
    """Replace the segment set ``before`` with ``after``; select ``selected`` after redo, ``selected_before``
    after undo."""

    def __init__(self, target: Target, before: SegmentSet, after: SegmentSet, text: str,
                 selected: int | None = None, selected_before: int | None = None) -> None:
        super().__init__(text)
        self.target = target
        self.before, self.after = before, after
        self.selected, self.selected_before = selected, selected_before

    def redo(self) -> None:
        self.target(self.after, self.selected)

    def undo(self) -> None:
        self.target(self.before, self.selected_before)


class _MergingCommand(SegmentSetCommand):
    """Merges with the next command of its kind when :meth:`_joins` says they are one edit."""

    merge_id = -1

    def id(self) -> int:  # noqa: A003 - Qt's name
        return self.merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, type(self)) or not self._joins(other):
            return False
        self.after, self.selected = other.after, other.selected
        self.setObsolete(self.after == self.before)  # edited back to where it started: no step at all
        return True

    def _joins(self, other: _MergingCommand) -> bool:
        return True


class RuleEditCommand(_MergingCommand):
    """A new rule for segment ``index`` (the rule editor's edit, named by the editor)."""

    merge_id = _RULE_EDIT_ID

    def __init__(self, target: Target, before: SegmentSet, index: int, rule: Group, text: str) -> None:
        super().__init__(target, before, update_segment(before, index, rule=rule), text, index, index)
        self.index = index

    def _joins(self, other: _MergingCommand) -> bool:
        """Only edits of values on the same segment join, and only while the tree keeps its shape: adding two
        conditions in a row stays two steps."""
        assert isinstance(other, RuleEditCommand)
        if other.index != self.index or other.text() != self.text():
            return False
        rules = [s.segments[self.index].rule for s in (self.before, self.after, other.after)]
        return len({_shape(r) for r in rules}) == 1 and _changed_nodes(rules[0], rules[1]) == \
            _changed_nodes(rules[1], rules[2])


class HoldoutCommand(_MergingCommand):
    merge_id = _HOLDOUT_ID

    def __init__(self, target: Target, before: SegmentSet, holdout: float) -> None:
        super().__init__(target, before, replace(before, holdout=holdout), tr("Change control group share"))


class SeedCommand(_MergingCommand):
    merge_id = _SEED_ID

    def __init__(self, target: Target, before: SegmentSet, seed: int) -> None:
        super().__init__(target, before, replace(before, seed=seed), tr("Change control group seed"))


def _shape(rule: Rule) -> tuple:
    """The rule without its values: which fields, operators and groups, in which order."""
    if isinstance(rule, Group):
        return ("group", rule.combinator, rule.negated, tuple(_shape(r) for r in rule.rules))
    if isinstance(rule, OrderCondition):
        return ("orders", rule.aggregate, rule.operator, None if rule.where is None else _shape(rule.where))
    return ("condition", rule.field, rule.operator)


def _changed_nodes(old: Rule, new: Rule, path: tuple[int, ...] = ()) -> frozenset[tuple[int, ...]]:
    """Paths of the conditions whose value differs between two rules of the same shape."""
    if isinstance(old, Group) and isinstance(new, Group):
        return frozenset().union(*(_changed_nodes(a, b, (*path, i))
                                   for i, (a, b) in enumerate(zip(old.rules, new.rules, strict=True))))
    return frozenset() if old == new else frozenset({path})


# --- the list's edits -----------------------------------------------------------------------------------------


def add_command(target: Target, segments: SegmentSet, new: list[Segment], text: str,
                index: int | None = None) -> SegmentSetCommand:
    """Add ``new`` (names made unique, colours already in use replaced by free ones) at ``index`` (None: at the
    end); selects the first one added."""
    after = segments
    at = len(segments.segments) if index is None else index
    for offset, segment in enumerate(new):
        if segment.colour in {s.colour for s in after.segments}:
            segment = replace(segment, colour=next_colour(after))
        after = add_segment(after, segment, at + offset)
    return SegmentSetCommand(target, segments, after, text, at, None)


def rename_command(target: Target, segments: SegmentSet, index: int, name: str) -> SegmentSetCommand:
    after = update_segment(segments, index, name=name)
    return SegmentSetCommand(target, segments, after, tr("Rename segment"), index, index)


def duplicate_command(target: Target, segments: SegmentSet, index: int) -> SegmentSetCommand:
    after = duplicate_segment(segments, index, tr("copy"))
    return SegmentSetCommand(target, segments, after, tr("Duplicate segment"), index + 1, index)


def delete_command(target: Target, segments: SegmentSet, index: int) -> SegmentSetCommand:
    after = remove_segment(segments, index)
    selected = min(index, len(after.segments) - 1) if after.segments else None
    return SegmentSetCommand(target, segments, after, tr("Delete segment"), selected, index)


def move_command(target: Target, segments: SegmentSet, index: int, to_index: int) -> SegmentSetCommand:
    after = move_segment(segments, index, to_index)
    return SegmentSetCommand(target, segments, after, tr("Move segment"), to_index, index)


def colour_command(target: Target, segments: SegmentSet, index: int, colour: str) -> SegmentSetCommand:
    after = update_segment(segments, index, colour=colour)
    return SegmentSetCommand(target, segments, after, tr("Change segment colour"), index, index)


def enable_command(target: Target, segments: SegmentSet, index: int, enabled: bool) -> SegmentSetCommand:
    after = update_segment(segments, index, enabled=enabled)
    text = tr("Enable segment") if enabled else tr("Disable segment")
    return SegmentSetCommand(target, segments, after, text, index, index)


__all__ = ["HoldoutCommand", "RuleEditCommand", "SeedCommand", "SegmentSetCommand", "Target", "add_command",
           "colour_command", "delete_command", "duplicate_command", "enable_command", "move_command",
           "rename_command"]
