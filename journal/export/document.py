"""Journal JSON documents (version 2) to and from the database.

Version 2 adds, per viewing, ``letterboxd_uri`` (the Letterboxd diary entry it was imported
from, or null) and ``tags`` (names, by name), and a top-level ``tags`` list (``uid``, ``name``)
beside ``motifs``; per film, ``subtitles``: its subtitle tracks with their cues
(journal/subtitles/jsonform.py); a top-level ``prompts`` deck and per-viewing ``answers``.
Per viewing, ``lag_ms`` is the reaction lag taken off stamps made while watching along
(a document without it imports with the default lag).
Version 1 documents still import (no tags, no diary URI, no subtitles, no deck or answers).

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
VERSION = 2
#: Versions an import reads.
READABLE_VERSIONS = (1, 2)

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
        "SELECT id, film_id, uid, watched_on, rewatch, rating, reflection, letterboxd_uri,"
        " lag_ms FROM viewing" + where("film_id") + " ORDER BY film_id, watched_on, id",
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
    answers = cursor.execute(
        "SELECT a.viewing_id, a.uid, a.prompt_uid, a.prompt_text, a.text FROM answer a"
        + (
            ""
            if film_ids is None
            else " JOIN viewing v ON v.id = a.viewing_id" + where("v.film_id")
        )
        + " ORDER BY a.viewing_id, a.id",
        ids,
    ).fetchall()
    deck = cursor.execute(
        "SELECT uid, moment, sort_order, text, hidden, builtin FROM prompt"
    ).fetchall()
    all_motifs = cursor.execute(
        "SELECT id, uid, name, description FROM motif ORDER BY name_key"
    ).fetchall()

    tag_links = cursor.execute(
        "SELECT viewing_id, tag_id FROM viewing_tag"
        + (
            ""
            if film_ids is None
            else f" WHERE viewing_id IN (SELECT id FROM viewing{where('film_id')})"
        ),
        ids,
    ).fetchall()
    all_tags = cursor.execute("SELECT id, uid, name FROM tag ORDER BY name_key").fetchall()
    tag_order = {row[0]: rank for rank, row in enumerate(all_tags)}
    tag_links.sort(key=lambda link: tag_order[link[1]])
    viewing_tags: dict[int, list[str]] = {}
    tag_name = {row[0]: row[2] for row in all_tags}
    for viewing_id, tag_id in tag_links:
        viewing_tags.setdefault(viewing_id, []).append(tag_name[tag_id])
    used_tags = {tag_id for _, tag_id in tag_links}
    tags_out = all_tags if film_ids is None else [t for t in all_tags if t[0] in used_tags]

    order = {row[0]: rank for rank, row in enumerate(all_motifs)}
    names = {row[0]: row[2] for row in all_motifs}
    # Sorting the links once by motif name leaves every entry's list in name order.
    links.sort(key=lambda link: order[link[1]])
    tags: dict[int, list[str]] = {}
    for entry_id, motif_id in links:
        tags.setdefault(entry_id, []).append(names[motif_id])
    used = {motif_id for _, motif_id in links}
    from journal.subtitles.jsonform import read_tracks

    subtitles = read_tracks(connection, film_ids)
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
    answers_by_viewing: dict[int, list[dict[str, Any]]] = {}
    for a in answers:
        answers_by_viewing.setdefault(a[0], []).append(
            {"uid": a[1], "prompt_uid": a[2], "prompt_text": a[3], "text": a[4]}
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
                "letterboxd_uri": v[7],
                "lag_ms": v[8],
                "tags": viewing_tags.get(v[0], []),
                "entries": entries_by_viewing.get(v[0], []),
                "answers": answers_by_viewing.get(v[0], []),
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "prompts": deck_json(deck),
        "motifs": [{"uid": m[1], "name": m[2], "description": m[3]} for m in motifs],
        "tags": [{"uid": t[1], "name": t[2]} for t in tags_out],
        "films": [
            {
                **dict(zip(FILM_FIELDS, f[1:], strict=True)),
                "viewings": viewings_by_film.get(f[0], []),
                "subtitles": subtitles.get(f[0], []),
            }
            for f in films
        ],
    }


def deck_json(rows: Sequence[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """The deck's rows (uid, moment, order, text, hidden, builtin) in the document's form."""
    from journal.prompts import Prompt, deck_to_json, make_deck

    return deck_to_json(
        make_deck(
            Prompt(uid, text, moment, order, bool(hidden), bool(builtin))
            for uid, moment, order, text, hidden, builtin in rows
        )
    )
