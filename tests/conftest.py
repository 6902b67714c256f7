"""Test set-up for the whole suite.

``tests/core`` must run with PySide6 uninstalled, so nothing here imports Qt at module level: the Qt fixtures
import it lazily and act only on tests under ``tests/ui``.

For UI tests:
- Qt runs offscreen (set before any Qt import);
- settings go to a temporary folder, never the user's real settings;
- the interface starts in English with US formats, whatever the machine's locale;
- a Qt warning fails the test (pytest-qt's ``qt_log_level_fail``), except known noise of the offscreen
  platform;
- a test that leaves work running on the QThreadPool fails (napari's ``dangling_qthread_pool`` idea);
- Python's cyclic garbage collector only runs on the GUI thread (see ``segdesk.ui.gc_guard``).
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

pytest_plugins = ["pytester"]  # tests/ui/test_guards.py checks that these guards really fail tests

#: Messages of the offscreen platform plugin that say nothing about our code.
QT_NOISE = (
    r"This plugin does not support propagateSizeHints\(\)",
    r"This plugin does not support raise\(\)",
    r"QFont::setPointSizeF",
)
#: How long a finished test may still have pool threads winding down (a cancelled read reaching its next
#: progress call) before it counts as leaking work.
THREAD_GRACE_MS = 1_000


def _is_ui_test(item: pytest.Item) -> bool:
    return "ui" in Path(str(item.path)).parts


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _is_ui_test(item):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*QT_NOISE))


@pytest.fixture(autouse=True)
def _ui_environment(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    if not _is_ui_test(request.node):
        yield
        return
    from PySide6.QtCore import QSettings

    from segdesk.ui.i18n import set_language

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("settings")))
    set_language("en")
    # As in the app (segdesk.ui.gc_guard): no automatic collection, which could start on a pool thread and
    # crash in PySide's wrappers; collect here, on the GUI thread, between tests.
    gc.disable()
    yield
    set_language("en")
    gc.collect()


@pytest.fixture(autouse=True)
def _no_leaked_threads(request: pytest.FixtureRequest):
    """Fail a UI test that leaves QThreadPool work running after its widgets are closed."""
    yield
    if not _is_ui_test(request.node):
        return
    from PySide6.QtCore import QThreadPool

    from segdesk.ui.workers import TaskRunner

    pool = QThreadPool.globalInstance()
    if pool.activeThreadCount() and not pool.waitForDone(THREAD_GRACE_MS):
        TaskRunner.cancel_all()
        pool.waitForDone(THREAD_GRACE_MS)
        pytest.fail("the test left work running on the QThreadPool: wait for it or cancel it", pytrace=False)


@pytest.fixture
def settings(qapp):
    """Settings in the test's temporary settings folder."""
    from segdesk.ui.settings import Settings

    return Settings()
