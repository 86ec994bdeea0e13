"""Motif threads: which entries, in which order, and where two motifs meet."""

from __future__ import annotations

from datetime import date

from journal.threads import ThreadOrder, ThreadRow, build_thread, motif_key, where_they_meet


def _row(
    entry_id: int,
    viewing_id: int,
    film: tuple[str, int | None],
    watched: date,
    position_ms: int,
    motifs: tuple[str, ...],
    intensity: int | None = None,
) -> ThreadRow:
    return ThreadRow(
        entry_id=entry_id,
        viewing_id=viewing_id,
        film_title=film[0],
        film_year=film[1],
        watched_on=watched,
        position_ms=position_ms,
        kind="motif",
        text=f"entry {entry_id}",
        intensity=intensity,
        motifs=motifs,
    )


CUP = ("The Mended Cup", 2019)
LETTERS = ("Letters Home", 2003)
SHORT = ("An Untitled Short", None)

ROWS = [
    # Letters Home, watched twice; the second viewing is a rewatch years later.
    _row(1, 10, LETTERS, date(2021, 5, 2), 600_000, ("letter",), 4),
    _row(2, 10, LETTERS, date(2021, 5, 2), 120_000, ("Letter", "rain")),
    _row(3, 11, LETTERS, date(2024, 1, 9), 130_000, ("LETTER", "rain"), 5),
    # The Mended Cup, watched between the two.
    _row(4, 12, CUP, date(2022, 7, 30), 45_000, ("cup", "letter")),
    _row(5, 12, CUP, date(2022, 7, 30), 3_000, ("rain",)),
    # A film with no year, watched the same day as the rewatch, recorded after it.
    _row(6, 13, SHORT, date(2024, 1, 9), 10_000, (" letter ",)),
    # Not tagged at all.
    _row(7, 13, SHORT, date(2024, 1, 9), 20_000, ()),
]


def _ids(rows: tuple[ThreadRow, ...]) -> list[int]:
    return [row.entry_id for row in rows]


def test_thread_in_watched_order_then_position() -> None:
    thread = build_thread(ROWS, "Letter")
    assert _ids(thread.entries) == [2, 1, 4, 3, 6]
    assert thread.motifs == ("Letter",)
    assert thread.order is ThreadOrder.WATCHED
    assert thread.film_count == 3
    assert thread.viewing_count == 4
    assert thread.first_watched == date(2021, 5, 2)
    assert thread.last_watched == date(2024, 1, 9)
    assert thread.entries[3].intensity == 5 and thread.entries[3].text == "entry 3"


def test_thread_in_film_year_order_with_yearless_films_last() -> None:
    thread = build_thread(ROWS, "letter", ThreadOrder.FILM_YEAR)
    assert _ids(thread.entries) == [2, 1, 3, 4, 6]


def test_sections_group_consecutive_entries_of_a_viewing() -> None:
    sections = build_thread(ROWS, "letter").sections()
    assert [(s.film_title, s.watched_on, _ids(s.entries)) for s in sections] == [
        ("Letters Home", date(2021, 5, 2), [2, 1]),
        ("The Mended Cup", date(2022, 7, 30), [4]),
        ("Letters Home", date(2024, 1, 9), [3]),
        ("An Untitled Short", date(2024, 1, 9), [6]),
    ]
    assert build_thread(ROWS, "letter").index_of(4) == 2
    assert build_thread(ROWS, "letter").index_of(7) is None


def test_where_two_motifs_meet() -> None:
    assert _ids(where_they_meet(ROWS, "letter", "RAIN").entries) == [2, 3]
    assert _ids(where_they_meet(ROWS, "cup", "letter").entries) == [4]
    assert _ids(where_they_meet(ROWS, "cup", "rain").entries) == []
    assert _ids(where_they_meet(ROWS, "rain", "rain").entries) == _ids(
        build_thread(ROWS, "rain").entries
    )
    met = where_they_meet(ROWS, "letter", "rain", ThreadOrder.FILM_YEAR)
    assert met.motifs == ("letter", "rain")


def test_an_unknown_motif_or_no_rows_gives_an_empty_thread() -> None:
    empty = build_thread(ROWS, "photograph")
    assert empty.entries == () and empty.sections() == ()
    assert empty.film_count == 0 and empty.first_watched is None
    assert build_thread([], "letter").entries == ()


def test_the_order_does_not_depend_on_the_input_order() -> None:
    forward = build_thread(ROWS, "letter")
    backward = build_thread(list(reversed(ROWS)), "letter")
    assert forward == backward


def test_motif_key_ignores_case_and_spacing_but_not_letters() -> None:
    assert motif_key("  Mended  CUP ") == motif_key("mended cup")
    assert motif_key("Straße") == motif_key("STRASSE")
    assert motif_key("cup") != motif_key("cups")
