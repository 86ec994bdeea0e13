"""Backups with SQLite's online backup API, each checked before it counts.

Backups have kinds, named by their prefix in ``DATA_DIR/backups``:

* ``journal-…``: made on their own (at launch, at most daily, and before an upgrade); these
  are thinned out by :func:`rotate`.
* ``manual-…``: made because the person asked (``reflective-journal backup``).
* ``before-restore-…``: the journal a restore replaced; ``damaged-…`` the same, byte for byte,
  when it could not be read as a database.

Only ``journal-…`` backups are ever deleted by the app. A message that promised a copy
("saved as backups/…") can therefore always be trusted.

Over 400 lines on purpose: making, checking, finding, thinning and restoring backups share the
naming rules and the safety copies, and splitting them would spread one promise over files.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from journal.errors import JournalError, StorageError
from journal.files import (
    BACKUP_DIRNAME,
    DB_FILENAME,
    connect_readonly,
    describe_sqlite_error,
    inspect_sqlite,
    make_private_folder,
)

BACKUP_PREFIX = "journal-"
BACKUP_SUFFIX = ".sqlite3"

AUTOMATIC = "journal"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
KINDS = (AUTOMATIC, MANUAL, BEFORE_RESTORE)


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIRNAME


def make_backup(
    source: Path, data_dir: Path, *, now: datetime | None = None, kind: str = AUTOMATIC
) -> Path:
    """Copy the journal at ``source`` into ``DATA_DIR/backups/KIND-YYYYMMDD-HHMMSS.sqlite3``.

    The copy is made with the online backup API (safe while the app writes), checked with
    ``integrity_check`` and only then given its name. Two backups made in the same second (two
    commands at once) get different names: the name is claimed with a hard link, which fails
    rather than replace a file that is already there.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    folder = backups_dir(data_dir)
    ensure_private_folder(folder)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    partial = _unused(folder, f".{kind}-{stamp}{BACKUP_SUFFIX}.{os.getpid()}", ".part")
    try:
        result = _checked_copy(source, partial)
        if result != "ok":
            raise StorageError(f"the backup of {source} failed its integrity check ({result})")
        target = _claim(partial, folder, f"{kind}-{stamp}")
    finally:
        partial.unlink(missing_ok=True)
    return target


def _unused(folder: Path, stem: str, suffix: str) -> Path:
    counter = 0
    while True:
        candidate = folder / f"{stem}-{counter}{suffix}"
        try:
            fd = os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            counter += 1
            continue
        os.close(fd)
        return candidate


def _claim(partial: Path, folder: Path, stem: str) -> Path:
    """Give the finished copy ``partial`` the first free name ``STEM[-N].sqlite3``."""
    counter = 0
    while True:
        name = f"{stem}{BACKUP_SUFFIX}" if counter == 0 else f"{stem}-{counter}{BACKUP_SUFFIX}"
        target = folder / name
        try:
            os.link(partial, target)
        except FileExistsError:
            counter += 1
            continue
        except OSError:
            # A file system without hard links: claim the name exclusively, then fill it.
            try:
                fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                counter += 1
                continue
            os.close(fd)
            os.replace(partial, target)
        return target


# --- finding, rotating and restoring backups ------------------------------------------------

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 6
STALE_AFTER = timedelta(days=1)
# Backups dated this far ahead of the clock are taken to come from a clock that was wrong.
CLOCK_SLACK = timedelta(minutes=5)

_NAME_PATTERN = re.compile(
    rf"^({'|'.join(re.escape(kind) for kind in KINDS)})-(\d{{8}}-\d{{6}})(?:-(\d+))?"
    rf"{re.escape(BACKUP_SUFFIX)}$"
)


@dataclass(frozen=True, order=True)
class BackupFile:
    """A backup in ``DATA_DIR/backups``; ``taken_at`` is local time, read from its name."""

    taken_at: datetime
    counter: int
    path: Path
    kind: str = AUTOMATIC


