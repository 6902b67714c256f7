"""The import dialog: a file, its detected options (each overridable), a live preview, the column mapping, the
quality summary, then Import with progress and a working Cancel. A second mode imports an order log and links
it to the customers.

Run alone on a messy sample file: ``python -m segdesk.ui.import_dialog [path] [--orders]``.
"""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from segdesk.core.io.quality import FILE_KINDS
from segdesk.core.io.table import CUSTOMER_ROLES, ORDER_ROLES, ImportedTable, ImportOptions
from segdesk.ui.alone import run_alone
from segdesk.ui.column_mapping import ColumnMappingTable
from segdesk.ui.i18n import tr
from segdesk.ui.import_options_panel import ImportOptionsPanel
from segdesk.ui.import_tasks import (
    PREVIEW_ROWS,
    ImportResult,
    file_patterns,
    import_customers,
    import_orders,
    read_preview,
)
from segdesk.ui.labels import quality_title
from segdesk.ui.order_mapping import OrderMappingPanel
from segdesk.ui.table_model import CustomerTableModel
from segdesk.ui.table_view import fit_columns, make_table_view
from segdesk.ui.workers import TaskRunner, error_text

#: Edits closer together than this re-read the preview only once.
PREVIEW_DELAY_MS = 300


class ImportMode(StrEnum):
    CUSTOMERS = "customers"
    ORDERS = "orders"


