"""The main window's actions, menus and toolbar, built in one place so the window itself stays small."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence, QPainter, QPalette, QPen, QPixmap, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from segdesk.ui.i18n import LANGUAGES, language, tr


@dataclass
class MainActions:
    open: QAction
    open_project: QAction
    save_project: QAction
    save_project_as: QAction
    import_orders: QAction
    quit: QAction
    find: QAction
    merge: QAction
    undo: QAction
    redo: QAction
    data_page: QAction
    segments_page: QAction
    rfm_page: QAction
    export_page: QAction
    about: QAction
    help: QAction
    languages: dict[str, QAction]
    recent_menu: QMenu
    recent_projects_menu: QMenu


def _merge_icon(window: QMainWindow) -> QIcon:
    """Two lines joining into one arrow (Qt's standard icons have nothing for a merge)."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(window.palette().color(QPalette.ColorRole.WindowText), 3, Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    for start, end in (((5, 6), (15, 16)), ((5, 26), (15, 16)), ((15, 16), (27, 16)), ((21, 10), (27, 16)),
                       ((21, 22), (27, 16))):
        painter.drawLine(QPointF(*start), QPointF(*end))
    painter.end()
    return QIcon(pixmap)


def build_actions(window: QMainWindow, undo_group: QUndoGroup) -> MainActions:
    """Create the actions with their menus and toolbar on ``window``; the window connects the handlers.
    Undo and redo act on the active stack of ``undo_group`` and name their step ("Undo Rename segment")."""
    style = window.style()

    def action(text: str, shortcut: QKeySequence | str | None = None, icon: QStyle.StandardPixmap | None = None,
               tip: str = "") -> QAction:
        made = QAction(text, window)
        if shortcut is not None:
            made.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            made.setIcon(style.standardIcon(icon))
        made.setStatusTip(tip)
        return made

    actions = MainActions(
        open=action(tr("&Open…"), QKeySequence.StandardKey.Open, QStyle.StandardPixmap.SP_DialogOpenButton,
                    tr("Open a customer list")),
        open_project=action(tr("Open &project…"), "Ctrl+Shift+O", None, tr("Open a saved segdesk project")),
        save_project=action(tr("&Save project"), QKeySequence.StandardKey.Save,
                            QStyle.StandardPixmap.SP_DialogSaveButton,
                            tr("Save the sources, segments, RFM and export settings as a project")),
        save_project_as=action(tr("Save project &as…"), "Ctrl+Shift+S"),
        import_orders=action(tr("Import &order log…"), None, QStyle.StandardPixmap.SP_FileDialogDetailedView,
                             tr("Import an order log and link it to the customers")),
        quit=action(tr("&Quit"), QKeySequence.StandardKey.Quit),
        find=action(tr("&Find"), QKeySequence.StandardKey.Find, None, tr("Search the customer table")),
        merge=action(tr("&Merge duplicates…"), None, None, tr("Merge customers listed more than once")),
        undo=action(tr("Undo"), "Ctrl+Z"),
        redo=action(tr("Redo")),
        data_page=action(tr("&Data"), "Ctrl+1"),
        segments_page=action(tr("&Segments"), "Ctrl+2"),
        rfm_page=action(tr("&RFM"), "Ctrl+3"),
        export_page=action(tr("&Export"), "Ctrl+4"),
        about=action(tr("&About segdesk")),
        help=action(tr("segdesk &help"), QKeySequence.StandardKey.HelpContents),
        languages={code: action(name) for code, name in LANGUAGES.items()},
        recent_menu=QMenu(tr("&Recent files"), window),
        recent_projects_menu=QMenu(tr("Recent pro&jects"), window),
    )
    actions.merge.setIcon(_merge_icon(window))
    actions.quit.setShortcut(QKeySequence("Ctrl+Q"))  # StandardKey.Quit is empty on Windows
    # Ctrl+Shift+Z is the usual redo on Linux and macOS, Ctrl+Y on Windows: both work everywhere
    actions.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    _undo_redo(actions, undo_group)
    _language_group(window, actions)
    _menus(window, actions)
    _toolbar(window, actions)
    return actions


def _undo_redo(actions: MainActions, group: QUndoGroup) -> None:
    """Bind undo and redo to ``group`` (Qt's own undo actions write "Undo" + step, which Russian cannot read
    as a sentence: here the whole text goes through tr)."""
    undo, redo = actions.undo, actions.redo
    undo.triggered.connect(group.undo)
    redo.triggered.connect(group.redo)
    group.canUndoChanged.connect(undo.setEnabled)
    group.canRedoChanged.connect(redo.setEnabled)
    group.undoTextChanged.connect(lambda step: undo.setText(tr("Undo {step}", step=step) if step else tr("Undo")))
    group.redoTextChanged.connect(lambda step: redo.setText(tr("Redo {step}", step=step) if step else tr("Redo")))
    undo.setEnabled(group.canUndo())
    redo.setEnabled(group.canRedo())


def _language_group(window: QMainWindow, actions: MainActions) -> None:
    group = QActionGroup(window)
    group.setExclusive(True)
    for code, item in actions.languages.items():
        item.setCheckable(True)
        item.setChecked(code == language())
        item.setData(code)
        group.addAction(item)


def _menus(window: QMainWindow, actions: MainActions) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu(tr("&File"))
    file_menu.addAction(actions.open)
    file_menu.addAction(actions.import_orders)
    file_menu.addMenu(actions.recent_menu)
    file_menu.addSeparator()
    file_menu.addAction(actions.open_project)
    file_menu.addMenu(actions.recent_projects_menu)
    file_menu.addAction(actions.save_project)
    file_menu.addAction(actions.save_project_as)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = bar.addMenu(tr("&Edit"))
    edit_menu.addAction(actions.undo)
    edit_menu.addAction(actions.redo)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.find)
    edit_menu.addAction(actions.merge)
    view_menu = bar.addMenu(tr("&View"))
    language_menu = view_menu.addMenu(tr("&Language"))
    for item in actions.languages.values():
        language_menu.addAction(item)
    view_menu.addSeparator()
    view_menu.addAction(actions.data_page)
    view_menu.addAction(actions.segments_page)
    view_menu.addAction(actions.rfm_page)
    view_menu.addAction(actions.export_page)
    help_menu = bar.addMenu(tr("&Help"))
    help_menu.addAction(actions.help)
    help_menu.addAction(actions.about)


def _toolbar(window: QMainWindow, actions: MainActions) -> None:
    toolbar = QToolBar(tr("Main toolbar"), window)
    toolbar.setObjectName("main_toolbar")  # saveState() needs names
    for item in (actions.open, actions.import_orders, actions.save_project, actions.merge):
        toolbar.addAction(item)
    window.addToolBar(toolbar)
