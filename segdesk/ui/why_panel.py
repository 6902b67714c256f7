"""``WhyPanel``: for one customer, which conditions of a segment's rule they meet (✓), fail (✗) or cannot be
judged on because the field is empty (?), and which segment they ended up in.

A plain display: the Segments page evaluates the rule for the customer and hands over one row per node of the
rule tree, in tree order. The customer picker asks the page for matches of what is typed (a short pause after
the last key, so a big customer list is not searched on every letter) and says which customer was chosen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from segdesk.ui.alone import run_alone
from segdesk.ui.i18n import tr

#: The three results a condition can have, with the mark and colour shown for each.
_MET, _FAILED, _UNKNOWN = QColor("#1a7f37"), QColor("#c62828"), QColor("#7a7a80")
MATCH_LIMIT = 50
_SEARCH_DELAY_MS = 150
_POSITION = Qt.ItemDataRole.UserRole  # of a match in the picker: the customer's position
_MARK = Qt.ItemDataRole.UserRole + 1  # of a condition in the tree: its mark


def _result_colour(result: bool | None) -> QColor:
    return _UNKNOWN if result is None else _MET if result else _FAILED


def mark(result: bool | None) -> str:
    """The symbol of a result: ✓ met, ✗ failed, ? unknown (the field is empty)."""
    return "?" if result is None else "✓" if result else "✗"


def _result_text(result: bool | None) -> str:
    return tr("empty field") if result is None else tr("met") if result else tr("not met")


def _mark_icon(result: bool | None, size: int = 16) -> QIcon:
    """A filled circle in the result's colour with a white tick, cross or question mark, drawn (not a font glyph,
    which the user's fonts may lack)."""
    pixmap = QPixmap(size * 2, size * 2)  # drawn at twice the size: sharp on high-density screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_result_colour(result))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.setPen(QPen(QColor("white"), 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    s = size / 16
    if result is None:
        font = QFont(painter.font())
        font.setPixelSize(int(11 * s))
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "?")
    elif result:
        painter.drawPolyline([QPointF(4.5 * s, 8.2 * s), QPointF(7 * s, 10.8 * s), QPointF(11.5 * s, 5.5 * s)])
    else:
        painter.drawLine(QPointF(5.2 * s, 5.2 * s), QPointF(10.8 * s, 10.8 * s))
        painter.drawLine(QPointF(10.8 * s, 5.2 * s), QPointF(5.2 * s, 10.8 * s))
    painter.end()
    return QIcon(pixmap)


