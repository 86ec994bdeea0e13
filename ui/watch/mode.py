"""Watch mode: the time source, the reaction lag, and stamps with their quick entry.

A stamp takes the source's position *at the key press* (Ctrl+Space in the app, Ctrl+J inside
mpv), takes the viewing's reaction lag off it, and opens a one-line quick entry at that
position. Enter saves it as an entry (one undo step); Esc keeps a bare marker of the chosen
kind. Nothing typed afterwards moves the captured time. Closing the watch window, leaving the
mode or stamping again saves a stamp still open as it stands: a stamp is never lost.

Sources: the clock (always there), mpv over its JSON IPC (connect to a socket, or start mpv on
a file), an MPRIS player over D-Bus. A source that fails says why, and the clock takes over.
Stamps pressed inside mpv arrive on mpv's thread and cross to the GUI thread through a queued
signal (:class:`StampRelay`).

Just over 400 lines on purpose: the time sources, the lag and the stamp's capture-then-write cycle are one state machine.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from journal import timecode
from journal.errors import JournalError, ValidationError
from journal.fields import ENTRY_KINDS, KIND_LABELS
from journal.store import EntryRow, Store, ViewingRow
from journal.watch.clock import Clock
from journal.watch.source import StampRequest, TimeSource, TimeSourceError
from journal.watch.stamp import DEFAULT_LAG_MS, stamp_position, validate_lag
from ui import commands
from ui.watch.sources import PAUSE_WHILE_WRITING_KEY, SourceChoice, mpv_source

DEFAULT_LAG_KEY = "watch/default_lag_ms"
ON_TOP_KEY = "watch/stay_on_top"
DEFAULT_KIND = "note"
RECENT_COUNT = 5
TICK_MS = 200  # the running time's refresh: a calm five times a second


@dataclass
class PendingStamp:
    """A stamp captured and not yet saved: its position never changes after the key press."""

    viewing_uid: str
    position_ms: int
    kind: str
    source_name: str
    raw_position_ms: int
    # Where the keyboard was when the stamp key was pressed, to go back there after.
    return_focus: Any = field(default=None, repr=False)


class StampRelay(QObject):
    """Carries a stamp asked for on a player's thread to the GUI thread (queued)."""

    requested = Signal(object)

    def __call__(self, request: StampRequest) -> None:  # called on the player's thread
        self.requested.emit(request)


def read_default_lag(settings: QSettings) -> int:
    """The lag remembered for new viewings; the default 2 s when absent or garbled."""
    value = settings.value(DEFAULT_LAG_KEY)
    try:
        return validate_lag(int(value)) if value is not None else DEFAULT_LAG_MS
    except (TypeError, ValueError, ValidationError):
        return DEFAULT_LAG_MS


def read_flag(settings: QSettings, key: str, default: bool) -> bool:
    value = settings.value(key)
    if value is None:
        return default
    return str(value).lower() in ("1", "true", "yes")


