"""The RFM page: scoring off the GUI thread, the grid, the summaries, settings, and handing groups to the Data page."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from segdesk.core.model.dataset import Dataset, load_demo
from segdesk.core.rfm import RfmSettings, compute_rfm, grid_cells, purchases_from_tables
from segdesk.core.rfm.select import segment_positions, stage_positions
from segdesk.ui.app import resources_dir
from segdesk.ui.i18n import format_int, set_language
from segdesk.ui.main_window import MainWindow
from segdesk.ui.rfm_page import RfmPage
from segdesk.ui.settings import Settings
from segdesk.ui.workspace import Workspace

DEMO = resources_dir() / "demo"
WAIT_MS = 20_000


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return load_demo(DEMO)


@pytest.fixture
def page(qtbot):
    made = RfmPage()
    qtbot.addWidget(made)
    made.resize(1200, 760)
    made.show()
    qtbot.waitExposed(made)
    yield made
    made.shutdown()


def _load(qtbot, page: RfmPage, data: Dataset, orders: bool = True) -> None:
    with qtbot.waitSignal(page.result_changed, timeout=WAIT_MS):
        if orders:
            page.set_data(data.customers, data.orders, data.link, data.mapping)
        else:
            page.set_data(data.customers)


def _core_result(data: Dataset, settings: RfmSettings):
    return compute_rfm(purchases_from_tables(data.customers, data.orders, data.link, data.mapping), settings)


def _click_header(qtbot, view, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_the_grid_shows_the_core_counts(qtbot, page: RfmPage, demo: Dataset) -> None:
    _load(qtbot, page, demo)
    expected = grid_cells(_core_result(demo, RfmSettings()))
    shown = page.grid.cells()
    assert [(c.r, c.f, c.customers) for c in shown] == [(c.r, c.f, c.customers) for c in expected]
    for cell in expected:
        assert page.grid.cell_lines(cell.r, cell.f)[1] == format_int(cell.customers)
    assert page.grid.cell_lines(5, 5)[0] == "Champions"
    assert page.result.as_of == dt.date(2026, 11, 1)  # the day after the latest purchase
    assert page.settings_bar.as_of_edit.date().toPython() == page.result.as_of
    assert "4,259 of 5,000 customers" in page.status_label.text()


def test_clicking_a_cell_chooses_exactly_its_customers(qtbot, page: RfmPage, demo: Dataset) -> None:
    _load(qtbot, page, demo)
    rect = page.grid.cell_rect(5, 4)
    with qtbot.waitSignal(page.customers_chosen) as chosen:
        qtbot.mouseClick(page.grid, Qt.MouseButton.LeftButton, pos=rect.center())
    positions, label = chosen.args
    result = page.result
    assert positions.tolist() == np.flatnonzero((result.r == 5) & (result.f == 4)).tolist()
    assert len(positions) == next(c.customers for c in page.grid.cells() if (c.r, c.f) == (5, 4))
    assert label == "RFM cell R5 F4 (Champions)"


def test_the_grid_tooltip_speaks_business_units(qtbot, page: RfmPage, demo: Dataset) -> None:
    _load(qtbot, page, demo)
    text = page.grid.tooltip_text(5, 2)
    assert "R5: last purchase 1–74 days before the as-of date" in text
    assert "F2: 2 orders" in text
    assert "Customers: 136" in text and "Revenue: " in text


def test_three_bins_make_a_three_by_three_grid(qtbot, page: RfmPage, demo: Dataset) -> None:
    _load(qtbot, page, demo)
    before = page.result
    with qtbot.waitSignal(page.result_changed, timeout=WAIT_MS):
        page.settings_bar.bins_box.set_value(3)
    assert page.grid.bins == 3
    assert sorted((c.r, c.f) for c in page.grid.cells()) == [(r, f) for r in (1, 2, 3) for f in (1, 2, 3)]
    assert page.result.totals is before.totals  # re-scored, not aggregated again
    assert sum(c.customers for c in page.grid.cells()) == page.result.scored
    rects = {(c.r, c.f): page.grid.cell_rect(c.r, c.f) for c in page.grid.cells()}
    assert rects[(3, 1)].top() < rects[(1, 1)].top() and rects[(1, 1)].left() < rects[(1, 3)].left()
    assert page.range_model.rowCount() == 9


def test_rapid_changes_are_scored_once(qtbot, page: RfmPage, demo: Dataset) -> None:
    _load(qtbot, page, demo)
    results = []
    page.result_changed.connect(results.append)
    with qtbot.waitSignal(page.result_changed, timeout=WAIT_MS):
        for bins in (3, 4, 3, 4):
            page.settings_bar.bins_box.set_value(bins)
    qtbot.waitUntil(lambda: not page.is_busy)
    assert len(results) == 1 and results[0].settings.bins == 4


def test_the_summary_sorts_by_revenue(qtbot, page: RfmPage, demo: Dataset) -> None:
    _load(qtbot, page, demo)
    model, view = page.overview.segment_model, page.overview.segment_table
    revenue = 3
    assert model.headerData(revenue, Qt.Orientation.Horizontal) == "Revenue"
    _click_header(qtbot, view, revenue)
    values = model.column_values(revenue)
    assert values == sorted(values)
    _click_header(qtbot, view, revenue)
    values = model.column_values(revenue)
    assert values == sorted(values, reverse=True)
    assert model.key(0) == "loyal"  # the biggest spenders of the demo shop
    with qtbot.waitSignal(page.result_changed, timeout=WAIT_MS):
        page.settings_bar.bins_box.set_value(4)
    assert model.column_values(revenue) == sorted(model.column_values(revenue), reverse=True)  # sort kept


def test_clicking_summary_rows_chooses_segments_and_stages(qtbot, page: RfmPage, demo: Dataset) -> None:
    _load(qtbot, page, demo)
    view, model = page.overview.segment_table, page.overview.segment_model
    row = next(r for r in range(model.rowCount()) if model.key(r) == "at_risk")
    with qtbot.waitSignal(page.customers_chosen) as chosen:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(view.model().index(row, 1)).center())
    assert chosen.args[0].tolist() == segment_positions(page.result, "at_risk").tolist()
    assert chosen.args[1] == "RFM segment: At risk"
    stages = page.overview.stage_table
    with qtbot.waitSignal(page.customers_chosen) as chosen:
        qtbot.mouseClick(stages.viewport(), Qt.MouseButton.LeftButton,
                         pos=stages.visualRect(stages.model().index(4, 0)).center())
    assert chosen.args[0].tolist() == stage_positions(page.result, "lost").tolist()
    assert chosen.args[1] == "Lifecycle stage: Lost"


def test_segment_names_follow_the_language(qtbot, demo: Dataset) -> None:
    set_language("ru")
    page = RfmPage()
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    _load(qtbot, page, demo)
    model = page.overview.segment_model
    names = [model.name(r) for r in range(model.rowCount())]
    assert names[:3] == ["Чемпионы", "Лояльные", "Потенциально лояльные"]
    assert page.grid.cell_lines(5, 5)[0] == "Чемпионы"
    assert page.overview.stage_model.name(0) == "Потенциальные"
    assert "Давность" in [page.range_model.index(r, 0).data() for r in range(page.range_model.rowCount())]
    page.shutdown()


def test_bad_thresholds_say_what_is_wrong_and_keep_the_result(qtbot, page: RfmPage, demo: Dataset) -> None:
    _load(qtbot, page, demo)
    with qtbot.waitSignal(page.result_changed, timeout=WAIT_MS):
        page.settings_bar.mode_box.set_value("fixed")
    assert page.settings_bar.threshold_editor.isVisible()
    assert page.range_model.columnCount() == 5  # with the bounds the thresholds define
    assert page.range_model.index(0, 3).data() == "up to 14 days"
    shown = page.result
    page.settings_bar.threshold_editor.boxes["recency"][1].setValue(5)  # below the first edge, 14
    qtbot.waitUntil(lambda: page.message_label.text() != "")
    assert page.message_label.text() == "The thresholds for Recency must go up, each bigger than the one before."
    assert page.result is shown and not page.is_busy
    with qtbot.waitSignal(page.result_changed, timeout=WAIT_MS):
        page.settings_bar.threshold_editor.boxes["recency"][1].setValue(60)
    assert page.message_label.text() == ""
    assert page.result.settings.thresholds.recency == (14, 60, 90, 180)


def test_bad_lifecycle_thresholds_say_what_is_wrong(qtbot, page: RfmPage, demo: Dataset) -> None:
    _load(qtbot, page, demo)
    page.settings_bar.lifecycle_boxes[0].setValue(200)  # "new" longer than "active" (120)
    qtbot.waitUntil(lambda: page.message_label.text() != "")
    assert page.message_label.text().startswith("Lifecycle thresholds must grow")


def test_as_of_today_and_back_to_the_latest_data(qtbot, page: RfmPage, demo: Dataset) -> None:
    _load(qtbot, page, demo)
    latest = page.result.as_of
    with qtbot.waitSignal(page.result_changed, timeout=WAIT_MS):
        qtbot.mouseClick(page.settings_bar.today_button, Qt.MouseButton.LeftButton)
    assert page.result.as_of == dt.date.today()
    assert page.settings_bar.latest_button.isEnabled()
    with qtbot.waitSignal(page.result_changed, timeout=WAIT_MS):
        qtbot.mouseClick(page.settings_bar.latest_button, Qt.MouseButton.LeftButton)
    assert page.result.as_of == latest
    assert not page.settings_bar.latest_button.isEnabled()


def test_a_customer_list_alone_is_scored_from_its_summary_columns(qtbot, page: RfmPage, demo: Dataset) -> None:
    _load(qtbot, page, demo, orders=False)
    assert "last purchase date, orders count and total spent" in page.status_label.text()
    assert page.result.scored > 0


def test_without_purchases_the_page_says_what_to_import(qtbot, page: RfmPage, customers_table) -> None:
    with qtbot.waitSignal(page._runner.failed, timeout=WAIT_MS):
        page.set_data(customers_table)
    assert page.result is None
    assert page.empty_label.text().startswith("RFM needs purchases: import an order log")
    assert not page.use_button.isEnabled()
    page.set_data(None)
    assert page.empty_label.text().startswith("Open a customer list")


def test_tabs_can_be_added(qtbot, page: RfmPage) -> None:
    from PySide6.QtWidgets import QLabel

    index = page.add_tab(QLabel(), "Charts")
    assert index == 2 and page.tabs.tabText(2) == "Charts"


def test_a_custom_map_is_offered_and_used(qtbot, page: RfmPage, demo: Dataset) -> None:
    from segdesk.core.rfm.maps import RF10, RfmMap

    _load(qtbot, page, demo)
    mine = RfmMap("mine", {"en": "Mine"}, "rf", RF10.segments[:2])
    with qtbot.waitSignal(page.result_changed, timeout=WAIT_MS):
        page.set_custom_map(mine)
    assert page.result.settings.rfm_map is mine
    assert [m.key for m in page.settings_bar.maps()] == ["rf10", "rfm11", "mine"]
    assert page.overview.segment_model.key(2) == "unassigned"


# --- with the main window: the Data page follows ---


@pytest.fixture
def window(qtbot, settings: Settings, demo: Dataset):
    made = MainWindow(Workspace(), settings)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    with qtbot.waitSignal(made.rfm_page.result_changed, timeout=WAIT_MS):
        made.workspace.apply(demo)
    made.navigation.choose("rfm")
    yield made
    made.close()


def _shown_positions(window: MainWindow) -> list[int]:
    model = window.data_page.model
    return sorted(model.frame_view().positions(0, model.rowCount()).tolist())


def test_use_as_segments_fills_the_data_page_list(qtbot, window: MainWindow) -> None:
    page = window.rfm_page
    assert window.pages.currentWidget() is page
    qtbot.mouseClick(page.use_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.data_page
    assert window.navigation.currentItem().text() == "Data"
    bar = window.data_page.segment_bar
    champions = segment_positions(page.result, "champions")
    assert bar.isVisible()
    assert f"RFM: Champions ({len(champions)})" in bar.labels()
    assert "Lifecycle: Active (954)" in bar.labels()
    combo = bar.combo
    combo.setCurrentIndex(combo.findData("segment:champions"))
    assert _shown_positions(window) == champions.tolist()
    with qtbot.waitSignal(page.result_changed, timeout=WAIT_MS):
        page.settings_bar.bins_box.set_value(3)  # the list follows the RFM page
    assert _shown_positions(window) == segment_positions(page.result, "champions").tolist()
    assert combo.currentData() == "segment:champions"
    qtbot.mouseClick(bar.show_all_button, Qt.MouseButton.LeftButton)
    assert window.data_page.model.rowCount() == 5_000


def test_a_chosen_cell_is_shown_on_the_data_page(qtbot, window: MainWindow) -> None:
    page = window.rfm_page
    qtbot.waitUntil(lambda: page.grid.isVisible())
    rect = page.grid.cell_rect(1, 1)
    qtbot.mouseClick(page.grid, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.pages.currentWidget() is window.data_page
    result = page.result
    assert _shown_positions(window) == np.flatnonzero((result.r == 1) & (result.f == 1)).tolist()
    bar = window.data_page.segment_bar
    assert bar.combo.currentText() == "RFM cell R1 F1 (Hibernating)"
    assert window.data_page._count.text().startswith("Showing 253 of 5,000")
    bar.show_all()
    assert window.data_page.model.rowCount() == 5_000


def test_new_data_resets_the_segment_list(qtbot, window: MainWindow, customers_table) -> None:
    qtbot.mouseClick(window.rfm_page.use_button, Qt.MouseButton.LeftButton)
    assert window.data_page.segment_bar.isVisible()
    window.workspace.set_customers(customers_table)
    assert not window.data_page.segment_bar.isVisibleTo(window.data_page)
    assert window.data_page.model.rowCount() == 6
    qtbot.waitUntil(lambda: not window.rfm_page.is_busy, timeout=WAIT_MS)
    assert window.rfm_page.result is None


def test_the_rfm_page_is_reachable_from_the_navigation_and_the_view_menu(qtbot, window: MainWindow) -> None:
    window.navigation.choose("data")
    assert window.pages.currentWidget() is window.data_page
    window.actions.rfm_page.trigger()
    assert window.pages.currentWidget() is window.rfm_page


def test_closing_the_window_cancels_scoring(qtbot, window: MainWindow) -> None:
    window.rfm_page.settings_bar.bins_box.set_value(3)
    window.close()
    assert not window.rfm_page.is_busy


def test_the_rfm_page_runs_alone(qtbot, monkeypatch) -> None:
    from segdesk.ui import rfm_page

    shown = []

    def fake_exec(app: QApplication) -> int:
        shown.extend(w for w in app.topLevelWidgets() if isinstance(w, RfmPage) and w.isVisible())
        for page in shown:
            qtbot.addWidget(page)
            qtbot.waitSignal(page.result_changed, timeout=WAIT_MS).wait()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert rfm_page.main(["rfm_page"]) == 0
    assert len(shown) == 1 and shown[0].result is not None
    shown[0].shutdown()

