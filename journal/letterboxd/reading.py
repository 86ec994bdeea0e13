"""Read a Letterboxd export's CSV files into a :class:`LetterboxdExport`.

Every column is read by its header name, so Letterboxd may reorder or add columns freely; a
missing column this import needs is refused with the file's and the column's name. Text is
decoded as UTF-8 (a leading byte-order mark is tolerated). Ratings stay exactly on the
half-star grid: they are parsed as decimals and refused unless they are 0.5, 1, … 5, so 3.5
stays 3.5 and 3.7 is named as an error, never rounded.

Which file feeds what:

- ``diary.csv`` — one :class:`DiaryEntry` per row, keyed by the row's ``Letterboxd URI`` (the
  diary entry's link), dated by ``Watched Date``.
- ``reviews.csv`` — the same columns plus ``Review``; a review becomes the reflection of the
  diary entry with the same URI. A dated review with no diary row is a diary entry of its own
  (it has every diary column); an undated one is kept as an :class:`UndatedReview`.
- ``watched.csv`` and ``ratings.csv`` — films marked as seen, perhaps rated, by title and year.
- ``watchlist.csv``, ``likes/films.csv`` and ``lists/*.csv`` — only counted.

Reading is all or nothing: the first bad row raises :class:`LetterboxdError` naming the file, the
row (as a spreadsheet numbers it: the header is row 1) and the film.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from journal.letterboxd.archive import ExportFiles, open_export
from journal.letterboxd.model import (
    DiaryEntry,
    LetterboxdError,
    LetterboxdExport,
    UndatedReview,
    WatchedFilm,
)
from journal.letterboxd.plan import film_key
from journal.letterboxd.review_html import review_to_text

NAME = "Name"
YEAR = "Year"
URI = "Letterboxd URI"
RATING = "Rating"
REWATCH = "Rewatch"
TAGS = "Tags"
WATCHED_DATE = "Watched Date"
REVIEW = "Review"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"\d{1,4}")
_YES = frozenset({"yes", "true", "1"})
_NO = frozenset({"", "no", "false", "0"})


def read_export(path: Path) -> LetterboxdExport:
    """Open the export at ``path`` (a ZIP or a folder) and read it whole.

    Raises :class:`LetterboxdError` for anything that cannot be imported exactly, before the
    journal is touched.
    """
    return parse_export(open_export(path))


def parse_export(files: ExportFiles) -> LetterboxdExport:
    """Read the CSV members of an opened export (see :func:`read_export`)."""
    diary = _read_diary(files)
    undated: list[UndatedReview] = []
    reviews_text = _text(files, "reviews.csv")
    if reviews_text is not None:
        diary, undated = _merge_reviews(files.source, diary, reviews_text)
    if not diary and _text(files, "watched.csv") is None and _text(files, "ratings.csv") is None:
        raise LetterboxdError(
            f"{files.source} holds no diary.csv, watched.csv or ratings.csv, so it is not a "
            "Letterboxd export (or an empty one); nothing was imported."
        )
    return LetterboxdExport(
        diary=tuple(diary.values()),
        watched=_read_watched(files),
        undated_reviews=tuple(undated),
        watchlist=_count_rows(files, "watchlist.csv"),
        liked_films=_count_rows(files, "likes/films.csv"),
        lists=len(files.in_folder("lists")),
    )


# --- decoding and rows -------------------------------------------------------------------


def _text(files: ExportFiles, name: str) -> str | None:
    data = files.get(name)
    if data is None:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LetterboxdError(
            f"{name} is not UTF-8 text (byte {error.object[error.start]:#04x} at position "
            f"{error.start:,}); nothing was imported. Use the file exactly as Letterboxd wrote it."
        ) from error


def _rows(
    name: str, text: str, required: tuple[str, ...]
) -> Iterator[tuple[int, Mapping[str, str]]]:
    """``(spreadsheet row number, {header: cell})`` for each record of a CSV text.

    Headers are trimmed; cells are kept as written (``""`` where a short row has no cell).
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return
        header = [cell.strip() for cell in header]
        missing = [column for column in required if column not in header]
        if missing:
            raise LetterboxdError(
                f"{name} has no “{missing[0]}” column (its columns are: {', '.join(header)}); "
                "nothing was imported."
            )
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            yield (
                number,
                {column: (cells[i] if i < len(cells) else "") for i, column in enumerate(header)},
            )
    except csv.Error as error:
        raise LetterboxdError(
            f"{name} is not a readable CSV file near row {reader.line_num} ({error}); "
            "nothing was imported."
        ) from error


