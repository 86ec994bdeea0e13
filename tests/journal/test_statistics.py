"""Statistics against a small journal counted by hand (the counts are in the comments)."""

from __future__ import annotations

from datetime import date

import pytest

from journal.statistics import (
    EntryRow,
    FilmIntensity,
    FilmRow,
    KindCount,
    MonthCount,
    MotifUse,
    RewatchSummary,
    Statistics,
    ViewingRow,
    compute_statistics,
)

FILMS = [
    FilmRow(1, "Letters Home", 2003),
    FilmRow(2, "The Mended Cup", 2019),
    FilmRow(3, "Quiet Harbour", None),
    FilmRow(4, "Never Watched", 1999),
]
VIEWINGS = [
    ViewingRow(10, 1, date(2024, 1, 5), rewatch=False),
    ViewingRow(11, 2, date(2024, 1, 20), rewatch=False),
    ViewingRow(12, 1, date(2024, 1, 28), rewatch=True),
    ViewingRow(13, 3, date(2024, 3, 2), rewatch=False),
    ViewingRow(14, 2, date(2025, 2, 14), rewatch=True),
    ViewingRow(15, 999, date(2024, 2, 1), rewatch=True),  # its film is unknown: left out
]
ENTRIES = [
    EntryRow(100, 10, "pause", 4, ("letter",)),
    EntryRow(101, 10, "dialogue", None, ("Letter", "rain")),
    EntryRow(102, 11, "motif", 5, ("cup",)),
    EntryRow(103, 11, "pause", 2),
    EntryRow(104, 12, "reaction", 3, ("letter",)),
    EntryRow(105, 13, "scene", None, ("rain",)),
    EntryRow(106, 14, "motif", 1, ("cup", "LETTER")),
    EntryRow(107, 14, "pause", None),
    EntryRow(108, 999, "note", 5, ("letter",)),  # its viewing is unknown: left out
]


@pytest.fixture
def stats() -> Statistics:
    return compute_statistics(FILMS, VIEWINGS, ENTRIES)


def test_totals(stats: Statistics) -> None:
    assert (stats.films, stats.viewings, stats.entries) == (4, 5, 8)


def test_films_and_viewings_per_month_with_empty_months(stats: Statistics) -> None:
    # January 2024: viewings 10, 11, 12 of films 1, 2, 1 -> 3 viewings, 2 films.
    # March 2024: viewing 13. February 2025: viewing 14. Every month between is there, empty.
    quiet = [MonthCount(2024, month, 0, 0) for month in range(4, 13)] + [MonthCount(2025, 1, 0, 0)]
    assert stats.months == (
        MonthCount(2024, 1, 3, 2),
        MonthCount(2024, 2, 0, 0),
        MonthCount(2024, 3, 1, 1),
        *quiet,
        MonthCount(2025, 2, 1, 1),
    )
    assert len(stats.months) == 14


def test_motifs_returned_to_most(stats: Statistics) -> None:
    # letter: entries 100, 101, 104, 106 (4) in films 1 and 2, watched 2024 and 2025.
    # rain: 101, 105 (2) in films 1 and 3, 2024. cup: 102, 106 (2) in film 2 only, 2024-2025.
    assert stats.motifs == (
        MotifUse("letter", 4, 2, 2024, 2025),
        MotifUse("rain", 2, 2, 2024, 2024),
        MotifUse("cup", 2, 1, 2024, 2025),
    )


def test_kinds_of_entries(stats: Statistics) -> None:
    # pause: 100, 103, 107; motif: 102, 106; one each of dialogue, reaction, scene; no notes.
    assert stats.kinds == (
        KindCount("pause", 3),
        KindCount("motif", 2),
        KindCount("dialogue", 1),
        KindCount("reaction", 1),
        KindCount("scene", 1),
        KindCount("note", 0),
    )


def test_rewatches(stats: Statistics) -> None:
    # Viewings 12 (film 1) and 14 (film 2) of 5.
    assert stats.rewatches == RewatchSummary(viewings=5, rewatches=2, films_rewatched=2)
    assert stats.rewatches.share == pytest.approx(0.4)


def test_average_intensity_by_film(stats: Statistics) -> None:
    # Film 1: 4 and 3 -> 3.5. Film 2: 5, 2, 1 -> 8/3. Film 3 has no intensities: left out.
    first, second = stats.intensity
    assert first == FilmIntensity(1, "Letters Home", 2003, 3.5, 2)
    assert (second.film_id, second.title, second.year, second.entries) == (
        2,
        "The Mended Cup",
        2019,
        3,
    )
    assert second.average == pytest.approx(8 / 3)


def test_an_empty_journal() -> None:
    empty = compute_statistics([], [], [])
    assert empty.months == () and empty.motifs == () and empty.intensity == ()
    assert [k.count for k in empty.kinds] == [0] * 6
    assert empty.rewatches.share == 0.0


def test_a_month_across_the_new_year_and_ties_by_name() -> None:
    films = [FilmRow(1, "b", None), FilmRow(2, "A", None)]
    viewings = [
        ViewingRow(1, 1, date(2023, 12, 31), False),
        ViewingRow(2, 2, date(2024, 1, 1), False),
    ]
    entries = [EntryRow(1, 1, "note", 3, ("Zed",)), EntryRow(2, 2, "note", 3, ("alpha",))]
    stats = compute_statistics(films, viewings, entries)
    assert stats.months == (MonthCount(2023, 12, 1, 1), MonthCount(2024, 1, 1, 1))
    assert [m.name for m in stats.motifs] == ["alpha", "Zed"]
    assert [f.title for f in stats.intensity] == ["A", "b"]
