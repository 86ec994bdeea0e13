"""A Letterboxd export imported into a real journal: exact, one transaction, idempotent."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from journal.errors import ConflictError
from journal.letterboxd.model import LetterboxdError
from journal.letterboxd.reading import read_export
from journal.letterboxd.store import AppliedImport
from journal.store import Store
from tests.journal.letterboxd.exports import DIARY_COLUMNS, csv_text, diary_row, make_zip
from tests.journal.letterboxd.test_end_to_end import realistic_export


def _rows(store: Store) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(store.path)
    try:
        return [
            *connection.execute("SELECT * FROM film ORDER BY id"),
            *connection.execute("SELECT * FROM viewing ORDER BY id"),
            *connection.execute("SELECT * FROM tag ORDER BY id"),
            *connection.execute("SELECT * FROM viewing_tag ORDER BY viewing_id, tag_id"),
        ]
    finally:
        connection.close()


def test_a_realistic_export_is_imported_exactly_and_only_once(store: Store, tmp_path: Path) -> None:
    solaris = store.create_film("Solaris", year=1972, director="Tarkovsky")
    mine = store.create_viewing(solaris.id, date(2019, 5, 1), reflection="my own words")
    store.create_entry(mine.id, 60_000, "pause", "the rain on the house")
    export = read_export(realistic_export(tmp_path / "export.zip"))

    plan = store.plan_letterboxd_import(export)
    summary = plan.summary
    assert (summary.films, summary.viewings, summary.reflections, summary.tags) == (4, 6, 1, 3)

    applied = store.apply_letterboxd_plan(plan)
    assert (applied.films, applied.viewings, applied.reflections, applied.tags) == (4, 6, 1, 3)
    films = {(film.title, film.year): film for film in store.list_films()}
    assert sorted(films) == sorted(
        [
            ("Solaris", 1972),
            ("Tokyo Story", 1953),
            ("Solaris", 2002),
            ("Home Movie", None),
            ("Late Spring", 1949),
        ]
    )
    tokyo = store.list_viewings(films["Tokyo Story", 1953].id)
    assert [(v.watched_on, v.rating, v.rewatch, v.tags) for v in tokyo] == [
        (date(2019, 1, 5), 4.0, False, ("ozu",)),
        (date(2021, 6, 12), 4.5, True, ("family", "ozu")),
        (date(2024, 3, 18), 5.0, True, ("ozu", "slow cinema")),
    ]
    assert tokyo[2].letterboxd_uri == "https://boxd.it/e3"
    assert tokyo[2].reflection.startswith("The clock, the fan, the sea.\n\n")
    assert films["Late Spring", 1949].letterboxd_uri == "https://boxd.it/f2"
    assert store.list_viewings(films["Late Spring", 1949].id) == []
    # The viewing written in the journal is untouched; the export's one is added beside it.
    (own, imported) = store.list_viewings(solaris.id)
    assert (own.reflection, own.letterboxd_uri, own.entry_count) == ("my own words", None, 1)
    assert (imported.rating, imported.letterboxd_uri) == (3.5, "https://boxd.it/e4")
    assert store.tag_names() == ["family", "ozu", "slow cinema"]

    before = _rows(store)
    again = store.plan_letterboxd_import(read_export(tmp_path / "export.zip"))
    assert not again.summary.adds_anything and again.summary.already_imported == 6
    assert store.apply_letterboxd_plan(again).viewings == 0
    # Applying the first plan a second time adds nothing either: URIs and films are checked
    # again inside the transaction.
    assert store.apply_letterboxd_plan(plan) == AppliedImport(skipped=6)
    assert _rows(store) == before


def test_a_newer_export_adds_only_what_is_new(store: Store, tmp_path: Path) -> None:
    first = [diary_row("Tokyo Story", "1953", "https://boxd.it/a", "2020-01-01", "4", "", "ozu")]
    newer = [
        *first,
        diary_row("Tokyo Story", "1953", "https://boxd.it/b", "2024-01-01", "5", "Yes"),
    ]
    store.apply_letterboxd_plan(
        store.plan_letterboxd_import(
            read_export(make_zip(tmp_path / "1.zip", {"diary.csv": csv_text(DIARY_COLUMNS, first)}))
        )
    )
    (film,) = store.list_films()
    store.set_viewing_tags(store.list_viewings(film.id)[0].id, ["Ozu", "favourite"])
    plan = store.plan_letterboxd_import(
        read_export(make_zip(tmp_path / "2.zip", {"diary.csv": csv_text(DIARY_COLUMNS, newer)}))
    )
    assert (plan.summary.films, plan.summary.viewings, plan.summary.already_imported) == (0, 1, 1)
    store.apply_letterboxd_plan(plan)
    viewings = store.list_viewings(film.id)
    assert [(v.rating, v.rewatch, v.tags) for v in viewings] == [
        (4.0, False, ("favourite", "ozu")),  # the tag edited in the journal stays as edited
        (5.0, True, ()),
    ]


def test_a_value_the_journal_cannot_hold_refuses_the_whole_import(
    store: Store, tmp_path: Path
) -> None:
    rows = [
        diary_row("Tokyo Story", "1953", "https://boxd.it/a", "2020-01-01", "4"),
        diary_row("Roundhay Garden Scene", "1850", "https://boxd.it/b", "2020-01-02"),
    ]
    export = read_export(make_zip(tmp_path / "e.zip", {"diary.csv": csv_text(DIARY_COLUMNS, rows)}))
    plan = store.plan_letterboxd_import(export)
    before = _rows(store)
    with pytest.raises(LetterboxdError) as caught:
        store.apply_letterboxd_plan(plan)
    message = str(caught.value)
    assert "“Roundhay Garden Scene” (1850)" in message
    assert "1850 is outside 1870–2100" in message and "nothing was imported" in message
    assert _rows(store) == before == []


def test_ambiguous_films_wait_for_a_choice(store: Store, tmp_path: Path) -> None:
    one = store.create_film("Solaris", year=1972)
    two = store.create_film("Solaris", year=1972, notes="the other copy")
    rows = [diary_row("Solaris", "1972", "https://boxd.it/s", "2020-01-01", "3.5")]
    export = read_export(make_zip(tmp_path / "e.zip", {"diary.csv": csv_text(DIARY_COLUMNS, rows)}))
    plan = store.plan_letterboxd_import(export)
    (match,) = plan.ambiguous
    assert match.candidate_ids == (one.id, two.id) and plan.summary.viewings == 0
    chosen = store.plan_letterboxd_import(export, {match.key: two.id})
    store.apply_letterboxd_plan(chosen)
    assert store.list_viewings(one.id) == []
    assert [v.rating for v in store.list_viewings(two.id)] == [3.5]


def test_a_film_deleted_after_planning_refuses_the_import(store: Store, tmp_path: Path) -> None:
    film = store.create_film("Solaris", year=1972)
    rows = [diary_row("Solaris", "1972", "https://boxd.it/s", "2020-01-01")]
    export = read_export(make_zip(tmp_path / "e.zip", {"diary.csv": csv_text(DIARY_COLUMNS, rows)}))
    plan = store.plan_letterboxd_import(export)
    store.delete_film(film.id)
    with pytest.raises(ConflictError, match="start the import again"):
        store.apply_letterboxd_plan(plan)
    assert store.list_films() == []


def test_viewing_tags_are_set_read_and_unique_ignoring_case(store: Store) -> None:
    film = store.create_film("Late Spring", year=1949)
    first = store.create_viewing(film.id, date(2024, 1, 1))
    second = store.create_viewing(film.id, date(2024, 2, 1))
    assert store.set_viewing_tags(first.id, ["Ozu", " slow   cinema ", "ozu"]).tags == (
        "Ozu",
        "slow cinema",
    )
    assert store.set_viewing_tags(second.id, ["OZU"]).tags == ("Ozu",)  # the existing tag
    assert store.tag_names() == ["Ozu", "slow cinema"]
    assert store.set_viewing_tags(first.id, []).tags == ()
    store.delete_viewing(second.id)  # the links go with it (cascade); the tag name stays
    assert store.tag_names() == ["Ozu", "slow cinema"]


def test_letterboxd_rows_list_every_viewing_with_its_film(store: Store) -> None:
    film = store.create_film("Tokyo Story", year=1953, director="Yasujirō Ozu")
    viewing = store.create_viewing(
        film.id, date(2024, 3, 18), rating=4.5, rewatch=True, reflection="The clock."
    )
    store.set_viewing_tags(viewing.id, ["ozu", "family"])
    (row,) = store.letterboxd_rows()
    assert (row.title, row.year, row.director, row.watched_on, row.rating, row.rewatch) == (
        "Tokyo Story",
        1953,
        "Yasujirō Ozu",
        date(2024, 3, 18),
        4.5,
        True,
    )
    assert (row.tags, row.reflection) == (("family", "ozu"), "The clock.")
