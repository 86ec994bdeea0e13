"""A film's subtitle tracks in the journal: attach, list, align, delete, and read them back.

Over 400 lines on purpose: every read and write of tracks and cues, with the per-track cache
they share, is kept in this one module so the store facade stays thin.

Functions take the store as their first argument (``journal.store.Store`` exposes each as a
thin method), so this feature's storage lives in one place.

Promises:

- A track and all its cues are written in one transaction: attaching either keeps the whole
  file or nothing.
- Cues keep the file's own times; the track records the adjustment that fits them to the
  person's copy of the film (``offset_ms``, ``scale``: ``time × scale + offset``). Changing the
  adjustment is one small write, and undoing it gives back exactly the times before.
- Every read of cues (the line at a position, silences, refrains) sees the adjusted times.
  The adjusted cues of a track are cached per store, keyed by the track's uid and its last
  change, so asking "which line is showing at 1:02:03?" costs an indexed lookup and a bisect.
- Changes are announced as ``Change("subtitles", action, (track_id,), film_id=…)``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from journal import rules
from journal.errors import NotFoundError, ValidationError
from journal.subtitles import align
from journal.subtitles.analysis import (
    DEFAULT_MIN_GAP_MS,
    CueTimeline,
    Refrain,
    Silence,
    Variant,
)
from journal.subtitles.analysis import refrains as find_refrains
from journal.subtitles.analysis import silences as find_silences
from journal.subtitles.analysis import variants as find_variants
from journal.subtitles.cues import Cue, SubtitleError

# The store (journal.store.Store) calls into this module; naming its class here would make the
# two import each other, so functions take it untyped.
Store = Any

ENTITY = "subtitles"
LABEL_MAX = 200
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
TRACK_FIELDS = ("uid", "label", "language", "file_name", "offset_ms", "scale")


@dataclass(frozen=True, slots=True)
class TrackRow:
    """A subtitle track as callers see it (no cues; ask :func:`track_cues` for those)."""

    id: int
    uid: str
    film_id: int
    label: str
    language: str | None
    file_name: str
    offset_ms: int
    scale: float
    cue_count: int = 0

    @property
    def name(self) -> str:
        """What to call the track in a list: its label, else its file's name, and language."""
        name = self.label or self.file_name or "Subtitles"
        return f"{name} ({self.language})" if self.language else name


# --- rules ---------------------------------------------------------------------------------


def clean_label(value: object, field: str = "label") -> str:
    """A track's label: one line of at most 200 characters (may be empty)."""
    text = rules.short_text(value, field)
    if len(text) > LABEL_MAX:
        raise ValidationError(field, f"is {len(text)} characters long; at most {LABEL_MAX}")
    return text


