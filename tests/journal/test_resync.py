"""Re-sync: a viewing's entries shifted or scaled in one transaction, undone exactly."""

from __future__ import annotations

from fractions import Fraction

import pytest

from journal.errors import NotFoundError, ValidationError
from journal.store import Change, Store
from journal.watch.stamp import FILM_TO_PAL, PAL_TO_FILM


@pytest.fixture
def viewing(store: Store):
    film = store.create_film("Tokyo Story", year=1953)
    viewing = store.create_viewing(film.id, "2026-11-21")
    for position in (500, 60_000, 2_532_000):
        store.create_entry(viewing.id, position, "note", f"at {position}")
    other = store.create_viewing(film.id, "2026-11-22")
    store.create_entry(other.id, 60_000, "pause")
    return viewing


def _positions(store: Store, viewing_id: int) -> list[int]:
    return [entry.position_ms for entry in store.list_entries(viewing_id)]


def test_shift_moves_every_entry_of_the_viewing_in_one_transaction(store, viewing) -> None:
    other = store.list_viewings(viewing.film_id)[1]
    changes: list[Change] = []
    store.subscribe(changes.append)
    moved = store.shift_entries(viewing.id, -14_000)
    assert _positions(store, viewing.id) == [0, 46_000, 2_518_000]  # 500 clamped at 0
    assert _positions(store, other.id) == [60_000]  # another viewing is left alone
    assert [position for _, position in moved.before] == [500, 60_000, 2_532_000]
    assert moved.moved == 3
    assert len(changes) == 1 and changes[0].entity == "entry" and len(changes[0].ids) == 3

    # Shifting back cannot recover a clamped position; the stored old ones can.
    store.set_entry_positions(viewing.id, moved.before)
    assert _positions(store, viewing.id) == [500, 60_000, 2_532_000]
    store.set_entry_positions(viewing.id, moved.after)
    assert _positions(store, viewing.id) == [0, 46_000, 2_518_000]


def test_scale_to_a_pal_copy_and_back(store, viewing) -> None:
    store.scale_entries(viewing.id, FILM_TO_PAL)
    assert _positions(store, viewing.id) == [480, 57_542, 2_428_292]
    store.scale_entries(viewing.id, PAL_TO_FILM)
    assert _positions(store, viewing.id) == [500, 60_000, 2_532_000]


def test_bad_re_syncs_are_refused_and_write_nothing(store, viewing) -> None:
    before = store.list_entries(viewing.id)
    with pytest.raises(ValidationError, match="frame-rate"):
        store.scale_entries(viewing.id, Fraction(3))
    with pytest.raises(ValidationError, match="longer than any film"):
        store.shift_entries(viewing.id, 10**12)
    with pytest.raises(NotFoundError):
        store.shift_entries(viewing.id + 100, 1_000)
    entry = before[1]
    store.delete_entry(entry.id)
    with pytest.raises(NotFoundError, match="no position was changed"):
        store.set_entry_positions(viewing.id, [(e.uid, 7) for e in before])
    assert _positions(store, viewing.id) == [500, 2_532_000]


def test_the_lag_travels_in_the_json_document_and_is_optional(store, viewing, tmp_path) -> None:
    store.update_viewing(viewing.id, lag_ms=3_500)
    document = store.export_document()
    lags = [v["lag_ms"] for f in document["films"] for v in f["viewings"]]
    assert lags == [3_500, 2_000]
    other = Store.open(tmp_path / "other")
    try:
        other.import_document(document)
        again = other.export_document()
        assert {**again, "exported_at": None} == {**document, "exported_at": None}
        # A document without lag_ms (version 1) means the default lag.
        for film in document["films"]:
            for item in film["viewings"]:
                del item["lag_ms"]
                item["uid"] = item["uid"][:-4] + "beef"
                for entry in item["entries"]:
                    entry["uid"] = entry["uid"][:-4] + "beef"
        other.import_document(document)
        film_id = other.list_films()[0].id
        assert sorted(v.lag_ms for v in other.list_viewings(film_id)) == [
            2_000,
            2_000,
            2_000,
            3_500,
        ]
    finally:
        other.close()
    with pytest.raises(ValidationError, match=r"films\[0\]\.viewings\[0\]\.lag_ms"):
        store.import_document(
            {
                **document,
                "films": [
                    {
                        **document["films"][0],
                        "viewings": [{"watched_on": "2026-01-01", "lag_ms": 20_000}],
                    }
                ],
            }
        )
