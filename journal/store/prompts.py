"""The store's reads and writes for the prompt deck, answers, motif threads and statistics.

Reads take a plain sqlite3 connection inside the caller's read transaction; writes take the
caller's ORM session (one transaction per user action) and use Core statements. Each costs a
fixed number of queries however many rows it touches.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING, Any

from journal.errors import NotFoundError
from journal.prompts import Answer, Deck, Prompt, ViewingContext, make_deck

if TYPE_CHECKING:
    from sqlmodel import Session

    from journal.statistics import Statistics
    from journal.threads import ThreadRow

# Motif names hold no control characters, so this separates them safely in group_concat.
_NAME_SEPARATOR = "\x1f"


# --- reads ----------------------------------------------------------------------------------


def deck(connection: sqlite3.Connection) -> Deck:
    """The journal's whole deck (hidden prompts included), in canonical order."""
    rows = connection.execute(
        "SELECT uid, text, moment, sort_order, hidden, builtin FROM prompt"
    ).fetchall()
    return make_deck(
        Prompt(uid, text, moment, order, bool(hidden), bool(builtin))
        for uid, text, moment, order, hidden, builtin in rows
    )


def answers(connection: sqlite3.Connection, viewing_id: int) -> list[Answer]:
    """A viewing's answers, in the order they were first written."""
    sql = """SELECT a.uid, v.uid, a.prompt_uid, a.prompt_text, a.text
             FROM answer a JOIN viewing v ON v.id = a.viewing_id
             WHERE a.viewing_id = ? ORDER BY a.id"""
    return [Answer(*row) for row in connection.execute(sql, (viewing_id,))]


def answer_viewing(connection: sqlite3.Connection, uid: str) -> tuple[int, int]:
    """(viewing id, film id) of the answer with this uid, or NotFoundError."""
    row = connection.execute(
        "SELECT a.viewing_id, v.film_id FROM answer a JOIN viewing v ON v.id = a.viewing_id "
        "WHERE a.uid = ?",
        (uid,),
    ).fetchone()
    if row is None:
        raise NotFoundError("that answer no longer exists")
    return int(row[0]), int(row[1])


