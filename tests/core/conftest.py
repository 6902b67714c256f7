"""Core tests drive plain functions; they must run with PySide6 uninstalled, so nothing here imports Qt."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def write(tmp_path: Path):
    """write(name, text, encoding) -> path of a new file in tmp_path (bytes are written as they are)."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return _write
