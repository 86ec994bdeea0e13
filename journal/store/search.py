"""Search: what a person remembers, found in one go.

A query's words (as prefixes, ignoring case and accents) must all occur in one searchable text:
an entry's text, a viewing's reflection, an answer to a reflection prompt, a film's title, director and notes together, or a
motif's name. Each source is an FTS5 external-content table kept in step by triggers
(migrations 0001 and 0002); an SQLite without FTS5 gets the same answers from LIKE.

A motif is the person's own name for a thread, so words that name one lead to the entries tagged
with it: those hits come first (entries that also mention the words first of all, then the
most recently written), with the motif shown at the start of their snippet. Text hits keep at least half of the list, so a motif
with hundreds of entries never hides the film or reflection that mentions the same words.

A search costs a fixed number of queries however many rows match (no query per row), and
snippets are made only for the hits returned.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Any

from journal import timecode
from journal.rows import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit

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
    else:
        params = _like_params(words)
        text_rows = _text_rows_like(connection, words, params, limit)
        motifs_sql = f"SELECT id FROM motif WHERE {_like_all('name', len(words))}"
    best = sorted(text_rows, key=lambda source_row: float(source_row[1][9] or 0.0))[:limit]
    tagged_rows = _tagged_rows(connection, motifs_sql, params, limit)
    return _merge(best, tagged_rows, words, limit)


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


def _merge(
    text_rows: list[tuple[str, Sequence[Any]]],
    tagged_rows: list[tuple[Sequence[Any], tuple[str, ...]]],
    words: list[str],
    limit: int,
) -> list[SearchHit]:
    """Entries tagged with a motif the words name lead; the text rows (best first) follow.
    Hits, and their snippets, are made for the rows kept only (marking words costs more
    than finding them)."""
    text_entries = {row[5]: row for source, row in text_rows if source == "entry"}
    mentioned: list[tuple[Sequence[Any], tuple[str, ...]]] = []  # in text rank order
    tagged_only: list[tuple[Sequence[Any], tuple[str, ...]]] = []
    for row, names in tagged_rows:
        text_row = text_entries.pop(row[5], None)
        if text_row is None:
            tagged_only.append((row, names))
        else:
            mentioned.append((text_row, names))
    mentioned.sort(key=lambda item: float(item[0][9] or 0.0))
    rest = [(s, row) for s, row in text_rows if s != "entry" or row[5] in text_entries]
    lead = (mentioned + tagged_only)[: limit - min(len(rest), limit // 2)]
    rest = rest[: limit - len(lead)]
    # Ranks stay "lower is better" across the whole list: the lead sits below every text hit.
    floor = min((float(row[9] or 0.0) for _, row in rest), default=0.0)
    hits = [
        _hit("entry", row, words, motifs=names, rank=floor - (len(lead) - index))
        for index, (row, names) in enumerate(lead)
    ]
    return hits + [_hit(source, row, words) for source, row in rest]


def _motif_snippet(names: tuple[str, ...], text_snippet: str, words: list[str]) -> str:
    label = "Motif: " if len(names) == 1 else "Motifs: "
    marked = ", ".join(mark_words(name, words, width=1000) for name in names)
    return label + marked + (f" — {text_snippet}" if text_snippet else "")


# --- rows to hits, snippets -------------------------------------------------------------


def _hit(
    source: str,
    row: Sequence[Any],
    words: list[str],
    *,
    motifs: tuple[str, ...] = (),
    rank: float | None = None,
) -> SearchHit:
    snippet = " ".join(mark_words(row[8] or "", words).split())
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
        snippet=_motif_snippet(motifs, snippet, words) if motifs else snippet,
        rank=float(row[9] or 0.0) if rank is None else rank,
        motifs=motifs,
    )


def mark_words(body: str, words: list[str], width: int = 120) -> str:
    """About ``width`` characters of ``body`` around the first match, matched words marked
    with HIGHLIGHT_START/HIGHLIGHT_END."""
    spans = _match_spans(body, words)
    start = 0
    # A body that fits is shown whole; a longer one starts a little before the first match.
    if spans and len(body) > width and spans[0][0] > width // 3:
        first = spans[0][0]
        start = first - width // 3
        space = body.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(body), start + width)
    if end < len(body):
        space = body.rfind(" ", start + width // 2, end)
        end = space if space > 0 else end
    parts: list[str] = []
    done = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, done), min(span_end, end)
        if span_start >= span_end:
            continue
        parts += [body[done:span_start], HIGHLIGHT_START, body[span_start:span_end], HIGHLIGHT_END]
        done = span_end
    parts.append(body[done:end])
    return ("…" if start else "") + "".join(parts) + ("…" if end < len(body) else "")


def _match_spans(body: str, words: list[str]) -> list[tuple[int, int]]:
    """Where words (as prefixes) occur in ``body``, ignoring case and, like the FTS5
    tokenizer, accents: "cafe" marks "café"."""
    if body.isascii() and all(word.isascii() for word in words):
        return [m.span() for m in _prefix_pattern(words).finditer(body)]
    folded, origin = _fold(body)
    pattern = _prefix_pattern([_fold(word)[0] for word in words])
    return [
        (origin[m.start()], origin[m.end() - 1] + 1)
        for m in pattern.finditer(folded)
        if m.end() > m.start()
    ]


def _prefix_pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w)
    return re.compile(r"\b(?:" + alternatives + r")\w*", re.IGNORECASE)


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` case-folded without combining marks, and for each folded character the
    index of the character of ``text`` it came from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char < "\x80":  # most of any text: folding is lower-casing
            folded.append(char.lower())
            origin.append(index)
            continue
        for part in unicodedata.normalize("NFD", char):
            if unicodedata.combining(part):
                continue
            for piece in part.casefold():
                folded.append(piece)
                origin.append(index)
    return "".join(folded), origin


# --- hits for scripts and terminals -----------------------------------------------------


def unmarked(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """The snippet without highlight markers, and the [start, end) spans they marked."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for char in snippet:
        if char == HIGHLIGHT_START:
            start = len(text) if start is None else start
        elif char == HIGHLIGHT_END:
            if start is not None and len(text) > start:
                spans.append((start, len(text)))
            start = None
        else:
            text.append(char)
    return "".join(text), spans


def hit_record(hit: SearchHit) -> dict[str, Any]:
    """A hit as plain JSON values: the stable shape of ``reflective-journal search --json``."""
    snippet, spans = unmarked(hit.snippet)
    title = hit.film_title + (f" ({hit.film_year})" if hit.film_year else "")
    return {
        "source": hit.source,
        "film": title,
        "film_id": hit.film_id,
        "film_title": hit.film_title,
        "film_year": hit.film_year,
        "viewing_id": hit.viewing_id,
        "watched_on": hit.watched_on.isoformat() if hit.watched_on else None,
        "entry_id": hit.entry_id,
        "position_ms": hit.position_ms,
        "position": None if hit.position_ms is None else timecode.format(hit.position_ms),
        "kind": hit.kind if hit.source == "entry" and hit.kind else hit.source,
        "motifs": list(hit.motifs),
        "snippet": snippet,
        "highlights": [list(span) for span in spans],
    }
