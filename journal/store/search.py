"""Search: what a person remembers, found in one go.

A query's words (as prefixes, ignoring case and accents) must all occur in one searchable text:
an entry's text, a viewing's reflection, an answer to a reflection prompt, a film's title,
director and notes together, a motif's name, or a viewing tag's name. Each source is an FTS5
external-content table kept in step by triggers (migrations 0001, 0002, 0006 and 0007); an
SQLite without FTS5 gets the same answers from LIKE.

Motifs and tags are the person's own names for things, so words that name one lead to what
carries it, first in the list: words naming a tag lead to the viewings tagged with it (shown as
reflection hits, the tag at the start of their snippet: the viewing whose reflection also
mentions the words first, then the most recently watched), then words naming a motif lead to
the entries tagged with it (entries that also mention the words first, then the most recently
written), the motif at the start of their snippet. Text hits keep at least half of the list, so
a motif with hundreds of entries never hides the film or reflection that mentions the same words.

A search costs a fixed number of queries however many rows match (no query per row), and
snippets (journal/store/snippets.py) are made only for the hits returned.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import Any

from journal.rows import SearchHit
from journal.store.snippets import hit_record as hit_record  # re-exported: the CLI's JSON
from journal.store.snippets import mark_words
from journal.store.snippets import unmarked as unmarked  # re-exported

# As many hits as the app's Search shows, and the command line by default.
DEFAULT_LIMIT = 50
# Past this many matches a word is too common for ranking to help (see _text_rows_fts).
COMMON_MATCHES = 5000
# The query is cut to this many characters and words: enough for any remembered phrase.
QUERY_MAX_CHARS = 500
QUERY_MAX_WORDS = 20

# Row shape shared by every source: film id, title, year, viewing id, watched_on, entry id,
# position_ms, entry kind, the text to make the snippet from, score.
_ENTRY_COLUMNS = "f.id, f.title, f.year, v.id, v.watched_on, e.id, e.position_ms, e.kind"
_VIEWING_COLUMNS = "f.id, f.title, f.year, v.id, v.watched_on, NULL, NULL, NULL"
_FILM_COLUMNS = "f.id, f.title, f.year, NULL, NULL, NULL, NULL, NULL"
# A film's snippet reads "Title — directed by Name — notes", leaving out what is empty.
_FILM_BODY = (
    "f.title || CASE WHEN f.director <> '' THEN ' — directed by ' || f.director ELSE '' END"
    " || CASE WHEN f.notes <> '' THEN ' — ' || f.notes ELSE '' END"
)
_ENTRY_JOINS = "JOIN viewing v ON v.id = e.viewing_id JOIN film f ON f.id = v.film_id"

# source: (fts table, row columns, body, FROM … JOIN clause joined to the fts table)
_FTS_SOURCES = {
    "entry": (
        "entry_fts",
        _ENTRY_COLUMNS,
        "e.text",
        f"JOIN entry e ON e.id = entry_fts.rowid {_ENTRY_JOINS}",
    ),
    "reflection": (
        "viewing_fts",
        _VIEWING_COLUMNS,
        "v.reflection",
        "JOIN viewing v ON v.id = viewing_fts.rowid JOIN film f ON f.id = v.film_id",
    ),
    "film": ("film_fts", _FILM_COLUMNS, _FILM_BODY, "JOIN film f ON f.id = film_fts.rowid"),
    # Answers to reflection prompts (migration 0006); a hit opens the viewing.
    "answer": (
        "answer_fts",
        _VIEWING_COLUMNS,
        "a.text",
        "JOIN answer a ON a.id = answer_fts.rowid JOIN viewing v ON v.id = a.viewing_id "
        "JOIN film f ON f.id = v.film_id",
    ),
}

# source: (row columns, body, FROM clause, the text LIKE looks in)
_LIKE_SOURCES = {
    "entry": (_ENTRY_COLUMNS, "e.text", f"entry e {_ENTRY_JOINS}", "e.text"),
    "reflection": (
        _VIEWING_COLUMNS,
        "v.reflection",
        "viewing v JOIN film f ON f.id = v.film_id",
        "v.reflection",
    ),
    "film": (
        _FILM_COLUMNS,
        _FILM_BODY,
        "film f",
        "(f.title || ' ' || f.director || ' ' || f.notes)",
    ),
    "answer": (
        _VIEWING_COLUMNS,
        "a.text",
        "answer a JOIN viewing v ON v.id = a.viewing_id JOIN film f ON f.id = v.film_id",
        "a.text",
    ),
}

# Past this many taggings the newest tagged entries are found faster by walking entry_motif's
# primary key backwards than by collecting and sorting them all (see _tagged_rows).
DENSE_TAGGINGS = 2000


def search(
    connection: sqlite3.Connection, query: str, *, limit: int = DEFAULT_LIMIT, fts: bool = True
) -> list[SearchHit]:
    """The hits for ``query``, best first, at most ``limit``. ``connection`` is inside a read
    transaction; ``fts`` says whether the journal has its FTS5 tables (else LIKE is used)."""
    words = search_words(query)
    if not words or limit <= 0:
        return []
    if fts:
        params: dict[str, Any] = {"q": _fts_query(words)}
        text_rows = _text_rows_fts(connection, words, limit)
        motifs_sql = "SELECT rowid FROM motif_fts WHERE motif_fts MATCH :q"
        tags_sql = "SELECT rowid FROM tag_fts WHERE tag_fts MATCH :q"
    else:
        params = _like_params(words)
        text_rows = _text_rows_like(connection, words, params, limit)
        motifs_sql = f"SELECT id FROM motif WHERE {_like_all('name', len(words))}"
        tags_sql = f"SELECT id FROM tag WHERE {_like_all('name', len(words))}"
    best = sorted(text_rows, key=lambda source_row: float(source_row[1][9] or 0.0))[:limit]
    tagged_rows = _tagged_rows(connection, motifs_sql, params, limit)
    tagged_viewings = _tagged_viewings(connection, tags_sql, params, limit)
    return _merge(best, tagged_viewings, tagged_rows, words, limit)


def search_words(query: object) -> list[str]:
    """The words of a query. Letters, digits and apostrophes make words; everything else
    (FTS5 syntax and LIKE wildcards included) separates them."""
    if not isinstance(query, str):
        return []
    cleaned = "".join(ch if ch.isalnum() or ch in "'’" else " " for ch in query[:QUERY_MAX_CHARS])
    return [word for word in cleaned.split() if word.strip("'’")][:QUERY_MAX_WORDS]


# --- the text sources ---------------------------------------------------------------------


def _fts_query(words: list[str]) -> str:
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def _text_rows_fts(
    connection: sqlite3.Connection, words: list[str], limit: int
) -> list[tuple[str, Sequence[Any]]]:
    params = {"q": _fts_query(words), "limit": limit, "common": COMMON_MATCHES}
    rows: list[tuple[str, Sequence[Any]]] = []
    for source, (fts, columns, body, joins) in _FTS_SOURCES.items():
        # bm25 costs time in proportion to the matches; past a few thousand the order of
        # near-equal scores says little, so very common words list newest first.
        common = connection.execute(
            f"SELECT 1 FROM {fts} WHERE {fts} MATCH :q LIMIT 1 OFFSET :common", params
        ).fetchone()
        score, order = ("0", f"{fts}.rowid DESC") if common else ("rank", "rank")
        sql = f"""SELECT {columns}, {body}, {score} FROM {fts} {joins}
                  WHERE {fts} MATCH :q ORDER BY {order} LIMIT :limit"""
        rows += [(source, row) for row in connection.execute(sql, params)]
    return rows


def _like_params(words: list[str]) -> dict[str, Any]:
    return {f"w{i}": "%" + re.sub(r"([\\%_])", r"\\\1", word) + "%" for i, word in enumerate(words)}


def _like_all(column: str, count: int) -> str:
    return " AND ".join(f"{column} LIKE :w{i} ESCAPE '\\'" for i in range(count))


def _text_rows_like(
    connection: sqlite3.Connection, words: list[str], params: dict[str, Any], limit: int
) -> list[tuple[str, Sequence[Any]]]:
    rows: list[tuple[str, Sequence[Any]]] = []
    for source, (columns, body, tables, looked_in) in _LIKE_SOURCES.items():
        sql = f"""SELECT {columns}, {body}, 0 FROM {tables}
                  WHERE {_like_all(looked_in, len(words))} LIMIT :limit"""
        rows += [(source, row) for row in connection.execute(sql, {**params, "limit": limit})]
    return rows


# --- motifs -------------------------------------------------------------------------------


def _tagged_rows(
    connection: sqlite3.Connection, motifs_sql: str, params: dict[str, Any], limit: int
) -> list[tuple[Sequence[Any], tuple[str, ...]]]:
    """The entries tagged with a motif that ``motifs_sql`` selects (ids), most recently
    written first, each with the names of those motifs it carries. A few queries, however
    many motifs and entries match."""
    names = dict(
        connection.execute(
            f"SELECT id, name FROM motif WHERE id IN ({motifs_sql})", params
        ).fetchall()
    )
    if not names:
        return []
    params = {**params, "limit": limit, "dense": DENSE_TAGGINGS}
    dense = connection.execute(
        f"SELECT 1 FROM entry_motif WHERE motif_id IN ({motifs_sql}) LIMIT 1 OFFSET :dense",
        params,
    ).fetchone()
    # Few taggings: collect them by motif and sort. Many: walk the (entry_id, motif_id) key
    # from the newest entry down and stop at ``limit`` ("+" keeps SQLite off the motif index).
    tagged = f"""tagged AS (SELECT DISTINCT entry_id FROM entry_motif
        WHERE {"+" if dense else ""}motif_id IN ({motifs_sql})
        ORDER BY entry_id DESC LIMIT :limit)"""
    rows = connection.execute(
        f"""WITH {tagged} SELECT {_ENTRY_COLUMNS}, e.text, 0
            FROM tagged JOIN entry e ON e.id = tagged.entry_id {_ENTRY_JOINS}
            ORDER BY e.id DESC""",
        params,
    ).fetchall()
    carried: dict[int, list[str]] = {}
    for entry_id, motif_id in connection.execute(
        f"""WITH {tagged} SELECT em.entry_id, em.motif_id
            FROM tagged JOIN entry_motif em ON em.entry_id = tagged.entry_id
            WHERE em.motif_id IN ({motifs_sql})""",
        params,
    ):
        carried.setdefault(entry_id, []).append(names[motif_id])
    return [(row, tuple(sorted(carried.get(row[5], ()), key=str.casefold))) for row in rows]


# --- viewing tags -------------------------------------------------------------------------


def _tagged_viewings(
    connection: sqlite3.Connection, tags_sql: str, params: dict[str, Any], limit: int
) -> list[tuple[Sequence[Any], tuple[str, ...]]]:
    """The viewings tagged with a tag that ``tags_sql`` selects (ids), most recently watched
    first, each with the names of those tags it carries. Three queries, however many match: a
    journal holds far fewer viewings than entries, so the tagged ones are collected and sorted."""
    names = dict(
        connection.execute(f"SELECT id, name FROM tag WHERE id IN ({tags_sql})", params).fetchall()
    )
    if not names:
        return []
    params = {**params, "limit": limit}
    tagged = f"""tagged AS (SELECT v.id FROM viewing v
        WHERE v.id IN (SELECT viewing_id FROM viewing_tag WHERE tag_id IN ({tags_sql}))
        ORDER BY v.watched_on DESC, v.id DESC LIMIT :limit)"""
    rows = connection.execute(
        f"""WITH {tagged} SELECT {_VIEWING_COLUMNS}, v.reflection, 0
            FROM tagged JOIN viewing v ON v.id = tagged.id JOIN film f ON f.id = v.film_id
            ORDER BY v.watched_on DESC, v.id DESC""",
        params,
    ).fetchall()
    carried: dict[int, list[str]] = {}
    for viewing_id, tag_id in connection.execute(
        f"""WITH {tagged} SELECT vt.viewing_id, vt.tag_id
            FROM tagged JOIN viewing_tag vt ON vt.viewing_id = tagged.id
            WHERE vt.tag_id IN ({tags_sql})""",
        params,
    ):
        carried.setdefault(viewing_id, []).append(names[tag_id])
    return [(row, tuple(sorted(carried.get(row[3], ()), key=str.casefold))) for row in rows]


# --- the list -----------------------------------------------------------------------------


def _lead(
    text_rows: dict[int, Sequence[Any]], named_rows: list[tuple[Sequence[Any], tuple[str, ...]]]
) -> list[tuple[Sequence[Any], tuple[str, ...]]]:
    """Rows carrying a name the words matched: those whose text matched too first (in text
    rank order, and taken out of ``text_rows``), then the others in the order given."""
    mentioned: list[tuple[Sequence[Any], tuple[str, ...]]] = []
    named_only: list[tuple[Sequence[Any], tuple[str, ...]]] = []
    for row, names in named_rows:
        text_row = text_rows.pop(row[3] if row[5] is None else row[5], None)
        if text_row is None:
            named_only.append((row, names))
        else:
            mentioned.append((text_row, names))
    mentioned.sort(key=lambda item: float(item[0][9] or 0.0))
    return mentioned + named_only


def _merge(
    text_rows: list[tuple[str, Sequence[Any]]],
    tagged_viewings: list[tuple[Sequence[Any], tuple[str, ...]]],
    tagged_rows: list[tuple[Sequence[Any], tuple[str, ...]]],
    words: list[str],
    limit: int,
) -> list[SearchHit]:
    """Viewings tagged with a tag the words name lead, then entries tagged with a motif they
    name; the text rows (best first) follow. Hits, and their snippets, are made for the rows
    kept only (marking words costs more than finding them)."""
    reflections = {row[3]: row for source, row in text_rows if source == "reflection"}
    text_entries = {row[5]: row for source, row in text_rows if source == "entry"}
    # (source, row, motif names, tag names) per hit
    lead: list[tuple[str, Sequence[Any], tuple[str, ...], tuple[str, ...]]] = [
        ("reflection", row, (), names) for row, names in _lead(reflections, tagged_viewings)
    ]
    lead += [("entry", row, names, ()) for row, names in _lead(text_entries, tagged_rows)]
    rest = [
        (s, row)
        for s, row in text_rows
        if (s != "entry" or row[5] in text_entries) and (s != "reflection" or row[3] in reflections)
    ]
    lead = lead[: limit - min(len(rest), limit // 2)]
    rest = rest[: limit - len(lead)]
    # Ranks stay "lower is better" across the whole list: the lead sits below every text hit.
    floor = min((float(row[9] or 0.0) for _, row in rest), default=0.0)
    hits = [
        _hit(source, row, words, motifs=motifs, tags=tags, rank=floor - (len(lead) - index))
        for index, (source, row, motifs, tags) in enumerate(lead)
    ]
    return hits + [_hit(source, row, words) for source, row in rest]


def _named_snippet(kind: str, names: tuple[str, ...], text_snippet: str, words: list[str]) -> str:
    """``Motif: name — text`` (or ``Tags: a, b — text``), the matched words marked."""
    label = f"{kind}: " if len(names) == 1 else f"{kind}s: "
    marked = ", ".join(mark_words(name, words, width=1000) for name in names)
    return label + marked + (f" — {text_snippet}" if text_snippet else "")


# --- rows to hits, snippets -------------------------------------------------------------


def _hit(
    source: str,
    row: Sequence[Any],
    words: list[str],
    *,
    motifs: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    rank: float | None = None,
) -> SearchHit:
    snippet = " ".join(mark_words(row[8] or "", words).split())
    if motifs:
        snippet = _named_snippet("Motif", motifs, snippet, words)
    elif tags:
        snippet = _named_snippet("Tag", tags, snippet, words)
    return SearchHit(
        source=source,
        film_id=row[0],
        film_title=row[1],
        film_year=row[2],
        viewing_id=row[3],
        watched_on=date.fromisoformat(row[4]) if row[4] else None,
        entry_id=row[5],
        position_ms=row[6],
        kind=row[7],
        snippet=snippet,
        rank=float(row[9] or 0.0) if rank is None else rank,
        motifs=motifs,
        tags=tags,
    )
