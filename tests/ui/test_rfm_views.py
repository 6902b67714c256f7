"""The RFM page's charts, map editor and movement tabs: made when first shown, following the page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from segdesk.core.model.dataset import Dataset, load_demo
from segdesk.ui.app import resources_dir
from segdesk.ui.rfm_map_table import NAME_EN
from segdesk.ui.rfm_page import RfmPage
from segdesk.ui.rfm_views import RfmViews

WAIT_MS = 20_000


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return load_demo(resources_dir() / "demo")


@pytest.fixture
def page(qtbot, demo: Dataset):
    made = RfmPage()
    views = RfmViews(made)
    qtbot.addWidget(made)
    made.resize(1200, 760)
    made.show()
    qtbot.waitExposed(made)
    with qtbot.waitSignal(made.result_changed, timeout=WAIT_MS):
        made.set_data(demo.customers, demo.orders, demo.link, demo.mapping)
    made.views = views
    yield made
    views.shutdown()
    made.shutdown()


def _tab(page: RfmPage, title: str) -> int:
    return next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == title)


def test_views_are_made_only_when_their_tab_is_shown(qtbot, page: RfmPage) -> None:
    views = page.views
    assert views.charts is None and views.map_editor is None and views.movement is None
    page.tabs.setCurrentIndex(_tab(page, "Charts"))
    assert views.charts is not None and views.charts.recency.histogram.total == page.result.scored
    assert views.movement is None


def test_charts_follow_a_new_result(qtbot, page: RfmPage) -> None:
    page.tabs.setCurrentIndex(_tab(page, "Charts"))
    before = len(page.views.charts.revenue.labels)
    with qtbot.waitSignal(page.result_changed, timeout=WAIT_MS):
        box = page.settings_bar.map_box
        box.setCurrentIndex(box.findData("rfm11"))
    assert (before, len(page.views.charts.revenue.labels)) == (10, 11)


def test_the_movement_tab_computes_when_shown(qtbot, page: RfmPage) -> None:
    page.tabs.setCurrentIndex(_tab(page, "Movement"))
    movement = page.views.movement
    qtbot.waitUntil(lambda: movement.shown_table() is not None, timeout=WAIT_MS)
    assert movement.shown_table().total == page.result.customers
    assert movement.dates()[1] == page.result.as_of


def test_an_edit_in_the_map_editor_is_scored_on_the_page(qtbot, page: RfmPage) -> None:
    page.tabs.setCurrentIndex(_tab(page, "Map editor"))
    editor = page.views.map_editor
    assert editor.current_map() == page.result.settings.rfm_map
    index = editor.model.index(0, NAME_EN)
    editor.table.setCurrentIndex(index)
    editor.table.edit(index)
    line = editor.table.viewport().findChild(QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "Stars")
    with qtbot.waitSignal(page.result_changed, timeout=WAIT_MS):
        qtbot.keyClick(line, Qt.Key.Key_Return)
    used = page.result.settings.rfm_map
    assert used.key == "custom" and used.segments[0].name("en") == "Stars"
    assert editor.current_map() == used
