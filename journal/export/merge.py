"""Merging a validated Journal JSON document into the journal (the write half of import).

Kept apart from journal.export.document so that reading and exporting never load the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.engine import Connection
from sqlmodel import Session

from journal import rules, tags
from journal.export.document import (
    ENTRY_FIELDS,
    FILM_FIELDS,
    VIEWING_FIELDS,
    ImportCancelled,
)
from journal.fields import utc_now
from journal.models import (
    Entry,
    Film,
    Viewing,
    entry_motif_table,
    entry_table,
    film_table,
    motif_table,
    tag_table,
    viewing_table,
)
from journal.rows import ImportSummary
from journal.store.motifs import ensure_motifs, inserted_id


def write_document(
    session: Session,
    document: dict[str, Any],
    progress: Callable[[int, int], bool] | None = None,
) -> Any:
    """Add what a validated document has that the journal lacks, inside the caller's
    transaction. Records are matched by uid; one the journal already holds is kept exactly as
    it is (the journal wins), so importing an older export never takes back newer words, and
    nothing is ever deleted. A motif is also matched by name: the same name is the same thread.
    """

    now = utc_now()
    total = (
        sum(1 + len(v["entries"]) for f in document["films"] for v in f["viewings"])
        + len(document["films"])
        + len(document["motifs"])
    )
    done = 0
    added = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None and progress(done, total) is False:
            raise ImportCancelled()

    motif_rows = session.execute(
        select(motif_table.c.uid, motif_table.c.name_key, motif_table.c.id)
    ).all()
    known_motif_uids = {row.uid for row in motif_rows}
    motif_id_by_key = {row.name_key: row.id for row in motif_rows}
    for motif in document["motifs"]:
        key = rules.motif_key(motif["name"])
        if motif["uid"] in known_motif_uids or key in motif_id_by_key:
            continue
        motif_id_by_key[key] = inserted_id(
            session,
            motif_table,
            {**motif, "name_key": key, "created_at": now, "updated_at": now},
        )
        added += 1
    tick(len(document["motifs"]))

    # Tags (version 2): matched by uid, then by name (the same name is the same tag).
    tag_rows = session.execute(select(tag_table.c.uid, tag_table.c.name_key)).all()
    known_tag_uids = {row.uid for row in tag_rows}
    known_tag_keys = {row.name_key for row in tag_rows}
    for tag in document.get("tags", []):
        key = rules.tag_key(tag["name"])
        if tag["uid"] in known_tag_uids or key in known_tag_keys:
            continue
        inserted_id(
            session, tag_table, {**tag, "name_key": key, "created_at": now, "updated_at": now}
        )
        known_tag_keys.add(key)
        added += 1
    # A diary URI is unique in the journal: one it already holds stays with its own viewing.
    diary_uris = set(
        session.execute(
            select(viewing_table.c.letterboxd_uri).where(
                viewing_table.c.letterboxd_uri.is_not(None)
            )
        ).scalars()
    )
    new_viewing_tags: list[tuple[int, list[str]]] = []
    added_prompts, kept_prompts = _merge_deck(session, document.get("prompts"))
    added += added_prompts

    film_ids: dict[str, int] = {
        uid: key for uid, key in session.execute(select(film_table.c.uid, film_table.c.id))
    }
    viewing_ids: dict[str, int] = {
        uid: key for uid, key in session.execute(select(viewing_table.c.uid, viewing_table.c.id))
    }
    entry_uids = set(session.execute(select(entry_table.c.uid)).scalars())
    differs = _Differences(session)

    new_entries: list[tuple[dict[str, Any], int]] = []
    new_tracks: list[tuple[int, dict[str, Any]]] = []
    answers = _Answers(session)
    counts = {"films": 0, "viewings": 0, "entries": 0}
    for film in document["films"]:
        counts["films"] += 1
        film_id = film_ids.get(film["uid"])
        if film_id is not None:
            differs.film(film)
        if film_id is None:
            film_id = inserted_id(
                session,
                film_table,
                {**{k: film[k] for k in FILM_FIELDS}, "created_at": now, "updated_at": now},
            )
            added += 1
        new_tracks.extend((film_id, track) for track in film.get("subtitles", ()))
        tick(1)
        for viewing in film["viewings"]:
            counts["viewings"] += 1
            viewing_id = viewing_ids.get(viewing["uid"])
            if viewing_id is not None:
                differs.viewing(viewing)
            if viewing_id is None:
                values = {k: viewing[k] for k in VIEWING_FIELDS}
                values["watched_on"] = date.fromisoformat(values["watched_on"])
                if values["letterboxd_uri"] in diary_uris:
                    values["letterboxd_uri"] = None
                elif values["letterboxd_uri"] is not None:
                    diary_uris.add(values["letterboxd_uri"])
                viewing_id = inserted_id(
                    session,
                    viewing_table,
                    {**values, "film_id": film_id, "created_at": now, "updated_at": now},
                )
                added += 1
                if viewing.get("tags"):
                    new_viewing_tags.append((viewing_id, viewing["tags"]))
            tick(1)
            added += answers.add(viewing.get("answers", ()), viewing_id, now)
            for entry in viewing["entries"]:
                counts["entries"] += 1
                if entry["uid"] not in entry_uids:
                    new_entries.append((entry, viewing_id))
                else:
                    differs.entry(entry)

    # New entries in bulk, in document order (so ids, and so exports, keep that order).
    with _search_index_deferred(session, "entry", enabled=len(new_entries) > 500):
        for start in range(0, len(new_entries), 2000):
            chunk = new_entries[start : start + 2000]
            session.execute(
                insert(entry_table),
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
            added += len(chunk)
            tick(len(chunk))
    if new_entries:
        ids: dict[str, int] = {
            uid: key for uid, key in session.execute(select(entry_table.c.uid, entry_table.c.id))
        }
        added += _tag_new_entries(
            session, [(ids[e["uid"]], e["motifs"]) for e, _ in new_entries], motif_id_by_key, now
        )
    added += tags.link(session, new_viewing_tags, now)
    from journal.subtitles.jsonform import write_tracks

    added += write_tracks(session, new_tracks, now)
    tick(0)
    return ImportSummary(
        films=counts["films"],
        viewings=counts["viewings"],
        entries=counts["entries"],
        motifs=len(document["motifs"]),
        changed=added,
        kept_own=differs.count + kept_prompts + answers.kept_own,
    )


def _merge_deck(session: Session, prompts: list[dict[str, Any]] | None) -> tuple[int, int]:
    """Bring a document's prompt deck in; returns (prompts added or changed, kept own).

    A journal whose deck is still the built-in one as installed takes the document's deck
    whole (so an export opens anywhere exactly as it was written). A deck the person has
    shaped is the journal's own: the document only adds prompts it does not have.
    """
    if prompts is None:  # a version 1 document: the journal's deck stays
        return 0, 0
    from journal.prompts import Prompt, builtin_deck, deck_from_json, make_deck
    from journal.store.prompts import session_deck, write_deck

    incoming = deck_from_json(prompts)
    current = session_deck(session)
    if current == builtin_deck():
        write_deck(session, current, incoming)
        changed = sum(1 for prompt in incoming.prompts if current.get(prompt.uid) != prompt)
        return changed + sum(1 for p in current.prompts if incoming.get(p.uid) is None), 0
    new: list[Prompt] = [p for p in incoming.prompts if current.get(p.uid) is None]
    kept = sum(1 for p in incoming.prompts if current.get(p.uid) not in (None, p))
    if new:
        write_deck(session, current, make_deck((*current.prompts, *new)))
    return len(new), kept


class _Answers:
    """Adds a document's answers the journal lacks (by uid); counts known ones that differ."""

    def __init__(self, session: Session) -> None:
        from journal.models import answer_table

        self._session = session
        self._table = answer_table
        self._known = {
            row[0]: tuple(row[1:])
            for row in session.execute(
                select(
                    answer_table.c.uid,
                    answer_table.c.prompt_uid,
                    answer_table.c.prompt_text,
                    answer_table.c.text,
                )
            )
        }
        self.kept_own = 0

    def add(self, answers: Any, viewing_id: int, now: datetime) -> int:
        rows = []
        for answer in answers:
            known = self._known.get(answer["uid"])
            values = (answer["prompt_uid"], answer["prompt_text"], answer["text"])
            if known is not None:
                self.kept_own += known != values
                continue
            self._known[answer["uid"]] = values
            rows.append({**answer, "viewing_id": viewing_id, "created_at": now, "updated_at": now})
        if rows:
            self._session.execute(insert(self._table), rows)
        return len(rows)


