"""One small runner for the window's long jobs, in the spirit of Anki's ``QueryOp``: a plain
function runs off the GUI thread (``ui.workers.Job``), and its result or failure comes back to
a callback on the GUI thread. The function never touches a widget; the callbacks do.

Two kinds: ``run`` shows a window-modal progress dialog (whole-journal export and import; one
at a time, with Cancel where the job can stop cleanly), ``run_quietly`` shows nothing (the
launch backup). A failure is described in a message box titled with what did not happen; a
cancelled import only says so in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from journal.store import Store
from ui import messages

if TYPE_CHECKING:  # the thread module loads with the first job, not with the window
    from ui.workers import Job, JobFunction


class JobRunner(QObject):
    """The window's long jobs. ``current`` is the job behind the progress dialog (None when
    idle), ``background`` the quiet one."""

    def __init__(
        self,
        parent: QWidget,
        store: Store,
        *,
        say: Callable[[str], None],
        show_error: Callable[[str, str], None],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._store = store
        self._say = say
        self._show_error = show_error
        self.current: Any = None
        self.background: Job | None = None
        self.progress_dialog: QProgressDialog | None = None

    def busy(self) -> bool:
        return self.current is not None

    def run(
        self,
        work: JobFunction,
        label: str,
        done: Callable[[Any], None],
        failure_title: str,
        *,
        cancel: bool = False,
    ) -> None:
        """Run ``work(report)`` off the GUI thread behind a progress dialog; ``done(result)``
        on success, a message box titled ``failure_title`` on failure."""
        if self.current is not None:
            self._say("Another export or import is still running")
            return
        from ui.workers import Job

        dialog = QProgressDialog(label, "Cancel" if cancel else "", 0, 0, self._parent)
        dialog.setWindowTitle(messages.APP_TITLE)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancel:
            dialog.setCancelButton(None)
        job = Job(work, self, store=self._store)
        dialog.canceled.connect(job.cancel)
        job.progress.connect(lambda done_, total: _show_progress(dialog, done_, total))

        def finish() -> None:
            job.wait()
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
            job.deleteLater()
            self.current = None
            self.progress_dialog = None

        def succeeded(result: Any) -> None:
            finish()
            done(result)

        def failed(exc: BaseException) -> None:
            finish()
            from journal.export.document import ImportCancelled

            if isinstance(exc, ImportCancelled):
                self._say(str(exc).capitalize())
            else:
                self._show_error(failure_title, messages.describe(exc))

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        self.current = job
        self.progress_dialog = dialog
        job.start()

    def run_quietly(
        self,
        work: JobFunction,
        succeeded: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Run ``work(report)`` off the GUI thread with nothing shown but what the callbacks
        say (one quiet job at a time; a second waits for the first to be asked again)."""
        if self.background is not None:
            return
        from ui.workers import Job

        job = Job(work, self, store=self._store)
        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.finished.connect(self._background_finished)
        self.background = job
        job.start()

    def _background_finished(self) -> None:
        job, self.background = self.background, None
        if job is not None:
            job.deleteLater()

    def wait_for_background(self) -> None:
        """Let the quiet job finish (it may be reading the journal file)."""
        if self.background is not None:
            self.background.wait()

    def stop(self) -> None:
        """The window is closing: cancel what can stop, and wait for every job to end."""
        for job in (self.current, self.background):
            if job is not None and job.isRunning():
                job.cancel()
                job.wait()


def _show_progress(dialog: QProgressDialog, done: int, total: int) -> None:
    if total > 0:
        dialog.setMaximum(total)
        dialog.setValue(min(done, total))
