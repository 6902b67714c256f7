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


class AtomicBatch:
    """Several files that appear together or not at all: each is written to a temporary name beside its target,
    and only :meth:`commit` (after every one is complete) renames them into place. Until then the previous
    files, if any, stay as they were; :meth:`discard` (on an error or a cancel) removes the temporary files.

    Used as a context manager it commits on success and discards on any exception."""

    def __init__(self, protect: tuple[Path, ...] = ()) -> None:
        self.protect = protect
        self._staged: list[tuple[Path, Path]] = []  # (temporary, target)
        self._removals: list[Path] = []  # files to remove once the new ones are in place

    def stage(self, path: str | Path) -> Path:
        """A fresh temporary path for ``path``, to be filled by the caller."""
        target = Path(path)
        if any(_same(target, p) for p in self.protect):
            raise InputError("would_overwrite_source", name=target.name)
        if not target.parent.is_dir():
            raise InputError("no_folder", name=str(target.parent))
        temp = target.parent / f".{target.name}.{secrets.token_hex(6)}.part"
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except PermissionError as e:
            raise InputError("cannot_write", name=target.name, reason=e.strerror or str(e)) from None
        self._staged.append((temp, target))
        return temp

    @property
    def targets(self) -> list[Path]:
        return [target for _, target in self._staged]

    def remove_on_commit(self, path: Path) -> None:
        """Remove ``path`` when the batch commits (a file the new ones make obsolete); never a protected one."""
        if not any(_same(path, p) for p in self.protect):
            self._removals.append(path)

    def commit(self) -> None:
        for temp, target in self._staged:
            os.replace(temp, target)
        self._staged.clear()
        for path in self._removals:
            path.unlink(missing_ok=True)
        self._removals.clear()

    def discard(self) -> None:
        for temp, _ in self._staged:
            temp.unlink(missing_ok=True)
        self._staged.clear()
        self._removals.clear()

    def __enter__(self) -> AtomicBatch:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()
