"""Statistics that serve reflection, computed from plain rows.

What the statistics page shows: films and viewings per month, the motifs you return to most
(and over which years), the kinds of entries you write, how often you rewatch, and the average
intensity by film. The store reads the rows (three narrow queries); everything here is plain
Python, so the numbers can be checked against hand-counted fixtures and timed on their own.

Counting rules, so the page and its tests agree:
- a month's ``films`` counts distinct films with a viewing that month; months with no viewing
  between the first and the last appear with zeros, so a chart's gaps are real gaps;
- a motif's years are the years of the viewings its entries belong to (when you watched, not
  the film's year); its ``films`` counts distinct films;
- a rewatch is a viewing marked as one; ``share`` is rewatches over all viewings;
- a film's average intensity uses only its entries that have one; films with none are left
  out;
- an entry whose viewing is not among the viewings given (a row read mid-change) is left out of
  every figure, as is a viewing whose film is not among the films.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from journal.fields import ENTRY_KINDS


@dataclass(frozen=True, slots=True)
class FilmRow:
    """A film: its id, title and year."""

    film_id: int
    title: str
    year: int | None


@dataclass(frozen=True, slots=True)
class ViewingRow:
    """A viewing: which film, when, and whether it was a rewatch."""

    viewing_id: int
    film_id: int
    watched_on: date
    rewatch: bool


@dataclass(frozen=True, slots=True)
class EntryRow:
    """An entry: its viewing, kind, intensity (or None) and motif names."""

    entry_id: int
    viewing_id: int
    kind: str
    intensity: int | None
    motifs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MonthCount:
    """Viewings and distinct films in one calendar month."""

    year: int
    month: int
    viewings: int
    films: int


@dataclass(frozen=True, slots=True)
class MotifUse:
    """How often a motif was written, in how many films, over which years."""

    name: str
    entries: int
    films: int
    first_year: int
    last_year: int


@dataclass(frozen=True, slots=True)
class KindCount:
    """How many entries of one kind."""

    kind: str
    count: int


@dataclass(frozen=True, slots=True)
class RewatchSummary:
    """Rewatches among all viewings."""

    viewings: int
    rewatches: int
    films_rewatched: int

    @property
    def share(self) -> float:
        """Rewatches as a fraction of viewings (0.0 with no viewings)."""
        return self.rewatches / self.viewings if self.viewings else 0.0


@dataclass(frozen=True, slots=True)
class FilmIntensity:
    """A film's average intensity over the entries that have one."""

    film_id: int
    title: str
    year: int | None
    average: float
    entries: int


@dataclass(frozen=True, slots=True)
class Statistics:
    """Everything the statistics page draws."""

    films: int
    viewings: int
    entries: int
    months: tuple[MonthCount, ...]
    motifs: tuple[MotifUse, ...]
    kinds: tuple[KindCount, ...]
    rewatches: RewatchSummary
    intensity: tuple[FilmIntensity, ...]


class _MotifTally:
    __slots__ = ("name", "entries", "films", "first_year", "last_year")

    def __init__(self, name: str, year: int) -> None:
        self.name = name
        self.entries = 0
        self.films: set[int] = set()
        self.first_year = year
        self.last_year = year


def compute_statistics(
    films: Iterable[FilmRow], viewings: Iterable[ViewingRow], entries: Iterable[EntryRow]
) -> Statistics:
    """All figures for the statistics page, in one pass over each kind of row.

    ``motifs`` is ordered by entries (most first), then films, then name; ``intensity`` by
    average (highest first), then title.
    """
    film_by_id = {film.film_id: film for film in films}
    viewing_film: dict[int, int] = {}
    viewing_year: dict[int, int] = {}
    months: dict[tuple[int, int], int] = {}
    month_films: dict[tuple[int, int], set[int]] = {}
    rewatches = 0
    rewatched_films: set[int] = set()
    for viewing in viewings:
        if viewing.film_id not in film_by_id:
            continue
        watched = viewing.watched_on
        viewing_film[viewing.viewing_id] = viewing.film_id
        viewing_year[viewing.viewing_id] = watched.year
        month = (watched.year, watched.month)
        months[month] = months.get(month, 0) + 1
        month_films.setdefault(month, set()).add(viewing.film_id)
        if viewing.rewatch:
            rewatches += 1
            rewatched_films.add(viewing.film_id)

    kind_counts = dict.fromkeys(ENTRY_KINDS, 0)
    motif_tallies: dict[str, _MotifTally] = {}
    motif_keys: dict[str, str] = {}
    intensity_sum: dict[int, int] = {}
    intensity_n: dict[int, int] = {}
    entry_count = 0
    for entry in entries:
        film_id = viewing_film.get(entry.viewing_id)
        if film_id is None:
            continue
        entry_count += 1
        kind_counts[entry.kind] = kind_counts.get(entry.kind, 0) + 1
        if entry.intensity is not None:
            intensity_sum[film_id] = intensity_sum.get(film_id, 0) + entry.intensity
            intensity_n[film_id] = intensity_n.get(film_id, 0) + 1
        if entry.motifs:
            year = viewing_year[entry.viewing_id]
            for name in entry.motifs:
                key = motif_keys.get(name)
                if key is None:
                    key = motif_keys[name] = _motif_key(name)
                tally = motif_tallies.get(key)
                if tally is None:
                    tally = motif_tallies[key] = _MotifTally(name.strip(), year)
                tally.entries += 1
                tally.films.add(film_id)
                if year < tally.first_year:
                    tally.first_year = year
                elif year > tally.last_year:
                    tally.last_year = year

    return Statistics(
        films=len(film_by_id),
        viewings=len(viewing_film),
        entries=entry_count,
        months=_months(months, month_films),
        motifs=_motifs(motif_tallies.values()),
        kinds=tuple(KindCount(kind, count) for kind, count in kind_counts.items()),
        rewatches=RewatchSummary(len(viewing_film), rewatches, len(rewatched_films)),
        intensity=_intensity(film_by_id, intensity_sum, intensity_n),
    )