class WhyPanel(QWidget):
    """Why a customer is (or is not) in a segment: a customer picker, a verdict and the rule's conditions."""

    customer_picked = Signal(int)  # the chosen customer's position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: Callable[[str], list[tuple[int, str]]] | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Type part of a name, email or ID…"))
        self.search.setClearButtonEnabled(True)
        self.matches = QStandardItemModel(self)
        self.completer = QCompleter(self.matches, self)
        # the page has already matched the typed text anywhere in a name, email or ID: show every match as is
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(self.search)
        self.no_match = QLabel()
        self.no_match.setStyleSheet("color: palette(placeholder-text)")
        self.hint = QLabel(tr("Pick a customer to see why they are in a segment or not."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text)")
        self.title = QLabel()
        self.title.setWordWrap(True)
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        self.title.setFont(title_font)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tree.setWordWrap(True)
        self.tree.setStyleSheet("QTreeWidget::item { padding-right: 6px; }")  # the result off the frame
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._timer = QTimer(self, singleShot=True, interval=_SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_now)
        self.search.textEdited.connect(self._on_search_text_edited)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.completer.activated[QModelIndex].connect(self._on_completer_activated)
        self._icons = {result: _mark_icon(result) for result in (True, False, None)}
        self._lay_out()
        self.set_customers(None)
        self.clear()

    def _lay_out(self) -> None:
        picker = QHBoxLayout()
        picker.addWidget(QLabel(tr("Customer:")))
        picker.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        layout.addWidget(self.no_match)
        layout.addWidget(self.hint)
        layout.addWidget(self.title)
        layout.addWidget(self.verdict)
        layout.addWidget(self.tree, 1)
        layout.addStretch(0)  # keeps the hint at the top while the tree is hidden

    def set_customers(self, labels: Callable[[str], list[tuple[int, str]]] | None) -> None:
        """Where the picker finds customers: ``labels(text)`` returns up to 50 (position, label) pairs matching
        ``text`` anywhere in a name, email or ID. None: no customers to pick from."""
        self._labels = labels
        self.search.setEnabled(labels is not None)
        self.search.clear()
        self.matches.clear()
        self.no_match.hide()

    def clear(self) -> None:
        """No customer explained: say how to start."""
        self.tree.clear()
        for widget in (self.title, self.verdict, self.tree):
            widget.hide()
        self.hint.show()

    def set_explanation(self, customer_label: str, segment_name: str, rows: list[tuple[int, str, bool | None]],
                        assigned: str) -> None:
        """Explain ``segment_name``'s rule for one customer. ``rows`` are the rule's nodes in tree order:
        (depth, sentence, result), result True met, False failed, None unknown (the field is empty); the first row
        is the whole rule. ``assigned``: the segment the customer ended up in, "" for everyone else."""
        if assigned:
            self.title.setText(tr("Customer {customer} — in segment “{segment}”", customer=customer_label,
                                  segment=assigned))
        else:
            self.title.setText(tr("Customer {customer} — everyone else", customer=customer_label))
        self.verdict.setText(self._verdict(segment_name, rows, assigned))
        self._fill_tree(rows)
        self.hint.hide()
        for widget in (self.title, self.verdict, self.tree):
            widget.show()

    def _verdict(self, segment: str, rows: list[tuple[int, str, bool | None]], assigned: str) -> str:
        if [depth for depth, _, _ in rows].count(0) != 1:  # no single row for the whole rule: its result is unsaid
            return tr("Meets the rule of “{segment}”:", segment=segment) if assigned == segment else \
                tr("The conditions of “{segment}”:", segment=segment)
        result = rows[0][2]
        if result is None:
            return tr("The rule of “{segment}” cannot be checked: a field it needs is empty for this customer.",
                      segment=segment)
        if not result:
            return tr("Does not meet the rule of “{segment}”:", segment=segment)
        if assigned and assigned != segment:
            return tr("Meets the rule of “{segment}”, but “{assigned}” is higher in the list and takes the customer "
                      "first:", segment=segment, assigned=assigned)
        return tr("Meets the rule of “{segment}”:", segment=segment)

    def _fill_tree(self, rows: list[tuple[int, str, bool | None]]) -> None:
        self.tree.clear()
        parents: list[QTreeWidgetItem] = []  # the last item at each depth above the current row
        for depth, sentence, result in rows:
            del parents[depth:]
            parent = parents[-1] if parents else None
            item = QTreeWidgetItem([sentence, _result_text(result)])
            item.setIcon(0, self._icons[result])
            item.setToolTip(0, sentence)  # a long sentence is shortened in a narrow panel
            item.setForeground(1, _result_colour(result))
            item.setData(0, _MARK, mark(result))
            if result is None:
                item.setToolTip(1, tr("This customer's field is empty, so the condition can be neither met nor "
                                      "failed."))
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            parents.append(item)
        self.tree.expandAll()

    def shown_rows(self) -> list[tuple[int, str, str]]:
        """What the tree shows, in order: (depth, sentence, mark)."""
        out: list[tuple[int, str, str]] = []

        def walk(item: QTreeWidgetItem, depth: int) -> None:
            out.append((depth, item.text(0), str(item.data(0, _MARK))))
            for k in range(item.childCount()):
                walk(item.child(k), depth + 1)

        for k in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(k), 0)
        return out

    def _on_search_text_edited(self) -> None:
        self._timer.start()

    def _search_now(self) -> None:
        text = self.search.text().strip()
        found = self._labels(text)[:MATCH_LIMIT] if self._labels is not None and text else []
        self.matches.clear()
        for position, label in found:
            item = QStandardItem(label)
            item.setData(int(position), _POSITION)
            item.setEditable(False)
            self.matches.appendRow(item)
        self.no_match.setText(tr("No customer matches “{typed}”.", typed=text) if text and not found else "")
        self.no_match.setVisible(bool(text) and not found)
        if found:
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def _on_search_return_pressed(self) -> None:
        """Enter without choosing from the list: the first match, if any."""
        popup = self.completer.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            return  # the completer hands the line edit the key first, then activates the chosen match itself
        if self._timer.isActive():
            self._timer.stop()
            self._search_now()
        if self.matches.rowCount():
            self._pick(self.matches.index(0, 0))

    def _on_completer_activated(self, index: QModelIndex) -> None:
        self._pick(index)

    def _pick(self, index: QModelIndex) -> None:
        position = index.data(_POSITION)
        if position is None:
            return
        self.completer.popup().hide()
        self.search.setText(str(index.data(Qt.ItemDataRole.DisplayRole)))
        self.customer_picked.emit(int(position))


def main(argv: list[str] | None = None) -> int:
    """Open the panel alone on made-up customers and a made-up rule (``--ru`` for the Russian interface)."""

    def build(argv: list[str]) -> WhyPanel:
        people = [f"{first} {last} ({first.lower()}.{last.lower()}@example.com, #{1000 + k})"
                  for k, (first, last) in enumerate((f, s) for f in ("Anna", "Boris", "Carl", "Dana", "Eve", "Fedor")
                                                    for s in ("Petrova", "Ivanov", "Smith", "White", "Black"))]
        panel = WhyPanel()
        panel.set_customers(lambda text: [(k, p) for k, p in enumerate(people) if text.lower() in p.lower()][:50])
        rows = [(0, "all of these are true", False), (1, "city is Moscow", True),
                (1, "any of these is true", False), (2, "total spent is at least 50,000", False),
                (2, "number of orders is at least 10", False), (1, "birth date is not empty", None)]
        panel.customer_picked.connect(lambda k: panel.set_explanation(people[k], "Moscow big spenders", rows,
                                                                       "Moscow"))
        panel.set_explanation(people[0], "Moscow big spenders", rows, "Moscow")
        return panel

    return run_alone(build, argv, size=(640, 420), title=lambda: tr("Why?"))


if __name__ == "__main__":
    raise SystemExit(main())
