"""Backups: made and checked, found newest first, thinned out without losing the last good one,
taken at launch when stale, and restored only from a healthy journal file."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journal.backup import (
    backup_if_stale,
    backups_dir,
    list_backups,
    make_backup,
    newest_backup,
    restore,
    rotate,
)
from journal.errors import StorageError
from journal.store import Store

POSIX = os.name == "posix"


@pytest.fixture(scope="module")
def tiny_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real, healthy backup file to copy under many names."""
    folder = tmp_path_factory.mktemp("tiny")
    store = Store.open(folder)
    store.create_film("Floating Weeds")
    store.close()
    return make_backup(folder / "journal.sqlite3", folder)


def stamp_name(moment: datetime) -> str:
    return f"journal-{moment:%Y%m%d-%H%M%S}.sqlite3"


def place(data_dir: Path, moments: list[datetime], source: Path | None = None) -> list[Path]:
    """Backup files named by date: copies of ``source``, or junk when it is None."""
    folder = backups_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for moment in moments:
        path = folder / stamp_name(moment)
        if source is None:
            path.write_bytes(b"placeholder, not a database")
        else:
            shutil.copyfile(source, path)
        made.append(path)
    return made


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- making and listing ---------------------------------------------------------------------


def test_make_backup_is_a_checked_private_copy(store, data_dir):
    store.create_film("Tokyo Story")
    made = make_backup(store.path, data_dir, now=datetime(2024, 3, 1, 9, 30, 5))
    assert made.name == "journal-20240301-093005.sqlite3"
    with sqlite3.connect(made) as connection:
        assert connection.execute("SELECT title FROM film").fetchall() == [("Tokyo Story",)]
    connection.close()
    again = make_backup(store.path, data_dir, now=datetime(2024, 3, 1, 9, 30, 5))
    assert again != made and again.exists()
    if POSIX:
        assert made.stat().st_mode & 0o777 == 0o600
        assert backups_dir(data_dir).stat().st_mode & 0o777 == 0o700


def test_list_backups_is_newest_first_and_ignores_other_files(data_dir):
    moments = [datetime(2024, 1, d, 8) for d in (3, 1, 2)]
    place(data_dir, moments)
    folder = backups_dir(data_dir)
    (folder / "notes.txt").write_text("mine")
    (folder / "journal-20240105-080000.sqlite3.part").write_text("unfinished")
    (folder / "journal-2024.sqlite3").write_text("odd name")
    names = [p.name for p in list_backups(data_dir)]
    assert names == [stamp_name(m) for m in sorted(moments, reverse=True)]
    assert newest_backup(data_dir) == folder / stamp_name(datetime(2024, 1, 3, 8))


def test_newest_verified_backup_skips_damaged_ones(data_dir, tiny_backup):
    good = place(data_dir, [datetime(2024, 1, 1)], tiny_backup)[0]
    place(data_dir, [datetime(2024, 2, 1)])
    assert newest_backup(data_dir, verified=True) == good
    assert newest_backup(data_dir) != good


def test_no_backups_folder_means_no_backups(data_dir):
    assert list_backups(data_dir) == []
    assert newest_backup(data_dir) is None


# --- rotation -------------------------------------------------------------------------------


def test_rotation_keeps_7_daily_4_weekly_6_monthly(data_dir, tiny_backup):
    now = datetime(2024, 6, 30, 12)  # a Sunday
    first = datetime(2023, 6, 1, 9)
    moments = [first + timedelta(days=d) for d in range((now - first).days + 1)]
    # The newest is a real backup (the one that must survive anyway); the rest placeholders.
    place(data_dir, moments[:-1])
    place(data_dir, moments[-1:], tiny_backup)
    deleted = rotate(data_dir, now)
    kept = {p.name for p in list_backups(data_dir)}
    expected_days = [
        *(f"202406{d}" for d in range(24, 31)),  # 7 daily
        "20240623",  # weekly: ISO weeks 25, 24, 23 (week 26 is 06-30)
        "20240616",
        "20240609",
        "20240531",  # monthly: May back to January (June is 06-30)
        "20240430",
        "20240331",
        "20240229",
        "20240131",
    ]
    assert kept == {f"journal-{day}-090000.sqlite3" for day in expected_days}
    assert len(deleted) == len(moments) - 15
    assert rotate(data_dir, now) == []  # a second pass changes nothing


