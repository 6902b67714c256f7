"""The Export page's edits of its :class:`ExportSettings`, as plain functions (no widgets): what is remembered
between runs, restoring a project's settings, saving a preset of one's own, and which columns a preset means.
"""

from __future__ import annotations

from dataclasses import replace

from segdesk.core.export.model import ColumnSpec, ExportError, ExportSettings, Preset
from segdesk.core.export.presets import builtin_presets, custom_preset, find_preset
from segdesk.core.export.values import resolve_columns
from segdesk.core.io.table import ImportedTable
from segdesk.ui.settings import Settings


def remembered(store: Settings | None) -> ExportSettings:
    """The defaults, with the last folder, the suppression list and the presets the user keeps."""
    if store is None:
        return ExportSettings()
    return ExportSettings(folder=store.export_folder or None, suppression=store.suppression_list or None,
                          custom_presets=store.export_presets)


def restored(settings: ExportSettings, current: ExportSettings) -> ExportSettings:
    """``settings`` from a project, keeping the presets and folder known here where it names none of its own."""
    names = {p.name for p in settings.custom_presets}
    kept = tuple(p for p in current.custom_presets if p.name not in names)
    return replace(settings, folder=settings.folder or current.folder, custom_presets=settings.custom_presets + kept)


def chosen_preset(settings: ExportSettings) -> Preset:
    """The preset ``settings`` names; the first built-in one when there is no such preset (the plan then says
    what is wrong, and the preset box needs something to show)."""
    try:
        return find_preset(settings.preset, settings.custom_presets)
    except ExportError:
        return builtin_presets()[0]


def preset_columns(customers: ImportedTable | None, settings: ExportSettings) -> tuple[ColumnSpec, ...]:
    """The columns of the chosen preset, for ``customers`` (a generic preset lists every imported column)."""
    preset = chosen_preset(settings)
    if customers is None:
        return preset.columns
    try:
        return resolve_columns(customers, preset, replace(settings, columns=None))
    except ExportError:
        return preset.columns


def preset_changed(settings: ExportSettings) -> ExportSettings:
    """A new preset brings its own columns and file kind."""
    return replace(settings, columns=None, kind=None)


def with_own_preset(settings: ExportSettings, name: str, columns: tuple[ColumnSpec, ...]) -> ExportSettings:
    """``columns`` kept as the preset ``name`` (the chosen preset's file shape; it replaces a preset of that name)
    and chosen. Raises :class:`ExportError` for a name or columns a preset cannot have."""
    made = custom_preset(name, name, chosen_preset(settings), columns)
    customs = tuple(p for p in settings.custom_presets if p.name.casefold() != made.name.casefold()) + (made,)
    return replace(settings, custom_presets=customs, preset=made.name, columns=None)
