"""Where the journal lives, how it is opened, and how its schema is brought up to date.

Opening is careful: a file that exists is first inspected read-only (header, ``quick_check``,
schema revision) so that a damaged journal or one from a newer version is refused with its bytes
untouched. Only then is it opened for writing and migrated (after a backup).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.errors import StorageError
from journal.files import (
    BACKUP_DIRNAME,
    DB_FILENAME,
    describe_sqlite_error,
    inspect_sqlite,
    make_private_folder,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

APP_NAME = "reflective-journal"
HOME_ENV = "REFLECTIVE_JOURNAL_HOME"
BUSY_TIMEOUT_MS = 5000


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` first, then ``$REFLECTIVE_JOURNAL_HOME``, then the platform's data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    env_value = os.environ.get(HOME_ENV)
    if env_value:
        return Path(env_value).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Folder for settings (window state); never the data folder."""
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def journal_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) readable by the user only where the OS allows."""
    make_private_folder(path)


def create_private_file(path: Path) -> None:
    """Create an empty file with mode 0600 unless it exists already."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _begin(connection) -> None:  # type: ignore[no-untyped-def]
    # The driver is in autocommit mode (isolation_level=None); SQLAlchemy's BEGIN is ours,
    # so every session transaction, reads included, is one SQLite transaction.
    connection.exec_driver_sql("BEGIN")


def connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the journal's pragmas, for reads.

    Autocommit mode: the caller opens its own transactions. Usable from any one thread.
    """
    # A plain path (never a URI): every character of a folder name means itself.
    connection = sqlite3.connect(os.fspath(path), isolation_level=None, check_same_thread=False)
    _set_pragmas(connection, None)
    return connection


def make_engine(path: Path) -> Engine:
    """An engine whose every connection has the journal's pragmas."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    # The URL names no file: a path pasted into a URL would read "#", "?" and "%" as URL
    # syntax. Connections are made from the path itself.
    name = os.fspath(path)

    def open_connection() -> sqlite3.Connection:
        return sqlite3.connect(name, isolation_level=None, check_same_thread=False)

    engine = create_engine("sqlite://", creator=open_connection, poolclass=QueuePool)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


@dataclass(frozen=True)
class Inspection:
    """What a read-only look at an existing journal file found."""

    revision: str | None
    is_empty: bool


_early: dict[Path, tuple[threading.Thread, list[Any]]] = {}


def inspect_early(path: Path) -> None:
    """Start inspecting ``path`` on a thread, so that ``quick_check`` (which reads the whole
    file) overlaps the desktop app's imports; :func:`inspect_file` then collects the answer."""
    if not path.is_file() or path.resolve() in _early:
        return
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(_inspect(path))
        except BaseException as exc:  # handed to the caller of inspect_file
            outcome.append(exc)

    thread = threading.Thread(target=run, name="journal-inspection", daemon=True)
    _early[path.resolve()] = (thread, outcome)
    thread.start()


def inspect_file(path: Path) -> Inspection:
    """Look at an existing journal without writing a byte; raise StorageError if unusable."""
    early = _early.pop(path.resolve(), None)
    if early is not None:
        thread, outcome = early
        thread.join()
        if outcome and isinstance(outcome[0], Inspection):
            return outcome[0]
        if outcome and isinstance(outcome[0], StorageError):
            raise outcome[0]
    return _inspect(path)


def _inspect(path: Path) -> Inspection:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise StorageError(f"{path} cannot be read ({exc.strerror})") from exc
    if size == 0:
        raise StorageError(f"{path} is empty (zero bytes), so it is not a journal")
    try:
        facts = inspect_sqlite(path, check="quick_check", revision=True)
    except sqlite3.Error as exc:
        raise StorageError(describe_sqlite_error(path, exc)) from exc
    if not facts.is_sqlite:
        raise StorageError(f"{path} is not a journal database (not an SQLite file)")
    if not facts.sound:
        raise StorageError(f"{path} is damaged ({facts.verdict[0]})")
    return Inspection(revision=facts.revision, is_empty=facts.tables == 0)


def _alembic_config(connection):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "journal:migrations")
    config.attributes["connection"] = connection
    return config


