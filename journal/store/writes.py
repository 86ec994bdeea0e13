"""The store's writes through the ORM, each inside the caller's transaction.

This module imports SQLAlchemy, SQLModel and the tables; the store imports it as a whole on
the first write (reads and start-up never need it). Values arrive already cleaned by the
record specs (``journal.records``); the schema's constraints are the last line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import delete, insert, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, SQLModel

from journal import rules
from journal.errors import NotFoundError
from journal.fields import utc_now
from journal.models import Entry, EntryMotif, Film, Motif, Viewing, entry_motif_table, entry_table
from journal.rows import FilmRow, ViewingRow
from journal.store.motifs import ensure_name_free, link_entry

__all__ = ["DBAPIError", "IntegrityError", "Session"]

Model = TypeVar("Model", bound=SQLModel)


def get(session: Session, model: type[Model], key: int, label: str) -> Model:
    """The record ``key`` of ``model``, or NotFoundError naming it as ``label``."""
    obj = session.get(model, key)
    if obj is None:
        raise NotFoundError(f"{label} {key} no longer exists")
    return obj


# --- films ---------------------------------------------------------------------------------


def create_film(session: Session, values: dict[str, Any], uid: str | None) -> FilmRow:
    film = Film(uid=rules.uid(uid), **values)
    session.add(film)
    session.flush()
    assert film.id is not None
    return FilmRow(
        film.id,
        film.uid,
        film.title,
        film.year,
        film.director,
        film.runtime_ms,
        film.notes,
        film.letterboxd_uri,
    )


def update(session: Session, model: type[Model], key: int, label: str, values: dict) -> Model:
    """Set cleaned ``values`` on one record and stamp it as updated."""
    obj = get(session, model, key, label)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.updated_at = utc_now()
    session.flush()
    return obj


def delete_one(session: Session, model: type[Model], key: int, label: str) -> Model:
    obj = get(session, model, key, label)
    session.delete(obj)
    return obj


# --- viewings ------------------------------------------------------------------------------


def create_viewing(
    session: Session, film_id: int, values: dict[str, Any], uid: str | None
) -> ViewingRow:
    get(session, Film, film_id, "film")
    viewing = Viewing(uid=rules.uid(uid), film_id=film_id, **values)
    session.add(viewing)
    session.flush()
    assert viewing.id is not None
    return ViewingRow(
        viewing.id,
        viewing.uid,
        viewing.film_id,
        viewing.watched_on,
        viewing.rewatch,
        viewing.rating,
        viewing.reflection,
        lag_ms=viewing.lag_ms,
        letterboxd_uri=viewing.letterboxd_uri,
    )


# --- entries -------------------------------------------------------------------------------


def create_entry(
    session: Session, viewing_id: int, values: dict[str, Any], names: list[str], uid: str | None
) -> tuple[int, int, list[int]]:
    """Returns (entry id, film id, ids of motifs created by naming them)."""
    viewing = get(session, Viewing, viewing_id, "viewing")
    entry = Entry(uid=rules.uid(uid), viewing_id=viewing_id, **values)
    session.add(entry)
    session.flush()
    assert entry.id is not None
    created = link_entry(session, entry.id, names)
    return entry.id, viewing.film_id, created


def update_entry(
    session: Session, entry_id: int, values: dict[str, Any], names: list[str] | None
) -> tuple[int, list[int]]:
    """``names`` None leaves the motifs alone. Returns (film id, ids of motifs created)."""
    entry = get(session, Entry, entry_id, "entry")
    for name, value in values.items():
        setattr(entry, name, value)
    entry.updated_at = utc_now()
    created: list[int] = []
    if names is not None:
        session.execute(delete(EntryMotif).where(EntryMotif.entry_id == entry_id))  # type: ignore[arg-type]
        created = link_entry(session, entry_id, names)
    session.flush()
    return get(session, Viewing, entry.viewing_id, "viewing").film_id, created


def delete_entry(session: Session, entry_id: int) -> int:
    """Returns the film id the entry belonged to."""
    entry = get(session, Entry, entry_id, "entry")
    film_id = get(session, Viewing, entry.viewing_id, "viewing").film_id
    session.delete(entry)
    return film_id


# --- motifs --------------------------------------------------------------------------------


def create_motif(session: Session, name: str, description: str, uid: str | None) -> int:
    ensure_name_free(session, name, None)
    motif = Motif(
        uid=rules.uid(uid), name=name, name_key=rules.motif_key(name), description=description
    )
    session.add(motif)
    session.flush()
    assert motif.id is not None
    return motif.id


def rename_motif(session: Session, motif_id: int, name: str) -> None:
    motif = get(session, Motif, motif_id, "motif")
    ensure_name_free(session, name, motif_id)
    motif.name = name
    motif.name_key = rules.motif_key(name)
    motif.updated_at = utc_now()


def merge_motifs(session: Session, source_id: int, target_id: int) -> list[int]:
    """Move every use of source onto target, delete source; returns the newly tagged entries."""
    get(session, Motif, source_id, "motif")
    get(session, Motif, target_id, "motif")
    moved = list(
        session.execute(
            text(
                "SELECT entry_id FROM entry_motif WHERE motif_id = :s AND entry_id NOT IN "
                "(SELECT entry_id FROM entry_motif WHERE motif_id = :t)"
            ),
            {"s": source_id, "t": target_id},
        ).scalars()
    )
    if moved:
        session.execute(insert(EntryMotif), [{"entry_id": e, "motif_id": target_id} for e in moved])
    session.execute(delete(Motif).where(Motif.id == source_id))  # type: ignore[arg-type]
    return moved


def tag_entries(session: Session, motif_id: int, entry_ids: Sequence[int], tagged: bool) -> None:
    """Add or remove one motif on many entries at once."""
    get(session, Motif, motif_id, "motif")
    if tagged:
        existing = set(
            session.execute(
                select(entry_motif_table.c.entry_id).where(entry_motif_table.c.motif_id == motif_id)
            ).scalars()
        )
        # An id named twice is tagged once (the link table's key would refuse it).
        new = [e for e in dict.fromkeys(entry_ids) if e not in existing]
        if new:
            session.execute(
                insert(EntryMotif), [{"entry_id": e, "motif_id": motif_id} for e in new]
            )
    elif entry_ids:
        session.execute(
            delete(EntryMotif).where(
                EntryMotif.motif_id == motif_id,  # type: ignore[arg-type]
                EntryMotif.entry_id.in_(entry_ids),  # type: ignore[attr-defined]
            )
        )


def entry_ids(session: Session, uids: Sequence[str]) -> list[int]:
    """The ids of the entries with these uids, in a fixed number of queries per 500;
    NotFoundError if one of them is gone."""
    wanted = list(dict.fromkeys(uids))
    found: list[int] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.extend(
            session.execute(select(entry_table.c.id).where(entry_table.c.uid.in_(chunk))).scalars()
        )
    if len(found) < len(wanted):
        raise NotFoundError("that entry no longer exists")
    return [i for i in found if i is not None]


def restore_motif(
    session: Session, uid: str, values: dict[str, Any], entry_uids: Sequence[str]
) -> int:
    """Create a motif again under its uid and tag its entries (by uid) with it."""
    motif_id = create_motif(session, values["name"], values["description"], uid)
    tag_entries(session, motif_id, entry_ids(session, entry_uids), True)
    return motif_id
