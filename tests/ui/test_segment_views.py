"""The Segments page's display widgets: the overlap heatmap, the size charts and the "Why?" panel."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QToolTip

from segdesk.ui.i18n import set_language
from segdesk.ui.rfm_palette import NO_SEGMENT
from segdesk.ui.segment_chart import SegmentChart
from segdesk.ui.segment_overlap import SegmentOverlap, sample_overlap, share_text
from segdesk.ui.why_panel import WhyPanel

SIGNAL_MS = 5_000
#: Popups (the customer completions) grab the keyboard, which the offscreen platform cannot do; the marker
#: replaces the suite's list of offscreen noise, so that list is repeated here.
popups = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)",
                                   r"This plugin does not support raise\(\)", r"QFont::setPointSizeF",
                                   r"This plugin does not support grabbing the keyboard")
NAMES = ["Moscow", "Big spenders", "Lapsed"]
COLOURS = ["#4e79a7", "#f28e2b", "#e15759"]
# 312 of Moscow's 761 customers (41%) are big spenders; they are 12% of the 2,600 big spenders
OVERLAP = np.array([[761, 312, 0], [312, 2600, 3], [0, 3, 400]], dtype=np.int64)


def _clean(text: str) -> str:
    """Russian digit groups and "41 %" use no-break spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


# --- overlap ---


@pytest.fixture
def overlap(qtbot):
    widget = SegmentOverlap()
    qtbot.addWidget(widget)
    widget.resize(700, 420)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_overlap(NAMES, COLOURS, OVERLAP, [761, 2600, 400])
    return widget


def test_cells_say_the_count_and_the_share_of_the_row_segment(overlap):
    assert overlap.cell_lines(0, 1) == ("312", "41%")
    assert overlap.cell_lines(1, 0) == ("312", "12%")
    assert overlap.cell_lines(0, 2) == ("0", "0%")
    assert overlap.cell_lines(2, 1) == ("3", "<1%")  # a real overlap is never rounded away to 0%
    assert overlap.cell_lines(1, 1) == ("2,600", "")  # the diagonal is all of its segment: no share
    assert overlap.share(0, 1) == pytest.approx(312 / 761)
    assert overlap.empty_text() == ""


def test_tooltips_say_the_overlap_in_words(overlap):
    assert overlap.tooltip_text(0, 1) == ("312 customers are in both “Moscow” and “Big spenders”: 41% of Moscow, "
                                          "12% of Big spenders.")
    assert overlap.tooltip_text(0, 2) == "No customer is in both “Moscow” and “Lapsed”."
    assert overlap.tooltip_text(2, 2) == "400 customers match the rule of “Lapsed”, before priority."


def test_tooltips_in_russian(overlap):
    set_language("ru")
    overlap.set_overlap(NAMES, COLOURS, OVERLAP, [761, 2600, 400])
    assert _clean(overlap.tooltip_text(0, 1)) == ("312 клиентов входят и в «Moscow», и в «Big spenders»: "
                                                  "41 % сегмента «Moscow», 12 % сегмента «Big spenders».")
    assert _clean(overlap.tooltip_text(2, 1)).startswith("3 клиента входят")


def test_clicking_a_cell_emits_its_segments(qtbot, overlap):
    for i, j in [(0, 1), (2, 0), (1, 1)]:
        assert overlap.cell_at(overlap.cell_rect(i, j).center()) == (i, j)
        with qtbot.waitSignal(overlap.cell_clicked, timeout=SIGNAL_MS) as seen:
            qtbot.mouseClick(overlap, Qt.MouseButton.LeftButton, pos=overlap.cell_rect(i, j).center())
        assert seen.args == [i, j]


def test_a_click_beside_the_cells_emits_nothing(qtbot, overlap):
    clicks = []
    overlap.cell_clicked.connect(lambda i, j: clicks.append((i, j)))
    qtbot.mouseClick(overlap, Qt.MouseButton.LeftButton, pos=overlap.cell_rect(0, 0).topLeft() - QPoint(20, 20))
    assert clicks == []


def test_fewer_than_two_segments_show_the_empty_state(qtbot, overlap):
    overlap.set_overlap(NAMES[:1], COLOURS[:1], OVERLAP[:1, :1], [761])
    assert "at least two segments" in overlap.empty_text()
    assert overlap.cell_at(overlap.rect().center()) is None
    with pytest.raises(IndexError):
        overlap.cell_rect(0, 0)
    clicks = []
    overlap.cell_clicked.connect(lambda i, j: clicks.append((i, j)))
    qtbot.mouseClick(overlap, Qt.MouseButton.LeftButton, pos=overlap.rect().center())
    assert clicks == [] and not overlap.grab().isNull()
    overlap.clear()
    assert overlap.count() == 0 and overlap.empty_text()


