"""Files on disk: a path is always text, never a URI, and leftovers are ours to clean.

Every way the journal opens an SQLite file goes through here, so that a folder named
``Films #2``, ``a?b``, ``100%`` or ``-notes`` means exactly that folder. SQLite's URI syntax
gives ``#``, ``?`` and ``%`` a meaning; a file name must never be pasted into a URI unescaped.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote

DB_FILENAME = "journal.sqlite3"
BACKUP_DIRNAME = "backups"
SQLITE_HEADER = b"SQLite format 3\x00"

# Temporary files this program makes, by name (a leading dot, our suffix). Anything else in a
# folder is never touched by the clean-up.
_TEMPORARY_PATTERNS = (
    # write_temporary(unique=True) for JSON exports: ".NAME.rj-XXXXXXXX.tmp" (tempfile.mkstemp)
    re.compile(r"^\..+\.rj-[a-z0-9_]{8}\.tmp$"),
    # write_temporary() for identity.record: ".journal.sqlite3.identity.PID.tmp"
    re.compile(r"^\.journal\.sqlite3\.identity\.\d+\.tmp$"),
    # write_temporary() for the Markdown export: ".NAME.md.PID.tmp"
    re.compile(r"^\..+\.md\.\d+\.tmp$"),
    # restore: ".journal.sqlite3.restore-PID.tmp"
    re.compile(r"^\.journal\.sqlite3\.restore-\d+\.tmp$"),
    # backup: ".KIND-STAMP.sqlite3.PID-N.part" (and the older "NAME.sqlite3.part")
    re.compile(r"^\.?[a-z]+(?:-[a-z]+)*-\d{8}-\d{6}(?:-\d+)?\.sqlite3(?:\.\d+-\d+)?\.part$"),
    # the timeline picture beside a Markdown export: ".NAME.timeline.svg.PID.tmp"
    re.compile(r"^\..+\.timeline\.svg\.\d+\.tmp$"),
)
# Old enough that no export, backup or restore of a running process is still writing it.
STALE_AFTER_SECONDS = 6 * 3600


def sqlite_uri(path: Path, **parameters: str) -> str:
    """An SQLite ``file:`` URI for ``path`` with every character of the name escaped."""
    absolute = os.path.abspath(os.fspath(path))
    if os.name == "nt":  # pragma: no cover - Windows drive letters
        absolute = "/" + absolute.replace("\\", "/")
    uri = "file:" + quote(absolute, safe="/:" if os.name == "nt" else "/")
    if parameters:
        uri += "?" + "&".join(f"{key}={value}" for key, value in parameters.items())
    return uri


def connect_readonly(path: Path) -> sqlite3.Connection:
    """Open an existing SQLite file for reading only; never creates one."""
    return sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)


def is_temporary_name(name: str) -> bool:
    """True when ``name`` is one of the temporary names this program writes."""
    return any(pattern.match(name) for pattern in _TEMPORARY_PATTERNS)


def remove_stale_temporaries(
    folder: Path, *, older_than: float = STALE_AFTER_SECONDS, now: float | None = None
) -> list[Path]:
    """Delete our own temporary files in ``folder`` that a killed export, backup or restore
    left behind: only regular files named as we name them and untouched for ``older_than``
    seconds. Never raises; returns what was removed."""
    removed: list[Path] = []
    current = time.time() if now is None else now
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not is_temporary_name(name):
            continue
        path = folder / name
        try:
            info = path.lstat()
            if not path.is_file() or path.is_symlink():
                continue
            if current - info.st_mtime < older_than:
                continue
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


# SQLite's primary result codes that mean "the file is not a sound database"; every other
# failure (permissions, a read-only disk, a full disk, an I/O error) says nothing about the
# file's content and must not be called damage.
_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


def describe_sqlite_error(path: Path, error: BaseException) -> str:
    """What an SQLite error met while opening or reading ``path`` means, in words that do not
    call a healthy file damaged."""
    name = str(getattr(error, "sqlite_errorname", "") or "")
    detail = str(error).strip() or type(error).__name__
    primary = "_".join(name.split("_")[:2])
    if primary in _DAMAGE_CODES or (not name and "malformed" in detail):
        return f"{path} is damaged ({detail})"
    folder = Path(path).parent
    if primary in ("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH"):
        return (
            f"{path} cannot be opened for use: the file or its folder {folder} is not writable "
            f"(a read-only disk, or permissions) — SQLite said: {detail}. The file itself was "
            "left untouched; make the folder writable, or copy the journal somewhere writable"
        )
    if primary == "SQLITE_FULL":
        return (
            f"the disk holding {path} is full ({detail}); the journal was left untouched — "
            "free some space and try again"
        )
    if primary == "SQLITE_IOERR":
        return (
            f"the disk reported an error while reading {path} ({detail}); that is a problem of "
            "the disk or its connection, not proof of damage to the journal — try again, and "
            "check the disk"
        )
    if primary in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return f"{path} is busy in another program ({detail}); try again in a moment"
    return f"{path} cannot be read ({detail})"


def make_private_folder(path: Path, *, tighten: bool = False) -> None:
    """Create ``path`` (and its parents) readable by the user only where the OS allows.

    With ``tighten``, a folder that already exists is set to 0700 too — but never through a
    link: a folder a person linked elsewhere (another disk) keeps the mode they gave it.
    Raises StorageError with a plain reason instead of "File exists".
    """
    from journal.errors import StorageError

    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except FileExistsError as exc:
        raise StorageError(f"{path} is a file, not a folder, so it cannot be used") from exc
    except NotADirectoryError as exc:
        raise StorageError(f"{path} cannot be made: a part of that path is a file") from exc
    except OSError as exc:
        raise StorageError(f"the folder {path} cannot be made ({exc.strerror})") from exc
    if tighten and os.name == "posix" and not path.is_symlink():
        # Not ours to change (another owner)? The files inside are 0600 all the same.
        with contextlib.suppress(OSError):
            os.chmod(path, 0o700)


# --- writing a file whole or not at all --------------------------------------------------


class CannotWriteHere(OSError):
    """The temporary file beside the target could not even be made (the folder refuses)."""


def write_temporary(
    target: Path, data: bytes, *, unique: bool = False, durable: bool = True
) -> Path:
    """``data`` in a new private file (0600) beside ``target``, to be renamed over it.

    Named ``.NAME.PID.tmp`` (a leftover of this process id is replaced), or with ``unique``
    ``.NAME.rj-XXXXXXXX.tmp``: the names :func:`remove_stale_temporaries` recognises. With
    ``durable`` the data is on disk (fsync) before this returns; a caller writing many files
    may sync them all at once instead. Raises CannotWriteHere if the file cannot be made, any
    other OSError if writing fails (the temporary file is removed).
    """
    try:
        if unique:
            fd, name = tempfile.mkstemp(
                prefix=f".{target.name}.rj-", suffix=".tmp", dir=target.parent
            )
            temporary = Path(name)
        else:
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            try:
                fd = os.open(temporary, flags, 0o600)
            except FileExistsError:  # left by a process of this id that was killed: ours
                temporary.unlink()
                fd = os.open(temporary, flags, 0o600)
    except OSError as exc:
        raise CannotWriteHere(exc.errno, exc.strerror, exc.filename) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_atomic(
    target: Path,
    data: bytes,
    *,
    unique: bool = False,
    durable: bool = True,
    mode: int | None = None,
) -> None:
    """Write ``target`` whole or not at all: a temporary file beside it (see
    :func:`write_temporary`), given ``mode`` if asked, then renamed over it in one step."""
    temporary = write_temporary(target, data, unique=unique, durable=durable)
    try:
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


# --- looking at an SQLite file without changing it ---------------------------------------


@dataclass(frozen=True, slots=True)
class SqliteFacts:
    """What :func:`inspect_sqlite` found. ``verdict`` is what the check answered (``("ok",)``
    when sound; empty when no check ran or the file is not SQLite)."""

    is_sqlite: bool
    verdict: tuple[str, ...] = ()
    revision: str | None = None  # the schema revision in alembic_version, if any
    tables: int = 0  # how many objects sqlite_master lists (0: a new, empty file)

    @property
    def sound(self) -> bool:
        return self.is_sqlite and self.verdict in ((), ("ok",))


def inspect_sqlite(
    path: Path,
    *,
    header: bool = True,
    check: Literal["quick_check", "integrity_check"] | None = None,
    revision: bool = False,
) -> SqliteFacts:
    """Look at the SQLite file at ``path`` read-only: its header (``header``), SQLite's own
    ``check``, and (``revision``, only when the check passed) the schema revision and the
    number of tables. The journal's opening, the backups' check and restore's revision test
    all read a file through here; each says in its own words what the facts mean.

    Raises OSError if the file cannot be read and sqlite3.Error if SQLite refuses it.
    """
    if header:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return SqliteFacts(is_sqlite=False)
    connection = connect_readonly(path)
    try:
        verdict: tuple[str, ...] = ()
        if check is not None:
            verdict = tuple(str(row[0]) for row in connection.execute(f"PRAGMA {check}"))
        if not revision or verdict not in ((), ("ok",)):
            return SqliteFacts(is_sqlite=True, verdict=verdict)
        has_version = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        tables = int(connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
        row = (
            connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if has_version
            else None
        )
        return SqliteFacts(True, verdict, row[0] if row else None, tables)
    finally:
        connection.close()
