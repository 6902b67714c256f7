"""The main window: menus, toolbar, page navigation, status bar, dropped files. Pages and dialogs do the work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoGroup
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QMainWindow, QWidget

from segdesk.core.io import SUPPORTED
from segdesk.ui.help import HelpDialog, about_box
from segdesk.ui.i18n import tr
from segdesk.ui.import_dialog import ImportDialog, ImportMode
from segdesk.ui.import_tasks import ImportResult, file_patterns, load_demo
from segdesk.ui.main_actions import build_actions
from segdesk.ui.merge_dialog import MergeDialog
from segdesk.ui.navigation import DATA_PAGE, EXPORT_PAGE, RFM_PAGE, SEGMENTS_PAGE, NavigationList
from segdesk.ui.pages import PageStack
from segdesk.ui.project_session import ProjectSession
from segdesk.ui.settings import Settings
from segdesk.ui.workers import TaskRunner, error_text
from segdesk.ui.workspace import Workspace

_STATUS_MESSAGE_MS = 8_000


class MainWindow(QMainWindow):
    language_chosen = Signal(str)  # the user picked an interface language (a code)

    def __init__(self, workspace: Workspace, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.workspace = workspace
        self.settings = settings
        self.dialog: ImportDialog | MergeDialog | None = None  # the open import or merge dialog
        self._queued_orders: Path | None = None  # an order log to import once the customers are in
        self.navigation = NavigationList()
        self.pages = PageStack(settings)
        self.data_page = self.pages.data_page
        self.segments_page = self.pages.segments_page
        self.rfm_page = self.pages.rfm_page
        self.export_page = self.pages.export_page
        self._loader = TaskRunner(self)
        self._counts = QLabel()
        self.undo_group = QUndoGroup(self)  # Edit → Undo acts on the stack of the page shown
        self.undo_group.addStack(self.segments_page.undo_stack)
        self.actions = build_actions(self, self.undo_group)
        self._build()
        self._connect()
        self.setAcceptDrops(True)
        self.project = ProjectSession(workspace, self.pages, settings, self)
        self._connect_project()
        self.rebuilding = False  # set by the app when this window is replaced by one in another language
        self._restore_window()
        self._on_workspace_changed()

    def _build(self) -> None:
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.statusBar().addPermanentWidget(self._counts)

    def _connect(self) -> None:
        a = self.actions
        a.open.triggered.connect(self._on_open_triggered)
        a.import_orders.triggered.connect(self._on_import_orders_triggered)
        a.quit.triggered.connect(self.close)
        a.find.triggered.connect(self._on_find_triggered)
        a.merge.triggered.connect(self._on_merge_triggered)
        a.data_page.triggered.connect(lambda: self.navigation.choose(DATA_PAGE))
        a.segments_page.triggered.connect(lambda: self.navigation.choose(SEGMENTS_PAGE))
        a.rfm_page.triggered.connect(lambda: self.navigation.choose(RFM_PAGE))
        a.export_page.triggered.connect(lambda: self.navigation.choose(EXPORT_PAGE))
        self.navigation.page_chosen.connect(self.pages.show_page)
        self.navigation.page_chosen.connect(self._on_navigation_page_chosen)
        self.pages.page_requested.connect(self.navigation.choose)
        a.about.triggered.connect(lambda: about_box(self).open())
        a.help.triggered.connect(lambda: HelpDialog(self).open())
        a.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        for code, item in a.languages.items():
            item.triggered.connect(lambda _=False, c=code: self._on_language_triggered(c))
        self.workspace.changed.connect(self._on_workspace_changed)
        self._loader.succeeded.connect(self._on_loader_succeeded)
        self._loader.failed.connect(self._on_loader_failed)
        self._loader.progressed.connect(self._on_loader_progressed)

    def _connect_project(self) -> None:
        a, p = self.actions, self.project
        a.open_project.triggered.connect(p.choose_and_open)
        a.save_project.triggered.connect(p.save)
        a.save_project_as.triggered.connect(p.save_as)
        a.recent_projects_menu.aboutToShow.connect(self._on_recent_projects_menu_about_to_show)
        p.changed.connect(self._on_project_changed)
        p.status_changed.connect(self.statusBar().showMessage)  # an empty text clears it
        p.repair_requested.connect(lambda path: self.open_file(path, ImportMode.ORDERS))
        p.watch(self.workspace.changed, self.segments_page.segments_changed, self.segments_page.report_changed,
                self.rfm_page.result_changed, self.export_page.settings_changed)

    def _on_project_changed(self) -> None:
        self.setWindowTitle(self.project.title())
        self.setWindowModified(self.project.dirty)

    def _on_recent_projects_menu_about_to_show(self) -> None:
        menu = self.actions.recent_projects_menu
        menu.clear()
        for path in self.settings.recent_projects:
            menu.addAction(path).triggered.connect(lambda _=False, p=path: self.project.open(Path(p)))
        if menu.isEmpty():
            menu.addAction(tr("No recent projects")).setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(tr("Clear the list")).triggered.connect(self.settings.clear_recent_projects)

    # --- opening files ---

    def open_file(self, path: str | Path | None = None, mode: ImportMode = ImportMode.CUSTOMERS) -> ImportDialog:
        """Show the import dialog (window-modal, non-blocking) for ``path`` or for a file still to choose."""
        self._close_dialog()
        ws = self.workspace
        # An order log's phones are read like its customers'; a new list like the last one the user imported.
        region = ws.customers.options.phone_region if ws.customers is not None else self.settings.phone_region
        dialog = ImportDialog(mode, path, ws.customers, self,
                              open_data=ImportResult(ws.customers, ws.orders, ws.link, ws.mapping),
                              phone_region=region)
        dialog.imported.connect(self._on_import_dialog_imported)
        self._show_dialog(dialog)
        return dialog

    def _show_dialog(self, dialog: ImportDialog | MergeDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda code, d=dialog: self._on_dialog_finished(d, code))
        dialog.open()

    def _on_dialog_finished(self, dialog: ImportDialog | MergeDialog, code: int) -> None:
        if self.dialog is dialog:
            self.dialog = None
        if code != QDialog.DialogCode.Accepted.value:
            self._queued_orders = None  # the customers were not imported: their order log must not follow later
        dialog.deleteLater()

    def open_files(self, paths: list[str | Path]) -> None:
        """Open a customer list; a second file is taken as its order log, imported next."""
        if paths:
            self._queued_orders = Path(paths[1]) if len(paths) > 1 else None
            self.open_file(paths[0])

    def open_demo(self, resources: Path) -> None:
        """Import the bundled demo files with detected options, the way a user's files are read."""
        self.statusBar().showMessage(tr("Opening the demo data…"))
        self._loader.start(load_demo, resources / "demo")

    def _on_import_dialog_imported(self, result: ImportResult) -> None:
        self._take(result)
        dialog = self.sender()
        path = dialog.path if isinstance(dialog, ImportDialog) else None
        if isinstance(dialog, ImportDialog):  # the user's choice in the dialog, not a project's or the demo's
            table = result.orders if dialog.mode == ImportMode.ORDERS else result.customers
            if table is not None:
                self.settings.phone_region = table.options.phone_region
        if path is not None:
            self.settings.add_recent_file(path, order_log=dialog.mode == ImportMode.ORDERS)
            self.settings.last_directory = str(path.parent)
        if self._queued_orders is not None and isinstance(dialog, ImportDialog) and dialog.mode == ImportMode.CUSTOMERS:
            queued, self._queued_orders = self._queued_orders, None
            self.open_file(queued, ImportMode.ORDERS)

    def _take(self, result: ImportResult) -> None:
        closes_orders = self.workspace.orders is not None and result.orders is None
        self.workspace.apply(result)
        if closes_orders:
            self.statusBar().showMessage(tr("The order log was closed: it belonged to the previous customer list. "
                                            "Import it again to link it to this one."), _STATUS_MESSAGE_MS)
        elif result.link is not None:
            self.statusBar().showMessage(tr("Order lines linked: {linked}; of unknown customers: {unknown} "
                                            "(see the quality report).", linked=result.link.linked,
                                            unknown=result.link.unknown.count), _STATUS_MESSAGE_MS)

    def _on_loader_succeeded(self, result: ImportResult) -> None:
        self.statusBar().clearMessage()
        self._take(result)

    def _on_loader_failed(self, error: BaseException) -> None:
        self.statusBar().showMessage(error_text(error))

    def _on_loader_progressed(self, fraction: float, message: str) -> None:
        self.statusBar().showMessage(tr("Opening the demo data… {percent}%", percent=round(fraction * 100)))

    def _close_dialog(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.reject()
        self.dialog = None

    # --- handlers ---

    def _on_open_triggered(self) -> None:
        path = self._choose_file(tr("Open a customer list"))
        if path is not None:
            self.open_file(path)

    def _on_import_orders_triggered(self) -> None:
        path = self._choose_file(tr("Import an order log"))
        if path is not None:
            self.open_file(path, ImportMode.ORDERS)

    def _choose_file(self, title: str) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(self, title, self.settings.last_directory,
                                                tr("Tables ({patterns})", patterns=file_patterns()))
        return Path(chosen) if chosen else None

    def _on_find_triggered(self) -> None:
        self.navigation.choose(DATA_PAGE)
        self.data_page.focus_search()

    def _on_merge_triggered(self) -> None:
        self._close_dialog()
        dialog = MergeDialog(self.workspace, self)
        dialog.merged.connect(self._take)
        self._show_dialog(dialog)

    def _on_recent_menu_about_to_show(self) -> None:
        menu = self.actions.recent_menu
        menu.clear()
        logs = set(self.settings.recent_order_logs)
        for path in self.settings.recent_files:
            mode = ImportMode.ORDERS if path in logs else ImportMode.CUSTOMERS
            item = menu.addAction(tr("{path} (order log)", path=path) if path in logs else path)
            item.triggered.connect(lambda _=False, p=path, m=mode: self.open_file(p, m))
        if menu.isEmpty():
            menu.addAction(tr("No recent files")).setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(tr("Clear the list")).triggered.connect(self.settings.clear_recent_files)

    def _on_navigation_page_chosen(self, name: str) -> None:
        stack = self.segments_page.undo_stack if name == SEGMENTS_PAGE else None
        self.undo_group.setActiveStack(stack)

    def _on_language_triggered(self, code: str) -> None:
        self.settings.language = code
        self.language_chosen.emit(code)

    def _on_workspace_changed(self) -> None:
        ws = self.workspace
        self.pages.show_workspace(ws)
        self._on_project_changed()
        self.actions.merge.setEnabled(ws.customers is not None)
        self._counts.setText(" · ".join([tr("{count} customers", count=ws.customer_count),
                                         tr("{count} order lines", count=ws.order_lines),
                                         tr("{count} quality issues", count=ws.quality_issues)]))
        # a long status message must not squeeze the counts out of sight
        self._counts.setMinimumWidth(self._counts.sizeHint().width())

    # --- window ---

    def _restore_window(self) -> None:
        geometry, state = self.settings.window_geometry(), self.settings.window_state()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        if state is not None:
            self.restoreState(state)

    def save_window(self) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.rebuilding and not self.project.maybe_save():
            event.ignore()
            return
        if not self.rebuilding:
            self.project.shutdown()
        self.save_window()
        self._close_dialog()
        self._loader.cancel()
        self.pages.shutdown()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if _dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = _dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_file(path)


def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The first local file of a supported kind among the dropped URLs."""
    for url in event.mimeData().urls():
        if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in SUPPORTED:
            return Path(url.toLocalFile())
    return None