def test_rotation_keeps_the_newest_of_each_day(data_dir):
    day = datetime(2024, 3, 1)
    place(data_dir, [day.replace(hour=h) for h in (8, 12, 20)])
    rotate(data_dir, datetime(2024, 3, 2))
    assert [p.name for p in list_backups(data_dir)] == ["journal-20240301-200000.sqlite3"]


def test_rotation_never_deletes_the_newest_good_backup(data_dir, tiny_backup):
    old_good = place(data_dir, [datetime(2022, 1, 1)], tiny_backup)[0]
    # A year of newer backups that are all damaged.
    place(data_dir, [datetime(2023, 1, 1) + timedelta(days=d) for d in range(365)])
    rotate(data_dir, datetime(2024, 1, 1))
    assert old_good.exists()
    assert sha256(old_good) == sha256(tiny_backup)


def test_rotation_keeps_backups_from_the_future(data_dir):
    future = place(data_dir, [datetime(2030, 1, 1) + timedelta(days=d) for d in range(20)])
    place(data_dir, [datetime(2024, 1, 1) + timedelta(days=d) for d in range(40)])
    rotate(data_dir, datetime(2024, 3, 1))
    assert all(p.exists() for p in future)


def test_rotation_of_an_empty_folder(data_dir):
    assert rotate(data_dir, datetime(2024, 1, 1)) == []


# --- at launch ------------------------------------------------------------------------------


def test_backup_at_launch_only_when_the_newest_is_over_a_day_old(store, data_dir):
    store.create_film("Equinox Flower")
    path = store.path
    monday = datetime(2024, 3, 4, 9)
    first = backup_if_stale(data_dir, path, monday)
    assert first is not None and first.exists()
    assert backup_if_stale(data_dir, path, monday + timedelta(hours=23)) is None
    assert backup_if_stale(data_dir, path, monday + timedelta(hours=24)) is None
    second = backup_if_stale(data_dir, path, monday + timedelta(hours=25))
    assert second is not None and second != first
    assert list_backups(data_dir) == [second, first]


def test_backup_at_launch_accepts_an_aware_now(store, data_dir):
    made = backup_if_stale(data_dir, store.path, datetime.now(UTC))
    assert made is not None
    assert backup_if_stale(data_dir, store.path, datetime.now(UTC)) is None


def test_backup_at_launch_without_a_journal_does_nothing(data_dir):
    assert backup_if_stale(data_dir, data_dir / "journal.sqlite3", datetime(2024, 1, 1)) is None
    assert list_backups(data_dir) == []


# --- restore --------------------------------------------------------------------------------


def journal_with(data_dir: Path, *titles: str) -> Path:
    store = Store.open(data_dir)
    for title in titles:
        store.create_film(title)
    path = store.path
    store.close()
    return path


def titles_in(data_dir: Path) -> set[str]:
    store = Store.open(data_dir)
    try:
        return {film.title for film in store.list_films()}
    finally:
        store.close()


def test_restore_backs_up_first_then_replaces_atomically(data_dir):
    path = journal_with(data_dir, "Kept in the backup")
    backup = make_backup(path, data_dir, now=datetime(2024, 1, 1))
    journal_with(data_dir, "Written later")
    # Stale companions of the old journal must not be replayed into the restored one.
    Path(f"{path}-wal").write_bytes(b"stale wal")
    Path(f"{path}-shm").write_bytes(b"stale shm")
    safety = restore(data_dir, backup)
    assert safety is not None and safety.parent == backups_dir(data_dir)
    assert not Path(f"{path}-wal").exists()
    assert not Path(f"{path}-shm").exists()
    assert titles_in(data_dir) == {"Kept in the backup"}
    with sqlite3.connect(safety) as connection:
        saved = {row[0] for row in connection.execute("SELECT title FROM film")}
    connection.close()
    assert saved == {"Kept in the backup", "Written later"}
    assert not list(data_dir.glob(".*.tmp"))
    if POSIX:
        assert path.stat().st_mode & 0o777 == 0o600


def test_restore_into_an_empty_data_folder(data_dir, tiny_backup):
    assert restore(data_dir, tiny_backup) is None
    assert titles_in(data_dir) == {"Floating Weeds"}


def not_a_journal_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE shopping (item TEXT)")
    connection.close()


