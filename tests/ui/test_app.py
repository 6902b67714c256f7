"""The application: demo data, switching language live, run_gui, views that run alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from segdesk.ui import app as app_module
from segdesk.ui import data_page
from segdesk.ui.app import SegdeskApp, resources_dir
from segdesk.ui.import_tasks import ImportResult
from segdesk.ui.settings import Settings

DEMO = resources_dir() / "demo"
needs_demo = pytest.mark.skipif(not (DEMO / "customers.csv").exists(), reason="demo data not generated yet")


@pytest.fixture
def segdesk_app(qtbot, qapp, settings: Settings):
    controller = SegdeskApp(qapp, settings)
    qtbot.addWidget(controller.window)
    yield controller
    controller.window.close()


@needs_demo
def test_demo_opens_customers_and_linked_orders(qtbot, segdesk_app: SegdeskApp) -> None:
    window = segdesk_app.window
    with qtbot.waitSignal(window._loader.succeeded, timeout=60_000):
        window.open_demo(resources_dir())
    assert window.windowTitle().replace("[*]", "") == "segdesk — customers.csv"
    workspace = segdesk_app.workspace
    assert workspace.customer_count > 1_000 and workspace.order_lines > 10_000
    assert workspace.link is not None and workspace.link.linked > 0
    assert window.data_page.model.rowCount() == workspace.customer_count


def test_switching_language_rebuilds_the_window_in_russian(qtbot, segdesk_app: SegdeskApp,
                                                            customers_table) -> None:
    segdesk_app.workspace.apply(ImportResult(customers=customers_table))
    old = segdesk_app.window
    russian = old.actions.languages["ru"]
    russian.trigger()
    window = segdesk_app.window
    qtbot.addWidget(window)
    assert window is not old
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&Файл", "&Правка", "&Вид", "&Справка"]
    assert window._counts.text().replace("\xa0", " ") == "6 клиентов · 0 строк заказов · 3 проблемы качества"
    assert window.data_page.model.rowCount() == 6  # the open data survived
    assert window.actions.languages["ru"].isChecked()
    assert Settings().language == "ru"
    header = window.data_page.model.headerData(0, 1)
    assert header == "id\nцелое · код клиента"


def test_language_setting_is_used_at_start(qtbot, qapp, settings: Settings) -> None:
    settings.language = "ru"
    controller = SegdeskApp(qapp, settings)
    qtbot.addWidget(controller.window)
    assert controller.window.actions.open.text() == "&Открыть…"
    assert controller.window.data_page.search_box.placeholderText().startswith("Быстрый поиск")


def test_run_gui_opens_a_file_through_the_import_dialog(qtbot, monkeypatch, customers_csv: Path) -> None:
    seen = {}

    def fake_exec(app: QApplication) -> int:
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "main_window" and w.isVisible())
        qtbot.addWidget(window)
        seen["title"] = window.windowTitle().replace("[*]", "")
        seen["dialog_path"] = window.dialog.path
        qtbot.waitSignal(window.dialog.preview_updated, timeout=10_000).wait()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert app_module.run_gui([str(customers_csv)]) == 0
    assert seen == {"title": "segdesk", "dialog_path": customers_csv}
    assert QApplication.organizationName() == "segdesk"


def test_the_data_page_runs_alone(qtbot, monkeypatch) -> None:
    shown = []

    def fake_exec(app: QApplication) -> int:
        shown.extend(w for w in app.topLevelWidgets() if isinstance(w, data_page.DataPage) and w.isVisible())
        for page in shown:
            qtbot.addWidget(page)
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert data_page.main(["data_page", "300"]) == 0
    assert len(shown) == 1 and shown[0].model.rowCount() == 300


def test_the_merge_dialog_runs_alone(qtbot, monkeypatch) -> None:
    from segdesk.ui import merge_dialog

    shown = []

    def fake_exec(app: QApplication) -> int:
        shown.extend(w for w in app.topLevelWidgets() if isinstance(w, merge_dialog.MergeDialog) and w.isVisible())
        for dialog in shown:
            qtbot.addWidget(dialog)
            qtbot.waitSignal(dialog.planned, timeout=10_000).wait()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert merge_dialog.main(["merge_dialog", "500"]) == 0
    assert len(shown) == 1 and shown[0].groups.count() > 0
