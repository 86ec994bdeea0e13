"""Motifs by name: names turned into motif ids inside a write transaction (creating the
motifs named for the first time). The store's entry writes and import's merge
(``journal.export.merge``) both link motifs through here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Table, insert, select
from sqlmodel import Session

from journal import rules
from journal.errors import ConflictError
from journal.fields import utc_now
from journal.models import entry_motif_table, motif_table


def inserted_id(session: Session, table: Table, values: dict[str, Any]) -> int:
    """Insert one row into ``table`` in the session's transaction; return its new id."""
    result = cast("CursorResult[Any]", session.execute(insert(table), values))
    key = result.inserted_primary_key
    assert key is not None  # a single-row insert always has one
    return int(key[0])


def ensure_motifs(
    session: Session, names: Iterable[str], id_by_key: dict[str, int], now: datetime
) -> list[int]:
    """Add to ``id_by_key`` (name key → motif id) every name not in it yet, creating its
    motif; returns the ids of the motifs created."""
    created: list[int] = []
    for name in names:
        key = rules.motif_key(name)
        if key in id_by_key:
            continue
        motif_id = inserted_id(
            session,
            motif_table,
            {
                "uid": rules.uid(None),
                "name": name,
                "name_key": key,
                "description": "",
                "created_at": now,
                "updated_at": now,
            },
        )
        id_by_key[key] = motif_id
        created.append(motif_id)
    return created


def link_entry(session: Session, entry_id: int, names: list[str]) -> list[int]:
    """Tag an entry with motifs by name, creating the missing ones; returns created ids."""
    if not names:
        return []
    keys = {rules.motif_key(name): name for name in names}
    id_by_key: dict[str, int] = {
        key: motif_id
        for key, motif_id in session.execute(
            select(motif_table.c.name_key, motif_table.c.id).where(motif_table.c.name_key.in_(keys))
        ).all()
    }
    created = ensure_motifs(session, keys.values(), id_by_key, utc_now())
    session.execute(
        insert(entry_motif_table),
        [{"entry_id": entry_id, "motif_id": id_by_key[k]} for k in keys],
    )
    return created


def ensure_name_free(session: Session, name: str, motif_id: int | None) -> None:
    """Refuse a name another motif has (ignoring case): merge into it instead."""
    other = session.execute(
        select(motif_table.c.id, motif_table.c.name).where(
            motif_table.c.name_key == rules.motif_key(name)
        )
    ).first()
    if other is not None and other[0] != motif_id:
        raise ConflictError(
            f"a motif named {other[1]!r} already exists; merge into it instead of renaming"
        )
