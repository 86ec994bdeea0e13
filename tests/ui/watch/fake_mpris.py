"""A fake MPRIS player for tests, run as its own process on a private session bus.

Usage: python -m tests.ui.watch.fake_mpris BUS_ADDRESS NAME IDENTITY POSITION_US|none

It publishes ``org.mpris.MediaPlayer2.NAME`` answering what the journal asks: the
``Identity``, ``Position`` (microseconds) and ``PlaybackStatus`` properties through
``org.freedesktop.DBus.Properties.Get``, and ``Play``, ``Pause``, ``PlayPause``. With
``none`` it answers Position with an error, as a browser that reports no position does.
Messages are handled by hand (a virtual object), as a real player's D-Bus library would.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusVariant, QDBusVirtualObject

PATH = "/org/mpris/MediaPlayer2"


class FakePlayer(QDBusVirtualObject):
    def __init__(self, identity: str, position_us: int | None) -> None:
        super().__init__()
        self.identity = identity
        self.position_us = position_us
        self.status = "Playing"

    def introspect(self, path: str) -> str:
        return ""

    def _value(self, name: str) -> object:
        if name == "Identity":
            return self.identity
        if name == "PlaybackStatus":
            return self.status
        if name == "Position":
            return self.position_us
        return None

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:  # noqa: N802
        member = message.member()
        if member == "Get":
            _interface, name = message.arguments()
            value = self._value(name)
            if value is None:
                reply = message.createErrorReply(
                    "org.freedesktop.DBus.Error.NotSupported", f"{name} is not supported"
                )
            else:
                reply = message.createReply()
                reply.setArguments([QDBusVariant(value)])
        elif member in ("Play", "Pause", "PlayPause"):
            playing = {"Play": True, "Pause": False}.get(member, self.status != "Playing")
            self.status = "Playing" if playing else "Paused"
            reply = message.createReply()
        else:
            reply = message.createErrorReply("org.freedesktop.DBus.Error.UnknownMethod", member)
        connection.send(reply)
        return True


def main() -> int:
    address, name, identity, position = sys.argv[1:5]
    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(address, "fake-mpris")
    player = FakePlayer(identity, None if position == "none" else int(position))
    if not bus.registerVirtualObject(PATH, player):
        return 2
    if not bus.registerService(f"org.mpris.MediaPlayer2.{name}"):
        return 3
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
