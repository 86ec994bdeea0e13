"""The store's reads: plain SQL on a sqlite3 connection inside the caller's read transaction.

Each function costs a fixed number of queries however many rows it returns (no query per
row); uid↔id lookups come in bulk.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from journal.errors import NotFoundError
from journal.rows import EntryRow, FilmRow, MotifRow, MotifSnapshot, Occurrence, ViewingRow

ENTITIES = ("film", "viewing", "entry", "motif")
# SQLite allows at least 999 bound values in one statement.
_CHUNK = 500


def _chunks(values: Sequence[object]) -> Iterable[Sequence[object]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def check_entity(entity: str) -> str:
    """``entity`` if it names a record table; ValueError otherwise (it goes into SQL)."""
    if entity not in ENTITIES:
        raise ValueError(f"unknown entity {entity!r}")
    return entity


def film_rows(connection: sqlite3.Connection, film_id: int | None) -> list[FilmRow]:
    """Every film with its counts (``film_id`` None), or the one film."""
    columns = "f.id, f.uid, f.title, f.year, f.director, f.runtime_ms, f.notes, f.letterboxd_uri"
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
    result = connection.execute(sql, {"film_id": film_id})
    return [_film_row(row) for row in result]


def _film_row(row: tuple[Any, ...]) -> FilmRow:
    (film_id, uid, title, year, director, runtime_ms, notes, uri, viewings, entries, last) = row
    last_watched = date.fromisoformat(last) if last else None
    return FilmRow(
        film_id, uid, title, year, director, runtime_ms, notes, uri, viewings, entries, last_watched
    )


def viewing_rows(connection: sqlite3.Connection, condition: str, key: int) -> list[ViewingRow]:
    from journal import tags

    sql = f"""
        SELECT v.id, v.uid, v.film_id, v.watched_on, v.rewatch, v.rating, v.reflection,
               (SELECT count(*) FROM entry e WHERE e.viewing_id = v.id), v.lag_ms,
               v.letterboxd_uri
        FROM viewing v WHERE {condition} ORDER BY v.watched_on, v.id
        """
    rows = connection.execute(sql, {"key": key}).fetchall()
    names = tags.by_viewing(connection, condition, key)
    return [
        ViewingRow(
            r[0], r[1], r[2], date.fromisoformat(r[3]), bool(r[4]), r[5], r[6], r[7],
            lag_ms=r[8], tags=tuple(names.get(r[0], ())), letterboxd_uri=r[9],
        )
        for r in rows
    ]  # fmt: skip


def entry_rows(connection: sqlite3.Connection, condition: str, key: int) -> list[EntryRow]:
    entries_sql = f"""SELECT e.id, e.uid, e.viewing_id, e.position_ms, e.kind, e.text, e.intensity
            FROM entry e WHERE {condition} ORDER BY e.position_ms, e.id"""
    motifs_sql = f"""SELECT em.entry_id, m.name FROM entry e
            JOIN entry_motif em ON em.entry_id = e.id JOIN motif m ON m.id = em.motif_id
            WHERE {condition} ORDER BY m.name_key"""
    rows = connection.execute(entries_sql, {"key": key}).fetchall()
    tags: dict[int, list[str]] = {}
    for entry_id, name in connection.execute(motifs_sql, {"key": key}):
        tags.setdefault(entry_id, []).append(name)
    return [
        EntryRow(
            entry_id,
            uid,
            viewing_id,
            position_ms,
            kind,
            text,
            intensity,
            tuple(tags.get(entry_id, ())),
        )
        for entry_id, uid, viewing_id, position_ms, kind, text, intensity in rows
    ]


def motif_rows(connection: sqlite3.Connection, motif_id: int | None) -> list[MotifRow]:
    """Every motif with its usage (``motif_id`` None), or the one motif."""
    if motif_id is None:
        # Walk entries through their (viewing, position) index, which holds the viewing
        # id; looking each tagged entry up by id would read its whole row.
        usage = """
            SELECT em.motif_id, count(*) AS n, count(DISTINCT v.film_id) AS films
            FROM viewing v
            JOIN entry e INDEXED BY ix_entry_viewing_position ON e.viewing_id = v.id
            JOIN entry_motif em ON em.entry_id = e.id GROUP BY em.motif_id"""
        where = ""
    else:
        usage = """
            SELECT em.motif_id, count(*) AS n, count(DISTINCT v.film_id) AS films
            FROM entry_motif em JOIN entry e ON e.id = em.entry_id
            JOIN viewing v ON v.id = e.viewing_id WHERE em.motif_id = :key
            GROUP BY em.motif_id"""
        where = "WHERE m.id = :key"
    sql = f"""
        SELECT m.id, m.uid, m.name, m.description, coalesce(u.n, 0), coalesce(u.films, 0)
        FROM motif m LEFT JOIN ({usage}) u ON u.motif_id = m.id {where}
        ORDER BY m.name_key
        """
    return [MotifRow(*row) for row in connection.execute(sql, {"key": motif_id})]


def occurrences(connection: sqlite3.Connection, motif_id: int) -> list[Occurrence]:
    sql = """
        SELECT e.id, v.id, f.id, f.title, f.year, v.watched_on, e.position_ms, e.kind, e.text
        FROM entry_motif em JOIN entry e ON e.id = em.entry_id
        JOIN viewing v ON v.id = e.viewing_id JOIN film f ON f.id = v.film_id
        WHERE em.motif_id = :m
        ORDER BY f.title COLLATE NOCASE, f.year, v.watched_on, e.position_ms, e.id
        """
    return [
        Occurrence(r[0], r[1], r[2], r[3], r[4], date.fromisoformat(r[5]), *r[6:])
        for r in connection.execute(sql, {"m": motif_id})
    ]


def motif_snapshot(connection: sqlite3.Connection, motif_id: int) -> MotifSnapshot:
    """Two queries, however many entries use the motif."""
    row = connection.execute(
        "SELECT uid, name, description FROM motif WHERE id = ?", (motif_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"motif {motif_id} no longer exists")
    entry_uids = connection.execute(
        "SELECT e.uid FROM entry_motif em JOIN entry e ON e.id = em.entry_id "
        "WHERE em.motif_id = ? ORDER BY e.id",
        (motif_id,),
    ).fetchall()
    return MotifSnapshot(row[0], row[1], row[2], tuple(uid for (uid,) in entry_uids))


def id_for_uid(connection: sqlite3.Connection, entity: str, uid: str) -> int:
    table = check_entity(entity)
    found = connection.execute(f"SELECT id FROM {table} WHERE uid = ?", (uid,)).fetchone()
    if found is None:
        raise NotFoundError(f"that {entity} no longer exists")
    return int(found[0])


def ids_for_uids(connection: sqlite3.Connection, entity: str, uids: Sequence[str]) -> list[int]:
    """The ids of records known by uid, in the order of ``uids``; NotFoundError if any is gone."""
    table = check_entity(entity)
    wanted = list(dict.fromkeys(uids))
    found: dict[str, int] = {}
    for chunk in _chunks(wanted):
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT uid, id FROM {table} WHERE uid IN ({marks})"
        found.update(connection.execute(sql, tuple(chunk)).fetchall())
    if len(found) < len(wanted):
        raise NotFoundError(f"that {entity} no longer exists")
    return [found[uid] for uid in uids]


def uids_for_ids(connection: sqlite3.Connection, entity: str, ids: Sequence[int]) -> list[str]:
    """The uids of records known by id, in the order of ``ids``; NotFoundError if any is gone."""
    table = check_entity(entity)
    wanted = list(dict.fromkeys(ids))
    found: dict[int, str] = {}
    for chunk in _chunks(wanted):
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT id, uid FROM {table} WHERE id IN ({marks})"
        found.update(connection.execute(sql, tuple(chunk)).fetchall())
    if len(found) < len(wanted):
        raise NotFoundError(f"that {entity} no longer exists")
    return [found[key] for key in ids]