def from_the_future(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda p: p.write_text("hello"), "not an SQLite file"),
        (lambda p: p.write_bytes(b""), "not an SQLite file"),
        (lambda p: p.write_bytes(os.urandom(8192)), "not an SQLite file"),
        (truncated, "damaged"),
        (not_a_journal_sqlite, "not a journal"),
        (from_the_future, "does not know"),
    ],
    ids=["text", "empty", "random", "truncated", "other-sqlite", "newer"],
)
def test_restore_refuses_a_bad_file_and_keeps_the_journal(
    data_dir, tmp_path, tiny_backup, spoil, reason
):
    path = journal_with(data_dir, "Mine")
    before = sha256(path)
    candidate = tmp_path / "candidate.sqlite3"
    if spoil in (truncated, from_the_future):
        shutil.copyfile(tiny_backup, candidate)
    spoil(candidate)
    with pytest.raises(StorageError) as caught:
        restore(data_dir, candidate)
    message = str(caught.value)
    assert reason in message
    assert "left untouched" in message
    assert str(candidate) in message
    assert sha256(path) == before
    assert list_backups(data_dir) == []  # refused before anything was written


def test_restore_refuses_a_missing_file_and_the_journal_itself(data_dir, tmp_path):
    path = journal_with(data_dir, "Mine")
    with pytest.raises(StorageError, match="does not exist"):
        restore(data_dir, tmp_path / "nope.sqlite3")
    with pytest.raises(StorageError, match="is not a file"):
        restore(data_dir, tmp_path)
    with pytest.raises(StorageError, match="the journal itself"):
        restore(data_dir, path)
    assert titles_in(data_dir) == {"Mine"}


# --- kinds: what a message promised is never thinned (data safety, round two) ---------------


def test_a_restore_safety_copy_survives_later_backups_the_same_day(store, data_dir, tiny_backup):
    store.create_film("Words written today")
    store.close()
    morning = datetime(2024, 3, 1, 9)
    safety = restore(data_dir, tiny_backup, now=morning)
    assert safety is not None and safety.name.startswith("before-restore-20240301-090000")
    # A hand-made backup and a launch backup later that day, then another restore.
    make_backup(data_dir / "journal.sqlite3", data_dir, now=morning.replace(hour=10))
    restore(data_dir, tiny_backup, now=morning.replace(hour=11))
    backup_if_stale(data_dir, data_dir / "journal.sqlite3", morning + timedelta(days=2))
    rotate(data_dir, morning + timedelta(days=400))
    assert safety.exists()
    with sqlite3.connect(safety) as connection:
        titles = [row[0] for row in connection.execute("SELECT title FROM film")]
    connection.close()
    assert "Words written today" in titles


def test_hand_made_backups_are_never_thinned(data_dir, tiny_backup):
    from journal.backup import MANUAL

    folder = backups_dir(data_dir)
    folder.mkdir(parents=True)
    days = [datetime(2023, 1, 1) + timedelta(days=d) for d in range(60)]
    for day in days:
        shutil.copyfile(tiny_backup, folder / f"manual-{day:%Y%m%d-%H%M%S}.sqlite3")
    place(data_dir, days)  # automatic ones on the same days
    rotate(data_dir, datetime(2024, 6, 1))
    manual = [p for p in list_backups(data_dir) if p.name.startswith(f"{MANUAL}-")]
    assert len(manual) == 60
    assert len([p for p in list_backups(data_dir) if p.name.startswith("journal-")]) < 60


def test_the_backup_command_makes_a_kept_backup(store, data_dir, capsys):
    from journal.cli import run_cli

    store.create_film("Tokyo Story")
    store.close()
    assert run_cli(["--data-dir", str(data_dir), "backup"]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.name.startswith("manual-")
    rotate(data_dir, datetime.now() + timedelta(days=3650))
    assert made.exists()


def test_a_future_dated_backup_neither_stops_daily_backups_nor_counts_as_newest(
    store, data_dir, tiny_backup
):
    now = datetime(2024, 3, 1, 12)
    future = place(data_dir, [datetime(2031, 1, 1)], tiny_backup)[0]
    made = backup_if_stale(data_dir, store.path, now)
    assert made is not None  # the daily backup was made all the same
    assert newest_backup(data_dir, verified=True, now=now) == made
    assert newest_backup(data_dir, now=now) != future
    assert future.exists()  # and it is not deleted either


def test_two_backups_in_the_same_second_get_two_sound_files(store, data_dir):
    import threading

    store.create_film("Tokyo Story")
    moment = datetime(2024, 3, 1, 9, 30, 5)
    made: list[Path] = []
    errors: list[BaseException] = []

    def one() -> None:
        try:
            made.append(make_backup(store.path, data_dir, now=moment))
        except BaseException as exc:  # pragma: no cover - the failure being tested for
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(made)) == 6
    from journal.backup import check_file

    assert all(check_file(path) == "ok" for path in made)
    assert not [p for p in backups_dir(data_dir).iterdir() if p.name.endswith(".part")]


