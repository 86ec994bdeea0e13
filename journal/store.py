"""The journal's one API. The desktop app and the command line go through it; nothing else
touches a database session.

Every public write is one transaction, validated first with the rules in ``journal.rules`` so
that a rejection raises a JournalError whose message a person can act on, and announced to
subscribers after it commits.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal import rules
from journal.errors import ConflictError, NotFoundError, StorageError, ValidationError
from journal.fields import utc_now

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

# Markers around the matched words in a search snippet; user text never contains them
# (control characters are rejected at the edge).
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"

logger = logging.getLogger(__name__)

FILM_SORTS = ("title", "year", "last_watched")


# --- rows handed to callers (plain, immutable, no lazy loading) -------------------------------


@dataclass(frozen=True, slots=True)
class FilmRow:
    id: int
    uid: str
    title: str
    year: int | None
    director: str
    runtime_ms: int | None
    notes: str
    letterboxd_uri: str | None
    viewing_count: int = 0
    entry_count: int = 0
    last_watched: date | None = None


@dataclass(frozen=True, slots=True)
class ViewingRow:
    id: int
    uid: str
    film_id: int
    watched_on: date
    rewatch: bool
    rating: float | None
    reflection: str
    entry_count: int = 0


@dataclass(frozen=True, slots=True)
class EntryRow:
    id: int
    uid: str
    viewing_id: int
    position_ms: int
    kind: str
    text: str
    intensity: int | None
    motifs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MotifRow:
    id: int
    uid: str
    name: str
    description: str
    usage_count: int = 0
    film_count: int = 0


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One entry tagged with a motif, with where it sits."""

    entry_id: int
    viewing_id: int
    film_id: int
    film_title: str
    film_year: int | None
    watched_on: date
    position_ms: int
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    """``source`` is ``entry``, ``reflection`` or ``film``; entry fields are None otherwise.

    ``motifs`` names the entry's motifs that the words matched (the snippet then starts with
    them); ``rank`` is lower for better hits, and hits come ordered by it (journal/search.py).
    """

    source: str
    film_id: int
    film_title: str
    film_year: int | None
    viewing_id: int | None
    watched_on: date | None
    entry_id: int | None
    position_ms: int | None
    snippet: str
    rank: float
    kind: str | None = None  # the entry's kind (pause, motif, …) for entry hits
    motifs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """What a write changed. ``entity`` is film, viewing, entry, motif or journal (bulk)."""

    entity: str
    action: str  # created, updated, deleted, merged, imported
    ids: tuple[int, ...] = ()
    film_id: int | None = None


@dataclass(frozen=True, slots=True)
class ImportSummary:
    films: int
    viewings: int
    entries: int
    motifs: int
    changed: int  # records created or updated; 0 when the document was already in the journal
    # Records the document had under a known uid but with other content: the journal's own
    # version was kept (an import only adds).
    kept_own: int = 0


Listener = Callable[[Change], None]