def upgrade_schema(engine: Engine) -> None:
    """Bring the schema to HEAD in one transaction. Foreign keys are switched off outside it
    (table rebuilds need that); env.py checks every reference before it commits."""
    from alembic import command

    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None  # an open connection has its driver's connection
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            try:
                command.upgrade(_alembic_config(connection), "head")
            except RuntimeError as exc:
                raise StorageError(f"{exc}; the journal was left as it was") from exc
            if connection.in_transaction():
                connection.commit()
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def prepare_journal(data_dir: Path, notices: list[str] | None = None) -> Path:
    """Make the journal in ``data_dir`` ready to use (created or migrated); return its path.

    Raises StorageError, leaving the file's bytes untouched, if the file is damaged, is not a
    journal, or was written by a newer version of the app, or if the journal is a link whose
    target is missing (a disk not mounted): a new journal is never made in its place.
    What a person should hear about (a ``-wal`` set aside) is appended to ``notices``.
    """
    from journal.identity import record
    from journal.migrations import HEAD, REVISIONS

    _refuse_dangling_link(data_dir, "data folder")
    ensure_private_dir(data_dir)
    path = journal_path(data_dir)
    _refuse_dangling_link(path, "journal")
    revision: str | None = None
    needs_backup = False
    if path.exists():
        kept = _set_aside_foreign_wal(path, data_dir)
        if kept is not None:
            _early.pop(path.resolve(), None)  # that look included the foreign log
            if notices is not None:
                notices.append(
                    "The journal file was replaced by another program (a sync tool?) while "
                    "a write-ahead log of the previous file lay beside it. That log was not "
                    f"mixed into your journal; the journal together with that log is kept as "
                    f"{kept} — if words you wrote just before are missing, restore that file "
                    "(File → Restore from backup… checks it first)."
                )
        inspection = inspect_file(path)
        revision = inspection.revision
        if revision is not None and revision not in REVISIONS:
            raise StorageError(
                f"{path} was written by a newer version of Reflective Journal "
                f"(schema {revision}); it was left untouched — update the app to open it"
            )
        if revision is None and not inspection.is_empty:
            raise StorageError(f"{path} is an SQLite file but not a journal")
        needs_backup = revision is not None and revision != HEAD
    else:
        _create_journal(path)
        record(path)
        return path
    if revision != HEAD:
        if needs_backup:
            from journal.backup import make_backup

            make_backup(path, data_dir)
        engine = make_engine(path)
        try:
            upgrade_schema(engine)
        finally:
            engine.dispose()
    record(path)
    return path


def _set_aside_foreign_wal(path: Path, data_dir: Path) -> Path | None:
    """Only a process that may write (the lock is free, or held by this process) may take a
    log away from the journal; a reader next to a running app leaves everything alone."""
    from journal.identity import set_aside_foreign_wal
    from journal.lock import WriterLock

    holder = WriterLock(data_dir).holder()
    if holder is not None and holder.pid != os.getpid():
        return None
    return set_aside_foreign_wal(path, data_dir / BACKUP_DIRNAME)


def _refuse_dangling_link(path: Path, what: str) -> None:
    """A link whose target is missing is most likely a disk or share that is not mounted:
    making a new, empty journal there would hide the real one. Refuse and say so."""
    if path.is_symlink() and not path.exists():
        target = os.readlink(path)
        raise StorageError(
            f"the {what} {path} is a link to {target}, which does not exist (a disk or share "
            "that is not mounted?); nothing was created in its place — mount it, or remove the "
            "link to start a new journal"
        )


def _create_journal(path: Path) -> None:
    """Make a new, empty journal at ``path`` in one step: it is built beside its final name
    and renamed into place, so a crash while creating it never leaves a half-made (or
    zero-byte) journal that the next launch would have to refuse."""
    fresh = path.with_name(path.name + ".new")
    for leftover in (fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-shm")):
        leftover.unlink(missing_ok=True)  # from a creation that was cut short
    create_private_file(fresh)
    engine = make_engine(fresh)
    try:
        upgrade_schema(engine)
    finally:
        engine.dispose()  # the last connection closing folds the WAL into the file
    os.replace(fresh, path)


def protected_paths(data_dir: Path) -> list[Path]:
    """The files an export must never write over: the journal, its SQLite siblings, the lock,
    the identity record (the backups folder is guarded as a whole)."""
    from journal.identity import identity_file

    journal = journal_path(data_dir)
    real = Path(os.path.realpath(journal))  # SQLite's siblings sit beside a link's target
    siblings = [Path(f"{place}{suffix}") for place in {journal, real} for suffix in _SIBLINGS]
    return [
        journal,
        real,
        *siblings,
        journal.with_name(journal.name + ".lock"),
        identity_file(journal),
    ]


_SIBLINGS = ("-wal", "-shm", "-journal")


def _same(left: Path, right: Path) -> bool:
    if os.path.realpath(left) == os.path.realpath(right):
        return True
    try:
        return os.path.samefile(left, right)
    except OSError:
        return False


def refuse_journal_target(target: Path, data_dir: Path, *, folder: bool = False) -> None:
    """Raise StorageError if writing an export to ``target`` (a file, or with ``folder`` a
    folder to write files into) would write over the journal, its ``-wal``/``-shm``, the
    lock, or into the backups folder."""
    backups = data_dir / BACKUP_DIRNAME
    real_target = Path(os.path.realpath(target))
    real_backups = Path(os.path.realpath(backups))
    inside = real_target == real_backups or real_backups in real_target.parents
    if not inside and backups.is_dir():
        # A case-insensitive disk: "Backups/x.json" is the same folder spelled otherwise.
        inside = any(
            _same(place, backups) for place in (real_target, *real_target.parents) if place.exists()
        )
    if inside:
        raise StorageError(
            f"{target} is in the journal's backups folder, which only holds backups; "
            "nothing was written — choose another place"
        )
    if folder:
        return
    for protected in protected_paths(data_dir):
        if _same(target, protected):
            raise StorageError(
                f"{target} is the journal's own file {protected.name}; writing there would "
                "destroy the journal, so nothing was written — choose another file name"
            )
