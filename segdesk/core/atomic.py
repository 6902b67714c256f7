"""Write a file so that it is either complete or absent: a temporary name beside it, renamed when done.

A crash, a full disk or a cancel leaves the previous file (if any) untouched and no half file behind.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

from segdesk.core.errors import InputError


@contextlib.contextmanager
def replacing(path: str | Path, protect: tuple[Path, ...] = ()) -> Iterator[Path]:
    """Yield a temporary path in ``path``'s folder; on success it replaces ``path``, on failure it is removed.
    ``protect``: files that must never be written (the user's sources)."""
    target = Path(path)
    if any(_same(target, p) for p in protect):
        raise InputError("would_overwrite_source", name=target.name)
    if not target.parent.is_dir():
        raise InputError("no_folder", name=str(target.parent))
    # Not mkstemp: it makes the file owner-only (0600), and the rename would keep that on the user's export.
    # O_EXCL with a random name is as safe against clashes, and the mode follows the user's umask.
    temp = target.parent / f".{target.name}.{secrets.token_hex(6)}.part"
    os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        yield temp
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomically(path: str | Path, write: Callable[[Path], None], protect: tuple[Path, ...] = ()) -> None:
    with replacing(path, protect) as temp:
        try:
            write(temp)
        except PermissionError as e:
            raise InputError("cannot_write", name=Path(path).name, reason=e.strerror or str(e)) from None


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
