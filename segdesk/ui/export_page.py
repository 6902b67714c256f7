"""The Export page: which segments, which preset and columns, who is left out, where the files go; a preview of
what will be written; the export itself with progress and Cancel. Run alone on the demo data:
``python -m segdesk.ui.export_page [--ru]``.

* The page's :class:`ExportSettings` is the one source of truth: every edit replaces it (``_change``), the
  widgets show it, projects read and restore it (:meth:`ExportPage.settings`, :meth:`ExportPage.set_settings`).
* One runner per kind of task: the suppression list's reader (:mod:`export_suppression`), the preview's planner
  (debounced, the old plan cancelled first) and the export (:mod:`export_bar`), which plans again itself so it
  never writes a stale preview.
* A suppression list that cannot be read blocks the export: leaving it out silently would mail people who
  asked never to be mailed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QInputDialog,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from segdesk.core.export.model import ColumnSpec, ExportError, ExportSettings
from segdesk.core.export.plan import ExportPlan
from segdesk.core.export.presets import builtin_presets
from segdesk.core.export.report import ExportReport
from segdesk.core.io.table import ImportedTable
from segdesk.core.segments.session import SegmentsReport
from segdesk.ui.alone import run_alone
from segdesk.ui.export_bar import ExportBar
from segdesk.ui.export_choices import ExportChoices
from segdesk.ui.export_columns import ColumnEditor, column_rows
from segdesk.ui.export_edits import chosen_preset, preset_changed, preset_columns, remembered, restored, with_own_preset
from segdesk.ui.export_preview import ExportPreview
from segdesk.ui.export_suppression import SuppressionLoader
from segdesk.ui.export_tasks import ExportInput, plan
from segdesk.ui.i18n import tr
from segdesk.ui.settings import Settings
from segdesk.ui.workers import TaskRunner, error_text

#: Edits closer together than this are planned once (ticking several segments in a row).
PLAN_DELAY_MS = 200


class ExportPage(QWidget):
    settings_changed = Signal()  # the user changed the export settings (a project has unsaved changes)
    exported = Signal(object)  # the ExportReport of a finished export

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = settings  # remembers the suppression list, custom presets and the last folder
        self.choices = ExportChoices()
        self.columns = ColumnEditor()
        self.preview = ExportPreview()
        self.bar = ExportBar()
        self.empty_label = QLabel()
        self._stack = QStackedWidget()
        self._suppression = SuppressionLoader(self)
        self._planner = TaskRunner(self)
        self._debounce = QTimer(self, singleShot=True, interval=PLAN_DELAY_MS)
        self._data: ExportInput | None = None
        self._stale = False  # the segments are being counted again: the report held is out of date
        self._plan: ExportPlan | None = None
        self._settings = remembered(settings)
        self._build()
        self._connect()
        self._suppression.load(self._settings.suppression)
        self.set_data(None, None, None)

    def _build(self) -> None:
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        left = QScrollArea()
        left.setWidgetResizable(True)
        left.setWidget(self.choices)
        left.setMinimumWidth(260)  # narrower windows scroll the choices sideways
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(_group(tr("Columns"), self.columns))
        right.addWidget(_group(tr("Preview"), self.preview))
        right.setChildrenCollapsible(False)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(right)
        body.setSizes([370, 890])
        body.setStretchFactor(1, 1)
        body.setChildrenCollapsible(False)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(body, 1)
        column.addWidget(self.bar)
        self._stack.addWidget(self.empty_label)
        self._stack.addWidget(page)
        QVBoxLayout(self).addWidget(self._stack)

    def _connect(self) -> None:
        self.choices.edited.connect(self._on_choices_edited)
        self.choices.suppression_chosen.connect(self._on_choices_suppression_chosen)
        self.choices.folder_chosen.connect(lambda folder: self._change(replace(self._settings, folder=folder or None)))
        self.columns.edited.connect(self._on_columns_edited)
        self.columns.reset_button.clicked.connect(lambda: self._change(replace(self._settings, columns=None), True))
        self.columns.save_button.clicked.connect(self._on_save_button_clicked)
        self.bar.export_button.clicked.connect(self.start_export)
        self.bar.running_changed.connect(self._on_bar_running_changed)
        self.bar.exported.connect(self._on_bar_exported)
        self._suppression.changed.connect(self._on_suppression_changed)
        self._debounce.timeout.connect(self._start_plan)
        self._planner.succeeded.connect(self._on_planner_succeeded)
        self._planner.failed.connect(lambda error: self.preview.clear(error_text(error), error=True))

    # --- public ---

    def settings(self) -> ExportSettings:
        return self._settings

    def set_settings(self, settings: ExportSettings) -> None:
        """Restore ``settings`` (a project opened); presets remembered here stay offered beside its own."""
        old = self._settings.suppression
        self._settings = restored(settings, self._settings)
        self._show_settings(columns=True)
        self.choices.segments.show_segments(self._data.report if self._data else None, settings.segments)
        if settings.suppression != old:
            self._suppression.load(settings.suppression)
        self._schedule_plan()

    def set_data(self, customers: ImportedTable | None, report: SegmentsReport | None, as_of: dt.date | None,
                 sources: tuple[Path, ...] = ()) -> None:
        """Export ``report``'s segments of ``customers`` at ``as_of`` (None: nothing to export); ``sources``:
        the user's input files, never written over (default: the customer list)."""
        self._stale = False
        if customers is None or report is None or as_of is None:
            self._data = None
            self.bar.runner.cancel()
        else:
            self._data = ExportInput(customers, report, as_of, tuple(sources) or (customers.path,))
        self.choices.segments.show_segments(report if self._data else None, self._settings.segments)
        self._show_settings(columns=True)
        self._show_empty()
        self._schedule_plan()

    def set_stale(self) -> None:
        """The segments changed and are being counted again: hold the export until :meth:`set_data`."""
        self._stale = True
        self._schedule_plan()

    @property
    def plan(self) -> ExportPlan | None:
        """The plan the preview shows; None while it is being made or when it cannot be made."""
        return self._plan

    @property
    def is_busy(self) -> bool:
        return (self._planner.is_running or self._debounce.isActive() or self._suppression.is_reading
                or self.bar.is_running)

    def start_export(self) -> None:
        """Write the lists into the chosen folder (asking for one when none is chosen)."""
        if self._data is None or self._plan is None or self.bar.is_running:
            return
        folder = self._settings.folder or self.choices.ask_folder()
        if not folder:
            return
        path = Path(folder).expanduser()
        if not path.is_absolute():
            self.bar.show_result(tr("“{folder}” is not a full folder path: choose the folder.", folder=folder), True)
            return
        self.bar.run(str(path), self._data, self._settings, self._suppression.suppression)

    def save_preset(self, name: str) -> bool:
        """Keep the ticked columns as the preset ``name`` (replacing one of that name) and choose it."""
        try:
            settings = with_own_preset(self._settings, name, self.columns.columns())
        except ExportError as error:
            self.preview.say(error_text(error), error=True)
            return False
        if self._store is not None:
            self._store.export_presets = settings.custom_presets
        self._change(settings, columns=True)
        return True

    def shutdown(self) -> None:
        self._debounce.stop()
        for runner in (self._suppression.runner, self._planner, self.bar.runner):
            runner.cancel()

    # --- showing ---

    def _show_settings(self, columns: bool) -> None:
        customers = self._data.customers if self._data else None
        presets = builtin_presets() + self._settings.custom_presets
        self.choices.show_settings(self._settings, presets, chosen_preset(self._settings), customers)
        self.choices.show_suppression_path(self._settings.suppression)
        self.choices.show_suppression(*self._suppression.status())
        if columns:
            self.columns.set_rows(column_rows(self._preset_columns(), self._settings.columns), customers)

    def _preset_columns(self) -> tuple[ColumnSpec, ...]:
        return preset_columns(self._data.customers if self._data else None, self._settings)

    def _show_empty(self) -> None:
        data = self._data
        if data is None:
            self.empty_label.setText(tr("Open a customer list (File → Open…) and build segments: their mailing "
                                        "lists are exported here."))
        elif not data.report.segments.segments:
            self.empty_label.setText(tr("There are no segments yet: add them on the Segments page."))
        self._stack.setCurrentIndex(1 if data is not None and data.report.segments.segments else 0)

    # --- edits ---

    def _change(self, settings: ExportSettings, columns: bool = False) -> None:
        """Make ``settings`` the page's (an edit of the user's); ``columns``: show the columns again."""
        if settings == self._settings:
            return
        # the folder changes no one's list: planning again would disable Export under the user's click
        replan = replace(settings, folder=None) != replace(self._settings, folder=None)
        self._settings = settings
        self._show_settings(columns)
        self.settings_changed.emit()
        if replan:
            self._schedule_plan()

    def _on_choices_edited(self) -> None:
        settings = self.choices.read(self._settings)
        changed = settings.preset != self._settings.preset
        self._change(preset_changed(settings) if changed else settings, columns=changed)

    def _on_columns_edited(self) -> None:
        chosen = self.columns.columns()
        self._change(replace(self._settings, columns=None if chosen == self._preset_columns() else chosen))

    def _on_save_button_clicked(self) -> None:
        name, ok = QInputDialog.getText(self, tr("Save as preset"), tr("Name of the preset:"))
        if ok and name.strip():
            self.save_preset(name)

    def _on_choices_suppression_chosen(self, path: str | None) -> None:
        if self._store is not None:
            self._store.suppression_list = path or ""
        self._change(replace(self._settings, suppression=path))
        self._suppression.load(path)

    def _on_bar_running_changed(self, running: bool) -> None:
        for widget in (self.choices, self.columns):
            widget.setEnabled(not running)
        self.bar.export_button.setEnabled(not running and self._plan is not None)

    def _on_bar_exported(self, report: ExportReport) -> None:
        if self._store is not None:
            self._store.export_folder = str(report.folder)
        self.exported.emit(report)

    # --- the preview ---

    def _on_suppression_changed(self) -> None:
        self.choices.show_suppression(*self._suppression.status())
        self._schedule_plan()

    def _schedule_plan(self) -> None:
        self._plan = None
        self._planner.cancel()
        self.bar.export_button.setEnabled(False)
        if self._data is not None:
            self._debounce.start()

    def _start_plan(self) -> None:
        if self._data is None or self._suppression.is_reading:
            return  # the reader's outcome plans again
        if self._stale:
            self.preview.clear(tr("The segments are being counted…"))
        elif self._suppression.error:
            self.preview.clear(tr("The suppression list cannot be used: choose it again or clear it."), error=True)
        else:
            self.preview.say(tr("Counting…"))
            self._planner.start(plan, self._data, self._settings, self._suppression.suppression)

    def _on_planner_succeeded(self, planned: ExportPlan) -> None:
        self._plan = planned
        self.preview.show_plan(planned)
        self.bar.export_button.setEnabled(not self.bar.is_running)


def _group(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    QVBoxLayout(box).addWidget(widget)
    return box


def main(argv: list[str] | None = None) -> int:
    """Open the page alone on the demo data, its lifecycle stages with a 5% control group (``--ru``: in Russian)."""
    from segdesk.ui.export_tasks import demo_input
    from segdesk.ui.i18n import language

    def build(argv: list[str]) -> ExportPage:
        data = demo_input(language())
        page = ExportPage()
        page.set_data(data.customers, data.report, data.as_of)
        return page

    return run_alone(build, argv, size=(1280, 800), title=lambda: tr("Export"), shutdown=ExportPage.shutdown)


if __name__ == "__main__":
    raise SystemExit(main())
