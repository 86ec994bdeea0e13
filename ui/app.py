"""The desktop app's entry point: ``run_app(argv)``.

Launch order: find the data folder, take the one-writer lock (a second window on the same
journal says so and leaves without touching it), open the journal (a damaged or too-new file
gets a dialog with ways forward), show the window, and only after the first paint make the
daily backup. Only what the first window needs is imported here; exports, JSON and the
migration machinery load when they are used.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from journal.db import resolve_data_dir
from journal.errors import StorageError
from journal.lock import WriterLock
from ui.arguments import parse_app_args

APP_NAME = "reflective-journal"
DISPLAY_NAME = "Reflective Journal"


# The one parser of the app's arguments lives with the entry point (ui/launch.py).
parse_args = parse_app_args


def application(qt_args: Sequence[str] = ()) -> QApplication:
    """The QApplication (created once), named and given its icon."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([APP_NAME, *qt_args])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(DISPLAY_NAME)
    app.setDesktopFileName(APP_NAME)
    from journal import __version__
    from ui.theme import app_icon

    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    return app


# --- messages shown before the window exists (tests replace these) ---------------------------


def tell(title: str, text: str, detail: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text)
    if detail:
        box.setInformativeText(detail)
    box.exec()


def ask_storage_error(journal_file: Path, problem: str, has_backups: bool) -> str:
    from ui.dialogs import storage_error

    return storage_error.ask(journal_file, problem, has_backups)


def choose_backup(folder: Path) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        None, "Restore a backup", str(folder), "Journal backups (*.sqlite3);;All files (*)"
    )
    return Path(chosen) if chosen else None


