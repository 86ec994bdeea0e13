"""Re-syncing a viewing's entries to another copy of the film, inside the caller's transaction.

The positions are computed by ``journal.watch.stamp`` (shift, scale); here they are read and
written in one go (two statements, however many entries), and the old ones are handed back so
that an undo restores them exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import bindparam, select, update
from sqlmodel import Session

from journal import records
from journal.errors import NotFoundError
from journal.fields import utc_now
from journal.models import Viewing, entry_table
from journal.rows import MovedEntries
from journal.store.writes import get

Positions = Callable[[list[int]], list[int]]


def move_entries(session: Session, viewing_id: int, compute: Positions) -> tuple[MovedEntries, int]:
    """Give every entry of the viewing the position ``compute`` makes of the old ones.

    Returns the move (old and new positions by uid) and the viewing's film id.
    """
    viewing = get(session, Viewing, viewing_id, "viewing")
    rows = session.execute(
        select(entry_table.c.uid, entry_table.c.position_ms)
        .where(entry_table.c.viewing_id == viewing_id)
        .order_by(entry_table.c.position_ms, entry_table.c.id)
    ).all()
    before = tuple((uid, position) for uid, position in rows)
    after_positions = compute([position for _, position in before])
    after = tuple((uid, new) for (uid, _), new in zip(before, after_positions, strict=True))
    changed = [new for new, old in zip(after, before, strict=True) if new != old]
    _write(session, changed)
    return MovedEntries(viewing_id, before, after), viewing.film_id


def set_positions(
    session: Session, viewing_id: int, positions: Sequence[tuple[str, int]]
) -> tuple[list[int], int]:
    """Put each entry (by uid) of the viewing at its given position (undo and redo of a move).

    Refused whole (NotFoundError) when one of them is gone or now belongs elsewhere. Returns
    the entries' ids and the viewing's film id.
    """
    viewing = get(session, Viewing, viewing_id, "viewing")
    rule = records.ENTRY["position_ms"]
    clean = [(uid, rule.clean(position)) for uid, position in positions]
    uids = [uid for uid, _ in clean]
    found = dict(
        session.execute(
            select(entry_table.c.uid, entry_table.c.id).where(
                entry_table.c.viewing_id == viewing_id, entry_table.c.uid.in_(uids)
            )
        ).all()
    )
    missing = len(set(uids) - set(found))
    if missing:
        raise NotFoundError(
            f"{missing} of the viewing's entries no longer exist there; no position was changed"
        )
    _write(session, clean)
    return [found[uid] for uid in uids], viewing.film_id


def _write(session: Session, positions: Sequence[tuple[str, int]]) -> None:
    if not positions:
        return
    now = utc_now()
    session.execute(
        update(entry_table)
        .where(entry_table.c.uid == bindparam("entry_uid"))
        .values(position_ms=bindparam("new_position"), updated_at=now),
        [{"entry_uid": uid, "new_position": position} for uid, position in positions],
    )
