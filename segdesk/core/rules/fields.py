"""What a rule can ask about: the customer columns, the derived fields, the order log's columns; and which
operators each type of field offers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from segdesk.core.io.table import ColumnInfo, ColumnType, Role
from segdesk.core.rules.model import Operator as Op


class FieldGroup(StrEnum):
    CUSTOMER = "customer"  # a column of the customer list
    DERIVED = "derived"  # computed from the order log or the summary columns (RFM, lifecycle)
    ORDERS = "orders"  # a column of the order log (inside an order-log condition)


@dataclass(frozen=True)
class Field:
    name: str  # the name a rule uses: the column name as imported, or a derived field's name
    kind: ColumnType
    group: FieldGroup
    role: Role | None = None


_COMPARE = (Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE, Op.BETWEEN, Op.NOT_BETWEEN)
_EMPTY = (Op.NULL, Op.NOT_NULL)
_TEXT = (Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.CONTAINS, Op.NOT_CONTAINS, Op.BEGINS_WITH, Op.NOT_BEGINS_WITH,
         Op.ENDS_WITH, Op.NOT_ENDS_WITH, *_EMPTY)
_NUMBER = (*_COMPARE, Op.IN, Op.NOT_IN, *_EMPTY)

#: The operators each type offers, in the order a picker lists them.
OPERATORS: dict[ColumnType, tuple[Op, ...]] = {
    ColumnType.TEXT: _TEXT,
    ColumnType.CATEGORY: (Op.IN, Op.NOT_IN, Op.EQ, Op.NE, Op.CONTAINS, Op.NOT_CONTAINS, Op.BEGINS_WITH,
                          Op.NOT_BEGINS_WITH, Op.ENDS_WITH, Op.NOT_ENDS_WITH, *_EMPTY),
    ColumnType.NUMBER: _NUMBER,
    ColumnType.INTEGER: _NUMBER,
    ColumnType.DATE: (Op.IN_LAST, Op.NOT_IN_LAST, Op.IN_NEXT, Op.ANNIVERSARY_IN_NEXT, *_COMPARE, *_EMPTY),
    ColumnType.BOOLEAN: (Op.IS_TRUE, Op.IS_FALSE, Op.EQ, Op.NE, *_EMPTY),
}

#: Operators an order-log aggregate offers: a count or a sum is a number; "exists" is true or false.
AGGREGATE_OPERATORS = {"count": _COMPARE, "sum": _COMPARE, "exists": (Op.IS_TRUE, Op.IS_FALSE)}

#: The derived fields rules can use, with their types (the names are :data:`segdesk.core.rfm.DERIVED_FIELDS`).
DERIVED_KINDS: dict[str, ColumnType] = {
    "recency_days": ColumnType.INTEGER, "frequency": ColumnType.INTEGER, "monetary": ColumnType.NUMBER,
    "avg_order_value": ColumnType.NUMBER, "first_purchase": ColumnType.DATE, "last_purchase": ColumnType.DATE,
    "r_score": ColumnType.INTEGER, "f_score": ColumnType.INTEGER, "m_score": ColumnType.INTEGER,
    "rfm_code": ColumnType.TEXT, "rfm_segment": ColumnType.CATEGORY, "lifecycle_stage": ColumnType.CATEGORY,
}


class Catalogue:
    """The fields of one data set, found by column name, role name or derived name.

    A name is looked up as written first, then as a role (``email``, ``city``), then ignoring case and
    surrounding spaces, so a rules file written for one export keeps working on the next one."""

    def __init__(self, fields: Iterable[Field]) -> None:
        self.fields: tuple[Field, ...] = tuple(fields)
        self._by_name = {f.name: f for f in self.fields}
        self._by_role: dict[str, Field] = {}
        for f in self.fields:
            if f.role is not None:
                self._by_role.setdefault(f.role.value, f)
        self._folded: dict[str, Field] = {}
        for f in self.fields:
            self._folded.setdefault(f.name.strip().casefold(), f)

    @classmethod
    def of(cls, columns: Iterable[ColumnInfo], group: FieldGroup = FieldGroup.CUSTOMER,
           derived: Iterable[str] = ()) -> Catalogue:
        found = [Field(c.name, c.type, group, c.role) for c in columns]
        names = {f.name for f in found}
        found += [Field(n, DERIVED_KINDS[n], FieldGroup.DERIVED) for n in derived
                  if n in DERIVED_KINDS and n not in names]
        return cls(found)

    def find(self, name: str) -> Field | None:
        return self._by_name.get(name) or self._by_role.get(name) or self._folded.get(name.strip().casefold())

    def in_group(self, group: FieldGroup) -> list[Field]:
        return [f for f in self.fields if f.group == group]
