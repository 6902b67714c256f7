"""Russian strings of the RFM page, grid and tables (merged into `translations`)."""

from __future__ import annotations

#: English strings with ``{count}``: (singular, plural).
ENGLISH_PLURALS: dict[str, tuple[str, str]] = {}

RUSSIAN: dict[str, str | tuple[str, str, str]] = {}
