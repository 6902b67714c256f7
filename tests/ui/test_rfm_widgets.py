"""The RFM charts, the map editor and the movement view, driven like a user would."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from segdesk.core.rfm import RF10, RFM11, RfmSettings, compute_rfm
from segdesk.core.rfm.purchases import default_as_of
from segdesk.ui.i18n import set_language
from segdesk.ui.rfm_charts import RfmChartsPanel
from segdesk.ui.rfm_map_editor import DEBOUNCE_MS, MapEditor
from segdesk.ui.rfm_map_table import NAME_EN, PATTERNS
from segdesk.ui.rfm_movement import DEFAULT_SPAN_DAYS, MovementView
from segdesk.ui.rfm_samples import demo_source

SIGNAL_MS = 10_000


@pytest.fixture(scope="module")
def source():
    return demo_source()


@pytest.fixture(scope="module")
def result(source):
    return compute_rfm(source, RfmSettings())


@pytest.fixture
def charts(qtbot, result):
    panel = RfmChartsPanel()
    qtbot.addWidget(panel)
    panel.resize(1100, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_result(result)
    yield panel
    panel.release()


# --- charts ---


def test_charts_show_the_scored_customers(charts, result):
    for chart in (charts.recency, charts.frequency, charts.monetary):
        assert chart.histogram is not None and chart.histogram.total == result.scored
        assert len(chart.bars.opts["height"]) == len(chart.histogram.counts) > 0
        assert chart.export_button.isEnabled()
    assert "20+" in [label for _, label in _bottom_ticks(charts.frequency)]
    assert "or more" in charts.monetary.note.text()  # the clipped long tail is said, not hidden
    assert len(charts.revenue.labels) == len(RF10.segments)
    assert charts.revenue.labels[0].toPlainText().endswith("%")


def test_each_chart_exports_png_and_svg(qtbot, charts, tmp_path):
    for chart in charts.charts():
        for suffix in (".png", ".svg"):
            path = tmp_path / f"{chart._file_stem}{suffix}"
            with qtbot.waitSignal(chart.exported, timeout=SIGNAL_MS) as seen:
                assert chart.export_chart(path)
            assert seen.args == [str(path)]
            data = path.read_bytes()
            assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:1000]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{c._file_stem}{s}" for c in charts.charts() for s in (".png", ".svg"))  # no temporary files left


def test_export_menu_asks_for_a_path_and_adds_the_suffix(charts, tmp_path, monkeypatch):
    chosen = tmp_path / "recency chart"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    charts.recency.svg_action.trigger()
    assert (tmp_path / "recency chart.svg").stat().st_size > 0
    assert "recency chart.svg" in charts.recency.status.text()


def test_export_failures_are_a_message(charts, tmp_path):
    failures = []
    charts.monetary.export_failed.connect(failures.append)
    assert not charts.monetary.export_chart(tmp_path / "no such folder" / "m.png")
    assert not charts.monetary.export_chart(tmp_path / "m.jpg")
    assert "does not exist" in failures[0] and "PNG or SVG" in failures[1]
    assert charts.monetary.status.text() == failures[1] and "Traceback" not in failures[1]
    assert list(tmp_path.iterdir()) == []


def test_no_result_clears_the_charts(charts):
    charts.set_result(None)
    assert all(not c.export_button.isEnabled() for c in charts.charts())
    assert len(charts.recency.bars.opts["height"]) == 0 and charts.revenue.labels == []


def test_segment_names_in_russian(qtbot, result):
    set_language("ru")
    panel = RfmChartsPanel()
    qtbot.addWidget(panel)
    panel.set_result(result)
    assert panel.revenue.names[0] == "Чемпионы"
    note = panel.recency.note.text().replace("\u00a0", " ").replace("\u202f", " ")
    assert note.startswith(f"{result.scored // 1000} {result.scored % 1000:03d} клиентов с покупками")


def _bottom_ticks(chart):
    return chart.plot.getAxis("bottom")._tickLevels[0]


# --- map editor ---


@pytest.fixture
def editor(qtbot):
    widget = MapEditor()
    qtbot.addWidget(widget)
    widget.set_map(RF10, 5)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _type_into_cell(qtbot, editor: MapEditor, row: int, column: int, text: str) -> None:
    index = editor.model.index(row, column)
    editor.table.setCurrentIndex(index)
    editor.table.edit(index)
    line = editor.table.viewport().findChild(QLineEdit)
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_a_bad_pattern_is_shown_and_not_used(qtbot, editor):
    _type_into_cell(qtbot, editor, 0, PATTERNS, "5[4-")
    with qtbot.assertNotEmitted(editor.map_changed, wait=DEBOUNCE_MS + 300):
        pass
    assert editor.current_map().segments[0].patterns == ("5[4-",)
    assert not editor.is_valid()
    assert editor.errors.isVisible() and "“5[4-” is not an RFM code pattern" in editor.errors.text()
    assert editor.model.data(editor.model.index(0, PATTERNS), Qt.ItemDataRole.BackgroundRole) is not None
    assert editor.preview.cell_text(5, 5) == "none"  # the preview leaves the bad pattern out


def test_removing_a_segment_warns_about_unassigned_cells(qtbot, editor):
    editor.table.selectRow(0)
    with qtbot.waitSignal(editor.map_changed, timeout=SIGNAL_MS) as blocker:
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert [s.key for s in blocker.args[0].segments] == [s.key for s in RF10.segments[1:]]
    assert "2 grid cells have no segment: R5 F4, R5 F5" in editor.warnings.text()
    assert editor.preview.cell_text(5, 4) == "none"


def test_a_valid_edit_emits_the_new_map_and_undo_brings_back_the_old(qtbot, editor):
    with qtbot.waitSignal(editor.map_changed, timeout=SIGNAL_MS) as blocker:
        _type_into_cell(qtbot, editor, 0, NAME_EN, "Stars")
    edited = blocker.args[0]
    assert edited.segments[0].name("en") == "Stars" and edited.segments[0].key == "champions"
    assert edited.key == "custom" and editor.current_map() == edited
    with qtbot.waitSignal(editor.map_changed, timeout=SIGNAL_MS) as blocker:
        _type_into_cell(qtbot, editor, 5, PATTERNS, "33, 34")  # need attention also claims R3 F4
    assert "R3 F4 (Loyal, Need attention)" in editor.warnings.text()  # a warning, not a blocker
    with qtbot.waitSignal(editor.map_changed, timeout=SIGNAL_MS) as blocker:
        qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].segments == RF10.segments
    assert "Every cell of the grid has exactly one segment." in editor.warnings.text()


def test_start_from_a_builtin_map(qtbot, editor):
    action = next(a for a in editor.start_button.menu().actions() if a.data() == "rfm11")
    with qtbot.waitSignal(editor.map_changed, timeout=SIGNAL_MS) as blocker:
        action.trigger()
    assert blocker.args[0] is RFM11
    assert editor.model.headerData(PATTERNS, Qt.Orientation.Horizontal) == "Codes (R F M)"
    assert editor.m_score.isVisible()


def test_a_new_segment_is_flagged_as_unreachable(qtbot, editor):
    with qtbot.waitSignal(editor.map_changed, timeout=SIGNAL_MS) as blocker:
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].segments[-1].name("en") == "New segment 11"
    assert "can never get customers" in editor.warnings.text() and "New segment 11" in editor.warnings.text()
    assert editor.table.currentIndex().row() == 10 and editor.remove_button.isEnabled()


def test_set_map_is_not_an_edit(qtbot, editor):
    with qtbot.assertNotEmitted(editor.map_changed, wait=DEBOUNCE_MS + 300):
        editor.set_map(RFM11, 3)
    assert editor.current_map() is RFM11 and not editor.undo_button.isEnabled()
    assert "Hibernating" in editor.warnings.text()  # with 3 scores no code reaches it


# --- movement ---


@pytest.fixture
def movement_view(qtbot):
    view = MovementView()
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_movement_matrix_counts_every_customer(qtbot, movement_view, source, result):
    as_of = default_as_of(source)
    with qtbot.waitSignal(movement_view.computed, timeout=SIGNAL_MS):
        movement_view.set_source(source, RfmSettings(), as_of)
    assert movement_view.dates() == (as_of - dt.timedelta(days=DEFAULT_SPAN_DAYS), as_of)
    table = movement_view.shown_table()
    assert table is not None and table.total == result.customers
    model = movement_view.model
    n = len(table.labels)
    assert model.rowCount() == model.columnCount() == n + 1  # with the totals
    assert model.headerData(n - 1, Qt.Orientation.Vertical) == "No purchase yet"
    assert model.data(model.index(n, n)) == f"{result.customers:,}"
    bold = model.data(model.index(0, 0), Qt.ItemDataRole.FontRole)
    assert bold is not None and bold.bold() and model.data(model.index(0, 1), Qt.ItemDataRole.FontRole) is None
    qtbot.mouseClick(movement_view.revenue_button, Qt.MouseButton.LeftButton)
    money = movement_view.shown_table()
    assert money is not None and money.total != table.total
    assert "spent" in movement_view.caption.text()


def test_a_first_date_after_the_second_is_a_message(qtbot, movement_view, source):
    as_of = default_as_of(source)
    with qtbot.waitSignal(movement_view.computed, timeout=SIGNAL_MS):
        movement_view.set_source(source, RfmSettings(), as_of)
    with qtbot.waitSignal(movement_view.failed, timeout=SIGNAL_MS) as blocker:
        movement_view.date_a.setDate(movement_view.date_b.date().addDays(1))
    assert blocker.args[0] == "The first as-of date must come before the second."
    assert movement_view.status.text() == blocker.args[0]
    assert movement_view.model.rowCount() == 0


def test_no_source_says_what_to_do(movement_view):
    movement_view.set_source(None, RfmSettings(), dt.date(2024, 1, 1))
    assert "order log" in movement_view.status.text()
    assert not movement_view.date_a.isEnabled()


# --- each widget runs alone ---


@pytest.mark.parametrize("module", ["rfm_charts", "rfm_map_editor", "rfm_movement"])
def test_runs_alone(qtbot, monkeypatch, module):
    import importlib

    shown = []
    monkeypatch.setattr(QApplication, "exec", lambda *a: len(shown))
    monkeypatch.setattr("PySide6.QtWidgets.QWidget.show", lambda self: shown.append(self))
    main = importlib.import_module(f"segdesk.ui.{module}").main
    assert main(["segdesk"]) == 1
    widget = shown[0]
    qtbot.addWidget(widget)
    if module == "rfm_movement":
        qtbot.waitUntil(lambda: widget.shown_table() is not None, timeout=SIGNAL_MS)
