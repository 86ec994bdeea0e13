"""A realistic export, read and planned as the app would, then written back for Letterboxd."""

from __future__ import annotations

from datetime import date
from itertools import count
from pathlib import Path

from journal.letterboxd.plan import JournalFilm, NewFilm, plan_import
from journal.letterboxd.reading import read_export
from journal.letterboxd.writing import ViewingRow, letterboxd_csv_text
from tests.journal.letterboxd.exports import (
    DIARY_COLUMNS,
    REVIEW_COLUMNS,
    csv_text,
    diary_row,
    make_zip,
    review_row,
)

SIMPLE = ("Date", "Name", "Year", "Letterboxd URI")


def realistic_export(path: Path) -> Path:
    diary = csv_text(
        DIARY_COLUMNS,
        [
            diary_row("Tokyo Story", "1953", "https://boxd.it/e1", "2019-01-05", "4", "", "ozu"),
            diary_row(
                "Tokyo Story",
                "1953",
                "https://boxd.it/e2",
                "2021-06-12",
                "4.5",
                "Yes",
                "ozu, family",
            ),
            diary_row(
                "Tokyo Story",
                "1953",
                "https://boxd.it/e3",
                "2024-03-18",
                "5",
                "Yes",
                "ozu, slow cinema",
            ),
            diary_row("Solaris", "1972", "https://boxd.it/e4", "2020-01-01", "3.5"),
            diary_row("Solaris", "2002", "https://boxd.it/e5", "2020-02-01", "2.5"),
            diary_row("Home Movie", "", "https://boxd.it/e6", "2020-08-09"),
        ],
        bom=True,
    )
    reviews = csv_text(
        REVIEW_COLUMNS,
        [
            review_row(
                "Tokyo Story",
                "1953",
                "https://boxd.it/e3",
                "2024-03-18",
                "<p>The clock, the fan,\r\nthe sea.</p><p>“Isn’t life disappointing?” &mdash; <i>yes</i>.</p>",
                "5",
            )
        ],
        bom=True,
    )
    watched = csv_text(
        SIMPLE,
        [
            ["2019-01-05", "Tokyo Story", "1953", "https://boxd.it/f1"],
            ["2015-05-05", "Late Spring", "1949", "https://boxd.it/f2"],
        ],
        bom=True,
    )
    ratings = csv_text(
        (*SIMPLE, "Rating"), [["2016-01-01", "Late Spring", "1949", "https://boxd.it/f2", "4.5"]]
    )
    return make_zip(
        path,
        {
            "diary.csv": diary,
            "reviews.csv": reviews,
            "watched.csv": watched,
            "ratings.csv": ratings,
            "watchlist.csv": csv_text(
                SIMPLE, [["2024-01-01", "Yi Yi", "2000", "https://boxd.it/w1"]]
            ),
            "profile.csv": "Date Joined,Username,Given Name,Email Address\r\n2019-01-01,me,Me,me@example.org\r\n",
            "comments.csv": "Date,Content,Comment on\r\n",
            "likes/films.csv": csv_text(
                SIMPLE, [["2024-01-01", "Tokyo Story", "1953", "https://boxd.it/f1"]]
            ),
            "lists/quiet-dramas.csv": "Letterboxd list export v7\r\nDate,Name,Tags,URL,Description\r\n",
            "deleted/diary.csv": csv_text(
                DIARY_COLUMNS, [diary_row("Gone", "1999", "https://boxd.it/x", "2001-01-01")]
            ),
            "orphaned/diary.csv": 'not even csv "',
            "__MACOSX/._diary.csv": b"\x00\x05\x16\x07\x00\x02",
        },
    )


def test_a_realistic_export_previews_and_reimports_exactly(tmp_path: Path) -> None:
    export = read_export(realistic_export(tmp_path / "letterboxd-me-2026-12-01-15-40-utc.zip"))
    journal = [JournalFilm(1, "Solaris", 1972)]
    plan = plan_import(export, journal, set())
    summary = plan.summary
    assert (summary.films, summary.viewings, summary.reflections, summary.tags) == (4, 6, 1, 3)
    assert (summary.watchlist, summary.liked_films, summary.lists) == (1, 1, 1)
    assert (summary.ratings_without_date, summary.ambiguous) == (1, 0)
    tokyo = NewFilm("Tokyo Story", 1953, "https://boxd.it/f1")
    assert plan.films_to_create == (
        tokyo,
        NewFilm("Solaris", 2002),
        NewFilm("Home Movie", None),
        NewFilm("Late Spring", 1949, "https://boxd.it/f2"),
    )
    last = plan.viewings_to_add[2]
    assert (last.film, last.watched_on, last.rating, last.rewatch, last.tags) == (
        tokyo,
        date(2024, 3, 18),
        5.0,
        True,
        ("ozu", "slow cinema"),
    )
    assert last.reflection == "The clock, the fan, the sea.\n\n“Isn’t life disappointing?” — yes."

    ids = count(2)
    journal += [JournalFilm(next(ids), film.title, film.year) for film in plan.films_to_create]
    uris = {viewing.entry_uri for viewing in plan.viewings_to_add}
    again = plan_import(export, journal, uris, journal_tags=plan.new_tags)
    assert not again.summary.adds_anything and again.summary.already_imported == 6

    rows = [
        ViewingRow(
            title=viewing.film.title if isinstance(viewing.film, NewFilm) else "Solaris",
            year=viewing.film.year if isinstance(viewing.film, NewFilm) else 1972,
            director="",
            watched_on=viewing.watched_on,
            rating=viewing.rating,
            rewatch=viewing.rewatch,
            tags=viewing.tags,
            reflection=viewing.reflection,
        )
        for viewing in plan.viewings_to_add
    ]
    text = letterboxd_csv_text(rows)
    assert text.count("\r\n") == 7
    assert 'Tokyo Story,1953,,2024-03-18,5.0,true,"ozu, slow cinema"' in text
