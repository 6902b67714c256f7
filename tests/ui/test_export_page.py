"""The Export page: a preview that matches core's plan and follows every choice, presets and columns, the
suppression list, the export itself off the GUI thread (progress, cancel, Open folder), messages instead of
tracebacks, Russian texts, and the page in the main window."""

from __future__ import annotations

import csv
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QLineEdit

from segdesk.core.export.exclusions import REASONS, read_suppression
from segdesk.core.export.model import ExportSettings, Reason
from segdesk.core.export.run import ExportPlan, plan_export
from segdesk.core.segments.templates import lifecycle_segments
from segdesk.ui import export_tasks
from segdesk.ui.export_page import ExportPage
from segdesk.ui.export_tasks import ExportInput, demo_input
from segdesk.ui.i18n import format_int, set_language
from segdesk.ui.main_window import MainWindow
from segdesk.ui.settings import Settings
from segdesk.ui.workspace import Workspace

WAIT_MS = 20_000
#: Preview columns: segment, customers, written, control, then the reasons in core's order.
WRITTEN, CONTROL = 2, 3


@pytest.fixture(scope="module")
def demo() -> ExportInput:
    return demo_input("en")


def _show(qtbot, page: ExportPage, demo: ExportInput) -> ExportPage:
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    page.set_data(demo.customers, demo.report, demo.as_of)
    _planned(qtbot, page)
    return page


@pytest.fixture
def page(qtbot, settings: Settings, demo: ExportInput):
    made = _show(qtbot, ExportPage(settings), demo)
    yield made
    made.shutdown()


def _planned(qtbot, page: ExportPage) -> ExportPlan:
    qtbot.waitUntil(lambda: page.plan is not None and not page.is_busy, timeout=WAIT_MS)
    assert page.plan is not None
    return page.plan


def _expected(demo: ExportInput, **changes) -> ExportPlan:
    return plan_export(demo.customers, demo.report.segments, demo.report.result, ExportSettings(**changes))


def _cells(page: ExportPage, row: int) -> list[str]:
    table = page.preview.table
    return [table.item(row, c).text() for c in range(table.columnCount())]


def _expected_rows(plan: ExportPlan) -> list[list[str]]:
    return [[p.segment.name, format_int(p.customers), format_int(len(p.rows)), format_int(len(p.control)),
             *(format_int(p.excluded[r]) for r in REASONS)] for p in plan.lists]


def _headers(page: ExportPage) -> list[str]:
    table = page.columns.table
    return [table.item(r, 0).text() for r in range(table.rowCount())]


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _tick(qtbot, box) -> None:
    """Click a check box on its indicator (a wide box's middle is past its text, where clicks do nothing)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _choose_preset(qtbot, page: ExportPage, title: str) -> None:
    """Pick the preset offered as ``title`` (the combo box's signals as for a choice in its list)."""
    box = page.choices.preset_box
    index = box.findText(title)
    assert index >= 0, title
    box.setCurrentIndex(index)
    _planned(qtbot, page)


def _type_folder(qtbot, page: ExportPage, folder: Path) -> None:
    edit = page.choices.folder_edit
    edit.clear()
    qtbot.keyClicks(edit, str(folder))
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    _planned(qtbot, page)


def _export(qtbot, page: ExportPage) -> None:
    with qtbot.waitSignal(page.exported, timeout=WAIT_MS):
        _click(qtbot, page.bar.export_button)


def test_preview_matches_the_plan_and_follows_an_exclusion(qtbot, page: ExportPage, demo: ExportInput) -> None:
    expected = _expected(demo)
    rows = _expected_rows(expected)
    assert [_cells(page, r) for r in range(len(rows))] == rows
    total = _cells(page, len(rows))
    assert total[0] == "Total" and total[WRITTEN] == format_int(sum(len(p.rows) for p in expected.lists))
    assert sum(p.excluded[Reason.NO_CONSENT] for p in expected.lists) > 0  # the demo has a consent column
    with qtbot.waitSignal(page.settings_changed):
        _tick(qtbot, page.choices.consent_box)
    _planned(qtbot, page)
    assert page.settings().exclude_no_consent is False
    after = _expected(demo, exclude_no_consent=False)
    assert [_cells(page, r) for r in range(len(rows))] == _expected_rows(after)
    assert sum(len(p.rows) for p in after.lists) > sum(len(p.rows) for p in expected.lists)


def test_unticking_a_segment_leaves_it_out(qtbot, page: ExportPage) -> None:
    first = page.choices.segments.tree.topLevelItem(0).text(0)
    page.choices.segments.set_checked(first, False)
    _planned(qtbot, page)
    assert first not in page.settings().segments and len(page.settings().segments) == 4
    assert first not in [p.segment.name for p in page.plan.lists]
    _tick(qtbot, page.choices.segments.all_box)
    _planned(qtbot, page)
    assert page.settings().segments is None and len(page.plan.lists) == 5


def test_choosing_mailchimp_shows_its_columns(qtbot, page: ExportPage) -> None:
    _choose_preset(qtbot, page, "Mailchimp")
    assert page.settings().preset == "mailchimp" and page.settings().columns is None
    assert _headers(page) == ["Email Address", "First Name", "Last Name", "Phone Number", "Birthday", "Tags"]
    assert "E-mail" in page.columns.table.item(0, 1).text()  # the demo's email column
    assert not page.choices.kind_box.isEnabled()  # Mailchimp takes CSV
    assert page.choices.invalid_box.isChecked() and not page.choices.invalid_box.isEnabled()


def _rename(qtbot, page: ExportPage, row: int, header: str) -> None:
    table = page.columns.table
    table.editItem(table.item(row, 0))
    editor = table.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, header)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.findChild(QLineEdit) is None)  # the closed editor is gone


