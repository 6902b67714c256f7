"""Run plain functions off the GUI thread: one runner per view, one task at a time, cooperative cancel.

Slow work in segdesk is a plain function that takes a ``progress(fraction, message)`` callback and knows
nothing about threads (``read_table(path, options, progress)``). A :class:`TaskRunner` moves such a call to a
``QThreadPool`` thread; progress and the outcome come back as queued signals, so the GUI thread never
blocks and never calls ``processEvents()``. Starting a task cancels the runner's previous one: its progress
callback raises :class:`Cancelled` at the next call, and whatever it still returns is dropped.

Modelled on superqt's ``_qthreading`` (signals on a separate QObject) and Orange's ``concurrent`` utilities
(one task per view, cancel before restart).
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from segdesk.core.errors import Cancelled, InputError
from segdesk.ui.i18n import tr

_log = logging.getLogger(__name__)

#: Progress signals closer together than this are dropped (except the last): a reader that reports every
#: thousand rows would otherwise flood the GUI thread's event queue.
_PROGRESS_INTERVAL = 0.05


@dataclass(frozen=True)
class Outcome:
    result: Any = None
    error: BaseException | None = None
    cancelled: bool = False


class _JobSignals(QObject):
    """Lives in the GUI thread; emitting from the pool thread therefore queues the call to the receivers."""

    progressed = Signal(float, str)
    finished = Signal(object)  # an Outcome


class _Job:
    """One call of ``fn`` on a pool thread."""

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        self.signals = _JobSignals()
        self.signals.job = self  # type: ignore[attr-defined] - lets the runner tell its jobs apart
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._cancel = threading.Event()
        self._last_progress = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:  # runs on a pool thread
        try:
            if self._cancel.is_set():
                raise Cancelled()
            result = self._fn(*self._args, progress=self._progress, **self._kwargs)
            outcome = Outcome(cancelled=True) if self._cancel.is_set() else Outcome(result=result)
        except Cancelled:
            outcome = Outcome(cancelled=True)
        except Exception as error:  # handed to the GUI thread, which decides what the user reads
            outcome = Outcome(error=error)
        try:
            self.signals.finished.emit(outcome)
        except RuntimeError:  # the app quit while this ran: its objects, and whoever waited, are gone
            pass

    def _progress(self, fraction: float, message: str) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if fraction < 1.0 and now - self._last_progress < _PROGRESS_INTERVAL:
            return
        self._last_progress = now
        self.signals.progressed.emit(float(fraction), message)


class TaskRunner(QObject):
    """Runs one task at a time for its view and reports only the current task's progress and outcome."""

    started = Signal()
    progressed = Signal(float, str)
    succeeded = Signal(object)  # the function's return value
    failed = Signal(object)  # the exception it raised
    cancelled = Signal()  # the task was cancelled: it will report nothing more (its thread may still wind down)
    finished = Signal()  # after any of succeeded / failed / cancelled

    _all: weakref.WeakSet[TaskRunner] = weakref.WeakSet()

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._current: _Job | None = None
        # a job (and the QObject it emits from) stays referenced until its outcome has been delivered here,
        # so a queued signal never arrives from an object Python already collected
        self._jobs: set[_Job] = set()
        TaskRunner._all.add(self)

    @property
    def is_running(self) -> bool:
        return self._current is not None

    def start(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run ``fn(*args, progress=..., **kwargs)`` on a pool thread, cancelling the task before it."""
        self.cancel()
        job = _Job(fn, args, kwargs)
        job.signals.progressed.connect(self._on_job_progressed)
        job.signals.finished.connect(self._on_job_finished)
        self._current = job
        self._jobs.add(job)
        self.started.emit()
        self._pool.start(job.run)

    def cancel(self) -> None:
        """Ask the current task to stop and ignore whatever it still reports; emits ``cancelled`` at once."""
        job, self._current = self._current, None
        if job is not None:
            job.cancel()
            self.cancelled.emit()
            self.finished.emit()

    @classmethod
    def cancel_all(cls) -> None:
        """Cancel every runner's task (on quit, before waiting for the pool)."""
        for runner in list(cls._all):
            runner.cancel()

    @Slot(float, str)
    def _on_job_progressed(self, fraction: float, message: str) -> None:
        if self._is_current(self.sender()):
            self.progressed.emit(fraction, message)

    @Slot(object)
    def _on_job_finished(self, outcome: Outcome) -> None:
        sender = self.sender()
        job = getattr(sender, "job", None)
        self._jobs.discard(job)
        if not self._is_current(sender):
            return
        self._current = None
        if outcome.cancelled:
            self.cancelled.emit()
        elif outcome.error is not None:
            if not _is_user_error(outcome.error):
                _log.error("task failed", exc_info=outcome.error)
            self.failed.emit(outcome.error)
        else:
            self.succeeded.emit(outcome.result)
        self.finished.emit()

    def _is_current(self, sender: QObject | None) -> bool:
        return self._current is not None and getattr(sender, "job", None) is self._current


def _is_user_error(error: BaseException) -> bool:
    return isinstance(error, InputError)


def error_text(error: BaseException) -> str:
    """One readable line for a failed task, never a traceback."""
    if isinstance(error, InputError):
        from segdesk.ui.error_messages import input_error_text

        return input_error_text(error)
    if isinstance(error, MemoryError):
        return tr("Not enough memory for this file.")
    if isinstance(error, OSError):
        return tr("The file could not be read: {reason}", reason=error.strerror or str(error))
    return tr("Unexpected error ({kind}): {reason}", kind=type(error).__name__,
              reason=(str(error).splitlines() or [""])[0])