def test_a_backups_folder_that_is_a_file_is_named_as_such(store, data_dir):
    backups_dir(data_dir).write_text("I am a file")
    with pytest.raises(StorageError, match="is a file, not a folder"):
        make_backup(store.path, data_dir)
    assert backups_dir(data_dir).read_text() == "I am a file"


@pytest.mark.skipif(not POSIX, reason="file modes and links")
def test_a_linked_backups_folder_is_used_but_its_mode_is_left_alone(store, data_dir, tmp_path):
    elsewhere = tmp_path / "other-disk"
    elsewhere.mkdir(mode=0o755)
    os.chmod(elsewhere, 0o755)
    backups_dir(data_dir).symlink_to(elsewhere)
    made = make_backup(store.path, data_dir)
    assert made.parent == backups_dir(data_dir) and (elsewhere / made.name).is_file()
    assert elsewhere.stat().st_mode & 0o777 == 0o755
    assert made.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(not POSIX, reason="links")
def test_restore_into_a_linked_journal_keeps_the_link(store, data_dir, tmp_path, tiny_backup):
    store.create_film("Before")
    store.close()
    real_home = tmp_path / "volume"
    real_home.mkdir()
    real = real_home / "journal.sqlite3"
    os.replace(data_dir / "journal.sqlite3", real)
    (data_dir / "journal.sqlite3").symlink_to(real)
    restore(data_dir, tiny_backup)
    assert (data_dir / "journal.sqlite3").is_symlink()
    with sqlite3.connect(real) as connection:
        assert connection.execute("SELECT title FROM film").fetchall() == [("Floating Weeds",)]
    connection.close()


@pytest.mark.skipif(not POSIX, reason="links")
def test_restore_refuses_a_journal_link_whose_target_is_missing(data_dir, tmp_path, tiny_backup):
    data_dir.mkdir()
    (data_dir / "journal.sqlite3").symlink_to(tmp_path / "unmounted" / "journal.sqlite3")
    with pytest.raises(StorageError, match="does not exist"):
        restore(data_dir, tiny_backup)
    assert (data_dir / "journal.sqlite3").is_symlink()


# --- leftovers ------------------------------------------------------------------------------


def test_stale_leftovers_of_ours_are_cleaned_and_nothing_else(tmp_path):
    import time

    from journal.files import remove_stale_temporaries

    ours = [
        ".journal.sqlite3.restore-4242.tmp",
        ".journal-20240301-093005.sqlite3.4242-0.part",
        ".before-restore-20240301-093005.sqlite3.77-3.part",
        ".journal.json.rj-k3j_x9ab.tmp",
        ".journal.sqlite3.identity.4242.tmp",
        ".Tokyo Story (1953).md.4242.tmp",
    ]
    theirs = [
        "notes.tmp",
        ".hidden",
        "journal.sqlite3",
        "x.part",
        ".git.tmp",
        ".syncthing.chapter1.tmp",  # Syncthing's resumable download
        ".thesis.draft_v2.tmp",
        ".Notes.BACKUP01.tmp",
    ]
    for name in ours + theirs:
        (tmp_path / name).write_text("x")
    fresh = tmp_path / ".journal.sqlite3.restore-999.tmp"
    fresh.write_text("still being written")
    old = time.time() - 7 * 3600
    for name in ours + theirs:
        os.utime(tmp_path / name, (old, old))
    removed = {path.name for path in remove_stale_temporaries(tmp_path)}
    assert removed == set(ours)
    assert fresh.exists()
    assert all((tmp_path / name).exists() for name in theirs)


# --- restoring in a running app: the refusal rules and restore-then-reopen ----------------------