def clean_language(value: object, field: str = "language") -> str | None:
    """A language code like ``en``, ``fr`` or ``pt-BR``, or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(field, f"must be a language code like 'en', not {value!r}")
    text = value.strip()
    if not text:
        return None
    code = text.split("-", 1)[0].lower() + text[len(text.split("-", 1)[0]) :]
    if not _LANGUAGE.match(code):
        raise ValidationError(
            field, f"{text[:20]!r} is not a language code; use two or three letters like 'en'"
        )
    return code


def clean_offset(value: object, field: str = "offset_ms") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"must be a whole number of milliseconds, not {value!r}")
    if abs(value) > align.MAX_SHIFT_MS:
        raise ValidationError(field, "must be less than a day either way")
    return value


def clean_scale(value: object, field: str = "scale") -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(field, f"must be a number, not {value!r}")
    scale = float(value)
    if not (math.isfinite(scale) and 0.5 <= scale <= 2.0):
        raise ValidationError(field, f"must be between 0.5 and 2, not {value!r}")
    return scale


def clean_cues(value: object, field: str = "cues") -> list[tuple[int, int, str]]:
    """``[[start_ms, end_ms, text], …]`` checked: whole non-negative times, start ≤ end."""
    if not isinstance(value, list):
        raise ValidationError(field, "must be a list of [start_ms, end_ms, text]")
    clean: list[tuple[int, int, str]] = []
    for index, item in enumerate(value):
        path = f"{field}[{index}]"
        if not isinstance(item, list | tuple) or len(item) != 3:
            raise ValidationError(path, "must be [start_ms, end_ms, text]")
        start, end, text = item
        start = rules.position_ms(start, f"{path}[0]")
        end = rules.position_ms(end, f"{path}[1]")
        if end < start:
            raise ValidationError(f"{path}[1]", f"ends ({end}) before the cue starts ({start})")
        clean.append((start, end, rules.long_text(text, f"{path}[2]")))
    return clean


# --- writes ----------------------------------------------------------------------------------


def attach(
    store: Store,
    film_id: int,
    cues: Sequence[Cue],
    *,
    file_name: str = "",
    label: str = "",
    language: str | None = None,
    offset_ms: int = 0,
    scale: float = 1.0,
    uid: str | None = None,
) -> TrackRow:
    """Copy ``cues`` into the journal as a new track of the film, in one transaction."""
    values = {
        "uid": rules.uid(uid),
        "label": clean_label(label),
        "language": clean_language(language),
        "file_name": rules.short_text(file_name, "file_name"),
        "offset_ms": clean_offset(offset_ms),
        "scale": clean_scale(scale),
    }
    rows = [(cue.start_ms, cue.end_ms, rules.long_text(cue.text, "text")) for cue in cues]
    if not rows:
        raise SubtitleError("There are no cues to attach; nothing was added.")
    from sqlalchemy import insert

    from journal.fields import utc_now
    from journal.models import Film, cue_table, subtitle_track_table
    from journal.store.motifs import inserted_id

    with store._write() as session:
        if session.get(Film, film_id) is None:
            raise NotFoundError(f"film {film_id} no longer exists")
        now = utc_now()
        track_id = inserted_id(
            session,
            subtitle_track_table,
            {**values, "film_id": film_id, "created_at": now, "updated_at": now},
        )
        session.execute(
            insert(cue_table),
            [{"track_id": track_id, "start_ms": s, "end_ms": e, "text": t} for s, e, t in rows],
        )
    store._announce(_change("created", track_id, film_id))
    return get_track(store, track_id)


def set_alignment(store: Store, track_id: int, *, offset_ms: int, scale: float) -> TrackRow:
    """Fit a track to the film: every cue at ``time × scale + offset_ms`` (one small write)."""
    offset = clean_offset(offset_ms)
    factor = clean_scale(scale)
    from journal.fields import utc_now
    from journal.models import SubtitleTrack

    with store._write() as session:
        track = session.get(SubtitleTrack, track_id)
        if track is None:
            raise NotFoundError(f"subtitle track {track_id} no longer exists")
        track.offset_ms = offset
        track.scale = factor
        track.updated_at = utc_now()
        film_id = track.film_id
    store._announce(_change("updated", track_id, film_id))
    return get_track(store, track_id)


def shifted(track: TrackRow, seconds: float) -> tuple[int, float]:
    """The (offset_ms, scale) that moves a track's lines ``seconds`` later (negative: earlier)."""
    return clean_offset(track.offset_ms + round(seconds * 1000)), track.scale


def rescaled(track: TrackRow, subtitle_fps: float, video_fps: float) -> tuple[int, float]:
    """The (offset_ms, scale) that fits a track timed for ``subtitle_fps`` to ``video_fps``,
    on top of its present adjustment (the present offset is rescaled with it)."""
    factor = align.frame_rate_factor(subtitle_fps, video_fps)
    scale = track.scale * factor
    if not 0.5 <= scale <= 2.0:
        raise SubtitleError("That rescale would stretch the track too far; nothing changed.")
    return clean_offset(round(track.offset_ms * factor)), scale


def delete_track(store: Store, track_id: int) -> dict[str, Any]:
    """Delete a track with its cues; returns its document (for :func:`restore_track`)."""
    document = track_document(store, track_id)
    from journal.models import SubtitleTrack

    with store._write() as session:
        track = session.get(SubtitleTrack, track_id)
        if track is None:
            raise NotFoundError(f"subtitle track {track_id} no longer exists")
        film_id = track.film_id
        session.delete(track)
    store._announce(_change("deleted", track_id, film_id))
    return document


def restore_track(store: Store, film_id: int, document: dict[str, Any]) -> TrackRow:
    """Put back a track from its document (same uid, same cues, same adjustment)."""
    cues = [Cue(s, e, t) for s, e, t in clean_cues(document["cues"])]
    return attach(
        store,
        film_id,
        cues,
        file_name=document.get("file_name") or "",
        label=document.get("label") or "",
        language=document.get("language"),
        offset_ms=document.get("offset_ms", 0),
        scale=document.get("scale", 1.0),
        uid=document["uid"],
    )


def _change(action: str, track_id: int, film_id: int) -> Any:
    from journal.rows import Change

    return Change(ENTITY, action, (track_id,), film_id=film_id)


# --- reads -----------------------------------------------------------------------------------

_TRACK_SQL = """
    SELECT t.id, t.uid, t.film_id, t.label, t.language, t.file_name, t.offset_ms, t.scale,
           (SELECT count(*) FROM cue c WHERE c.track_id = t.id)
    FROM subtitle_track t WHERE {where} ORDER BY t.created_at, t.id
"""


def list_tracks(store: Store, film_id: int) -> list[TrackRow]:
    """A film's tracks, in the order they were attached."""
    with store._read() as connection:
        return [
            TrackRow(*row)
            for row in connection.execute(_TRACK_SQL.format(where="t.film_id = ?"), (film_id,))
        ]


