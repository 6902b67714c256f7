"""The main window: title, opening files (dialog, recent files, drag and drop), status bar, menus, settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from segdesk.core.io.table import ImportedTable
from segdesk.ui.help import HelpDialog
from segdesk.ui.import_dialog import ImportDialog, ImportMode
from segdesk.ui.import_tasks import ImportResult
from segdesk.ui.main_window import MainWindow
from segdesk.ui.merge_dialog import MergeDialog
from segdesk.ui.settings import Settings
from segdesk.ui.workspace import Workspace


def _window(qtbot, settings: Settings, workspace: Workspace | None = None) -> MainWindow:
    window = MainWindow(workspace or Workspace(), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _import_through_dialog(qtbot, window: MainWindow, path: Path, mode: ImportMode = ImportMode.CUSTOMERS) -> None:
    dialog = window.open_file(path, mode)
    qtbot.waitSignal(dialog.preview_updated, timeout=10_000).wait()
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


def _drop(window: MainWindow, path: Path) -> tuple[bool, bool]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def _shown_title(window) -> str:
    """The title as the window shows it: Qt's [*] placeholder is a * when there are unsaved changes."""
    return window.windowTitle().replace("[*]", "*" if window.isWindowModified() else "")


def test_title_names_the_open_file(qtbot, settings: Settings, customers_table: ImportedTable) -> None:
    window = _window(qtbot, settings)
    assert _shown_title(window) == "segdesk"
    window.workspace.apply(ImportResult(customers=customers_table))
    assert _shown_title(window) == "segdesk — customers.csv"


def test_opening_a_file_imports_it_and_counts_in_the_status_bar(qtbot, settings: Settings, customers_csv: Path,
                                                                orders_csv: Path) -> None:
    window = _window(qtbot, settings)
    _import_through_dialog(qtbot, window, customers_csv)
    assert _shown_title(window).rstrip("*") == "segdesk — customers.csv"
    assert window.data_page.model.rowCount() == 6
    assert window._counts.text() == "6 customers · 0 order lines · 3 quality issues"
    _import_through_dialog(qtbot, window, orders_csv, ImportMode.ORDERS)
    assert window._counts.text() == "6 customers · 5 order lines · 4 quality issues"
    assert "of unknown customers: 1" in window.statusBar().currentMessage()


def test_open_asks_for_a_file_then_shows_the_import_dialog(qtbot, settings: Settings, customers_csv: Path,
                                                           monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    asked = []

    def choose(parent, title, folder, patterns):
        asked.append((title, patterns))
        return str(customers_csv), patterns

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    window = _window(qtbot, settings)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only reach the active window
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked and asked[0][0] == "Open a customer list" and "*.xlsx" in asked[0][1]
    assert isinstance(window.dialog, ImportDialog) and window.dialog.mode == ImportMode.CUSTOMERS
    qtbot.waitSignal(window.dialog.preview_updated, timeout=10_000).wait()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: ("", ""))
    window.dialog.reject()
    window.actions.import_orders.trigger()  # cancelled file dialog: nothing opens
    assert window.dialog is None


def test_recent_files_are_remembered_and_reopen(qtbot, settings: Settings, customers_csv: Path) -> None:
    window = _window(qtbot, settings)
    _import_through_dialog(qtbot, window, customers_csv)
    assert Settings().recent_files == [str(customers_csv.resolve())]
    menu = window.actions.recent_menu
    menu.aboutToShow.emit()
    entries = [a for a in menu.actions() if a.text() == str(customers_csv.resolve())]
    assert len(entries) == 1
    entries[0].trigger()
    assert isinstance(window.dialog, ImportDialog) and window.dialog.path == customers_csv.resolve()
    qtbot.waitSignal(window.dialog.preview_updated, timeout=10_000).wait()


def test_a_dropped_file_opens_the_import_dialog(qtbot, settings: Settings, customers_csv: Path) -> None:
    window = _window(qtbot, settings)
    assert _drop(window, customers_csv) == (True, True)
    assert isinstance(window.dialog, ImportDialog) and window.dialog.path == customers_csv
    qtbot.waitSignal(window.dialog.preview_updated, timeout=10_000).wait()


def test_a_dropped_file_of_another_kind_is_refused(qtbot, settings: Settings, tmp_path: Path) -> None:
    window = _window(qtbot, settings)
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG")
    assert _drop(window, picture) == (False, False)
    assert window.dialog is None


