"""Where Arrow's memory comes from: an allocator that gives freed memory back to the system soon.

An import makes many short-lived buffers the size of a column. Arrow's default allocator (mimalloc)
keeps freed pages for reuse, so a 1,000,000-row import peaked at about 4.3x the file's size in resident
memory while holding about 3.4x; jemalloc told to purge freed pages after 50 ms peaks near what is held,
for a few percent of speed (benchmarks/bench_import.py, case 4).
"""

from __future__ import annotations

import os

import pyarrow as pa

DECAY_MS = 50


def return_freed_memory() -> str:
    """Make jemalloc, purging freed pages after DECAY_MS, Arrow's default pool; the backend in use.

    Left alone where the user chose a pool (ARROW_DEFAULT_MEMORY_POOL) or the wheel has no jemalloc.
    """
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return pa.default_memory_pool().backend_name
    try:
        pool = pa.jemalloc_memory_pool()
    except NotImplementedError:
        return pa.default_memory_pool().backend_name
    pa.set_memory_pool(pool)
    pa.jemalloc_set_decay_ms(DECAY_MS)
    return pool.backend_name