class WatchMode(SourceChoice, QObject):
    """The controller behind the watch window; the main window owns one.

    ``host`` is the main window: its store, undo stack, settings, journal pane and status bar.
    ``now`` is the clock's monotonic time (tests inject it; nothing here sleeps).
    """

    changed = Signal()  # film, viewing, source, lag, kind: the window re-reads them
    stamp_opened = Signal(object)  # a PendingStamp: the quick entry opens
    stamp_closed = Signal()  # saved or kept as a marker: back to watching
    recent_changed = Signal()
    active_changed = Signal(bool)

    def __init__(
        self,
        host: Any,
        *,
        now: Callable[[], float] = time.monotonic,
        window_factory: Callable[[Any, Any], Any] | None = None,
    ) -> None:
        super().__init__(host)
        self.host = host
        # Makes the watch window (ui/watch/window.py, which builds on this module): given,
        # not imported, so the two modules do not import each other.
        self.window_factory = window_factory
        self.store: Store = host.store
        self.undo_stack: QUndoStack = host.undo_stack
        self.settings: QSettings = host.settings
        self.now = now
        self.clock = Clock(now)
        self.source: TimeSource = self.clock
        self.kind = DEFAULT_KIND
        self.pending: PendingStamp | None = None
        self.pause_while_writing = read_flag(self.settings, PAUSE_WHILE_WRITING_KEY, False)
        self.viewing_uid: str | None = None
        self.film_id: int | None = None
        self._stamped_uids: list[str] = []
        self._active = False
        self._last_position_ms: int | None = None
        self.relay = StampRelay(self)
        self.relay.requested.connect(self._on_player_stamp, Qt.ConnectionType.QueuedConnection)
        self.window: Any = None
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        host.bridge.changed.connect(self._on_store_changed)

    # --- entering and leaving ---------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self._active

    def set_active(self, active: bool) -> None:
        """View → Watch along (Ctrl+Shift+W): enter or leave."""
        if active:
            self.enter()
        else:
            self.leave()

    def toggle(self) -> None:
        self.set_active(not self._active)

    def enter(self) -> bool:
        """Open the watch window on the current film's viewing of today (started if none)."""
        if self._active:
            self._show_window()
            return True
        film_id = self.host.current_film_id()
        if film_id is None:
            self.host.show_status("Choose a film first, then watch along (Ctrl+Shift+W)")
            self.active_changed.emit(False)
            return False
        viewing = self._viewing_of_today(film_id)
        if viewing is None:
            self.active_changed.emit(False)
            return False
        self.film_id, self.viewing_uid = film_id, viewing.uid
        self._stamped_uids = []
        self._active = True
        self._show_window()
        self.timer.start()
        self.active_changed.emit(True)
        self.changed.emit()
        self.recent_changed.emit()
        return True

    def leave(self) -> None:
        """Save a stamp still open, close the window; the source stays for the next time."""
        if not self._active:
            return
        self.finish_pending()
        self._active = False
        self.timer.stop()
        if self.window is not None:
            self.window.hide()
        self.active_changed.emit(False)

    def shut_down(self) -> None:
        """The main window closes: save what is open, let go of the player."""
        self.leave()
        self._set_source(self.clock)
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None

    def _show_window(self) -> None:
        if self.window is None:
            if self.window_factory is None:
                raise RuntimeError("WatchMode needs a window_factory to show its window")
            self.window = self.window_factory(self, self.host)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def _viewing_of_today(self, film_id: int) -> ViewingRow | None:
        """The viewing chosen in the journal if dated today, else the film's latest of today,
        else a new one (with the remembered lag) — chosen in the journal pane too."""
        today = date.today()
        bar = self.host.journal.viewing_bar
        chosen = bar.current_viewing()
        if chosen is not None and chosen.watched_on == today:
            return self.store.get_viewing(chosen.id)
        todays = [v for v in self.store.list_viewings(film_id) if v.watched_on == today]
        if todays:
            bar.select_viewing(todays[-1].id)
            return todays[-1]
        film = self.store.get_film(film_id)
        values: dict[str, Any] = {
            "watched_on": today,
            "rewatch": film.viewing_count > 0,
            "lag_ms": read_default_lag(self.settings),
        }
        command = commands.CreateViewing(self.store, film.uid, values)
        command.setText("New viewing (watch along)")
        try:
            viewing = commands.perform(self.undo_stack, command)
        except JournalError as exc:
            self.host.show_error_status(f"No viewing was started: {exc}")
            return None
        bar.refresh()
        bar.select_viewing(viewing.id)
        return self.store.get_viewing(viewing.id)

    # --- what the window shows --------------------------------------------------------------

    def viewing(self) -> ViewingRow | None:
        if self.viewing_uid is None:
            return None
        try:
            return self.store.get_viewing(self.store.id_for_uid("viewing", self.viewing_uid))
        except JournalError:
            return None

    def film_title(self) -> str:
        if self.film_id is None:
            return ""
        try:
            film = self.store.get_film(self.film_id)
        except JournalError:
            return ""
        return f"{film.title} ({film.year})" if film.year else film.title

    def lag_ms(self) -> int:
        viewing = self.viewing()
        return viewing.lag_ms if viewing is not None else read_default_lag(self.settings)

    def recent(self) -> list[EntryRow]:
        """The last few stamps saved in this watch session, newest first (as they read now)."""
        if not self._stamped_uids or self.viewing_uid is None:
            return []
        try:
            entries = self.store.list_entries(self.store.id_for_uid("viewing", self.viewing_uid))
        except JournalError:
            return []
        by_uid = {entry.uid: entry for entry in entries}
        found = [by_uid[uid] for uid in reversed(self._stamped_uids) if uid in by_uid]
        return found[:RECENT_COUNT]

    # --- lag and kind -----------------------------------------------------------------------

    def set_lag_ms(self, lag_ms: int) -> bool:
        """The viewing's reaction lag (one undo step), remembered for new viewings."""
        viewing = self.viewing()
        if viewing is None:
            return False
        try:
            lag = validate_lag(lag_ms)
        except ValidationError as exc:
            self._say_error(str(exc))
            return False
        self.settings.setValue(DEFAULT_LAG_KEY, lag)
        if lag == viewing.lag_ms:
            return True
        command = commands.EditViewing(
            self.store, viewing.uid, {"lag_ms": viewing.lag_ms}, {"lag_ms": lag}
        )
        command.setText(f"Reaction lag {lag / 1000:g} s")
        try:
            commands.perform(self.undo_stack, command)
        except JournalError as exc:
            self._say_error(f"The lag was not changed: {exc}")
            return False
        self.changed.emit()
        return True

    def set_kind(self, kind: str) -> None:
        """Alt+1…6: the kind of the next stamp (and of the one being written)."""
        if kind not in ENTRY_KINDS:
            return
        self.kind = kind
        if self.pending is not None:
            self.pending.kind = kind
        self.changed.emit()

    # --- stamping ---------------------------------------------------------------------------

    def stamp(self) -> bool:
        """Ctrl+Space: capture the source's position now, minus the lag; open the quick entry."""
        if not self._active:
            self.host.show_status("Stamps work while watching along: press Ctrl+Shift+W")
            return False
        try:
            raw = self.source.position_ms()
        except TimeSourceError as exc:
            self._say_error(f"No stamp: {exc}")
            return False
        return self._open_stamp(raw, self.source.name)

    def _on_player_stamp(self, request: StampRequest) -> None:
        """On the GUI thread: the stamp key was pressed inside the player."""
        if not self._active:
            self.host.show_status("A stamp from mpv came while not watching along; none was made")
            return
        self._open_stamp(request.raw_position_ms, request.source_name)

    def _open_stamp(self, raw: int | None, source_name: str) -> bool:
        if raw is None:
            why = (
                "the clock is not started (Ctrl+Shift+Space starts it)"
                if source_name == self.clock.name
                else f"{source_name} has no position ({self.source.state})"
            )
            self._say_error(f"No stamp: {why}")
            return False
        viewing = self.viewing()
        if viewing is None:
            self._say_error("No stamp: the viewing being watched is gone")
            return False
        self.finish_pending()
        app = QApplication.instance()
        focus = app.focusWidget() if isinstance(app, QApplication) else None
        if self.window is not None and focus is not None and self.window.isAncestorOf(focus):
            focus = None
        self.pending = PendingStamp(
            viewing_uid=viewing.uid,
            position_ms=stamp_position(raw, viewing.lag_ms),
            kind=self.kind,
            source_name=source_name,
            raw_position_ms=raw,
            return_focus=focus,
        )
        mpv = mpv_source(self.source)
        if mpv is not None:
            with contextlib.suppress(TimeSourceError):
                mpv.writing_started()
        self.stamp_opened.emit(self.pending)
        return True

    def save_pending(self, text: str) -> EntryRow | None:
        """Enter: save the stamp with ``text`` (empty: a bare marker) at its captured position."""
        pending = self.pending
        if pending is None:
            return None
        values = {"position_ms": pending.position_ms, "kind": pending.kind, "text": text.strip()}
        command = commands.CreateEntry(self.store, pending.viewing_uid, values)
        label = KIND_LABELS.get(pending.kind, pending.kind)
        command.setText(f"Stamp {label} at {timecode.format(pending.position_ms)}")
        try:
            entry = commands.perform(self.undo_stack, command)
        except JournalError as exc:
            self._say_error(f"The stamp was not saved (it is still open): {exc}")
            return None
        self.pending = None
        self._stamped_uids.append(command.uid)
        self._after_writing(pending, entry)
        return entry

    def keep_marker(self) -> EntryRow | None:
        """Esc: keep the stamp as a bare marker of its kind (no text)."""
        return self.save_pending("")

    def finish_pending(self) -> None:
        """Save a stamp still open as it stands (the text typed so far)."""
        if self.pending is None:
            return
        text = self.window.quick_text() if self.window is not None else ""
        self.save_pending(text)

    def _after_writing(self, pending: PendingStamp, entry: EntryRow) -> None:
        at = timecode.format(entry.position_ms)
        label = KIND_LABELS.get(entry.kind, entry.kind)
        self.host.show_undoable_status(f"Stamped {label} at {at}")
        mpv = mpv_source(self.source)
        if mpv is not None:
            with contextlib.suppress(TimeSourceError):
                mpv.writing_finished()
                mpv.show_message(f"Journal: {label} at {at}")
        self.stamp_closed.emit()
        self.recent_changed.emit()
        focus = pending.return_focus
        if isinstance(focus, QWidget) and focus.isVisible():
            focus.window().activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_resync(self) -> Any:
        """Entry → Re-sync entries…: the dialog for the journal pane's viewing."""
        from ui.watch.resync import open_resync

        return open_resync(self.host)

    def _on_store_changed(self, change: Any) -> None:
        if not self._active:
            return
        if change.entity in ("entry", "viewing", "film", "journal"):
            if self.viewing() is None:  # the viewing was deleted (or undone away)
                self.pending = None
                self.leave()
                self.host.show_error_status("The viewing being watched is gone; watch mode ended")
                return
            self.changed.emit()
            self.recent_changed.emit()


def kind_for_key(number: int) -> str | None:
    """Alt+``number`` (1…6) → the kind, as in the entry editor."""
    return ENTRY_KINDS[number - 1] if 1 <= number <= len(ENTRY_KINDS) else None