def test_find_focuses_the_quick_search(qtbot, settings: Settings, customers_table: ImportedTable) -> None:
    window = _window(qtbot, settings)
    window.workspace.apply(ImportResult(customers=customers_table))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.data_page.search_box.hasFocus()


def test_pages_still_to_come_are_disabled(qtbot, settings: Settings) -> None:
    window = _window(qtbot, settings)
    items = [window.navigation.item(i) for i in range(window.navigation.count())]
    assert [i.text() for i in items] == ["Data", "Segments", "RFM", "Charts", "Export"]
    assert all(items[i].flags() & Qt.ItemFlag.ItemIsEnabled for i in (0, 1, 2, 4))
    assert not items[3].flags() & Qt.ItemFlag.ItemIsEnabled
    assert items[3].toolTip() == "Coming in a later version"


def test_menus_hold_the_commands(qtbot, settings: Settings) -> None:
    window = _window(qtbot, settings)
    menus = {m.title(): [a.text() for a in m.actions()] for m in
             (a.menu() for a in window.menuBar().actions())}
    assert list(menus) == ["&File", "&Edit", "&View", "&Help"]
    assert menus["&File"] == ["&Open…", "Import &order log…", "&Recent files", "", "Open &project…",
                              "Recent pro&jects", "&Save project", "Save project &as…", "", "&Quit"]
    assert menus["&Edit"] == ["Undo", "Redo", "", "&Find", "&Merge duplicates…"]
    assert menus["&View"][-4:] == ["&Data", "&Segments", "&RFM", "&Export"]
    assert [window.actions.redo.shortcuts()[i].toString() for i in (0, 1)] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert window.actions.undo.shortcut().toString() == "Ctrl+Z"
    assert window.actions.segments_page.shortcut().toString() == "Ctrl+2"
    assert window.actions.open.shortcut().toString() == "Ctrl+O"
    assert window.actions.quit.shortcut().toString() == "Ctrl+Q"
    assert not window.actions.merge.isEnabled()  # nothing to merge yet


def test_about_and_help_open_without_blocking(qtbot, settings: Settings) -> None:
    window = _window(qtbot, settings)
    window.actions.about.trigger()
    window.actions.help.trigger()
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox | HelpDialog) and w.isVisible()]
    assert len(boxes) == 2
    help_dialog = next(b for b in boxes if isinstance(b, HelpDialog))
    assert "Merge duplicates" in help_dialog.browser.toPlainText()
    for box in boxes:
        box.close()


def test_merging_duplicates_relinks_orders(qtbot, settings: Settings, customers_table: ImportedTable,
                                           orders_csv: Path) -> None:
    window = _window(qtbot, settings)
    window.workspace.apply(ImportResult(customers=customers_table))
    _import_through_dialog(qtbot, window, orders_csv, ImportMode.ORDERS)
    window.actions.merge.trigger()
    dialog = window.dialog
    assert isinstance(dialog, MergeDialog)
    qtbot.waitSignal(dialog.planned, timeout=10_000).wait()
    assert dialog.groups.count() == 1
    assert dialog.groups.item(0).text() == "Rows 2, 5: anna@example.com (same email)"
    with qtbot.waitSignal(dialog.merged, timeout=10_000):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert window.workspace.customer_count == 5
    assert window.workspace.link.customer_pos.tolist() == [0, 1, 0, -1, 4]


def test_window_geometry_is_remembered(qtbot, settings: Settings) -> None:
    window = _window(qtbot, settings)
    window.resize(700, 500)  # smaller than the offscreen screen, which clamps restored geometry
    window.close()
    again = _window(qtbot, Settings())
    assert (again.width(), again.height()) == (700, 500)


def test_an_order_log_queued_with_a_cancelled_import_does_not_follow_a_later_one(
        qtbot, settings: Settings, customers_csv: Path, orders_csv: Path) -> None:
    window = _window(qtbot, settings)
    window.open_files([customers_csv, orders_csv])
    first = window.dialog
    qtbot.waitSignal(first.preview_updated, timeout=10_000).wait()
    qtbot.mouseClick(first.cancel_button, Qt.MouseButton.LeftButton)
    _import_through_dialog(qtbot, window, customers_csv)
    assert window.dialog is None  # no order-log dialog popped up for the import cancelled earlier
    assert window._counts.text().startswith("6 customers · 0 order lines")


