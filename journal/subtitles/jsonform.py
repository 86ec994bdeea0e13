"""Subtitle tracks in the Journal JSON document (version 2): each film's ``subtitles`` list.

``{"uid", "label", "language", "file_name", "offset_ms", "scale", "cues": [[start_ms, end_ms,
text], …]}``: the cues at the file's own times and the adjustment that fits them to the film,
so a round trip gives back exactly the same track. A version 1 document has no ``subtitles``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from journal.errors import ValidationError
from journal.subtitles.storage import (
    TRACK_FIELDS,
    clean_cues,
    clean_label,
    clean_language,
    clean_offset,
    clean_scale,
)


def read_tracks(
    connection: sqlite3.Connection, film_ids: Sequence[int] | None
) -> dict[int, list[dict[str, Any]]]:
    """Every track of the films (all, or ``film_ids``) with its cues, by film id."""
    ids = list(film_ids) if film_ids is not None else []
    where = "" if film_ids is None else f" WHERE film_id IN ({', '.join('?' * len(ids))})"
    cursor = connection.cursor()
    tracks = cursor.execute(
        "SELECT id, film_id, uid, label, language, file_name, offset_ms, scale FROM subtitle_track"
        + where
        + " ORDER BY film_id, created_at, id",
        ids,
    ).fetchall()
    if not tracks:
        return {}
    cues: dict[int, list[list[Any]]] = {}
    for track_id, start, end, text in cursor.execute(
        "SELECT track_id, start_ms, end_ms, text FROM cue"
        + ("" if film_ids is None else f" WHERE track_id IN (SELECT id FROM subtitle_track{where})")
        + " ORDER BY track_id, start_ms, id",
        ids,
    ):
        cues.setdefault(track_id, []).append([start, end, text])
    by_film: dict[int, list[dict[str, Any]]] = {}
    for row in tracks:
        record = dict(zip(TRACK_FIELDS, row[2:], strict=True))
        record["scale"] = float(record["scale"])
        record["cues"] = cues.get(row[0], [])
        by_film.setdefault(row[1], []).append(record)
    return by_film


def validate_tracks(value: Any, path: str, unique_uid: Callable[[Any, str], str]) -> list[dict]:
    """A film's ``subtitles`` checked and normalised; the first bad field names its path."""
    if not isinstance(value, list):
        raise ValidationError(path, "must be a list of subtitle tracks")
    clean = []
    for index, item in enumerate(value):
        item_path = f"{path}[{index}]"
        if not isinstance(item, dict):
            raise ValidationError(item_path, "must be an object")
        if "cues" not in item:
            raise ValidationError(f"{item_path}.cues", "is missing")
        clean.append(
            {
                "uid": unique_uid(item.get("uid"), f"{item_path}.uid"),
                "label": clean_label(item.get("label", ""), f"{item_path}.label"),
                "language": clean_language(item.get("language"), f"{item_path}.language"),
                "file_name": clean_label(item.get("file_name", ""), f"{item_path}.file_name"),
                "offset_ms": clean_offset(item.get("offset_ms", 0), f"{item_path}.offset_ms"),
                "scale": clean_scale(item.get("scale", 1.0), f"{item_path}.scale"),
                "cues": clean_cues(item["cues"], f"{item_path}.cues"),
            }
        )
    return clean


def write_tracks(session: Any, tracks: list[tuple[int, dict[str, Any]]], now: datetime) -> int:
    """Insert the tracks (``(film_id, track)``) whose uid the journal lacks; returns how many.

    A track the journal already has is kept as it is (an import only adds).
    """
    if not tracks:
        return 0
    from sqlalchemy import insert, select

    from journal.models import cue_table, subtitle_track_table
    from journal.store.motifs import inserted_id

    known = set(session.execute(select(subtitle_track_table.c.uid)).scalars())
    added = 0
    for film_id, track in tracks:
        if track["uid"] in known:
            continue
        track_id = inserted_id(
            session,
            subtitle_track_table,
            {
                **{field: track[field] for field in TRACK_FIELDS},
                "film_id": film_id,
                "created_at": now,
                "updated_at": now,
            },
        )
        if track["cues"]:
            session.execute(
                insert(cue_table),
                [
                    {"track_id": track_id, "start_ms": s, "end_ms": e, "text": t}
                    for s, e, t in track["cues"]
                ],
            )
        known.add(track["uid"])
        added += 1
    return added