class ImportDialog(QDialog):
    """Reads a file the way the user confirms; ``result`` holds the import once the dialog is accepted."""

    preview_updated = Signal()  # a preview read finished, well or not
    imported = Signal(object)  # ImportResult

    def __init__(self, mode: ImportMode = ImportMode.CUSTOMERS, path: str | Path | None = None,
                 customers: ImportedTable | None = None, parent: QWidget | None = None, *,
                 open_data: ImportResult | None = None, phone_region: str | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.path: Path | None = None
        self.result: ImportResult | None = None
        self._customers = customers
        self._open_data = open_data  # what is open now: the same customer file read again keeps its orders
        self._preview: ImportedTable | None = None
        self._previewer = TaskRunner(self)
        self._importer = TaskRunner(self)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._build()
        self._connect()
        self.setWindowTitle(tr("Import order log") if mode == ImportMode.ORDERS else tr("Open customer list"))
        self.resize(1100, 720)
        self._set_busy(False)
        if phone_region is not None:
            self.options_panel.set_phone_region(phone_region)
        if path is not None:
            self.set_path(path)

    # --- layout ---

    def _build(self) -> None:
        self.file_label = QLabel(tr("No file chosen"))
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.browse_button = QPushButton(tr("Choose file…"))
        self.options_panel = ImportOptionsPanel()
        self.preview_model = CustomerTableModel(self)
        self.preview_view = make_table_view(self.preview_model, sortable=False)
        self.preview_view.setObjectName("preview_table")
        self.column_mapping = ColumnMappingTable()
        self.order_mapping = OrderMappingPanel()
        self.quality_list = QListWidget()
        self.quality_list.setWordWrap(True)  # findings name their column: long lines wrap, never scroll sideways
        self.quality_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.error_label = QLabel()
        self.error_label.setObjectName("error_label")
        self.error_label.setStyleSheet("color: #b00020")
        self.status_label = QLabel()
        self.progress_bar = QProgressBar()
        self.import_button = QPushButton(tr("Import"))
        self.import_button.setDefault(True)
        self.cancel_button = QPushButton(tr("Cancel"))
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(tr("File:")))
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self._body(), 1)
        layout.addWidget(self.error_label)
        layout.addLayout(self._bottom_row())

    def _body(self) -> QWidget:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.options_panel)
        left_layout.addWidget(QLabel(tr("Quality (first {count} rows)", count=PREVIEW_ROWS)))
        left_layout.addWidget(self.quality_list, 1)
        tabs = QTabWidget()
        tabs.addTab(self.column_mapping, tr("Columns"))
        if self.mode == ImportMode.ORDERS:
            tabs.addTab(self.order_mapping, tr("Order fields"))
            tabs.setCurrentWidget(self.order_mapping)
        self.tabs = tabs
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.preview_view)
        right.addWidget(tabs)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(1, 1)
        body.setSizes([max(330, left.sizeHint().width()), 770])
        return body

    def _bottom_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.status_label, 1)
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.import_button)
        row.addWidget(self.cancel_button)
        return row

    def _connect(self) -> None:
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.options_panel.options_changed.connect(self._schedule_preview)
        self.column_mapping.mapping_changed.connect(self._schedule_preview)
        self.order_mapping.mapping_changed.connect(self._update_import_button)
        self._preview_timer.timeout.connect(self._on_preview_timer_timeout)
        self._previewer.succeeded.connect(self._on_previewer_succeeded)
        self._previewer.failed.connect(self._on_previewer_failed)
        self._importer.progressed.connect(self._on_importer_progressed)
        self._importer.succeeded.connect(self._on_importer_succeeded)
        self._importer.failed.connect(self._on_importer_failed)
        self._importer.cancelled.connect(self._on_importer_cancelled)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)

    # --- public ---

    def set_path(self, path: str | Path) -> None:
        """Preview another file, starting again from detection."""
        self.path = Path(path)
        self.file_label.setText(str(self.path))
        self.options_panel.reset()
        self.column_mapping.clear_overrides()
        self._preview_timer.stop()
        self._on_preview_timer_timeout()  # the first read needs no debounce

    def options(self) -> ImportOptions:
        """What the user confirmed: file options plus the columns' types and roles they changed."""
        return replace(ImportOptions(), **self.options_panel.overrides(),
                       column_types=self.column_mapping.type_overrides(),
                       column_roles=self.column_mapping.role_overrides(),
                       orders=self.mode == ImportMode.ORDERS)

    def done(self, code: int) -> None:
        # a closing dialog must not leave reads running on the pool
        self._preview_timer.stop()
        self._previewer.cancel()
        self._importer.cancel()
        super().done(code)

    # --- preview ---

    def _schedule_preview(self) -> None:
        self._preview_timer.start()

    def _on_preview_timer_timeout(self) -> None:
        if self.path is None:
            return
        self.status_label.setText(tr("Reading the preview…"))
        self._previewer.start(read_preview, self.path, self.options())

    def _on_previewer_succeeded(self, table: ImportedTable) -> None:
        self._preview = table
        self.error_label.clear()
        self.status_label.setText(tr("Preview of the first {count} rows.", count=table.rows))
        self.preview_model.set_table(table)
        fit_columns(self.preview_view, self.preview_model)
        self.options_panel.show_detected(table.detected)
        self.column_mapping.set_columns(table.columns, ORDER_ROLES if self.mode == ImportMode.ORDERS
                                        else CUSTOMER_ROLES)
        self.order_mapping.set_columns(table)
        self._show_quality(table)
        self._update_import_button()
        self.preview_updated.emit()

    def _on_previewer_failed(self, error: BaseException) -> None:
        self._preview = None
        self.preview_model.set_table(None)
        self.column_mapping.set_columns([], [])  # the last good read's columns are not this file's (overrides stay)
        self.quality_list.clear()
        self.status_label.clear()
        self.error_label.setText(error_text(error))
        self._update_import_button()
        self.preview_updated.emit()

    def _show_quality(self, table: ImportedTable) -> None:
        self.quality_list.clear()
        for item in table.quality:
            self.quality_list.addItem(quality_title(item) if item.kind in FILE_KINDS else
                                      tr("{title}: {number}", title=quality_title(item), number=item.count))
        if not table.quality:
            self.quality_list.addItem(tr("No problems found."))

    def _update_import_button(self) -> None:
        ready = self._preview is not None and not self._importer.is_running
        if ready and self.mode == ImportMode.ORDERS and self.order_mapping.mapping() is None:
            ready = False
            self.status_label.setText(tr("Choose: {fields}", fields=", ".join(self.order_mapping.missing_fields())))
        elif ready and self._preview is not None:
            # a "Choose: ..." left from before the user completed the mapping must not linger
            self.status_label.setText(tr("Preview of the first {count} rows.", count=self._preview.rows))
        self.import_button.setEnabled(ready)

    # --- import ---

    def _on_import_button_clicked(self) -> None:
        if self.path is None:
            return
        self._preview_timer.stop()
        self._previewer.cancel()
        self.error_label.clear()
        self._set_busy(True)
        if self.mode == ImportMode.ORDERS:
            self._importer.start(import_orders, self.path, self.options(), self.order_mapping.mapping(),
                                 self._customers, self.order_mapping.link_role())
        else:
            self._importer.start(import_customers, self.path, self.options(), self._open_data)

    def _on_cancel_button_clicked(self) -> None:
        if self._importer.is_running:
            self._importer.cancel()
        else:
            self.reject()

    def _on_importer_progressed(self, fraction: float, message: str) -> None:
        self.progress_bar.setValue(round(fraction * 100))

    def _on_importer_succeeded(self, result: ImportResult) -> None:
        self.result = result
        self._set_busy(False)
        self.imported.emit(result)
        self.accept()

    def _on_importer_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.error_label.setText(error_text(error))

    def _on_importer_cancelled(self) -> None:
        self._set_busy(False)
        self.status_label.setText(tr("Import cancelled. Nothing was imported."))

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.progress_bar.setValue(0)
        for widget in (self.options_panel, self.column_mapping, self.order_mapping, self.browse_button):
            widget.setEnabled(not busy)
        if busy:
            self.status_label.setText(tr("Importing…"))
            self.import_button.setEnabled(False)
        else:
            self._update_import_button()

    def _on_browse_button_clicked(self) -> None:
        folder = str(self.path.parent) if self.path else ""
        chosen, _ = QFileDialog.getOpenFileName(self, tr("Choose a file"), folder,
                                                tr("Tables ({patterns})", patterns=file_patterns()))
        if chosen:
            self.set_path(chosen)


def main(argv: list[str] | None = None) -> int:
    """Open the dialog alone on a messy sample file (cp1251, ``;``, title and totals rows)."""
    from segdesk.ui.samples import write_sample_customers, write_sample_orders

    def build(argv: list[str]) -> ImportDialog:
        files = [a for a in argv[1:] if not a.startswith("--")]
        path = Path(files[0]) if files else write_sample_customers()
        if "--orders" in argv and not files:
            path = write_sample_orders(path.parent)
        return ImportDialog(ImportMode.ORDERS if "--orders" in argv else ImportMode.CUSTOMERS, path)

    return run_alone(build, argv, languages=False)


if __name__ == "__main__":
    raise SystemExit(main())