def test_reopening_the_customer_list_keeps_the_order_log_linked(qtbot, settings: Settings, customers_csv: Path,
                                                               orders_csv: Path) -> None:
    window = _window(qtbot, settings)
    _import_through_dialog(qtbot, window, customers_csv)
    _import_through_dialog(qtbot, window, orders_csv, ImportMode.ORDERS)
    customers_csv.write_text(customers_csv.read_text(encoding="utf-8") + "7,New One,new@example.com,,Perm,,\n",
                             encoding="utf-8")  # fixed and saved again in Excel
    _import_through_dialog(qtbot, window, customers_csv)
    assert window._counts.text().startswith("7 customers · 5 order lines")
    assert window.workspace.link.customer_pos.tolist() == [0, 1, 0, -1, 5]
    assert "Order lines linked: 4" in window.statusBar().currentMessage()


def test_a_list_and_an_order_log_dropped_together_open_both_while_another_log_is_open(
        qtbot, settings: Settings, customers_csv: Path, orders_csv: Path, tmp_path: Path) -> None:
    window = _window(qtbot, settings)
    _import_through_dialog(qtbot, window, customers_csv)
    _import_through_dialog(qtbot, window, orders_csv, ImportMode.ORDERS)
    new_orders = tmp_path / "orders_march.csv"
    new_orders.write_text("order_id,customer_id,order_date,amount\n200,3,2023-03-05,50.00\n", encoding="utf-8")
    window.open_files([customers_csv, new_orders])  # next month's pair, dropped together
    first = window.dialog
    qtbot.waitSignal(first.preview_updated, timeout=10_000).wait()
    with qtbot.waitSignal(first.imported, timeout=20_000):
        qtbot.mouseClick(first.import_button, Qt.MouseButton.LeftButton)
    assert window.dialog is not None and window.dialog.mode == ImportMode.ORDERS
    assert window.dialog.path == new_orders and window._queued_orders is None


def test_a_customer_list_the_orders_cannot_link_to_closes_them(qtbot, settings: Settings, customers_csv: Path,
                                                               orders_csv: Path, tmp_path: Path) -> None:
    window = _window(qtbot, settings)
    _import_through_dialog(qtbot, window, customers_csv)
    _import_through_dialog(qtbot, window, orders_csv, ImportMode.ORDERS)  # linked by customer id
    other = tmp_path / "no_ids.csv"
    other.write_text("name,city\nAnna,Moscow\nBoris,Kazan\n", encoding="utf-8")
    _import_through_dialog(qtbot, window, other)
    assert window._counts.text().startswith("2 customers · 0 order lines")
    assert "order log was closed" in window.statusBar().currentMessage()


def test_a_recent_order_log_reopens_as_an_order_log(qtbot, settings: Settings, customers_csv: Path,
                                                    orders_csv: Path) -> None:
    window = _window(qtbot, settings)
    _import_through_dialog(qtbot, window, customers_csv)
    _import_through_dialog(qtbot, window, orders_csv, ImportMode.ORDERS)
    menu = window.actions.recent_menu
    menu.aboutToShow.emit()
    entry = next(a for a in menu.actions() if a.text().startswith(str(orders_csv.resolve())))
    assert entry.text().endswith("(order log)")
    entry.trigger()
    assert window.dialog.mode == ImportMode.ORDERS
    qtbot.waitSignal(window.dialog.preview_updated, timeout=10_000).wait()


def test_the_phone_region_carries_over_to_the_order_log_and_the_next_session(
        qtbot, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "hr.csv"
    path.write_text("id;name;phone\n1;Ivan;091 234 5678\n2;Ana;01 4567 890\n", encoding="utf-8")
    window = _window(qtbot, settings)
    dialog = window.open_file(path)
    qtbot.waitSignal(dialog.preview_updated, timeout=10_000).wait()
    region = dialog.options_panel.phone_region
    with qtbot.waitSignal(dialog.preview_updated, timeout=10_000):
        region.setCurrentIndex(region.findData("HR"))  # what a Croatian user picks in the box
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert window.workspace.customers.derived["phone_e164"].tolist() == ["+385912345678", "+38514567890"]
    orders_dialog = window.open_file(None, ImportMode.ORDERS)  # the order log's phones are read the same way
    assert orders_dialog.options_panel.phone_region.value() == "HR"
    orders_dialog.reject()
    later = _window(qtbot, settings, Workspace())  # the next session, nothing open yet
    assert later.open_file(None).options_panel.phone_region.value() == "HR"
