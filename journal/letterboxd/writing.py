"""Write the CSV that Letterboxd's importer reads (letterboxd.com/import).

One row per viewing, with the columns of Letterboxd's documented import format:

``Title, Year, Directors, WatchedDate, Rating, Rewatch, Tags, Review``

- ``Year`` is empty when unknown; ``Directors`` is the film's director as typed.
- ``WatchedDate`` is ISO ``YYYY-MM-DD``, the form Letterboxd's importer documents.
- ``Rating`` is stars on Letterboxd's 0.5–5 half-star scale, one decimal (``3.5``, ``4.0``);
  empty when the viewing has no rating.
- ``Rewatch`` is ``true`` or ``false``.
- ``Tags`` is one cell of comma-separated tags. Letterboxd splits tags at commas, so a comma
  inside one of the journal's tags is written as a space rather than splitting the tag in two.
- ``Review`` is the viewing's reflection as plain text; paragraphs stay separated by a blank
  line (Letterboxd turns line breaks into paragraphs).

Cells are quoted by the :mod:`csv` module where needed (commas, quotes, line breaks), rows end
with ``\\r\\n`` as RFC 4180 says, and the text is UTF-8 without a byte-order mark.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TextIO

#: The header row, in Letterboxd's import format.
COLUMNS = ("Title", "Year", "Directors", "WatchedDate", "Rating", "Rewatch", "Tags", "Review")


@dataclass(frozen=True)
class ViewingRow:
    """One viewing to write, with the film it belongs to. Plain values: no store needed."""

    title: str
    year: int | None
    director: str
    watched_on: date
    rating: float | None
    rewatch: bool
    tags: tuple[str, ...] = ()
    reflection: str = ""


def format_rating(rating: float | None) -> str:
    """A rating as Letterboxd's importer reads it (``3.5``); ``""`` for none.

    Raises :class:`ValueError` for a rating off the half-star grid rather than round it.
    """
    if rating is None:
        return ""
    stars = Decimal(str(rating))
    if not (Decimal("0.5") <= stars <= 5) or (stars * 2) % 1 != 0:
        raise ValueError(f"{rating} is not a rating from 0.5 to 5 in half steps")
    return f"{stars:.1f}"


def _tags_cell(tags: Iterable[str]) -> str:
    return ", ".join(" ".join(tag.replace(",", " ").split()) for tag in tags if tag.strip())


def _review_cell(reflection: str) -> str:
    return reflection.replace("\r\n", "\n").replace("\r", "\n").strip()


def row_cells(row: ViewingRow) -> list[str]:
    """The cells of one viewing's row, in :data:`COLUMNS` order."""
    return [
        row.title,
        "" if row.year is None else str(row.year),
        row.director,
        row.watched_on.isoformat(),
        format_rating(row.rating),
        "true" if row.rewatch else "false",
        _tags_cell(row.tags),
        _review_cell(row.reflection),
    ]


def write_letterboxd_csv(rows: Iterable[ViewingRow], out: TextIO) -> int:
    """Write the header and one row per viewing to ``out``; return the number of viewings.

    ``out`` should be opened with ``newline=""`` and ``encoding="utf-8"`` (the caller writes to
    a temporary file and renames it, so a failed export leaves no half file behind). Every row
    is formatted before the first is written, so a bad rating raises before anything is written.
    """
    formatted = [row_cells(row) for row in rows]
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(formatted)
    return len(formatted)


def letterboxd_csv_text(rows: Iterable[ViewingRow]) -> str:
    """The whole import CSV as text (see :func:`write_letterboxd_csv`)."""
    buffer = io.StringIO(newline="")
    write_letterboxd_csv(rows, buffer)
    return buffer.getvalue()
