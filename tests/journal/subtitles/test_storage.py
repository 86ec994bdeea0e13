"""Subtitle tracks in the journal: attached whole, aligned undoably, read back fast."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from journal.errors import NotFoundError, ValidationError
from journal.store import Store
from journal.subtitles import storage
from journal.subtitles.cues import Cue, SubtitleError
from journal.subtitles.reading import read_bytes
from tests.journal.subtitles.script import RUNTIME_MS, as_srt, script_cues


@pytest.fixture
def film(store: Store):
    return store.create_film("The Mended Cup", year=2024, runtime_ms=RUNTIME_MS)


def _attach(store: Store, film_id: int, **track):
    read = read_bytes(as_srt(script_cues()).encode(), "mended-cup.en.srt")
    return store.attach_subtitles(film_id, read.cues, file_name="mended-cup.en.srt", **track)


def test_attaching_copies_every_cue_in_one_track(store: Store, film) -> None:
    track = _attach(store, film.id, label="English", language="en")
    assert (track.label, track.language, track.file_name) == ("English", "en", "mended-cup.en.srt")
    assert track.cue_count == len(script_cues())
    assert (track.offset_ms, track.scale) == (0, 1.0)
    assert storage.track_cues(store, track.id) == script_cues()
    assert store.list_subtitle_tracks(film.id) == [track]


def test_a_film_keeps_several_tracks_and_the_first_is_quoted(store: Store, film) -> None:
    english = _attach(store, film.id, language="en")
    french = store.attach_subtitles(film.id, [Cue(140_000, 143_000, "Pardon.")], language="fr")
    assert [t.id for t in store.list_subtitle_tracks(film.id)] == [english.id, french.id]
    assert [c.text for c in store.cues_at(film.id, 141_000)] == ["I'm sorry. I should have called."]
    assert [c.text for c in store.cues_at(film.id, 141_000, track_id=french.id)] == ["Pardon."]
    assert store.cues_at(film.id, 10_000) == []


def test_cues_at_a_film_without_subtitles_is_empty(store: Store, film) -> None:
    assert store.cues_at(film.id, 0) == []


def test_a_bad_cue_refuses_the_whole_track(store: Store, film) -> None:
    bad = [Cue(0, 1000, "fine"), Cue(2000, 3000, "a control \x07 character")]
    with pytest.raises(ValidationError):
        store.attach_subtitles(film.id, bad)
    with pytest.raises(SubtitleError):
        store.attach_subtitles(film.id, [])
    with pytest.raises(ValidationError, match="language"):
        store.attach_subtitles(film.id, [Cue(0, 1, "x")], language="English please")
    assert store.list_subtitle_tracks(film.id) == []
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("SELECT count(*) FROM cue").fetchone() == (0,)


def test_attaching_to_a_missing_film_writes_nothing(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.attach_subtitles(999, [Cue(0, 1, "x")])


def test_alignment_is_stored_and_undone_exactly(store: Store, film) -> None:
    track = _attach(store, film.id)
    assert [c.text for c in store.cues_at(film.id, 141_000)] == ["I'm sorry. I should have called."]
    offset, scale = storage.shifted(track, -2.5)
    moved = store.align_subtitles(track.id, offset_ms=offset, scale=scale)
    assert moved.offset_ms == -2500
    assert store.cues_at(film.id, 139_000)[0].start_ms == 137_500
    offset, scale = storage.rescaled(moved, 25, 23.976)
    stretched = store.align_subtitles(track.id, offset_ms=offset, scale=scale)
    assert stretched.scale == pytest.approx(25 / 23.976)
    first = storage.track_cues(store, track.id)[1]
    assert first.start_ms == round(130_000 * 25 / 23.976) + round(-2500 * 25 / 23.976)
    store.align_subtitles(track.id, offset_ms=0, scale=1.0)  # what undo does
    assert storage.track_cues(store, track.id) == script_cues()


def test_deleting_a_track_can_be_undone_with_its_document(store: Store, film) -> None:
    track = _attach(store, film.id, label="English", language="en")
    store.align_subtitles(track.id, offset_ms=1500, scale=1.0)
    cues_before = storage.track_cues(store, track.id)
    document = store.delete_subtitle_track(track.id)
    assert store.list_subtitle_tracks(film.id) == []
    assert store.cues_at(film.id, 141_000) == []
    back = store.restore_subtitle_track(film.id, document)
    assert (back.uid, back.offset_ms, back.label) == (track.uid, 1500, "English")
    assert storage.track_cues(store, back.id) == cues_before


def test_deleting_the_film_deletes_its_tracks_and_cues(store: Store, film) -> None:
    _attach(store, film.id)
    store.delete_film(film.id)
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("SELECT count(*) FROM subtitle_track").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM cue").fetchone() == (0,)


def test_the_schema_refuses_a_cue_that_ends_before_it_starts(store: Store, film) -> None:
    track = _attach(store, film.id)
    with sqlite3.connect(store.path) as connection, pytest.raises(sqlite3.IntegrityError):
        connection.execute(
            "INSERT INTO cue (track_id, start_ms, end_ms, text) VALUES (?, 5, 4, 'x')", (track.id,)
        )


def test_silences_and_refrains_of_a_track(store: Store, film) -> None:
    track = _attach(store, film.id)
    found = store.subtitle_silences(track.id)
    assert found[0].opening and found[0].end_ms == 130_000
    assert all(s.length_ms >= 20_000 for s in found)
    assert len(store.subtitle_silences(track.id, min_gap_ms=400_000)) < len(found)
    refrains = store.subtitle_refrains(track.id)
    assert refrains[0].apology and "sorry" in refrains[0].phrase
    assert store.subtitle_refrains(track.id) is refrains  # computed once per adjustment
    variants = storage.variants(store, track.id, refrains[0])
    assert variants == [] or all(v.similarity >= 50 for v in variants)


def test_changes_are_announced(store: Store, film) -> None:
    seen = []
    store.subscribe(seen.append)
    track = _attach(store, film.id)
    store.align_subtitles(track.id, offset_ms=100, scale=1.0)
    store.delete_subtitle_track(track.id)
    assert [(c.entity, c.action, c.film_id) for c in seen] == [
        ("subtitles", "created", film.id),
        ("subtitles", "updated", film.id),
        ("subtitles", "deleted", film.id),
    ]


def test_a_refrain_becomes_a_motif_tagging_entries_and_quoting_missing_lines(
    store: Store, film
) -> None:
    viewing = store.create_viewing(film.id, date(2026, 11, 30))
    earlier = store.create_viewing(film.id, date(2025, 1, 1))
    noted = store.create_entry(viewing.id, 1_313_000, "reaction", "this one hurts")
    old = store.create_entry(earlier.id, 3_901_000, "note", "so sorry")
    lines = [
        (1_312_000, 1_316_000, "I'm sorry, Dad."),
        (3_900_000, 3_904_000, "I'm so sorry, Dad."),
    ]
    done = storage.make_motif_from_refrain(store, viewing.id, "I'm sorry", lines)
    motif = store.find_motif("i'm sorry")
    assert motif is not None and done.motif_created
    assert set(done.tagged_entry_ids) == {noted.id, old.id}
    entries = store.list_entries(viewing.id)
    made = [e for e in entries if e.id in done.created_entry_ids]
    assert [(e.position_ms, e.kind, e.text, e.motifs) for e in made] == [
        (3_900_000, "dialogue", "\u201cI'm so sorry, Dad.\u201d", ("I'm sorry",))
    ]
    assert store.get_entry(noted.id).motifs == ("I'm sorry",)

    storage.undo_motif_from_refrain(store, done)
    assert store.find_motif("I'm sorry") is None
    assert [e.id for e in store.list_entries(viewing.id)] == [noted.id]
    assert store.get_entry(old.id).motifs == ()
