"""What importing a Letterboxd export would add to the journal — computed, never written.

:func:`plan_import` compares a read export with the journal's films and the diary URIs the
journal already holds, and returns an :class:`ImportPlan`: the films to create, the viewings to
add (each with its reflection and tags), the matches it will not guess, and a
:class:`PlanSummary` for the preview. The store applies the plan in one transaction.

The rules:

- **Films are matched by title and year.** Titles compare after Unicode NFC, case folding and
  collapsing runs of white space; an empty year matches only an empty year. One journal film →
  that film; none → a new film (one per title and year, however often it was logged); two or
  more → *ambiguous*: listed with its candidates and the viewings waiting on it, and nothing is
  added for it until the caller passes a choice in ``choices``.
- **Viewings are keyed by the diary entry's URI.** A URI the journal already holds is skipped,
  so importing the same export again — or a newer one — adds only the entries that are new, and
  never touches a viewing (or anything written in it) that is already there.
- **Films seen without a diary entry** (``watched.csv``/``ratings.csv``) are created as films
  with no viewing. Letterboxd does not say when they were watched — the ``Date`` of
  ``ratings.csv`` is when the rating was given, and that of ``watched.csv`` when the film was
  marked, often years later while back-filling — and a viewing needs a watch date, so their
  rating is not imported; the summary counts these ratings.
- **A review without a watch date** becomes the notes of the film this import creates for it;
  for a film already in the journal it is left out (the journal's notes are the person's own)
  and counted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from datetime import date

from journal.letterboxd.model import DiaryEntry, LetterboxdExport

#: A film's identity for matching: its normalised title and its year.
FilmKey = tuple[str, int | None]


def normalise_title(title: str) -> str:
    """``title`` as compared for matching: NFC, case-folded, white space collapsed."""
    return " ".join(unicodedata.normalize("NFC", title).casefold().split())


def film_key(title: str, year: int | None) -> FilmKey:
    """The key two films must share to be the same film."""
    return (normalise_title(title), year)


@dataclass(frozen=True)
class JournalFilm:
    """A film already in the journal, as the plan needs to see it."""

    film_id: int
    title: str
    year: int | None


@dataclass(frozen=True)
class NewFilm:
    """A film the import would create. Hashable: the store maps each to the id it was given."""

    title: str
    year: int | None
    letterboxd_uri: str = ""
    notes: str = ""


@dataclass(frozen=True)
class NewViewing:
    """A viewing the import would add, to ``film``: a journal film's id or a :class:`NewFilm`."""

    film: int | NewFilm
    entry_uri: str
    watched_on: date
    rating: float | None
    rewatch: bool
    tags: tuple[str, ...]
    reflection: str


@dataclass(frozen=True)
class AmbiguousMatch:
    """A Letterboxd film that matches more than one journal film: asked about, never guessed.

    ``key`` is what to pass in ``choices`` (with the chosen film id) to plan again.
    """

    key: FilmKey
    title: str
    year: int | None
    candidate_ids: tuple[int, ...]
    waiting_uris: tuple[str, ...]


@dataclass(frozen=True)
class PlanSummary:
    """The counts the preview shows before anything is written."""

    films: int = 0
    viewings: int = 0
    reflections: int = 0
    tags: int = 0
    already_imported: int = 0
    ambiguous: int = 0
    waiting_on_ambiguous: int = 0
    ratings_without_date: int = 0
    undated_reviews_left_out: int = 0
    watchlist: int = 0
    liked_films: int = 0
    lists: int = 0

    @property
    def adds_anything(self) -> bool:
        """Whether applying the plan would write anything at all."""
        return bool(self.films or self.viewings)


@dataclass(frozen=True)
class ImportPlan:
    """Everything an import would add, in the export's order, and its summary."""

    films_to_create: tuple[NewFilm, ...] = ()
    viewings_to_add: tuple[NewViewing, ...] = ()
    new_tags: tuple[str, ...] = ()
    ambiguous: tuple[AmbiguousMatch, ...] = ()
    summary: PlanSummary = field(default_factory=PlanSummary)


