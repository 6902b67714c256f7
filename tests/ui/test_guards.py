"""The suite's guards really fail tests: a Qt warning, and work left running on the QThreadPool."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT_CONFTEST = Path(__file__).parent.parent / "conftest.py"

GUARDED = '''
import threading

from PySide6.QtCore import QThreadPool, qWarning


def test_leaves_work_running(qtbot):
    QThreadPool.globalInstance().start(lambda: threading.Event().wait(3))


def test_warns(qtbot):
    qWarning("something is wrong")


def test_clean(qtbot):
    done = threading.Event()
    QThreadPool.globalInstance().start(done.set)
    qtbot.waitUntil(done.is_set)
'''


def test_guards_fail_warnings_and_leaked_threads(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(ROOT_CONFTEST.read_text(encoding="utf-8"))
    pytester.makeini("[pytest]\nqt_api = pyside6\nfilterwarnings = error\n")
    ui = pytester.mkdir("ui")
    (ui / "test_guarded.py").write_text(GUARDED, encoding="utf-8")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1, errors=1)
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_leaves_work_running*",
                                 "*left work running on the QThreadPool*",
                                 "*test_warns*", "*Qt messages with level WARNING*"])
