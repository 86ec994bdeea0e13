"""Launching: the data folder, the one-writer lock, unusable journals, the deferred backup,
settings in the config folder, and a start-up that imports only what the first window needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from journal.db import journal_path
from journal.lock import WriterLock
from journal.store import Store
from ui import app as app_module
from ui.dialogs import storage_error
from ui.main_window import MainWindow

# Only the offscreen test platform says it cannot pass on size limits or raise a window.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def told(monkeypatch):
    """Messages shown before the window exists, collected instead of shown."""
    messages: list[tuple[str, str, str]] = []
    monkeypatch.setattr(app_module, "tell", lambda *args: messages.append(args))
    return messages


@pytest.fixture
def no_storage_dialog(monkeypatch):
    def fail(*_args):
        raise AssertionError("the storage error dialog was not expected")

    monkeypatch.setattr(app_module, "ask_storage_error", fail)


def run_briefly(monkeypatch, qtbot, check=None):
    """Make run_app's event loop show the window, run ``check(window)``, then close it."""
    seen: dict[str, MainWindow] = {}

    def loop(_app, window):
        qtbot.waitExposed(window)
        seen["window"] = window
        if check is not None:
            check(window)
        window.close()
        window.bridge.detach()
        return 0

    monkeypatch.setattr(app_module, "event_loop", loop)
    return seen


def test_parse_args_takes_the_data_dir_and_leaves_qt_options(tmp_path):
    options, rest = app_module.parse_args(["--data-dir", str(tmp_path), "-style", "fusion"])
    assert options.data_dir == tmp_path
    assert rest == ["-style", "fusion"]
    options, rest = app_module.parse_args([])
    assert options.data_dir is None and rest == []


def test_run_app_opens_the_journal_and_gives_the_lock_back(
    tmp_path, monkeypatch, qtbot, told, no_storage_dialog
):
    data_dir = tmp_path / "journal"
    seen = run_briefly(monkeypatch, qtbot, lambda w: w.store.create_film("Tokyo Story"))
    assert app_module.run_app(["--data-dir", str(data_dir)]) == 0
    assert told == []
    assert seen["window"].windowIcon().isNull() is False
    app = QApplication.instance()
    assert app.desktopFileName() == "reflective-journal"
    assert app.applicationName() == "reflective-journal"
    lock = WriterLock(data_dir)
    assert lock.acquire(), "the lock must be released when the app ends"
    lock.release()
    store = Store.open(data_dir)
    try:
        assert [f.title for f in store.list_films()] == ["Tokyo Story"]
    finally:
        store.close()
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "reflective-journal" / "settings.ini"
    assert config.exists()


def test_the_data_dir_comes_from_the_environment_without_the_option(
    tmp_path, monkeypatch, qtbot, told, no_storage_dialog
):
    data_dir = tmp_path / "from-env"
    monkeypatch.setenv("REFLECTIVE_JOURNAL_HOME", str(data_dir))
    run_briefly(monkeypatch, qtbot)
    assert app_module.run_app([]) == 0
    assert journal_path(data_dir).exists()


def test_a_second_app_on_the_same_journal_says_so_and_leaves(tmp_path, monkeypatch, told):
    data_dir = tmp_path / "journal"
    other = WriterLock(data_dir)
    assert other.acquire()
    try:
        monkeypatch.setattr(
            app_module, "event_loop", lambda _app, _window: pytest.fail("no window expected")
        )
        assert app_module.run_app(["--data-dir", str(data_dir)]) == 1
    finally:
        other.release()
    ((title, text, detail),) = told
    assert text.startswith("Reflective Journal is already open on this journal (pid ")
    assert "Nothing was changed" in detail
    assert not journal_path(data_dir).exists()


def test_a_damaged_journal_is_left_untouched_when_the_person_quits(tmp_path, monkeypatch, told):
    data_dir = tmp_path / "journal"
    data_dir.mkdir()
    damaged = journal_path(data_dir)
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    before = damaged.read_bytes()
    asked = []

    def ask(path, problem, has_backups):
        asked.append((path, problem, has_backups))
        return storage_error.QUIT

    monkeypatch.setattr(app_module, "ask_storage_error", ask)
    assert app_module.run_app(["--data-dir", str(data_dir)]) == 1
    ((path, problem, has_backups),) = asked
    assert path == damaged and str(damaged) in problem and has_backups is False
    assert damaged.read_bytes() == before
    lock = WriterLock(data_dir)
    assert lock.acquire()
    lock.release()


def test_restoring_a_backup_from_the_dialog_opens_it(tmp_path, monkeypatch, qtbot, told):
    from journal import backup

    data_dir = tmp_path / "journal"
    store = Store.open(data_dir)
    store.create_film("Kept in the backup")
    store.close()
    saved = backup.make_backup(journal_path(data_dir), data_dir)
    journal_path(data_dir).write_bytes(b"not a journal at all")
    for suffix in ("-wal", "-shm"):
        Path(f"{journal_path(data_dir)}{suffix}").unlink(missing_ok=True)

    choices = iter([storage_error.RESTORE])
    monkeypatch.setattr(app_module, "ask_storage_error", lambda *_args: next(choices))
    monkeypatch.setattr(app_module, "choose_backup", lambda folder: saved)
    titles = []
    run_briefly(monkeypatch, qtbot, lambda w: titles.extend(f.title for f in w.store.list_films()))
    assert app_module.run_app(["--data-dir", str(data_dir)]) == 0
    assert titles == ["Kept in the backup"]