def test_twenty_segments_fit_and_stay_clickable(qtbot, overlap):
    rng = np.random.default_rng(1)
    member = (rng.random((2000, 20)) < 0.3).astype(np.int64)
    matrix = member.T @ member
    names = [f"Segment with a long name number {k}" for k in range(20)]
    overlap.set_overlap(names, (COLOURS * 7)[:20], matrix, list(np.diag(matrix)))
    overlap.resize(900, 700)
    assert not overlap.grab().isNull()
    last = overlap.cell_rect(19, 19)
    assert overlap.rect().contains(last) and last.width() > 10 and last.height() > 10
    with qtbot.waitSignal(overlap.cell_clicked, timeout=SIGNAL_MS) as seen:
        qtbot.mouseClick(overlap, Qt.MouseButton.LeftButton, pos=overlap.cell_rect(19, 3).center())
    assert seen.args == [19, 3]


def test_mismatched_lengths_are_refused(overlap):
    with pytest.raises(ValueError):
        overlap.set_overlap(NAMES, COLOURS[:2], OVERLAP, [1, 2, 3])


def test_share_text_never_rounds_a_real_overlap_to_none_or_all():
    assert [share_text(s) for s in (0.0, 0.004, 0.415, 0.996, 1.0)] == ["0%", "<1%", "42%", ">99%", "100%"]


def test_the_sample_is_consistent():
    names, colours, matrix, sizes = sample_overlap()
    assert len(names) == len(colours) == len(sizes) == matrix.shape[0] == matrix.shape[1]
    assert (matrix == matrix.T).all() and list(np.diag(matrix)) == sizes


# --- charts ---


@pytest.fixture
def chart(qtbot):
    widget = SegmentChart()
    qtbot.addWidget(widget)
    widget.resize(1100, 520)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_data(NAMES, COLOURS, [761, 2600, 400], [91_000.5, 1_250_000.0, 12_000.0], (1500, 80_000.0))
    yield widget
    widget.release()


def test_bars_follow_the_data_with_everyone_else_last_in_grey(chart):
    names = [*NAMES, "Everyone else"]
    customers, revenue = chart.customers, chart.revenue
    assert customers.names == revenue.names == names
    assert list(customers.bars.opts["width"]) == [761, 2600, 400, 1500]
    assert list(revenue.bars.opts["width"]) == [91_000.5, 1_250_000.0, 12_000.0, 80_000.0]
    assert list(customers.bars.opts["y"]) == [0, 1, 2, 3]  # the list order, top first
    brushes = customers.bars.opts["brushes"]
    assert [QColor(b).name() for b in brushes] == [*COLOURS, QColor(NO_SEGMENT).name()]
    assert [label.toPlainText() for label in customers.labels] == ["761", "2,600", "400", "1,500"]
    assert revenue.labels[0].toPlainText() == "91,001"  # whole units
    assert customers.note.text() == "5,261 customers"
    assert revenue.note.text() == "All revenue: 1,433,001"


def test_hover_text_has_the_full_name_and_exact_figures(qtbot, chart):
    text = chart.customers.hover_texts[1]
    assert text.splitlines() == ["Big spenders", "Customers: 2,600 (49.4% of all customers)",
                                 "Revenue: 1,250,000 (87.2% of all revenue)", "Average spend per customer: 481"]
    assert chart.revenue.hover_texts == chart.customers.hover_texts
    bars = chart.customers
    qtbot.waitUntil(lambda: bars.plot.vb.width() > 0)
    middle = bars.plot.vb.mapViewToScene(QPointF(300, 1))
    assert bars.bar_at(middle) == 1
    bars.widget.scene().sigMouseMoved.emit(middle)
    assert QToolTip.text() == text
    bars.widget.scene().sigMouseMoved.emit(QPointF(-50, -50))
    assert bars.bar_at(QPointF(-50, -50)) == -1


def test_long_names_are_shortened_on_the_axis_only(chart):
    long = "Loyalty club members in Saint Petersburg who bought twice"
    chart.set_data([long], ["#4e79a7"], [10], [100.0], (5, 50.0))
    ticks = chart.customers.plot.getAxis("left")._tickLevels[0]
    assert ticks[0][1].endswith("…") and len(ticks[0][1]) < len(long)
    assert chart.customers.names[0] == long and chart.customers.hover_texts[0].startswith(long)


def test_no_customers_no_bars(chart):
    chart.set_data([], [], [], [], (0, 0.0))
    assert len(chart.customers.bars.opts["width"]) == 0 and chart.customers.labels == []
    assert not chart.customers.export_button.isEnabled()
    chart.set_data([], [], [], [], (42, 10.0))  # no segments yet: everyone is everyone else
    assert chart.customers.names == ["Everyone else"]


