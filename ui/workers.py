"""Long jobs (whole-journal export and import, the launch backup) off the GUI thread.

A job is a plain function that takes a ``report(done, total) -> bool`` callable; it runs in a
QThread and its outcome comes back to the GUI thread as a signal. ``report`` returns False once
the person has pressed Cancel, which the function passes on (an import then raises
ImportCancelled and keeps nothing). The job uses the window's Store, whose read connection
for the job's thread is closed when the job ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

Report = Callable[[int, int], bool]
JobFunction = Callable[[Report], Any]


class Job(QThread):
    """Runs ``function(report)`` once in its own thread.

    Signals (delivered on the GUI thread): ``progress(done, total)``, ``succeeded(result)``,
    ``failed(exception)``. Exactly one of succeeded/failed is emitted.
    """

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self, function: JobFunction, parent: QObject | None = None, *, store: Any = None
    ) -> None:
        super().__init__(parent)
        self._function = function
        self._store = store
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _report(self, done: int, total: int) -> bool:
        self.progress.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._function(self._report)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread to show
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            if self._store is not None:
                self._store.release_thread_connection()