def get_track(store: Store, track_id: int) -> TrackRow:
    with store._read() as connection:
        row = connection.execute(_TRACK_SQL.format(where="t.id = ?"), (track_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"subtitle track {track_id} no longer exists")
    return TrackRow(*row)


def track_document(store: Store, track_id: int) -> dict[str, Any]:
    """A track as the Journal JSON document holds it (raw cue times, with its adjustment)."""
    track = get_track(store, track_id)
    with store._read() as connection:
        cues = connection.execute(
            "SELECT start_ms, end_ms, text FROM cue WHERE track_id = ? ORDER BY start_ms, id",
            (track_id,),
        ).fetchall()
    return {
        **{field: getattr(track, field) for field in TRACK_FIELDS},
        "cues": [list(cue) for cue in cues],
    }


@dataclass(frozen=True)
class _Adjusted:
    """A track's cues at the film's times, and what is computed from them once."""

    cues: tuple[Cue, ...]
    timeline: CueTimeline
    refrains: list[Refrain] | None = None


def _cache(store: Store) -> dict[tuple[int, str], _Adjusted]:
    cache = store.__dict__.get("_subtitle_cache")
    if cache is None:
        cache = store.__dict__["_subtitle_cache"] = {}
    return cache


def _adjusted(store: Store, track_id: int) -> _Adjusted:
    with store._read() as connection:
        head = connection.execute(
            "SELECT uid, updated_at, offset_ms, scale FROM subtitle_track WHERE id = ?",
            (track_id,),
        ).fetchone()
        if head is None:
            raise NotFoundError(f"subtitle track {track_id} no longer exists")
        key = (track_id, f"{head[0]} {head[1]} {head[2]} {head[3]}")
        cache = _cache(store)
        found = cache.get(key)
        if found is not None:
            return found
        raw = [
            Cue(*row)
            for row in connection.execute(
                "SELECT start_ms, end_ms, text FROM cue WHERE track_id = ? ORDER BY start_ms, id",
                (track_id,),
            )
        ]
    cues = align.adjust(raw, offset_ms=int(head[2]), factor=float(head[3]))
    adjusted = _Adjusted(cues, CueTimeline(cues))
    for stale in [k for k in cache if k[0] == track_id]:
        del cache[stale]
    cache[key] = adjusted
    return adjusted


def track_cues(store: Store, track_id: int) -> tuple[Cue, ...]:
    """A track's cues at the film's times (its adjustment applied), in start order."""
    return _adjusted(store, track_id).cues


def first_track_id(store: Store, film_id: int) -> int | None:
    """The track the film's lines are quoted from: the first one attached."""
    with store._read() as connection:
        row = connection.execute(
            "SELECT id FROM subtitle_track WHERE film_id = ? ORDER BY created_at, id LIMIT 1",
            (film_id,),
        ).fetchone()
    return int(row[0]) if row else None


def cues_at(
    store: Store, film_id: int, position_ms: int, *, track_id: int | None = None
) -> list[Cue]:
    """The line(s) showing at ``position_ms`` in the film (its first track unless named)."""
    if track_id is None:
        track_id = first_track_id(store, film_id)
        if track_id is None:
            return []
    return _adjusted(store, track_id).timeline.at(position_ms)


def silences(store: Store, track_id: int, *, min_gap_ms: int = DEFAULT_MIN_GAP_MS) -> list[Silence]:
    """The stretches without dialogue of at least ``min_gap_ms`` (the film's runtime, when
    known, leaves out lines after the film's end)."""
    track = get_track(store, track_id)
    runtime = store.get_film(track.film_id).runtime_ms
    return find_silences(track_cues(store, track_id), min_gap_ms, runtime_ms=runtime)


def refrains(store: Store, track_id: int) -> list[Refrain]:
    """The phrases the track repeats, best first (computed once per adjustment)."""
    adjusted = _adjusted(store, track_id)
    if adjusted.refrains is None:
        object.__setattr__(adjusted, "refrains", find_refrains(adjusted.cues))
    assert adjusted.refrains is not None
    return adjusted.refrains


def variants(store: Store, track_id: int, refrain: Refrain) -> list[Variant]:
    """Lines that say ``refrain`` changed ("I'm so sorry, Dad" for "I'm sorry")."""
    return find_variants(refrain, track_cues(store, track_id))


# --- lines into entries ----------------------------------------------------------------------

QUOTE_OPEN = "\u201c"
QUOTE_CLOSE = "\u201d"


def quote(cue_text: str) -> str:
    """A cue's text as a dialogue entry quotes it: in curly double quotes, lines kept."""
    return f"{QUOTE_OPEN}{cue_text}{QUOTE_CLOSE}"


@dataclass(frozen=True, slots=True)
class MotifFromRefrain:
    """What turning a refrain into a motif did, so that it can be undone exactly."""

    motif_id: int
    motif_created: bool
    tagged_entry_ids: tuple[int, ...]  # entries that existed and were newly tagged
    created_entry_ids: tuple[int, ...]  # dialogue entries made for lines nobody had noted


def make_motif_from_refrain(
    store: Store,
    viewing_id: int,
    name: str,
    lines: Sequence[tuple[int, int, str]],
) -> MotifFromRefrain:
    """Make (or reuse) the motif ``name`` and tag the film's entries at the refrain's lines.

    ``lines`` are the occurrences as ``(start_ms, end_ms, text)`` at the film's times. An
    entry of any viewing of the film whose position falls within a line (from its start to
    its end) is tagged. A line with no entry in viewing ``viewing_id`` gets a new ``dialogue``
    entry there, quoting it at its start, so every occurrence is on the motif's thread. All
    of it is one transaction.
    """
    clean_name = rules.motif_name(name, "name")
    if not lines:
        raise ValidationError("lines", "a refrain with no lines cannot become a motif")
    from sqlalchemy import insert, select

    from journal.fields import utc_now
    from journal.models import Viewing, entry_motif_table, entry_table, motif_table, viewing_table
    from journal.store.motifs import inserted_id

    entry, link = entry_table.c, entry_motif_table.c
    with store._write() as session:
        viewing = session.get(Viewing, viewing_id)
        if viewing is None:
            raise NotFoundError(f"viewing {viewing_id} no longer exists")
        film_id = viewing.film_id
        key = rules.motif_key(clean_name)
        found = session.execute(
            select(motif_table.c.id).where(motif_table.c.name_key == key)
        ).scalar()
        created_motif = found is None
        now = utc_now()
        motif_id = (
            int(found)
            if found is not None
            else inserted_id(
                session,
                motif_table,
                {
                    "uid": rules.uid(None),
                    "name": clean_name,
                    "name_key": key,
                    "description": "",
                    "created_at": now,
                    "updated_at": now,
                },
            )
        )
        film_entries: list[tuple[int, int, int]] = [
            (int(row[0]), int(row[1]), int(row[2]))
            for row in session.execute(
                select(entry.id, entry.viewing_id, entry.position_ms)
                .join(viewing_table, viewing_table.c.id == entry.viewing_id)
                .where(viewing_table.c.film_id == film_id)
            )
        ]
        already = set(
            session.execute(select(link.entry_id).where(link.motif_id == motif_id)).scalars()
        )
        to_tag: dict[int, None] = {}
        created: list[int] = []
        for start_ms, end_ms, text in lines:
            inside = [row for row in film_entries if start_ms <= row[2] <= end_ms]
            for row in inside:
                if row[0] not in already:
                    to_tag[row[0]] = None
            if not any(row[1] == viewing_id for row in inside):
                entry_id = inserted_id(
                    session,
                    entry_table,
                    {
                        "uid": rules.uid(None),
                        "viewing_id": viewing_id,
                        "position_ms": start_ms,
                        "kind": "dialogue",
                        "text": rules.long_text(quote(text), "text"),
                        "intensity": None,
                        "created_at": now,
                        "updated_at": now,
                    },
                )
                created.append(entry_id)
                film_entries.append((entry_id, viewing_id, start_ms))
                already.add(entry_id)
        links = [*to_tag, *created]
        if links:
            session.execute(
                insert(entry_motif_table),
                [{"entry_id": e, "motif_id": motif_id} for e in links],
            )
    from journal.rows import Change

    if created_motif:
        store._announce(Change("motif", "created", (motif_id,)))
    for entry_id in created:
        store._announce(Change("entry", "created", (entry_id,), film_id=film_id))
    if to_tag:
        store._announce(Change("entry", "updated", tuple(to_tag), film_id=film_id))
    store._announce(Change("motif", "updated", (motif_id,)))
    return MotifFromRefrain(motif_id, created_motif, tuple(to_tag), tuple(created))


def undo_motif_from_refrain(store: Store, done: MotifFromRefrain) -> None:
    """Take back exactly what :func:`make_motif_from_refrain` did, in one transaction."""
    from sqlalchemy import delete

    from journal.models import entry_motif_table, entry_table, motif_table

    with store._write() as session:
        if done.created_entry_ids:
            session.execute(delete(entry_table).where(entry_table.c.id.in_(done.created_entry_ids)))
        if done.tagged_entry_ids:
            session.execute(
                delete(entry_motif_table).where(
                    entry_motif_table.c.motif_id == done.motif_id,
                    entry_motif_table.c.entry_id.in_(done.tagged_entry_ids),
                )
            )
        if done.motif_created:
            session.execute(delete(motif_table).where(motif_table.c.id == done.motif_id))
    from journal.rows import Change

    store._announce(Change("journal", "updated"))
