"""File → Restore from backup…: the dialog lists backups newest first and says what will happen;
a good backup replaces the journal in a fresh window (a safety copy of the old one first, the
writer lock kept); a file that is not a healthy journal is refused and nothing is touched."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from journal import backup
from journal.db import journal_path
from journal.errors import StorageError
from journal.lock import WriterLock
from journal.store import Store
from ui import app as app_module
from ui.dialogs.restore_backup import RestoreBackupDialog
from ui.main_window import MainWindow
from ui.settings import open_settings

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)

MARCH_1 = datetime(2025, 3, 1, 10, 15, 0)


@pytest.fixture
def windows(qtbot, tmp_path):
    """Make main windows; at the end every window (and any that replaced it) goes, with its
    message boxes and its store."""
    opened: list[MainWindow] = []

    def make(store: Store) -> MainWindow:
        window = MainWindow(store, open_settings(tmp_path / "config" / "settings.ini"))
        opened.append(window)
        window.replaced.connect(opened.append)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in opened:
        store = window.store
        with contextlib.suppress(RuntimeError):  # RuntimeError: deleted after a restore
            if window.message_box is not None:
                window.message_box.close()
            window.close()
            window.bridge.detach()
            window.deleteLater()
        store.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def titles_in_list(window: MainWindow) -> list[str]:
    proxy = window.film_list.proxy
    return sorted(proxy.index(row, 0).data() for row in range(proxy.rowCount()))


def titles_in_file(path: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(row[0] for row in connection.execute("SELECT title FROM film"))
    finally:
        connection.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(store: Store) -> tuple:
    return (
        [(f.uid, f.title, f.year) for f in store.list_films()],
        store.counts(),
    )


def restore_dialog(window: MainWindow) -> RestoreBackupDialog:
    dialog = window.restore_from_backup()
    assert isinstance(dialog, RestoreBackupDialog)
    assert dialog.isVisible()
    return dialog


# --- the list -------------------------------------------------------------------------------


def test_the_dialog_lists_backups_newest_first_with_time_and_size(qtbot, store, qtmodeltester):
    store.create_film("Tokyo Story")
    data_dir = store.data_dir
    taken = [
        datetime(2025, 2, 27, 21, 40),
        datetime(2025, 3, 3, 9, 12),
        MARCH_1,
        datetime(2025, 3, 2, 22, 5),
    ]
    for moment in taken:
        backup.make_backup(store.path, data_dir, now=moment)
    (backup.backups_dir(data_dir) / "notes.txt").write_text("not a backup")

    dialog = RestoreBackupDialog(data_dir, now=datetime(2025, 3, 3, 18, 0))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)

    assert [c.taken_at for c in dialog.choices()] == sorted(taken, reverse=True)
    rows = [
        [dialog.model.index(row, column).data() for column in range(3)]
        for row in range(dialog.model.rowCount())
    ]
    assert [row[0] for row in rows] == [
        "Today at 09:12",
        "Yesterday at 22:05",
        "Saturday 1 March 2025 at 10:15",
        "Thursday 27 February 2025 at 21:40",
    ]
    assert all(row[1].endswith(" KB") for row in rows)
    assert rows[2][2] == "journal-20250301-101500.sqlite3"

    # The newest is chosen, and the dialog says plainly what will happen.
    assert dialog.selected().taken_at == datetime(2025, 3, 3, 9, 12)
    assert dialog.restore_button.isEnabled()
    dialog.select_path(backup.list_backups(data_dir)[2])
    assert dialog.explanation.text() == (
        "The current journal is backed up first, then replaced by this backup. Changes made "
        "after Saturday 1 March 2025 at 10:15 will be in that safety backup, not in the "
        "journal."
    )


def test_without_backups_a_file_can_still_be_chosen(qtbot, store, windows, tmp_path):
    other_dir = tmp_path / "elsewhere"
    other = Store.open(other_dir)
    other.create_film("From another machine")
    other.close()
    store.create_film("Here")
    window = windows(store)
    dialog = restore_dialog(window)
    assert dialog.choices() == []
    assert not dialog.restore_button.isEnabled()
    assert dialog.empty_label.isVisible()

    dialog.choose_file = lambda: journal_path(other_dir)
    dialog.choose_button.click()
    assert dialog.selected().path == journal_path(other_dir)
    assert dialog.restore_button.text() == "Restore this file"
    with qtbot.waitSignal(window.replaced) as replaced:
        dialog.restore_button.click()
    assert titles_in_list(replaced.args[0]) == ["From another machine"]
    assert titles_in_file(journal_path(other_dir)) == ["From another machine"]  # not moved


# --- restoring ------------------------------------------------------------------------------


def test_restoring_a_backup_shows_its_films_and_keeps_a_safety_copy(qtbot, store, windows):
    from ui import commands

    data_dir = store.data_dir
    store.create_film("Kept in the backup")
    saved = backup.make_backup(store.path, data_dir, now=MARCH_1)
    window = windows(store)
    commands.perform(window.undo_stack, commands.CreateFilm(store, {"title": "Added after"}))
    assert titles_in_list(window) == ["Added after", "Kept in the backup"]

    dialog = restore_dialog(window)
    assert dialog.selected().path == saved
    with qtbot.waitSignal(window.replaced) as replaced:
        dialog.restore_button.click()
    new_window = replaced.args[0]

    # The restored journal is on screen, without restarting, in a window with a fresh history.
    assert new_window.isVisible() and not window.isVisible()
    assert new_window.store is not store
    assert titles_in_list(new_window) == ["Kept in the backup"]
    assert [f.title for f in new_window.store.list_films()] == ["Kept in the backup"]
    assert new_window.undo_stack.count() == 0
    assert not new_window.undo_action.isEnabled()
    assert titles_in_file(journal_path(data_dir)) == ["Kept in the backup"]

    # What was there before is in a safety backup, and the person is told where.
    safety = backup.list_backups(data_dir)[0]
    assert safety != saved
    assert titles_in_file(safety) == ["Added after", "Kept in the backup"]
    assert safety.name in new_window.statusBar().currentMessage()
    box = new_window.message_box
    assert isinstance(box, QMessageBox)
    assert box.text() == "Restored the backup from Saturday 1 March 2025 at 10:15."
    assert str(safety) in box.informativeText()

    # The new window writes to the restored journal.
    new_window.store.create_film("Written after the restore")
    assert titles_in_file(journal_path(data_dir)) == [
        "Kept in the backup",
        "Written after the restore",
    ]


def test_text_still_being_typed_is_written_before_the_restore(qtbot, store, windows):
    film = store.create_film("Stalker")
    viewing = store.create_viewing(film.id, date(2025, 3, 1))
    backup.make_backup(store.path, store.data_dir, now=MARCH_1)
    window = windows(store)
    assert window.select_film(film.id)
    window.journal.reflection.setFocus()
    qtbot.keyClicks(window.journal.reflection, "The Zone answers")
    assert store.get_viewing(viewing.id).reflection == ""  # not yet written (debounced)

    dialog = restore_dialog(window)
    with qtbot.waitSignal(window.replaced):
        dialog.restore_button.click()
    safety = backup.list_backups(store.data_dir)[0]
    connection = sqlite3.connect(f"file:{safety}?mode=ro", uri=True)
    try:
        (reflection,) = connection.execute("SELECT reflection FROM viewing").fetchone()
    finally:
        connection.close()
    assert reflection == "The Zone answers"


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _other_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.execute("INSERT INTO recipes VALUES ('bread')")
    connection.commit()
    connection.close()


def _damaged_backup(path: Path, good: Path) -> None:
    data = bytearray(good.read_bytes())
    page = 4096
    data[page : page * 3] = os.urandom(page * 2)  # the header survives; the tables do not
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("maker", "said"),
    [
        (_random_bytes, "is not an SQLite file"),
        (_other_sqlite, "not a journal"),
        (_damaged_backup, "Cannot restore:"),
    ],
    ids=["random-bytes", "other-sqlite", "damaged"],
)
def test_a_file_that_is_not_a_healthy_journal_is_refused(
    qtbot, store, windows, tmp_path, maker, said
):
    data_dir = store.data_dir
    film = store.create_film("Tokyo Story", year=1953)
    viewing = store.create_viewing(film.id, date(2025, 3, 1))
    store.create_entry(viewing.id, 61_000, "note", "the clock")
    good = backup.make_backup(store.path, data_dir, now=MARCH_1)
    junk = tmp_path / "junk.sqlite3"
    if maker is _damaged_backup:
        maker(junk, good)
    else:
        maker(junk)
    window = windows(store)
    before = snapshot(store)
    backups_before = backup.list_backups(data_dir)
    journal_sha = sha256(journal_path(data_dir))
    replaced: list[object] = []
    window.replaced.connect(replaced.append)

    dialog = restore_dialog(window)
    dialog.choose_file = lambda: junk
    dialog.choose_button.click()
    assert dialog.selected().path == junk
    dialog.restore_button.click()

    assert dialog.isVisible()  # free to pick another backup
    assert dialog.problem_label.isVisible()
    assert said in dialog.problem_label.text()
    assert "your journal was left untouched" in dialog.problem_label.text()
    assert replaced == []
    assert window.isVisible() and window.store is store
    assert sha256(journal_path(data_dir)) == journal_sha
    assert snapshot(store) == before
    assert backup.list_backups(data_dir) == backups_before  # no safety copy was needed

    # The journal is still open and writable, and a good backup can still be chosen.
    store.create_film("Still writable")
    dialog.select_path(good)
    assert not dialog.problem_label.isVisible()
    with qtbot.waitSignal(window.replaced) as done:
        dialog.restore_button.click()
    assert titles_in_list(done.args[0]) == ["Tokyo Story"]


def test_the_journal_itself_is_refused(qtbot, store, windows):
    store.create_film("Only copy")
    window = windows(store)
    dialog = restore_dialog(window)
    dialog.choose_file = lambda: store.path
    dialog.choose_button.click()
    dialog.restore_button.click()
    assert "is the journal itself" in dialog.problem_label.text()
    assert [f.title for f in store.list_films()] == ["Only copy"]


def test_a_restored_file_that_will_not_open_puts_the_previous_journal_back(
    qtbot, store, windows, monkeypatch
):
    data_dir = store.data_dir
    store.create_film("In the backup")
    backup.make_backup(store.path, data_dir, now=MARCH_1)
    store.create_film("Only in the journal")
    window = windows(store)
    before = snapshot(store)

    def refuse(_data_dir):
        raise StorageError("the disk is full")

    monkeypatch.setattr(Store, "open", staticmethod(refuse))
    dialog = restore_dialog(window)
    replaced: list[object] = []
    window.replaced.connect(replaced.append)
    dialog.restore_button.click()

    assert replaced == []
    assert "the disk is full" in dialog.problem_label.text()
    assert "previous journal was put back" in dialog.problem_label.text()
    assert snapshot(store) == before  # the window's store reads the journal it shows
    store.create_film("Written afterwards")
    assert titles_in_file(journal_path(data_dir)) == [
        "In the backup",
        "Only in the journal",
        "Written afterwards",
    ]


def test_restore_waits_for_a_running_export_or_import(qtbot, store, windows):
    backup.make_backup(store.path, store.data_dir, now=MARCH_1)
    window = windows(store)
    window.jobs.current = object()  # as while an export's thread is busy
    try:
        assert window.restore_from_backup() is None
        assert "export or import" in window.statusBar().currentMessage()
    finally:
        window.jobs.current = None


def test_the_restore_action_is_in_the_file_menu(store, windows):
    window = windows(store)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text().replace("&", "") for a in file_menu.actions() if not a.isSeparator()]
    assert "Restore from backup…" in texts
    assert texts.index("Restore from backup…") > texts.index("Import journal (JSON)…")


# --- in the running app ---------------------------------------------------------------------


def test_the_app_follows_the_new_window_and_keeps_the_lock(tmp_path, monkeypatch, qtbot):
    data_dir = tmp_path / "journal"
    first = Store.open(data_dir)
    first.create_film("From the backup")
    backup.make_backup(first.path, data_dir, now=MARCH_1)
    first.create_film("From today")
    first.close()
    monkeypatch.setattr(
        app_module, "open_window_settings", lambda: open_settings(tmp_path / "settings.ini")
    )
    monkeypatch.setattr(app_module, "tell", lambda *args: pytest.fail(f"told {args}"))
    seen: dict[str, object] = {}

    def loop(app, window):
        qtbot.waitExposed(window)
        dialog = window.restore_from_backup()
        with qtbot.waitSignal(window.replaced) as replaced:
            dialog.restore_button.click()
        new_window = replaced.args[0]
        seen["titles"] = titles_in_list(new_window)
        seen["holder"] = WriterLock(data_dir).holder()
        seen["store"] = new_window.store
        # Quitting reaches the window in charge now (and no longer the one that went).
        app.aboutToQuit.emit()
        seen["closed"] = not new_window.isVisible()
        new_window.message_box.close()
        new_window.bridge.detach()
        return 0

    monkeypatch.setattr(app_module, "event_loop", loop)
    assert app_module.run_app(["--data-dir", str(data_dir)]) == 0
    assert seen["titles"] == ["From the backup"]
    assert seen["holder"] is not None and seen["holder"].pid == os.getpid()
    assert seen["closed"]
    assert WriterLock(data_dir).holder() is None  # given back at the end