class _Matcher:
    """Finds the journal film (or the film to create) for each Letterboxd title and year."""

    def __init__(
        self,
        journal_films: Iterable[JournalFilm],
        choices: Mapping[FilmKey, int],
        film_uris: Mapping[FilmKey, str],
    ) -> None:
        self._by_key: dict[FilmKey, list[int]] = {}
        for film in journal_films:
            self._by_key.setdefault(film_key(film.title, film.year), []).append(film.film_id)
        self._choices = choices
        self._film_uris = film_uris
        self.created: dict[FilmKey, NewFilm] = {}
        self.ambiguous: dict[FilmKey, AmbiguousMatch] = {}

    def in_journal(self, title: str, year: int | None) -> bool:
        """Whether the journal already has at least one film with this title and year."""
        return film_key(title, year) in self._by_key

    def target(self, title: str, year: int | None, waiting_uri: str = "") -> int | NewFilm | None:
        """The film id or new film for ``title``/``year``; ``None`` while it is ambiguous."""
        key = film_key(title, year)
        candidates = self._by_key.get(key, [])
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            chosen = self._choices.get(key)
            if chosen in candidates:
                return chosen
            known = self.ambiguous.get(key)
            uris = (*known.waiting_uris, waiting_uri) if known else (waiting_uri,)
            self.ambiguous[key] = AmbiguousMatch(
                key, title, year, tuple(sorted(candidates)), tuple(uri for uri in uris if uri)
            )
            return None
        if key not in self.created:
            self.created[key] = NewFilm(title, year, self._film_uris.get(key, ""))
        return self.created[key]


def plan_import(
    export: LetterboxdExport,
    journal_films: Sequence[JournalFilm],
    known_entry_uris: Set[str],
    *,
    journal_tags: Iterable[str] = (),
    choices: Mapping[FilmKey, int] | None = None,
) -> ImportPlan:
    """Say exactly what importing ``export`` would add to a journal.

    ``journal_films`` are the journal's films; ``known_entry_uris`` the Letterboxd diary URIs its
    viewings already carry; ``journal_tags`` its tag names (only to count the tags that are new);
    ``choices`` resolves ambiguous matches (``AmbiguousMatch.key`` → the chosen film's id).
    """
    film_uris = {
        film_key(film.title, film.year): film.film_uri for film in export.watched if film.film_uri
    }
    matcher = _Matcher(journal_films, choices or {}, film_uris)
    viewings: list[NewViewing] = []
    already = 0
    for entry in export.diary:
        if entry.entry_uri in known_entry_uris:
            already += 1
            continue
        target = matcher.target(entry.title, entry.year, entry.entry_uri)
        if target is not None:
            viewings.append(_viewing(target, entry))

    diary_keys = {film_key(entry.title, entry.year) for entry in export.diary}
    ratings_without_date = 0
    for film in export.watched:
        if film_key(film.title, film.year) in diary_keys:
            continue
        if not matcher.in_journal(film.title, film.year):
            matcher.target(film.title, film.year)
        if film.rating is not None:
            ratings_without_date += 1

    left_out = 0
    for review in export.undated_reviews:
        target = None
        if not matcher.in_journal(review.title, review.year):
            target = matcher.target(review.title, review.year)
        if isinstance(target, NewFilm) and not target.notes:
            key = film_key(review.title, review.year)
            replacement = NewFilm(target.title, target.year, target.letterboxd_uri, review.review)
            matcher.created[key] = replacement
            viewings = [
                replace(viewing, film=replacement) if viewing.film == target else viewing
                for viewing in viewings
            ]
        else:
            left_out += 1

    new_tags = _new_tags(viewings, journal_tags)
    ambiguous = tuple(matcher.ambiguous.values())
    summary = PlanSummary(
        films=len(matcher.created),
        viewings=len(viewings),
        reflections=sum(1 for viewing in viewings if viewing.reflection),
        tags=len(new_tags),
        already_imported=already,
        ambiguous=len(ambiguous),
        waiting_on_ambiguous=sum(len(match.waiting_uris) for match in ambiguous),
        ratings_without_date=ratings_without_date,
        undated_reviews_left_out=left_out,
        watchlist=export.watchlist,
        liked_films=export.liked_films,
        lists=export.lists,
    )
    return ImportPlan(
        films_to_create=tuple(matcher.created.values()),
        viewings_to_add=tuple(viewings),
        new_tags=new_tags,
        ambiguous=ambiguous,
        summary=summary,
    )


def _viewing(target: int | NewFilm, entry: DiaryEntry) -> NewViewing:
    return NewViewing(
        film=target,
        entry_uri=entry.entry_uri,
        watched_on=entry.watched_on,
        rating=entry.rating,
        rewatch=entry.rewatch,
        tags=entry.tags,
        reflection=entry.review,
    )


def _new_tags(viewings: Iterable[NewViewing], journal_tags: Iterable[str]) -> tuple[str, ...]:
    """The tag names the viewings use that the journal lacks (compared case-insensitively)."""
    seen = {normalise_title(tag) for tag in journal_tags}
    new: list[str] = []
    for viewing in viewings:
        for tag in viewing.tags:
            if normalise_title(tag) not in seen:
                seen.add(normalise_title(tag))
                new.append(tag)
    return tuple(new)
