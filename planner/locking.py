"""One writer at a time: an exclusive advisory lock beside a strategy for a whole read → change → save.

The lock is `flock` on a small file beside the strategy (`.cafe.toml.lock`), never on the
strategy itself: the strategy is replaced by a rename on every save, and a lock on the old
inode would guard nothing. The kernel drops the lock when its holder dies, so a killed command
never leaves a stale lock; the lock file is removed on release and one left behind is harmless.

On Windows `msvcrt.locking` on the same file takes the place of `flock` (same semantics for
our use: exclusive, released when the process ends); that path is not exercised by the tests,
which run on Linux.

Locks are re-entrant within one thread: `plan` holds the lock from reading to saving, and
`storage.save` takes it too (so the TUI, which holds nothing while idle, is covered when it
saves) without waiting on itself.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from planner.errors import PlannerError

WAIT_SECONDS = 2.0  # a save takes milliseconds; a second writer waits this long, then refuses
_POLL_SECONDS = 0.02


class FileBusy(PlannerError):
    """Another smm-planner command (or the TUI saving) is changing the same strategy."""

    title = "File busy"


_held: dict[tuple[str, int], int] = {}  # (lock file, thread id) -> depth
_held_guard = threading.Lock()


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file of a strategy: beside its real file, so every link to it shares one lock."""
    target = Path(os.path.realpath(path))
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], *, wait: float | None = None) -> Iterator[None]:
    """Hold the strategy's exclusive lock inside the block; FileBusy after `wait` seconds."""
    lock = lock_path(path)
    key = (str(lock), threading.get_ident())
    with _held_guard:
        depth = _held.get(key, 0)
        if depth:
            _held[key] = depth + 1
    if depth:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] -= 1
        return
    fd = _acquire(lock, Path(path), WAIT_SECONDS if wait is None else wait)
    with _held_guard:
        _held[key] = 1
    try:
        yield
    finally:
        with _held_guard:
            del _held[key]
        _release(lock, fd)


def _acquire(lock: Path, path: Path, wait: float) -> int:
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = _open(lock)
        except OSError as e:
            raise PlannerError(
                f"{path}: cannot be locked for saving ({lock.name}: {e.strerror or e}); nothing was saved"
            ) from None
        if _try_lock(fd):
            if _is_current(fd, lock):
                return fd
            os.close(fd)  # the holder before us removed this lock file: lock the new one
            continue
        os.close(fd)
        if time.monotonic() >= deadline:
            raise FileBusy(
                f"{path}: another smm-planner command (or the planner's window saving) is changing "
                "this file; nothing was done, try again when it has finished"
            )
        time.sleep(_POLL_SECONDS)


def _open(lock: Path) -> int:
    try:
        return os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except PermissionError:
        if not lock.exists():
            raise
        return os.open(lock, os.O_RDONLY)  # another user's lock file: flock needs no write access


def _is_current(fd: int, lock: Path) -> bool:
    """The locked file is still the one at the lock's path (not removed by its last holder)."""
    try:
        on_disk = os.stat(lock)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


if sys.platform == "win32":  # pragma: no cover - the tests run on Linux
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(lock: Path, fd: int) -> None:
        # Windows cannot remove a file another process has open: the lock file stays, harmless.
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        os.close(fd)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(lock: Path, fd: int) -> None:
        # Removed while still locked: a waiter that opened this file sees it is gone and retries.
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)
