"""The Qt binding itself: a release that corrupts reference counts would abort the app mid-session."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(object)


def test_emitting_signals_keeps_the_reference_count_of_true() -> None:
    # PySide6 6.12.0 drops one reference to True per emit; on Python < 3.12 (True is not immortal) the count
    # reaches zero after a few thousand emits and Python aborts with "bool_dealloc". pyproject excludes it.
    emitter = _Emitter()
    seen = []
    emitter.changed.connect(seen.append)
    before = sys.getrefcount(True)
    for i in range(200):
        emitter.changed.emit(i)
    assert len(seen) == 200
    assert sys.getrefcount(True) >= before - 5