def viewing_context(connection: sqlite3.Connection, viewing_id: int) -> ViewingContext:
    """What choosing prompts needs: the viewing, and the film's viewing before it (if any)."""
    row = connection.execute(
        "SELECT uid, film_id, watched_on, rewatch FROM viewing WHERE id = ?", (viewing_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"viewing {viewing_id} no longer exists")
    uid, film_id, watched_on, rewatch = row
    earlier = connection.execute(
        "SELECT watched_on, rating FROM viewing WHERE film_id = :f AND id <> :v "
        "AND (watched_on < :d OR (watched_on = :d AND id < :v)) "
        "ORDER BY watched_on DESC, id DESC LIMIT 1",
        {"f": film_id, "v": viewing_id, "d": watched_on},
    ).fetchone()
    if earlier is None:
        return ViewingContext(uid, bool(rewatch))
    return ViewingContext(uid, bool(rewatch), date.fromisoformat(earlier[0]), earlier[1])


def thread_rows(connection: sqlite3.Connection, motif_ids: tuple[int, ...]) -> list[ThreadRow]:
    """Every entry tagged with all of ``motif_ids``, with its film, viewing and motif names.

    One query: the entries are found through the motif index, and each one's motif names come
    back joined in one column.
    """
    from journal.threads import ThreadRow  # with the thread view, not at start-up

    # Walk the first motif's links; a second motif must also be on the entry.
    both = (
        " AND EXISTS (SELECT 1 FROM entry_motif em3 WHERE em3.entry_id = sel.entry_id "
        "AND em3.motif_id = :other)"
        if len(motif_ids) > 1
        else ""
    )
    sql = f"""
        SELECT e.id, v.id, f.title, f.year, v.watched_on, e.position_ms, e.kind, e.text,
               e.intensity,
               (SELECT group_concat(m.name, '{_NAME_SEPARATOR}') FROM entry_motif em2
                JOIN motif m ON m.id = em2.motif_id WHERE em2.entry_id = e.id)
        FROM entry_motif sel JOIN entry e ON e.id = sel.entry_id
        JOIN viewing v ON v.id = e.viewing_id JOIN film f ON f.id = v.film_id
        WHERE sel.motif_id = :first{both}
        """
    params = {"first": motif_ids[0], "other": motif_ids[-1]}
    days: dict[str, date] = {}  # a thread returns to the same viewings: parse each date once
    return [
        ThreadRow(
            entry_id,
            viewing_id,
            title,
            year,
            days.get(watched) or days.setdefault(watched, date.fromisoformat(watched)),
            position,
            kind,
            text,
            intensity,
            tuple(names.split(_NAME_SEPARATOR)) if names else (),
        )
        for (
            entry_id,
            viewing_id,
            title,
            year,
            watched,
            position,
            kind,
            text,
            intensity,
            names,
        ) in connection.execute(sql, params)
    ]


def statistics(connection: sqlite3.Connection) -> Statistics:
    """The statistics page's figures from five narrow queries.

    The database counts (entries per viewing, entries per kind, each motif's uses), so a
    journal of 100,000 entries hands over a few thousand rows, not every entry.
    """
    # With the statistics page, not at start-up.
    from journal.statistics import (
        FilmRow,
        MotifUse,
        ViewingRow,
        ViewingTally,
        statistics_from_tallies,
    )

    films = [FilmRow(*row) for row in connection.execute("SELECT id, title, year FROM film")]
    viewings = [
        ViewingRow(viewing_id, film_id, date.fromisoformat(watched), bool(rewatch))
        for viewing_id, film_id, watched, rewatch in connection.execute(
            "SELECT id, film_id, watched_on, rewatch FROM viewing"
        )
    ]
    tallies = [
        ViewingTally(viewing_id, count, total or 0, rated)
        for viewing_id, count, total, rated in connection.execute(
            "SELECT viewing_id, count(*), sum(intensity), count(intensity) FROM entry "
            "GROUP BY viewing_id"
        )
    ]
    kinds = dict(connection.execute("SELECT kind, count(*) FROM entry GROUP BY kind").fetchall())
    uses = [
        MotifUse(name, count, films_, int(first[:4]), int(last[:4]))
        for name, count, films_, first, last in connection.execute(
            """SELECT m.name, u.n, u.films, u.first, u.last FROM motif m JOIN (
                   SELECT em.motif_id, count(*) AS n, count(DISTINCT v.film_id) AS films,
                          min(v.watched_on) AS first, max(v.watched_on) AS last
                   FROM viewing v
                   JOIN entry e INDEXED BY ix_entry_viewing_position ON e.viewing_id = v.id
                   JOIN entry_motif em ON em.entry_id = e.id GROUP BY em.motif_id
               ) u ON u.motif_id = m.id"""
        )
    ]
    return statistics_from_tallies(films, viewings, tallies, kinds, uses)


# --- writes (inside the caller's transaction) -----------------------------------------------


def session_deck(session: Session) -> Deck:
    """The deck as the write transaction sees it."""
    from sqlalchemy import select

    from journal.models import prompt_table as t

    rows = session.execute(
        select(t.c.uid, t.c.text, t.c.moment, t.c.sort_order, t.c.hidden, t.c.builtin)
    ).all()
    return make_deck(
        Prompt(uid, text, moment, order, bool(hidden), bool(builtin))
        for uid, text, moment, order, hidden, builtin in rows
    )


def write_deck(session: Session, old: Deck, new: Deck) -> None:
    """Make the stored deck ``new`` (it was ``old``): only changed prompts are written."""
    from sqlalchemy import delete, insert, update

    from journal.fields import utc_now
    from journal.models import prompt_table as t

    now = utc_now()
    kept = {prompt.uid for prompt in new.prompts}
    gone = [prompt.uid for prompt in old.prompts if prompt.uid not in kept]
    if gone:
        session.execute(delete(t).where(t.c.uid.in_(gone)))
    for prompt in new.prompts:
        before = old.get(prompt.uid)
        values: dict[str, Any] = {
            "text": prompt.text,
            "moment": prompt.moment,
            "sort_order": prompt.order,
            "hidden": prompt.hidden,
            "builtin": prompt.builtin,
            "updated_at": now,
        }
        if before is None:
            session.execute(insert(t).values(uid=prompt.uid, created_at=now, **values))
        elif before != prompt:
            session.execute(update(t).where(t.c.uid == prompt.uid).values(**values))


def insert_answer(session: Session, viewing_id: int, answer: Answer) -> None:
    from sqlalchemy import insert, select

    from journal.fields import utc_now
    from journal.models import answer_table, viewing_table

    found = session.execute(
        select(viewing_table.c.id).where(viewing_table.c.id == viewing_id)
    ).first()
    if found is None:
        raise NotFoundError(f"viewing {viewing_id} no longer exists")
    now = utc_now()
    session.execute(
        insert(answer_table).values(
            uid=answer.uid,
            viewing_id=viewing_id,
            prompt_uid=answer.prompt_uid,
            prompt_text=answer.prompt_text_copy,
            text=answer.text,
            created_at=now,
            updated_at=now,
        )
    )


def update_answer(session: Session, uid: str, text: str) -> None:
    from sqlalchemy import update

    from journal.fields import utc_now
    from journal.models import answer_table as t

    result = session.execute(
        update(t).where(t.c.uid == uid).values(text=text, updated_at=utc_now())
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        raise NotFoundError("that answer no longer exists")


def delete_answer(session: Session, uid: str) -> None:
    from sqlalchemy import delete

    from journal.models import answer_table as t

    result = session.execute(delete(t).where(t.c.uid == uid))
    if not result.rowcount:  # type: ignore[attr-defined]
        raise NotFoundError("that answer no longer exists")
