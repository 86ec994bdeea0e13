"""Which file the journal is: noticing when another program replaced or removed it.

Sync tools (Syncthing, Dropbox, iCloud) replace a file by renaming a new one over the old, and
a person may delete or move the journal while the app has it open. SQLite keeps writing to the
file it opened, so without a check the app would go on saying "Saved" into a file nobody will
ever read again, or SQLite would replay one file's write-ahead log (``-wal``) into another.

Two promises are kept here:

* **Before every write** the store compares the file at the journal's path with the one it
  opened (device and inode). If it vanished or is another file, the write is refused with
  :class:`JournalReplacedError` and every later write too; the words stay in the window.
* **Before the journal is opened for writing**, a ``-wal`` beside it is checked against the
  identity recorded (in ``journal.sqlite3.identity``) by the last process that opened it at
  this same path on this same computer. Only that positive evidence — same host, same path,
  same device, another inode: the file was renamed over — marks the ``-wal`` as written for
  another file. It is then never replayed into the journal. Nothing is lost either way: the
  old journal's log is kept in ``backups/`` together with a copy of the journal, as a
  database that ``restore`` accepts, in case the judgement was wrong. A copied or moved data
  folder (another path, another host) keeps its ``-wal`` as SQLite always did. The check
  runs only while this process may write (the lock is free or ours), never under a writer.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from journal.errors import StorageError
from journal.files import write_atomic

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
        """The identity of the file at ``path`` (links followed), or None if there is none.
        Any other failure to look (a network disk hiccup) raises OSError: it proves nothing."""
        try:
            info = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        return cls(info.st_dev, info.st_ino)


def identity_file(journal: Path) -> Path:
    return journal.with_name(journal.name + IDENTITY_SUFFIX)


def _host() -> str:
    uname = getattr(os, "uname", None)
    return uname().nodename if uname is not None else ""


def _where(journal: Path) -> str:
    return os.path.abspath(os.fspath(journal))


def read_recorded(journal: Path) -> FileIdentity | None:
    """The identity recorded when the journal was last opened *at this path on this host*,
    or None when unknown (no record, or one made elsewhere: a copied or synced folder)."""
    try:
        data = json.loads(identity_file(journal).read_text(encoding="utf-8"))
        if data.get("host") != _host() or data.get("path") != _where(journal):
            return None
        return FileIdentity(int(data["device"]), int(data["inode"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def record(journal: Path) -> None:
    """Remember which file the journal is now (atomically; failures are not fatal: without a
    record, a ``-wal`` is trusted as SQLite always did)."""
    try:
        current = FileIdentity.of(journal)
    except OSError:
        return
    if current is None or read_recorded(journal) == current:
        return
    content = {
        "device": current.device,
        "inode": current.inode,
        "host": _host(),
        "path": _where(journal),
    }
    with contextlib.suppress(OSError):
        write_atomic(identity_file(journal), json.dumps(content).encode("utf-8"), durable=False)


def set_aside_foreign_wal(journal: Path, backups: Path, now: datetime | None = None) -> Path | None:
    """If the ``-wal`` beside ``journal`` was written for another file (see the module
    docstring for the evidence required), keep it in ``backups`` — with a copy of the journal
    beside it, so the pair opens as a database that ``restore`` accepts — and take it away
    from the journal before any connection can replay it. Returns the kept database's path.

    The caller must be the only writer (hold the writer lock, or know it is free)."""
    real = journal.resolve()  # SQLite puts the -wal beside the file a link points to
    wal = Path(f"{real}-wal")
    try:
        if wal.stat().st_size == 0:
            return None
        current = FileIdentity.of(journal)
    except OSError:
        return None
    recorded = read_recorded(journal)
    if recorded is None or current is None or recorded == current:
        return None
    if recorded.device != current.device:
        return None  # another disk, or the same disk mounted anew: not evidence of a rename
    backups.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    kept = backups / f"foreign-wal-{stamp}-{os.getpid()}.sqlite3"
    try:
        _copy_private(real, kept)  # the journal as it is, so that the log has a database
        os.replace(wal, Path(f"{kept}-wal"))
        Path(f"{real}-shm").unlink(missing_ok=True)
    except OSError as exc:
        Path(f"{kept}").unlink(missing_ok=True)
        raise StorageError(
            f"{wal} was written for another file than {journal} (the journal was replaced by "
            f"another program), and it could not be set aside ({exc.strerror}); the journal "
            "was not opened, so nothing was mixed into it"
        ) from exc
    return kept


def _copy_private(source: Path, target: Path) -> None:
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as handle:
        shutil.copyfileobj(handle, out)
        out.flush()
        os.fsync(out.fileno())
