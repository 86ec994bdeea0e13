"""Writing Letterboxd's import CSV: its columns, one row per viewing, exact values, safe quoting."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from journal.letterboxd.writing import (
    COLUMNS,
    ViewingRow,
    format_rating,
    letterboxd_csv_text,
    write_letterboxd_csv,
)

ROWS = [
    ViewingRow(
        title="Tokyo Story",
        year=1953,
        director="Yasujirō Ozu",
        watched_on=date(2024, 3, 18),
        rating=3.5,
        rewatch=False,
        tags=("ozu", "slow cinema"),
        reflection='The father says, "It\'s been a long day".\r\n\r\nThe clock, the fan, the sea.',
    ),
    ViewingRow("Tokyo Story", 1953, "Yasujirō Ozu", date(2025, 1, 2), 5.0, True),
    ViewingRow("Home Movie", None, "", date(2020, 8, 9), None, False, ("a, b",), ""),
]


def parsed(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_header_is_letterboxds_import_columns() -> None:
    text = letterboxd_csv_text(ROWS)
    assert text.splitlines()[0] == "Title,Year,Directors,WatchedDate,Rating,Rewatch,Tags,Review"
    assert tuple(parsed(text)[0]) == COLUMNS


def test_one_row_per_viewing_with_exact_values() -> None:
    rows = parsed(letterboxd_csv_text(ROWS))
    assert rows == [
        {
            "Title": "Tokyo Story",
            "Year": "1953",
            "Directors": "Yasujirō Ozu",
            "WatchedDate": "2024-03-18",
            "Rating": "3.5",
            "Rewatch": "false",
            "Tags": "ozu, slow cinema",
            "Review": 'The father says, "It\'s been a long day".\n\nThe clock, the fan, the sea.',
        },
        {
            "Title": "Tokyo Story",
            "Year": "1953",
            "Directors": "Yasujirō Ozu",
            "WatchedDate": "2025-01-02",
            "Rating": "5.0",
            "Rewatch": "true",
            "Tags": "",
            "Review": "",
        },
        {
            "Title": "Home Movie",
            "Year": "",
            "Directors": "",
            "WatchedDate": "2020-08-09",
            "Rating": "",
            "Rewatch": "false",
            "Tags": "a b",
            "Review": "",
        },
    ]


def test_cells_with_commas_quotes_and_line_breaks_are_quoted() -> None:
    text = letterboxd_csv_text(ROWS[:1])
    assert '"ozu, slow cinema"' in text
    assert '"The father says, ""It\'s been a long day"".\n\nThe clock, the fan, the sea."' in text
    assert text.endswith("\r\n")


@pytest.mark.parametrize(
    ("stars", "cell"), [(0.5, "0.5"), (3.5, "3.5"), (4.0, "4.0"), (5, "5.0"), (None, "")]
)
def test_ratings_are_written_in_stars(stars: float | None, cell: str) -> None:
    assert format_rating(stars) == cell


@pytest.mark.parametrize("stars", [3.7, 0.0, 5.5, -1.0])
def test_a_rating_off_the_grid_is_refused_before_anything_is_written(stars: float) -> None:
    out = io.StringIO()
    with pytest.raises(ValueError, match="half steps"):
        write_letterboxd_csv(
            [ROWS[0], ViewingRow("X", 2000, "", date(2020, 1, 1), stars, False)], out
        )
    assert out.getvalue() == ""


def test_written_to_a_file_as_utf8_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "letterboxd.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        assert write_letterboxd_csv(ROWS, out) == 3
    data = path.read_bytes()
    assert data.startswith(b"Title,")
    assert "Yasujirō".encode() in data
    assert data.count(b"\r\n") == 4  # the header and three rows; the review keeps its own "\n"
