"""Hand-made Letterboxd exports for the tests: CSV text written the way Letterboxd writes it."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

DIARY_COLUMNS = (
    "Date",
    "Name",
    "Year",
    "Letterboxd URI",
    "Rating",
    "Rewatch",
    "Tags",
    "Watched Date",
)
REVIEW_COLUMNS = (
    "Date",
    "Name",
    "Year",
    "Letterboxd URI",
    "Rating",
    "Rewatch",
    "Review",
    "Tags",
    "Watched Date",
)


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[str]], *, bom: bool = False) -> str:
    """A CSV file's text with CRLF row ends (as Letterboxd writes them), quoting where needed."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return ("\ufeff" if bom else "") + buffer.getvalue()


def diary_row(
    name: str,
    year: str,
    uri: str,
    watched: str,
    rating: str = "",
    rewatch: str = "",
    tags: str = "",
) -> list[str]:
    """A diary.csv row, logged on the day it was watched."""
    return [watched, name, year, uri, rating, rewatch, tags, watched]


def review_row(
    name: str, year: str, uri: str, watched: str, review: str, rating: str = ""
) -> list[str]:
    """A reviews.csv row in REVIEW_COLUMNS order."""
    return [watched, name, year, uri, rating, "", review, "", watched]


def make_zip(path: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` (member name → text or bytes) into a deflated ZIP at ``path``."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
    return path


def make_folder(path: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` into a folder at ``path``, as an unpacked export."""
    for name, content in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_bytes(content.encode("utf-8"))
        else:
            target.write_bytes(content)
    return path
