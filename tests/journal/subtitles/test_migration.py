"""Migration 0004 adds subtitle tracks and cues and keeps every row of a journal with data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from journal.backup import backups_dir
from journal.db import journal_path
from journal.migrations import HEAD, REVISIONS
from journal.store import Store
from journal.subtitles.cues import Cue
from tests.journal.test_migrations import _data_rows, _fill, _schema_to


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}


def _before_subtitles() -> str:
    return REVISIONS[REVISIONS.index("0004_subtitles") - 1]


def test_a_journal_with_data_gains_subtitles_keeping_every_row(data_dir: Path) -> None:
    store = Store.open(data_dir)
    _fill(store)
    store.close()
    path = journal_path(data_dir)
    _schema_to(path, _before_subtitles())
    assert not {"subtitle_track", "cue"} & _tables(path)
    rows_before = _data_rows(path)
    assert rows_before["entry"] and rows_before["entry_motif"]

    store = Store.open(data_dir)  # migrates
    try:
        assert store.schema_revision() == HEAD
        assert store.integrity_check() == "ok"
        film = store.list_films()[-1]
        track = store.attach_subtitles(film.id, [Cue(1000, 2000, "Isn't life disappointing?")])
        assert [c.text for c in store.cues_at(film.id, 1500, track_id=track.id)] == [
            "Isn't life disappointing?"
        ]
        store.delete_subtitle_track(track.id)
    finally:
        store.close()
    assert _data_rows(path) == rows_before
    assert {"subtitle_track", "cue"} <= _tables(path)
    assert any(backups_dir(data_dir).iterdir())  # backed up before migrating


def test_0004_downgrades_dropping_only_the_subtitle_tables(data_dir: Path) -> None:
    store = Store.open(data_dir)
    _fill(store)
    store.close()
    path = journal_path(data_dir)
    rows = _data_rows(path)
    _schema_to(path, _before_subtitles())
    assert not {"subtitle_track", "cue"} & _tables(path)
    assert _data_rows(path) == rows
