"""TaskRunner: plain functions on the pool, queued results, one task per runner, cooperative cancel."""

from __future__ import annotations

import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import QThread, QThreadPool

import segdesk.ui
from segdesk.core.errors import Cancelled, InputError
from segdesk.ui.workers import TaskRunner, _Job, error_text


def _thread_name(progress) -> str:
    progress(1.0, "done")
    return QThread.currentThread().objectName() or str(threading.get_ident())


def test_a_function_runs_off_the_gui_thread_and_reports_back(qtbot) -> None:
    runner = TaskRunner()
    progressed = []
    runner.progressed.connect(lambda f, m: progressed.append((f, m)))
    with qtbot.waitSignal(runner.succeeded, timeout=5_000) as blocker:
        runner.start(lambda progress: (progress(1.0, "done"), threading.get_ident())[1])
    assert blocker.args[0] != threading.get_ident()
    assert progressed == [(1.0, "done")]
    assert not runner.is_running


def test_errors_come_back_as_a_failed_signal_with_one_line(qtbot) -> None:
    runner = TaskRunner()

    def broken(progress):
        raise InputError("the file is empty")

    with qtbot.waitSignal(runner.failed, timeout=5_000) as blocker:
        runner.start(broken)
    assert error_text(blocker.args[0]) == "Error: the file is empty"
    assert error_text(ValueError("bad\nsecond line")) == "Unexpected error (ValueError): bad"


def test_starting_again_cancels_the_previous_task(qtbot) -> None:
    runner = TaskRunner()
    release, started, stopped = threading.Event(), threading.Event(), threading.Event()
    results = []
    runner.succeeded.connect(results.append)

    def slow(progress):
        started.set()
        try:
            while not release.wait(0.01):
                progress(0.1, "waiting")
        except Cancelled:
            stopped.set()
            raise
        return "slow"

    runner.start(slow)
    qtbot.waitUntil(started.is_set)
    with qtbot.waitSignal(runner.succeeded, timeout=5_000):
        runner.start(lambda progress: "fast")
    qtbot.waitUntil(stopped.is_set)
    assert results == ["fast"]


def test_cancel_reports_at_once_and_drops_late_results(qtbot) -> None:
    runner = TaskRunner()
    started, finish = threading.Event(), threading.Event()
    results = []
    runner.succeeded.connect(results.append)

    def uncooperative(progress):
        started.set()
        finish.wait(5)
        return "late"

    runner.start(uncooperative)
    qtbot.waitUntil(started.is_set)
    with qtbot.waitSignal(runner.cancelled, timeout=1_000):
        runner.cancel()
    assert not runner.is_running
    finish.set()
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    qtbot.wait(50)  # queued signals from the finished job are delivered now; a late result must be ignored
    assert results == []


def test_the_ui_never_calls_process_events() -> None:
    ui = Path(segdesk.ui.__file__).parent
    offenders = [p.name for p in ui.rglob("*.py") if ".processEvents(" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_garbage_is_collected_on_the_gui_thread_only(qtbot) -> None:
    import gc
    import weakref

    from segdesk.ui.gc_guard import GuiThreadCollector

    collector = GuiThreadCollector()
    assert not gc.isenabled()  # no collection can start on a pool thread

    class Node:
        pass

    nodes = [Node() for _ in range(2_000)]
    for a, b in zip(nodes, nodes[1:] + nodes[:1], strict=True):
        a.other = b  # one big cycle: only the cyclic collector can free it
    alive = weakref.ref(nodes[0])
    del nodes, a, b
    assert alive() is not None
    qtbot.waitUntil(lambda: alive() is None, timeout=3_000)  # the collector's timer, on this thread
    collector.deleteLater()


def test_a_job_that_ends_after_the_app_let_go_of_it_ends_quietly(qtbot) -> None:
    """Quitting while an import still runs: the finished signal has no sender left, and no traceback."""
    job = _Job(lambda progress: 42, (), {})
    shiboken6.delete(job.signals)
    job.run()  # used to raise "Signal source has been deleted" on the pool thread
