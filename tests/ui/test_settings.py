"""Settings: one place, versioned, migrated; saved samples of every past version are read forever."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from segdesk.ui.settings import MAX_RECENT_FILES, SETTINGS_VERSION, Settings

DATA = Path(__file__).parent / "data"


def _store_from(sample: str, tmp_path: Path) -> QSettings:
    path = tmp_path / "segdesk.ini"
    shutil.copy(DATA / sample, path)
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_new_settings_are_stamped_with_the_version(settings: Settings) -> None:
    assert settings.version == SETTINGS_VERSION
    assert settings.language == "" and settings.recent_files == []


@pytest.mark.parametrize(("sample", "language"), [("settings_v0.ini", "ru"), ("settings_v1.ini", "en")])
def test_every_past_version_is_read(tmp_path: Path, sample: str, language: str) -> None:
    settings = Settings(_store_from(sample, tmp_path))
    assert settings.version == SETTINGS_VERSION
    assert settings.language == language
    assert settings.recent_files == ["/home/user/clients.csv", "/home/user/old.xlsx"]
    assert settings.last_directory == "/home/user"


def test_settings_of_a_newer_version_are_not_overwritten(tmp_path: Path) -> None:
    store = _store_from("settings_v1.ini", tmp_path)
    store.setValue("settings_version", SETTINGS_VERSION + 1)
    settings = Settings(store)
    settings.language = "ru"
    assert settings.read_only and settings.language == "en" and settings.version == SETTINGS_VERSION + 1


def test_recent_files_put_the_latest_first_without_duplicates(settings: Settings, tmp_path: Path) -> None:
    files = [tmp_path / f"f{i}.csv" for i in range(MAX_RECENT_FILES + 2)]
    for path in files:
        settings.add_recent_file(path)
    settings.add_recent_file(files[-3])
    recent = Settings().recent_files
    assert recent[0] == str(files[-3].resolve())
    assert len(recent) == MAX_RECENT_FILES and len(set(recent)) == MAX_RECENT_FILES
    settings.clear_recent_files()
    assert Settings().recent_files == []


def test_one_recent_file_survives_the_ini_round_trip(settings: Settings, tmp_path: Path) -> None:
    settings.add_recent_file(tmp_path / "only.csv")
    settings.sync()
    assert Settings().recent_files == [str((tmp_path / "only.csv").resolve())]
