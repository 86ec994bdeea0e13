"""Planning an import: matching films by title and year, keying viewings by diary URI."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import count

from journal.letterboxd.model import DiaryEntry, LetterboxdExport, UndatedReview, WatchedFilm
from journal.letterboxd.plan import (
    ImportPlan,
    JournalFilm,
    NewFilm,
    film_key,
    normalise_title,
    plan_import,
)


def entry(
    uri: str,
    title: str,
    year: int | None,
    watched: str,
    *,
    rating: float | None = None,
    rewatch: bool = False,
    tags: tuple[str, ...] = (),
    review: str = "",
) -> DiaryEntry:
    return DiaryEntry(uri, title, year, date.fromisoformat(watched), rating, rewatch, tags, review)


def apply(plan: ImportPlan, films: list[JournalFilm], uris: set[str], ids: count[int]) -> None:
    """Do what the store would: create the new films, remember the imported URIs."""
    for new in plan.films_to_create:
        films.append(JournalFilm(next(ids), new.title, new.year))
    uris.update(viewing.entry_uri for viewing in plan.viewings_to_add)


def test_titles_compare_after_nfc_case_and_whitespace() -> None:
    decomposed = "Ame\u0301lie"
    assert normalise_title(f"  {decomposed}\t ") == normalise_title("AMÉLIE")
    assert film_key("The  Mirror", 1975) == film_key("the mirror", 1975)
    assert film_key("The Mirror", 1975) != film_key("The Mirror", None)


def test_the_same_film_logged_three_times_is_one_film_and_three_viewings() -> None:
    export = LetterboxdExport(
        diary=(
            entry("u1", "Tokyo Story", 1953, "2019-01-01", rating=4.0),
            entry("u2", "Tokyo Story", 1953, "2021-06-01", rating=4.5, rewatch=True),
            entry(
                "u3", "tokyo  story", 1953, "2024-03-18", rating=5.0, rewatch=True, review="Still."
            ),
        )
    )
    plan = plan_import(export, [], set())
    film = NewFilm("Tokyo Story", 1953)
    assert plan.films_to_create == (film,)
    assert [(v.film, v.entry_uri, v.rating, v.rewatch) for v in plan.viewings_to_add] == [
        (film, "u1", 4.0, False),
        (film, "u2", 4.5, True),
        (film, "u3", 5.0, True),
    ]
    assert (plan.summary.films, plan.summary.viewings, plan.summary.reflections) == (1, 3, 1)


def test_the_same_title_in_different_years_is_two_films() -> None:
    export = LetterboxdExport(
        diary=(
            entry("u1", "Solaris", 1972, "2020-01-01"),
            entry("u2", "Solaris", 2002, "2020-02-01"),
        )
    )
    journal = [JournalFilm(7, "Solaris", 1972)]
    plan = plan_import(export, journal, set())
    assert plan.films_to_create == (NewFilm("Solaris", 2002),)
    assert [viewing.film for viewing in plan.viewings_to_add] == [7, NewFilm("Solaris", 2002)]


def test_an_empty_year_matches_only_an_empty_year() -> None:
    export = LetterboxdExport(diary=(entry("u1", "Home Movie", None, "2020-01-01"),))
    assert (
        plan_import(export, [JournalFilm(1, "Home Movie", None)], set()).viewings_to_add[0].film
        == 1
    )
    plan = plan_import(export, [JournalFilm(1, "Home Movie", 1999)], set())
    assert plan.films_to_create == (NewFilm("Home Movie", None),)


def test_two_journal_films_with_the_same_title_and_year_are_asked_about_never_guessed() -> None:
    export = LetterboxdExport(
        diary=(
            entry("u1", "Hamlet", 1948, "2020-01-01"),
            entry("u2", "Hamlet", 1948, "2021-01-01"),
            entry("u3", "Aftersun", 2022, "2023-01-01"),
        )
    )
    journal = [JournalFilm(3, "Hamlet", 1948), JournalFilm(9, "HAMLET", 1948)]
    plan = plan_import(export, journal, set())
    assert [viewing.entry_uri for viewing in plan.viewings_to_add] == ["u3"]
    (match,) = plan.ambiguous
    assert (match.title, match.year, match.candidate_ids, match.waiting_uris) == (
        "Hamlet",
        1948,
        (3, 9),
        ("u1", "u2"),
    )
    assert (plan.summary.ambiguous, plan.summary.waiting_on_ambiguous) == (1, 2)
    assert plan.films_to_create == (NewFilm("Aftersun", 2022),)

    chosen = plan_import(export, journal, set(), choices={match.key: 9})
    assert chosen.ambiguous == ()
    assert [(viewing.film, viewing.entry_uri) for viewing in chosen.viewings_to_add] == [
        (9, "u1"),
        (9, "u2"),
        (NewFilm("Aftersun", 2022), "u3"),
    ]
    # A choice that is not one of the candidates is not taken.
    assert plan_import(export, journal, set(), choices={match.key: 4}).ambiguous == plan.ambiguous


def test_known_uris_are_skipped_so_a_newer_export_adds_only_whats_new() -> None:
    older = LetterboxdExport(diary=(entry("u1", "Aftersun", 2022, "2023-01-01"),))
    newer = LetterboxdExport(
        diary=(
            *older.diary,
            entry("u2", "Aftersun", 2022, "2024-01-01", rewatch=True, tags=("sea",)),
        )
    )
    films: list[JournalFilm] = []
    uris: set[str] = set()
    ids = count(1)
    apply(plan_import(older, films, uris), films, uris, ids)
    plan = plan_import(newer, films, uris)
    assert plan.films_to_create == ()
    assert [(viewing.film, viewing.entry_uri) for viewing in plan.viewings_to_add] == [(1, "u2")]
    assert (plan.summary.already_imported, plan.summary.viewings, plan.summary.tags) == (1, 1, 1)


def test_importing_the_plans_uris_then_planning_again_adds_nothing() -> None:
    export = LetterboxdExport(
        diary=(
            entry("u1", "Tokyo Story", 1953, "2019-01-01", tags=("ozu", "family")),
            entry("u2", "Tokyo Story", 1953, "2024-03-18", rewatch=True, review="Again."),
            entry("u3", "Solaris", 1972, "2020-01-01"),
            entry("u4", "Solaris", 2002, "2020-02-01"),
            entry("u5", "Home Movie", None, "2020-03-01"),
        ),
        watched=(WatchedFilm("Late Spring", 1949, "https://boxd.it/f2", 4.5),),
        undated_reviews=(UndatedReview("r1", "Yi Yi", 2000, "Undated."),),
        watchlist=4,
    )
    films = [JournalFilm(100, "Solaris", 1972)]
    uris: set[str] = set()
    ids = count(1)
    first = plan_import(export, films, uris)
    assert first.summary.films == 5 and first.summary.viewings == 5
    apply(first, films, uris, ids)
    again = plan_import(export, films, uris, journal_tags=["OZU", "family"])
    assert again.films_to_create == () and again.viewings_to_add == () and again.new_tags == ()
    assert not again.summary.adds_anything
    assert again.summary.already_imported == 5
    assert again.summary.watchlist == 4


def test_films_watched_without_a_diary_entry_are_added_without_a_viewing() -> None:
    export = LetterboxdExport(
        diary=(entry("u1", "Late Spring", 1949, "2020-01-01"),),
        watched=(
            WatchedFilm("Late Spring", 1949, "https://boxd.it/f2", 4.5),
            WatchedFilm("Floating Weeds", 1959, "https://boxd.it/f1"),
            WatchedFilm("Early Summer", 1951, "https://boxd.it/f3", 4.0),
            WatchedFilm("Aftersun", 2022, "https://boxd.it/f4", 3.5),
        ),
    )
    plan = plan_import(export, [JournalFilm(5, "Aftersun", 2022)], set())
    assert plan.films_to_create == (
        NewFilm("Late Spring", 1949, "https://boxd.it/f2"),
        NewFilm("Floating Weeds", 1959, "https://boxd.it/f1"),
        NewFilm("Early Summer", 1951, "https://boxd.it/f3"),
    )
    assert [viewing.entry_uri for viewing in plan.viewings_to_add] == ["u1"]
    # Early Summer's and Aftersun's ratings have no watch date: counted, not imported.
    assert plan.summary.ratings_without_date == 2


def test_an_undated_review_becomes_a_new_films_notes_and_is_otherwise_left_out() -> None:
    export = LetterboxdExport(
        diary=(entry("u1", "Yi Yi", 2000, "2020-01-01"),),
        undated_reviews=(
            UndatedReview("r1", "Yi Yi", 2000, "A family, three generations."),
            UndatedReview("r2", "Aftersun", 2022, "Kept on Letterboxd only."),
        ),
    )
    plan = plan_import(export, [JournalFilm(5, "Aftersun", 2022)], set())
    film = NewFilm("Yi Yi", 2000, notes="A family, three generations.")
    assert plan.films_to_create == (film,)
    assert plan.viewings_to_add[0].film == film
    assert plan.summary.undated_reviews_left_out == 1


def test_tags_counted_once_and_only_when_new_to_the_journal() -> None:
    export = LetterboxdExport(
        diary=(
            entry("u1", "A", 2000, "2020-01-01", tags=("slow cinema", "letters")),
            entry("u2", "B", 2001, "2020-01-02", tags=("Slow  Cinema", "repair")),
        )
    )
    plan = plan_import(export, [], set(), journal_tags=["LETTERS"])
    assert plan.new_tags == ("slow cinema", "repair")
    assert plan.summary.tags == 2
    assert plan.viewings_to_add[1].tags == ("Slow  Cinema", "repair")


def test_planning_changes_nothing_it_was_given() -> None:
    export = LetterboxdExport(diary=(entry("u1", "A", 2000, "2020-01-01"),))
    films = [JournalFilm(1, "B", 1999)]
    uris = {"old"}
    plan_import(export, films, uris)
    assert films == [JournalFilm(1, "B", 1999)] and uris == {"old"}
    assert replace(export) == export


def test_a_film_already_in_the_journal_twice_with_nothing_to_add_is_not_asked_about() -> None:
    export = LetterboxdExport(
        watched=(WatchedFilm("Hamlet", 1948, rating=4.0),),
        undated_reviews=(UndatedReview("r1", "Hamlet", 1948, "Words."),),
    )
    journal = [JournalFilm(3, "Hamlet", 1948), JournalFilm(9, "Hamlet", 1948)]
    plan = plan_import(export, journal, set())
    assert plan.ambiguous == () and plan.films_to_create == ()
    assert (plan.summary.ratings_without_date, plan.summary.undated_reviews_left_out) == (1, 1)