class Store:
    """The journal. Open with :meth:`open`; close with :meth:`close`."""

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

    @classmethod
    def open(cls, data_dir: Path) -> Store:
        """Open the journal in ``data_dir``, creating or migrating it as needed."""
        from journal.db import prepare_journal

        notices: list[str] = []
        store = cls(prepare_journal(data_dir, notices), data_dir)
        store.notices = notices
        return store

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

                _load_orm()
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
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _announce(self, change: Change) -> None:
        # The write has committed: a failing listener must not make it look as if it had not.
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:
                logger.exception("a change listener failed after %s", change)

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One transaction; schema rejections become readable errors."""
        engine = self.engine
        self.check_still_the_journal()
        with Session(engine, expire_on_commit=False) as session:
            try:
                with session.begin():
                    yield session
            except IntegrityError as exc:
                raise ConflictError(_integrity_message(exc)) from exc
            except DBAPIError as exc:
                # A full disk, a locked file, an I/O error: the transaction was rolled back.
                raise StorageError(_storage_message(exc.orig or exc, "saved")) from exc

    def _reader(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
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
            raise StorageError(_storage_message(exc, "read")) from exc

    # --- films ---------------------------------------------------------------------------

    def create_film(
        self,
        title: str,
        *,
        year: int | None = None,
        director: str = "",
        runtime_ms: int | None = None,
        notes: str = "",
        letterboxd_uri: str | None = None,
        uid: str | None = None,
    ) -> FilmRow:
        values = _film_values(
            dict(
                title=title,
                year=year,
                director=director,
                runtime_ms=runtime_ms,
                notes=notes,
                letterboxd_uri=letterboxd_uri,
            )
        )
        with self._write() as session:
            film = Film(uid=rules.uid(uid), **values)
            session.add(film)
            session.flush()
            row = _film_row(film)
        self._announce(Change("film", "created", (row.id,), film_id=row.id))
        return row

    def update_film(self, film_id: int, **changes: Any) -> FilmRow:
        """Change any of title, year, director, runtime_ms, notes, letterboxd_uri."""
        values = _film_values(changes, partial=True)
        with self._write() as session:
            film = _get(session, Film, film_id, "film")
            for name, value in values.items():
                setattr(film, name, value)
            film.updated_at = utc_now()
            session.flush()
        self._announce(Change("film", "updated", (film_id,), film_id=film_id))
        return self.get_film(film_id)

    def delete_film(self, film_id: int) -> None:
        """Delete a film with its viewings and entries (cascade)."""
        with self._write() as session:
            film = _get(session, Film, film_id, "film")
            session.delete(film)
        self._announce(Change("film", "deleted", (film_id,), film_id=film_id))

    def get_film(self, film_id: int) -> FilmRow:
        rows = self._film_rows(film_id)
        if not rows:
            raise NotFoundError(f"film {film_id} no longer exists")
        return rows[0]

    def film_counts(self, film_id: int) -> tuple[int, int]:
        """(viewings, entries) that deleting the film would remove."""
        film = self.get_film(film_id)
        return film.viewing_count, film.entry_count

    def list_films(
        self, filter_text: str = "", *, sort: str = "title", descending: bool = False
    ) -> list[FilmRow]:
        """Every film with its counts. ``filter_text`` matches title or director, ignoring case."""
        if sort not in FILM_SORTS:
            raise ValueError(f"sort must be one of {FILM_SORTS}")
        films = self._film_rows(None)
        needle = filter_text.strip().casefold()
        if needle:
            films = [
                f for f in films if needle in f.title.casefold() or needle in f.director.casefold()
            ]
        films.sort(key=_film_sort_key(sort), reverse=descending)
        if sort != "title" and not descending:
            # Films with no year / never watched go last either way.
            films.sort(key=lambda f: _sort_value(f, sort) is None)
        return films

    def _film_rows(self, film_id: int | None) -> list[FilmRow]:
        columns = (
            "f.id, f.uid, f.title, f.year, f.director, f.runtime_ms, f.notes, f.letterboxd_uri"
        )
        if film_id is None:
            # Whole list: aggregate each table once rather than once per film.
            sql = f"""
                SELECT {columns}, coalesce(vc.n, 0), coalesce(ec.n, 0), vc.last
                FROM film f
                LEFT JOIN (SELECT film_id, count(*) AS n, max(watched_on) AS last
                           FROM viewing GROUP BY film_id) vc ON vc.film_id = f.id
                LEFT JOIN (SELECT v.film_id, count(*) AS n FROM entry e
                           JOIN viewing v ON v.id = e.viewing_id GROUP BY v.film_id) ec
                       ON ec.film_id = f.id"""
        else:
            # One film: count only its own rows (through the indexes).
            sql = f"""
                SELECT {columns},
                       (SELECT count(*) FROM viewing v WHERE v.film_id = f.id),
                       (SELECT count(*) FROM viewing v JOIN entry e ON e.viewing_id = v.id
                        WHERE v.film_id = f.id),
                       (SELECT max(watched_on) FROM viewing v WHERE v.film_id = f.id)
                FROM film f WHERE f.id = :film_id"""
        with self._read() as connection:
            result = connection.execute(sql, {"film_id": film_id})
            return [
                FilmRow(*row[:10], last_watched=date.fromisoformat(row[10]) if row[10] else None)
                for row in result
            ]

    # --- viewings ------------------------------------------------------------------------

    def create_viewing(
        self,
        film_id: int,
        watched_on: date | str,
        *,
        rewatch: bool = False,
        rating: float | None = None,
        reflection: str = "",
        uid: str | None = None,
    ) -> ViewingRow:
        values = _viewing_values(
            dict(watched_on=watched_on, rewatch=rewatch, rating=rating, reflection=reflection)
        )
        with self._write() as session:
            _get(session, Film, film_id, "film")
            viewing = Viewing(uid=rules.uid(uid), film_id=film_id, **values)
            session.add(viewing)
            session.flush()
            row = _viewing_row(viewing)
        self._announce(Change("viewing", "created", (row.id,), film_id=film_id))
        return row

    def update_viewing(self, viewing_id: int, **changes: Any) -> ViewingRow:
        """Change any of watched_on, rewatch, rating, reflection."""
        values = _viewing_values(changes, partial=True)
        with self._write() as session:
            viewing = _get(session, Viewing, viewing_id, "viewing")
            for name, value in values.items():
                setattr(viewing, name, value)
            viewing.updated_at = utc_now()
            session.flush()
            film_id = viewing.film_id
        self._announce(Change("viewing", "updated", (viewing_id,), film_id=film_id))
        return self.get_viewing(viewing_id)

    def delete_viewing(self, viewing_id: int) -> None:
        with self._write() as session:
            viewing = _get(session, Viewing, viewing_id, "viewing")
            film_id = viewing.film_id
            session.delete(viewing)
        self._announce(Change("viewing", "deleted", (viewing_id,), film_id=film_id))

    def get_viewing(self, viewing_id: int) -> ViewingRow:
        rows = self._viewing_rows("v.id = :key", viewing_id)
        if not rows:
            raise NotFoundError(f"viewing {viewing_id} no longer exists")
        return rows[0]

    def list_viewings(self, film_id: int) -> list[ViewingRow]:
        """A film's viewings, oldest first."""
        return self._viewing_rows("v.film_id = :key", film_id)

    def _viewing_rows(self, condition: str, key: int) -> list[ViewingRow]:
        sql = f"""
            SELECT v.id, v.uid, v.film_id, v.watched_on, v.rewatch, v.rating, v.reflection,
                   (SELECT count(*) FROM entry e WHERE e.viewing_id = v.id)
            FROM viewing v WHERE {condition} ORDER BY v.watched_on, v.id
            """
        with self._read() as connection:
            return [
                ViewingRow(r[0], r[1], r[2], date.fromisoformat(r[3]), bool(r[4]), r[5], r[6], r[7])
                for r in connection.execute(sql, {"key": key})
            ]

    # --- entries -------------------------------------------------------------------------

    def create_entry(
        self,
        viewing_id: int,
        position_ms: int,
        kind: str,
        text: str = "",
        *,
        intensity: int | None = None,
        motifs: Iterable[str] = (),
        uid: str | None = None,
    ) -> EntryRow:
        values = _entry_values(
            dict(position_ms=position_ms, kind=kind, text=text, intensity=intensity)
        )
        names = _motif_names(motifs)
        with self._write() as session:
            viewing = _get(session, Viewing, viewing_id, "viewing")
            entry = Entry(uid=rules.uid(uid), viewing_id=viewing_id, **values)
            session.add(entry)
            session.flush()
            assert entry.id is not None
            created_motifs = _link_motifs(session, entry.id, names)
            film_id = viewing.film_id
            entry_id = entry.id
        for motif_id in created_motifs:
            self._announce(Change("motif", "created", (motif_id,)))
        self._announce(Change("entry", "created", (entry_id,), film_id=film_id))
        return self.get_entry(entry_id)

    def update_entry(self, entry_id: int, **changes: Any) -> EntryRow:
        """Change any of position_ms, kind, text, intensity, motifs (a list of names)."""
        motif_change = "motifs" in changes
        names = _motif_names(changes.pop("motifs", ()) or ())
        values = _entry_values(changes, partial=True)
        created_motifs: list[int] = []
        with self._write() as session:
            entry = _get(session, Entry, entry_id, "entry")
            for name, value in values.items():
                setattr(entry, name, value)
            entry.updated_at = utc_now()
            if motif_change:
                session.execute(delete(EntryMotif).where(EntryMotif.entry_id == entry_id))
                created_motifs = _link_motifs(session, entry_id, names)
            session.flush()
            film_id = session.get(Viewing, entry.viewing_id).film_id  # type: ignore[union-attr]
        for motif_id in created_motifs:
            self._announce(Change("motif", "created", (motif_id,)))
        self._announce(Change("entry", "updated", (entry_id,), film_id=film_id))
        return self.get_entry(entry_id)

    def delete_entry(self, entry_id: int) -> None:
        with self._write() as session:
            entry = _get(session, Entry, entry_id, "entry")
            film_id = session.get(Viewing, entry.viewing_id).film_id  # type: ignore[union-attr]
            session.delete(entry)
        self._announce(Change("entry", "deleted", (entry_id,), film_id=film_id))

    def get_entry(self, entry_id: int) -> EntryRow:
        rows = self._entry_rows("e.id = :key", entry_id)
        if not rows:
            raise NotFoundError(f"entry {entry_id} no longer exists")
        return rows[0]

    def list_entries(self, viewing_id: int) -> list[EntryRow]:
        """A viewing's entries in time order."""
        return self._entry_rows("e.viewing_id = :key", viewing_id)

    def _entry_rows(self, condition: str, key: int) -> list[EntryRow]:
        entries_sql = f"""SELECT e.id, e.uid, e.viewing_id, e.position_ms, e.kind, e.text, e.intensity
                FROM entry e WHERE {condition} ORDER BY e.position_ms, e.id"""
        motifs_sql = f"""SELECT em.entry_id, m.name FROM entry e
                JOIN entry_motif em ON em.entry_id = e.id JOIN motif m ON m.id = em.motif_id
                WHERE {condition} ORDER BY m.name_key"""
        with self._read() as connection:
            rows = connection.execute(entries_sql, {"key": key}).fetchall()
            tags: dict[int, list[str]] = {}
            for entry_id, name in connection.execute(motifs_sql, {"key": key}):
                tags.setdefault(entry_id, []).append(name)
        return [EntryRow(*row, motifs=tuple(tags.get(row[0], ()))) for row in rows]

    def last_position(self, viewing_id: int) -> int:
        """The position of the entry most recently written in a viewing (0 if none)."""
        with self._read() as connection:
            row = connection.execute(
                "SELECT position_ms FROM entry WHERE viewing_id = :v "
                "ORDER BY updated_at DESC, id DESC LIMIT 1",
                {"v": viewing_id},
            ).fetchone()
        return int(row[0]) if row else 0

    # --- motifs --------------------------------------------------------------------------

    def create_motif(self, name: str, description: str = "", *, uid: str | None = None) -> MotifRow:
        clean = rules.motif_name(name, "name")
        description = rules.long_text(description, "description")
        with self._write() as session:
            _ensure_name_free(session, clean, None)
            motif = Motif(
                uid=rules.uid(uid),
                name=clean,
                name_key=rules.motif_key(clean),
                description=description,
            )
            session.add(motif)
            session.flush()
            motif_id = motif.id
        assert motif_id is not None
        self._announce(Change("motif", "created", (motif_id,)))
        return self.get_motif(motif_id)

    def rename_motif(self, motif_id: int, new_name: str) -> MotifRow:
        clean = rules.motif_name(new_name, "name")
        with self._write() as session:
            motif = _get(session, Motif, motif_id, "motif")
            _ensure_name_free(session, clean, motif_id)
            motif.name = clean
            motif.name_key = rules.motif_key(clean)
            motif.updated_at = utc_now()
        self._announce(Change("motif", "updated", (motif_id,)))
        return self.get_motif(motif_id)

    def update_motif(self, motif_id: int, *, description: str) -> MotifRow:
        clean = rules.long_text(description, "description")
        with self._write() as session:
            motif = _get(session, Motif, motif_id, "motif")
            motif.description = clean
            motif.updated_at = utc_now()
        self._announce(Change("motif", "updated", (motif_id,)))
        return self.get_motif(motif_id)

    def merge_motifs(self, source_id: int, target_id: int) -> list[int]:
        """Move every use of ``source`` onto ``target`` and delete ``source``.

        Returns the ids of entries that were newly tagged with ``target`` (so an undo can
        take exactly those back).
        """
        if source_id == target_id:
            raise ValidationError("motif", "a motif cannot be merged into itself")
        with self._write() as session:
            _get(session, Motif, source_id, "motif")
            _get(session, Motif, target_id, "motif")
            moved = list(
                session.execute(
                    text(
                        "SELECT entry_id FROM entry_motif WHERE motif_id = :s AND entry_id NOT IN "
                        "(SELECT entry_id FROM entry_motif WHERE motif_id = :t)"
                    ),
                    {"s": source_id, "t": target_id},
                ).scalars()
            )
            if moved:
                session.execute(
                    insert(EntryMotif), [{"entry_id": e, "motif_id": target_id} for e in moved]
                )
            session.execute(delete(Motif).where(Motif.id == source_id))
        self._announce(Change("motif", "merged", (source_id, target_id)))
        return moved

    def delete_motif(self, motif_id: int) -> None:
        """Delete a motif; entries keep their text and lose only the tag."""
        with self._write() as session:
            session.delete(_get(session, Motif, motif_id, "motif"))
        self._announce(Change("motif", "deleted", (motif_id,)))

    def tag_entries(self, motif_id: int, entry_ids: Sequence[int], *, tagged: bool) -> None:
        """Add or remove one motif on many entries at once (used by undo of merge and delete)."""
        with self._write() as session:
            _get(session, Motif, motif_id, "motif")
            if tagged:
                existing = set(
                    session.execute(
                        select(EntryMotif.entry_id).where(EntryMotif.motif_id == motif_id)
                    ).scalars()
                )
                # An id named twice is tagged once (the link table's key would refuse it).
                new = [e for e in dict.fromkeys(entry_ids) if e not in existing]
                if new:
                    session.execute(
                        insert(EntryMotif), [{"entry_id": e, "motif_id": motif_id} for e in new]
                    )
            elif entry_ids:
                session.execute(
                    delete(EntryMotif).where(
                        EntryMotif.motif_id == motif_id, EntryMotif.entry_id.in_(entry_ids)
                    )
                )
        self._announce(Change("motif", "updated", (motif_id,)))

    def get_motif(self, motif_id: int) -> MotifRow:
        for motif in self._motif_rows("WHERE m.id = :key", motif_id):
            return motif
        raise NotFoundError(f"motif {motif_id} no longer exists")

    def find_motif(self, name: str) -> MotifRow | None:
        """The motif with this name, ignoring case, or None."""
        key = rules.motif_key(" ".join(name.split()))
        with self._read() as connection:
            row = connection.execute("SELECT id FROM motif WHERE name_key = ?", (key,)).fetchone()
        return self.get_motif(row[0]) if row is not None else None

    def motif_names(self) -> list[str]:
        """Every motif's name, by name (cheap: for completion, no usage counts)."""
        with self._read() as connection:
            return [
                row[0] for row in connection.execute("SELECT name FROM motif ORDER BY name_key")
            ]

    def list_motifs(self) -> list[MotifRow]:
        """Every motif with how many entries and films use it, by name."""
        return self._motif_rows("", None)

    def _motif_rows(self, where: str, key: int | None) -> list[MotifRow]:
        if key is None:
            # Walk entries through their (viewing, position) index, which holds the viewing
            # id; looking each tagged entry up by id would read its whole row.
            usage = """
                SELECT em.motif_id, count(*) AS n, count(DISTINCT v.film_id) AS films
                FROM viewing v
                JOIN entry e INDEXED BY ix_entry_viewing_position ON e.viewing_id = v.id
                JOIN entry_motif em ON em.entry_id = e.id GROUP BY em.motif_id"""
        else:
            usage = """
                SELECT em.motif_id, count(*) AS n, count(DISTINCT v.film_id) AS films
                FROM entry_motif em JOIN entry e ON e.id = em.entry_id
                JOIN viewing v ON v.id = e.viewing_id WHERE em.motif_id = :key
                GROUP BY em.motif_id"""
        sql = f"""
            SELECT m.id, m.uid, m.name, m.description, coalesce(u.n, 0), coalesce(u.films, 0)
            FROM motif m LEFT JOIN ({usage}) u ON u.motif_id = m.id {where}
            ORDER BY m.name_key
            """
        with self._read() as connection:
            return [MotifRow(*row) for row in connection.execute(sql, {"key": key})]

    def motif_entry_ids(self, motif_id: int) -> list[int]:
        with self._read() as connection:
            rows = connection.execute(
                "SELECT entry_id FROM entry_motif WHERE motif_id = ? ORDER BY entry_id", (motif_id,)
            ).fetchall()
        return [row[0] for row in rows]

    def motif_occurrences(self, motif_id: int) -> list[Occurrence]:
        """Every entry tagged with the motif, across films and viewings, in film then time order."""
        self.get_motif(motif_id)
        sql = """
            SELECT e.id, v.id, f.id, f.title, f.year, v.watched_on, e.position_ms, e.kind, e.text
            FROM entry_motif em JOIN entry e ON e.id = em.entry_id
            JOIN viewing v ON v.id = e.viewing_id JOIN film f ON f.id = v.film_id
            WHERE em.motif_id = :m
            ORDER BY f.title COLLATE NOCASE, f.year, v.watched_on, e.position_ms, e.id
            """
        with self._read() as connection:
            return [
                Occurrence(r[0], r[1], r[2], r[3], r[4], date.fromisoformat(r[5]), *r[6:])
                for r in connection.execute(sql, {"m": motif_id})
            ]

    # --- search --------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Search entries, reflections, films (title, director, notes) and motif names,
        best first; words that name a motif lead to its entries (see journal/search.py)."""
        from journal.search import search

        fts = self._fts_available()
        with self._read() as connection:
            return search(connection, query, limit=limit, fts=fts)

    def _fts_available(self) -> bool:
        if self._has_fts is None:
            with self._read() as connection:
                found = connection.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'entry_fts'"
                ).fetchone()
                self._has_fts = found is not None
        return self._has_fts

    # --- whole-journal documents (JSON export/import, undo of deletes) -------------------

    def export_document(self, film_ids: Sequence[int] | None = None) -> dict[str, Any]:
        """The journal (or some films) as a Journal JSON document (version 2)."""
        from journal.export.document import build_document, gc_paused

        with gc_paused(), self._read() as connection:
            return build_document(connection, film_ids)

    def import_document(
        self, raw: Any, *, progress: Callable[[int, int], bool] | None = None
    ) -> ImportSummary:
        """Validate a Journal JSON document and merge it in one transaction, idempotent by uid.

        An invalid document raises ValidationError naming the path of the first bad field and
        writes nothing. ``progress(done, total)`` may return False to cancel (nothing is kept).
        """
        from journal.export.document import gc_paused
        from journal.export.jsonio import validate_document
        from journal.export.merge import write_document

        with gc_paused():
            document = validate_document(raw)
            with self._write() as session:
                summary = write_document(session, document, progress)
        if summary.changed:
            self._announce(Change("journal", "imported"))
        return summary

    def id_for_uid(self, entity: str, uid: str) -> int:
        """The current id of a record known by its uid (ids change when a delete is undone)."""
        if entity not in ("film", "viewing", "entry", "motif"):
            raise ValueError(f"unknown entity {entity!r}")
        with self._read() as connection:
            found = connection.execute(f"SELECT id FROM {entity} WHERE uid = ?", (uid,)).fetchone()
        if found is None:
            raise NotFoundError(f"that {entity} no longer exists")
        return int(found[0])

    # --- housekeeping --------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self._read() as connection:
            return {
                table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("film", "viewing", "entry", "motif")
            }

    def schema_revision(self) -> str | None:
        with self._read() as connection:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None

    def integrity_check(self) -> str:
        with self._read() as connection:
            rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        return "ok" if rows == ["ok"] else "; ".join(rows[:5])

    # --- subtitles (journal/subtitles/storage.py does the work) ----------------------------

    def attach_subtitles(self, film_id: int, cues: Any, **track: Any) -> Any:
        """Copy cues into the journal as a new subtitle track of the film (one transaction)."""
        from journal.subtitles import storage

        return storage.attach(self, film_id, cues, **track)

    def list_subtitle_tracks(self, film_id: int) -> list[Any]:
        from journal.subtitles import storage

        return storage.list_tracks(self, film_id)

    def get_subtitle_track(self, track_id: int) -> Any:
        from journal.subtitles import storage

        return storage.get_track(self, track_id)

    def align_subtitles(self, track_id: int, *, offset_ms: int, scale: float) -> Any:
        """Fit a track to the film: every cue at ``time × scale + offset_ms``."""
        from journal.subtitles import storage

        return storage.set_alignment(self, track_id, offset_ms=offset_ms, scale=scale)

    def delete_subtitle_track(self, track_id: int) -> dict[str, Any]:
        """Delete a track and its cues; returns its document for undo."""
        from journal.subtitles import storage

        return storage.delete_track(self, track_id)

    def restore_subtitle_track(self, film_id: int, document: dict[str, Any]) -> Any:
        from journal.subtitles import storage

        return storage.restore_track(self, film_id, document)

    def cues_at(self, film_id: int, position_ms: int, *, track_id: int | None = None) -> list[Any]:
        """The subtitle line(s) showing at ``position_ms`` (the film's first track by default)."""
        from journal.subtitles import storage

        return storage.cues_at(self, film_id, position_ms, track_id=track_id)

    def subtitle_silences(self, track_id: int, *, min_gap_ms: int = 20_000) -> list[Any]:
        from journal.subtitles import storage

        return storage.silences(self, track_id, min_gap_ms=min_gap_ms)

    def subtitle_refrains(self, track_id: int) -> list[Any]:
        from journal.subtitles import storage

        return storage.refrains(self, track_id)


# --- helpers ------------------------------------------------------------------------------


def _load_orm() -> None:
    """Import SQLAlchemy, SQLModel and the tables into this module on first write.

    Reads never need them; loading them late keeps them off the path to the first window.
    """
    global Session, DBAPIError, IntegrityError, delete, insert, select, text  # noqa: PLW0603
    global Entry, EntryMotif, Film, Motif, Viewing  # noqa: PLW0603
    from sqlalchemy import delete, insert, select, text
    from sqlalchemy.exc import DBAPIError, IntegrityError
    from sqlmodel import Session

    from journal.models import Entry, EntryMotif, Film, Motif, Viewing


def _get(session: Session, model: type, key: int, label: str) -> Any:
    obj = session.get(model, key)
    if obj is None:
        raise NotFoundError(f"{label} {key} no longer exists")
    return obj


_FILM_RULES: dict[str, Callable[[Any, str], Any]] = {
    "title": rules.title,
    "year": rules.year,
    "director": rules.short_text,
    "runtime_ms": rules.runtime_ms,
    "notes": rules.long_text,
    "letterboxd_uri": rules.uri,
}
_VIEWING_RULES: dict[str, Callable[[Any, str], Any]] = {
    "watched_on": rules.watched_on,
    "rewatch": rules.flag,
    "rating": rules.rating,
    "reflection": rules.long_text,
}
_ENTRY_RULES: dict[str, Callable[[Any, str], Any]] = {
    "position_ms": rules.position_ms,
    "kind": rules.kind,
    "text": rules.long_text,
    "intensity": rules.intensity,
}


def _clean(
    table: dict[str, Callable[[Any, str], Any]], values: dict[str, Any], partial: bool
) -> dict[str, Any]:
    unknown = set(values) - set(table)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    if not partial:
        missing = set(table) - set(values)
        if missing:
            raise ValueError(f"missing fields: {sorted(missing)}")
    return {name: table[name](value, name) for name, value in values.items()}


def _film_values(values: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    return _clean(_FILM_RULES, values, partial)


def _viewing_values(values: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    return _clean(_VIEWING_RULES, values, partial)


def _entry_values(values: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    return _clean(_ENTRY_RULES, values, partial)


def _motif_names(names: Iterable[str] | None) -> list[str]:
    """An entry's motif names, checked and without repeats (None means none)."""
    if names is None:
        return []
    if isinstance(names, str | bytes | Mapping) or not isinstance(names, Iterable):
        raise ValidationError(
            "motifs", f"must be a list of motif names, not {rules._describe(names)}"
        )
    clean: dict[str, str] = {}
    for index, name in enumerate(names):
        value = rules.motif_name(name, f"motifs[{index}]")
        clean.setdefault(rules.motif_key(value), value)
    return list(clean.values())


def _link_motifs(session: Session, entry_id: int, names: list[str]) -> list[int]:
    """Tag an entry with motifs by name, creating the missing ones; returns created ids."""
    if not names:
        return []
    keys = {rules.motif_key(name): name for name in names}
    existing = dict(
        session.execute(select(Motif.name_key, Motif.id).where(Motif.name_key.in_(keys))).all()
    )
    created: list[int] = []
    for key, name in keys.items():
        if key not in existing:
            motif = Motif(name=name, name_key=key)
            session.add(motif)
            session.flush()
            assert motif.id is not None
            existing[key] = motif.id
            created.append(motif.id)
    session.execute(
        insert(EntryMotif), [{"entry_id": entry_id, "motif_id": existing[k]} for k in keys]
    )
    return created


def _ensure_name_free(session: Session, name: str, motif_id: int | None) -> None:
    other = session.execute(
        select(Motif.id, Motif.name).where(Motif.name_key == rules.motif_key(name))
    ).first()
    if other is not None and other[0] != motif_id:
        raise ConflictError(
            f"a motif named {other[1]!r} already exists; merge into it instead of renaming"
        )


def _storage_message(error: BaseException, doing: str) -> str:
    detail = str(error).strip() or type(error).__name__
    if "full" in detail:
        return (
            f"the disk is full, so the change could not be {doing}; free some space and try again"
        )
    if "locked" in detail or "busy" in detail:
        return f"the journal is busy in another program, so the change could not be {doing}"
    return f"the journal could not be {doing} ({detail})"


def _integrity_message(exc: IntegrityError) -> str:
    detail = str(exc.orig)
    if "UNIQUE" in detail and "uid" in detail:
        return "a record with that uid already exists; nothing was saved"
    if "UNIQUE" in detail and "name_key" in detail:
        return "a motif with that name already exists; nothing was saved"
    if "FOREIGN KEY" in detail:
        return "the record it belongs to no longer exists; nothing was saved"
    return f"the journal refused the change ({detail}); nothing was saved"


def _film_row(film: Film) -> FilmRow:
    assert film.id is not None
    return FilmRow(
        film.id,
        film.uid,
        film.title,
        film.year,
        film.director,
        film.runtime_ms,
        film.notes,
        film.letterboxd_uri,
    )


def _viewing_row(viewing: Viewing) -> ViewingRow:
    assert viewing.id is not None
    return ViewingRow(
        viewing.id,
        viewing.uid,
        viewing.film_id,
        viewing.watched_on,
        viewing.rewatch,
        viewing.rating,
        viewing.reflection,
    )


def _sort_value(film: FilmRow, sort: str) -> Any:
    return film.year if sort == "year" else film.last_watched


def _film_sort_key(sort: str) -> Callable[[FilmRow], Any]:
    if sort == "title":
        return lambda f: (f.title.casefold(), f.year or 0, f.id)
    if sort == "year":
        return lambda f: (f.year or 0, f.title.casefold(), f.id)
    return lambda f: (f.last_watched or date.min, f.title.casefold(), f.id)
