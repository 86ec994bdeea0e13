"""Motif threads: every entry tagged with a motif, across films and viewings, in one order.

A thread is read like a letter written over years: the same mended cup in three films, the
same held silence on a first watch and a rewatch. It is built from plain rows (the store reads
them; nothing here touches the database), so it can be tested and timed on its own.

Two orders: by when you watched (then the position in the film), or by the film's year (then
title, when watched, then position); films without a year come after those with one. Two
viewings on one day follow their ids (the order they were recorded in); ties end at the entry
id, so the same rows always give the same thread.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class ThreadOrder(StrEnum):
    """How a thread is ordered."""

    WATCHED = "watched"
    FILM_YEAR = "film_year"


@dataclass(frozen=True, slots=True)
class ThreadRow:
    """One entry as a thread shows it: where it is, what it says, and its motifs."""

    entry_id: int
    viewing_id: int
    film_title: str
    film_year: int | None
    watched_on: date
    position_ms: int
    kind: str
    text: str
    intensity: int | None
    motifs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ThreadSection:
    """A run of consecutive thread entries from one viewing (a heading in the reader)."""

    film_title: str
    film_year: int | None
    watched_on: date
    viewing_id: int
    entries: tuple[ThreadRow, ...]


@dataclass(frozen=True, slots=True)
class Thread:
    """The entries of one motif (or where two meet), ordered, with a few counts."""

    motifs: tuple[str, ...]
    order: ThreadOrder
    entries: tuple[ThreadRow, ...]

    @property
    def film_count(self) -> int:
        """How many films the thread runs through (by title and year)."""
        return len({(row.film_title, row.film_year) for row in self.entries})

    @property
    def viewing_count(self) -> int:
        """How many viewings the thread runs through."""
        return len({row.viewing_id for row in self.entries})

    @property
    def first_watched(self) -> date | None:
        """The earliest viewing date in the thread, or None when empty."""
        return min((row.watched_on for row in self.entries), default=None)

    @property
    def last_watched(self) -> date | None:
        """The latest viewing date in the thread, or None when empty."""
        return max((row.watched_on for row in self.entries), default=None)

    def index_of(self, entry_id: int) -> int | None:
        """Where an entry sits in the thread (to keep the cursor after a refresh), or None."""
        for index, row in enumerate(self.entries):
            if row.entry_id == entry_id:
                return index
        return None

    def sections(self) -> tuple[ThreadSection, ...]:
        """The entries grouped into consecutive runs from the same viewing."""
        sections: list[ThreadSection] = []
        run: list[ThreadRow] = []
        for row in self.entries:
            if run and run[-1].viewing_id != row.viewing_id:
                sections.append(_section(run))
                run = []
            run.append(row)
        if run:
            sections.append(_section(run))
        return tuple(sections)


def _section(run: list[ThreadRow]) -> ThreadSection:
    first = run[0]
    return ThreadSection(
        first.film_title, first.film_year, first.watched_on, first.viewing_id, tuple(run)
    )


def motif_key(name: str) -> str:
    """A motif name's identity: case-insensitive, Unicode-aware, surrounding spaces ignored."""
    return unicodedata.normalize("NFC", " ".join(name.split()).casefold())


def _has_all(row: ThreadRow, keys: frozenset[str]) -> bool:
    found = {motif_key(name) for name in row.motifs}
    return keys <= found


def _watched_key(row: ThreadRow) -> tuple[date, int, int, int]:
    # Within one day, viewings follow the order they were recorded in.
    return (row.watched_on, row.viewing_id, row.position_ms, row.entry_id)


def _year_key(row: ThreadRow) -> tuple[bool, int, str, date, int, int, int]:
    return (
        row.film_year is None,
        row.film_year or 0,
        row.film_title.casefold(),
        row.watched_on,
        row.viewing_id,
        row.position_ms,
        row.entry_id,
    )


def sort_rows(rows: Iterable[ThreadRow], order: ThreadOrder) -> tuple[ThreadRow, ...]:
    """Rows in a thread's order."""
    if order is ThreadOrder.FILM_YEAR:
        return tuple(sorted(rows, key=_year_key))
    return tuple(sorted(rows, key=_watched_key))


def build_thread(
    rows: Iterable[ThreadRow], motif: str, order: ThreadOrder = ThreadOrder.WATCHED
) -> Thread:
    """The thread of one motif: every row tagged with it (in any spelling of case), ordered.

    Rows not tagged with the motif are left out, so the caller may pass all entries or only
    the motif's own (faster: the store can ask the database for just those).
    """
    keys = frozenset({motif_key(motif)})
    chosen = [row for row in rows if _has_all(row, keys)]
    return Thread((motif,), order, sort_rows(chosen, order))


def where_they_meet(
    rows: Iterable[ThreadRow],
    motif_a: str,
    motif_b: str,
    order: ThreadOrder = ThreadOrder.WATCHED,
) -> Thread:
    """The entries tagged with both motifs, in a thread's order.

    The same motif twice gives that motif's whole thread.
    """
    keys = frozenset({motif_key(motif_a), motif_key(motif_b)})
    chosen = [row for row in rows if _has_all(row, keys)]
    return Thread((motif_a, motif_b), order, sort_rows(chosen, order))
