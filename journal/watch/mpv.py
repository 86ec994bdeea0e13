"""mpv as a time source: its position to the sub-frame, play/pause, and a stamp key inside it.

Two ways in: :meth:`MpvSource.connect` to an mpv the user started with
``--input-ipc-server=PATH``, or :meth:`MpvSource.launch` to start mpv on a chosen file with a
socket in a private temporary folder (readable by this user only).

Once connected, Ctrl+J is bound *inside* mpv, so a stamp works with mpv fullscreen and focused:
the binding sends ``script-message reflective-journal-stamp <time-pos>`` (mpv fills in its
position when the key is pressed, so the moment is exact however late the journal reads it).
The journal hears it on the connection's reader thread and calls the registered stamp callback
on a thread of its own, so a slow callback never delays reading or blocks the caller. The view confirms a saved stamp on
mpv's screen with :meth:`MpvSource.show_message` (only the journal knows it was saved). On
disconnecting from an mpv the user started, the key gets back whatever it did before.

``is_playing`` and ``state`` come from mpv's own change notices (``observe_property``), so the
view can read them on every repaint without a round trip. Everything else is a request that
answers or fails within the timeout (1 s by default): a frozen player never freezes the journal.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from journal.watch.ipc import DEFAULT_TIMEOUT_S, Event, MpvCommandError, MpvIpc
from journal.watch.launch import START_TIMEOUT_S, LaunchedMpv
from journal.watch.source import StampRequest, TimeSourceError

log = logging.getLogger(__name__)

STAMP_MESSAGE = "reflective-journal-stamp"
STAMP_KEY = "ctrl+j"
# mpv fills in ${=time-pos} (full precision, in seconds) when the key is pressed.
STAMP_BINDING = f"script-message {STAMP_MESSAGE} ${{=time-pos}}"

_OBSERVE_PAUSE = 1
_OBSERVE_IDLE = 2
_STOP = object()

StampCallback = Callable[[StampRequest], None]


def _seconds_to_ms(value: object) -> int | None:
    """mpv's float seconds as whole ms (never negative); None for anything not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        return None
    return max(0, round(seconds * 1000))


