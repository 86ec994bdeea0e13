"""The clock: a time source for a film the app cannot see (a cinema, a TV, a streaming tab).

The viewer starts it at the first frame, pauses it when they pause the film, and *syncs* it
whenever the player shows a time ("it's 0:42:10 now") to take out the drift of a late start or
a forgotten pause. It reads time only through the ``now`` function it is given (monotonic
seconds), so it never jumps with the wall clock and tests drive it without sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from journal import timecode
from journal.errors import ValidationError
from journal.timecode import MAX_POSITION_MS


class Clock:
    """A stopwatch over the film: start, pause, resume, sync. Follows ``TimeSource``.

    Before the first start its position is unknown (``None``): a stamp made then would be a
    guess, and the view says "not started" instead.
    """

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        # The position at the last anchor, and the monotonic time it was anchored while
        # running (None while paused or not started).
        self._anchor_position_ms: int | None = None
        self._running_since: float | None = None

    @property
    def name(self) -> str:
        """Always "Clock"."""
        return "Clock"

    @property
    def state(self) -> str:
        """ "not started", "running" or "paused" (the view shows it beside the time)."""
        if self._anchor_position_ms is None:
            return "not started"
        return "running" if self._running_since is not None else "paused"

    @property
    def started(self) -> bool:
        """True once started (or synced): from then on the position is known."""
        return self._anchor_position_ms is not None

    def position_ms(self) -> int | None:
        """Milliseconds since the first frame, paused time left out; ``None`` before a start."""
        if self._anchor_position_ms is None:
            return None
        if self._running_since is None:
            return self._anchor_position_ms
        # max(): a now() that stepped back (it should not) must not move the film backwards.
        elapsed_ms = max(0, round((self._now() - self._running_since) * 1000))
        return min(self._anchor_position_ms + elapsed_ms, MAX_POSITION_MS)

    def is_playing(self) -> bool:
        """True while running."""
        return self._running_since is not None

    def start(self) -> None:
        """Start at the first frame (position 0) and run, whatever the clock showed before."""
        self._anchor_position_ms = 0
        self._running_since = self._now()

    def play(self) -> None:
        """Resume from where it was paused; a clock never started starts at the first frame."""
        if self._running_since is not None:
            return
        if self._anchor_position_ms is None:
            self.start()
            return
        self._running_since = self._now()

    def pause(self) -> None:
        """Hold the position until ``play``; does nothing if not running."""
        if self._running_since is None:
            return
        self._anchor_position_ms = self.position_ms()
        self._running_since = None

    def toggle(self) -> None:
        """Pause if running, otherwise play (start at the first frame if never started)."""
        if self._running_since is not None:
            self.pause()
        else:
            self.play()

    def sync(self, position_ms: int, *, at: float | None = None) -> None:
        """Correct the clock: the film was at ``position_ms`` at monotonic time ``at``.

        ``at`` defaults to now. A view passes the time the user *read* the player's display
        (when the sync field opened), so the seconds spent typing "0:42:10" are not lost.
        Running or paused stays as it was; a clock never started is set, paused, at that
        position (press play when the film shows it, or sync while running).
        Raises ``ValidationError`` for a position below 0 or beyond any film; nothing changes.
        """
        if isinstance(position_ms, bool) or not isinstance(position_ms, int):
            raise ValidationError("position", f"expected whole milliseconds, got {position_ms!r}")
        if not 0 <= position_ms <= MAX_POSITION_MS:
            raise ValidationError(
                "position",
                f"{position_ms} ms is outside a film (0 to 1000 hours); the clock was not changed",
            )
        now = self._now()
        if self._running_since is None:
            self._anchor_position_ms = position_ms
            return
        read_at = now if at is None else min(at, now)
        typing_ms = max(0, round((now - read_at) * 1000))
        self._anchor_position_ms = min(position_ms + typing_ms, MAX_POSITION_MS)
        self._running_since = now

    def close(self) -> None:
        """Nothing to let go of; kept for the ``TimeSource`` interface."""

    def __repr__(self) -> str:
        position = self.position_ms()
        shown = "-" if position is None else timecode.format(position)
        return f"<Clock {self.state} at {shown}>"
