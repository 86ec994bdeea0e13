"""MPRIS players (VLC, mpv with mpv-mpris, browsers…) as a time source, over QtDBus.

MPRIS is the freedesktop interface media players publish on the session bus as
``org.mpris.MediaPlayer2.<name>``. Its ``Position`` property is in microseconds. Some
players publish no position (browsers often answer with an error or keep it at 0 while
playing); they are listed as reporting none rather than stamped wrongly. Every call has a
short deadline, so a frozen player never freezes the journal. Linux only in practice (there
is no session bus elsewhere); without one, MPRIS is simply not offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtDBus import QDBus, QDBusArgument, QDBusConnection, QDBusMessage, QDBusVariant

from journal.watch import TimeSourceError
from journal.watch.ipc import CLOCK_REMAINS

PREFIX = "org.mpris.MediaPlayer2."
PATH = "/org/mpris/MediaPlayer2"
ROOT_INTERFACE = "org.mpris.MediaPlayer2"
PLAYER_INTERFACE = "org.mpris.MediaPlayer2.Player"
PROPERTIES = "org.freedesktop.DBus.Properties"
TIMEOUT_MS = 500


def session_bus() -> QDBusConnection | None:
    """The session bus, or None where there is none (no desktop session, not Linux)."""
    bus = QDBusConnection.sessionBus()
    return bus if bus.isConnected() else None


def _call(
    bus: QDBusConnection, service: str, path: str, interface: str, method: str, *args: Any
) -> list[Any]:
    """A method call with a deadline: its reply's arguments, or TimeSourceError."""
    message = QDBusMessage.createMethodCall(service, path, interface, method)
    if args:
        message.setArguments(list(args))
    reply = bus.call(message, QDBus.CallMode.Block, TIMEOUT_MS)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage:
        raise TimeSourceError(reply.errorMessage() or reply.errorName() or "no answer")
    return list(reply.arguments())


def _unwrap(value: Any) -> Any:
    """A D-Bus variant's value: PySide hands it as the value, a QDBusVariant or a
    QDBusArgument depending on how the player wrote it."""
    for _ in range(3):  # a variant may hold a variant
        if isinstance(value, QDBusArgument):
            value = value.asVariant()
        elif isinstance(value, QDBusVariant):
            value = value.variant()
        else:
            break
    return value


def get_property(bus: QDBusConnection, service: str, interface: str, name: str) -> Any:
    (value,) = _call(bus, service, PATH, PROPERTIES, "Get", interface, name)
    return _unwrap(value)


def _position_us(bus: QDBusConnection, service: str) -> int | None:
    value = get_property(bus, service, PLAYER_INTERFACE, "Position")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


@dataclass(frozen=True)
class MprisPlayer:
    """A player found on the bus; ``reports_position`` False: listed, but not offered."""

    bus: QDBusConnection
    service: str
    identity: str
    reports_position: bool


def list_players(bus: QDBusConnection) -> list[MprisPlayer]:
    """Every MPRIS player on ``bus``, by name; each asked (briefly) for its position."""
    try:
        (names,) = _call(
            bus,
            "org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "ListNames",
        )
    except TimeSourceError:
        return []
    players = []
    for service in sorted(str(name) for name in names if str(name).startswith(PREFIX)):
        try:
            identity = str(get_property(bus, service, ROOT_INTERFACE, "Identity"))
        except TimeSourceError:
            identity = service.removeprefix(PREFIX)
        try:
            reports = _position_us(bus, service) is not None
        except TimeSourceError:
            reports = False
        players.append(MprisPlayer(bus, service, identity, reports))
    return players


class MprisSource:
    """An MPRIS player as a ``TimeSource``; raises TimeSourceError if it reports no position."""

    def __init__(self, player: MprisPlayer) -> None:
        self.player = player
        self._status = "unknown"
        self._closed = False
        try:
            position = _position_us(player.bus, player.service)
        except TimeSourceError as exc:
            raise TimeSourceError(
                f"{player.identity} reports no position over MPRIS ({exc}). {CLOCK_REMAINS}"
            ) from exc
        if position is None:
            raise TimeSourceError(f"{player.identity} reports no position. {CLOCK_REMAINS}")
        self._read_status()

    @property
    def name(self) -> str:
        return self.player.identity

    @property
    def state(self) -> str:
        if self._closed:
            return "not connected: closed"
        return {"Playing": "playing", "Paused": "paused", "Stopped": "stopped"}.get(
            self._status, self._status
        )

    def _read_status(self) -> None:
        try:
            status = get_property(
                self.player.bus, self.player.service, PLAYER_INTERFACE, "PlaybackStatus"
            )
        except TimeSourceError:
            self._status = "not answering"
            return
        self._status = str(status)

    def position_ms(self) -> int | None:
        if self._closed:
            raise TimeSourceError(f"{self.name} was let go. {CLOCK_REMAINS}")
        try:
            position = _position_us(self.player.bus, self.player.service)
        except TimeSourceError as exc:
            self._status = "not answering"
            raise TimeSourceError(f"{self.name} does not answer ({exc}). {CLOCK_REMAINS}") from exc
        self._read_status()
        return None if position is None else max(0, round(position / 1000))

    def is_playing(self) -> bool:
        return not self._closed and self._status == "Playing"

    def _player_call(self, method: str) -> None:
        try:
            _call(self.player.bus, self.player.service, PATH, PLAYER_INTERFACE, method)
        except TimeSourceError as exc:
            raise TimeSourceError(f"{self.name} refused {method}: {exc}") from exc
        self._read_status()

    def play(self) -> None:
        self._player_call("Play")

    def pause(self) -> None:
        self._player_call("Pause")

    def toggle(self) -> None:
        self._player_call("PlayPause")

    def close(self) -> None:
        self._closed = True
