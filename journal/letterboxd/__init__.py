"""Letterboxd's data export in, and Letterboxd's import CSV out.

Qt-free; apart from ``store.py``, store-free: plain functions over frozen dataclasses.

- :mod:`journal.letterboxd.archive` opens an export (a ZIP or an unpacked folder) safely:
  bounded reads, no path tricks, a ZIP bomb refused before anything is inflated.
- :mod:`journal.letterboxd.reading` turns the export's CSV files into :class:`LetterboxdExport`.
- :mod:`journal.letterboxd.review_html` turns a review's HTML into plain paragraphs.
- :mod:`journal.letterboxd.plan` compares an export with the journal's films and says exactly
  what an import would add (films, viewings, reflections, tags) — nothing is written here.
- :mod:`journal.letterboxd.writing` writes the CSV that Letterboxd's importer reads.
- :mod:`journal.letterboxd.store` plans against the journal's store and writes a plan in one
  checked transaction (the ``Store`` methods ``plan_letterboxd_import``,
  ``apply_letterboxd_plan`` and ``letterboxd_rows`` call it).
- :mod:`journal.letterboxd.report` words a plan for the command line and the app's preview.

Every refusal is a :class:`LetterboxdError` whose message names the file (and the row) at fault;
reading either succeeds whole or raises, so an import never starts from half an export.
"""

from journal.letterboxd.model import (
    DiaryEntry,
    LetterboxdError,
    LetterboxdExport,
    UndatedReview,
    WatchedFilm,
)

__all__ = [
    "DiaryEntry",
    "LetterboxdError",
    "LetterboxdExport",
    "UndatedReview",
    "WatchedFilm",
]