def choose_folder(start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(None, "Open a journal folder", str(start))
    return Path(chosen) if chosen else None


# --- launching ------------------------------------------------------------------------------


@dataclass
class Session:
    """An open journal: its folder, the lock held on it, and the store."""

    data_dir: Path
    lock: WriterLock
    store: Any

    def close(self) -> None:
        try:
            self.store.close()
        finally:
            self.lock.release()


def take_lock(data_dir: Path) -> WriterLock | None:
    lock = WriterLock(data_dir)
    try:
        acquired = lock.acquire()
    except (OSError, StorageError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        tell(
            "Reflective Journal cannot start",
            f"The journal folder {data_dir} cannot be used.",
            f"{reason}. Check that the folder exists and is yours.",
        )
        return None
    if acquired:
        return lock
    holder = lock.holder()
    if holder is not None and holder.pid and holder.purpose not in ("", "app"):
        who = f"reflective-journal {holder.purpose} is writing to it, {holder.describe()}"
    else:
        who = holder.describe() if holder is not None and holder.pid else "another program"
    tell(
        "Reflective Journal is already open",
        f"Reflective Journal is already open on this journal ({who}).",
        f"Only one window may write to {data_dir} at a time. Switch to that window, or close "
        "it and try again. Nothing was changed.",
    )
    return None


def open_session(data_dir: Path) -> Session | None:
    """Lock and open the journal, asking the person what to do if the file is unusable.

    Returns None when they chose to quit (or another app holds the journal).
    """
    from journal.store import Store

    lock = take_lock(data_dir)
    if lock is None:
        return None
    while True:
        try:
            store = Store.open(data_dir)
        except StorageError as exc:
            next_step = _recover(data_dir, str(exc))
        else:
            _after_opening(data_dir, store)
            return Session(data_dir, lock, store)
        if next_step is None:
            lock.release()
            return None
        if next_step != data_dir:
            new_lock = take_lock(next_step)
            if new_lock is None:
                continue
            lock.release()
            lock, data_dir = new_lock, next_step


def _after_opening(data_dir: Path, store: Any) -> None:
    """Tell what opening found (a -wal set aside), and clear what a killed backup or restore
    left behind."""
    from journal.db import BACKUP_DIRNAME
    from journal.files import remove_stale_temporaries

    for notice in store.notices:
        tell("Your journal was protected", notice, "Nothing in your journal was changed.")
    remove_stale_temporaries(data_dir)
    remove_stale_temporaries(data_dir / BACKUP_DIRNAME)


def _recover(data_dir: Path, problem: str) -> Path | None:
    """One round of the storage-error dialog: the folder to try next, or None to quit."""
    from journal import backup
    from journal.db import journal_path
    from ui.dialogs import storage_error

    while True:
        has_backups = bool(backup.list_backups(data_dir))
        choice = ask_storage_error(journal_path(data_dir), problem, has_backups)
        if choice == storage_error.RESTORE:
            chosen = choose_backup(backup.backups_dir(data_dir))
            if chosen is None:
                continue
            try:
                backup.restore(data_dir, chosen)
            except StorageError as exc:
                problem = str(exc)
                continue
            return data_dir
        if choice == storage_error.OTHER_FOLDER:
            folder = choose_folder(data_dir.parent)
            if folder is None:
                continue
            return folder
        return None


def open_window_settings() -> QSettings:
    """Settings from the platform's config folder (tests replace this with a temporary one)."""
    from ui.settings import open_settings, settings_path

    return open_settings(settings_path())


def quit_on_signals(app: QApplication) -> Callable[[], None]:
    """Ctrl+C in the terminal or a polite kill closes the window properly (text flushed).

    Python only runs signal handlers between bytecodes, so a slow timer wakes it up now and
    then while Qt's event loop waits. Returns a function that puts the old handlers back.
    """
    import signal

    from PySide6.QtCore import QTimer

    def close_soon() -> None:
        app.closeAllWindows()  # each window writes what is pending as it closes
        app.quit()

    def close(_signum: int, _frame: object) -> None:
        # Not here: the handler runs between any two bytecodes, perhaps inside a store
        # transaction. The event loop closes the windows once that code has returned.
        QTimer.singleShot(0, close_soon)

    previous = {number: signal.signal(number, close) for number in (signal.SIGINT, signal.SIGTERM)}
    waker = QTimer(app)
    waker.setInterval(500)
    waker.timeout.connect(lambda: None)
    waker.start()

    def restore() -> None:
        waker.stop()
        waker.deleteLater()
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore


def follow_window(app: QApplication, session: Session, window: Any) -> Callable[[], Any]:
    """Keep the app wired to the window in charge. Quitting by any path (logout included)
    writes its pending text first; after File → Restore from backup… a new window on a new
    store takes over (the lock stays held), and the session closes that store at the end.
    Returns a function giving the window in charge now."""
    current = [window]

    def wire(window: Any) -> None:
        app.aboutToQuit.connect(window.close)
        app.commitDataRequest.connect(window.flush_for_session_end)
        window.replaced.connect(take_over)

    def take_over(new_window: Any) -> None:
        old = current[0]
        app.aboutToQuit.disconnect(old.close)
        app.commitDataRequest.disconnect(old.flush_for_session_end)
        current[0] = new_window
        session.store = new_window.store
        wire(new_window)

    wire(window)
    return lambda: current[0]


def event_loop(app: QApplication, window: Any) -> int:
    """Run until the window closes (tests replace this to drive the window themselves)."""
    return app.exec()


def run_app(argv: Sequence[str]) -> int:
    """Start the desktop app from its arguments; returns the exit status."""
    options, qt_args = parse_args(argv)
    return start_app(resolve_data_dir(options.data_dir), qt_args, mpv_socket=options.mpv)


def start_app(data_dir: Path, qt_args: Sequence[str] = (), *, mpv_socket: str | None = None) -> int:
    """Start the desktop app on the journal in ``data_dir``; returns the exit status.

    ``mpv_socket``: watch along from the start, following the mpv listening there."""
    from ui.platform_check import report_missing_libraries

    if report_missing_libraries():  # instead of Qt's abort when an X11 library is missing
        return 1
    app = application(qt_args)
    from ui.theme import apply_theme

    apply_theme(app)
    session = open_session(data_dir)
    if session is None:
        return 1
    try:
        from ui.main_window import MainWindow

        # The window paints with its film list first; the journal pane comes just after.
        window = MainWindow(session.store, open_window_settings(), journal_after_paint=True)
        current = follow_window(app, session, window)
        window.show()
        if mpv_socket is not None:  # on the film open last time, once it is open again
            window.when_started(lambda: window.watch.start_with_mpv(mpv_socket))
        window.defer_launch_backup()
        restore_signals = quit_on_signals(app)
        try:
            status = event_loop(app, window)
        finally:
            restore_signals()
        current().deleteLater()
        return status
    finally:
        session.close()


def main() -> int:
    return run_app(sys.argv[1:])