def _motif_key(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split()).casefold())


def _months(
    months: dict[tuple[int, int], int], month_films: dict[tuple[int, int], set[int]]
) -> tuple[MonthCount, ...]:
    if not months:
        return ()
    (year, month), last = min(months), max(months)
    counts = []
    while (year, month) <= last:
        key = (year, month)
        counts.append(MonthCount(year, month, months.get(key, 0), len(month_films.get(key, ()))))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(counts)


def _motifs(tallies: Iterable[_MotifTally]) -> tuple[MotifUse, ...]:
    uses = [MotifUse(t.name, t.entries, len(t.films), t.first_year, t.last_year) for t in tallies]
    uses.sort(key=lambda use: (-use.entries, -use.films, use.name.casefold()))
    return tuple(uses)


def _intensity(
    film_by_id: dict[int, FilmRow], sums: dict[int, int], counts: dict[int, int]
) -> tuple[FilmIntensity, ...]:
    rows = []
    for film_id, total in sums.items():
        film = film_by_id[film_id]
        n = counts[film_id]
        rows.append(FilmIntensity(film_id, film.title, film.year, total / n, n))
    rows.sort(key=lambda row: (-row.average, row.title.casefold(), row.film_id))
    return tuple(rows)


# --- the same figures from tallies a database has already counted ---------------------------


@dataclass(frozen=True, slots=True)
class ViewingTally:
    """A viewing's entries counted: how many, and the sum and number of their intensities."""

    viewing_id: int
    entries: int
    intensity_sum: int
    intensity_count: int


def statistics_from_tallies(
    films: Iterable[FilmRow],
    viewings: Iterable[ViewingRow],
    tallies: Iterable[ViewingTally],
    kind_counts: Mapping[str, int],
    motif_uses: Iterable[MotifUse],
) -> Statistics:
    """The figures of :func:`compute_statistics`, from counts a store made in SQL.

    A journal of 100,000 entries is counted by the database in a few scans instead of handing
    over every row: ``tallies`` per viewing, ``kind_counts`` for the whole journal, and
    ``motif_uses`` per motif (entries, distinct films, first and last year watched). The
    months, rewatches, orderings and counting rules are the same as ``compute_statistics``'s
    (a test keeps the two equal).
    """
    film_by_id = {film.film_id: film for film in films}
    viewing_film: dict[int, int] = {}
    months: dict[tuple[int, int], int] = {}
    month_films: dict[tuple[int, int], set[int]] = {}
    rewatches = 0
    rewatched_films: set[int] = set()
    for viewing in viewings:
        if viewing.film_id not in film_by_id:
            continue
        watched = viewing.watched_on
        viewing_film[viewing.viewing_id] = viewing.film_id
        month = (watched.year, watched.month)
        months[month] = months.get(month, 0) + 1
        month_films.setdefault(month, set()).add(viewing.film_id)
        if viewing.rewatch:
            rewatches += 1
            rewatched_films.add(viewing.film_id)
    intensity_sum: dict[int, int] = {}
    intensity_n: dict[int, int] = {}
    entry_count = 0
    for tally in tallies:
        film_id = viewing_film.get(tally.viewing_id)
        if film_id is None:
            continue
        entry_count += tally.entries
        if tally.intensity_count:
            intensity_sum[film_id] = intensity_sum.get(film_id, 0) + tally.intensity_sum
            intensity_n[film_id] = intensity_n.get(film_id, 0) + tally.intensity_count
    kinds = dict.fromkeys(ENTRY_KINDS, 0)
    kinds.update(kind_counts)
    uses = sorted(motif_uses, key=lambda use: (-use.entries, -use.films, use.name.casefold()))
    return Statistics(
        films=len(film_by_id),
        viewings=len(viewing_film),
        entries=entry_count,
        months=_months(months, month_films),
        motifs=tuple(uses),
        kinds=tuple(KindCount(kind, count) for kind, count in kinds.items()),
        rewatches=RewatchSummary(len(viewing_film), rewatches, len(rewatched_films)),
        intensity=_intensity(film_by_id, intensity_sum, intensity_n),
    )
