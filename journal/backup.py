"""Backups with SQLite's online backup API, each checked before it counts."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from journal.errors import StorageError

BACKUP_DIRNAME = "backups"
BACKUP_PREFIX = "journal-"
BACKUP_SUFFIX = ".sqlite3"


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIRNAME


def make_backup(source: Path, data_dir: Path, *, now: datetime | None = None) -> Path:
    """Copy the journal at ``source`` into ``DATA_DIR/backups/journal-YYYYMMDD-HHMMSS.sqlite3``.

    The copy is made with the online backup API (safe while the app writes), checked with
    ``integrity_check`` and only then moved into place; a bad copy is deleted and reported.
    """
    folder = backups_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{BACKUP_PREFIX}{stamp}{BACKUP_SUFFIX}"
    counter = 1
    while target.exists():
        target = folder / f"{BACKUP_PREFIX}{stamp}-{counter}{BACKUP_SUFFIX}"
        counter += 1
    partial = target.with_name(target.name + ".part")
    fd = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            result = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
            src.close()
        if result != "ok":
            raise StorageError(f"the backup of {source} failed its integrity check ({result})")
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target
