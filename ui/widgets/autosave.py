"""Saving as you type: one small helper for every field that writes to the journal a moment
after the last keystroke (the entry editor, the reflection, the viewing's date).

The field says when its text changed (``schedule``); the helper calls the field's save
function once typing pauses for ``AUTOSAVE_DELAY_MS``, or at once when the field is left
(``save_on(focus_left)``) or when the window needs everything written (``flush``). The save
function stays the field's own: it decides what to write and how to report a refusal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, SignalInstance

# Typing is written to the journal this long after the last keystroke (and at once on leaving).
AUTOSAVE_DELAY_MS = 600


class Autosave(QObject):
    """A single-shot wait before ``save()``, restarted by every change."""

    def __init__(
        self, save: Callable[[], object], parent: QObject, *, delay_ms: int = AUTOSAVE_DELAY_MS
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._save_now)

    def _save_now(self, *_args: object) -> None:
        self._save()

    def schedule(self) -> None:
        """Something changed: save once typing pauses (a later change restarts the wait)."""
        self._timer.start()

    def cancel(self) -> None:
        """Nothing is waiting any more (it was written, or the field shows something else)."""
        self._timer.stop()

    def is_pending(self) -> bool:
        """A change is waiting to be written."""
        return self._timer.isActive()

    def flush(self) -> bool:
        """Save now if a change is waiting; True if there was one."""
        if not self._timer.isActive():
            return False
        self._timer.stop()
        self._save()
        return True

    def save_on(self, signal: SignalInstance) -> None:
        """Save at once whenever ``signal`` fires (leaving the field, editing finished)."""
        signal.connect(self._save_now)
