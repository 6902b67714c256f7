"""Projects in the window: save and open again, the unsaved mark and prompt, a damaged file, a changed source,
autosave and recovery after a crash."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from segdesk.core.project import load_project
from segdesk.core.rules.model import Combinator, Condition, Group, Operator
from segdesk.core.segments.model import Segment
from segdesk.ui.import_tasks import ImportResult
from segdesk.ui.main_window import MainWindow
from segdesk.ui.settings import Settings
from segdesk.ui.workspace import Workspace

Button = QMessageBox.StandardButton
MOSCOW = Segment("Moscow", Group(Combinator.AND, False, (Condition("city", Operator.EQ, "moscow"),)))


def _window(qtbot, settings: Settings) -> MainWindow:
    window = MainWindow(Workspace(), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    told: list[tuple[str, str]] = []
    window.project.tell = lambda parent, title, text: told.append((title, text))
    window.told = told  # type: ignore[attr-defined]
    return window


def _with_segment(qtbot, window: MainWindow, customers_table) -> None:
    window.workspace.apply(ImportResult(customers=customers_table))
    window.segments_page.add_segments([MOSCOW], "Add segment")
    window.segments_page.set_as_of(dt.date(2024, 1, 1))
    qtbot.waitUntil(lambda: window.isWindowModified(), timeout=5_000)


def _opened(qtbot, window: MainWindow, path: Path) -> None:
    assert window.project.open(path)
    qtbot.waitUntil(lambda: not window.project.is_busy and window.workspace.customers is not None, timeout=20_000)


def test_a_saved_project_opens_again_with_its_segments_and_settings(qtbot, settings, customers_table, tmp_path):
    window = _window(qtbot, settings)
    _with_segment(qtbot, window, customers_table)
    assert window.windowTitle().endswith("[*]") and window.isWindowModified()
    path = tmp_path / "client.segdesk"
    assert window.project._save_to(path)
    assert not window.isWindowModified() and "client.segdesk" in window.windowTitle()
    assert settings.recent_projects == [str(path.resolve())]
    saved = load_project(path)
    assert saved.segments.names() == ["Moscow"] and saved.as_of == dt.date(2024, 1, 1)
    assert saved.customers is not None and saved.customers.path == customers_table.path

    other = _window(qtbot, settings)
    _opened(qtbot, other, path)
    assert other.workspace.segments.names() == ["Moscow"]
    assert other.segments_page.pinned_as_of == dt.date(2024, 1, 1)
    assert other.export_page.settings() == saved.export
    assert other.workspace.customers.rows == customers_table.rows
    qtbot.wait(400)  # the unsaved check runs a moment after the pages settle
    assert not other.isWindowModified() and other.told == []


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, settings, customers_table,
                                                                      unsaved_prompt):
    window = _window(qtbot, settings)
    _with_segment(qtbot, window, customers_table)
    window.project.ask = lambda *a: Button.Cancel
    assert not window.close() and window.isVisible()
    window.project.ask = lambda *a: Button.Discard
    assert window.close()


def test_a_damaged_project_is_refused_and_nothing_changes(qtbot, settings, customers_table, tmp_path):
    window = _window(qtbot, settings)
    window.workspace.apply(ImportResult(customers=customers_table))
    damaged = tmp_path / "damaged.segdesk"
    damaged.write_text('{"schema": "segdesk.project", "version": 1, "segments": ', encoding="utf-8")
    assert not window.project.open(damaged)
    assert window.told and window.told[0][0] == "The project could not be opened"
    assert "damaged.segdesk" in window.told[0][1]
    assert window.workspace.customers is customers_table and window.project.path is None


def test_a_source_changed_since_the_save_is_reported(qtbot, settings, customers_table, customers_csv, tmp_path):
    window = _window(qtbot, settings)
    _with_segment(qtbot, window, customers_table)
    path = tmp_path / "client.segdesk"
    assert window.project._save_to(path)
    customers_csv.write_text(customers_csv.read_text(encoding="utf-8") + "7,New One,new@example.com,,Perm,"
                             "2024-01-01,5\n", encoding="utf-8")
    other = _window(qtbot, settings)
    _opened(qtbot, other, path)
    qtbot.waitUntil(lambda: bool(other.told), timeout=5_000)
    title, text = other.told[0]
    assert title == "The project's files changed" and "7 rows, 6 then" in text


def test_unsaved_work_is_autosaved_and_offered_after_a_crash(qtbot, settings, customers_table):
    window = _window(qtbot, settings)
    _with_segment(qtbot, window, customers_table)
    window.project.autosave()
    assert settings.recovery_path.exists()
    # a crash: the window never closes cleanly, the recovery file stays; the next start offers it
    restored = _window(qtbot, settings)
    restored.project.ask = lambda *a: Button.Yes
    assert restored.project.offer_recovery()
    qtbot.waitUntil(lambda: restored.workspace.customers is not None and not restored.project.is_busy,
                    timeout=20_000)
    assert restored.workspace.segments.names() == ["Moscow"]
    assert restored.isWindowModified()  # restored work is still unsaved
    restored.project.ask = lambda *a: Button.Discard
    restored.close()
    assert not settings.recovery_path.exists()  # a clean close needs no recovery


def test_the_project_keeps_what_each_export_wrote(qtbot, settings, customers_table, tmp_path):
    window = _window(qtbot, settings)
    _with_segment(qtbot, window, customers_table)
    path = tmp_path / "client.segdesk"
    assert window.project._save_to(path)
    page = window.export_page
    qtbot.waitUntil(lambda: page.plan is not None and not page.is_busy, timeout=20_000)
    page.set_settings(replace(page.settings(), folder=str(tmp_path / "lists"), preset="excel_csv"))
    qtbot.waitUntil(lambda: page.plan is not None and not page.is_busy, timeout=20_000)
    with qtbot.waitSignal(page.exported, timeout=20_000):
        page.start_export()
    qtbot.waitUntil(lambda: window.isWindowModified(), timeout=5_000)
    assert window.project._save_to(path)
    history = load_project(path).exports
    assert len(history) == 1 and history[0]["lists"][0]["segment"] == "Moscow"
    assert history[0]["lists"][0]["files"][0]["name"] == "Moscow.csv"


def test_export_and_rfm_settings_survive_a_language_switch(qtbot, settings):
    from PySide6.QtWidgets import QApplication

    from segdesk.core.rfm import RfmSettings
    from segdesk.ui.app import SegdeskApp
    from segdesk.ui.i18n import set_language

    controller = SegdeskApp(QApplication.instance(), settings)
    qtbot.addWidget(controller.window)
    page = controller.window.export_page
    page.set_settings(replace(page.settings(), preset="mailchimp", exclude_duplicates=False))
    controller.window.rfm_page.set_settings(RfmSettings(bins=4))
    controller.window.actions.languages["ru"].trigger()
    window = controller.window
    qtbot.addWidget(window)
    assert window.export_page.settings().preset == "mailchimp"
    assert not window.export_page.settings().exclude_duplicates
    assert window.rfm_page.settings_bar.read().bins == 4
    window.close()
    set_language("en")
