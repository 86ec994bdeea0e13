"""The one interface every time source follows, and the error they raise.

A time source answers "where is the film now?" in integer milliseconds, and starts or pauses
the film where it can (a player) or itself where it cannot (the clock). The watch view talks to
whichever source the user chose only through :class:`TimeSource`, so adding a source never
touches the view.

Promises every source keeps:

* ``position_ms``, ``play``, ``pause`` and ``toggle`` either succeed or raise
  :class:`TimeSourceError` within a bounded time (about a second for a player): never a hang.
* ``name`` and ``state`` never raise and never wait on a player: the view may read them on
  every repaint.
* ``close`` never raises and may be called more than once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from journal.errors import JournalError


class TimeSourceError(JournalError):
    """A time source cannot answer: not installed, not running, not answering, or closed.

    The message says what happened and what to do next; the clock always remains available.
    """


@dataclass(frozen=True, slots=True)
class StampRequest:
    """A stamp asked for from inside a player (a key bound in mpv), not from the app's window.

    ``raw_position_ms`` is the player's position when the key was pressed, before the reaction
    lag is taken off (see :func:`journal.watch.stamp.stamp_position`); ``None`` when the
    player could not tell (no file loaded, or it stopped answering).
    """

    raw_position_ms: int | None
    source_name: str


@runtime_checkable
class TimeSource(Protocol):
    """Where the film is, and a way to start and pause it."""

    @property
    def name(self) -> str:
        """A short name for the source as the user knows it ("Clock", "mpv")."""
        ...

    @property
    def state(self) -> str:
        """A short description for the view: "playing", "paused", "not connected: …"."""
        ...

    def position_ms(self) -> int | None:
        """The film's position now, in whole milliseconds (≥ 0); ``None`` while unknown.

        Raises :class:`TimeSourceError` when the source cannot answer.
        """
        ...

    def is_playing(self) -> bool:
        """True while the film (or the clock) is moving. Never waits on a player."""
        ...

    def play(self) -> None:
        """Start or resume. Raises :class:`TimeSourceError` when the source cannot."""
        ...

    def pause(self) -> None:
        """Pause. Raises :class:`TimeSourceError` when the source cannot."""
        ...

    def toggle(self) -> None:
        """Pause if moving, play if paused (the start/pause key)."""
        ...

    def close(self) -> None:
        """Let go of whatever the source holds (a socket, a player it started). Never raises."""
        ...
