"""Three-valued truth (SQL's, Kleene's) as two boolean arrays: definitely true, definitely false.

A customer is in neither when the answer is unknown (an empty field). ``and``/``or``/``not`` on the pair are
plain numpy operations, cheaper than pandas' nullable booleans while giving the same results (the tests check
them against ``pd.array(..., dtype="boolean")``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Truth:
    true: np.ndarray  # bool per customer
    false: np.ndarray  # bool per customer; neither = unknown

    @classmethod
    def known(cls, true: np.ndarray, known: np.ndarray) -> Truth:
        """``true`` where ``known``, unknown elsewhere."""
        return cls(true & known, ~true & known)

    @classmethod
    def constant(cls, n: int, value: bool) -> Truth:
        return cls(np.full(n, value), np.full(n, not value))

    @property
    def unknown(self) -> np.ndarray:
        return ~(self.true | self.false)

    def __invert__(self) -> Truth:
        return Truth(self.false, self.true)

    def __and__(self, other: Truth) -> Truth:
        return Truth(self.true & other.true, self.false | other.false)

    def __or__(self, other: Truth) -> Truth:
        return Truth(self.true | other.true, self.false & other.false)

    def at(self, position: int) -> bool | None:
        if self.true[position]:
            return True
        if self.false[position]:
            return False
        return None
