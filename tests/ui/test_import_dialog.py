"""The import dialog: detection shown, overrides re-read the preview, import, cancel, errors, order logs."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool

from segdesk.core.errors import Cancelled
from segdesk.core.io.table import ColumnType, ImportedTable, Role
from segdesk.ui import import_dialog as import_dialog_module
from segdesk.ui.import_dialog import ImportDialog, ImportMode


def _dialog(qtbot, path: Path | None, mode: ImportMode = ImportMode.CUSTOMERS,
            customers: ImportedTable | None = None) -> ImportDialog:
    dialog = ImportDialog(mode, None, customers)
    qtbot.addWidget(dialog)
    dialog.show()
    if path is not None:
        with qtbot.waitSignal(dialog.preview_updated, timeout=10_000):
            dialog.set_path(path)
    return dialog


def _import(qtbot, dialog: ImportDialog) -> None:
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


def _wait_for_pool(qtbot) -> None:
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=10_000)


def test_preview_shows_what_was_detected(qtbot, messy_csv: Path) -> None:
    dialog = _dialog(qtbot, messy_csv)
    panel = dialog.options_panel
    assert panel.encoding.itemText(0) == "Auto: cp1251"
    assert panel.delimiter.itemText(0) == "Auto: semicolon ;"
    assert panel.decimal.itemText(0) == "Auto: comma ,"
    assert panel.header_row.specialValueText() == "Auto: 2"  # the title row above is skipped
    assert dialog.preview_model.columnCount() == 8
    assert dialog.preview_model.headerData(0, Qt.Orientation.Vertical) == "3"
    assert dialog.import_button.isEnabled()
    assert dialog.error_label.text() == ""


def test_an_override_changes_the_preview(qtbot, messy_csv: Path) -> None:
    dialog = _dialog(qtbot, messy_csv)
    with qtbot.waitSignal(dialog.preview_updated, timeout=10_000):
        dialog.options_panel.delimiter.set_value(",")
    assert dialog.options().delimiter == ","
    assert dialog.preview_model.columnCount() < 8
    with qtbot.waitSignal(dialog.preview_updated, timeout=10_000):
        dialog.options_panel.delimiter.set_value(None)  # back to detection
    assert dialog.preview_model.columnCount() == 8


def test_typing_a_header_row_re_reads_the_preview(qtbot, messy_csv: Path) -> None:
    dialog = _dialog(qtbot, messy_csv)
    spin = dialog.options_panel.header_row
    spin.setFocus()
    spin.lineEdit().selectAll()
    with qtbot.waitSignal(dialog.preview_updated, timeout=10_000):
        qtbot.keyClicks(spin.lineEdit(), "3")  # the first data row as the header
    assert dialog.options().header_row == 3
    names = dialog.preview_model.frame_view().columns.names
    assert "Код клиента" not in names


def test_a_column_type_and_role_can_be_overridden(qtbot, messy_csv: Path) -> None:
    dialog = _dialog(qtbot, messy_csv)
    with qtbot.waitSignal(dialog.preview_updated, timeout=10_000):
        dialog.column_mapping.type_box("Сумма покупок").set_value(ColumnType.TEXT.value)
    assert dialog.options().column_types == {"Сумма покупок": ColumnType.TEXT}
    spent = dialog.preview_model.frame_view().columns.names.index("Сумма покупок")
    assert dialog.preview_model.column_info(spent).type == ColumnType.TEXT
    with qtbot.waitSignal(dialog.preview_updated, timeout=10_000):
        dialog.column_mapping.role_box("Город").set_value(None)
    assert dialog.options().column_roles == {"Город": None}
    city = dialog.preview_model.frame_view().columns.names.index("Город")
    assert dialog.preview_model.column_info(city).role is None


def test_column_overrides_survive_trying_another_delimiter(qtbot, messy_csv: Path) -> None:
    dialog = _dialog(qtbot, messy_csv)
    with qtbot.waitSignal(dialog.preview_updated, timeout=10_000):
        dialog.column_mapping.type_box("Сумма покупок").set_value(ColumnType.TEXT.value)
    with qtbot.waitSignal(dialog.preview_updated, timeout=10_000):
        dialog.options_panel.delimiter.set_value(",")
    with qtbot.waitSignal(dialog.preview_updated, timeout=10_000):
        dialog.options_panel.delimiter.set_value(None)
    assert dialog.options().column_types == {"Сумма покупок": ColumnType.TEXT}
    assert dialog.column_mapping.type_box("Сумма покупок").value() == ColumnType.TEXT.value
    spent = dialog.preview_model.frame_view().columns.names.index("Сумма покупок")
    assert dialog.preview_model.column_info(spent).type == ColumnType.TEXT


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\xff\xfe" * 200, b"PK\x03\x04 not really a workbook"])
def test_a_bad_file_shows_one_readable_line(qtbot, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    dialog = _dialog(qtbot, path)
    message = dialog.error_label.text()
    assert message and "\n" not in message and "Traceback" not in message
    assert not dialog.import_button.isEnabled()
    assert dialog.preview_model.rowCount() == 0
    assert not dialog.options_panel.sheet.isEnabled()  # no sheets were read: nothing to pick


def test_a_missing_file_shows_an_error(qtbot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "gone.csv")
    assert "gone.csv" in dialog.error_label.text()


def test_import_reads_every_row(qtbot, messy_csv: Path) -> None:
    dialog = _dialog(qtbot, messy_csv)
    _import(qtbot, dialog)
    assert dialog.result is not None and dialog.result.customers.rows == 60
    assert not dialog.isVisible()


def test_cancel_during_import_leaves_nothing_imported(qtbot, big_csv: Path) -> None:
    dialog = _dialog(qtbot, big_csv)
    with qtbot.assertNotEmitted(dialog.imported, wait=300):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.progress_bar.isVisible()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    _wait_for_pool(qtbot)
    assert dialog.result is None
    assert dialog.isVisible()  # the first Cancel stops the import, not the dialog
    assert dialog.status_label.text() == "Import cancelled. Nothing was imported."
    assert dialog.import_button.isEnabled()


def test_cancel_stops_the_reader_through_its_progress_callback(qtbot, messy_csv: Path, monkeypatch) -> None:
    started, stopped = threading.Event(), threading.Event()

    def endless_import(path, options, orders, progress):
        started.set()
        try:
            while True:
                progress(0.5, "reading")
                started.wait(0.01)
        except Cancelled:
            stopped.set()
            raise

    monkeypatch.setattr(import_dialog_module, "import_customers", endless_import)
    dialog = _dialog(qtbot, messy_csv)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(stopped.is_set)
    _wait_for_pool(qtbot)
    assert dialog.result is None


def test_cancel_without_an_import_closes_the_dialog(qtbot, messy_csv: Path) -> None:
    dialog = _dialog(qtbot, messy_csv)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)


def test_workbook_sheets_can_be_picked(qtbot, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["just a note"])
    customers = book.create_sheet("Customers")
    customers.append(["email", "city", "spent"])
    for i in range(5):
        customers.append([f"user{i}@example.com", "Split", 10.5 * i])
    book.save(path)
    dialog = _dialog(qtbot, path)
    sheet = dialog.options_panel.sheet
    assert sheet.isEnabled() and sheet.values() == [None, "Notes", "Customers"]
    assert not dialog.options_panel.encoding.isEnabled()
    with qtbot.waitSignal(dialog.preview_updated, timeout=10_000):
        sheet.set_value("Customers")
    assert dialog.preview_model.frame_view().columns.names == ["email", "city", "spent"]
    with qtbot.waitSignal(dialog.preview_updated, timeout=10_000):
        sheet.set_value("Notes")  # a note, no table: the message names the sheet, another can still be picked
    assert "Notes" in dialog.error_label.text() and sheet.isEnabled()
    assert dialog.column_mapping.rowCount() == 0  # the columns of the sheet read before are gone


def test_order_log_mapping_is_suggested_and_orders_are_linked(qtbot, orders_csv: Path,
                                                             customers_table: ImportedTable) -> None:
    dialog = _dialog(qtbot, orders_csv, ImportMode.ORDERS, customers_table)
    boxes = dialog.order_mapping.boxes
    assert boxes["customer_key"].value() == "customer_id"
    assert boxes["date"].value() == "order_date"
    assert boxes["amount"].value() == "amount"
    _import(qtbot, dialog)
    result = dialog.result
    assert result.orders.rows == 5 and result.customers is None  # linked to the open customer list
    assert result.link.link_by == Role.CUSTOMER_ID
    assert result.link.unknown.count == 1 and result.link.unknown.rows == (5,)


def test_order_import_needs_the_required_fields(qtbot, orders_csv: Path) -> None:
    dialog = _dialog(qtbot, orders_csv, ImportMode.ORDERS)
    dialog.order_mapping.boxes["amount"].set_value(None)
    assert not dialog.import_button.isEnabled()
    assert "Amount" in dialog.status_label.text()


def test_orders_without_a_customer_list_make_their_own_customers(qtbot, orders_csv: Path) -> None:
    dialog = _dialog(qtbot, orders_csv, ImportMode.ORDERS)
    _import(qtbot, dialog)
    assert dialog.result.customers is not None and dialog.result.customers.rows == 4


def test_the_dialog_runs_alone(qtbot, monkeypatch) -> None:
    shown: list[ImportDialog] = []

    def fake_exec(app) -> int:
        shown.extend(w for w in app.topLevelWidgets() if isinstance(w, ImportDialog) and w.isVisible())
        for dialog in shown:
            qtbot.addWidget(dialog)
            qtbot.waitSignal(dialog.preview_updated, timeout=10_000, raising=False).wait()
        return 0

    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert import_dialog_module.main(["import_dialog"]) == 0
    assert len(shown) == 1 and shown[0].preview_model.rowCount() > 0


def test_the_phone_region_reads_local_numbers(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "hr.csv"
    path.write_text("Ime;Telefon\nAna;091 234 5678\nIvo;098 765 4321\n", encoding="utf-8")
    dialog = _dialog(qtbot, path)
    assert dialog.options().phone_region == "RU"
    assert any(q.kind == "invalid_phone" for q in dialog._preview.quality)
    with qtbot.waitSignal(dialog.preview_updated, timeout=10_000):
        dialog.options_panel.phone_region.set_value("HR")
    assert dialog.options().phone_region == "HR"
    assert not any(q.kind == "invalid_phone" for q in dialog._preview.quality)
    assert dialog._preview.derived["phone_e164"].tolist() == ["+385912345678", "+385987654321"]