def test_charts_export(qtbot, chart, tmp_path):
    for box in chart.charts():
        for suffix in (".png", ".svg"):
            with qtbot.waitSignal(box.exported, timeout=SIGNAL_MS):
                assert box.export_chart(tmp_path / f"{box._file_stem}{suffix}")
    assert len(list(tmp_path.iterdir())) == 4


def test_chart_texts_in_russian(qtbot):
    set_language("ru")
    widget = SegmentChart()
    qtbot.addWidget(widget)
    widget.set_data(NAMES, COLOURS, [761, 2600, 400], [91_000.5, 1_250_000.0, 12_000.0], (1500, 80_000.0))
    assert widget.customers.names[-1] == "Все остальные"
    assert _clean(widget.customers.note.text()) == "5 261 клиент"
    widget.release()


# --- why ---

ROWS = [(0, "all of these are true", False), (1, "city is Moscow", True), (1, "any of these is true", False),
        (2, "total spent is at least 50,000", False), (1, "birth date is not empty", None)]
PEOPLE = ["Anna Petrova (anna@example.com)", "Boris Ivanov (boris@example.com)", "anna karenina (k@example.com)"]


class Finder:
    """The page's customer search: positions and labels matching the typed text, and what it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, text: str) -> list[tuple[int, str]]:
        self.asked.append(text)
        return [(100 + k, p) for k, p in enumerate(PEOPLE) if text.lower() in p.lower()]


@pytest.fixture
def why(qtbot):
    widget = WhyPanel()
    qtbot.addWidget(widget)
    widget.resize(640, 420)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_rows_show_met_failed_and_unknown_marks(why):
    assert why.hint.isVisible() and not why.tree.isVisible()
    why.set_explanation("Anna Petrova", "Moscow big spenders", ROWS, "Moscow")
    assert why.shown_rows() == [(0, "all of these are true", "✗"), (1, "city is Moscow", "✓"),
                                (1, "any of these is true", "✗"), (2, "total spent is at least 50,000", "✗"),
                                (1, "birth date is not empty", "?")]
    root = why.tree.topLevelItem(0)
    assert [root.child(k).text(1) for k in range(root.childCount())] == ["met", "not met", "empty field"]
    assert root.child(0).foreground(1).color() != root.child(1).foreground(1).color()
    assert why.title.text() == "Customer Anna Petrova — in segment “Moscow”"
    assert why.verdict.text() == "Does not meet the rule of “Moscow big spenders”:"
    assert why.tree.isVisible() and not why.hint.isVisible()


def test_header_and_verdict_say_where_the_customer_went(why):
    met = [(0, "all of these are true", True), (1, "city is Moscow", True)]
    why.set_explanation("Boris", "Moscow", met, "")
    assert why.title.text() == "Customer Boris — everyone else"
    why.set_explanation("Boris", "Moscow", met, "VIP")
    assert "“VIP” is higher in the list" in why.verdict.text()
    why.set_explanation("Boris", "Moscow", [(0, "city is Moscow", None)], "")
    assert "cannot be checked" in why.verdict.text()
    why.clear()
    assert why.tree.topLevelItemCount() == 0 and why.hint.isVisible()


@popups
def test_picking_a_customer_from_the_list_emits_its_position(qtbot, why):
    finder = Finder()
    why.set_customers(finder)
    qtbot.keyClicks(why.search, "ann")
    qtbot.waitUntil(lambda: why.matches.rowCount() == 2)
    assert finder.asked == ["ann"]  # one search after the pause, not one per letter
    popup = why.completer.popup()
    assert popup.isVisible()
    popup.setCurrentIndex(why.completer.completionModel().index(1, 0))
    picked = []
    why.customer_picked.connect(picked.append)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picked == [102]  # once, the match chosen
    assert why.search.text() == PEOPLE[2] and not popup.isVisible()


@popups
def test_enter_picks_the_first_match(qtbot, why):
    why.set_customers(Finder())
    qtbot.keyClicks(why.search, "boris")
    with qtbot.waitSignal(why.customer_picked, timeout=SIGNAL_MS) as seen:
        qtbot.keyClick(why.search, Qt.Key.Key_Return)
    assert seen.args == [101]


def test_no_match_is_said(qtbot, why):
    why.set_customers(Finder())
    qtbot.keyClicks(why.search, "zzz")
    qtbot.waitUntil(lambda: why.no_match.isVisible())
    assert why.no_match.text() == "No customer matches “zzz”."
    why.set_customers(None)
    assert not why.search.isEnabled() and not why.no_match.isVisible()


def test_why_in_russian(why):
    set_language("ru")
    panel = WhyPanel()
    panel.set_explanation("Анна", "Москва", ROWS, "")
    assert panel.title.text() == "Клиент Анна — среди всех остальных"
    assert panel.tree.topLevelItem(0).child(2).text(1) == "не заполнено"
    panel.deleteLater()
