"""The schema itself keeps the rules: writes that bypass the store are refused by SQLite."""

from __future__ import annotations

import sqlite3
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.db import journal_path
from journal.store import Store

NOW = "2026-11-21 12:00:00.000000"


@pytest.fixture
def raw(data_dir: Path) -> Iterator[sqlite3.Connection]:
    """A migrated journal on disk, opened with plain sqlite3 and foreign keys on."""
    Store.open(data_dir).close()
    connection = sqlite3.connect(journal_path(data_dir), isolation_level=None)
    connection.execute("PRAGMA foreign_keys=ON")
    yield connection
    connection.close()


def _uid() -> str:
    return str(uuid.uuid4())


def add_film(db: sqlite3.Connection, **overrides: object) -> int:
    values: dict[str, object] = {
        "uid": _uid(),
        "title": "Tokyo Story",
        "year": 1953,
        "director": "Ozu",
        "runtime_ms": None,
        "notes": "",
        "letterboxd_uri": None,
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(overrides)
    return _insert(db, "film", values)


def add_viewing(db: sqlite3.Connection, film_id: int, **overrides: object) -> int:
    values: dict[str, object] = {
        "uid": _uid(),
        "film_id": film_id,
        "watched_on": "2026-11-21",
        "rewatch": 0,
        "rating": 4.5,
        "reflection": "",
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(overrides)
    return _insert(db, "viewing", values)


def add_entry(db: sqlite3.Connection, viewing_id: int, **overrides: object) -> int:
    values: dict[str, object] = {
        "uid": _uid(),
        "viewing_id": viewing_id,
        "position_ms": 1000,
        "kind": "pause",
        "text": "a held look",
        "intensity": 3,
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(overrides)
    return _insert(db, "entry", values)


def add_motif(
    db: sqlite3.Connection, name: str, key: str | None = None, **overrides: object
) -> int:
    values: dict[str, object] = {
        "uid": _uid(),
        "name": name,
        "name_key": key if key is not None else name.casefold(),
        "description": "",
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(overrides)
    return _insert(db, "motif", values)


def _insert(db: sqlite3.Connection, table: str, values: dict[str, object]) -> int:
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cursor = db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values()))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def count(db: sqlite3.Connection, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_valid_rows_are_accepted(raw: sqlite3.Connection) -> None:
    film = add_film(raw)
    viewing = add_viewing(raw, film)
    entry = add_entry(raw, viewing)
    motif = add_motif(raw, "Letter")
    raw.execute("INSERT INTO entry_motif (entry_id, motif_id) VALUES (?, ?)", (entry, motif))
    assert [count(raw, t) for t in ("film", "viewing", "entry", "motif", "entry_motif")] == [
        1,
        1,
        1,
        1,
        1,
    ]


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": None},
        {"title": ""},
        {"title": "x" * 301},
        {"year": 1869},
        {"year": 2101},
        {"runtime_ms": 0},
        {"uid": None},
        {"director": None},
        {"notes": None},
    ],
    ids=repr,
)
def test_bad_films_are_refused(raw: sqlite3.Connection, overrides: dict[str, object]) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        add_film(raw, **overrides)
    assert count(raw, "film") == 0


@pytest.mark.parametrize(
    "overrides",
    [
        {"rating": 4.3},
        {"rating": 0.0},
        {"rating": 5.5},
        {"rating": 0.25},
        {"rating": "good"},
        {"watched_on": None},
        {"rewatch": None},
    ],
    ids=repr,
)
def test_bad_viewings_are_refused(raw: sqlite3.Connection, overrides: dict[str, object]) -> None:
    film = add_film(raw)
    with pytest.raises(sqlite3.IntegrityError):
        add_viewing(raw, film, **overrides)
    assert count(raw, "viewing") == 0


@pytest.mark.parametrize("rating", [None, 0.5, 3.0, 4.5, 5.0])
def test_half_step_ratings_are_stored(raw: sqlite3.Connection, rating: float | None) -> None:
    viewing = add_viewing(raw, add_film(raw), rating=rating)
    assert (
        raw.execute("SELECT rating FROM viewing WHERE id = ?", (viewing,)).fetchone()[0] == rating
    )


@pytest.mark.parametrize(
    "overrides",
    [
        {"kind": "silence"},
        {"kind": "Pause"},
        {"kind": None},
        {"intensity": 9},
        {"intensity": 0},
        {"position_ms": -1},
        {"position_ms": None},
        {"text": None},
    ],
    ids=repr,
)
def test_bad_entries_are_refused(raw: sqlite3.Connection, overrides: dict[str, object]) -> None:
    viewing = add_viewing(raw, add_film(raw))
    with pytest.raises(sqlite3.IntegrityError):
        add_entry(raw, viewing, **overrides)
    assert count(raw, "entry") == 0


def test_duplicate_uids_are_refused_in_every_table(raw: sqlite3.Connection) -> None:
    uid = _uid()
    film = add_film(raw, uid=uid)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        add_film(raw, uid=uid, title="Another")
    viewing = add_viewing(raw, film, uid=uid)  # uids are unique per table
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        add_viewing(raw, film, uid=uid)
    add_entry(raw, viewing, uid=uid)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        add_entry(raw, viewing, uid=uid)
    add_motif(raw, "Letter", uid=uid)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        add_motif(raw, "Cup", uid=uid)


def test_duplicate_motif_keys_are_refused(raw: sqlite3.Connection) -> None:
    add_motif(raw, "Ärger", key="ärger")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        add_motif(raw, "ärger", key="ärger")
    assert count(raw, "motif") == 1


@pytest.mark.parametrize(
    ("name", "key"), [("", "empty"), ("x" * 101, "long"), (None, "none"), ("Cup", None)]
)
def test_bad_motif_names_are_refused(raw: sqlite3.Connection, name: object, key: object) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        _insert(
            raw,
            "motif",
            {"uid": _uid(), "name": name, "name_key": key, "created_at": NOW, "updated_at": NOW},
        )
    assert count(raw, "motif") == 0


def test_orphans_are_refused_with_foreign_keys_on(raw: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        add_viewing(raw, 999)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        add_entry(raw, 999)
    motif = add_motif(raw, "Letter")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        raw.execute("INSERT INTO entry_motif (entry_id, motif_id) VALUES (999, ?)", (motif,))
    assert count(raw, "viewing") == count(raw, "entry") == count(raw, "entry_motif") == 0


def _small_journal(raw: sqlite3.Connection) -> dict[str, int]:
    film = add_film(raw)
    other_film = add_film(raw, title="Late Spring")
    viewing = add_viewing(raw, film)
    other_viewing = add_viewing(raw, other_film)
    entry = add_entry(raw, viewing)
    other_entry = add_entry(raw, other_viewing)
    motif = add_motif(raw, "Letter")
    for entry_id in (entry, other_entry):
        raw.execute("INSERT INTO entry_motif (entry_id, motif_id) VALUES (?, ?)", (entry_id, motif))
    return {"film": film, "viewing": viewing, "entry": entry, "motif": motif}


def test_deleting_a_film_cascades_to_viewings_entries_and_links(raw: sqlite3.Connection) -> None:
    ids = _small_journal(raw)
    raw.execute("DELETE FROM film WHERE id = ?", (ids["film"],))
    assert count(raw, "viewing") == 1
    assert count(raw, "entry") == 1
    assert count(raw, "entry_motif") == 1
    assert count(raw, "motif") == 1  # motifs are threads of their own
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []


def test_deleting_a_viewing_or_entry_cascades(raw: sqlite3.Connection) -> None:
    ids = _small_journal(raw)
    raw.execute("DELETE FROM viewing WHERE id = ?", (ids["viewing"],))
    assert (count(raw, "entry"), count(raw, "entry_motif")) == (1, 1)
    raw.execute("DELETE FROM entry")
    assert count(raw, "entry_motif") == 0
    assert count(raw, "film") == 2


def test_deleting_a_motif_keeps_its_entries(raw: sqlite3.Connection) -> None:
    ids = _small_journal(raw)
    raw.execute("DELETE FROM motif WHERE id = ?", (ids["motif"],))
    assert count(raw, "entry_motif") == 0
    assert count(raw, "entry") == 2


def test_a_new_journal_is_private(data_dir: Path) -> None:
    store = Store.open(data_dir)
    try:
        store.create_film("Tokyo Story")  # a write, so the WAL files exist too
        path = journal_path(data_dir)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        for suffix in ("-wal", "-shm"):
            sidecar = path.with_name(path.name + suffix)
            if sidecar.exists():
                assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600, suffix
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    finally:
        store.close()


def test_connections_have_the_journal_pragmas(store: Store) -> None:
    with store.engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
        assert pragma("PRAGMA busy_timeout").scalar() > 0