def _where(name: str, number: int, row: Mapping[str, str]) -> str:
    title = row.get(NAME, "").strip()
    year = row.get(YEAR, "").strip()
    film = f" ({title}{', ' + year if year else ''})" if title else ""
    return f"{name}, row {number}{film}"


def _title(name: str, number: int, row: Mapping[str, str]) -> str:
    title = " ".join(row[NAME].split())
    if not title:
        raise LetterboxdError(f"{name}, row {number}: the film has no Name; nothing was imported.")
    return title


def _year(name: str, number: int, row: Mapping[str, str]) -> int | None:
    cell = row[YEAR].strip()
    if not cell:
        return None
    if not _YEAR.fullmatch(cell):
        raise LetterboxdError(
            f"{_where(name, number, row)}: the Year “{cell}” is not a year; nothing was imported."
        )
    return int(cell)


def parse_rating(cell: str) -> float | None:
    """A Letterboxd rating cell as stars, or ``None`` when empty.

    Exact: the cell is read as a decimal and accepted only from 0.5 to 5 in half steps, so no
    float rounding ever turns a half star into a whole one. Raises :class:`ValueError` otherwise.
    """
    cell = cell.strip()
    if not cell:
        return None
    try:
        stars = Decimal(cell)
    except InvalidOperation:
        raise ValueError(f"the Rating “{cell}” is not a number") from None
    if not stars.is_finite() or not (Decimal("0.5") <= stars <= 5) or (stars * 2) % 1 != 0:
        raise ValueError(f"the Rating “{cell}” is not 0.5 to 5 stars in half steps")
    return int(stars * 2) / 2


def _rating(name: str, number: int, row: Mapping[str, str]) -> float | None:
    try:
        return parse_rating(row.get(RATING, ""))
    except ValueError as error:
        raise LetterboxdError(
            f"{_where(name, number, row)}: {error}; nothing was imported."
        ) from None


def _rewatch(name: str, number: int, row: Mapping[str, str]) -> bool:
    cell = row.get(REWATCH, "").strip().lower()
    if cell in _YES:
        return True
    if cell in _NO:
        return False
    raise LetterboxdError(
        f"{_where(name, number, row)}: Rewatch is “{row[REWATCH]}”, expected “Yes” or empty; "
        "nothing was imported."
    )