def test_a_renamed_header_is_written(qtbot, page: ExportPage, tmp_path: Path) -> None:
    _choose_preset(qtbot, page, "Mailchimp")
    with qtbot.waitSignal(page.settings_changed):
        _rename(qtbot, page, 0, "E-mail address")
    assert page.settings().columns[0].header == "E-mail address"
    _type_folder(qtbot, page, tmp_path / "lists")
    _export(qtbot, page)
    written = sorted((tmp_path / "lists").glob("*.csv"))
    assert written
    with written[0].open(encoding="utf-8", newline="") as f:
        assert next(csv.reader(f)) == ["E-mail address", "First Name", "Last Name", "Phone Number", "Birthday",
                                       "Tags"]


def test_a_saved_preset_is_offered_and_chosen_again(qtbot, page: ExportPage, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    _choose_preset(qtbot, page, "Mailchimp")
    page.columns.table.item(3, 0).setCheckState(Qt.CheckState.Unchecked)  # no phone
    _rename(qtbot, page, 5, "Segment")
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Shop newsletter", True))
    _click(qtbot, page.columns.save_button)
    _planned(qtbot, page)
    assert page.settings().preset == "Shop newsletter"
    assert page.choices.preset_box.currentText() == "Shop newsletter"
    assert [p.name for p in page.settings().custom_presets] == ["Shop newsletter"]
    assert [p.name for p in Settings().export_presets] == ["Shop newsletter"]  # remembered
    wanted = ["Email Address", "First Name", "Last Name", "Birthday", "Segment"]
    assert _headers(page) == wanted
    _choose_preset(qtbot, page, "Klaviyo")
    assert _headers(page)[0] == "Email Address" and "Segment" in _headers(page)
    _choose_preset(qtbot, page, "Shop newsletter")
    assert page.settings().preset == "Shop newsletter" and _headers(page) == wanted


def test_a_built_in_name_is_refused_for_a_preset(qtbot, page: ExportPage) -> None:
    assert not page.save_preset("Mailchimp")
    assert "built-in" in page.preview.summary_label.text()
    assert page.settings().custom_presets == ()


def test_export_writes_the_files_and_opens_the_folder(qtbot, page: ExportPage, tmp_path: Path,
                                                      monkeypatch) -> None:
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    folder = tmp_path / "mailing"
    _type_folder(qtbot, page, folder)
    _export(qtbot, page)
    names = sorted(p.name for p in folder.iterdir())
    assert len([n for n in names if n.endswith(".xlsx")]) == 10  # five lists and their control groups
    assert "export-log.jsonl" in names
    assert page.bar.result_label.text() == f"Wrote 10 files to {folder}"
    assert page.bar.open_button.isVisible() and page.bar.export_button.isEnabled()
    _click(qtbot, page.bar.open_button)
    assert opened == [str(folder)]
    assert Settings().export_folder == str(folder)


def test_cancel_during_the_export_leaves_no_files(qtbot, page: ExportPage, tmp_path: Path, monkeypatch) -> None:
    real, gate = export_tasks.export, threading.Event()

    def held_export(*args, progress, **kwargs):
        def held(fraction: float, message: str) -> None:
            progress(fraction, message)
            gate.wait(10)  # until the test has clicked Cancel

        return real(*args, progress=held, **kwargs)

    monkeypatch.setattr(export_tasks, "export", held_export)
    folder = tmp_path / "cancelled"
    _type_folder(qtbot, page, folder)
    try:
        with qtbot.waitSignal(page.bar.runner.progressed, timeout=WAIT_MS):
            _click(qtbot, page.bar.export_button)
        assert page.bar.cancel_button.isVisible() and not page.choices.isEnabled()
        _click(qtbot, page.bar.cancel_button)
    finally:
        gate.set()
    assert QThreadPool.globalInstance().waitForDone(WAIT_MS)
    assert list(folder.iterdir()) == []  # not even a temporary file
    assert page.bar.result_label.text() == "Export cancelled; no file was written."
    assert page.choices.isEnabled() and page.bar.export_button.isVisible()


def test_a_suppression_list_is_counted_by_reason(qtbot, page: ExportPage, demo: ExportInput, tmp_path: Path,
                                                 monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    before = page.plan
    emails = demo.customers.derived["email"].to_numpy()[before.lists[0].rows[:2]]
    path = tmp_path / "unsubscribed.txt"
    path.write_text(f"Unsubscribed\n{emails[0].upper()}\n {emails[1]} ; someone\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    _click(qtbot, page.choices.suppression_button)
    after = _planned(qtbot, page)
    expected = plan_export(demo.customers, demo.report.segments, demo.report.result,
                           replace(ExportSettings(), suppression=str(path)), read_suppression(path))
    assert [_cells(page, r) for r in range(5)] == _expected_rows(expected)
    assert after.lists[0].excluded[Reason.SUPPRESSED] >= 2
    assert len(after.lists[0].rows) == len(before.lists[0].rows) - 2
    assert page.choices.suppression_label.text() == "unsubscribed.txt: 2 addresses"
    assert Settings().suppression_list == str(path)
    _click(qtbot, page.choices.suppression_clear)
    _planned(qtbot, page)
    assert page.settings().suppression is None and Settings().suppression_list == ""


def test_an_unreadable_suppression_list_blocks_the_export(qtbot, page: ExportPage, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("nobody here\n", encoding="utf-8")
    page.choices.suppression_chosen.emit(str(path))
    qtbot.waitUntil(lambda: not page.is_busy, timeout=WAIT_MS)
    assert "holds no email address" in page.choices.suppression_label.text()
    assert page.plan is None and not page.bar.export_button.isEnabled()
    assert "suppression list cannot be used" in page.preview.summary_label.text()


@pytest.mark.parametrize("where", ["missing", "file"])
def test_a_folder_that_cannot_be_written_gets_a_message(qtbot, page: ExportPage, tmp_path: Path,
                                                        where: str) -> None:
    if where == "missing":
        folder, expected = tmp_path / "gone" / "lists", f"The folder “{tmp_path / 'gone'}” does not exist."
    else:
        folder = tmp_path / "notes.txt"
        folder.write_text("not a folder", encoding="utf-8")
        expected = f"“{folder}” is a file, not a folder."
    _type_folder(qtbot, page, folder)
    with qtbot.waitSignal(page.bar.runner.failed, timeout=WAIT_MS):
        _click(qtbot, page.bar.export_button)
    assert page.bar.result_label.text() == expected
    assert "Traceback" not in page.bar.result_label.text() and not page.bar.open_button.isVisible()


def test_settings_round_trip_without_marking_changes(qtbot, page: ExportPage, tmp_path: Path) -> None:
    wanted = ExportSettings(preset="brevo", segments=("Lost",), folder=str(tmp_path), exclude_duplicates=False,
                            control_file=False)
    changed = []
    page.settings_changed.connect(lambda: changed.append(True))
    page.set_settings(wanted)
    plan = _planned(qtbot, page)
    assert page.settings() == wanted and changed == []
    assert [p.segment.name for p in plan.lists] == ["Lost"] and page.choices.preset_box.currentText() == "Brevo"
    assert "held out as control groups (not written)" in page.preview.summary_label.text()


def test_russian_texts(qtbot, settings: Settings, demo: ExportInput) -> None:
    set_language("ru")
    data = demo_input("ru")
    page = _show(qtbot, ExportPage(settings), data)
    try:
        assert page.bar.export_button.text() == "Выгрузить списки"
        assert page.choices.preset_box.itemText(0) == "Книга Excel (.xlsx)"
        assert page.choices.consent_box.text() == "Контакты без согласия"
        assert page.preview.table.horizontalHeaderItem(1).text() == "Клиенты"
        assert page.preview.summary_label.text().startswith("В списки попад")
        assert page.preview.table.item(5, 0).text() == "Итого"
        assert page.choices.segments.tree.topLevelItem(0).text(0) == lifecycle_segments("ru")[0].name
    finally:
        page.shutdown()


def test_the_export_page_in_the_main_window(qtbot, settings: Settings) -> None:
    from segdesk.core.model.dataset import load_demo
    from segdesk.ui.rfm_samples import DEMO

    window = MainWindow(Workspace(), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        window.actions.export_page.trigger()
        assert window.pages.currentWidget() is window.export_page
        assert window.export_page.empty_label.isVisible()
        window.workspace.apply(load_demo(DEMO))
        window.segments_page.add_segments(list(lifecycle_segments("en")), "Add stages")
        _planned(qtbot, window.export_page)
        assert [p.segment.name for p in window.export_page.plan.lists] == [s.name for s in lifecycle_segments("en")]
        assert window.export_page.bar.export_button.isEnabled()
    finally:
        window.close()


def test_the_export_page_runs_alone(qtbot, monkeypatch) -> None:
    from segdesk.ui import export_page

    shown: list[ExportPage] = []

    def fake_exec(app: QApplication) -> int:
        shown.extend(w for w in app.topLevelWidgets() if isinstance(w, ExportPage) and w.isVisible())
        for made in shown:
            qtbot.addWidget(made)
            _planned(qtbot, made)
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert export_page.main(["export_page"]) == 0
    assert len(shown) == 1 and len(shown[0].plan.lists) == 5


def test_a_segment_whose_rule_does_not_fit_the_data_is_not_exported(qtbot, page: ExportPage,
                                                                    demo: ExportInput) -> None:
    from segdesk.core.rules.model import Combinator, Condition, Group, Operator
    from segdesk.core.segments.model import Segment, SegmentSet
    from segdesk.core.segments.session import evaluate_segments, prepare

    def segment(name: str, field: str, value: str) -> Segment:
        return Segment(name, Group(Combinator.AND, False, (Condition(field, Operator.EQ, value),)))

    segments = SegmentSet((segment("Moscow", "Город", "Москва"), segment("Gold", "loyalty", "gold")))
    report = evaluate_segments(segments, prepare(demo.customers, None, None, None, demo.as_of))
    page.set_data(demo.customers, report, demo.as_of)
    plan = _planned(qtbot, page)
    broken = page.choices.segments.tree.topLevelItem(1)
    assert not broken.flags() & Qt.ItemFlag.ItemIsEnabled and broken.checkState(0) == Qt.CheckState.Unchecked
    assert [p.segment.name for p in plan.lists] == ["Moscow"] and page.settings().segments is None


def test_damaged_remembered_presets_are_skipped(settings: Settings) -> None:
    from segdesk.core.export.presets import MAILCHIMP, custom_preset
    from segdesk.ui.settings import open_store

    mine = custom_preset("Mine", "Mine", MAILCHIMP, MAILCHIMP.columns[:2])
    settings.export_presets = (mine,)
    assert Settings().export_presets == (mine,)
    open_store().setValue("export/presets", '[{"name": "Bad", "delimiter": ";;"}, {"name": "Ok"}]')
    assert [p.name for p in Settings().export_presets] == ["Ok"]
    open_store().setValue("export/presets", "not json")
    assert Settings().export_presets == ()
