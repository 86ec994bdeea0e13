"""The store's connections: plain sqlite3 read transactions (one connection per thread), the
ORM write transaction, the check that the file is still the journal this store opened, and
the change notices announced after a write commits.

Reads never load SQLAlchemy or SQLModel; the write machinery (``journal.store.writes``) is
imported as a whole on the first write, or warmed up on a thread.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from journal.errors import ConflictError, StorageError
from journal.rows import Change, Listener

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from journal.identity import FileIdentity

logger = logging.getLogger("journal.store")


class Connections:
    """The connections and transactions behind :class:`journal.store.Store`."""

    def __init__(self, path: Path, data_dir: Path | None = None) -> None:
        self.path = Path(path)
        self.data_dir = data_dir
        self._listeners: list[Listener] = []
        self._has_fts: bool | None = None
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        self._warming = False
        # Reads use plain sqlite3 connections, one per thread: start-up (the film list, the
        # first window) then needs neither SQLAlchemy nor SQLModel, which load on first write.
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        # Which file this store opened: a write is refused once the file at ``path`` is
        # another one (a sync tool renamed a new file over it) or is gone.
        from journal.identity import FileIdentity

        try:
            self._identity: FileIdentity | None = FileIdentity.of(self.path)
        except OSError:
            self._identity = None  # looked at again before the first write
        self._replaced: str | None = None
        # Called once (from the thread that tried to write) when the file was found replaced.
        self.replaced_listeners: list[Callable[[str], None]] = []
        # What the person should be told about opening (a foreign -wal set aside).
        self.notices: list[str] = []

    def check_still_the_journal(self) -> None:
        """Raise JournalReplacedError if the file at the journal's path is no longer the one
        this store opened (replaced or removed by another program). Once that happened, every
        later write is refused too: the journal this window shows is not on disk any more."""
        from journal.identity import FileIdentity, JournalReplacedError

        try:
            if self._identity is None and self._replaced is None:
                # Closed and used again (after the app itself put a restored file in place):
                # the journal is whatever file is there now.
                from journal.identity import record

                self._identity = FileIdentity.of(self.path)
                record(self.path)
            current = FileIdentity.of(self.path) if self._replaced is None else None
        except OSError as exc:
            # A network disk that did not answer proves nothing: refuse this write only.
            raise StorageError(
                f"{self.path} could not be checked before saving ({exc.strerror or exc}); "
                "nothing was written — try again"
            ) from exc
        if self._replaced is None and self._identity is not None:
            if current is None:
                self._replaced = "was removed or moved away"
            elif current != self._identity:
                self._replaced = "was replaced by another file"
            if self._replaced is not None:
                for listener in list(self.replaced_listeners):
                    try:
                        listener(self._replaced_message())
                    except Exception:
                        logger.exception("a replaced-journal listener failed")
        if self._replaced is not None:
            raise JournalReplacedError(self._replaced_message())

    def _replaced_message(self) -> str:
        return (
            f"{self.path} {self._replaced} by another program (a sync tool, or a file "
            "manager) while this window had it open, so nothing more is written to it. "
            "The words in this window are still here: copy what you need, then quit and open "
            "the app again"
        )

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine for writes, made (and the ORM imported) on first use."""
        with self._engine_lock:
            if self._engine is None:
                from journal.db import make_engine
                from journal.store import writes  # noqa: F401 - loads the ORM now

                self._engine = make_engine(self.path)
            return self._engine

    def warm_up(self) -> None:
        """Load the write machinery (SQLAlchemy, SQLModel) now."""
        _ = self.engine

    def warm_up_in_background(self) -> None:
        """Start loading the write machinery on a thread, once: the desktop app calls this
        when the person starts to write, so the first save does not pause to import it, and
        a session spent reading, searching or exporting never loads it at all."""
        if self._engine is None and not self._warming:
            self._warming = True
            threading.Thread(target=self.warm_up, name="store-warm-up", daemon=True).start()

    def close(self) -> None:
        if self._replaced is None:
            self._identity = None  # re-read when the store is used again
        for connection in self._readers:
            connection.close()
        self._readers.clear()
        self._local = threading.local()
        if self._engine is not None:
            self._engine.dispose()

    # --- change notices ------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(change)`` after every committed write; returns an unsubscribe."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _announce(self, change: Change) -> None:
        # The write has committed: a failing listener must not make it look as if it had not.
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:
                logger.exception("a change listener failed after %s", change)

    # --- transactions --------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One transaction; schema rejections become readable errors."""
        engine = self.engine
        from journal.store import writes

        self.check_still_the_journal()
        with writes.Session(engine, expire_on_commit=False) as session:
            try:
                with session.begin():
                    yield session
            except writes.IntegrityError as exc:
                raise ConflictError(integrity_message(exc.orig)) from exc
            except writes.DBAPIError as exc:
                # A full disk, a locked file, an I/O error: the transaction was rolled back.
                raise StorageError(storage_message(exc.orig or exc, "saved")) from exc

    def _reader(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            from journal.db import connect

            connection = connect(self.path)
            self._local.connection = connection
            self._readers.append(connection)
        return connection

    def release_thread_connection(self) -> None:
        """Close this thread's read connection (a worker thread calls this as it ends)."""
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            self._local.connection = None
            if connection in self._readers:
                self._readers.remove(connection)
            connection.close()

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query inside sees the same committed state."""
        connection = self._reader()
        try:
            connection.execute("BEGIN")
            try:
                yield connection
            except BaseException:
                # SQLite may already have rolled back (an I/O error, a full disk); a COMMIT
                # then would replace the real reason with "no transaction is active".
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise StorageError(storage_message(exc, "read")) from exc

    def _fts_available(self) -> bool:
        if self._has_fts is None:
            with self._read() as connection:
                found = connection.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'entry_fts'"
                ).fetchone()
                self._has_fts = found is not None
        return self._has_fts


def storage_message(error: BaseException, doing: str) -> str:
    detail = str(error).strip() or type(error).__name__
    if "full" in detail:
        return (
            f"the disk is full, so the change could not be {doing}; free some space and try again"
        )
    if "locked" in detail or "busy" in detail:
        return f"the journal is busy in another program, so the change could not be {doing}"
    return f"the journal could not be {doing} ({detail})"


def integrity_message(error: BaseException | None) -> str:
    detail = str(error)
    if "UNIQUE" in detail and "uid" in detail:
        return "a record with that uid already exists; nothing was saved"
    if "UNIQUE" in detail and "name_key" in detail:
        return "a motif with that name already exists; nothing was saved"
    if "FOREIGN KEY" in detail:
        return "the record it belongs to no longer exists; nothing was saved"
    return f"the journal refused the change ({detail}); nothing was saved"
