"""Everything segdesk remembers between runs, in one place, with a version and migrations.

Stored values are names and plain values (a language code, file paths), never combo-box indexes or
locale-formatted text, so that a later version or another language reads them back unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from segdesk.core.errors import InputError
from segdesk.core.export.model import Preset, preset_from_json, preset_to_json

ORGANIZATION = "segdesk"
APPLICATION = "segdesk"

#: Bump when a stored key changes meaning, and add a migration from the previous version.
SETTINGS_VERSION = 1
MAX_RECENT_FILES = 10


def _from_unversioned(store: QSettings) -> None:
    """Settings written before versioning existed: the keys are the same, only the stamp is missing."""


#: ``version -> function`` that upgrades settings of that version to the next one.
MIGRATIONS: dict[int, Callable[[QSettings], None]] = {0: _from_unversioned}


def open_store() -> QSettings:
    """The settings file of the current user (INI format everywhere, so tests can redirect it with setPath)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


class Settings:
    """Typed access to the user's settings."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else open_store()
        self.read_only = False
        self._migrate()

    def _migrate(self) -> None:
        version = _as_int(self._store.value("settings_version"), 0)
        if version > SETTINGS_VERSION:
            # written by a newer segdesk: read what we understand, write nothing that could damage it
            self.read_only = True
            return
        while version < SETTINGS_VERSION:
            MIGRATIONS[version](self._store)
            version += 1
        self._store.setValue("settings_version", SETTINGS_VERSION)

    def _set(self, key: str, value: object) -> None:
        if not self.read_only:
            self._store.setValue(key, value)

    def sync(self) -> None:
        self._store.sync()

    @property
    def version(self) -> int:
        return _as_int(self._store.value("settings_version"), 0)

    # --- interface ---

    @property
    def language(self) -> str:
        """"en", "ru", or "" to follow the system locale."""
        return str(self._store.value("interface/language", "") or "")

    @language.setter
    def language(self, code: str) -> None:
        self._set("interface/language", code)

    def window_geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._store.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._set("window/geometry", geometry)
        self._set("window/state", state)

    # --- files ---

    @property
    def recent_files(self) -> list[str]:
        return _as_list(self._store.value("files/recent"))

    def add_recent_file(self, path: str | Path, order_log: bool = False) -> None:
        """Put ``path`` first in the recent files, without duplicates; remember whether it is an order log."""
        text = str(Path(path).resolve())
        files = ([text] + [f for f in self.recent_files if f != text])[:MAX_RECENT_FILES]
        self._set("files/recent", files)
        logs = [f for f in self.recent_order_logs if f != text and f in files] + ([text] if order_log else [])
        self._set("files/recent_order_logs", logs)

    @property
    def recent_order_logs(self) -> list[str]:
        """The recent files that were imported as order logs (a key of its own: older settings lack it)."""
        return _as_list(self._store.value("files/recent_order_logs"))

    def clear_recent_files(self) -> None:
        self._set("files/recent", [])
        self._set("files/recent_order_logs", [])

    @property
    def last_directory(self) -> str:
        return str(self._store.value("files/last_directory", "") or "")

    @last_directory.setter
    def last_directory(self, folder: str) -> None:
        self._set("files/last_directory", folder)

    # --- export ---

    @property
    def phone_region(self) -> str:
        """The phone region of the last import (numbers written without a country code); RU at first."""
        return str(self._store.value("import/phone_region", "RU") or "RU")

    @phone_region.setter
    def phone_region(self, code: str) -> None:
        self._set("import/phone_region", code)

    @property
    def export_folder(self) -> str:
        """The folder of the last export ("": none yet)."""
        return str(self._store.value("export/folder", "") or "")

    @export_folder.setter
    def export_folder(self, folder: str) -> None:
        self._set("export/folder", folder)

    @property
    def suppression_list(self) -> str:
        """The suppression list's path, applied to every export until cleared ("": none)."""
        return str(self._store.value("export/suppression", "") or "")

    @suppression_list.setter
    def suppression_list(self, path: str) -> None:
        self._set("export/suppression", path)

    @property
    def export_presets(self) -> tuple[Preset, ...]:
        """The user's own export presets (stored as JSON text; a damaged one is skipped, not fatal)."""
        try:
            items = json.loads(str(self._store.value("export/presets", "") or "[]"))
        except ValueError:
            return ()
        presets = []
        for item in items if isinstance(items, list) else []:
            try:
                presets.append(preset_from_json(item))
            except InputError:
                continue
        return tuple(presets)

    @export_presets.setter
    def export_presets(self, presets: tuple[Preset, ...]) -> None:
        self._set("export/presets", json.dumps([preset_to_json(p) for p in presets], ensure_ascii=False))

    # --- projects ---

    @property
    def recent_projects(self) -> list[str]:
        return _as_list(self._store.value("projects/recent"))

    def add_recent_project(self, path: str | Path) -> None:
        text = str(Path(path).resolve())
        self._set("projects/recent", ([text] + [p for p in self.recent_projects if p != text])[:MAX_RECENT_FILES])

    def clear_recent_projects(self) -> None:
        self._set("projects/recent", [])

    @property
    def recovery_path(self) -> Path:
        """Where unsaved work is kept until a clean close: beside the settings file."""
        return Path(self._store.fileName()).parent / "recovery.segdesk"

    @property
    def recovery_of(self) -> str:
        """The project the recovery file belongs to ("": an unsaved one)."""
        return str(self._store.value("projects/recovery_of", "") or "")

    @recovery_of.setter
    def recovery_of(self, path: str) -> None:
        self._set("projects/recovery_of", path)


def _as_int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _as_list(value: object) -> list[str]:
    """INI files hand back one-element lists as a plain string and empty lists as None."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]  # type: ignore[union-attr]
