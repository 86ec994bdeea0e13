"""Rewatching without a window: which viewings are earlier, what lies within two minutes of a
position in them (nearest first), how a note reads, and the film's viewings as timelines."""

from __future__ import annotations

from datetime import date

from journal.rewatch import (
    NEAR_MS,
    EarlierNotes,
    film_rewatch,
    timeline_of,
    viewing_labels,
    viewings_before,
)
from journal.timecode import parse


def test_earlier_means_an_earlier_date_or_the_same_day_made_before(store):
    film = store.create_film("Tokyo Story", runtime_ms=8_160_000)
    late = store.create_viewing(film.id, date(2024, 3, 2))
    first = store.create_viewing(film.id, date(2019, 3, 2))
    same_day = store.create_viewing(film.id, date(2024, 3, 2))
    viewings = store.list_viewings(film.id)
    assert [v.id for v in viewings_before(viewings, same_day.id)] == [first.id, late.id]
    assert [v.id for v in viewings_before(viewings, late.id)] == [first.id]
    assert viewings_before(viewings, first.id) == []
    assert viewings_before(viewings, 9999) == []


def test_notes_within_two_minutes_nearest_first_from_the_store(store):
    film = store.create_film("Tokyo Story", runtime_ms=8_160_000)
    first = store.create_viewing(film.id, date(2019, 3, 2))
    second = store.create_viewing(film.id, date(2022, 11, 20))
    third = store.create_viewing(film.id, date(2024, 5, 1))
    at = parse("1:02:00")
    exact_edge = store.create_entry(first.id, at - NEAR_MS, "note", "two minutes before")
    store.create_entry(first.id, at - NEAR_MS - 1, "note", "just too early")
    near = store.create_entry(first.id, parse("1:02:10"), "pause", "The kettle.\nNobody speaks.")
    tie = store.create_entry(second.id, parse("1:01:50"), "motif", "The cup again.")
    after = store.create_entry(second.id, at + NEAR_MS, "reaction", "two minutes after")
    store.create_entry(third.id, at, "note", "the viewing being written: never listed")

    notes = EarlierNotes.from_store(store, film.id, third.id)
    assert notes.viewing_count == 2
    found = notes.near(at)
    # 10 s either side is a tie: the more recent viewing first.
    assert [n.entry_id for n in found] == [tie.id, near.id, after.id, exact_edge.id]
    assert found[1].line() == "2019-03-02, at 1:02:10: The kettle."
    assert found[0].distance_ms == 10_000
    assert notes.near(parse("0:30:00")) == []
    # The second viewing looks back at the first only.
    assert [n.entry_id for n in EarlierNotes.from_store(store, film.id, second.id).near(at)] == [
        near.id,
        exact_edge.id,
    ]
    assert EarlierNotes.from_store(store, film.id, first.id).viewing_count == 0


def test_a_note_without_words_still_says_where(store):
    film = store.create_film("Late Spring")
    first = store.create_viewing(film.id, date(2019, 3, 2))
    second = store.create_viewing(film.id, date(2020, 1, 1))
    store.create_entry(first.id, 5_000, "pause", "")
    (note,) = EarlierNotes.from_store(store, film.id, second.id).near(0)
    assert note.line() == "2019-03-02, at 0:00:05"


def test_labels_and_timelines_of_a_film(store):
    assert viewing_labels([date(2024, 1, 1), date(2024, 1, 1), date(2024, 2, 1)]) == [
        "2024-01-01",
        "2024-01-01 (2)",
        "2024-02-01",
    ]
    film = store.create_film("Still Water", runtime_ms=5_520_000)
    first = store.create_viewing(film.id, date(2019, 3, 2))
    second = store.create_viewing(film.id, date(2024, 3, 2))
    store.create_entry(second.id, 90_000, "motif", "The cup again.", intensity=4)
    store.create_entry(second.id, 30_000, "dialogue", "“You kept it?”\nlater lines")
    page = film_rewatch(store, film.id, 5_520_000, second.id)
    timelines = page.timelines
    assert page.current == 1
    assert page.earlier is not None and page.earlier.viewing_count == 1
    assert film_rewatch(store, film.id, None, None).earlier is None
    assert [t.label for t in timelines] == ["2019-03-02", "2024-03-02"]
    assert timelines[0].entries == ()
    assert [(e.position_ms, e.kind, e.intensity, e.first_line) for e in timelines[1].entries] == [
        (30_000, "dialogue", None, "“You kept it?”"),
        (90_000, "motif", 4, "The cup again."),
    ]
    assert timelines[1].runtime_ms == 5_520_000
    assert first.id != second.id


def test_timeline_of_leaves_out_an_impossible_intensity_rather_than_fail():
    class Entry:
        id, position_ms, kind, text, intensity = 1, -5, "pause", "x", 9

    (mark,) = timeline_of("2024-01-01", None, [Entry()]).entries
    assert mark.intensity is None and mark.position_ms == 0
