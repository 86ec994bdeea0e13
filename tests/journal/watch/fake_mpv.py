"""A fake mpv that speaks the real JSON IPC protocol over a Unix socket, for tests.

It serves what the journal uses — ``get_property`` / ``set_property`` / ``cycle`` /
``observe_property`` / ``keybind`` / ``quit`` — with mpv's answers and error words, sends
``property-change`` notices for observed properties, and can press a bound key the way mpv
does: by running the bound command, expanding ``${=time-pos}`` and sending the
``client-message`` event. ``answering = False`` makes it read requests and answer nothing
(a frozen player).
"""

from __future__ import annotations

import contextlib
import json
import shlex
import socket
import threading
import time
from pathlib import Path
from typing import Any


class FakeMpv:
    """One fake player listening at ``path``; serve each client on its own thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.time_pos: float | None = 12.3456
        self.paused = False
        self.idle = False
        self.answering = True
        self.bindings: dict[str, str] = {}
        self.received: list[list[Any]] = []
        self.shown: list[str] = []
        self.quit_requested = threading.Event()
        self._observed: dict[str, list[int]] = {}
        self._clients: list[socket.socket] = []
        self._lock = threading.Lock()
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(path))
        self._server.listen()
        self._server.settimeout(0.02)
        self._stopping = False
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)
        self._acceptor.start()

    # --- driving it from a test -------------------------------------------------------------

    def press(self, key: str, *, then_time_pos: float | None = None) -> None:
        """Press ``key`` in the player: run its bound command as mpv would.

        ``then_time_pos``: the film moves on to there before the client hears of the press.
        """
        bound = self.bindings[key.lower()]
        expanded = [shlex.split(self._expand(command.strip())) for command in bound.split(";")]
        if then_time_pos is not None:
            self.time_pos = then_time_pos
        for words in expanded:
            if words and words[0] == "script-message":
                self.send_event({"event": "client-message", "args": words[1:]})

    def send_event(self, event: dict[str, Any]) -> None:
        """Send an event line to every connected client."""
        line = (json.dumps(event) + "\n").encode()
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            with contextlib.suppress(OSError):
                client.sendall(line)

    def set_paused(self, paused: bool) -> None:
        """Pause or resume as if the user pressed space in the player."""
        self.paused = paused
        self._notify("pause", paused)

    def disconnect_all(self) -> None:
        """Drop every client (as mpv does when it quits)."""
        with self._lock:
            clients, self._clients = self._clients, []
        for client in clients:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
            client.close()

    def wait_for_command(self, name: str, timeout: float = 2.0) -> list[Any]:
        """The first received command called ``name``, polling up to ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for command in list(self.received):
                if command and command[0] == name:
                    return command
            time.sleep(0.005)
        raise AssertionError(f"the fake mpv never received {name!r}: {self.received}")

    def close(self) -> None:
        """Stop listening and drop every client."""
        self._stopping = True
        self.disconnect_all()
        self._server.close()
        self._acceptor.join(2)

    # --- serving ----------------------------------------------------------------------------

    def _expand(self, text: str) -> str:
        value = "(unavailable)" if self.time_pos is None else f"{self.time_pos:f}"
        return text.replace("${=time-pos}", value)

    def _property(self, name: str) -> tuple[str, Any]:
        if name == "time-pos":
            return (
                ("property unavailable", None)
                if self.time_pos is None
                else ("success", self.time_pos)
            )
        if name == "pause":
            return "success", self.paused
        if name == "idle-active":
            return "success", self.idle
        if name == "input-bindings":
            listed = [
                {"key": "Ctrl+s", "cmd": "screenshot window", "section": "default", "priority": 0}
            ]
            listed += [
                {"key": key, "cmd": command, "section": "default", "priority": 9}
                for key, command in self.bindings.items()
            ]
            return "success", listed
        return "property not found", None

    def _notify(self, name: str, value: Any) -> None:
        for observer_id in self._observed.get(name, []):
            self.send_event(
                {"event": "property-change", "id": observer_id, "name": name, "data": value}
            )

    def _answer(self, command: list[Any]) -> dict[str, Any]:
        name, args = (command[0], command[1:]) if command else ("", [])
        if name == "get_property" and len(args) == 1:
            error, data = self._property(args[0])
            return {"error": error, "data": data} if error == "success" else {"error": error}
        if (
            name == "set_property"
            and len(args) == 2
            and args[0] == "pause"
            and isinstance(args[1], bool)
        ):
            self.set_paused(args[1])
            return {"error": "success"}
        if name == "cycle" and args == ["pause"]:
            self.set_paused(not self.paused)
            return {"error": "success"}
        if name == "observe_property" and len(args) == 2:
            self._observed.setdefault(args[1], []).append(args[0])
            return {"error": "success"}
        if name == "keybind" and len(args) == 2:
            self.bindings[args[0].lower()] = args[1]  # mpv knows keys case-blind: Ctrl+j
            return {"error": "success", "data": None}
        if name == "show-text" and len(args) == 2:
            self.shown.append(args[0])
            return {"error": "success"}
        if name == "quit":
            self.quit_requested.set()
            return {"error": "success"}
        return {"error": "invalid parameter"}

    def _accept_loop(self) -> None:
        while not self._stopping:
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._clients.append(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        buffer = b""
        while True:
            try:
                chunk = client.recv(4096)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                request = json.loads(line)
                command = request["command"]
                self.received.append(command)
                if not self.answering:
                    continue
                reply = self._answer(command)
                reply["request_id"] = request.get("request_id", 0)
                with contextlib.suppress(OSError):
                    client.sendall((json.dumps(reply) + "\n").encode())