class _Differences:
    """Counts the records a document carries under a uid the journal already has, but with
    other content: the journal's own version is kept, and the person is told how many.
    Each table is read once, and only if the document names one of its records."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._tables: dict[str, dict[str, tuple[Any, ...]]] = {}
        self.count = 0

    def _rows(self, name: str, model: Any, fields: tuple[str, ...]) -> dict[str, tuple[Any, ...]]:
        if name not in self._tables:
            columns = [getattr(model, field) for field in fields]
            self._tables[name] = {
                row[0]: tuple(row[1:]) for row in self._session.execute(select(*columns))
            }
        return self._tables[name]

    def _compare(self, name: str, model: Any, fields: tuple[str, ...], record: dict) -> None:
        known = self._rows(name, model, fields).get(record["uid"])
        if known is None:
            return
        incoming = tuple(_comparable(record[field]) for field in fields[1:])
        if incoming != tuple(_comparable(value) for value in known):
            self.count += 1

    def film(self, record: dict[str, Any]) -> None:
        self._compare("film", Film, FILM_FIELDS, record)

    def viewing(self, record: dict[str, Any]) -> None:
        self._compare("viewing", Viewing, VIEWING_FIELDS, record)

    def entry(self, record: dict[str, Any]) -> None:
        self._compare("entry", Entry, ENTRY_FIELDS, record)


def _comparable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


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


def _tag_new_entries(
    session: Session,
    tags: list[tuple[int, list[str]]],
    motif_id_by_key: dict[str, int],
    now: datetime,
) -> int:
    """Tag newly added entries with their motifs, creating motifs named only there; returns
    how many motifs were created."""
    created = ensure_motifs(
        session, (name for _, names in tags for name in names), motif_id_by_key, now
    )
    links = [
        {"entry_id": entry_id, "motif_id": motif_id_by_key[rules.motif_key(name)]}
        for entry_id, names in tags
        for name in names
    ]
    if links:
        session.execute(insert(entry_motif_table), links)
    return len(created)
