"""The Segments page: the list, live counts off the GUI thread, priority, undo and redo of every edit, quick
starts, the control group, "Why?", and handing a segment's customers to the Data page."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLineEdit

from segdesk.core.model.dataset import Dataset, load_demo
from segdesk.core.rules.model import Combinator, Condition, Group, Operator
from segdesk.core.segments.model import Segment, SegmentSet, set_from_json
from segdesk.ui.app import resources_dir
from segdesk.ui.i18n import set_language
from segdesk.ui.main_window import MainWindow
from segdesk.ui.segment_list import Column
from segdesk.ui.segments_page import SegmentsPage
from segdesk.ui.settings import Settings
from segdesk.ui.workspace import Workspace

DEMO = resources_dir() / "demo"
WAIT_MS = 20_000
CITY, GENDER = "Город", "Пол"


def _segment(name: str, field: str, value: str, colour: str) -> Segment:
    return Segment(name, Group(Combinator.AND, False, (Condition(field, Operator.EQ, value),)), colour)


MOSCOW = _segment("Moscow", CITY, "Москва", "#4e79a7")
WOMEN = _segment("Women", GENDER, "Ж", "#f28e2b")
UFA = _segment("Ufa", CITY, "Уфа", "#e15759")


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return load_demo(DEMO)


@pytest.fixture
def page(qtbot, demo: Dataset):
    made = SegmentsPage()
    qtbot.addWidget(made)
    made.resize(1200, 800)
    made.show()
    qtbot.waitExposed(made)
    made.set_data(demo.customers, demo.orders, demo.link, demo.mapping)
    qtbot.waitUntil(lambda: made.prepared is not None, timeout=WAIT_MS)
    yield made
    made.shutdown()


def _counted(qtbot, page: SegmentsPage) -> None:
    """Wait until the set shown has been evaluated (after the debounce, on the worker)."""
    qtbot.waitUntil(lambda: page.report is not None and not page.is_busy, timeout=WAIT_MS)


def _load(qtbot, page: SegmentsPage, *segments: Segment, holdout: float = 0.0) -> None:
    page.load_segments(SegmentSet(tuple(segments), holdout))
    _counted(qtbot, page)


def _customers(page: SegmentsPage, row: int) -> int:
    stats = page.model.stats(row)
    assert stats is not None
    return stats.customers


def _steps(page: SegmentsPage) -> list[str]:
    stack = page.undo_stack
    return [stack.command(i).text() for i in range(stack.count())]


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _select(qtbot, page: SegmentsPage, row: int) -> None:
    rect = page.view.visualRect(page.model.index(row, Column.CUSTOMERS))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.panel.current_row() == row


def _is(demo: Dataset, field: str, value: str) -> np.ndarray:
    """Where ``field`` is ``value`` the way rules compare text: ignoring case and surrounding spaces."""
    return (demo.customers.frame[field].astype("string").str.strip().str.casefold() == value.casefold()) \
        .fillna(False).to_numpy(bool)


def _count(demo: Dataset, field: str, value: str) -> int:
    return int(_is(demo, field, value).sum())


# --- the list ---


def test_a_new_segment_is_named_at_once_and_counts_everyone(qtbot, page: SegmentsPage) -> None:
    _click(qtbot, page.panel.add_button)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)  # the new segment's name is being edited
    editor.selectAll()
    qtbot.keyClicks(editor, "Everyone")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.segments.names() == ["Everyone"])  # the view commits the edit queued
    assert _steps(page) == ["Add segment", "Rename segment"]
    _counted(qtbot, page)
    assert page.model.row_texts(0)[:3] == ["Everyone", "5,000", "100.0%"]
    assert page.model.row_texts(1)[:3] == ["Everyone else", "0", "0.0%"]
    assert page.editor.count_label.text().startswith("5,000 customers match")
    assert "In segments: 5,000 of 5,000 customers" in page.status.summary_label.text()


def test_a_condition_added_in_the_editor_is_counted_live(qtbot, page: SegmentsPage, demo: Dataset) -> None:
    _load(qtbot, page, Segment("Moscow", Group(), "#4e79a7"))
    rule = Group(Combinator.AND, False, (Condition(CITY, Operator.EQ, "Москва"),))
    page.editor.rule_edited.emit(rule, "Add condition")  # what the editor emits for the user's edit
    assert page.report is None  # out of date until counted again, never counted on the GUI thread
    assert page.editor.count_label.text() == "Counting…"
    _counted(qtbot, page)
    moscow = _count(demo, CITY, "Москва")
    assert _customers(page, 0) == moscow
    assert page.editor.count_label.text().startswith(f"{moscow:,} customers match")
    assert page.segments.segments[0].rule == rule
    page.undo_stack.undo()
    assert page.segments.segments[0].rule == Group()
    _counted(qtbot, page)
    assert _customers(page, 0) == 5_000


def test_rename_by_keyboard_and_undo_redo(qtbot, page: SegmentsPage) -> None:
    _load(qtbot, page, MOSCOW, WOMEN)
    _select(qtbot, page, 1)
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Moscow")  # taken: made unique
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.segments.names() == ["Moscow", "Moscow (2)"])
    assert page.undo_stack.undoText() == "Rename segment"
    page.undo_stack.undo()
    assert page.segments.names() == ["Moscow", "Women"]
    page.undo_stack.redo()
    assert page.segments.names() == ["Moscow", "Moscow (2)"]


def test_priority_decides_who_goes_where(qtbot, page: SegmentsPage, demo: Dataset) -> None:
    moscow, women = _is(demo, CITY, "Москва"), _is(demo, GENDER, "Ж")
    _load(qtbot, page, MOSCOW, WOMEN)
    assert [_customers(page, 0), _customers(page, 1)] == [moscow.sum(), (women & ~moscow).sum()]
    _select(qtbot, page, 1)
    _click(qtbot, page.panel.up_button)
    assert page.segments.names() == ["Women", "Moscow"]
    assert page.panel.current_row() == 0  # the moved segment stays chosen
    _counted(qtbot, page)
    assert [_customers(page, 0), _customers(page, 1)] == [women.sum(), (moscow & ~women).sum()]
    assert page.undo_stack.undoText() == "Move segment"
    page.undo_stack.undo()
    _counted(qtbot, page)
    assert page.segments.names() == ["Moscow", "Women"]
    assert _customers(page, 0) == moscow.sum()


def test_dropping_a_row_asks_for_the_move(qtbot, page: SegmentsPage) -> None:
    _load(qtbot, page, MOSCOW, WOMEN, UFA)
    model = page.model
    data = model.mimeData([model.index(0, Column.NAME)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, model.index(-1, -1))  # below "Ufa"
    assert page.segments.names() == ["Women", "Ufa", "Moscow"]
    assert not model.removeRows(0, 1)  # what the view does after a move drop: the set is already new
    assert model.rowCount() == 4
    assert not model.flags(model.index(3, 0)) & Qt.ItemFlag.ItemIsDragEnabled  # everyone else stays last
    page.undo_stack.undo()
    assert page.segments.names() == ["Moscow", "Women", "Ufa"]


def test_disable_with_the_space_bar_and_delete(qtbot, page: SegmentsPage, demo: Dataset) -> None:
    _load(qtbot, page, MOSCOW, WOMEN)
    _select(qtbot, page, 0)
    qtbot.keyClick(page.view, Qt.Key.Key_Space)
    assert not page.segments.segments[0].enabled
    assert page.undo_stack.undoText() == "Disable segment"
    _counted(qtbot, page)
    assert page.model.row_texts(0)[1] == "—"
    assert _customers(page, 1) == _count(demo, GENDER, "Ж")  # nobody is taken first any more
    _select(qtbot, page, 1)
    _click(qtbot, page.panel.delete_button)
    assert page.segments.names() == ["Moscow"]
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert page.segments.names() == ["Moscow", "Women"] and page.segments.segments[0].enabled
    page.undo_stack.redo()
    assert not page.segments.segments[0].enabled


def test_duplicate_and_colour(qtbot, page: SegmentsPage) -> None:
    _load(qtbot, page, MOSCOW)
    _select(qtbot, page, 0)
    _click(qtbot, page.panel.duplicate_button)
    assert page.segments.names() == ["Moscow", "Moscow (copy)"]
    assert page.segments.segments[1].colour != MOSCOW.colour
    _click(qtbot, page.panel.colour_button)
    dialog = page.edits.colour_dialog
    assert dialog is not None and dialog.isVisible()  # opened, not blocking this test
    dialog.colorSelected.emit(Qt.GlobalColor.black)
    dialog.close()
    assert page.segments.segments[1].colour == "#000000"
    assert _steps(page) == ["Duplicate segment", "Change segment colour"]


def test_a_too_small_segment_is_flagged(qtbot, page: SegmentsPage, demo: Dataset) -> None:
    _load(qtbot, page, MOSCOW, _segment("Bloggers", "Теги", "блогер", "#59a14f"))
    index = page.model.index(1, Column.CUSTOMERS)
    bloggers = _is(demo, "Теги", "блогер")
    assert _customers(page, 1) == (bloggers & ~_is(demo, CITY, "Москва")).sum() < 100
    assert isinstance(page.model.data(index, Qt.ItemDataRole.DecorationRole), QIcon)
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole).startswith(
        "Too small to act on: under 100 customers or 1% of the base.")
    assert page.model.data(page.model.index(0, Column.CUSTOMERS), Qt.ItemDataRole.DecorationRole) is None


def test_a_rule_that_does_not_fit_the_data_is_said_on_its_row(qtbot, page: SegmentsPage) -> None:
    broken = set_from_json({"segments": [
        {"name": "Moscow", "rule": {"rules": [{"field": CITY, "operator": "=", "value": "Москва"}]}},
        {"name": "Broken", "rule": {"rules": [{"field": "loyalty", "operator": "=", "value": "gold"}]}}]})
    _load(qtbot, page, *broken.segments)
    assert page.status.message_label.text() == "Segment “Broken”, condition 1: There is no field “loyalty”."
    assert page.model.row_texts(1)[1] == "!"
    assert _customers(page, 0) > 0  # one broken rule does not blank the others
    _select(qtbot, page, 1)
    assert page.editor._problems == {(0,): "There is no field “loyalty”."}


# --- undo merging, the control group ---


def test_value_edits_of_one_condition_are_one_undo_step(qtbot, page: SegmentsPage) -> None:
    _load(qtbot, page, MOSCOW)
    _select(qtbot, page, 0)
    for city in ("К", "Ка", "Каз", "Казань"):
        page.editor.rule_edited.emit(Group(Combinator.AND, False, (Condition(CITY, Operator.EQ, city),)),
                                     "Edit value")
    page.editor.rule_edited.emit(Group(Combinator.AND, False, (Condition(CITY, Operator.EQ, "Казань"),
                                                               Condition(GENDER, Operator.NULL))), "Add condition")
    assert _steps(page) == ["Edit value", "Add condition"]
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert page.segments.segments[0].rule == MOSCOW.rule


def test_the_control_group_share_and_seed_are_undoable(qtbot, page: SegmentsPage) -> None:
    _load(qtbot, page, MOSCOW, WOMEN)
    box = page.settings_bar.holdout_box
    assert not page.settings_bar.seed_box.isEnabled()
    box.setValue(5.0)
    box.setValue(10.0)  # holding the arrow: one step
    assert page.segments.holdout == 10.0 and _steps(page) == ["Change control group share"]
    _counted(qtbot, page)
    held = page.report.result.control
    assert 0.05 < held.sum() / (5_000 - page.report.result.everyone_else) < 0.15
    assert page.model.stats(0).control == int(held[page.report.result.assigned == 0].sum())
    assert "Control group:" in page.status.summary_label.text()
    page.settings_bar.seed_box.setValue(7)
    _counted(qtbot, page)
    assert not np.array_equal(page.report.result.control, held)
    page.undo_stack.undo()
    assert page.settings_bar.seed_box.value() == 0
    page.undo_stack.undo()
    assert page.segments.holdout == 0.0 and box.value() == 0.0


# --- quick starts, as-of date, "Why?" ---


def test_quick_start_adds_the_lifecycle_stages_as_one_step(qtbot, page: SegmentsPage) -> None:
    _load(qtbot, page, MOSCOW)
    menu = page.panel.quick_starts
    assert menu.lifecycle_action.isEnabled() and menu.birthday_action.isEnabled()
    assert "Обувь" in [a.text() for a in menu.category_menu.actions()]
    menu.lifecycle_action.trigger()
    assert page.segments.names() == ["Moscow", "Prospect", "New", "Active", "Lapsed", "Lost"]
    assert len({s.colour for s in page.segments.segments}) == 6
    assert page.undo_stack.undoText() == "Add lifecycle stages"
    _counted(qtbot, page)
    assert sum(_customers(page, r) for r in range(6)) == 5_000
    page.undo_stack.undo()
    assert page.segments.names() == ["Moscow"]


def test_category_quick_start_counts_recent_buyers(qtbot, page: SegmentsPage) -> None:
    _load(qtbot, page)
    shoes = next(a for a in page.panel.quick_starts.category_menu.actions() if a.text() == "Обувь")
    shoes.trigger()
    assert page.segments.names() == ["Bought Обувь in the last 90 days"]
    _counted(qtbot, page)
    assert 0 < _customers(page, 0) < 5_000


def test_a_new_as_of_date_counts_again(qtbot, page: SegmentsPage) -> None:
    page.panel.quick_starts.lifecycle_action.trigger()
    _counted(qtbot, page)
    active = _customers(page, 2)
    assert page.settings_bar.as_of_edit.date().toString("yyyy-MM-dd") == "2026-11-01"
    _click(qtbot, page.settings_bar.today_button)
    qtbot.waitUntil(lambda: page.prepared is not None and page.prepared.as_of != page.prepared.latest_as_of,
                    timeout=WAIT_MS)
    _counted(qtbot, page)
    assert page.settings_bar.latest_button.isEnabled()
    assert _customers(page, 2) != active
    _click(qtbot, page.settings_bar.latest_button)
    qtbot.waitUntil(lambda: page.prepared.as_of == page.prepared.latest_as_of, timeout=WAIT_MS)
    _counted(qtbot, page)
    assert _customers(page, 2) == active


def test_why_explains_one_customer(qtbot, page: SegmentsPage, demo: Dataset) -> None:
    _load(qtbot, page, WOMEN, MOSCOW)
    _select(qtbot, page, 1)
    frame = demo.customers.frame
    position = int(np.flatnonzero(_is(demo, CITY, "Москва") & _is(demo, GENDER, "Ж"))[0])
    found = page.prepared.search(str(frame["Код клиента"].iloc[position]))
    assert found[0][0] == position
    page.why_panel.customer_picked.emit(position)
    assert page.why_panel.shown_rows() == [(0, "all of these", "✓"), (1, 'Город is "Москва"', "✓")]
    assert "in segment “Women”" in page.why_panel.title.text()
    assert "“Women” is higher in the list" in page.why_panel.verdict.text()


# --- in the main window ---


@pytest.fixture
def window(qtbot, settings: Settings, demo: Dataset):
    made = MainWindow(Workspace(), settings)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    made.workspace.apply(demo)
    made.actions.segments_page.trigger()
    qtbot.waitUntil(lambda: made.segments_page.prepared is not None, timeout=WAIT_MS)
    yield made
    made.close()


def test_double_clicking_a_segment_shows_its_customers_on_the_data_page(qtbot, window: MainWindow,
                                                                        demo: Dataset) -> None:
    page = window.segments_page
    assert window.pages.currentWidget() is page
    _load(qtbot, page, MOSCOW, WOMEN)
    rect = page.view.visualRect(page.model.index(1, Column.NAME))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click's
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # first press
    assert window.pages.currentWidget() is window.data_page
    model = window.data_page.model
    expected = np.flatnonzero(_is(demo, GENDER, "Ж") & ~_is(demo, CITY, "Москва"))
    assert sorted(model.frame_view().positions(0, model.rowCount()).tolist()) == expected.tolist()
    assert window.data_page.segment_bar.combo.currentText().startswith("Women")


def test_show_customers_waits_for_counts_that_are_out_of_date(qtbot, window: MainWindow) -> None:
    page = window.segments_page
    _load(qtbot, page, MOSCOW)
    page.editor.rule_edited.emit(UFA.rule, "Change field")
    assert page.report is None
    _select(qtbot, page, 0)
    with qtbot.waitSignal(page.customers_chosen, timeout=WAIT_MS) as chosen:
        _click(qtbot, page.panel.show_button)
    assert len(chosen.args[0]) == page.model.stats(0).customers < 200


def test_edit_menu_names_the_step_and_ctrl_z_undoes_it(qtbot, window: MainWindow) -> None:
    page = window.segments_page
    _load(qtbot, page, MOSCOW)
    undo, redo = window.actions.undo, window.actions.redo
    assert not undo.isEnabled()
    page.model.setData(page.model.index(0, Column.NAME), "Muscovites")
    assert undo.text() == "Undo Rename segment" and undo.isEnabled()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.segments.names() == ["Moscow"]
    assert redo.text() == "Redo Rename segment"
    qtbot.keyClick(page.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert page.segments.names() == ["Muscovites"]
    window.navigation.choose("data")
    assert not undo.isEnabled()  # undo follows the page shown


def test_segments_survive_a_language_switch(qtbot, settings: Settings, demo: Dataset) -> None:
    from segdesk.ui.app import SegdeskApp

    controller = SegdeskApp(QApplication.instance(), settings)
    qtbot.addWidget(controller.window)
    controller.workspace.apply(demo)
    controller.window.segments_page.add_segments([MOSCOW], "Add segment")
    controller.window.actions.languages["ru"].trigger()
    window = controller.window
    qtbot.addWidget(window)
    page = window.segments_page
    assert page.segments.names() == ["Moscow"]
    assert page.panel.add_button.text() == "Добавить"
    qtbot.waitUntil(lambda: page.report is not None and not page.is_busy, timeout=WAIT_MS)
    assert page.model.row_texts(1)[0] == "Все остальные"
    window.close()
    set_language("en")


def test_the_segments_page_runs_alone(qtbot, monkeypatch) -> None:
    from segdesk.ui import segments_page

    shown = []

    def fake_exec(app: QApplication) -> int:
        shown.extend(w for w in app.topLevelWidgets() if isinstance(w, SegmentsPage) and w.isVisible())
        for made in shown:
            qtbot.addWidget(made)
            qtbot.waitSignal(made.report_changed, timeout=WAIT_MS).wait()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert segments_page.main(["segments_page"]) == 0
    assert len(shown) == 1 and shown[0].model.rowCount() == 6


def test_ctrl_z_on_the_rfm_map_editor_leaves_the_segments_alone(qtbot, window: MainWindow) -> None:
    """The map editor has its own Ctrl+Z; undo acts on the page shown, and the two never clash."""
    page = window.segments_page
    _load(qtbot, page, MOSCOW)
    page.model.setData(page.model.index(0, Column.NAME), "Muscovites")
    window.actions.rfm_page.trigger()
    qtbot.waitUntil(lambda: window.rfm_page.result is not None, timeout=WAIT_MS)
    tabs = window.rfm_page.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == "Map editor"))
    views = window.pages.rfm_views
    qtbot.waitUntil(lambda: views.map_editor is not None and views.map_editor.isVisible())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    views.map_editor.setFocus()
    qtbot.keyClick(views.map_editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.segments.names() == ["Muscovites"]
    window.actions.segments_page.trigger()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.segments.names() == ["Moscow"]
