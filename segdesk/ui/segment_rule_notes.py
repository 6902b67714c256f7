"""What the rule editor and the status line say of a segment's rule: its count, and its problems in the
interface language.

The rule editor shows a problem on the condition's own row, so :func:`problem_text` does not say where it is
(:mod:`segdesk.ui.error_messages` words rule errors that way); the page's status line says which segment and
condition (:func:`where_problem_text`).
"""

from __future__ import annotations

from segdesk.core.errors import InputError
from segdesk.core.rules.model import Path, RuleError
from segdesk.core.segments.session import SegmentsReport
from segdesk.ui.i18n import tr
from segdesk.ui.rule_editor import RuleEditor
from segdesk.ui.workers import error_text


def problem_text(error: InputError) -> str:
    """What is wrong with one condition, without saying which."""
    return error_text(error)


def where_text(path: Path) -> str:
    """``(0, 2)`` → "condition 1.3"; ``()`` → "the rule"."""
    if not path:
        return tr("the rule")
    return tr("condition {number}", number=".".join(str(i + 1) for i in path))


def where_problem_text(segment: str, error: RuleError) -> str:
    """"Segment “VIP”, condition 1.2: there is no field …": one line for the status line."""
    return tr("Segment “{name}”, {where}: {problem}", name=segment, where=where_text(error.path),
              problem=problem_text(error))


def segment_problems(report: SegmentsReport) -> dict[int, str]:
    """Per segment whose rule does not fit the data: its first problem, saying where."""
    names = report.segments.names()
    return {i: where_problem_text(names[i], next(iter(found.values())))
            for i, found in enumerate(report.problems) if found}


def show_rule_count(editor: RuleEditor, report: SegmentsReport | None, row: int) -> None:
    """What the rule editor shows of segment ``row``: its rule's own count (before priority), share and revenue,
    the customers each condition skips, and the problems by condition; "counting" while ``report`` is None."""
    if report is None:
        editor.set_count(None, None, None)
        return
    stats, total, found = report.result.stats[row], report.result.total, report.problems[row]
    editor.set_problems({path: problem_text(error) for path, error in found.items()})
    editor.set_skipped(report.skipped[row])
    if found or not report.segments.segments[row].enabled:
        editor.set_count(None if found else stats.matched, None, None)
        return
    editor.set_count(stats.matched, stats.matched / total if total else 0.0, float(report.matched_revenue[row]))
