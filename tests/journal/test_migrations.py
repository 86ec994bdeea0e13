"""Migrations and models stay equal; opening a journal never loses or changes what it holds."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

import journal.models  # noqa: F401  (registers the tables)
from journal.backup import backups_dir
from journal.db import journal_path
from journal.errors import StorageError, ValidationError
from journal.migrations import HEAD, REVISIONS, include_object
from journal.store import Store

REPO = Path(__file__).resolve().parents[2]


def _script_directory() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", "journal:migrations")
    return ScriptDirectory.from_config(config)


def _fill(store: Store) -> None:
    """A little of everything, including text that FTS must index."""
    film = store.create_film(
        "Tokyo Story", year=1953, director="Ozu", notes="the clock", runtime_ms=8_160_000
    )
    store.create_film("Late Spring", letterboxd_uri="https://letterboxd.com/film/late-spring/")
    viewing = store.create_viewing(film.id, date(2026, 11, 21), rating=4.5, reflection="quiet")
    store.create_viewing(film.id, "2026-11-22", rewatch=True)
    store.create_entry(viewing.id, 60_000, "pause", "a held look", intensity=4, motifs=["Cup"])
    store.create_entry(viewing.id, 30_000, "dialogue", "Isn't life disappointing?")
    store.create_motif("Letter", "finally opened")


def _dump(path: Path) -> tuple[list[str], list[tuple[str, str, str | None]]]:
    """Every row of every table (FTS shadow tables included) and the whole schema."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = list(connection.iterdump())
        schema = connection.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    finally:
        connection.close()
    return rows, schema


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> dict[str, str]:
    return {p.name: _sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


# --- models and migrations are the same schema ------------------------------------------------


def test_autogenerate_finds_no_difference_between_models_and_migrations(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def _constraints(engine) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    inspector = inspect(engine)
    return {
        table: {
            "checks": sorted(
                (c["name"], c["sqltext"]) for c in inspector.get_check_constraints(table)
            ),
            "foreign_keys": sorted(
                (
                    fk["name"],
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    str(fk["options"]),
                )
                for fk in inspector.get_foreign_keys(table)
            ),
            "uniques": sorted(
                (u["name"], tuple(u["column_names"]))
                for u in inspector.get_unique_constraints(table)
            ),
        }
        for table in sorted(SQLModel.metadata.tables)
    }


def test_migrations_create_the_models_check_constraints(store: Store, tmp_path: Path) -> None:
    # Autogenerate does not compare CHECK constraints, so compare them with the models' own DDL.
    from_models = create_engine(f"sqlite:///{tmp_path / 'models.sqlite3'}")
    try:
        SQLModel.metadata.create_all(from_models)
        expected = _constraints(from_models)
    finally:
        from_models.dispose()
    assert _constraints(store.engine) == expected
    assert any(expected[table]["checks"] for table in expected)  # the comparison compares something


def test_revisions_match_alembic_history() -> None:
    scripts = _script_directory()
    history = [revision.revision for revision in scripts.walk_revisions("base", "heads")]
    assert tuple(reversed(history)) == REVISIONS
    assert scripts.get_heads() == [HEAD]
    assert REVISIONS[-1] == HEAD


def test_a_new_journal_is_at_head(store: Store) -> None:
    assert store.schema_revision() == HEAD
    assert store.integrity_check() == "ok"


# --- opening again -------------------------------------------------------------------------


def test_opening_again_changes_nothing_and_keeps_every_row(data_dir: Path) -> None:
    store = Store.open(data_dir)
    _fill(store)
    store.close()
    path = journal_path(data_dir)
    before = _dump(path)
    assert any(line.startswith('INSERT INTO "entry"') for line in before[0])

    for _ in range(2):
        Store.open(data_dir).close()

    assert _dump(path) == before
    # An up-to-date journal needs no migration, so no backup is made on open.
    assert not backups_dir(data_dir).exists() or not any(backups_dir(data_dir).iterdir())


def test_reopened_journal_reads_the_same(data_dir: Path) -> None:
    store = Store.open(data_dir)
    _fill(store)
    films = store.list_films()
    document = store.export_document()
    store.close()
    again = Store.open(data_dir)
    try:
        assert again.list_films() == films
        assert {k: v for k, v in again.export_document().items() if k != "exported_at"} == {
            k: v for k, v in document.items() if k != "exported_at"
        }
    finally:
        again.close()


def _set_revision(path: Path, revision: str) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")  # leave one self-contained file
    finally:
        connection.close()


def test_a_journal_from_a_newer_version_is_refused_untouched(data_dir: Path) -> None:
    store = Store.open(data_dir)
    _fill(store)
    store.close()
    path = journal_path(data_dir)
    _set_revision(path, "0099_from_the_future")
    folder_before = _files(data_dir)
    digest = _sha256(path)

    with pytest.raises(StorageError, match="newer version") as caught:
        Store.open(data_dir)

    assert "0099_from_the_future" in str(caught.value)
    assert _sha256(path) == digest
    assert _files(data_dir) == folder_before  # no backup, no WAL, nothing new


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"not a database at all\n" * 10, "not a journal"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "damaged"),
    ],
)
def test_a_file_that_is_not_a_journal_is_refused_untouched(
    data_dir: Path, content: bytes, reason: str
) -> None:
    data_dir.mkdir(parents=True)
    path = journal_path(data_dir)
    path.write_bytes(content)
    with pytest.raises(StorageError, match=reason):
        Store.open(data_dir)
    assert path.read_bytes() == content
    assert sorted(p.name for p in data_dir.iterdir()) == [path.name]


