"""The plain rows the store hands out and the news of what a write changed.

They live apart from the store so that code which only shapes or produces them (import's
merge, search) does not import the store itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

# Markers around the matched words in a search snippet; user text never contains them
# (control characters are rejected at the edge).
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"


# --- rows handed to callers (plain, immutable, no lazy loading) -------------------------------


@dataclass(frozen=True, slots=True)
class FilmRow:
    id: int
    uid: str
    title: str
    year: int | None
    director: str
    runtime_ms: int | None
    notes: str
    letterboxd_uri: str | None
    viewing_count: int = 0
    entry_count: int = 0
    last_watched: date | None = None


@dataclass(frozen=True, slots=True)
class ViewingRow:
    id: int
    uid: str
    film_id: int
    watched_on: date
    rewatch: bool
    rating: float | None
    reflection: str
    entry_count: int = 0
    lag_ms: int = 2_000  # reaction lag for stamps (journal/watch/stamp.py DEFAULT_LAG_MS)
    tags: tuple[str, ...] = ()  # by name, ignoring case
    letterboxd_uri: str | None = None  # the Letterboxd diary entry it was imported from


@dataclass(frozen=True, slots=True)
class EntryRow:
    id: int
    uid: str
    viewing_id: int
    position_ms: int
    kind: str
    text: str
    intensity: int | None
    motifs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MotifRow:
    id: int
    uid: str
    name: str
    description: str
    usage_count: int = 0
    film_count: int = 0


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One entry tagged with a motif, with where it sits."""

    entry_id: int
    viewing_id: int
    film_id: int
    film_title: str
    film_year: int | None
    watched_on: date
    position_ms: int
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    """``source`` is ``entry``, ``reflection``, ``answer`` or ``film``; entry fields are None
    otherwise.

    ``motifs`` names the entry's motifs that the words matched, ``tags`` a reflection hit's
    viewing tags that they matched (the snippet then starts with them); ``rank`` is lower for
    better hits, and hits come ordered by it (journal/store/search.py).
    """

    source: str
    film_id: int
    film_title: str
    film_year: int | None
    viewing_id: int | None
    watched_on: date | None
    entry_id: int | None
    position_ms: int | None
    snippet: str
    rank: float
    kind: str | None = None  # the entry's kind (pause, motif, …) for entry hits
    motifs: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """What a write changed. ``entity`` is film, viewing, entry, motif or journal (bulk)."""

    entity: str
    action: str  # created, updated, deleted, merged, imported
    ids: tuple[int, ...] = ()
    film_id: int | None = None


@dataclass(frozen=True, slots=True)
class ImportSummary:
    films: int
    viewings: int
    entries: int
    motifs: int
    changed: int  # records created or updated; 0 when the document was already in the journal
    # Records the document had under a known uid but with other content: the journal's own
    # version was kept (an import only adds).
    kept_own: int = 0


Listener = Callable[[Change], None]


@dataclass(frozen=True, slots=True)
class MotifSnapshot:
    """A motif as an undo needs it to bring the motif back: its uid, name, description and
    the uids of the entries tagged with it (uids, because ids change when a delete is undone).
    """

    uid: str
    name: str
    description: str
    entry_uids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MovedEntries:
    """A viewing's entries re-synced (shifted or scaled) in one transaction.

    ``before`` and ``after`` pair each entry's uid with its position, in the same order, so an
    undo writes ``before`` back exactly (a position clamped at 0 by a shift cannot be
    recovered by shifting back) and a redo writes ``after``.
    """

    viewing_id: int
    before: tuple[tuple[str, int], ...]
    after: tuple[tuple[str, int], ...]

    @property
    def moved(self) -> int:
        """How many entries changed position."""
        return sum(1 for old, new in zip(self.before, self.after, strict=True) if old != new)
