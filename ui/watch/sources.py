"""Choosing and driving the time source of watch mode: the clock, mpv, or an MPRIS player.

A mixin of :class:`ui.watch.mode.WatchMode` (which holds the state it uses: ``clock``,
``source``, ``relay``, ``host``, ``window``…), kept apart so that each file holds one concern.
A source that fails says why and the clock remains; when mpv goes away while watching, the
clock takes over where the film was, paused.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from journal import timecode
from journal.errors import JournalError
from journal.watch.clock import Clock
from journal.watch.source import TimeSource, TimeSourceError

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings, SignalInstance

PAUSE_WHILE_WRITING_KEY = "watch/pause_while_writing"


class SourceChoice:
    """The time-source half of watch mode."""

    clock: Clock
    source: TimeSource
    host: Any
    window: Any
    relay: Any
    settings: QSettings
    changed: SignalInstance
    pause_while_writing: bool
    _active: bool
    _last_position_ms: int | None

    def enter(self) -> bool:  # defined by WatchMode
        raise NotImplementedError

    def position_ms(self) -> int | None:
        """The source's position now, or None (not started, no file, not answering)."""
        try:
            position = self.source.position_ms()
        except TimeSourceError:
            return None
        if position is not None:
            self._last_position_ms = position
        return position

    # --- the time source --------------------------------------------------------------------

    def _set_source(self, source: TimeSource) -> None:
        old = self.source
        if old is source:
            return
        self.source = source
        if old is not self.clock:
            mpv = mpv_source(old)
            if mpv is not None:
                mpv.set_stamp_callback(None)
            old.close()
        self.changed.emit()

    def use_clock(self) -> None:
        """Back to the clock (a player connected before is let go, left playing)."""
        self._set_source(self.clock)

    def connect_mpv(self, ipc_path: str, *, timeout: float | None = None) -> bool:
        """Connect to an mpv started with ``--input-ipc-server=IPC_PATH``."""
        from journal.watch.mpv import MpvSource

        return self._use_mpv(
            lambda **options: MpvSource.connect(ipc_path, **options), timeout, f"mpv at {ipc_path}"
        )

    def launch_mpv(self, media_path: str, *, extra_args: tuple[str, ...] = ()) -> bool:
        """Start mpv on ``media_path`` (it quits when the journal lets go of it)."""
        from journal.watch.mpv import MpvSource

        return self._use_mpv(
            lambda **options: MpvSource.launch(media_path, extra_args=extra_args, **options),
            None,
            "mpv",
        )

    def _use_mpv(self, make: Callable[..., Any], timeout: float | None, what: str) -> bool:
        options: dict[str, Any] = {
            "pause_while_writing": self.pause_while_writing,
            "on_stamp": self.relay,
        }
        if timeout is not None:
            options["timeout"] = timeout
        try:
            source = make(**options)
        except (TimeSourceError, OSError) as exc:
            self._say_error(f"Could not use {what}: {exc}")
            return False
        self._set_source(source)
        key = "Ctrl+J in mpv stamps too" if source.stamp_key_bound else "stamp from the journal"
        self.host.show_status(f"Connected to {what}: {key}")
        return True

    def start_with_mpv(self, ipc_path: str) -> bool:
        """``reflective-journal --mpv SOCKET``: connect first, then watch along on the film
        shown (if mpv does not answer, the message says so and the clock remains)."""
        connected = self.connect_mpv(ipc_path)
        entered = self.enter()
        if not connected and self.window is not None:
            self.window.show_problem(self.host.status_bar().currentMessage())
        return connected and entered

    def use_mpris(self, player: Any) -> bool:
        """Follow an MPRIS player (``ui.watch.mpris.MprisPlayer``) that reports its position."""
        from ui.watch.mpris import MprisSource

        try:
            source = MprisSource(player)
        except TimeSourceError as exc:
            self._say_error(str(exc))
            return False
        self._set_source(source)
        self.host.show_status(f"Following {player.identity} over MPRIS")
        return True

    def set_pause_while_writing(self, on: bool) -> None:
        self.pause_while_writing = on
        self.settings.setValue(PAUSE_WHILE_WRITING_KEY, on)
        mpv = mpv_source(self.source)
        if mpv is not None:
            mpv.pause_while_writing = on
        self.changed.emit()

    def toggle_play(self) -> None:
        """Ctrl+Shift+Space: start/pause the clock, or the player."""
        if not self._active:
            self.host.show_status("Start or pause works while watching along (Ctrl+Shift+W)")
            return
        try:
            self.source.toggle()
        except TimeSourceError as exc:
            self._say_error(str(exc))
        self.changed.emit()
        self._tick()

    def start_clock(self) -> None:
        """Start the clock at the first frame (position 0)."""
        self.clock.start()
        self._set_source(self.clock)
        self.changed.emit()

    def sync_clock(self, text: str, read_at: float | None = None) -> bool:
        """Set the clock to the time the player shows (``text``: 0:42:10, 42:10, 2530…).

        ``read_at`` is when the person read that time (the sync field opened), so the seconds
        spent typing are not lost. A bad time says what is accepted; the clock is unchanged.
        """
        try:
            position = timecode.parse(text)
            self.clock.sync(position, at=read_at)
        except (JournalError, ValueError) as exc:
            self._say_error(f"The clock was not changed: {exc}")
            return False
        self._set_source(self.clock)
        self.host.show_status(f"Clock set to {timecode.format(position)}")
        self.changed.emit()
        return True

    def _say_error(self, message: str) -> None:
        self.host.show_error_status(message)
        if self.window is not None:
            self.window.show_problem(message)

    def _tick(self) -> None:
        if self.window is not None and self._active:
            self.window.show_time(self.position_ms())
            mpv = mpv_source(self.source)
            if mpv is not None and not mpv.connected:
                self._player_lost()

    def _player_lost(self) -> None:
        """mpv quit or the socket closed: the clock takes over where the film was, paused."""
        why = self.source.state
        self._set_source(self.clock)
        if self._last_position_ms is not None:
            self.clock.sync(self._last_position_ms)
            where = f" at {timecode.format(self._last_position_ms)} (paused)"
        else:
            where = ""
        self._say_error(
            f"mpv is gone ({why}); the clock took over{where}. Ctrl+Shift+Space runs it."
        )


def mpv_source(source: TimeSource) -> Any:
    """``source`` if it is mpv's, else None. The mpv client is loaded only once someone
    plays along with mpv (not at start-up), so a source can only be one if it is loaded."""
    module = sys.modules.get("journal.watch.mpv")
    return source if module is not None and isinstance(source, module.MpvSource) else None
