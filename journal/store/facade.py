"""The journal's one API. The desktop app and the command line go through it; nothing else
touches a database session.

Every public write is one transaction, validated first with the record specs in
``journal.records`` so that a rejection raises a JournalError whose message a person can act
on, and announced to subscribers after it commits. Reads are plain SQL
(``journal.store.reads``); writes go through the ORM (``journal.store.writes``, loaded on the
first write).

Over 400 lines on purpose: this is the whole public API in one file, so a caller finds every
operation here. Each method only cleans its input, runs one transaction through ``reads`` or
``writes``, and announces the change; the work itself lives in those modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from journal import records, rules
from journal.errors import NotFoundError, ValidationError
from journal.rows import (
    Change,
    EntryRow,
    FilmRow,
    ImportSummary,
    MotifRow,
    MotifSnapshot,
    MovedEntries,
    Occurrence,
    SearchHit,
    ViewingRow,
)
from journal.store import reads
from journal.store.reflection import ReflectionApi


class Store(ReflectionApi):  # prompts, answers, threads, statistics: journal/store/reflection.py
    """The journal. Open with :meth:`open`; close with :meth:`close`."""

    @classmethod
    def open(cls, data_dir: Path) -> Store:
        """Open the journal in ``data_dir``, creating or migrating it as needed."""
        from journal.db import prepare_journal

        notices: list[str] = []
        store = cls(prepare_journal(data_dir, notices), data_dir)
        store.notices = notices
        return store

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
        values = records.FILM.clean(
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
            from journal.store import writes

            row = writes.create_film(session, values, uid)
        self._announce(Change("film", "created", (row.id,), film_id=row.id))
        return row

    def update_film(self, film_id: int, **changes: Any) -> FilmRow:
        """Change any of title, year, director, runtime_ms, notes, letterboxd_uri."""
        values = records.FILM.clean(changes, partial=True)
        with self._write() as session:
            from journal.store import writes

            writes.update(session, writes.Film, film_id, "film", values)
        self._announce(Change("film", "updated", (film_id,), film_id=film_id))
        return self.get_film(film_id)

    def delete_film(self, film_id: int) -> None:
        """Delete a film with its viewings and entries (cascade)."""
        with self._write() as session:
            from journal.store import writes

            writes.delete_one(session, writes.Film, film_id, "film")
        self._announce(Change("film", "deleted", (film_id,), film_id=film_id))

    def get_film(self, film_id: int) -> FilmRow:
        with self._read() as connection:
            rows = reads.film_rows(connection, film_id)
        if not rows:
            raise NotFoundError(f"film {film_id} no longer exists")
        return rows[0]

    def film_counts(self, film_id: int) -> tuple[int, int]:
        """(viewings, entries) that deleting the film would remove."""
        film = self.get_film(film_id)
        return film.viewing_count, film.entry_count

    def list_films(self) -> list[FilmRow]:
        """Every film with its counts, by title (then year); the film list filters and sorts
        in its own model."""
        with self._read() as connection:
            films = reads.film_rows(connection, None)
        films.sort(key=lambda f: (f.title.casefold(), f.year or 0, f.id))
        return films

    # --- viewings ------------------------------------------------------------------------

    def create_viewing(
        self,
        film_id: int,
        watched_on: date | str,
        *,
        rewatch: bool = False,
        rating: float | None = None,
        reflection: str = "",
        letterboxd_uri: str | None = None,
        lag_ms: int = records.VIEWING["lag_ms"].default,
        uid: str | None = None,
    ) -> ViewingRow:
        values = records.VIEWING.clean(
            dict(
                watched_on=watched_on,
                rewatch=rewatch,
                rating=rating,
                reflection=reflection,
                letterboxd_uri=letterboxd_uri,
                lag_ms=lag_ms,
            )
        )
        with self._write() as session:
            from journal.store import writes

            row = writes.create_viewing(session, film_id, values, uid)
        self._announce(Change("viewing", "created", (row.id,), film_id=film_id))
        return row

    def update_viewing(self, viewing_id: int, **changes: Any) -> ViewingRow:
        """Change any of watched_on, rewatch, rating, reflection, letterboxd_uri, lag_ms."""
        values = records.VIEWING.clean(changes, partial=True)
        with self._write() as session:
            from journal.store import writes

            film_id = writes.update(session, writes.Viewing, viewing_id, "viewing", values).film_id
        self._announce(Change("viewing", "updated", (viewing_id,), film_id=film_id))
        return self.get_viewing(viewing_id)

    def delete_viewing(self, viewing_id: int) -> None:
        with self._write() as session:
            from journal.store import writes

            film_id = writes.delete_one(session, writes.Viewing, viewing_id, "viewing").film_id
        self._announce(Change("viewing", "deleted", (viewing_id,), film_id=film_id))

    def get_viewing(self, viewing_id: int) -> ViewingRow:
        with self._read() as connection:
            rows = reads.viewing_rows(connection, "v.id = :key", viewing_id)
        if not rows:
            raise NotFoundError(f"viewing {viewing_id} no longer exists")
        return rows[0]

    def list_viewings(self, film_id: int) -> list[ViewingRow]:
        """A film's viewings, oldest first."""
        with self._read() as connection:
            return reads.viewing_rows(connection, "v.film_id = :key", film_id)

    # --- viewing tags and Letterboxd (journal/tags.py, journal/letterboxd/store.py) -------

    def set_viewing_tags(self, viewing_id: int, names: Iterable[str]) -> ViewingRow:
        """Make ``names`` exactly the viewing's tags (creating tags not yet in the journal)."""
        from journal import tags
        from journal.fields import utc_now

        clean = tags.clean_names(names)
        with self._write() as session:
            from journal.store import writes

            viewing = writes.get(session, writes.Viewing, viewing_id, "viewing")
            tags.replace(session, viewing_id, clean, utc_now())
            viewing.updated_at = utc_now()
            film_id = viewing.film_id
        self._announce(Change("viewing", "updated", (viewing_id,), film_id=film_id))
        return self.get_viewing(viewing_id)

    def tag_names(self) -> list[str]:
        """Every viewing tag's name, by name (for completion and Letterboxd's plan)."""
        from journal import tags

        with self._read() as connection:
            return tags.names(connection)

    def plan_letterboxd_import(self, export: Any, choices: Any = None) -> Any:
        """What importing a read Letterboxd export would add (journal/letterboxd/store.py)."""
        from journal.letterboxd.store import plan_for

        return plan_for(self, export, choices)

    def apply_letterboxd_plan(self, plan: Any) -> Any:
        """Write a Letterboxd ImportPlan in one transaction (journal/letterboxd/store.py)."""
        from journal.letterboxd.store import apply_plan

        return apply_plan(self, plan)

    def letterboxd_rows(self) -> list[Any]:
        """One row per viewing for Letterboxd's import CSV (journal/letterboxd/store.py)."""
        from journal.letterboxd.store import rows_for_csv

        return rows_for_csv(self)

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
        values = records.ENTRY.clean(
            dict(position_ms=position_ms, kind=kind, text=text, intensity=intensity)
        )
        names = records.clean_motif_names(motifs)
        with self._write() as session:
            from journal.store import writes

            entry_id, film_id, created = writes.create_entry(
                session, viewing_id, values, names, uid
            )
        for motif_id in created:
            self._announce(Change("motif", "created", (motif_id,)))
        self._announce(Change("entry", "created", (entry_id,), film_id=film_id))
        return self.get_entry(entry_id)

    def update_entry(self, entry_id: int, **changes: Any) -> EntryRow:
        """Change any of position_ms, kind, text, intensity, motifs (a list of names)."""
        motif_change = "motifs" in changes
        names = records.clean_motif_names(changes.pop("motifs", ()) or ())
        values = records.ENTRY.clean(changes, partial=True)
        with self._write() as session:
            from journal.store import writes

            film_id, created = writes.update_entry(
                session, entry_id, values, names if motif_change else None
            )
        for motif_id in created:
            self._announce(Change("motif", "created", (motif_id,)))
        self._announce(Change("entry", "updated", (entry_id,), film_id=film_id))
        return self.get_entry(entry_id)

    def delete_entry(self, entry_id: int) -> None:
        with self._write() as session:
            from journal.store import writes

            film_id = writes.delete_entry(session, entry_id)
        self._announce(Change("entry", "deleted", (entry_id,), film_id=film_id))

    def get_entry(self, entry_id: int) -> EntryRow:
        with self._read() as connection:
            rows = reads.entry_rows(connection, "e.id = :key", entry_id)
        if not rows:
            raise NotFoundError(f"entry {entry_id} no longer exists")
        return rows[0]

    def list_entries(self, viewing_id: int) -> list[EntryRow]:
        """A viewing's entries in time order."""
        with self._read() as connection:
            return reads.entry_rows(connection, "e.viewing_id = :key", viewing_id)

    def last_position(self, viewing_id: int) -> int:
        """The position of the entry most recently written in a viewing (0 if none)."""
        with self._read() as connection:
            row = connection.execute(
                "SELECT position_ms FROM entry WHERE viewing_id = :v "
                "ORDER BY updated_at DESC, id DESC LIMIT 1",
                {"v": viewing_id},
            ).fetchone()
        return int(row[0]) if row else 0

    # --- re-sync: a viewing's entries moved to another copy of the film ----------------

    def shift_entries(self, viewing_id: int, delta_ms: int) -> MovedEntries:
        """Move every entry of the viewing by ``delta_ms`` (negative: earlier), in one
        transaction; a position that would fall before the start stays at 0."""
        from journal.watch.stamp import shift_positions

        shift_positions([], delta_ms)  # refuses a bad shift before opening a transaction
        return self._move_entries(viewing_id, lambda old: shift_positions(old, delta_ms))

    def scale_entries(self, viewing_id: int, factor: Fraction | float) -> MovedEntries:
        """Multiply every entry's position by ``factor`` (a frame-rate conversion such as
        25/23.976, see ``journal.watch.stamp``), in one transaction."""
        from journal.watch.stamp import scale_positions

        scale_positions([], factor)  # refuses a bad factor before opening a transaction
        return self._move_entries(viewing_id, lambda old: scale_positions(old, factor))

    def _move_entries(
        self, viewing_id: int, compute: Callable[[list[int]], list[int]]
    ) -> MovedEntries:
        with self._write() as session:
            from journal.store.resync import move_entries

            moved, film_id = move_entries(session, viewing_id, compute)
        ids = tuple(self.ids_for_uids("entry", [uid for uid, _ in moved.after]))
        self._announce(Change("entry", "updated", ids, film_id=film_id))
        return moved

    def set_entry_positions(self, viewing_id: int, positions: Sequence[tuple[str, int]]) -> None:
        """Put entries (by uid) of the viewing back at the given positions, in one
        transaction: the undo and redo of a shift or scale. Refused whole if one is gone."""
        with self._write() as session:
            from journal.store.resync import set_positions

            ids, film_id = set_positions(session, viewing_id, positions)
        self._announce(Change("entry", "updated", tuple(ids), film_id=film_id))

    # --- motifs --------------------------------------------------------------------------

    def create_motif(self, name: str, description: str = "", *, uid: str | None = None) -> MotifRow:
        values = records.MOTIF.clean(dict(name=name, description=description))
        with self._write() as session:
            from journal.store import writes

            motif_id = writes.create_motif(session, values["name"], values["description"], uid)
        self._announce(Change("motif", "created", (motif_id,)))
        return self.get_motif(motif_id)

    def rename_motif(self, motif_id: int, new_name: str) -> MotifRow:
        clean = records.MOTIF["name"].clean(new_name)
        with self._write() as session:
            from journal.store import writes

            writes.rename_motif(session, motif_id, clean)
        self._announce(Change("motif", "updated", (motif_id,)))
        return self.get_motif(motif_id)

    def update_motif(self, motif_id: int, *, description: str) -> MotifRow:
        values = records.MOTIF.clean(dict(description=description), partial=True)
        with self._write() as session:
            from journal.store import writes

            writes.update(session, writes.Motif, motif_id, "motif", values)
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
            from journal.store import writes

            moved = writes.merge_motifs(session, source_id, target_id)
        self._announce(Change("motif", "merged", (source_id, target_id)))
        return moved

    def delete_motif(self, motif_id: int) -> None:
        """Delete a motif; entries keep their text and lose only the tag."""
        with self._write() as session:
            from journal.store import writes

            writes.delete_one(session, writes.Motif, motif_id, "motif")
        self._announce(Change("motif", "deleted", (motif_id,)))

    def tag_entries(self, motif_id: int, entry_ids: Sequence[int], *, tagged: bool) -> None:
        """Add or remove one motif on many entries at once."""
        with self._write() as session:
            from journal.store import writes

            writes.tag_entries(session, motif_id, entry_ids, tagged)
        self._announce(Change("motif", "updated", (motif_id,)))

    def motif_snapshot(self, motif_id: int) -> MotifSnapshot:
        """What :meth:`restore_motif` needs to bring the motif back after a delete or a
        merge: a fixed number of queries however many entries use it."""
        with self._read() as connection:
            return reads.motif_snapshot(connection, motif_id)

    def restore_motif(self, snapshot: MotifSnapshot) -> int:
        """Bring a deleted motif back with its uid and its tags, in one transaction (undo of
        a delete). Refused whole if its name is taken or one of its entries is gone."""
        values = records.MOTIF.clean(dict(name=snapshot.name, description=snapshot.description))
        with self._write() as session:
            from journal.store import writes

            motif_id = writes.restore_motif(session, snapshot.uid, values, snapshot.entry_uids)
        self._announce(Change("motif", "created", (motif_id,)))
        return motif_id

    def unmerge_motifs(
        self, snapshot: MotifSnapshot, target_id: int, moved_entry_uids: Sequence[str]
    ) -> int:
        """Take back a merge in one transaction: the entries the merge newly tagged with
        ``target_id`` lose that tag, and the merged motif comes back with its own tags.
        Returns the restored motif's id."""
        values = records.MOTIF.clean(dict(name=snapshot.name, description=snapshot.description))
        with self._write() as session:
            from journal.store import writes

            moved_ids = writes.entry_ids(session, moved_entry_uids)
            writes.tag_entries(session, target_id, moved_ids, False)
            motif_id = writes.restore_motif(session, snapshot.uid, values, snapshot.entry_uids)
        self._announce(Change("motif", "updated", (target_id,)))
        self._announce(Change("motif", "created", (motif_id,)))
        return motif_id

    def get_motif(self, motif_id: int) -> MotifRow:
        with self._read() as connection:
            rows = reads.motif_rows(connection, motif_id)
        if not rows:
            raise NotFoundError(f"motif {motif_id} no longer exists")
        return rows[0]

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
        with self._read() as connection:
            return reads.motif_rows(connection, None)

    def motif_entry_ids(self, motif_id: int) -> list[int]:
        with self._read() as connection:
            rows = connection.execute(
                "SELECT entry_id FROM entry_motif WHERE motif_id = ? ORDER BY entry_id", (motif_id,)
            ).fetchall()
        return [row[0] for row in rows]

    def motif_occurrences(self, motif_id: int) -> list[Occurrence]:
        """Every entry tagged with the motif, across films and viewings, in film then time order."""
        self.get_motif(motif_id)
        with self._read() as connection:
            return reads.occurrences(connection, motif_id)

    # --- search --------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Search entries, reflections, films (title, director, notes) and motif names,
        best first; words that name a motif lead to its entries (see journal/store/search.py)."""
        from journal.store.search import search

        fts = self._fts_available()
        with self._read() as connection:
            return search(connection, query, limit=limit, fts=fts)

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
        reads.check_entity(entity)
        with self._read() as connection:
            return reads.id_for_uid(connection, entity, uid)

    def ids_for_uids(self, entity: str, uids: Sequence[str]) -> list[int]:
        """:meth:`id_for_uid` for many records in a fixed number of queries, in order."""
        reads.check_entity(entity)
        with self._read() as connection:
            return reads.ids_for_uids(connection, entity, uids)

    def uids_for_ids(self, entity: str, ids: Sequence[int]) -> list[str]:
        """The uids of records known by id, in order, in a fixed number of queries."""
        reads.check_entity(entity)
        with self._read() as connection:
            return reads.uids_for_ids(connection, entity, ids)

    # --- housekeeping --------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many records of each kind the journal holds: films, viewings, entries and
        motifs, then viewing tags, answers to prompts, subtitle tracks and their cues."""
        tables = (*reads.ENTITIES, "tag", "answer", "subtitle_track", "cue")
        with self._read() as connection:
            return {
                table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in tables
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
