"""The open project: Open, Save, Save As, recent projects, the unsaved mark, autosave and crash recovery.

What a project holds is read off the pages (:meth:`ProjectSession.snapshot`) and put back on them
(:meth:`ProjectSession._apply`); the core (:mod:`segdesk.core.project`) reads, checks and writes the file and
re-imports the sources, on a worker so the window never freezes.

* Unsaved changes: the snapshot (without the sources' hashes) is compared with the one last saved or opened,
  a moment after anything that could change it; the window title gets its ``*``.
* Autosave: every minute with unsaved changes, the snapshot goes to a recovery file beside the settings; a clean
  close removes it, so finding it at start means segdesk did not close cleanly, and the user is offered it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from segdesk.core.errors import InputError
from segdesk.core.export.log import log_entry
from segdesk.core.export.report import ExportReport
from segdesk.core.project import (
    SUFFIX,
    Project,
    ReopenReport,
    StaleMappingError,
    load_project,
    project_to_json,
    reopen,
    save_project,
    source_ref,
)
from segdesk.ui.i18n import tr
from segdesk.ui.pages import PageStack
from segdesk.ui.project_texts import report_text
from segdesk.ui.settings import Settings
from segdesk.ui.workers import TaskRunner, error_text
from segdesk.ui.workspace import Workspace

Button = QMessageBox.StandardButton
#: How often unsaved work is written to the recovery file.
AUTOSAVE_MS = 60_000
#: Edits closer together than this are compared with the saved project once.
_DIRTY_CHECK_MS = 300


def ask_with_box(parent: QWidget, title: str, text: str, buttons: Button, default: Button) -> Button:
    """A modal question (tests put their own answer in its place)."""
    return QMessageBox.question(parent, title, text, buttons, default)


def tell_with_box(parent: QWidget, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.open()  # not modal for the caller: reading it never blocks what follows


class ProjectSession(QObject):
    """Owns the project's path and saved state for one main window (kept in the workspace across rebuilds)."""

    changed = Signal()  # the path or the unsaved mark changed: the window updates its title
    repair_requested = Signal(object)  # Path of an order log whose columns must be chosen again
    status_changed = Signal(str)  # a message for the status bar ("": clear it)

    def __init__(self, workspace: Workspace, pages: PageStack, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self.workspace, self.pages, self.settings = workspace, pages, settings
        # the questions and notices, replaceable (tests answer them; by default a message box)
        self.ask: Callable[[QWidget, str, str, Button, Button], Button] = lambda *a: ask_with_box(*a)
        self.tell: Callable[[QWidget, str, str], None] = lambda *a: tell_with_box(*a)
        self._runner = TaskRunner(self)
        self._runner.succeeded.connect(self._on_runner_succeeded)
        self._runner.failed.connect(self._on_runner_failed)
        self._check = QTimer(self, singleShot=True, interval=_DIRTY_CHECK_MS)
        self._check.timeout.connect(self.refresh)
        self._autosave = QTimer(self, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.autosave)
        self._autosave.start()
        pages.export_page.exported.connect(self._on_export_page_exported)
        self._opening: Project | None = None  # the project whose sources are being read
        self._opened_path: Path | None = None  # the file it will count as (a recovered project: the original)
        self._recovered = False

    @property
    def window(self) -> QWidget:
        """The main window, for dialogs (not kept as an attribute: window and session would hold each other
        alive after a language switch deletes the window)."""
        return self.parent()  # type: ignore[return-value]

    # --- state (kept in the workspace, so a window rebuilt in another language carries on) ---

    @property
    def path(self) -> Path | None:
        return self.workspace.project_path

    @property
    def dirty(self) -> bool:
        return self.workspace.project_dirty

    @property
    def is_busy(self) -> bool:
        return self._runner.is_running

    def watch(self, *signals: Any) -> None:
        """Compare with the saved project a moment after any of ``signals``."""
        for signal in signals:
            # a bound method, not a lambda: the workspace outlives this window (a language switch), and Qt drops
            # a bound method's connection when its object is destroyed, a lambda's never
            signal.connect(self._on_watched_signal)

    def _on_watched_signal(self, *_: object) -> None:
        self._check.start()

    def title(self) -> str:
        """The window title: the project's name (or the customer file's) with Qt's unsaved placeholder."""
        name = self.path.name if self.path else self.workspace.file_name
        return f"segdesk — {name}[*]" if name else "segdesk[*]"

    # --- the snapshot ---

    def snapshot(self, fingerprinted: bool = True) -> Project:
        """What a project file would hold now. ``fingerprinted=False`` leaves out the sources' size and hash
        (reading a large file takes a moment): the unsaved check and the recovery file need neither."""
        ws, pages = self.workspace, self.pages
        customers, orders = ws.customers, ws.orders
        made_from_orders = customers is not None and orders is not None and customers.path == orders.path
        return Project(
            customers=source_ref(customers, fingerprinted) if customers is not None and not made_from_orders
            else None,
            orders=source_ref(orders, fingerprinted) if orders is not None else None,
            order_mapping=ws.mapping if orders is not None else None,
            link_by=ws.link.choice if orders is not None and ws.link is not None else None,
            as_of=pages.segments_page.pinned_as_of, rfm=replace(pages.rfm_page.settings, as_of=None),
            segments=ws.segments, export=pages.export_page.settings(), exports=ws.exports)

    def _light(self) -> str:
        """What is compared for unsaved changes: the snapshot without the sources' hashes."""
        data = project_to_json(self.snapshot(fingerprinted=False), self.path or Path.cwd() / "x.segdesk")
        return json.dumps(data, sort_keys=True)

    def refresh(self) -> None:
        """Mark the project unsaved when the snapshot differs from the saved one."""
        saved = self.workspace.project_saved
        # an untitled session with no segments holds nothing worth a prompt: the files themselves are on disk
        has_anything = self.path is not None or bool(self.workspace.segments.segments)
        dirty = has_anything and (saved is None or self._light() != saved)
        if dirty != self.dirty:
            self.workspace.project_dirty = dirty
        self.changed.emit()

    def _mark_saved(self, path: Path | None) -> None:
        ws = self.workspace
        ws.project_path = path
        ws.project_saved = self._light()
        ws.project_dirty = False
        self.changed.emit()

    # --- save ---

    def save(self) -> bool:
        """Save to the project's file (asking for one the first time); False when not saved."""
        return self.save_as() if self.path is None else self._save_to(self.path)

    def save_as(self) -> bool:
        start = str(self.path or Path(self.settings.last_directory or Path.home()) / tr("Project.segdesk"))
        chosen, _ = QFileDialog.getSaveFileName(self.window, tr("Save the project"), start,
                                                tr("segdesk projects (*{suffix})", suffix=SUFFIX))
        if not chosen:
            return False
        path = Path(chosen)
        return self._save_to(path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX))

    def _save_to(self, path: Path) -> bool:
        project = self.snapshot()
        try:
            save_project(path, project)
        except (InputError, OSError) as e:
            self.tell(self.window, tr("The project was not saved"), error_text(e))
            return False
        self.settings.add_recent_project(path)
        self._mark_saved(path)
        self.discard_recovery()
        return True

    def maybe_save(self) -> bool:
        """Before closing or opening another project: offer to save unsaved changes. False: stay."""
        self.refresh()
        if not self.dirty:
            return True
        answer = self.ask(self.window, tr("Unsaved changes"),
                          tr("Save the changes to the project before closing it?"),
                          Button.Save | Button.Discard | Button.Cancel, Button.Save)
        if answer == Button.Save:
            return self.save()
        return answer == Button.Discard

    # --- open ---

    def choose_and_open(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self.window, tr("Open a project"), self.settings.last_directory,
                                                tr("segdesk projects (*{suffix})", suffix=SUFFIX))
        if chosen:
            self.open(Path(chosen))

    def open(self, path: Path, recovered_from: Path | None = None) -> bool:
        """Read and check ``path``, then re-import its sources on a worker. False when the file is refused
        (nothing changes then: a damaged project is never half-loaded)."""
        if not self.maybe_save():
            return False
        try:
            project = load_project(path)
        except InputError as e:
            self.tell(self.window, tr("The project could not be opened"), error_text(e))
            return False
        self._opening = project
        self._opened_path = recovered_from if recovered_from is not None else path
        self._recovered = recovered_from is not None or path == self.recovery_path
        if project.customers is None and project.orders is None:
            self._on_runner_succeeded((None, ReopenReport()))
        else:
            self.status_changed.emit(tr("Opening the project: reading its files…"))
            self._runner.start(reopen, project)
        return True

    def _on_runner_succeeded(self, outcome: tuple[Any, ReopenReport]) -> None:
        dataset, report = outcome
        project = self._opening
        assert project is not None
        self._opening = None
        if dataset is not None:
            self.workspace.apply(dataset)
        self._apply(project)
        recovered = self._recovered
        self._mark_saved(None if recovered and self._opened_path == self.recovery_path else self._opened_path)
        if recovered:
            self.workspace.project_dirty = True
            self.changed.emit()
        elif self.path is not None:
            self.settings.add_recent_project(self.path)
        self.status_changed.emit("")
        if report.changed:
            self.tell(self.window, tr("The project's files changed"), report_text(report))

    def _on_export_page_exported(self, report: ExportReport) -> None:
        """The project keeps what every export wrote (as the folder's log does), so it travels with the project."""
        self.workspace.exports = (*self.workspace.exports, log_entry(report))
        self._check.start()

    def _apply(self, project: Project) -> None:
        pages = self.pages
        self.workspace.exports = project.exports
        self.workspace.segments = project.segments
        pages.segments_page.load_segments(project.segments)
        pages.segments_page.set_as_of(project.as_of)
        pages.rfm_page.set_settings(project.rfm)
        pages.export_page.set_settings(project.export)

    def _on_runner_failed(self, error: BaseException) -> None:
        project, self._opening = self._opening, None
        if isinstance(error, StaleMappingError) and project is not None:
            # the customers are fine: keep them and the rest of the project, and ask for the order log's columns
            if error.customers is not None:
                self.workspace.set_customers(error.customers)
            self._apply(project)
            self._mark_saved(self._opened_path)
            self.tell(self.window, tr("The order log changed"),
                      tr("{problem}\n\nChoose the order log's columns again; the rest of the project is open.",
                         problem=error_text(error)))
            self.repair_requested.emit(error.orders.path)
            return
        self.status_changed.emit("")
        self.tell(self.window, tr("The project could not be opened"), error_text(error))

    # --- autosave and recovery ---

    @property
    def recovery_path(self) -> Path:
        return self.settings.recovery_path

    def autosave(self) -> None:
        """Write unsaved work to the recovery file (quietly: a failure here must not interrupt the user)."""
        self.refresh()
        if not self.dirty or self.is_busy:
            return
        try:
            self.recovery_path.parent.mkdir(parents=True, exist_ok=True)
            save_project(self.recovery_path, self.snapshot(fingerprinted=False))
            self.settings.recovery_of = str(self.path or "")
        except (InputError, OSError):
            pass

    def discard_recovery(self) -> None:
        self.recovery_path.unlink(missing_ok=True)
        self.settings.recovery_of = ""

    def offer_recovery(self) -> bool:
        """At start: if the last session left a recovery file, offer to restore it. True when restoring."""
        if not self.recovery_path.exists():
            return False
        answer = self.ask(self.window, tr("Restore unsaved work?"),
                          tr("segdesk did not close properly last time. Restore the work that was not saved?"),
                          Button.Yes | Button.No, Button.Yes)
        if answer != Button.Yes:
            self.discard_recovery()
            return False
        original = self.settings.recovery_of
        return self.open(self.recovery_path, recovered_from=Path(original) if original else self.recovery_path)

    def shutdown(self) -> None:
        """A clean close: no recovery is needed any more."""
        self._autosave.stop()
        self._check.stop()
        self._runner.cancel()
        self.discard_recovery()
