"""Arrow's pool: jemalloc that purges freed pages soon, unless the user picked a pool."""

from __future__ import annotations

import subprocess
import sys

import pyarrow as pa
import pytest

from segdesk.core import memory


def test_the_import_engine_sets_a_pool_that_returns_memory() -> None:
    code = "import segdesk.core.io, pyarrow as pa; print(pa.default_memory_pool().backend_name)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    try:
        pa.jemalloc_memory_pool()
    except NotImplementedError:
        pytest.skip("this pyarrow wheel has no jemalloc; the default pool stays")  # macOS/Windows wheels
    assert done.stdout.strip() == "jemalloc"


def test_a_pool_the_user_chose_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "system")
    before = pa.default_memory_pool().backend_name
    assert memory.return_freed_memory() == before
    assert pa.default_memory_pool().backend_name == before
