"""Which columns of an order log hold the customer key, date, amount and the optional fields.

Pre-filled from core's suggestion (or, until it is available, from the detected roles); the user's choices
survive a re-read as long as the column still exists.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from segdesk.core.io.table import ImportedTable, Role
from segdesk.ui.i18n import tr
from segdesk.ui.labels import role_label
from segdesk.ui.widgets import ValueComboBox, signals_blocked

_REQUIRED = ("customer_key", "date", "amount")
_OPTIONAL = ("order_id", "product", "category")
#: Detected roles that fill a field when core has no suggestion.
_ROLE_OF_FIELD = {"customer_key": (Role.CUSTOMER_ID, Role.EMAIL, Role.PHONE), "date": (Role.ORDER_DATE,),
                  "amount": (Role.AMOUNT,), "order_id": (Role.ORDER_ID,), "product": (Role.PRODUCT,),
                  "category": (Role.PRODUCT_CATEGORY,)}


def _field_labels() -> dict[str, str]:
    return {"customer_key": tr("Customer key"), "date": tr("Order date"), "amount": tr("Amount"),
            "order_id": tr("Order id (optional)"), "product": tr("Product (optional)"),
            "category": tr("Product category (optional)")}


class OrderMappingPanel(QWidget):
    """The order-log fields and how orders find their customers."""

    mapping_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, ValueComboBox] = {}
        form = QFormLayout(self)
        form.addRow(QLabel(tr("Which columns hold the order data?")))
        for field, label in _field_labels().items():
            box = ValueComboBox([("—", None)])
            box.setObjectName(f"order_{field}")
            box.currentIndexChanged.connect(self._on_box_changed)
            self.boxes[field] = box
            form.addRow(label, box)
        self.link_by = ValueComboBox([(tr("Auto"), None)] + [(role_label(r), r.value)
                                                             for r in (Role.CUSTOMER_ID, Role.EMAIL, Role.PHONE)])
        self.link_by.setToolTip(tr("Which customer field the customer key is compared with."))
        self.link_by.currentIndexChanged.connect(self._on_box_changed)
        form.addRow(tr("Match customers by"), self.link_by)

    def set_columns(self, orders: ImportedTable) -> None:
        """Offer ``orders``' columns; keep the user's choices that still exist, suggest the rest."""
        names = [c.name for c in orders.columns]
        suggested = _suggestion(orders)
        for field, box in self.boxes.items():
            with signals_blocked(box):
                chosen = box.value()
                while box.count() > 1:
                    box.removeItem(1)
                for name in names:
                    box.add_choice(name, name)
                if not (chosen in names and box.set_value(chosen)):
                    box.set_value(suggested.get(field))

    def mapping(self) -> object | None:
        """The chosen ``OrderMapping``, or None while a required field is missing."""
        values = {field: box.value() for field, box in self.boxes.items()}
        if any(values[f] is None for f in _REQUIRED):
            return None
        from segdesk.core.model.orders import OrderMapping

        return OrderMapping(**values)

    def missing_fields(self) -> list[str]:
        labels = _field_labels()
        return [labels[f] for f in _REQUIRED if self.boxes[f].value() is None]

    def link_role(self) -> Role | None:
        value = self.link_by.value()
        return Role(value) if value else None

    def _on_box_changed(self, _: int) -> None:
        self.mapping_changed.emit()


def _suggestion(orders: ImportedTable) -> dict[str, str | None]:
    try:
        from segdesk.core.model.orders import suggest_order_mapping
    except ImportError:  # core's order model not there yet: fall back to the detected roles
        suggest_order_mapping = None
    if suggest_order_mapping is not None:
        mapping = suggest_order_mapping(orders)
        if mapping is not None:
            return {f: getattr(mapping, f) for f in (*_REQUIRED, *_OPTIONAL)}
    return {field: _first_with_role(orders, roles) for field, roles in _ROLE_OF_FIELD.items()}


def _first_with_role(orders: ImportedTable, roles: Sequence[Role]) -> str | None:
    return next((name for role in roles if (name := orders.column_for(role)) is not None), None)
