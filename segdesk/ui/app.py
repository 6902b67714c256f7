"""Start the GUI: the QApplication, settings, language, the main window, files or the demo to open."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool
from PySide6.QtWidgets import QApplication

import segdesk
from segdesk.core.errors import InputError
from segdesk.ui.gc_guard import GuiThreadCollector
from segdesk.ui.i18n import install_qt_translations, set_language
from segdesk.ui.main_window import MainWindow
from segdesk.ui.settings import APPLICATION, ORGANIZATION, Settings
from segdesk.ui.workers import TaskRunner
from segdesk.ui.workspace import Workspace

#: On quit, how long to wait for cancelled background work to notice and stop.
_QUIT_WAIT_MS = 5_000


def resources_dir() -> Path:
    """The ``resources/`` folder next to the package (demo data, icons)."""
    return Path(segdesk.__file__).parent.parent / "resources"


class SegdeskApp(QObject):
    """Owns what outlives a main window: settings and the open data. A language switch rebuilds the window
    in the new language around the same data, so nothing has to be re-imported."""

    def __init__(self, app: QApplication, settings: Settings | None = None) -> None:
        super().__init__()
        self._app = app
        self.settings = settings or Settings()
        self.workspace = Workspace(self)
        self.collector = GuiThreadCollector(self)
        set_language(self.settings.language)
        install_qt_translations(app)
        self.window = self._new_window()

    def _new_window(self) -> MainWindow:
        window = MainWindow(self.workspace, self.settings)
        window.language_chosen.connect(self._on_window_language_chosen)
        window.show()
        return window

    def _on_window_language_chosen(self, code: str) -> None:
        old = self.window
        old.save_window()
        old.rebuilding = True  # the same work carries on in the new window: no unsaved prompt, keep recovery
        set_language(code)
        install_qt_translations(self._app)
        self.window = self._new_window()
        _carry_over(old, self.window)
        old.close()
        old.deleteLater()


def _carry_over(old: MainWindow, new: MainWindow) -> None:
    """What the pages hold beyond the workspace (RFM and export settings) goes on in the rebuilt window."""
    new.export_page.set_settings(old.export_page.settings())
    try:
        new.rfm_page.set_settings(old.rfm_page.settings_bar.read())
    except InputError:
        pass  # settings being edited that do not hold together yet: the new window starts from the defaults


def run_gui(paths: list[str] | None = None, demo: bool = False) -> int:
    """Run the desktop application until its window closes; returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    controller = SegdeskApp(app)
    if controller.window.project.offer_recovery():
        pass  # restoring the unsaved work takes the place of files named on the command line
    elif paths and len(paths) == 1 and Path(paths[0]).suffix.lower() == ".segdesk":
        controller.window.project.open(Path(paths[0]))
    elif demo:
        controller.window.open_demo(resources_dir())
    elif paths:
        controller.window.open_files(list(paths))
    status = app.exec()
    TaskRunner.cancel_all()
    QThreadPool.globalInstance().waitForDone(_QUIT_WAIT_MS)
    return status


if __name__ == "__main__":
    raise SystemExit(run_gui(sys.argv[1:], demo="--demo" in sys.argv))
