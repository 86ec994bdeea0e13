"""File → Restore from backup…, the doing of it: the window's pending edits are written, the
chosen file is checked (a file that is not a healthy journal is refused inline and nothing is
touched), the store is closed, ``journal.backup.restore_and_reopen`` backs up the current
journal, swaps the file in and opens it (putting the previous journal back if it will not
open), and a fresh window on the fresh store, made by the window factory the main window
passes in, takes over from the old one (its undo history referred to the old journal). The
process keeps holding the writer lock throughout: the lock belongs to the data folder, not to
a store. The dialog itself is ``ui.dialogs.restore_backup``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from journal import backup
from journal.errors import JournalError
from ui.dialogs.restore_backup import BackupChoice, RestoreBackupDialog, describe_time
from ui.messages import describe

# Makes the window that takes over after a restore: ``factory(store, settings)``.
WindowFactory = Callable[[Any, QSettings], Any]


def start(window: Any, window_factory: WindowFactory) -> RestoreBackupDialog | None:
    """File → Restore from backup… for ``window`` (a main window): open the dialog,
    window-modal; the restore happens when the person confirms, and ``window_factory`` makes
    the window that takes over on the restored journal."""
    data_dir = window.store.data_dir
    if data_dir is None:
        window.show_status("This journal has no data folder, so it has no backups to restore")
        return None
    if window.jobs.busy():
        window.show_status("Wait for the export or import to finish, then restore")
        return None
    dialog = RestoreBackupDialog(data_dir, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.restore_requested.connect(
        lambda choice: restore_chosen(window, dialog, choice, window_factory)
    )
    dialog.open()
    dialog.view.setFocus(Qt.FocusReason.OtherFocusReason)
    return dialog


def restore_chosen(
    window: Any, dialog: RestoreBackupDialog, choice: BackupChoice, window_factory: WindowFactory
) -> Any:
    """Replace ``window``'s journal with ``choice``; the new window, or None if refused
    (the reason is shown in the dialog and the journal is as it was)."""
    store = window.store
    data_dir = store.data_dir
    try:
        saved = window.journal.flush()
    except JournalError as exc:
        dialog.show_problem(f"{exc}. Nothing was restored; your text is still there")
        return None
    if not saved:
        dialog.show_problem(
            "What you were writing could not be saved (see the status bar). Nothing was "
            "restored; your text is still there"
        )
        return None
    problem = backup.restore_refusal(data_dir, choice.path)
    if problem is not None:
        dialog.show_problem(problem)
        return None
    if window.jobs.busy():
        dialog.show_problem("Wait for the export or import to finish, then restore")
        return None
    window.jobs.wait_for_background()  # the launch backup reads the journal file

    from journal.store import Store

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        # Every connection must be closed: the file (and its -wal) are replaced.
        store.close()
        new_store, safety = backup.restore_and_reopen(data_dir, choice.path, Store.open)
    except backup.ReopenFailed as failed:
        _say_not_reopened(window, dialog, failed)
        return None
    except (JournalError, OSError) as exc:
        # Nothing was replaced; the store reconnects to the same journal when next used.
        untouched = f"; {backup.UNTOUCHED}" if isinstance(exc, OSError) else ""
        dialog.show_problem(describe(exc) + untouched)
        return None
    finally:
        QApplication.restoreOverrideCursor()
    dialog.accept()
    new_window = replace_window(window, new_store, window_factory)
    _tell_restored(new_window, choice, safety)
    return new_window


def _say_not_reopened(window: Any, dialog: RestoreBackupDialog, failed: Any) -> None:
    """The restored file would not open; say whether the previous journal is back."""
    problem = f"The backup was put in place but could not be opened ({describe(failed.cause)})"
    if failed.safety is None:
        dialog.show_problem(f"{problem}. Quit and start the app again")
    elif failed.put_back:
        dialog.show_problem(f"{problem}. Your previous journal was put back as it was")
    else:
        window.setEnabled(False)  # its view is of a journal no longer in place
        dialog.show_problem(
            f"{problem}, and your previous journal could not be put back "
            f"({describe(failed.put_back_error)}). It is kept safe in {failed.safety}. Quit, "
            "then restore it with “reflective-journal restore”"
        )


def replace_window(window: Any, store: Any, window_factory: WindowFactory) -> Any:
    """A new main window on ``store`` in place of ``window``, which closes and goes.

    The window's state (size, place, splitter, sort, last film) carries over through the
    settings; its undo history does not, since it refers to the journal that was replaced.
    """
    old_store = window.store
    window.save_state()
    new_window = window_factory(store, window.settings)
    new_window.show()
    new_window.activateWindow()
    window.replaced.emit(new_window)
    window.close()
    window.bridge.detach()
    window.deleteLater()
    old_store.close()  # anything the closing window read has gone too
    return new_window


def _tell_restored(window: Any, choice: BackupChoice, safety: Path | None) -> None:
    when = describe_time(choice.taken_at, datetime.now())
    what = f"the backup from {when}" if choice.in_backups else f"{choice.path.name}"
    if safety is None:
        window.show_status(f"Restored {what}")
        return
    window.show_status(f"Restored {what}; the previous journal was saved as {safety.name}")
    window.show_done(
        "Backup restored",
        f"Restored {what}.",
        f"The journal as it was just before is kept in {safety}. To go back to it, restore "
        "that file the same way.",
        safety.parent,
    )
