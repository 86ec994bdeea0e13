"""Viewing tags (data model v2): free labels on a viewing, many-to-many like motifs.

A tag's name is unique ignoring case (``rules.tag_key``); naming a tag that does not exist yet
creates it. Letterboxd's tags arrive as these, and the Markdown export writes them as
``tag/<slug>`` tags. The functions here work inside the caller's transaction (writes) or read
connection (reads), so the store stays the only place that opens either.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from journal import rules
from journal.errors import ValidationError
from journal.records import TAG


def clean_names(names: Iterable[str] | None, field: str = "tags") -> list[str]:
    """Tag names checked by the journal's rules, without repeats (first spelling kept).

    ``None`` means no tags. A single string is refused: it is almost always a mistake for a
    list of one name (or a comma-separated cell that should have been split).
    """
    if names is None:
        return []
    if isinstance(names, str | bytes | Mapping) or not isinstance(names, Iterable):
        raise ValidationError(field, f"must be a list of tag names, not {rules._describe(names)}")
    clean: dict[str, str] = {}
    for index, name in enumerate(names):
        value = TAG["name"].clean(name, f"{field}[{index}]")
        clean.setdefault(rules.tag_key(value), value)
    return sorted(clean.values(), key=rules.tag_key)


def tag_ids(session: Any, names: Iterable[str], now: datetime) -> tuple[dict[str, int], int]:
    """The id of each named tag (by ``tag_key``), creating missing ones; and how many were new."""
    from sqlalchemy import insert, select

    from journal.models import tag_table

    keys = {rules.tag_key(name): name for name in names}
    if not keys:
        return {}, 0
    found: dict[str, int] = {
        key: tag_id
        for key, tag_id in session.execute(
            select(tag_table.c.name_key, tag_table.c.id).where(tag_table.c.name_key.in_(keys))
        )
    }
    created = 0
    for key, name in keys.items():
        if key not in found:
            found[key] = session.execute(
                insert(tag_table),
                {
                    "uid": rules.uid(None),
                    "name": name,
                    "name_key": key,
                    "created_at": now,
                    "updated_at": now,
                },
            ).inserted_primary_key[0]
            created += 1
    return found, created


def link(session: Any, viewing_tags: Iterable[tuple[int, Iterable[str]]], now: datetime) -> int:
    """Tag viewings with tags by name (adding to what they have); returns tags created."""
    from sqlalchemy import insert, select

    from journal.models import viewing_tag_table as links

    pairs = [(viewing_id, list(names)) for viewing_id, names in viewing_tags]
    ids, created = tag_ids(session, (name for _, names in pairs for name in names), now)
    viewing_list = [viewing_id for viewing_id, _ in pairs]
    existing: set[tuple[int, int]] = set()
    if viewing_list:
        existing = {
            (row[0], row[1])
            for row in session.execute(
                select(links.c.viewing_id, links.c.tag_id).where(
                    links.c.viewing_id.in_(viewing_list)
                )
            )
        }
    rows = []
    for viewing_id, names in pairs:
        for name in names:
            pair = (viewing_id, ids[rules.tag_key(name)])
            if pair not in existing:
                existing.add(pair)
                rows.append({"viewing_id": pair[0], "tag_id": pair[1]})
    if rows:
        session.execute(insert(links), rows)
    return created


def replace(session: Any, viewing_id: int, names: list[str], now: datetime) -> int:
    """Make ``names`` exactly the viewing's tags; returns tags created. Unused tags are kept
    (a tag is a name the person chose; it costs nothing and completes next time)."""
    from sqlalchemy import delete

    from journal.models import viewing_tag_table as links

    session.execute(delete(links).where(links.c.viewing_id == viewing_id))
    return link(session, [(viewing_id, names)], now)


def by_viewing(connection: sqlite3.Connection, condition: str, key: Any) -> dict[int, list[str]]:
    """``{viewing id: tag names by name}`` for the viewings ``condition`` (on alias ``v``) picks."""
    sql = f"""SELECT vt.viewing_id, t.name FROM viewing v
              JOIN viewing_tag vt ON vt.viewing_id = v.id JOIN tag t ON t.id = vt.tag_id
              WHERE {condition} ORDER BY t.name_key"""
    found: dict[int, list[str]] = {}
    for viewing_id, name in connection.execute(sql, {"key": key}):
        found.setdefault(viewing_id, []).append(name)
    return found


def names(connection: sqlite3.Connection) -> list[str]:
    """Every tag's name, by name."""
    return [row[0] for row in connection.execute("SELECT name FROM tag ORDER BY name_key")]