def _parse(path: Path) -> BackupFile | None:
    match = _NAME_PATTERN.match(path.name)
    if not match:
        return None
    try:
        taken_at = datetime.strptime(match.group(2), "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return BackupFile(taken_at, int(match.group(3) or 0), path, match.group(1))


def taken_at(path: Path) -> datetime | None:
    """When the backup at ``path`` was taken (local time, from its name), or None."""
    parsed = _parse(path)
    return parsed.taken_at if parsed else None


def backup_kind(path: Path) -> str | None:
    """``journal`` (made on its own), ``manual`` or ``before-restore``; None if not a backup."""
    parsed = _parse(path)
    return parsed.kind if parsed else None


def _backup_files(data_dir: Path) -> list[BackupFile]:
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    found = [parsed for path in folder.iterdir() if path.is_file() and (parsed := _parse(path))]
    return sorted(found, reverse=True)


def list_backups(data_dir: Path) -> list[Path]:
    """Every backup in ``DATA_DIR/backups``, newest first (by the time in its name)."""
    return [backup.path for backup in _backup_files(data_dir)]


def check_file(path: Path) -> str:
    """``ok``, or what is wrong with the SQLite file at ``path`` (read-only; never raises)."""
    try:
        facts = inspect_sqlite(path, check="integrity_check")
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    except sqlite3.Error as exc:
        described = describe_sqlite_error(path, exc)
        return described.removeprefix(f"{path} ")
    if not facts.is_sqlite:
        return "is not an SQLite file"
    if facts.sound:
        return "ok"
    return f"failed its integrity check ({'; '.join(facts.verdict[:3])})"


def newest_backup(
    data_dir: Path, *, verified: bool = False, now: datetime | None = None
) -> Path | None:
    """The newest backup, or None. With ``verified``, the newest one that passes
    ``integrity_check`` (damaged ones are skipped). A backup dated after ``now`` (made while
    the clock was wrong) is never the newest: its date cannot be trusted."""
    current = _local(now or datetime.now())
    for found in _backup_files(data_dir):
        if found.taken_at > current + CLOCK_SLACK:
            continue
        if not verified or check_file(found.path) == "ok":
            return found.path
    return None


def _local(now: datetime) -> datetime:
    # Backup names carry naive local time; compare like with like.
    return now.astimezone().replace(tzinfo=None) if now.tzinfo else now


def rotate(data_dir: Path, now: datetime | None = None) -> list[Path]:
    """Delete old automatic backups, keeping the newest per day for the last 7 days that have
    one, per ISO week for the last 4 such weeks and per month for the last 6 such months.

    Never deleted: backups made by hand or before a restore (only ``journal-…`` ones are
    thinned), the newest backup that passes ``integrity_check``, and any backup stamped after
    ``now`` (a clock that was wrong is no reason to lose a copy). Returns what was deleted.
    """
    current = _local(now or datetime.now())
    backups = [b for b in _backup_files(data_dir) if b.kind == AUTOMATIC]
    keep: set[Path] = {b.path for b in backups if b.taken_at > current}
    dated = [b for b in backups if b.taken_at <= current]  # newest first
    periods = (
        (KEEP_DAILY, lambda t: t.date()),
        (KEEP_WEEKLY, lambda t: t.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda t: (t.year, t.month)),
    )
    for limit, period_of in periods:
        seen: set[object] = set()
        for backup in dated:
            period = period_of(backup.taken_at)
            if period in seen:
                continue
            if len(seen) == limit:
                break
            seen.add(period)
            keep.add(backup.path)
    good = newest_backup(data_dir, verified=True, now=current)
    if good is not None:
        keep.add(good)
    deleted = []
    for backup in dated:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            deleted.append(backup.path)
    return deleted


def backup_if_stale(data_dir: Path, journal_path: Path, now: datetime | None = None) -> Path | None:
    """At launch: back up when the newest backup is more than a day old (or there is none),
    then rotate. Returns the new backup, or None when none was needed."""
    if not journal_path.exists() or journal_path.stat().st_size == 0:
        return None
    current = _local(now or datetime.now())
    # A backup dated in the future says nothing about how old the newest real one is.
    backups = [b for b in _backup_files(data_dir) if b.taken_at <= current + CLOCK_SLACK]
    if backups and current - backups[0].taken_at <= STALE_AFTER:
        return None
    made = make_backup(journal_path, data_dir, now=current)
    rotate(data_dir, current)
    return made


def known_revision(path: Path) -> str:
    """The schema revision of a journal file this version can open; StorageError otherwise."""
    from journal.migrations import REVISIONS

    try:
        revision = inspect_sqlite(path, header=False, revision=True).revision
    except sqlite3.Error as exc:
        raise StorageError(describe_sqlite_error(path, exc)) from exc
    if revision is None:
        raise StorageError(f"{path} is an SQLite file but not a journal (no schema version)")
    if revision not in REVISIONS:
        raise StorageError(
            f"{path} has schema {revision!r}, which this version does not know "
            "(written by a newer version?)"
        )
    return revision


def restore(data_dir: Path, source_file: Path, *, now: datetime | None = None) -> Path | None:
    """Replace the journal in ``data_dir`` with the journal file ``source_file``.

    The file is checked first (SQLite, ``integrity_check``, a schema revision this version
    knows); if anything is wrong a StorageError says what and the journal is left untouched.
    Then the current journal is backed up (returned; None if there was none) and the new one
    put in place atomically. The caller must hold the writer lock and have no store open.
    """
    source_file = Path(source_file)
    untouched = "your journal was left untouched"
    if not source_file.exists():
        raise StorageError(f"{source_file} does not exist; {untouched}")
    if not source_file.is_file():
        raise StorageError(f"{source_file} is not a file; {untouched}")
    problem = check_file(source_file)
    if problem != "ok":
        raise StorageError(f"cannot restore: {source_file} {problem}; {untouched}")
    try:
        known_revision(source_file)
    except StorageError as exc:
        raise StorageError(f"cannot restore: {exc}; {untouched}") from exc

    make_private_folder(data_dir)
    link = data_dir / DB_FILENAME
    if link.is_symlink() and not link.exists():
        raise StorageError(
            f"the journal {link} is a link to {os.readlink(link)}, which does not exist (a disk "
            f"that is not mounted?); nothing was restored — mount it first"
        )
    # A journal that is a link stays a link: the file it points to is the one replaced.
    target = link.resolve() if link.is_symlink() else link
    if target.exists() and target.resolve() == source_file.resolve():
        raise StorageError(f"{source_file} is the journal itself; {untouched}")
    safety = _safety_copy(target, data_dir, now) if target.exists() else None

    temp = target.with_name(f".{target.name}.restore-{os.getpid()}.tmp")
    try:
        # The backup API (not a byte copy) also picks up pages still in the source's -wal.
        result = _checked_copy(source_file, temp)
        if result != "ok":
            raise StorageError(
                f"the copy of {source_file} failed its check ({result}); {untouched}"
            )
        _fsync_path(temp)
        # The old journal's -wal/-shm belong to the old file; left beside the new one SQLite
        # would replay them into it. Their content is already in the safety copy.
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(temp, target)
        _fsync_path(target.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    from journal.identity import record

    record(link)  # the journal is this new file now; its -wal (none yet) will be its own
    return safety


def _checked_copy(source: Path, destination: Path) -> str:
    """Copy the database ``source`` into a new private file ``destination`` with SQLite's
    online backup API (safe while another connection writes) and return its integrity_check
    verdict ("ok" when sound). The caller removes ``destination`` if it is not used."""
    fd = os.open(destination, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.close(fd)
    src = connect_readonly(source)
    dst = sqlite3.connect(os.fspath(destination))
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
        return str(dst.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        dst.close()
        src.close()


def _safety_copy(target: Path, data_dir: Path, now: datetime | None) -> Path:
    """Back up the journal about to be replaced. A damaged one cannot go through SQLite, so
    its bytes (and its -wal) are copied as they are, under a name that says so."""
    if check_file(target) == "ok":
        return make_backup(target, data_dir, now=now, kind=BEFORE_RESTORE)
    folder = backups_dir(data_dir)
    ensure_private_folder(folder)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    copy = folder / f"damaged-{stamp}-{os.getpid()}{BACKUP_SUFFIX}"
    for suffix in ("", "-wal"):
        source = Path(f"{target}{suffix}")
        if source.exists():
            destination = Path(f"{copy}{suffix}")
            fd = os.open(destination, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
            with os.fdopen(fd, "wb") as out, source.open("rb") as src_handle:
                shutil.copyfileobj(src_handle, out)
                out.flush()
                os.fsync(out.fileno())
    return copy


def ensure_private_folder(folder: Path) -> None:
    """Create the folder 0700 (where the OS allows); tighten it if it already exists, unless
    it is a link (a backups folder linked to another disk keeps the mode it was given)."""
    make_private_folder(folder, tighten=True)


def _fsync_path(path: Path) -> None:
    if path.is_dir() and os.name != "posix":  # pragma: no cover - Windows cannot open folders
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- restoring in a running app ---------------------------------------------------------------
# The desktop app's File → Restore from backup… uses these: the rules that refuse a file before
# anything is touched, and restore-then-reopen, which puts the previous journal back when the
# restored one will not open (so the window still showing it matches the file again).

UNTOUCHED = "your journal was left untouched"


def restore_refusal(data_dir: Path, path: Path) -> str | None:
    """Why ``path`` cannot replace the journal in ``data_dir``, or None if it can.

    Only reads the file, so a refusal leaves the open journal exactly as it was (``restore``
    checks again when it runs)."""
    from journal.files import DB_FILENAME

    if not path.is_file():
        return f"{path} is not a file; {UNTOUCHED}"
    journal = data_dir / DB_FILENAME
    if journal.exists() and journal.resolve() == path.resolve():
        return f"{path} is the journal itself; {UNTOUCHED}"
    problem = check_file(path)
    if problem != "ok":
        return f"cannot restore: {path} {problem}; {UNTOUCHED}"
    try:
        known_revision(path)
    except JournalError as exc:
        return f"cannot restore: {exc}; {UNTOUCHED}"
    return None


Opened = TypeVar("Opened")


class ReopenFailed(Exception):
    """The restored file was put in place but would not open.

    ``cause`` is why it would not open; ``safety`` the copy of the previous journal (None if
    there was no journal before); ``put_back_error`` is None when the previous journal was put
    back in place as it was, else why that failed too (it is then only in ``safety``)."""

    def __init__(
        self, cause: BaseException, safety: Path | None, put_back_error: BaseException | None
    ) -> None:
        super().__init__(f"the restored journal could not be opened: {cause}")
        self.cause = cause
        self.safety = safety
        self.put_back_error = put_back_error

    @property
    def put_back(self) -> bool:
        return self.safety is not None and self.put_back_error is None


def restore_and_reopen(
    data_dir: Path,
    source_file: Path,
    open_journal: Callable[[Path], Opened],
    *,
    now: datetime | None = None,
) -> tuple[Opened, Path | None]:
    """Restore ``source_file`` as the journal in ``data_dir`` and open it with
    ``open_journal(data_dir)``; returns what that opened and the safety copy of the previous
    journal (None if there was none).

    Every connection to the journal must be closed first (the file and its -wal are
    replaced). If ``restore`` refuses (JournalError or OSError) nothing was replaced. If the
    restored file will not open, the previous journal is put back from its safety copy and
    ``ReopenFailed`` says how that went.
    """
    safety = restore(data_dir, source_file, now=now)
    try:
        return open_journal(data_dir), safety
    except (JournalError, OSError) as exc:
        put_back_error: BaseException | None = None
        if safety is not None:
            try:
                restore(data_dir, safety)
            except (JournalError, OSError) as again:
                put_back_error = again
        raise ReopenFailed(exc, safety, put_back_error) from exc