def test_restore_refusal_says_why_without_touching_anything(data_dir, tmp_path, tiny_backup):
    from journal.backup import restore_refusal

    path = journal_with(data_dir, "Mine")
    before = sha256(path)
    text_file = tmp_path / "notes.sqlite3"
    text_file.write_text("hello")
    newer = tmp_path / "newer.sqlite3"
    shutil.copyfile(tiny_backup, newer)
    from_the_future(newer)

    assert restore_refusal(data_dir, tiny_backup) is None
    assert "is not a file" in restore_refusal(data_dir, tmp_path)
    assert "is not a file" in restore_refusal(data_dir, tmp_path / "missing.sqlite3")
    assert "is the journal itself" in restore_refusal(data_dir, path)
    assert "not an SQLite file" in restore_refusal(data_dir, text_file)
    assert "does not know" in restore_refusal(data_dir, newer)
    for refused in (tmp_path, path, text_file, newer):
        assert restore_refusal(data_dir, refused).endswith("your journal was left untouched")
    assert sha256(path) == before
    assert list_backups(data_dir) == []


def test_restore_and_reopen_gives_the_opened_journal_and_the_safety_copy(data_dir, tiny_backup):
    from journal.backup import restore_and_reopen

    journal_with(data_dir, "Written today")
    opened, safety = restore_and_reopen(data_dir, tiny_backup, Store.open)
    try:
        assert {film.title for film in opened.list_films()} == {"Floating Weeds"}
    finally:
        opened.close()
    assert safety is not None and safety.name.startswith("before-restore-")


def test_a_restored_journal_that_will_not_open_is_replaced_by_the_previous_one(
    data_dir, tiny_backup
):
    from journal.backup import ReopenFailed, restore_and_reopen

    path = journal_with(data_dir, "Written today")
    opened_files: list[Path] = []

    def will_not_open(folder: Path) -> Store:
        opened_files.append(folder)
        raise StorageError("the disk is full")

    with pytest.raises(ReopenFailed) as caught:
        restore_and_reopen(data_dir, tiny_backup, will_not_open)
    failed = caught.value
    assert str(failed.cause) == "the disk is full"
    assert failed.put_back and failed.put_back_error is None
    assert failed.safety is not None and failed.safety.exists()
    assert opened_files == [data_dir]
    assert path.exists()
    assert titles_in(data_dir) == {"Written today"}


def test_a_restore_that_will_not_open_into_an_empty_folder_has_nothing_to_put_back(
    data_dir, tiny_backup
):
    from journal.backup import ReopenFailed, restore_and_reopen

    def will_not_open(_folder: Path) -> Store:
        raise OSError(28, "No space left on device")

    with pytest.raises(ReopenFailed) as caught:
        restore_and_reopen(data_dir, tiny_backup, will_not_open)
    assert caught.value.safety is None and not caught.value.put_back


def test_a_refused_restore_is_not_a_reopen_failure_and_opens_nothing(data_dir, tmp_path):
    from journal.backup import restore_and_reopen

    path = journal_with(data_dir, "Mine")
    before = sha256(path)
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("hello")

    def must_not_open(_folder: Path) -> Store:
        raise AssertionError("nothing was restored, so nothing is opened")

    with pytest.raises(StorageError, match="left untouched"):
        restore_and_reopen(data_dir, bad, must_not_open)
    assert sha256(path) == before


def test_when_the_previous_journal_cannot_be_put_back_the_failure_says_where_it_is(
    data_dir, tiny_backup, monkeypatch
):
    import journal.backup as backup_module
    from journal.backup import ReopenFailed, restore_and_reopen

    journal_with(data_dir, "Written today")
    real_restore = backup_module.restore
    calls: list[Path] = []

    def second_restore_fails(folder: Path, source: Path, **kwargs: object) -> Path | None:
        calls.append(source)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real_restore(folder, source, **kwargs)

    monkeypatch.setattr(backup_module, "restore", second_restore_fails)

    def will_not_open(_folder: Path) -> Store:
        raise StorageError("the disk is full")

    with pytest.raises(ReopenFailed) as caught:
        restore_and_reopen(data_dir, tiny_backup, will_not_open)
    failed = caught.value
    assert not failed.put_back
    assert isinstance(failed.put_back_error, OSError)
    assert failed.safety is not None and calls == [tiny_backup, failed.safety]
    assert failed.safety.exists()  # the words written today are still there