def split_tags(cell: str) -> tuple[str, ...]:
    """The tags of a Tags cell: comma-separated, trimmed, spaces inside a tag kept.

    A tag given twice (in any letter case) is kept once, spelled as first written.
    """
    tags: list[str] = []
    seen: set[str] = set()
    for part in cell.split(","):
        tag = " ".join(part.split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tuple(tags)


def _date(name: str, number: int, row: Mapping[str, str], column: str) -> date | None:
    cell = row.get(column, "").strip()
    if not cell:
        return None
    try:
        if not _ISO_DATE.fullmatch(cell):
            raise ValueError(cell)
        return date.fromisoformat(cell)
    except ValueError:
        raise LetterboxdError(
            f"{_where(name, number, row)}: the {column} “{cell}” is not a date like 2024-03-18; "
            "nothing was imported."
        ) from None


def _uri(name: str, number: int, row: Mapping[str, str]) -> str:
    uri = row[URI].strip()
    if not uri:
        raise LetterboxdError(
            f"{_where(name, number, row)}: the Letterboxd URI is empty, so this entry could not "
            "be told apart on a later import; nothing was imported."
        )
    return uri


def _film_uri(row: Mapping[str, str]) -> str:
    """The film's link from watched.csv/ratings.csv, or "" when it is not a web address."""
    uri = row.get(URI, "").strip()
    if uri.startswith(("https://", "http://")) and not any(c.isspace() for c in uri):
        return uri
    return ""


def _entry(name: str, number: int, row: Mapping[str, str], review: str = "") -> DiaryEntry:
    watched_on = _date(name, number, row, WATCHED_DATE)
    if watched_on is None:
        raise LetterboxdError(
            f"{_where(name, number, row)}: the Watched Date is empty; nothing was imported."
        )
    return DiaryEntry(
        entry_uri=_uri(name, number, row),
        title=_title(name, number, row),
        year=_year(name, number, row),
        watched_on=watched_on,
        rating=_rating(name, number, row),
        rewatch=_rewatch(name, number, row),
        tags=split_tags(row.get(TAGS, "")),
        review=review,
    )


# --- the files ---------------------------------------------------------------------------


def _read_diary(files: ExportFiles) -> dict[str, DiaryEntry]:
    text = _text(files, "diary.csv")
    entries: dict[str, DiaryEntry] = {}
    if text is None:
        return entries
    for number, row in _rows("diary.csv", text, (NAME, YEAR, URI, WATCHED_DATE)):
        entry = _entry("diary.csv", number, row)
        # The same URI twice is the same log entry written twice; the first one stands.
        entries.setdefault(entry.entry_uri, entry)
    return entries


def _merge_reviews(
    source: str, diary: dict[str, DiaryEntry], text: str
) -> tuple[dict[str, DiaryEntry], list[UndatedReview]]:
    merged = dict(diary)
    undated: list[UndatedReview] = []
    for number, row in _rows("reviews.csv", text, (NAME, YEAR, URI, REVIEW)):
        uri = _uri("reviews.csv", number, row)
        review = review_to_text(row[REVIEW])
        known = merged.get(uri)
        if known is not None:
            if review and not known.review:
                merged[uri] = replace(known, review=review)
        elif _date("reviews.csv", number, row, WATCHED_DATE) is not None:
            merged[uri] = _entry("reviews.csv", number, row, review)
        elif review:
            undated.append(
                UndatedReview(
                    entry_uri=uri,
                    title=_title("reviews.csv", number, row),
                    year=_year("reviews.csv", number, row),
                    review=review,
                )
            )
    return merged, undated


def _read_watched(files: ExportFiles) -> tuple[WatchedFilm, ...]:
    films: dict[tuple[str, int | None], WatchedFilm] = {}
    text = _text(files, "watched.csv")
    if text is not None:
        for number, row in _rows("watched.csv", text, (NAME, YEAR)):
            film = WatchedFilm(
                title=_title("watched.csv", number, row),
                year=_year("watched.csv", number, row),
                film_uri=_film_uri(row),
            )
            films.setdefault(film_key(film.title, film.year), film)
    text = _text(files, "ratings.csv")
    if text is not None:
        for number, row in _rows("ratings.csv", text, (NAME, YEAR, RATING)):
            title = _title("ratings.csv", number, row)
            year = _year("ratings.csv", number, row)
            rating = _rating("ratings.csv", number, row)
            key = film_key(title, year)
            known = films.get(key)
            if known is None:
                films[key] = WatchedFilm(title, year, _film_uri(row), rating)
            else:
                films[key] = replace(known, rating=rating)
    return tuple(films.values())


def _count_rows(files: ExportFiles, name: str) -> int:
    text = _text(files, name)
    if text is None:
        return 0
    return sum(1 for _ in _rows(name, text, ()))