class MpvSource:
    """A running mpv over JSON IPC. Follows ``TimeSource``; see the module docstring."""

    def __init__(
        self,
        ipc_path: str | os.PathLike[str],
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        pause_while_writing: bool = False,
        on_stamp: StampCallback | None = None,
        _launched: LaunchedMpv | None = None,
    ) -> None:
        """Connect to mpv's socket at ``ipc_path``; prefer :meth:`connect` or :meth:`launch`.

        Raises :class:`TimeSourceError` (saying why, and that the clock remains) when no mpv
        answers there.
        """
        self.pause_while_writing = pause_while_writing
        self._launched = _launched
        self._on_stamp = on_stamp
        self._paused: bool | None = None
        self._idle = False
        self._not_answering = False
        self._paused_for_writing = False
        self._closed = False
        self.stamp_key_bound = False
        self._key_before: str | None = None  # what Ctrl+J did in this mpv before we bound it
        self._stamps: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._ipc = MpvIpc(ipc_path, on_event=self._on_event, timeout=timeout)
        try:
            self._set_up()
        except TimeSourceError:
            self._ipc.close()
            raise
        self._dispatcher = threading.Thread(
            target=self._dispatch_stamps, name="mpv-stamps", daemon=True
        )
        self._dispatcher.start()

    def _set_up(self) -> None:
        # Observe first, then read: a change between the two arrives as an event afterwards.
        self._ipc.request("observe_property", _OBSERVE_PAUSE, "pause")
        self._ipc.request("observe_property", _OBSERVE_IDLE, "idle-active")
        self._paused = bool(self._ipc.request("get_property", "pause"))
        with contextlib.suppress(MpvCommandError):  # an mpv too old to know idle-active
            self._idle = bool(self._ipc.request("get_property", "idle-active"))
        self._key_before = self._current_binding(STAMP_KEY)
        try:
            self._ipc.request("keybind", STAMP_KEY, STAMP_BINDING)
            self.stamp_key_bound = True
        except MpvCommandError as error:  # mpv older than 0.35: stamp from the window only
            log.warning("could not bind %s inside mpv: %s", STAMP_KEY, error)

    def _current_binding(self, key: str) -> str | None:
        """The command ``key`` runs now in mpv (highest priority wins), or None if unbound."""
        try:
            bindings = self._ipc.request("get_property", "input-bindings")
        except MpvCommandError:  # an mpv too old to list them
            return None
        if not isinstance(bindings, list):
            return None
        found: tuple[int, str] | None = None
        for binding in bindings:
            if not isinstance(binding, dict) or binding.get("section") != "default":
                continue
            if str(binding.get("key", "")).lower() != key.lower():
                continue
            priority, command = binding.get("priority", 0), binding.get("cmd")
            if not isinstance(priority, int) or not isinstance(command, str):
                continue
            if found is None or priority > found[0]:
                found = (priority, command)
        return None if found is None else found[1]

    # --- ways in ----------------------------------------------------------------------------

    @classmethod
    def connect(
        cls,
        ipc_path: str | os.PathLike[str],
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        pause_while_writing: bool = False,
        on_stamp: StampCallback | None = None,
    ) -> MpvSource:
        """Connect to an mpv started with ``--input-ipc-server=IPC_PATH``.

        Closing the source disconnects and leaves that mpv playing.
        """
        return cls(
            ipc_path, timeout=timeout, pause_while_writing=pause_while_writing, on_stamp=on_stamp
        )

    @classmethod
    def launch(
        cls,
        media_path: str | os.PathLike[str],
        *,
        mpv_executable: str | None = None,
        extra_args: Sequence[str] = (),
        timeout: float = DEFAULT_TIMEOUT_S,
        start_timeout: float = START_TIMEOUT_S,
        pause_while_writing: bool = False,
        on_stamp: StampCallback | None = None,
    ) -> MpvSource:
        """Start mpv on ``media_path`` (see ``journal.watch.launch``) and connect; close quits it.

        mpv is looked up on PATH unless ``mpv_executable`` names it. It starts playing and
        keeps the last frame at the end (``--keep-open``) so the closing moments can still be
        stamped. Raises :class:`TimeSourceError` when mpv is missing, the file is not there,
        or mpv does not come up within ``start_timeout`` seconds (its last words included).
        """
        launched = LaunchedMpv.start(
            media_path,
            mpv_executable=mpv_executable,
            extra_args=extra_args,
            start_timeout=start_timeout,
        )
        try:
            return cls(
                launched.ipc_path,
                timeout=timeout,
                pause_while_writing=pause_while_writing,
                on_stamp=on_stamp,
                _launched=launched,
            )
        except BaseException:
            launched.stop()
            raise

    # --- TimeSource -------------------------------------------------------------------------

    @property
    def name(self) -> str:
        """Always "mpv"."""
        return "mpv"

    @property
    def state(self) -> str:
        """ "playing", "paused", "no file loaded", "not answering" or "not connected: why"."""
        reason = "closed" if self._closed else self._ipc.lost_reason
        if reason is not None:
            return f"not connected: {reason}"
        if self._not_answering:
            return "not answering"
        if self._idle:
            return "no file loaded"
        return "paused" if self._paused else "playing"

    @property
    def connected(self) -> bool:
        """True until mpv quits or the source is closed."""
        return self._ipc.connected

    @property
    def ipc_path(self) -> Path:
        """The socket this source talks to (in a private folder when it launched mpv)."""
        return self._ipc.path

    @property
    def launched(self) -> bool:
        """True when this source started the mpv it talks to (and will quit it on close)."""
        return self._launched is not None

    def position_ms(self) -> int | None:
        """mpv's ``time-pos`` in whole ms; None while no file is loaded."""
        try:
            seconds = self._request("get_property", "time-pos")
        except MpvCommandError as error:
            if error.error == "property unavailable":
                return None
            raise
        return _seconds_to_ms(seconds)

    def is_playing(self) -> bool:
        """True while connected, a file is loaded and mpv is not paused (no round trip)."""
        return self._ipc.connected and not self._idle and self._paused is False

    def play(self) -> None:
        """Unpause mpv."""
        self._set_paused(False)

    def pause(self) -> None:
        """Pause mpv."""
        self._set_paused(True)

    def toggle(self) -> None:
        """Pause or unpause, as mpv's own space bar does (one atomic ``cycle``)."""
        self._request("cycle", "pause")

    def _set_paused(self, paused: bool) -> None:
        self._request("set_property", "pause", paused)
        self._paused = paused  # the change notice will say the same; the view need not wait

    def _request(self, *command: Any) -> Any:
        try:
            answer = self._ipc.request(*command)
        except MpvCommandError:
            self._not_answering = False
            raise
        except TimeSourceError:
            self._not_answering = self._ipc.connected
            raise
        self._not_answering = False
        return answer

    def show_message(self, text: str, duration_ms: int = 2000) -> None:
        """Show ``text`` on mpv's screen for a moment (the confirmation of a saved stamp)."""
        self._request("show-text", text, duration_ms)

    # --- pause while writing ----------------------------------------------------------------

    def writing_started(self) -> None:
        """A quick entry opened: pause mpv if ``pause_while_writing`` is on and it is playing."""
        if not self.pause_while_writing or self._paused_for_writing or not self.is_playing():
            return
        self.pause()
        self._paused_for_writing = True

    def writing_finished(self) -> None:
        """The entry was saved (or kept as a bare marker): resume, if the writing paused it.

        A player the user resumed or paused again meanwhile is left as the user left it.
        """
        if not self._paused_for_writing:
            return
        self._paused_for_writing = False
        if self._paused and self.connected:
            self.play()

    # --- the stamp key ----------------------------------------------------------------------

    def set_stamp_callback(self, callback: StampCallback | None) -> None:
        """Call ``callback`` (on a background thread) each time the stamp key is pressed in mpv.

        A Qt view wraps it in a queued signal. ``None`` stops the calls; stamps pressed while
        no callback is set are dropped.
        """
        self._on_stamp = callback

    def _on_event(self, event: Event) -> None:
        """On the reader thread: record state, queue stamps; never waits on mpv."""
        kind = event.get("event")
        if kind == "property-change":
            if event.get("id") == _OBSERVE_PAUSE and isinstance(event.get("data"), bool):
                self._paused = event["data"]
                if not self._paused:  # resumed in the player: the writing pause is over
                    self._paused_for_writing = False
            elif event.get("id") == _OBSERVE_IDLE and isinstance(event.get("data"), bool):
                self._idle = event["data"]
        elif kind == "client-message":
            args = event.get("args")
            if isinstance(args, list) and args and args[0] == STAMP_MESSAGE:
                self._stamps.put(args[1] if len(args) > 1 else None)

    def _dispatch_stamps(self) -> None:
        while True:
            item = self._stamps.get()
            if item is _STOP:
                return
            position_ms = _seconds_to_ms(item)
            if position_ms is None:  # an older binding, or no file: ask instead
                try:
                    position_ms = self.position_ms()
                except TimeSourceError:
                    position_ms = None
            callback = self._on_stamp
            if callback is None:
                log.info("a stamp from mpv was dropped: nothing is listening")
                continue
            try:
                callback(StampRequest(raw_position_ms=position_ms, source_name=self.name))
            except Exception:
                log.exception("the stamp callback failed")

    # --- closing ----------------------------------------------------------------------------

    def close(self) -> None:
        """Disconnect; an mpv this source launched is quit. Never raises; safe to repeat."""
        if self._closed:
            return
        self._closed = True
        if self._launched is not None and self._ipc.connected:
            with contextlib.suppress(TimeSourceError):
                self._ipc.request("quit")
        elif self.stamp_key_bound and self._ipc.connected:
            with contextlib.suppress(TimeSourceError):  # give the user's mpv its key back
                self._ipc.request("keybind", STAMP_KEY, self._key_before or "ignore")
        self._ipc.close()
        self._stamps.put(_STOP)
        if threading.current_thread() is not self._dispatcher:
            self._dispatcher.join(self._ipc.timeout + 1.0)
        if self._launched is not None:
            self._launched.stop()

    def __enter__(self) -> MpvSource:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
