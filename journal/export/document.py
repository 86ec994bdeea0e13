"""Journal JSON documents (version 1) to and from the database.

``build_document`` reads; ``write_document`` merges a validated document inside the caller's
transaction. Both work on whole tables at a time (no query per row) so a journal of 100,000
entries moves in seconds.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from journal.errors import JournalError
from journal.records import ENTRY, FILM, MOTIF, VIEWING

FORMAT = "reflective-journal"
VERSION = 1

# Each record's fields in a document: its uid, then its spec's fields (journal/records.py).
FILM_FIELDS = ("uid", *FILM.names)
VIEWING_FIELDS = ("uid", *VIEWING.names)
ENTRY_FIELDS = ("uid", *ENTRY.names)
MOTIF_FIELDS = ("uid", *MOTIF.names)


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
        "SELECT id, film_id, uid, watched_on, rewatch, rating, reflection, lag_ms FROM viewing"
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
                "lag_ms": v[7],
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