def test_an_sqlite_file_of_another_program_is_refused_untouched(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = journal_path(data_dir)
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.execute("INSERT INTO recipes VALUES ('bread')")
    other.commit()
    other.close()
    digest = _sha256(path)
    with pytest.raises(StorageError, match="not a journal"):
        Store.open(data_dir)
    assert _sha256(path) == digest


def test_an_empty_sqlite_file_becomes_a_journal(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = journal_path(data_dir)
    sqlite3.connect(path).close()  # zero tables (and zero bytes until first write)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 0")
        connection.execute("VACUUM")
    if path.stat().st_size == 0:
        pytest.skip("this SQLite leaves a fresh file empty")
    store = Store.open(data_dir)
    try:
        assert store.schema_revision() == HEAD
    finally:
        store.close()


# --- packaging ---------------------------------------------------------------------------


def _copy_sources(target: Path) -> None:
    for name in ("pyproject.toml", "README.md"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, target / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("journal", "ui", "resources"):
        if (REPO / package).is_dir():
            shutil.copytree(REPO / package, target / package, ignore=ignore)


def _build_wheel(source: Path, outdir: Path) -> Path:
    command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), str(source)]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=300, env={**os.environ, "CI": "1"}
        )
    except subprocess.TimeoutExpired:
        pytest.skip("building the wheel took over 5 minutes (no package index reachable?)")
    if result.returncode != 0:
        output = result.stdout + result.stderr
        offline = ("No matching distribution", "Could not find a version", "Network is unreachable")
        if any(marker in output for marker in offline):
            pytest.skip("cannot fetch the build backend offline:\n" + output[-2000:])
        pytest.fail("building the wheel failed:\n" + output[-4000:])
    wheels = list(outdir.glob("*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_the_wheel_ships_migrations_and_resources(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    _copy_sources(source)
    wheel = _build_wheel(source, tmp_path / "dist")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for needed in (
        "journal/migrations/__init__.py",
        "journal/migrations/env.py",
        "journal/migrations/script.py.mako",
        "journal/migrations/versions/0001_initial.py",
    ):
        assert needed in names, needed
    for revision in REVISIONS:
        assert f"journal/migrations/versions/{revision}.py" in names, revision
    resources = [
        path.relative_to(REPO).as_posix()
        for path in (REPO / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    ]
    assert resources, "resources/ holds no files"
    missing = [name for name in resources if name not in names]
    assert missing == [], f"resources left out of the wheel: {missing}"


def test_a_new_journal_appears_whole_even_after_a_cut_short_creation(data_dir):
    """Creation builds the journal beside its name and renames it into place: what a crash
    mid-creation leaves behind (journal.sqlite3.new) is ignored, never a zero-byte journal."""
    from journal.db import ensure_private_dir, journal_path
    from journal.store import Store

    ensure_private_dir(data_dir)
    leftover = journal_path(data_dir).with_name("journal.sqlite3.new")
    leftover.write_bytes(b"half a file")
    store = Store.open(data_dir)
    try:
        assert store.integrity_check() == "ok"
        assert set(store.counts().values()) == {0}
    finally:
        store.close()
    assert not leftover.exists()
    assert journal_path(data_dir).stat().st_size > 0


# --- 0002: search over directors and motif names ---------------------------------------------

_DATA_TABLES = ("film", "viewing", "entry", "motif", "entry_motif")


def _schema_to(path: Path, revision: str) -> None:
    """Move a closed journal's schema to ``revision`` with Alembic (down or up)."""
    from alembic import command

    from journal.db import _alembic_config, make_engine

    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            if revision in REVISIONS and REVISIONS.index(revision) < len(REVISIONS) - 1:
                command.downgrade(_alembic_config(connection), revision)
            else:
                command.upgrade(_alembic_config(connection), revision)
            if connection.in_transaction():
                connection.commit()
    finally:
        engine.dispose()


# The columns of v1's tables: later revisions add columns (viewing.letterboxd_uri in 0003,
# viewing.lag_ms in 0005), and every row must keep these values exactly.
_V1_COLUMNS = {
    "viewing": "id, uid, film_id, watched_on, rewatch, rating, reflection, created_at, updated_at"
}


def _data_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(
                f"SELECT {_V1_COLUMNS.get(table, '*')} FROM {table} ORDER BY rowid"
            ).fetchall()
            for table in _DATA_TABLES
        }
    finally:
        connection.close()


def _fts_columns(path: Path, table: str) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    finally:
        connection.close()


def test_a_v1_journal_with_data_gains_director_and_motif_search_keeping_every_row(
    data_dir: Path,
) -> None:
    store = Store.open(data_dir)
    _fill(store)
    store.close()
    path = journal_path(data_dir)
    _schema_to(path, "0001_initial")
    assert _fts_columns(path, "film_fts") == ["title", "notes"]
    assert _fts_columns(path, "motif_fts") == []
    rows_before = _data_rows(path)
    assert rows_before["entry_motif"]

    store = Store.open(data_dir)  # migrates to 0002
    try:
        assert store.schema_revision() == HEAD
        assert store.integrity_check() == "ok"
        (film,) = store.search("ozu")
        assert (film.source, film.film_title) == ("film", "Tokyo Story")
        (tagged,) = store.search("cup")
        assert (tagged.source, tagged.motifs, tagged.position_ms) == ("entry", ("Cup",), 60_000)
        assert [hit.source for hit in store.search("clock")] == ["film"]  # notes still indexed
        assert [hit.source for hit in store.search("disappointing")] == ["entry"]
    finally:
        store.close()
    assert _data_rows(path) == rows_before
    assert _fts_columns(path, "film_fts") == ["title", "director", "notes"]
    assert any(backups_dir(data_dir).iterdir())  # backed up before migrating


def test_0002_downgrades_to_the_v1_search_index(data_dir: Path) -> None:
    store = Store.open(data_dir)
    _fill(store)
    store.close()
    path = journal_path(data_dir)
    rows = _data_rows(path)
    _schema_to(path, "0001_initial")
    connection = sqlite3.connect(path)
    try:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        found = connection.execute(
            "SELECT rowid FROM film_fts WHERE film_fts MATCH 'clock'"
        ).fetchall()
    finally:
        connection.close()
    assert not {name for name in names if name.startswith("motif_fts")}
    assert len(found) == 1  # the rebuilt v1 index still finds the notes
    assert _data_rows(path) == rows


def test_a_journal_without_fts5_stays_without_it_through_0002(data_dir: Path) -> None:
    store = Store.open(data_dir)
    _fill(store)
    store.close()
    path = journal_path(data_dir)
    _schema_to(path, "0001_initial")
    connection = sqlite3.connect(path)
    try:
        for fts in ("entry_fts", "viewing_fts", "film_fts"):
            for suffix in ("ai", "ad", "au"):
                connection.execute(f"DROP TRIGGER {fts}_{suffix}")
            connection.execute(f"DROP TABLE {fts}")
        connection.commit()
    finally:
        connection.close()
    store = Store.open(data_dir)
    try:
        assert store.schema_revision() == HEAD
        assert [hit.source for hit in store.search("ozu")] == ["film"]  # LIKE finds directors
        assert [hit.motifs for hit in store.search("cup")] == [("Cup",)]
    finally:
        store.close()
    connection = sqlite3.connect(path)
    try:
        left = connection.execute("SELECT name FROM sqlite_master WHERE name LIKE '%fts%'")
        assert left.fetchall() == []
    finally:
        connection.close()


# --- 0003: viewing tags and the Letterboxd diary URI --------------------------------------------


def test_a_0002_journal_with_data_gains_viewing_tags_keeping_every_row(data_dir: Path) -> None:
    store = Store.open(data_dir)
    _fill(store)
    store.close()
    path = journal_path(data_dir)
    _schema_to(path, "0002_search_motifs_directors")
    connection = sqlite3.connect(path)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        columns = [row[1] for row in connection.execute("PRAGMA table_info(viewing)")]
    finally:
        connection.close()
    assert not {"tag", "viewing_tag"} & tables and "letterboxd_uri" not in columns
    rows_before = _data_rows(path)
    schema_before = {
        name: sql for _, name, sql in _dump(path)[1] if name.startswith(("viewing_fts", "entry"))
    }

    store = Store.open(data_dir)  # migrates to 0003
    try:
        assert store.schema_revision() == HEAD
        assert store.integrity_check() == "ok"
        (film,) = [film for film in store.list_films() if film.title == "Tokyo Story"]
        first, second = store.list_viewings(film.id)
        assert (first.tags, first.letterboxd_uri, first.reflection) == ((), None, "quiet")
        assert store.tag_names() == []
        assert [hit.source for hit in store.search("quiet")] == ["reflection"]  # triggers kept
    finally:
        store.close()
    assert _data_rows(path) == rows_before
    # The viewing table was altered in place, not rebuilt: its search triggers are untouched.
    assert {
        name: sql for _, name, sql in _dump(path)[1] if name.startswith(("viewing_fts", "entry"))
    } == schema_before
    assert any(backups_dir(data_dir).iterdir())  # backed up before migrating


def test_0003_refuses_a_second_viewing_with_the_same_diary_uri(store: Store) -> None:
    film = store.create_film("Solaris")
    connection = sqlite3.connect(store.path)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        for uid in ("a", "b"):
            connection.execute(
                "INSERT INTO viewing (uid, film_id, watched_on, rewatch, reflection, created_at, "
                "updated_at) VALUES (?, ?, '2020-01-01', 0, '', '', '')",
                (uid, film.id),
            )
        connection.execute(
            "UPDATE viewing SET letterboxd_uri = 'https://boxd.it/a' WHERE uid = 'a'"
        )
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            connection.execute(
                "UPDATE viewing SET letterboxd_uri = 'https://boxd.it/a' WHERE uid = 'b'"
            )
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            connection.execute("INSERT INTO viewing_tag (viewing_id, tag_id) VALUES (1, 999)")
    finally:
        connection.rollback()
        connection.close()


def test_0003_downgrades_keeping_every_v1_row(data_dir: Path) -> None:
    store = Store.open(data_dir)
    _fill(store)
    (film,) = [film for film in store.list_films() if film.title == "Tokyo Story"]
    store.set_viewing_tags(store.list_viewings(film.id)[0].id, ["Ozu"])
    store.close()
    path = journal_path(data_dir)
    rows = _data_rows(path)
    _schema_to(path, "0002_search_motifs_directors")
    assert _data_rows(path) == rows
    connection = sqlite3.connect(path)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    assert not {"tag", "viewing_tag", "ix_viewing_letterboxd_uri"} & tables


# --- 0005: each viewing keeps its reaction lag (the chain's last: it follows 0006_prompts) ------


def _all_rows(path: Path, table: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
    finally:
        connection.close()


def test_a_journal_with_data_gains_the_reaction_lag_keeping_every_row(data_dir: Path) -> None:
    assert REVISIONS[-3:-1] == ("0006_prompts", "0005_viewing_lag")
    store = Store.open(data_dir)
    _fill(store)
    (film,) = [film for film in store.list_films() if film.title == "Tokyo Story"]
    store.set_viewing_tags(store.list_viewings(film.id)[0].id, ["Ozu"])
    store.close()
    path = journal_path(data_dir)
    _schema_to(path, "0006_prompts")
    assert "lag_ms" not in _fts_columns(path, "viewing")
    rows_before = _data_rows(path)
    viewings_before = _all_rows(path, "viewing")  # every column 0006 knows, diary URI too
    assert rows_before["entry"]

    store = Store.open(data_dir)  # migrates to head
    try:
        assert store.schema_revision() == HEAD
        assert store.integrity_check() == "ok"
        viewings = store.list_viewings(film.id)
        assert [v.lag_ms for v in viewings] == [2000, 2000]  # every viewing: the default
        assert viewings[0].tags == ("Ozu",)
        assert [e.position_ms for e in store.list_entries(viewings[0].id)] == [30_000, 60_000]
    finally:
        store.close()
    # Every row as it was; each viewing only gained its lag, at the end of the row.
    assert _data_rows(path) == rows_before
    assert _all_rows(path, "viewing") == [(*row, 2000) for row in viewings_before]

    _schema_to(path, "0006_prompts")  # and back: the column goes, rows stay
    assert "lag_ms" not in _fts_columns(path, "viewing")
    assert _all_rows(path, "viewing") == viewings_before
    assert _data_rows(path) == rows_before

    store = Store.open(data_dir)
    try:
        viewing = store.list_viewings(film.id)[0]
        assert store.update_viewing(viewing.id, lag_ms=3500).lag_ms == 3500
        with pytest.raises(ValidationError, match="lag"):
            store.update_viewing(viewing.id, lag_ms=10_001)
    finally:
        store.close()
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="lag_range"):  # the schema refuses too
            connection.execute("UPDATE viewing SET lag_ms = -1")
    finally:
        connection.close()


# --- 0007: search finds viewing tags ------------------------------------------------------------


def test_a_journal_with_tags_gains_tag_search_keeping_every_row(data_dir: Path) -> None:
    assert REVISIONS[-2:] == ("0005_viewing_lag", "0007_search_tags")
    store = Store.open(data_dir)
    _fill(store)
    (film,) = [film for film in store.list_films() if film.title == "Tokyo Story"]
    first, second = store.list_viewings(film.id)
    store.set_viewing_tags(first.id, ["Family drama", "Ozu"])
    store.set_viewing_tags(second.id, ["Ozu", "Rewatch with Mum"])
    store.close()
    path = journal_path(data_dir)
    _schema_to(path, "0005_viewing_lag")  # the journal as the previous version left it
    assert not [name for _, name, _ in _dump(path)[1] if name.startswith("tag_fts")]
    tables = (*_DATA_TABLES, "tag", "viewing_tag", "viewing")
    rows_before = {table: _all_rows(path, table) for table in tables}

    store = Store.open(data_dir)  # migrates to 0007: the tags already there are indexed
    try:
        assert store.schema_revision() == HEAD
        assert store.integrity_check() == "ok"
        assert {table: _all_rows(path, table) for table in tables} == rows_before
        hits = store.search("ozu")
        # The two tagged viewings lead, most recently watched first, as reflection hits that
        # name their tag; then the film Ozu directed.
        assert [(hit.source, hit.viewing_id, hit.tags) for hit in hits] == [
            ("reflection", second.id, ("Ozu",)),
            ("reflection", first.id, ("Ozu",)),
            ("film", None, ()),
        ]
        (mum,) = store.search("mum")
        assert (mum.viewing_id, mum.tags) == (second.id, ("Rewatch with Mum",))
        (family,) = store.search("family drama")
        assert family.snippet.startswith("Tag: ") and family.snippet.endswith(" — quiet")
        # Triggers keep the new index in step: a tag made after the upgrade is found too.
        store.set_viewing_tags(first.id, ["Kintsugi"])
        assert [hit.viewing_id for hit in store.search("kintsugi")] == [first.id]
        assert store.search("family") == []  # the tag is kept, but no viewing carries it
    finally:
        store.close()
    assert any(backups_dir(data_dir).iterdir())  # backed up before migrating

    _schema_to(path, "0005_viewing_lag")  # and back: the index and its triggers go
    assert not [name for _, name, _ in _dump(path)[1] if name.startswith("tag_fts")]
