"""Reading a Letterboxd export's CSV files exactly: by header name, half stars, reviews, tags."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from journal.letterboxd.model import DiaryEntry, LetterboxdError, WatchedFilm
from journal.letterboxd.reading import parse_rating, read_export, split_tags
from tests.journal.letterboxd.exports import (
    DIARY_COLUMNS,
    REVIEW_COLUMNS,
    csv_text,
    diary_row,
    make_folder,
    make_zip,
    review_row,
)


def test_a_diary_row_becomes_one_exact_entry(tmp_path: Path) -> None:
    diary = csv_text(
        DIARY_COLUMNS,
        [
            diary_row("Tokyo Story", "1953", "https://boxd.it/a1", "2024-03-18", "3.5", "", "ozu"),
            diary_row(
                "Tokyo Story",
                "1953",
                "https://boxd.it/a2",
                "2025-01-02",
                "4",
                "Yes",
                "ozu, slow cinema ,  family",
            ),
        ],
        bom=True,
    )
    export = read_export(make_zip(tmp_path / "e.zip", {"diary.csv": diary}))
    assert export.diary == (
        DiaryEntry(
            "https://boxd.it/a1", "Tokyo Story", 1953, date(2024, 3, 18), 3.5, False, ("ozu",)
        ),
        DiaryEntry(
            "https://boxd.it/a2",
            "Tokyo Story",
            1953,
            date(2025, 1, 2),
            4.0,
            True,
            ("ozu", "slow cinema", "family"),
        ),
    )


def test_a_byte_order_mark_does_not_hide_the_first_column(tmp_path: Path) -> None:
    # With the BOM read as text, the first header would be "\ufeffName" and Name "missing".
    columns = ("Name", "Year", "Letterboxd URI", "Watched Date")
    diary = csv_text(columns, [["Aftersun", "2022", "https://boxd.it/b1", "2023-02-01"]], bom=True)
    export = read_export(make_zip(tmp_path / "e.zip", {"diary.csv": diary}))
    assert export.diary[0].title == "Aftersun"


def test_columns_are_read_by_name_in_any_order(tmp_path: Path) -> None:
    columns = (
        "Watched Date",
        "Tags",
        "Rating",
        "Letterboxd URI",
        "Rewatch",
        "Year",
        "Name",
        "Date",
        "Extra",
    )
    row = [
        "2024-05-06",
        "repair",
        "2.5",
        "https://boxd.it/c1",
        "Yes",
        "2021",
        "Drive My Car",
        "2024-05-07",
        "?",
    ]
    export = read_export(make_zip(tmp_path / "e.zip", {"diary.csv": csv_text(columns, [row])}))
    assert export.diary == (
        DiaryEntry(
            "https://boxd.it/c1", "Drive My Car", 2021, date(2024, 5, 6), 2.5, True, ("repair",)
        ),
    )


def test_a_missing_required_column_names_the_file_and_column(tmp_path: Path) -> None:
    columns = ("Date", "Name", "Year", "Letterboxd URI", "Rating")
    diary = csv_text(columns, [["2024-01-01", "Aftersun", "2022", "https://boxd.it/b1", "4"]])
    with pytest.raises(LetterboxdError, match=r"diary\.csv has no “Watched Date” column"):
        read_export(make_zip(tmp_path / "e.zip", {"diary.csv": diary}))


@pytest.mark.parametrize(
    ("cell", "stars"),
    [("0.5", 0.5), ("1", 1.0), ("3.5", 3.5), ("4.0", 4.0), ("5", 5.0), (" 2.5 ", 2.5), ("", None)],
)
def test_ratings_stay_on_the_half_star_grid(cell: str, stars: float | None) -> None:
    assert parse_rating(cell) == stars


@pytest.mark.parametrize("cell", ["3.7", "0", "5.5", "-1", "four", "NaN", "Infinity", "3.50000001"])
def test_ratings_off_the_grid_are_refused(cell: str) -> None:
    with pytest.raises(ValueError, match="Rating"):
        parse_rating(cell)


def test_a_rating_of_3_7_is_refused_naming_the_row(tmp_path: Path) -> None:
    diary = csv_text(
        DIARY_COLUMNS,
        [
            diary_row("Aftersun", "2022", "https://boxd.it/b1", "2023-02-01", "4"),
            diary_row("Past Lives", "2023", "https://boxd.it/b2", "2023-07-01", "3.7"),
        ],
    )
    with pytest.raises(LetterboxdError) as refused:
        read_export(make_zip(tmp_path / "e.zip", {"diary.csv": diary}))
    message = str(refused.value)
    assert "diary.csv, row 3 (Past Lives, 2023)" in message
    assert "3.7" in message and "nothing was imported" in message


@pytest.mark.parametrize(
    ("column", "cell", "expected"),
    [
        ("Watched Date", "18/03/2024", "Watched Date “18/03/2024” is not a date"),
        ("Watched Date", "", "Watched Date is empty"),
        ("Year", "MCMLIII", "Year “MCMLIII” is not a year"),
        ("Rewatch", "Maybe", "Rewatch is “Maybe”"),
        ("Letterboxd URI", "", "Letterboxd URI is empty"),
    ],
)
def test_bad_cells_are_named(tmp_path: Path, column: str, cell: str, expected: str) -> None:
    row = dict(
        zip(
            DIARY_COLUMNS,
            diary_row("Aftersun", "2022", "https://boxd.it/b1", "2023-02-01"),
            strict=True,
        )
    )
    row[column] = cell
    diary = csv_text(DIARY_COLUMNS, [[row[name] for name in DIARY_COLUMNS]])
    with pytest.raises(LetterboxdError, match=expected):
        read_export(make_zip(tmp_path / "e.zip", {"diary.csv": diary}))


def test_an_empty_year_is_allowed(tmp_path: Path) -> None:
    diary = csv_text(
        DIARY_COLUMNS, [diary_row("Untitled home movie", "", "https://boxd.it/d1", "2020-08-09")]
    )
    export = read_export(make_zip(tmp_path / "e.zip", {"diary.csv": diary}))
    assert export.diary[0].year is None


def test_tags_are_split_trimmed_and_keep_inner_spaces() -> None:
    assert split_tags(" slow cinema,  repair ,letters,,Repair, a  b ") == (
        "slow cinema",
        "repair",
        "letters",
        "a b",
    )
    assert split_tags("") == ()


def test_a_review_becomes_the_entrys_plain_text_reflection(tmp_path: Path) -> None:
    diary = csv_text(
        DIARY_COLUMNS,
        [
            diary_row("Aftersun", "2022", "https://boxd.it/b1", "2023-02-01", "4.5"),
            diary_row("Past Lives", "2023", "https://boxd.it/b2", "2023-07-01"),
        ],
    )
    review_html = (
        '<p>The camcorder, rewound.<br/>She says “<i>I love you</i>”, he says, "me too".</p>'
        '<p><b>Second</b> paragraph &amp; a <a href="https://example.org/essay">link</a>.</p>'
    )
    review_raw = 'First line, with commas, and "quotes".\r\nStill the first paragraph.\r\n\r\nSecond paragraph.'
    reviews = csv_text(
        REVIEW_COLUMNS,
        [
            review_row("Aftersun", "2022", "https://boxd.it/b1", "2023-02-01", review_html, "4.5"),
            review_row("Past Lives", "2023", "https://boxd.it/b2", "2023-07-01", review_raw),
        ],
    )
    assert "\r\n\r\nSecond paragraph" in reviews  # CRLF inside a quoted cell
    export = read_export(make_zip(tmp_path / "e.zip", {"diary.csv": diary, "reviews.csv": reviews}))
    by_uri = {entry.entry_uri: entry for entry in export.diary}
    assert by_uri["https://boxd.it/b1"].review == (
        "The camcorder, rewound.\n"
        'She says “I love you”, he says, "me too".\n\n'
        "Second paragraph & a link (https://example.org/essay)."
    )
    assert by_uri["https://boxd.it/b2"].review == (
        'First line, with commas, and "quotes".\nStill the first paragraph.\n\nSecond paragraph.'
    )
    assert len(export.diary) == 2


def test_reviews_without_a_diary_row(tmp_path: Path) -> None:
    reviews = csv_text(
        REVIEW_COLUMNS,
        [
            review_row(
                "Close-Up", "1990", "https://boxd.it/r1", "2022-11-11", "Dated, no diary row.", "5"
            ),
            review_row("Yi Yi", "2000", "https://boxd.it/r2", "", "<p>Written without a date.</p>"),
        ],
    )
    export = read_export(
        make_zip(tmp_path / "e.zip", {"reviews.csv": reviews, "watched.csv": "Name,Year\r\n"})
    )
    assert [(entry.title, entry.rating, entry.review) for entry in export.diary] == [
        ("Close-Up", 5.0, "Dated, no diary row.")
    ]
    assert [(review.title, review.review) for review in export.undated_reviews] == [
        ("Yi Yi", "Written without a date.")
    ]


def test_only_watched_and_ratings_without_a_diary(tmp_path: Path) -> None:
    watched = csv_text(
        ("Date", "Name", "Year", "Letterboxd URI"),
        [
            ["2019-01-01", "Floating Weeds", "1959", "https://boxd.it/f1"],
            ["2019-01-01", "Late Spring", "1949", "https://boxd.it/f2"],
        ],
    )
    ratings = csv_text(
        ("Date", "Name", "Year", "Letterboxd URI", "Rating"),
        [["2019-02-02", "Late Spring", "1949", "https://boxd.it/f2", "4.5"]],
    )
    export = read_export(
        make_zip(tmp_path / "e.zip", {"watched.csv": watched, "ratings.csv": ratings})
    )
    assert export.diary == ()
    assert export.watched == (
        WatchedFilm("Floating Weeds", 1959, "https://boxd.it/f1"),
        WatchedFilm("Late Spring", 1949, "https://boxd.it/f2", 4.5),
    )


def test_a_deleted_diary_is_ignored(tmp_path: Path) -> None:
    kept = csv_text(
        DIARY_COLUMNS, [diary_row("Aftersun", "2022", "https://boxd.it/b1", "2023-02-01")]
    )
    deleted = csv_text(
        DIARY_COLUMNS, [diary_row("Deleted Film", "1999", "https://boxd.it/x1", "2001-01-01")]
    )
    export = read_export(
        make_zip(
            tmp_path / "e.zip",
            {"diary.csv": kept, "deleted/diary.csv": deleted, "orphaned/diary.csv": deleted},
        )
    )
    assert [entry.title for entry in export.diary] == ["Aftersun"]


def test_watchlist_likes_and_lists_are_counted(tmp_path: Path) -> None:
    simple = ("Date", "Name", "Year", "Letterboxd URI")
    files: dict[str, str | bytes] = {
        "diary.csv": csv_text(
            DIARY_COLUMNS, [diary_row("Aftersun", "2022", "https://boxd.it/b1", "2023-02-01")]
        ),
        "watchlist.csv": csv_text(
            simple, [["2024-01-01", f"Film {n}", "2000", f"u{n}"] for n in range(3)]
        ),
        "likes/films.csv": csv_text(simple, [["2024-01-01", "Aftersun", "2022", "u"]]),
        "lists/quiet.csv": "Letterboxd list export v7\r\n",
        "lists/repair.csv": "Letterboxd list export v7\r\n",
        "__MACOSX/lists/._repair.csv": b"\x00\x05",
    }
    for export in (
        read_export(make_zip(tmp_path / "e.zip", files)),
        read_export(make_folder(tmp_path / "e", files)),
    ):
        assert (export.watchlist, export.liked_films, export.lists) == (3, 1, 2)


def test_an_export_with_nothing_to_import_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LetterboxdError, match="holds no diary.csv, watched.csv or ratings.csv"):
        read_export(make_zip(tmp_path / "other.zip", {"notes.txt": "hello"}))


def test_text_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    diary = csv_text(
        DIARY_COLUMNS, [diary_row("Amélie", "2001", "https://boxd.it/a", "2020-01-01")]
    )
    with pytest.raises(LetterboxdError, match=r"diary\.csv is not UTF-8 text"):
        read_export(make_zip(tmp_path / "e.zip", {"diary.csv": diary.encode("latin-1")}))


def test_a_duplicated_diary_uri_is_one_entry(tmp_path: Path) -> None:
    row = diary_row("Aftersun", "2022", "https://boxd.it/b1", "2023-02-01")
    export = read_export(
        make_zip(tmp_path / "e.zip", {"diary.csv": csv_text(DIARY_COLUMNS, [row, row])})
    )
    assert len(export.diary) == 1


def test_a_film_link_that_is_not_a_web_address_is_dropped(tmp_path: Path) -> None:
    watched = csv_text(("Name", "Year", "Letterboxd URI"), [["Late Spring", "1949", "boxd.it/f2"]])
    export = read_export(make_zip(tmp_path / "e.zip", {"watched.csv": watched}))
    assert export.watched == (WatchedFilm("Late Spring", 1949, ""),)
