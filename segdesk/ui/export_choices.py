"""The left side of the Export page: which segments, the preset and file shape, who is left out, and where the
files go. It shows an :class:`ExportSettings` and reads the user's choices back into one; the page keeps the
settings (the one source of truth) and decides what a change means.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from segdesk.core.export.model import ExportSettings, FileKind, Preset, Target
from segdesk.core.io.table import ImportedTable, Role
from segdesk.ui.export_labels import preset_tip, preset_title
from segdesk.ui.export_segment_list import SegmentChecklist
from segdesk.ui.i18n import tr
from segdesk.ui.widgets import ValueComboBox, signals_blocked

#: Files a suppression list is read from.
SUPPRESSION_FILES = "*.txt *.csv *.tsv *.xlsx *.xlsm *.xls *.ods"
_ERROR_STYLE = "color: #b00020"


def kind_is_free(preset: Preset) -> bool:
    """Whether the user may choose CSV or XLSX: the generic and custom presets; a mailing service's preset
    keeps the file kind its import documents."""
    return not preset.builtin or not preset.needs_email


class ExportChoices(QWidget):
    edited = Signal()  # a choice that is read back with read()
    suppression_chosen = Signal(object)  # a path (str), or None: no suppression list
    folder_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.segments = SegmentChecklist()
        self.preset_box = ValueComboBox()
        self.preset_box.setObjectName("export_preset")
        self.files_button = QRadioButton(tr("One file per segment"))
        self.workbook_button = QRadioButton(tr("One workbook with a summary sheet"))
        self._target = QButtonGroup(self)
        self.kind_box = ValueComboBox([(tr("CSV"), FileKind.CSV), (tr("Excel (.xlsx)"), FileKind.XLSX)])
        self.control_box = QCheckBox(tr("Control group in a file of its own"))
        self.control_box.setToolTip(tr("Without it, the control group is held out and written nowhere."))
        self.consent_box = QCheckBox(tr("Contacts without consent"))
        self.invalid_box = QCheckBox(tr("Invalid emails"))
        self.duplicates_box = QCheckBox(tr("Duplicates (same email)"))
        self.duplicates_box.setToolTip(tr("A contact already on this list or a list above it is written once."))
        self.suppression_label = QLabel()
        self.suppression_label.setWordWrap(True)
        self.suppression_button = QPushButton(tr("Choose…"))
        self.suppression_clear = QPushButton(tr("Clear"))
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("export_folder")
        self.folder_edit.setPlaceholderText(tr("Choose a folder…"))
        self.folder_edit.setToolTip(tr("Files of the same name in this folder are replaced."))
        self.folder_button = QPushButton(tr("Choose…"))
        self._preset: Preset | None = None
        self._suppression: str | None = None
        self._build()
        self._connect()

    def _build(self) -> None:
        self._target.addButton(self.files_button)
        self._target.addButton(self.workbook_button)
        segments = QGroupBox(tr("Segments"))
        QVBoxLayout(segments).addWidget(self.segments)
        shape = QGroupBox(tr("File"))
        form = QFormLayout(shape)
        form.addRow(tr("Preset:"), self.preset_box)
        form.addRow(self.files_button)
        form.addRow(self.workbook_button)
        form.addRow(tr("File type:"), self.kind_box)
        form.addRow(self.control_box)
        leave_out = QGroupBox(tr("Leave out"))
        column = QVBoxLayout(leave_out)
        for box in (self.consent_box, self.invalid_box, self.duplicates_box):
            column.addWidget(box)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Suppression list:")))
        row.addStretch(1)
        row.addWidget(self.suppression_button)
        row.addWidget(self.suppression_clear)
        column.addLayout(row)
        column.addWidget(self.suppression_label)
        folder = QGroupBox(tr("Save to"))
        line = QHBoxLayout(folder)
        line.addWidget(self.folder_edit, 1)
        line.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(segments, 1)
        for group in (shape, leave_out, folder):
            layout.addWidget(group)

    def _connect(self) -> None:
        self.segments.edited.connect(self.edited)
        self.preset_box.currentIndexChanged.connect(lambda _: self.edited.emit())
        self._target.buttonClicked.connect(lambda _: self.edited.emit())
        self.kind_box.currentIndexChanged.connect(lambda _: self.edited.emit())
        for box in (self.control_box, self.consent_box, self.invalid_box, self.duplicates_box):
            box.clicked.connect(lambda _=False: self.edited.emit())
        self.suppression_button.clicked.connect(self._on_suppression_button_clicked)
        self.suppression_clear.clicked.connect(lambda: self.suppression_chosen.emit(None))
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        self.folder_edit.editingFinished.connect(self._on_folder_edit_editing_finished)

    # --- settings in and out ---

    def show_settings(self, settings: ExportSettings, presets: tuple[Preset, ...], preset: Preset,
                      customers: ImportedTable | None) -> None:
        """Show ``settings`` (``preset`` is the one it names) without emitting ``edited``."""
        self._preset = preset
        for widget in (self.preset_box, self.kind_box, self._target):
            widget.blockSignals(True)
        try:
            self._show_presets(presets, preset)
            workbook = settings.target == Target.WORKBOOK
            (self.workbook_button if workbook else self.files_button).setChecked(True)
            self.kind_box.set_value(FileKind.XLSX if workbook else settings.kind or preset.kind)
            self.kind_box.setEnabled(not workbook and kind_is_free(preset))
            self.kind_box.setToolTip("" if workbook or kind_is_free(preset) else
                                     tr("{preset} takes the file kind its import expects.",
                                        preset=preset_title(preset)))
        finally:
            for widget in (self.preset_box, self.kind_box, self._target):
                widget.blockSignals(False)
        self.control_box.setChecked(settings.control_file)
        self.duplicates_box.setChecked(settings.exclude_duplicates)
        self._show_consent(settings, customers)
        self._show_invalid(settings, preset)
        if self.folder_edit.text() != (settings.folder or ""):
            self.folder_edit.setText(settings.folder or "")

    def read(self, settings: ExportSettings) -> ExportSettings:
        """``settings`` with the choices shown here (segments, preset, file shape, exclusions)."""
        preset = str(self.preset_box.value() or settings.preset)
        workbook = self.workbook_button.isChecked()
        kind = None if workbook or self._preset is None or self.kind_box.value() == self._preset.kind \
            else self.kind_box.value()
        return replace(settings, segments=self.segments.chosen(settings.segments), preset=preset,
                       target=Target.WORKBOOK if workbook else Target.FILES, kind=kind,
                       control_file=self.control_box.isChecked(),
                       exclude_no_consent=self.consent_box.isChecked() if self.consent_box.isEnabled()
                       else settings.exclude_no_consent,
                       exclude_invalid_email=self.invalid_box.isChecked() if self.invalid_box.isEnabled()
                       else settings.exclude_invalid_email,
                       exclude_duplicates=self.duplicates_box.isChecked())

    def show_suppression(self, text: str, error: bool = False) -> None:
        """What the suppression list holds (or why it cannot be used)."""
        self.suppression_label.setText(text)
        self.suppression_label.setStyleSheet(_ERROR_STYLE if error else "")

    def show_suppression_path(self, path: str | None) -> None:
        self._suppression = path
        self.suppression_clear.setEnabled(path is not None)
        self.suppression_label.setToolTip(path or "")

    def _show_presets(self, presets: tuple[Preset, ...], chosen: Preset) -> None:
        shown = [(self.preset_box.itemData(i), self.preset_box.itemText(i)) for i in range(self.preset_box.count())]
        if shown != [(p.name, preset_title(p)) for p in presets]:
            self.preset_box.clear()
            for i, preset in enumerate(presets):
                self.preset_box.add_choice(preset_title(preset), preset.name)
                self.preset_box.setItemData(i, preset_tip(preset), Qt.ItemDataRole.ToolTipRole)
        self.preset_box.set_value(chosen.name)
        self.preset_box.setToolTip(preset_tip(chosen))

    def _show_consent(self, settings: ExportSettings, customers: ImportedTable | None) -> None:
        column = customers.column_for(Role.EMAIL_CONSENT) if customers is not None else None
        with signals_blocked(self.consent_box):
            self.consent_box.setChecked(settings.exclude_no_consent and column is not None)
        self.consent_box.setEnabled(column is not None)
        self.consent_box.setToolTip(tr("Leave out customers whose “{column}” is not yes.", column=column) if column
                                    else tr("No column holds email consent: give a column that role on import."))

    def _show_invalid(self, settings: ExportSettings, preset: Preset) -> None:
        self.invalid_box.setChecked(settings.exclude_invalid_email or preset.needs_email)
        self.invalid_box.setEnabled(not preset.needs_email)
        self.invalid_box.setToolTip(tr("{preset} rejects invalid emails: they are always left out.",
                                       preset=preset_title(preset)) if preset.needs_email else "")

    # --- dialogs ---

    def _on_suppression_button_clicked(self) -> None:
        start = str(Path(self._suppression).parent) if self._suppression else ""
        chosen, _ = QFileDialog.getOpenFileName(self, tr("Choose a suppression list"), start,
                                                tr("Lists of emails or phones ({patterns})",
                                                   patterns=SUPPRESSION_FILES))
        if chosen:
            self.suppression_chosen.emit(chosen)

    def ask_folder(self) -> str:
        """Let the user choose the folder to export to; "" when they cancel."""
        chosen = QFileDialog.getExistingDirectory(self, tr("Export to folder"), self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)
            self.folder_chosen.emit(chosen)
        return chosen

    def _on_folder_button_clicked(self) -> None:
        self.ask_folder()

    def _on_folder_edit_editing_finished(self) -> None:
        self.folder_chosen.emit(self.folder_edit.text().strip())

