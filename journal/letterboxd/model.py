"""The values read from a Letterboxd export, and the one error every reader raises.

These are Letterboxd's facts as read, before any comparison with the journal: titles exactly as
Letterboxd spells them, ratings already checked to sit on the half-star grid, tags split and
trimmed, reviews already turned into plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from journal.errors import JournalError


class LetterboxdError(JournalError):
    """The export cannot be read as it is; nothing was imported.

    The message names the file, and where it helps the row and the column, so that the person
    can look at the export themselves.
    """


@dataclass(frozen=True)
class DiaryEntry:
    """One logged viewing: a row of ``diary.csv`` (or a dated row of ``reviews.csv``).

    ``entry_uri`` is the diary entry's ``Letterboxd URI`` — a link to this log entry, not to
    the film — and is the key that makes importing the same export twice add nothing twice.
    ``review`` is the review as plain paragraphs (empty when there is none).
    """

    entry_uri: str
    title: str
    year: int | None
    watched_on: date
    rating: float | None
    rewatch: bool
    tags: tuple[str, ...]
    review: str = ""


@dataclass(frozen=True)
class WatchedFilm:
    """A film from ``watched.csv`` or ``ratings.csv``: marked as seen, perhaps rated.

    ``film_uri`` is the film's ``Letterboxd URI`` in those files (empty if absent).
    ``rating`` comes from ``ratings.csv``; it is the film's rating, not a viewing's, and
    Letterboxd does not say when the film was watched.
    """

    title: str
    year: int | None
    film_uri: str = ""
    rating: float | None = None


@dataclass(frozen=True)
class UndatedReview:
    """A review written without a watch date (a row of ``reviews.csv`` with no ``Watched Date``)."""

    entry_uri: str
    title: str
    year: int | None
    review: str


@dataclass(frozen=True)
class LetterboxdExport:
    """Everything an import can use from one export, and the counts of what it leaves alone.

    ``diary`` holds one entry per distinct diary URI, in the export's order. ``watched`` holds the
    films of ``watched.csv`` and ``ratings.csv`` (one per title and year, a rating merged in).
    ``watchlist``, ``liked_films`` and ``lists`` are only counted: the journal has no place for
    them, and the person is told they were left out.
    """

    diary: tuple[DiaryEntry, ...] = ()
    watched: tuple[WatchedFilm, ...] = ()
    undated_reviews: tuple[UndatedReview, ...] = ()
    watchlist: int = 0
    liked_films: int = 0
    lists: int = 0
