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
from journal.statistics import EntryRow, FilmRow, Statistics, ViewingRow, compute_statistics
from journal.threads import ThreadRow

if TYPE_CHECKING:
    from sqlmodel import Session

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
    marks = ", ".join("?" * len(motif_ids))
    sql = f"""
        SELECT e.id, v.id, f.title, f.year, v.watched_on, e.position_ms, e.kind, e.text,
               e.intensity,
               (SELECT group_concat(m.name, '{_NAME_SEPARATOR}') FROM entry_motif em2
                JOIN motif m ON m.id = em2.motif_id WHERE em2.entry_id = e.id)
        FROM entry e JOIN viewing v ON v.id = e.viewing_id JOIN film f ON f.id = v.film_id
        WHERE e.id IN (SELECT entry_id FROM entry_motif WHERE motif_id IN ({marks})
                       GROUP BY entry_id HAVING count(*) = ?)
        """
    return [
        ThreadRow(
            entry_id,
            viewing_id,
            title,
            year,
            date.fromisoformat(watched),
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
        ) in connection.execute(sql, (*motif_ids, len(motif_ids)))
    ]


def statistics(connection: sqlite3.Connection) -> Statistics:
    """The statistics page's figures from four narrow queries."""
    films = [FilmRow(*row) for row in connection.execute("SELECT id, title, year FROM film")]
    viewings = [
        ViewingRow(viewing_id, film_id, date.fromisoformat(watched), bool(rewatch))
        for viewing_id, film_id, watched, rewatch in connection.execute(
            "SELECT id, film_id, watched_on, rewatch FROM viewing"
        )
    ]
    tags: dict[int, list[str]] = {}
    for entry_id, name in connection.execute(
        "SELECT em.entry_id, m.name FROM entry_motif em JOIN motif m ON m.id = em.motif_id"
    ):
        tags.setdefault(entry_id, []).append(name)
    entries = [
        EntryRow(entry_id, viewing_id, kind, intensity, tuple(tags.get(entry_id, ())))
        for entry_id, viewing_id, kind, intensity in connection.execute(
            "SELECT id, viewing_id, kind, intensity FROM entry"
        )
    ]
    return compute_statistics(films, viewings, entries)


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