def test_a_newer_journal_can_be_left_for_another_folder(tmp_path, monkeypatch, qtbot, told):
    data_dir = tmp_path / "journal"
    store = Store.open(data_dir)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'from_the_future'")
    store.close()
    before = journal_path(data_dir).read_bytes()
    other = tmp_path / "elsewhere"
    other.mkdir()
    problems = []

    def ask(_path, problem, _has_backups):
        problems.append(problem)
        return storage_error.OTHER_FOLDER

    monkeypatch.setattr(app_module, "ask_storage_error", ask)
    monkeypatch.setattr(app_module, "choose_folder", lambda start: other)
    seen = run_briefly(monkeypatch, qtbot)
    assert app_module.run_app(["--data-dir", str(data_dir)]) == 0
    assert "newer version" in problems[0]
    assert seen["window"].store.data_dir == other
    assert journal_path(other).exists()
    assert journal_path(data_dir).read_bytes() == before
    assert WriterLock(data_dir).holder() is None


def test_the_daily_backup_is_made_after_the_window_shows(
    tmp_path, monkeypatch, qtbot, told, no_storage_dialog
):
    data_dir = tmp_path / "journal"
    store = Store.open(data_dir)
    store.create_film("Back me up")
    store.close()
    backups = data_dir / "backups"
    at_show = []

    def check(window):
        at_show.append(list(backups.glob("*.sqlite3")) if backups.exists() else [])
        qtbot.waitUntil(lambda: backups.exists() and any(backups.glob("journal-*.sqlite3")))
        qtbot.waitUntil(lambda: window.jobs.background is None)

    run_briefly(monkeypatch, qtbot, check)
    assert app_module.run_app(["--data-dir", str(data_dir)]) == 0
    assert at_show == [[]], "the backup must wait until the window is up"
    assert len(list(backups.glob("journal-*.sqlite3"))) == 1


def test_start_up_does_not_import_exports_or_migrations(tmp_path):
    """A journal at the current schema opens without alembic, Markdown or JSON code."""
    data_dir = tmp_path / "journal"
    Store.open(data_dir).close()
    script = f"""
import sys
from pathlib import Path
from ui.app import application, open_session
from ui.settings import open_settings
from ui.main_window import MainWindow
app = application()
session = open_session(Path({str(data_dir)!r}))
window = MainWindow(session.store, open_settings(Path({str(tmp_path / "s.ini")!r})))
window.show()
app.processEvents()
loaded = [m for m in ("alembic", "journal.export.markdown", "journal.export.jsonio",
          "journal.export.document", "journal.backup", "ui.workers", "ui.dialogs.film_dialog")
          if m in sys.modules]
print(",".join(loaded))
window.close()
session.close()
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip() == ""


def test_a_data_dir_that_is_a_file_is_explained(tmp_path, told):
    not_a_folder = tmp_path / "journal"
    not_a_folder.write_text("I am a file")
    assert app_module.run_app(["--data-dir", str(not_a_folder)]) == 1
    ((title, text, detail),) = told
    assert str(not_a_folder) in text
    assert not_a_folder.read_text() == "I am a file"


# --- the storage error dialog itself --------------------------------------------------------


@pytest.mark.parametrize(
    ("button", "choice"),
    [
        ("restore_button", storage_error.RESTORE),
        ("other_button", storage_error.OTHER_FOLDER),
        ("quit_button", storage_error.QUIT),
    ],
)
def test_the_storage_error_dialog_names_the_file_and_offers_ways_on(
    qtbot, tmp_path, button, choice
):
    path = tmp_path / "journal.sqlite3"
    dialog = storage_error.StorageErrorDialog(path, f"{path} is damaged (page 3)", True)
    qtbot.addWidget(dialog)
    assert dialog.file_label.text() == str(path)
    assert "damaged" in dialog.problem_label.text()
    getattr(dialog, button).click()
    assert dialog.choice == choice


def test_without_backups_restore_is_not_offered_and_escape_quits(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    dialog = storage_error.StorageErrorDialog(tmp_path / "j.sqlite3", "newer version", False)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert dialog.other_button.isDefault()
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choice == storage_error.QUIT
    assert not dialog.isVisible()


def test_a_polite_kill_closes_the_window_and_keeps_what_was_typed(
    tmp_path, monkeypatch, qtbot, told, no_storage_dialog
):
    import signal

    data_dir = tmp_path / "journal"
    # Should the app not handle SIGTERM, this stand-in does (nothing), so the test fails
    # instead of the test run being killed.
    original = signal.signal(signal.SIGTERM, lambda *_args: None)
    handler_before = signal.getsignal(signal.SIGTERM)

    def loop(app, window):
        qtbot.waitExposed(window)
        film = window.store.create_film("Interrupted")
        window.select_film(film.id)
        window.journal.new_entry()
        editor = window.journal.editor
        editor.text.setPlainText("typed just before the logout")
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not window.isVisible())
        window.bridge.detach()
        return 0

    monkeypatch.setattr(app_module, "event_loop", loop)
    try:
        assert app_module.run_app(["--data-dir", str(data_dir)]) == 0
        assert signal.getsignal(signal.SIGTERM) is handler_before
    finally:
        signal.signal(signal.SIGTERM, original)
    store = Store.open(data_dir)
    try:
        (film,) = store.list_films()
        (viewing,) = store.list_viewings(film.id)
        assert [e.text for e in store.list_entries(viewing.id)] == ["typed just before the logout"]
    finally:
        store.close()
