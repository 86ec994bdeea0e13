"""Journal JSON documents (version 1) to and from the database.

``build_document`` reads; ``write_document`` merges a validated document inside the caller's
transaction. Both work on whole tables at a time (no query per row) so a journal of 100,000
entries moves in seconds.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlmodel import Session

from journal import rules
from journal.errors import JournalError
from journal.models import Entry, EntryMotif, Film, Motif, Viewing, utc_now

FORMAT = "reflective-journal"
VERSION = 1

FILM_FIELDS = ("uid", "title", "year", "director", "runtime_ms", "notes", "letterboxd_uri")
VIEWING_FIELDS = ("uid", "watched_on", "rewatch", "rating", "reflection")
ENTRY_FIELDS = ("uid", "position_ms", "kind", "text", "intensity")
MOTIF_FIELDS = ("uid", "name", "description")


class ImportCancelled(JournalError):
    """The person cancelled an import; the transaction is rolled back and nothing is kept."""

    def __init__(self) -> None:
        super().__init__("import cancelled; the journal is as it was")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building or reading a whole journal.

    Documents are trees of many small dicts with no cycles; allocating 100,000 of them makes
    the collector rescan the growing heap again and again (a third of an export's time).
    Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_document(
    connection: sqlite3.Connection, film_ids: Sequence[int] | None = None
) -> dict[str, Any]:
    """Read films (all, or ``film_ids``) with viewings, entries and the motifs they use.

    Each table is read once, in the order of an index (so SQLite never sorts the whole
    journal), through the driver's cursor (no per-row work beyond building the dicts).
    """
    cursor = connection.cursor()
    ids = list(film_ids) if film_ids is not None else []
    marks = ", ".join("?" * len(ids))

    def where(column: str) -> str:
        return "" if film_ids is None else f" WHERE {column} IN ({marks})"

    films = cursor.execute(
        "SELECT id, uid, title, year, director, runtime_ms, notes, letterboxd_uri FROM film"
        + where("id")
        + " ORDER BY id",
        ids,
    ).fetchall()
    viewings = cursor.execute(
        "SELECT id, film_id, uid, watched_on, rewatch, rating, reflection FROM viewing"
        + where("film_id")
        + " ORDER BY film_id, watched_on, id",
        ids,
    ).fetchall()
    in_films = (
        ""
        if film_ids is None
        else (f" WHERE viewing_id IN (SELECT id FROM viewing WHERE film_id IN ({marks}))")
    )
    entries = cursor.execute(
        "SELECT id, viewing_id, uid, position_ms, kind, text, intensity FROM entry"
        + in_films
        + " ORDER BY viewing_id, position_ms, id",
        ids,
    ).fetchall()
    links = cursor.execute(
        "SELECT entry_id, motif_id FROM entry_motif"
        + ("" if film_ids is None else f" WHERE entry_id IN (SELECT id FROM entry{in_films})"),
        ids,
    ).fetchall()
    all_motifs = cursor.execute(
        "SELECT id, uid, name, description FROM motif ORDER BY name_key"
    ).fetchall()

    order = {row[0]: rank for rank, row in enumerate(all_motifs)}
    names = {row[0]: row[2] for row in all_motifs}
    # Sorting the links once by motif name leaves every entry's list in name order.
    links.sort(key=lambda link: order[link[1]])
    tags: dict[int, list[str]] = {}
    for entry_id, motif_id in links:
        tags.setdefault(entry_id, []).append(names[motif_id])
    used = {motif_id for _, motif_id in links}
    motifs = all_motifs if film_ids is None else [m for m in all_motifs if m[0] in used]

    entries_by_viewing: dict[int, list[dict[str, Any]]] = {}
    for e in entries:
        entries_by_viewing.setdefault(e[1], []).append(
            {
                "uid": e[2],
                "position_ms": e[3],
                "kind": e[4],
                "text": e[5],
                "intensity": e[6],
                "motifs": tags.get(e[0], []),
            }
        )
    viewings_by_film: dict[int, list[dict[str, Any]]] = {}
    for v in viewings:
        viewings_by_film.setdefault(v[1], []).append(
            {
                "uid": v[2],
                "watched_on": v[3],
                "rewatch": bool(v[4]),
                "rating": v[5],
                "reflection": v[6],
                "entries": entries_by_viewing.get(v[0], []),
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "motifs": [{"uid": m[1], "name": m[2], "description": m[3]} for m in motifs],
        "films": [
            {
                **dict(zip(FILM_FIELDS, f[1:], strict=True)),
                "viewings": viewings_by_film.get(f[0], []),
            }
            for f in films
        ],
    }


def write_document(
    session: Session,
    document: dict[str, Any],
    progress: Callable[[int, int], bool] | None = None,
) -> Any:
    """Merge a validated document: new uids are inserted, known ones updated where they differ,
    nothing is deleted. Runs inside the caller's transaction."""
    from journal.store import ImportSummary

    now = utc_now()
    total = (
        sum(1 + len(v["entries"]) for f in document["films"] for v in f["viewings"])
        + len(document["films"])
        + len(document["motifs"])
    )
    done = 0
    changed = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None and progress(done, total) is False:
            raise ImportCancelled()

    # Motifs: by uid, else by name (a motif of the same name is the same thread).
    motif_rows = session.execute(
        select(Motif.id, Motif.uid, Motif.name, Motif.name_key, Motif.description)
    ).all()
    motif_by_uid = {m.uid: m for m in motif_rows}
    motif_id_by_key = {m.name_key: m.id for m in motif_rows}
    for motif in document["motifs"]:
        key = rules.motif_key(motif["name"])
        known = motif_by_uid.get(motif["uid"])
        if known is None and key in motif_id_by_key:
            continue
        if known is None:
            new_id = session.execute(
                insert(Motif).values(
                    uid=motif["uid"],
                    name=motif["name"],
                    name_key=key,
                    description=motif["description"],
                    created_at=now,
                    updated_at=now,
                )
            ).inserted_primary_key[0]
            motif_id_by_key[key] = new_id
            changed += 1
        elif (known.name, known.description) != (motif["name"], motif["description"]):
            session.execute(
                update(Motif)
                .where(Motif.id == known.id)
                .values(
                    name=motif["name"],
                    name_key=key,
                    description=motif["description"],
                    updated_at=now,
                )
            )
            motif_id_by_key.pop(known.name_key, None)
            motif_id_by_key[key] = known.id
            changed += 1
    tick(len(document["motifs"]))

    film_rows = {
        r.uid: r for r in session.execute(select(*_columns(Film, FILM_FIELDS), Film.id)).all()
    }
    viewing_rows = {
        r.uid: r
        for r in session.execute(
            select(*_columns(Viewing, VIEWING_FIELDS), Viewing.id, Viewing.film_id)
        ).all()
    }
    entry_rows = {
        r.uid: r
        for r in session.execute(
            select(*_columns(Entry, ENTRY_FIELDS), Entry.id, Entry.viewing_id)
        ).all()
    }

    new_entries: list[tuple[dict[str, Any], int]] = []
    link_updates: list[tuple[int, list[str]]] = []
    counts = {"films": 0, "viewings": 0, "entries": 0}
    for film in document["films"]:
        counts["films"] += 1
        values = {k: film[k] for k in FILM_FIELDS}
        known = film_rows.get(film["uid"])
        if known is None:
            film_id = session.execute(
                insert(Film.__table__), {**values, "created_at": now, "updated_at": now}
            ).inserted_primary_key[0]
            changed += 1
        else:
            film_id = known.id
            if any(getattr(known, k) != values[k] for k in FILM_FIELDS):
                session.execute(
                    update(Film).where(Film.id == film_id).values(**values, updated_at=now)
                )
                changed += 1
        tick(1)
        for viewing in film["viewings"]:
            counts["viewings"] += 1
            values = {k: viewing[k] for k in VIEWING_FIELDS}
            values["watched_on"] = date.fromisoformat(values["watched_on"])
            known_v = viewing_rows.get(viewing["uid"])
            if known_v is None:
                viewing_id = session.execute(
                    insert(Viewing.__table__),
                    {**values, "film_id": film_id, "created_at": now, "updated_at": now},
                ).inserted_primary_key[0]
                changed += 1
            else:
                viewing_id = known_v.id
                if known_v.film_id != film_id or any(
                    _stored(getattr(known_v, k)) != _stored(values[k]) for k in VIEWING_FIELDS
                ):
                    session.execute(
                        update(Viewing)
                        .where(Viewing.id == viewing_id)
                        .values(**values, film_id=film_id, updated_at=now)
                    )
                    changed += 1
            tick(1)
            for entry in viewing["entries"]:
                counts["entries"] += 1
                known_e = entry_rows.get(entry["uid"])
                if known_e is None:
                    new_entries.append((entry, viewing_id))
                    continue
                values = {k: entry[k] for k in ENTRY_FIELDS}
                if known_e.viewing_id != viewing_id or any(
                    getattr(known_e, k) != values[k] for k in ENTRY_FIELDS
                ):
                    session.execute(
                        update(Entry)
                        .where(Entry.id == known_e.id)
                        .values(**values, viewing_id=viewing_id, updated_at=now)
                    )
                    changed += 1
                link_updates.append((known_e.id, entry["motifs"]))

    # New entries in bulk, in document order (so ids, and so exports, keep that order).
    with _search_index_deferred(session, "entry", enabled=len(new_entries) > 500):
        for start in range(0, len(new_entries), 2000):
            chunk = new_entries[start : start + 2000]
            session.execute(
                insert(Entry.__table__),
                [
                    {
                        **{k: e[k] for k in ENTRY_FIELDS},
                        "viewing_id": vid,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for e, vid in chunk
                ],
            )
            changed += len(chunk)
            tick(len(chunk))
    if new_entries:
        ids = dict(session.execute(select(Entry.uid, Entry.id)).all())
        link_updates.extend((ids[e["uid"]], e["motifs"]) for e, _ in new_entries)

    changed += _apply_links(session, link_updates, motif_id_by_key, now)
    tick(0)
    return ImportSummary(
        films=counts["films"],
        viewings=counts["viewings"],
        entries=counts["entries"],
        motifs=len(document["motifs"]),
        changed=changed,
    )


@contextmanager
def _search_index_deferred(session: Session, table: str, *, enabled: bool) -> Iterator[None]:
    """Index a bulk insert of ``table`` once at the end instead of row by row.

    FTS5 indexes a batch several times faster than its per-row trigger does. The trigger is
    dropped and re-created from its own stored SQL inside the caller's transaction, so a
    failure or a crash rolls all of it back together.
    """
    fts = f"{table}_fts"
    trigger = f"{fts}_ai"
    connection = session.connection()
    trigger_sql = (
        connection.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
            {"name": trigger},
        ).scalar()
        if enabled
        else None
    )
    if trigger_sql is None:
        yield
        return
    columns = _fts_columns(connection, fts)
    before = connection.execute(text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar()
    connection.exec_driver_sql(f"DROP TRIGGER {trigger}")
    yield
    cols = ", ".join(columns)
    connection.exec_driver_sql(
        f"INSERT INTO {fts}(rowid, {cols}) SELECT id, {cols} FROM {table} WHERE id > ?", (before,)
    )
    connection.exec_driver_sql(trigger_sql)


def _fts_columns(connection: Connection, fts: str) -> list[str]:
    return [row[1] for row in connection.exec_driver_sql(f"PRAGMA table_info({fts})")]


def _apply_links(
    session: Session,
    link_updates: list[tuple[int, list[str]]],
    motif_id_by_key: dict[str, int],
    now: datetime,
) -> int:
    """Make each entry's motif tags exactly the document's; create motifs named only there."""
    if not link_updates:
        return 0
    current: dict[int, set[int]] = {}
    for entry_id, motif_id in session.execute(select(EntryMotif.entry_id, EntryMotif.motif_id)):
        current.setdefault(entry_id, set()).add(motif_id)
    to_add: list[dict[str, int]] = []
    to_remove: list[tuple[int, int]] = []
    for entry_id, names in link_updates:
        wanted: set[int] = set()
        for name in names:
            key = rules.motif_key(name)
            if key not in motif_id_by_key:
                motif_id_by_key[key] = session.execute(
                    insert(Motif).values(
                        uid=rules.uid(None),
                        name=name,
                        name_key=key,
                        description="",
                        created_at=now,
                        updated_at=now,
                    )
                ).inserted_primary_key[0]
            wanted.add(motif_id_by_key[key])
        have = current.get(entry_id, set())
        to_add.extend({"entry_id": entry_id, "motif_id": m} for m in wanted - have)
        to_remove.extend((entry_id, m) for m in have - wanted)
    if to_add:
        session.execute(insert(EntryMotif.__table__), to_add)
    for entry_id, motif_id in to_remove:
        session.execute(
            delete(EntryMotif).where(
                EntryMotif.entry_id == entry_id, EntryMotif.motif_id == motif_id
            )
        )
    return len(to_add) + len(to_remove)


def _columns(model: type, fields: Sequence[str]) -> list[Any]:
    return [getattr(model, name) for name in fields]


def _stored(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
