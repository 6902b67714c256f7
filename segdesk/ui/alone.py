"""Every view runs alone (``python -m segdesk.ui.rule_editor``): the part of that each view's ``main`` shares."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QApplication, QWidget

from segdesk.ui.i18n import set_language

W = TypeVar("W", bound=QWidget)


def run_alone(build: Callable[[list[str]], W], argv: list[str] | None, *, size: tuple[int, int] | None = None,
              title: Callable[[], str] | None = None, languages: bool = True,
              shutdown: Callable[[W], object] | None = None) -> int:
    """Show ``build(argv)`` in an application of its own until it is closed; the exit status.

    ``languages``: ``--ru`` on the command line opens it in Russian, English otherwise (set before the widget
    is built, so its texts and ``title()`` are in that language). ``shutdown`` stops the widget's background
    work once the window is closed.
    """
    argv = sys.argv if argv is None else argv
    app = QApplication.instance() or QApplication(argv)
    if languages:
        set_language("ru" if "--ru" in argv else "en")
    widget = build(argv)
    if size is not None:
        widget.resize(*size)
    if title is not None:
        widget.setWindowTitle(title())
    widget.show()
    code = app.exec()
    if shutdown is not None:
        shutdown(widget)
    return code
