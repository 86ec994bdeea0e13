"""The Store API on a real journal file: every public method, its notices and its refusals."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from journal.db import journal_path
from journal.errors import ConflictError, NotFoundError, ValidationError
from journal.migrations import HEAD
from journal.store import Change, EntryRow, FilmRow, MotifRow, MotifSnapshot, Store, ViewingRow

STALE = 987_654


@dataclass
class Journal:
    """A small journal: two films by Ozu, one film without a year, motifs across them."""

    tokyo: FilmRow
    spring: FilmRow
    untitled: FilmRow
    first_watch: ViewingRow
    rewatch: ViewingRow
    spring_watch: ViewingRow
    clock: EntryRow
    cup: EntryRow
    letter: EntryRow


def _fill(store: Store) -> Journal:
    tokyo = store.create_film("Tokyo Story", year=1953, director="Yasujirō Ozu")
    spring = store.create_film("late Spring", year=1949, director="Yasujirō Ozu")
    untitled = store.create_film("Ärger im Paradies", director="Someone Else")
    first_watch = store.create_viewing(tokyo.id, date(2020, 5, 1), rating=4.0)
    rewatch = store.create_viewing(tokyo.id, date(2026, 11, 21), rewatch=True, rating=5.0)
    spring_watch = store.create_viewing(spring.id, date(2024, 1, 2))
    clock = store.create_entry(first_watch.id, 90_000, "scene", "the clock ticks", motifs=["Time"])
    cup = store.create_entry(
        rewatch.id, 30_000, "motif", "a cup on the sill", intensity=4, motifs=["Cup", "Time"]
    )
    letter = store.create_entry(spring_watch.id, 5_000, "pause", "she reads", motifs=["Letter"])
    return Journal(tokyo, spring, untitled, first_watch, rewatch, spring_watch, clock, cup, letter)


@dataclass(frozen=True)
class Templates:
    empty: Path
    filled: Path
    journal: Journal


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    """Journal files made once per module; each test opens its own copy (migrating and
    fsync-ing the same rows for every test would make the suite slow)."""
    empty_dir = tmp_path_factory.mktemp("empty")
    Store.open(empty_dir).close()
    filled_dir = tmp_path_factory.mktemp("filled")
    shutil.copy2(journal_path(empty_dir), journal_path(filled_dir))
    filled = Store.open(filled_dir)
    journal = _fill(filled)
    filled.close()
    return Templates(journal_path(empty_dir), journal_path(filled_dir), journal)


@pytest.fixture
def store(request: pytest.FixtureRequest, data_dir: Path, templates: Templates) -> Iterator[Store]:
    """A store on its own real journal file in tmp_path (filled when the test asks for
    ``journal``)."""
    template = templates.filled if "journal" in request.fixturenames else templates.empty
    data_dir.mkdir(mode=0o700)
    shutil.copy2(template, journal_path(data_dir))
    opened = Store.open(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def journal(store: Store, templates: Templates) -> Journal:
    return templates.journal


@pytest.fixture
def changes(store: Store) -> list[Change]:
    heard: list[Change] = []
    store.subscribe(heard.append)
    return heard


def _motif(store: Store, name: str) -> MotifRow:
    found = store.find_motif(name)
    assert found is not None, name
    return found


def _unchanged(store: Store, action: Callable[[], Any], error: type[Exception]) -> Exception:
    """Run a write that must fail and check it wrote nothing at all."""
    counts = store.counts()
    document = store.export_document()
    with pytest.raises(error) as caught:
        action()
    assert store.counts() == counts
    after = store.export_document()
    assert {**after, "exported_at": None} == {**document, "exported_at": None}
    return caught.value


# --- films ----------------------------------------------------------------------------------


def test_create_film_stores_every_field(store: Store) -> None:
    film = store.create_film(
        "  Tokyo Story ",
        year=1953,
        director=" Yasujirō Ozu ",
        runtime_ms=8_160_000,
        notes="Family.\nDistance.",
        letterboxd_uri="https://letterboxd.com/film/tokyo-story/",
    )
    assert film.title == "Tokyo Story"
    assert film.director == "Yasujirō Ozu"
    assert store.get_film(film.id) == film
    assert (film.viewing_count, film.entry_count, film.last_watched) == (0, 0, None)
    assert store.counts()["film"] == 1


def test_create_film_keeps_a_given_uid(store: Store) -> None:
    uid = "0b3c7a52-8d9e-4f3b-9a55-2c1d1e0f9a11"
    film = store.create_film("Tokyo Story", uid=uid.upper())
    assert film.uid == uid
    assert store.id_for_uid("film", uid) == film.id
    error = _unchanged(store, lambda: store.create_film("Again", uid=uid), ConflictError)
    assert "uid" in str(error)


def test_update_film_changes_only_what_is_named(store: Store, changes: list[Change]) -> None:
    film = store.create_film("Tokyo Story", year=1953, director="Ozu", notes="keep")
    updated = store.update_film(film.id, title=" Tokyo Monogatari ", year=None)
    assert updated.title == "Tokyo Monogatari"
    assert updated.year is None
    assert (updated.director, updated.notes, updated.uid) == ("Ozu", "keep", film.uid)
    assert store.get_film(film.id) == updated
    assert changes[-1] == Change("film", "updated", (film.id,), film_id=film.id)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": None}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"title": "a\x00b"}, "title"),
        ({"year": 1869}, "year"),
        ({"year": True}, "year"),
        ({"runtime_ms": 0}, "runtime_ms"),
        ({"letterboxd_uri": "letterboxd.com"}, "letterboxd_uri"),
        ({"notes": "a\ud800"}, "notes"),
        ({"director": "a\nb"}, "director"),
    ],
    ids=repr,
)
def test_update_film_refuses_bad_values_and_writes_nothing(
    store: Store, changes: dict[str, Any], field: str
) -> None:
    film = store.create_film("Tokyo Story", year=1953)
    error = _unchanged(store, lambda: store.update_film(film.id, **changes), ValidationError)
    assert isinstance(error, ValidationError) and error.field == field
    assert store.get_film(film.id) == film


def test_create_film_refuses_bad_values_and_writes_nothing(store: Store) -> None:
    for bad in ("", "   ", "x" * 301, "Tokyo\nStory"):
        error = _unchanged(store, lambda bad=bad: store.create_film(bad), ValidationError)
        assert isinstance(error, ValidationError) and error.field == "title"
    error = _unchanged(store, lambda: store.create_film("Ok", year=2101), ValidationError)
    assert "1870–2100" in str(error)


def test_update_film_refuses_unknown_fields(store: Store) -> None:
    film = store.create_film("Tokyo Story")
    _unchanged(store, lambda: store.update_film(film.id, rating=5), ValueError)


def test_delete_film_removes_its_viewings_and_entries(
    store: Store, journal: Journal, changes: list[Change]
) -> None:
    assert store.film_counts(journal.tokyo.id) == (2, 2)
    store.delete_film(journal.tokyo.id)
    assert changes == [Change("film", "deleted", (journal.tokyo.id,), film_id=journal.tokyo.id)]
    with pytest.raises(NotFoundError):
        store.get_film(journal.tokyo.id)
    with pytest.raises(NotFoundError):
        store.get_viewing(journal.rewatch.id)
    with pytest.raises(NotFoundError):
        store.get_entry(journal.cup.id)
    assert store.counts() == {
        "film": 2,
        "viewing": 1,
        "entry": 1,
        "motif": 3,
        "tag": 0,
        "answer": 0,
        "subtitle_track": 0,
        "cue": 0,
    }
    # Motifs outlive the film; only the entries that used them went.
    assert _motif(store, "Time").usage_count == 0


def test_film_rows_carry_counts_and_last_watched(store: Store, journal: Journal) -> None:
    tokyo = store.get_film(journal.tokyo.id)
    assert (tokyo.viewing_count, tokyo.entry_count) == (2, 2)
    assert tokyo.last_watched == date(2026, 11, 21)
    assert store.film_counts(journal.spring.id) == (1, 1)
    assert store.get_film(journal.untitled.id).last_watched is None
    store.create_entry(journal.first_watch.id, 1, "note")
    assert store.film_counts(journal.tokyo.id) == (2, 3)


def _titles(films: list[FilmRow]) -> list[str]:
    return [film.title for film in films]


def test_list_films_comes_by_title_ignoring_case(store: Store, journal: Journal) -> None:
    # The command line and the Markdown export's file names take this order as it comes.
    # Case does not decide the order: "late Spring" sorts between "Ärger…" and "Tokyo…" by letter.
    titles = _titles(store.list_films())
    assert titles == sorted(titles, key=str.casefold)
    assert titles.index("late Spring") < titles.index("Tokyo Story")


# --- viewings -------------------------------------------------------------------------------


def test_create_viewing_accepts_a_date_or_its_text(store: Store, changes: list[Change]) -> None:
    film = store.create_film("Tokyo Story")
    first = store.create_viewing(film.id, date(2026, 11, 21), rating=4.5, reflection="quiet\nhome")
    second = store.create_viewing(film.id, " 2025-01-31 ", rewatch=True)
    assert first.watched_on == date(2026, 11, 21) and second.watched_on == date(2025, 1, 31)
    assert (first.rating, first.reflection, first.rewatch) == (4.5, "quiet\nhome", False)
    assert (second.rating, second.rewatch) == (None, True)
    assert store.get_viewing(first.id) == first
    assert changes[-1] == Change("viewing", "created", (second.id,), film_id=film.id)


def test_list_viewings_oldest_first_with_entry_counts(store: Store, journal: Journal) -> None:
    viewings = store.list_viewings(journal.tokyo.id)
    assert [v.id for v in viewings] == [journal.first_watch.id, journal.rewatch.id]
    assert [v.entry_count for v in viewings] == [1, 1]
    same_day = store.create_viewing(journal.tokyo.id, date(2020, 5, 1))
    assert [v.id for v in store.list_viewings(journal.tokyo.id)] == [
        journal.first_watch.id,
        same_day.id,
        journal.rewatch.id,
    ]
    assert store.list_viewings(journal.untitled.id) == []


def test_update_viewing(store: Store, journal: Journal, changes: list[Change]) -> None:
    updated = store.update_viewing(
        journal.first_watch.id, rating=None, reflection="changed", watched_on="2020-05-02"
    )
    assert (updated.rating, updated.reflection, updated.watched_on) == (
        None,
        "changed",
        date(2020, 5, 2),
    )
    assert updated.rewatch is False and updated.entry_count == 1
    assert changes == [
        Change("viewing", "updated", (journal.first_watch.id,), film_id=journal.tokyo.id)
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"rating": 4.3}, "rating"),
        ({"rating": 0}, "rating"),
        ({"rating": "5"}, "rating"),
        ({"watched_on": "2026-02-30"}, "watched_on"),
        ({"watched_on": None}, "watched_on"),
        ({"rewatch": 1}, "rewatch"),
        ({"reflection": "a\x00"}, "reflection"),
    ],
    ids=repr,
)
def test_viewing_refuses_bad_values_and_writes_nothing(
    store: Store, journal: Journal, changes: dict[str, Any], field: str
) -> None:
    error = _unchanged(
        store, lambda: store.update_viewing(journal.first_watch.id, **changes), ValidationError
    )
    assert isinstance(error, ValidationError) and error.field == field
    values = {"watched_on": "2026-01-01", **changes}
    watched_on = values.pop("watched_on")
    error = _unchanged(
        store,
        lambda: store.create_viewing(journal.tokyo.id, watched_on, **values),
        ValidationError,
    )
    assert isinstance(error, ValidationError) and error.field == field


def test_delete_viewing_removes_its_entries(
    store: Store, journal: Journal, changes: list[Change]
) -> None:
    store.delete_viewing(journal.rewatch.id)
    assert changes == [
        Change("viewing", "deleted", (journal.rewatch.id,), film_id=journal.tokyo.id)
    ]
    with pytest.raises(NotFoundError):
        store.get_entry(journal.cup.id)
    assert store.film_counts(journal.tokyo.id) == (1, 1)
    assert store.get_film(journal.tokyo.id).last_watched == date(2020, 5, 1)


# --- entries --------------------------------------------------------------------------------


def test_create_entry_stores_every_field_and_tags(store: Store, journal: Journal) -> None:
    entry = store.create_entry(
        journal.first_watch.id,
        61_500,
        "dialogue",
        "Isn't life disappointing?\n— Yes.",
        intensity=5,
        motifs=["time", " the   letter ", "Cup"],
    )
    assert entry.viewing_id == journal.first_watch.id
    assert (entry.position_ms, entry.kind, entry.intensity) == (61_500, "dialogue", 5)
    assert entry.text == "Isn't life disappointing?\n— Yes."
    # Existing motifs keep their spelling; names are listed case-insensitively by name.
    assert entry.motifs == ("Cup", "the letter", "Time")
    assert store.get_entry(entry.id) == entry
    assert store.counts()["motif"] == 4


def test_entries_are_listed_in_time_order(store: Store, journal: Journal) -> None:
    viewing = journal.first_watch.id
    late = store.create_entry(viewing, 3_600_000, "note", "late")
    early = store.create_entry(viewing, 0, "note", "opening shot")
    tie = store.create_entry(viewing, 90_000, "reaction", "same moment")
    assert [e.id for e in store.list_entries(viewing)] == [
        early.id,
        journal.clock.id,
        tie.id,
        late.id,
    ]
    assert store.list_entries(STALE) == []


def test_motif_names_on_one_entry_are_deduplicated_ignoring_case(
    store: Store, journal: Journal
) -> None:
    entry = store.create_entry(
        journal.first_watch.id, 1, "motif", motifs=["Ärger", "ärger", "ÄRGER"]
    )
    assert entry.motifs == ("Ärger",)
    assert _motif(store, "ärger").usage_count == 1


def test_create_entry_announces_new_motifs_then_the_entry(
    store: Store, journal: Journal, changes: list[Change]
) -> None:
    entry = store.create_entry(journal.rewatch.id, 1, "motif", motifs=["Cup", "Photograph"])
    photograph = _motif(store, "photograph")
    assert changes == [
        Change("motif", "created", (photograph.id,)),
        Change("entry", "created", (entry.id,), film_id=journal.tokyo.id),
    ]


def test_update_entry_fields_and_motifs(
    store: Store, journal: Journal, changes: list[Change]
) -> None:
    updated = store.update_entry(
        journal.cup.id, position_ms=31_000, kind="scene", text="the cup, mended", intensity=None
    )
    assert (updated.position_ms, updated.kind, updated.text, updated.intensity) == (
        31_000,
        "scene",
        "the cup, mended",
        None,
    )
    assert updated.motifs == ("Cup", "Time")  # untouched when not named
    assert store.update_entry(journal.cup.id, motifs=["Letter"]).motifs == ("Letter",)
    assert store.update_entry(journal.cup.id, motifs=[]).motifs == ()
    assert changes[-1] == Change("entry", "updated", (journal.cup.id,), film_id=journal.tokyo.id)
    assert _motif(store, "Cup").usage_count == 0  # the motif stays, unused


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "silence"}, "kind"),
        ({"position_ms": -1}, "position_ms"),
        ({"position_ms": True}, "position_ms"),
        ({"position_ms": "1:02"}, "position_ms"),
        ({"intensity": 9}, "intensity"),
        ({"text": "a\x00b"}, "text"),
        ({"motifs": ["ok", ""]}, "motifs[1]"),
        ({"motifs": ["a\nb"]}, "motifs[0]"),
        ({"motifs": ["x" * 101]}, "motifs[0]"),
    ],
    ids=repr,
)
def test_entry_refuses_bad_values_and_writes_nothing(
    store: Store, journal: Journal, changes: dict[str, Any], field: str
) -> None:
    error = _unchanged(
        store, lambda: store.update_entry(journal.cup.id, **changes), ValidationError
    )
    assert isinstance(error, ValidationError) and error.field == field
    values = {"position_ms": 1_000, "kind": "note", **changes}
    position, kind = values.pop("position_ms"), values.pop("kind")
    error = _unchanged(
        store,
        lambda: store.create_entry(journal.rewatch.id, position, kind, **values),
        ValidationError,
    )
    assert isinstance(error, ValidationError) and error.field == field


def test_a_new_entry_with_an_invalid_motif_name_writes_neither_entry_nor_motifs(
    store: Store, journal: Journal, changes: list[Change]
) -> None:
    _unchanged(
        store,
        lambda: store.create_entry(journal.rewatch.id, 1, "note", "kept?", motifs=["New", "\x00"]),
        ValidationError,
    )
    assert store.find_motif("New") is None
    assert changes == []


def test_an_entry_for_a_stale_viewing_creates_no_motif(store: Store, journal: Journal) -> None:
    _unchanged(
        store, lambda: store.create_entry(STALE, 1, "note", motifs=["Orphan"]), NotFoundError
    )
    assert store.find_motif("Orphan") is None


def test_motifs_must_be_a_list_not_one_string(store: Store, journal: Journal) -> None:
    _unchanged(
        store,
        lambda: store.create_entry(journal.rewatch.id, 1, "note", motifs="Cup"),
        ValidationError,
    )


def test_delete_entry(store: Store, journal: Journal, changes: list[Change]) -> None:
    store.delete_entry(journal.cup.id)
    assert changes == [Change("entry", "deleted", (journal.cup.id,), film_id=journal.tokyo.id)]
    assert store.list_entries(journal.rewatch.id) == []
    assert _motif(store, "Cup").usage_count == 0


def test_last_position_is_the_most_recently_written_entry(store: Store, journal: Journal) -> None:
    empty = store.create_viewing(journal.untitled.id, "2026-01-01")
    assert store.last_position(empty.id) == 0
    store.create_entry(empty.id, 500_000, "note")
    early = store.create_entry(empty.id, 10_000, "note")
    assert store.last_position(empty.id) == 10_000  # written last, though earlier in the film
    later = store.create_entry(empty.id, 700_000, "note")
    assert store.last_position(empty.id) == 700_000
    store.update_entry(early.id, text="revised")
    assert store.last_position(empty.id) == 10_000
    store.delete_entry(early.id)
    assert store.last_position(empty.id) in (500_000, later.position_ms)


# --- motifs ---------------------------------------------------------------------------------


def test_create_motif(store: Store, changes: list[Change]) -> None:
    motif = store.create_motif("  Mended   Cup ", "a cup, repaired")
    assert (motif.name, motif.description, motif.usage_count, motif.film_count) == (
        "Mended Cup",
        "a cup, repaired",
        0,
        0,
    )
    assert store.get_motif(motif.id) == motif
    assert changes == [Change("motif", "created", (motif.id,))]


@pytest.mark.parametrize(
    ("existing", "again"), [("Letter", "letter"), ("Ärger", "ÄRGER"), ("Ärger", "A\u0308rger")]
)
def test_create_motif_refuses_a_name_in_use_ignoring_case(
    store: Store, existing: str, again: str
) -> None:
    store.create_motif(existing)
    error = _unchanged(store, lambda: store.create_motif(again), ConflictError)
    assert existing in str(error)


def test_create_motif_refuses_bad_names(store: Store) -> None:
    for bad in ("", "  ", "x" * 101, "a\tb"):
        error = _unchanged(store, lambda bad=bad: store.create_motif(bad), ValidationError)
        assert isinstance(error, ValidationError) and error.field == "name"


def test_rename_motif_shows_the_new_name_on_its_entries(
    store: Store, journal: Journal, changes: list[Change]
) -> None:
    time = _motif(store, "Time")
    renamed = store.rename_motif(time.id, "Passing time")
    assert renamed.name == "Passing time" and renamed.usage_count == 2
    assert store.get_entry(journal.clock.id).motifs == ("Passing time",)
    assert store.find_motif("time") is None
    assert changes == [Change("motif", "updated", (time.id,))]


def test_rename_motif_may_change_only_case(store: Store, journal: Journal) -> None:
    cup = _motif(store, "Cup")
    assert store.rename_motif(cup.id, "CUP").name == "CUP"
    assert store.get_entry(journal.cup.id).motifs == ("CUP", "Time")
    ärger = store.create_motif("ärger")
    assert store.rename_motif(ärger.id, "Ärger").name == "Ärger"


def test_rename_motif_refuses_a_name_in_use(store: Store, journal: Journal) -> None:
    cup = _motif(store, "Cup")
    error = _unchanged(store, lambda: store.rename_motif(cup.id, " time "), ConflictError)
    assert "Time" in str(error) and "merge" in str(error)
    _unchanged(store, lambda: store.rename_motif(cup.id, ""), ValidationError)
    assert store.get_motif(cup.id).name == "Cup"


def test_update_motif_description(store: Store, changes: list[Change]) -> None:
    motif = store.create_motif("Letter")
    assert store.update_motif(motif.id, description="finally\nopened").description == (
        "finally\nopened"
    )
    assert changes[-1] == Change("motif", "updated", (motif.id,))
    _unchanged(store, lambda: store.update_motif(motif.id, description="\x00"), ValidationError)


def test_merge_moves_every_use_and_reports_only_the_newly_tagged(
    store: Store, journal: Journal, changes: list[Change]
) -> None:
    time, cup = _motif(store, "Time"), _motif(store, "Cup")
    # clock has Time only; cup has Cup and Time.
    moved = store.merge_motifs(time.id, cup.id)
    assert moved == [journal.clock.id]
    with pytest.raises(NotFoundError):
        store.get_motif(time.id)
    assert store.get_entry(journal.clock.id).motifs == ("Cup",)
    assert store.get_entry(journal.cup.id).motifs == ("Cup",)
    merged = store.get_motif(cup.id)
    assert (merged.usage_count, merged.film_count) == (2, 1)
    assert changes == [Change("motif", "merged", (time.id, cup.id))]
    assert store.counts()["entry"] == 3


def test_merge_refuses_itself_and_stale_ids(store: Store, journal: Journal) -> None:
    cup = _motif(store, "Cup")
    _unchanged(store, lambda: store.merge_motifs(cup.id, cup.id), ValidationError)
    _unchanged(store, lambda: store.merge_motifs(cup.id, STALE), NotFoundError)
    _unchanged(store, lambda: store.merge_motifs(STALE, cup.id), NotFoundError)


def test_delete_motif_keeps_the_entries(
    store: Store, journal: Journal, changes: list[Change]
) -> None:
    time = _motif(store, "Time")
    store.delete_motif(time.id)
    assert changes == [Change("motif", "deleted", (time.id,))]
    assert store.counts()["entry"] == 3
    assert store.get_entry(journal.clock.id).motifs == ()
    assert store.get_entry(journal.clock.id).text == "the clock ticks"
    assert store.get_entry(journal.cup.id).motifs == ("Cup",)


def test_tag_entries_adds_and_removes_one_motif(
    store: Store, journal: Journal, changes: list[Change]
) -> None:
    photo = store.create_motif("Photograph")
    everything = [journal.clock.id, journal.cup.id, journal.letter.id]
    store.tag_entries(photo.id, everything + [journal.cup.id], tagged=True)
    store.tag_entries(photo.id, everything, tagged=True)  # again: nothing new, no error
    assert sorted(store.motif_entry_ids(photo.id)) == sorted(everything)
    assert store.get_motif(photo.id).film_count == 2
    store.tag_entries(photo.id, [journal.cup.id], tagged=False)
    assert sorted(store.motif_entry_ids(photo.id)) == sorted([journal.clock.id, journal.letter.id])
    assert changes[-1] == Change("motif", "updated", (photo.id,))
    store.tag_entries(photo.id, [], tagged=False)


def test_tag_entries_is_one_transaction(store: Store, journal: Journal) -> None:
    photo = store.create_motif("Photograph")
    _unchanged(
        store,
        lambda: store.tag_entries(photo.id, [journal.clock.id, STALE], tagged=True),
        ConflictError,
    )
    assert store.motif_entry_ids(photo.id) == []


def test_delete_then_restore_motif_brings_back_its_uid_and_tags(
    store: Store, journal: Journal, changes: list[Change]
) -> None:
    time = _motif(store, "Time")
    store.update_motif(time.id, description="clocks, trains")
    snapshot = store.motif_snapshot(time.id)
    assert snapshot == MotifSnapshot(
        time.uid, "Time", "clocks, trains", (journal.clock.uid, journal.cup.uid)
    )
    store.delete_motif(time.id)
    changes.clear()
    restored_id = store.restore_motif(snapshot)
    restored = store.get_motif(restored_id)
    assert (restored.uid, restored.name, restored.description) == (
        time.uid,
        "Time",
        "clocks, trains",
    )
    assert sorted(store.motif_entry_ids(restored_id)) == sorted([journal.clock.id, journal.cup.id])
    assert changes == [Change("motif", "created", (restored_id,))]


def test_restore_motif_is_refused_whole(store: Store, journal: Journal) -> None:
    time = _motif(store, "Time")
    snapshot = store.motif_snapshot(time.id)
    store.delete_motif(time.id)
    store.delete_entry(journal.cup.id)  # one of its entries is gone: nothing comes back
    error = _unchanged(store, lambda: store.restore_motif(snapshot), NotFoundError)
    assert str(error) == "that entry no longer exists"
    assert store.find_motif("Time") is None
    store.create_motif("time")  # its name is taken: refused, nothing written
    _unchanged(store, lambda: store.restore_motif(snapshot), ConflictError)


def test_unmerge_motifs_takes_a_merge_back_in_one_call(
    store: Store, journal: Journal, changes: list[Change]
) -> None:
    time, cup = _motif(store, "Time"), _motif(store, "Cup")
    before = store.export_document()
    snapshot = store.motif_snapshot(time.id)
    moved = store.uids_for_ids("entry", store.merge_motifs(time.id, cup.id))
    assert moved == [journal.clock.uid]
    changes.clear()
    restored_id = store.unmerge_motifs(snapshot, cup.id, moved)
    after = store.export_document()
    assert {**after, "exported_at": None} == {**before, "exported_at": None}
    assert store.get_entry(journal.clock.id).motifs == ("Time",)
    assert store.get_entry(journal.cup.id).motifs == ("Cup", "Time")
    assert changes == [
        Change("motif", "updated", (cup.id,)),
        Change("motif", "created", (restored_id,)),
    ]


def test_unmerge_motifs_is_one_transaction(store: Store, journal: Journal) -> None:
    time, cup = _motif(store, "Time"), _motif(store, "Cup")
    snapshot = store.motif_snapshot(time.id)
    moved = store.uids_for_ids("entry", store.merge_motifs(time.id, cup.id))
    store.create_motif("TIME")  # the merged motif's name is taken now
    # The untagging would succeed alone; it must not be kept when the restore is refused.
    _unchanged(store, lambda: store.unmerge_motifs(snapshot, cup.id, moved), ConflictError)
    assert store.get_entry(journal.clock.id).motifs == ("Cup",)


def test_motif_snapshot_costs_the_same_few_queries_however_many_entries(
    store: Store, journal: Journal
) -> None:
    def queries_for_snapshot(motif_id: int) -> int:
        statements: list[str] = []
        connection = store._reader()
        connection.set_trace_callback(statements.append)
        try:
            store.motif_snapshot(motif_id)
        finally:
            connection.set_trace_callback(None)
        return len(statements)

    few = store.create_motif("Few")
    many = store.create_motif("Many")
    viewing = journal.spring_watch.id
    store.create_entry(viewing, 1, "note", "one", motifs=["Few"])
    store.import_document(
        {
            "format": "reflective-journal",
            "version": 1,
            "films": [
                {
                    "title": "Many entries",
                    "viewings": [
                        {
                            "watched_on": "2026-01-01",
                            "entries": [
                                {"position_ms": i, "kind": "note", "motifs": ["Many"]}
                                for i in range(600)
                            ],
                        }
                    ],
                }
            ],
        }
    )
    assert len(store.motif_snapshot(many.id).entry_uids) == 600
    assert queries_for_snapshot(many.id) == queries_for_snapshot(few.id) <= 4


def test_bulk_uid_lookups_keep_order_and_refuse_a_missing_record(
    store: Store, journal: Journal
) -> None:
    ids = [journal.letter.id, journal.clock.id, journal.letter.id]
    uids = store.uids_for_ids("entry", ids)
    assert uids == [journal.letter.uid, journal.clock.uid, journal.letter.uid]
    assert store.ids_for_uids("entry", uids) == ids
    assert store.ids_for_uids("entry", []) == []
    with pytest.raises(NotFoundError, match="that entry no longer exists"):
        store.ids_for_uids("entry", [journal.clock.uid, "00000000-0000-4000-8000-000000000000"])
    with pytest.raises(NotFoundError):
        store.uids_for_ids("film", [STALE])
    with pytest.raises(ValueError):
        store.ids_for_uids("entry_motif", [])


def test_list_motifs_with_usage_and_film_counts(store: Store, journal: Journal) -> None:
    store.create_motif("ärger")
    store.create_motif("apple")
    motifs = {m.name: (m.usage_count, m.film_count) for m in store.list_motifs()}
    assert motifs == {
        "apple": (0, 0),
        "Cup": (1, 1),
        "Letter": (1, 1),
        "Time": (2, 1),
        "ärger": (0, 0),
    }
    # By name ignoring case (code point order beyond that: no locale collation).
    assert [m.name for m in store.list_motifs()] == ["apple", "Cup", "Letter", "Time", "ärger"]
    store.tag_entries(_motif(store, "Time").id, [journal.letter.id], tagged=True)
    assert _motif(store, "Time").film_count == 2


def test_motif_occurrences_across_films_and_viewings(store: Store, journal: Journal) -> None:
    time = _motif(store, "Time")
    store.tag_entries(time.id, [journal.letter.id], tagged=True)
    found = store.motif_occurrences(time.id)
    assert [(o.film_title, o.watched_on, o.position_ms) for o in found] == [
        ("late Spring", date(2024, 1, 2), 5_000),
        ("Tokyo Story", date(2020, 5, 1), 90_000),
        ("Tokyo Story", date(2026, 11, 21), 30_000),
    ]
    clock = found[1]
    assert (clock.entry_id, clock.viewing_id, clock.film_id, clock.film_year) == (
        journal.clock.id,
        journal.first_watch.id,
        journal.tokyo.id,
        1953,
    )
    assert (clock.kind, clock.text) == ("scene", "the clock ticks")
    assert store.motif_occurrences(store.create_motif("Unused").id) == []


def test_find_motif_ignores_case_and_spacing(store: Store, journal: Journal) -> None:
    ärger = store.create_motif("Ärger")
    assert store.find_motif("ärger") == ärger
    assert store.find_motif("  ÄRGER ") == ärger
    assert store.find_motif("A\u0308rger") == ärger
    assert store.find_motif("arger") is None
    assert store.find_motif("") is None


# --- notices, stale ids, housekeeping -----------------------------------------------------


def test_listeners_hear_after_commit_and_can_unsubscribe(store: Store) -> None:
    seen: list[tuple[Change, str]] = []

    def listener(change: Change) -> None:
        # The change is committed: reading it back from the store works.
        seen.append((change, store.get_film(change.ids[0]).title))

    unsubscribe = store.subscribe(listener)
    film = store.create_film("Tokyo Story")
    assert seen == [(Change("film", "created", (film.id,), film_id=film.id), "Tokyo Story")]
    unsubscribe()
    unsubscribe()  # twice is harmless
    store.update_film(film.id, title="Late Spring")
    assert len(seen) == 1


def test_failed_writes_are_not_announced(
    store: Store, journal: Journal, changes: list[Change]
) -> None:
    for action in (
        lambda: store.create_film(""),
        lambda: store.update_film(STALE, title="x"),
        lambda: store.create_motif("cup"),
        lambda: store.merge_motifs(STALE, STALE + 1),
    ):
        with pytest.raises((ValidationError, NotFoundError, ConflictError)):
            action()
    assert changes == []


STALE_CALLS: list[tuple[str, Callable[[Store], Any]]] = [
    ("get_film", lambda s: s.get_film(STALE)),
    ("update_film", lambda s: s.update_film(STALE, title="x")),
    ("delete_film", lambda s: s.delete_film(STALE)),
    ("film_counts", lambda s: s.film_counts(STALE)),
    ("create_viewing", lambda s: s.create_viewing(STALE, "2026-01-01")),
    ("get_viewing", lambda s: s.get_viewing(STALE)),
    ("update_viewing", lambda s: s.update_viewing(STALE, rating=3)),
    ("delete_viewing", lambda s: s.delete_viewing(STALE)),
    ("create_entry", lambda s: s.create_entry(STALE, 0, "note")),
    ("get_entry", lambda s: s.get_entry(STALE)),
    ("update_entry", lambda s: s.update_entry(STALE, text="x")),
    ("delete_entry", lambda s: s.delete_entry(STALE)),
    ("get_motif", lambda s: s.get_motif(STALE)),
    ("rename_motif", lambda s: s.rename_motif(STALE, "x")),
    ("update_motif", lambda s: s.update_motif(STALE, description="x")),
    ("merge_motifs", lambda s: s.merge_motifs(STALE, STALE + 1)),
    ("delete_motif", lambda s: s.delete_motif(STALE)),
    ("tag_entries", lambda s: s.tag_entries(STALE, [], tagged=True)),
    ("motif_occurrences", lambda s: s.motif_occurrences(STALE)),
    ("id_for_uid", lambda s: s.id_for_uid("film", "0b3c7a52-8d9e-4f3b-9a55-2c1d1e0f9a11")),
]


@pytest.mark.parametrize(("name", "call"), STALE_CALLS, ids=[name for name, _ in STALE_CALLS])
def test_stale_ids_raise_not_found_and_write_nothing(
    store: Store, journal: Journal, name: str, call: Callable[[Store], Any]
) -> None:
    _unchanged(store, lambda: call(store), NotFoundError)


def test_a_record_deleted_elsewhere_is_not_found(store: Store, data_dir: Path) -> None:
    film = store.create_film("Tokyo Story")
    other = Store.open(data_dir)
    try:
        other.delete_film(film.id)
    finally:
        other.close()
    with pytest.raises(NotFoundError, match="no longer exists"):
        store.update_film(film.id, title="x")


def test_housekeeping(store: Store, journal: Journal, data_dir: Path) -> None:
    assert store.counts() == {
        "film": 3,
        "viewing": 3,
        "entry": 3,
        "motif": 3,
        "tag": 0,
        "answer": 0,
        "subtitle_track": 0,
        "cue": 0,
    }
    assert store.schema_revision() == HEAD
    assert store.integrity_check() == "ok"
    assert store.path == data_dir / "journal.sqlite3"
    assert store.id_for_uid("entry", journal.cup.uid) == journal.cup.id
    assert store.id_for_uid("motif", _motif(store, "cup").uid) == _motif(store, "cup").id


def test_everything_written_is_there_after_reopening(
    store: Store, journal: Journal, data_dir: Path
) -> None:
    films = store.list_films()
    entries = store.list_entries(journal.rewatch.id)
    motifs = store.list_motifs()
    store.close()
    again = Store.open(data_dir)
    try:
        assert again.list_films() == films
        assert again.list_entries(journal.rewatch.id) == entries
        assert again.list_motifs() == motifs
    finally:
        again.close()


def test_motif_names_lists_every_name_in_name_order(store):
    viewing = store.create_viewing(store.create_film("Aftersun").id, "2024-06-01")
    store.create_entry(viewing.id, 0, "note", "", motifs=["Rain on glass", "ärger", "Cup"])
    store.create_motif("unused thread")
    # Same order as list_motifs (case-folded names, by code point).
    assert store.motif_names() == [m.name for m in store.list_motifs()]
    assert store.motif_names() == ["Cup", "Rain on glass", "unused thread", "ärger"]


def test_a_full_disk_is_a_readable_storage_error_and_nothing_is_half_written(data_dir):
    """SQLite's 'database or disk is full' (here forced with max_page_count) reaches the
    caller as a StorageError it can show, the transaction rolled back."""
    from sqlalchemy import event

    from journal.errors import StorageError

    opened = Store.open(data_dir)
    try:
        film = opened.create_film("Tokyo Story")
        pages = opened._reader().execute("PRAGMA page_count").fetchone()[0]

        def cap(connection, _record):
            connection.execute(f"PRAGMA max_page_count={pages + 2}")

        opened.engine.dispose()
        event.listen(opened.engine, "connect", cap)
        with pytest.raises(StorageError, match="disk is full"):
            opened.update_film(film.id, notes="a long reflection " * 50_000)
        assert opened.get_film(film.id).notes == ""
    finally:
        opened.close()


def test_a_thread_can_hand_back_its_read_connection(store):
    import threading

    store.create_film("Aftersun")
    store.list_films()  # this thread's own read connection

    def worker():
        assert [f.title for f in store.list_films()] == ["Aftersun"]
        store.release_thread_connection()

    threads = [threading.Thread(target=worker) for _ in range(5)]
    for thread in threads:
        thread.start()
        thread.join()
    assert len(store._readers) == 1  # only this thread's own


def test_reading_and_searching_never_load_the_orm_and_the_first_write_does(
    store: Store, journal: Journal
) -> None:
    """Start-up reads through plain sqlite3; SQLAlchemy and SQLModel load, as the whole
    journal.store.writes module, on the first write. Checked in a fresh interpreter."""
    import subprocess
    import sys

    assert store.data_dir is not None
    store.close()
    script = f"""
import sys
from pathlib import Path
from journal.store import Store
store = Store.open(Path({str(store.data_dir)!r}))
store.list_films(); store.search("cup"); store.list_motifs(); store.export_document()
loaded = [m for m in ("sqlalchemy", "sqlmodel", "journal.store.writes", "journal.models")
          if m in sys.modules]
assert loaded == [], loaded
store.create_film("Late Autumn")
assert "journal.store.writes" in sys.modules and "sqlalchemy" in sys.modules
store.close()
"""
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
