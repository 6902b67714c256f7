"""Errors a user is meant to read, and cooperative cancellation."""

from __future__ import annotations

from collections.abc import Callable


class InputError(Exception):
    """A problem with the user's input, described in one human line (no traceback reaches the user)."""


class Cancelled(Exception):  # noqa: N818 - a signal, not a failure
    """Raised by a progress callback to stop long work cooperatively."""


#: ``progress(fraction, message)``: fraction in 0..1; the callback may raise :class:`Cancelled`.
ProgressCallback = Callable[[float, str], None]


def no_progress(fraction: float, message: str) -> None:
    """The default progress callback: ignores everything."""
