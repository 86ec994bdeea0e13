"""mpv's JSON IPC over a Unix socket: requests with a deadline, events on a background thread.

The protocol is one JSON object per line. A request ``{"command": [...], "request_id": N}``
is answered by ``{"error": "success", "data": ..., "request_id": N}`` (or another ``error``);
lines carrying ``"event"`` arrive whenever mpv likes (``client-message``, ``property-change``,
``shutdown``…). A single reader thread matches answers to waiting requests and hands every
event to the ``on_event`` function — on the reader thread, so that function must only record
or queue, never wait on mpv.

Promises: a request returns or raises :class:`TimeSourceError` within its timeout (never a
hang, whether mpv is frozen, busy or gone); once the connection is lost every waiting and
later request fails at once with the reason; ``close`` never raises.

Written by hand rather than taken from ``python-mpv-jsonipc``: that library waits up to
120 s per request (a module-wide constant), puts its socket in a shared ``/tmp`` path, asks
mpv for its whole property and command lists on connect, and runs callbacks on threads it
owns; the protocol needs only a couple of hundred lines, which this is.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from journal.watch.source import TimeSourceError

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 1.0
CLOCK_REMAINS = "The clock remains available."
# An answer longer than this is not mpv talking (its longest, the property list, is ~20 KB).
_MAX_LINE_BYTES = 16 * 1024 * 1024

Event = dict[str, Any]


class MpvCommandError(TimeSourceError):
    """mpv answered a request with an error (``error`` holds mpv's word, for example
    ``"property unavailable"`` for ``time-pos`` while no file is loaded)."""

    def __init__(self, command: str, error: str) -> None:
        super().__init__(f"mpv refused {command!r}: {error}")
        self.command = command
        self.error = error


class _Waiter:
    """One request waiting for its answer."""

    __slots__ = ("answered", "reply")

    def __init__(self) -> None:
        self.answered = threading.Event()
        self.reply: dict[str, Any] | None = None  # stays None when the connection was lost


def _connect_error(path: Path, error: OSError) -> TimeSourceError:
    if isinstance(error, FileNotFoundError):
        reason = f"there is no socket at {path}. Start mpv with --input-ipc-server={path}"
    elif isinstance(error, ConnectionRefusedError):
        reason = f"nothing answers at {path} any more (has mpv quit?). Start mpv again"
    elif isinstance(error, PermissionError):
        reason = f"this user may not open {path}"
    else:
        reason = f"{path} cannot be opened ({error.strerror or error})"
    return TimeSourceError(f"Cannot connect to mpv: {reason}. {CLOCK_REMAINS}")


class MpvIpc:
    """One connection to one mpv. Thread-safe: any thread may send requests."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        on_event: Callable[[Event], None] | None = None,
        timeout: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        """Connect to the socket mpv opened with ``--input-ipc-server=PATH``.

        Raises :class:`TimeSourceError` saying why when there is no such socket, it is not a
        socket, or nothing listens on it.
        """
        self.path = Path(path)
        self.timeout = timeout
        self._on_event = on_event
        if os.name == "nt":
            raise TimeSourceError(
                "Connecting to mpv over a Windows named pipe is not supported yet. " + CLOCK_REMAINS
            )
        try:
            mode = self.path.stat().st_mode
        except OSError as error:
            raise _connect_error(self.path, error) from error
        if not stat.S_ISSOCK(mode):
            raise TimeSourceError(
                f"Cannot connect to mpv: {self.path} is a file, not mpv's socket. "
                f"Give the path mpv was started with (--input-ipc-server=PATH). {CLOCK_REMAINS}"
            )
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        # One timeout for both directions: a send into a full buffer fails instead of hanging,
        # and the reader wakes regularly even when mpv is silent.
        self._socket.settimeout(timeout)
        try:
            self._socket.connect(os.fspath(self.path))
        except OSError as error:
            self._socket.close()
            raise _connect_error(self.path, error) from error
        self._lock = threading.Lock()  # guards _pending, _next_id, _lost_reason
        self._send_lock = threading.Lock()  # one line on the wire at a time
        self._pending: dict[int, _Waiter] = {}
        self._next_id = 0
        self._lost_reason: str | None = None
        self._reader = threading.Thread(target=self._read_loop, name="mpv-ipc-reader", daemon=True)
        self._reader.start()

    # --- state ------------------------------------------------------------------------------

    @property
    def lost_reason(self) -> str | None:
        """Why the connection is gone ("mpv was quit", "closed"), or None while connected."""
        return self._lost_reason

    @property
    def connected(self) -> bool:
        """True until mpv goes away or :meth:`close` is called."""
        return self._lost_reason is None

    # --- requests ---------------------------------------------------------------------------

    def request(self, *command: Any, timeout: float | None = None) -> Any:
        """Send one command (``"get_property", "time-pos"``) and return mpv's ``data``.

        Raises :class:`MpvCommandError` when mpv answers with an error, and
        :class:`TimeSourceError` when it does not answer within ``timeout`` (default: the
        connection's) or the connection is lost.
        """
        limit = self.timeout if timeout is None else timeout
        name = str(command[0]) if command else "?"
        waiter = _Waiter()
        with self._lock:
            if self._lost_reason is not None:
                raise self._lost_error()
            self._next_id += 1
            request_id = self._next_id
            self._pending[request_id] = waiter
        line = json.dumps({"command": list(command), "request_id": request_id}) + "\n"
        try:
            with self._send_lock:
                self._socket.sendall(line.encode("utf-8"))
        except TimeoutError as error:
            self._forget(request_id)
            raise self._silent_error(name, limit) from error
        except OSError as error:
            self._forget(request_id)
            self._lose(f"the connection broke ({error.strerror or error})")
            raise self._lost_error() from error
        if not waiter.answered.wait(limit):
            self._forget(request_id)
            raise self._silent_error(name, limit)
        reply = waiter.reply
        if reply is None:
            raise self._lost_error()
        error_word = reply.get("error")
        if error_word != "success":
            raise MpvCommandError(name, str(error_word))
        return reply.get("data")

    def _forget(self, request_id: int) -> None:
        with self._lock:
            self._pending.pop(request_id, None)

    def _silent_error(self, name: str, limit: float) -> TimeSourceError:
        return TimeSourceError(
            f"mpv did not answer {name!r} within {limit:g} s (frozen or very busy?). "
            f"{CLOCK_REMAINS}"
        )

    def _lost_error(self) -> TimeSourceError:
        return TimeSourceError(f"Not connected to mpv: {self._lost_reason}. {CLOCK_REMAINS}")

    # --- the reader thread ------------------------------------------------------------------

    def _read_loop(self) -> None:
        buffer = b""
        reason = "mpv closed the connection (it was quit)"
        while True:
            try:
                chunk = self._socket.recv(65536)
            except TimeoutError:
                if self._lost_reason is not None:
                    return
                continue
            except OSError as error:
                reason = f"the connection broke ({error.strerror or error})"
                break
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                self._handle_line(line)
            if len(buffer) > _MAX_LINE_BYTES:
                reason = "mpv sent a line too long to be an answer"
                break
        self._lose(reason)

    def _handle_line(self, line: bytes) -> None:
        if not line.strip():
            return
        try:
            message = json.loads(line.decode("utf-8", errors="replace"))
        except ValueError:
            log.warning("ignored a line from mpv that is not JSON: %.80r", line)
            return
        if not isinstance(message, dict):
            return
        if "event" in message:
            if self._on_event is not None:
                try:
                    self._on_event(message)
                except Exception:  # a bad handler must not kill the reader
                    log.exception("mpv event handler failed on %.80r", message)
            return
        request_id = message.get("request_id")
        if isinstance(request_id, int):
            with self._lock:
                waiter = self._pending.pop(request_id, None)
            if waiter is not None:  # None: an answer that came after its request gave up
                waiter.reply = message
                waiter.answered.set()

    def _lose(self, reason: str) -> None:
        """Mark the connection gone (first reason wins) and wake every waiting request."""
        with self._lock:
            if self._lost_reason is None:
                self._lost_reason = reason
            waiting = list(self._pending.values())
            self._pending.clear()
        for waiter in waiting:
            waiter.answered.set()

    # --- closing ----------------------------------------------------------------------------

    def close(self) -> None:
        """Disconnect (mpv keeps playing). Safe to call twice and from any thread."""
        self._lose("closed")
        with contextlib.suppress(OSError):
            self._socket.shutdown(socket.SHUT_RDWR)
        if threading.current_thread() is not self._reader:
            self._reader.join(self.timeout + 1.0)
        with contextlib.suppress(OSError):
            self._socket.close()
