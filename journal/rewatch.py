"""Rewatching: what you wrote near this moment of the film in earlier viewings, and a film's
viewings as timelines to draw side by side. No Qt: the journal pane asks, tests need no window.

Promises:

- "Earlier" means watched before the current viewing: an earlier date, or the same date and
  made earlier (a lower id), the order the store lists viewings in.
- :meth:`EarlierNotes.near` answers within ``NEAR_MS`` (two minutes) either side of a position,
  nearest first (a tie goes to the more recent viewing), by bisecting each viewing's sorted
  positions: one answer costs microseconds however long the earlier viewings are, so the panel
  can follow every keystroke in the position field.
- Each note reads ``2019-03-02, at 1:02:10: first line of what was written``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from journal.timecode import format as format_position
from journal.timeline import TimelineEntry, TimelineViewing, first_line

NEAR_MS = 2 * 60_000


class _ViewingLike(Protocol):
    id: int
    watched_on: date


class _EntryLike(Protocol):
    id: int
    position_ms: int
    kind: str
    text: str
    intensity: int | None


@dataclass(frozen=True)
class EarlierNote:
    """One entry of an earlier viewing near the position being written."""

    entry_id: int
    viewing_id: int
    watched_on: date
    position_ms: int
    kind: str
    text: str
    distance_ms: int

    def line(self) -> str:
        """``2019-03-02, at 1:02:10: She holds the cup…`` (the text's first line)."""
        head = f"{self.watched_on.isoformat()}, at {format_position(self.position_ms)}"
        words = first_line(self.text)
        return f"{head}: {words}" if words else head


@dataclass
class _Viewing:
    viewing_id: int
    watched_on: date
    entries: list[Any]
    positions: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.entries.sort(key=lambda entry: (entry.position_ms, entry.id))
        self.positions = [entry.position_ms for entry in self.entries]


def viewings_before(viewings: Sequence[_ViewingLike], current_id: int) -> list[_ViewingLike]:
    """The viewings watched before ``current_id`` (date, then id), oldest first; [] if the
    current viewing is not among them."""
    ordered = sorted(viewings, key=lambda viewing: (viewing.watched_on, viewing.id))
    for index, viewing in enumerate(ordered):
        if viewing.id == current_id:
            return ordered[:index]
    return []


class EarlierNotes:
    """The entries of a film's earlier viewings, ready to be asked what lies near a position."""

    def __init__(self, earlier: Iterable[tuple[_ViewingLike, Iterable[_EntryLike]]]) -> None:
        self._viewings = [
            _Viewing(viewing.id, viewing.watched_on, list(entries)) for viewing, entries in earlier
        ]

    @classmethod
    def from_store(cls, store: Any, film_id: int, viewing_id: int) -> EarlierNotes:
        """Read the viewings of ``film_id`` watched before ``viewing_id`` and their entries."""
        before = viewings_before(store.list_viewings(film_id), viewing_id)
        return cls((viewing, store.list_entries(viewing.id)) for viewing in before)

    @property
    def viewing_count(self) -> int:
        return len(self._viewings)

    def near(self, position_ms: int, window_ms: int = NEAR_MS) -> list[EarlierNote]:
        """The earlier entries within ``window_ms`` of ``position_ms``, nearest first."""
        found: list[EarlierNote] = []
        for viewing in self._viewings:
            low = bisect.bisect_left(viewing.positions, position_ms - window_ms)
            high = bisect.bisect_right(viewing.positions, position_ms + window_ms)
            for entry in viewing.entries[low:high]:
                found.append(
                    EarlierNote(
                        entry.id,
                        viewing.viewing_id,
                        viewing.watched_on,
                        entry.position_ms,
                        entry.kind,
                        entry.text,
                        abs(entry.position_ms - position_ms),
                    )
                )
        found.sort(key=lambda note: (note.distance_ms, -note.watched_on.toordinal(),
                                     -note.viewing_id, note.position_ms, note.entry_id))  # fmt: skip
        return found


# --- timelines from the journal's rows ---------------------------------------------------------


def viewing_labels(dates: Sequence[date]) -> list[str]:
    """A label per viewing (its date); a second viewing on the same day is ``… (2)``."""
    seen: dict[date, int] = {}
    labels = []
    for watched_on in dates:
        seen[watched_on] = seen.get(watched_on, 0) + 1
        number = seen[watched_on]
        labels.append(watched_on.isoformat() + (f" ({number})" if number > 1 else ""))
    return labels


def timeline_of(
    label: str, runtime_ms: int | None, entries: Iterable[_EntryLike]
) -> TimelineViewing:
    """One viewing's entries as a TimelineViewing (an intensity outside 1–5 is left out rather
    than refused: the store never holds one, and a picture must not fail on it)."""
    marks = []
    for entry in entries:
        intensity = entry.intensity if entry.intensity in (1, 2, 3, 4, 5) else None
        marks.append(
            TimelineEntry(entry.id, max(0, entry.position_ms), entry.kind, intensity, entry.text)
        )
    return TimelineViewing(label, runtime_ms, tuple(marks))


@dataclass(frozen=True)
class FilmRewatch:
    """What the journal page draws for a film: every viewing's timeline (oldest first), the
    index of the one being written (-1: none), and the notes of the viewings before it (None
    when there is no current viewing)."""

    timelines: list[TimelineViewing]
    current: int
    earlier: EarlierNotes | None


def film_rewatch(
    store: Any,
    film_id: int,
    runtime_ms: int | None,
    current_viewing_id: int | None,
    current_entries: Sequence[Any] | None = None,
    viewings: Sequence[Any] | None = None,
) -> FilmRewatch:
    """Read a film's viewings once for the page. ``current_entries`` and ``viewings``: what
    the caller already holds (the current viewing's entries, the film's viewings in the
    store's order), so that it is not read again."""
    if viewings is None:
        viewings = store.list_viewings(film_id)
    labels = viewing_labels([viewing.watched_on for viewing in viewings])
    current = next((i for i, v in enumerate(viewings) if v.id == current_viewing_id), -1)
    entries = {
        viewing.id: (
            list(current_entries)
            if index == current and current_entries is not None
            else store.list_entries(viewing.id)
        )
        for index, viewing in enumerate(viewings)
    }
    timelines = [
        timeline_of(label, runtime_ms, entries[viewing.id])
        for label, viewing in zip(labels, viewings, strict=True)
    ]
    earlier = None
    if current >= 0:
        before = viewings_before(viewings, viewings[current].id)
        earlier = EarlierNotes((viewing, entries[viewing.id]) for viewing in before)
    return FilmRewatch(timelines, current, earlier)
