"""Which file the journal is: noticing when another program replaced or removed it.

Sync tools (Syncthing, Dropbox, iCloud) replace a file by renaming a new one over the old, and
a person may delete or move the journal while the app has it open. SQLite keeps writing to the
file it opened, so without a check the app would go on saying "Saved" into a file nobody will
ever read again, or SQLite would replay one file's write-ahead log (``-wal``) into another.

Two promises are kept here:

* **Before every write** the store compares the file at the journal's path with the one it
  opened (device and inode). If it vanished or is another file, the write is refused with
  :class:`JournalReplacedError` and every later write too; the words stay in the window.
* **Before any connection opens a journal**, a ``-wal`` beside it is checked against the
  identity recorded (in ``journal.sqlite3.identity``) by the last process that opened it. A
  ``-wal`` written for another file is never replayed: it is moved into ``backups/`` (kept,
  not deleted) and the person is told.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from journal.errors import StorageError

IDENTITY_SUFFIX = ".identity"


class JournalReplacedError(StorageError):
    """The journal file was removed or replaced by another program while it was open."""


@dataclass(frozen=True)
class FileIdentity:
    """A file's identity on its file system (what a rename over it changes)."""

    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileIdentity | None:
        """The identity of the file at ``path`` (links followed), or None if there is none."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        return cls(info.st_dev, info.st_ino)


def identity_file(journal: Path) -> Path:
    return journal.with_name(journal.name + IDENTITY_SUFFIX)


def read_recorded(journal: Path) -> FileIdentity | None:
    """The identity recorded when the journal was last opened, or None if unknown."""
    try:
        data = json.loads(identity_file(journal).read_text(encoding="utf-8"))
        return FileIdentity(int(data["device"]), int(data["inode"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def record(journal: Path) -> None:
    """Remember which file the journal is now (atomically; failures are not fatal: without a
    record, a ``-wal`` is trusted as SQLite always did)."""
    current = FileIdentity.of(journal)
    if current is None or read_recorded(journal) == current:
        return
    target = identity_file(journal)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"device": current.device, "inode": current.inode}, handle)
        os.replace(temp, target)
    except OSError:
        temp.unlink(missing_ok=True)


def set_aside_foreign_wal(journal: Path, backups: Path, now: datetime | None = None) -> Path | None:
    """If a ``-wal`` beside ``journal`` was written for another file, move it (and its
    ``-shm``) into ``backups`` before any connection can replay it; return where it went."""
    real = journal.resolve()  # SQLite puts the -wal beside the file a link points to
    wal = Path(f"{real}-wal")
    try:
        if wal.stat().st_size == 0:
            return None
    except OSError:
        return None
    recorded = read_recorded(journal)
    current = FileIdentity.of(journal)
    if recorded is None or current is None or recorded == current:
        return None
    backups.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    kept = backups / f"foreign-wal-{stamp}-{os.getpid()}.sqlite3-wal"
    try:
        os.replace(wal, kept)
        Path(f"{real}-shm").unlink(missing_ok=True)
    except OSError as exc:
        raise StorageError(
            f"{wal} was written for another file than {journal} (the journal was replaced by "
            f"another program), and it could not be moved aside ({exc.strerror}); the journal "
            "was not opened, so nothing was mixed into it"
        ) from exc
    return kept
