"""The one-writer lock beside the database (``journal.sqlite3.lock``).

The lock is an OS advisory lock on the lock file (``fcntl.flock`` on POSIX, ``msvcrt.locking``
on Windows). The operating system drops it when the holding process exits or crashes, so a lock
left behind by a crashed app is stale by construction: nobody has to guess from a pid whether
the holder is still alive. The file's content (pid, host and what the holder is doing) is only
for telling the person *who* holds it.

On POSIX the data folder itself is locked too. Deleting a lock file while it is held (by hand,
or by a clean-up tool) and letting a second process make a new one would otherwise give two
writers a lock each; a folder that holds the journal cannot be deleted that way.

Links: the lock file must be a plain file. A link in its place is refused rather than followed,
since locking (and rewriting) whatever it points to could destroy another file.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from journal.errors import StorageError
from journal.files import DB_FILENAME, make_private_folder

LOCK_FILENAME = DB_FILENAME + ".lock"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _close_folder(fd: int | None) -> None:
    if fd is not None and fd >= 0:
        os.close(fd)  # closing the descriptor drops its flock


def _hostname() -> str:
    # platform.node() without importing socket (and platform) on the way to the first window.
    uname = getattr(os, "uname", None)
    if uname is not None:
        return uname().nodename
    import platform  # pragma: no cover - Windows

    return platform.node()  # pragma: no cover


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    # Windows byte-range locks block reads of the locked bytes, so the lock sits on a byte
    # past the pid record.
    _LOCK_OFFSET = 4096

    def _lock_folder(folder: Path) -> int | None:
        return -1  # folders cannot be opened on Windows; the lock file guards alone

    def _folder_is_locked(folder: Path) -> bool:
        return False

    def _try_lock(fd: int, *, exclusive: bool = True) -> bool:
        # msvcrt has no shared locks; a probe takes the exclusive lock and gives it back.
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_folder(folder: Path) -> int | None:
        """Lock the data folder; the open descriptor, or None when another process holds it."""
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        except OSError:
            # A file system that cannot lock folders: the lock file alone guards it.
            return fd
        return fd

    def _folder_is_locked(folder: Path) -> bool:
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return False
        finally:
            os.close(fd)
        return False

    def _try_lock(fd: int, *, exclusive: bool = True) -> bool:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@dataclass(frozen=True)
class LockHolder:
    """Who holds the lock, as recorded in the lock file (pid 0 when it could not be read)."""

    pid: int
    host: str
    purpose: str = ""  # "app", or the command ("import", "restore") holding it

    def describe(self) -> str:
        here = _hostname()
        if self.host and self.host != here:
            return f"pid {self.pid} on {self.host}"
        return f"pid {self.pid}"


class WriterLock:
    """Only one process writes to a journal at a time: the desktop app, or a writing command.

    ``acquire()`` never blocks: it returns False when another process holds the lock.
    A process may hold it once; ``release()`` gives it back (it is also dropped by the OS when
    the process ends).
    """

    def __init__(self, data_dir: Path, *, purpose: str = "app") -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_FILENAME
        self.purpose = purpose
        self._fd: int | None = None
        self._folder_fd: int | None = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if nobody holds it; record our pid and host in the file."""
        if self._fd is not None:
            return True
        make_private_folder(self.data_dir)
        folder_fd = _lock_folder(self.data_dir)
        if folder_fd is None:
            return False
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
        except OSError as exc:
            _close_folder(folder_fd)
            if self.path.is_symlink():
                raise StorageError(
                    f"{self.path} is a link, not the lock file; it was left alone (locking what "
                    "it points to could damage another file) — remove the link and try again"
                ) from exc
            raise
        try:
            if not _try_lock(fd):
                os.close(fd)
                _close_folder(folder_fd)
                return False
            record = json.dumps({"pid": os.getpid(), "host": _hostname(), "purpose": self.purpose})
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, record.encode("utf-8"))
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            _close_folder(folder_fd)
            raise
        self._fd = fd
        self._folder_fd = folder_fd
        return True

    def release(self) -> None:
        """Give the lock back. Safe to call when not held."""
        fd, self._fd = self._fd, None
        folder_fd, self._folder_fd = self._folder_fd, None
        if fd is None:
            return
        try:
            # The file stays (deleting a lock file races with a process opening it); empty
            # content means "nobody".
            os.ftruncate(fd, 0)
            _unlock(fd)
        finally:
            os.close(fd)
            _close_folder(folder_fd)

    def holder(self) -> LockHolder | None:
        """Who holds the lock now, or None when it is free (including a crashed holder's)."""
        if self._fd is not None:
            return LockHolder(os.getpid(), _hostname(), self.purpose)
        try:
            fd = os.open(self.path, os.O_RDONLY | _NOFOLLOW)
        except OSError:
            # No lock file (or a link in its place): the folder lock still tells.
            return LockHolder(0, "") if _folder_is_locked(self.data_dir) else None
        try:
            if _try_lock(fd, exclusive=False):
                _unlock(fd)
                # The lock file may have been deleted and made anew under a holder.
                return LockHolder(0, "") if _folder_is_locked(self.data_dir) else None
            return _read_holder(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _read_holder(fd: int) -> LockHolder:
    raw = b""
    os.lseek(fd, 0, os.SEEK_SET)
    while chunk := os.read(fd, 4096):
        raw += chunk
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockHolder(
            int(data.get("pid", 0)), str(data.get("host", "")), str(data.get("purpose", ""))
        )
    except (ValueError, AttributeError, TypeError):
        # The holder is between truncating and writing its record.
        return LockHolder(0, "")
