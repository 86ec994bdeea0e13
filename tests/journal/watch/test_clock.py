"""The clock keeps film time from an injected monotonic time: no test sleeps."""

from __future__ import annotations

import pytest

from journal.errors import ValidationError
from journal.timecode import MAX_POSITION_MS
from journal.watch import Clock, TimeSource


class FakeTime:
    """A monotonic time the test moves by hand."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


@pytest.fixture
def now() -> FakeTime:
    return FakeTime()


@pytest.fixture
def clock(now: FakeTime) -> Clock:
    return Clock(now=now)


def test_a_clock_is_a_time_source(clock: Clock) -> None:
    assert isinstance(clock, TimeSource)
    assert clock.name == "Clock"


def test_before_the_first_start_the_position_is_unknown(clock: Clock, now: FakeTime) -> None:
    now.advance(30)
    assert clock.position_ms() is None
    assert clock.state == "not started"
    assert not clock.is_playing()


def test_started_at_the_first_frame_it_counts_film_time(clock: Clock, now: FakeTime) -> None:
    clock.start()
    assert clock.position_ms() == 0
    now.advance(62.25)
    assert clock.position_ms() == 62_250
    assert clock.state == "running"
    assert clock.is_playing()


def test_paused_time_is_left_out(clock: Clock, now: FakeTime) -> None:
    clock.start()
    now.advance(10)
    clock.pause()
    now.advance(300)  # a long pause for tea
    assert clock.position_ms() == 10_000
    assert clock.state == "paused"
    clock.play()
    now.advance(5)
    assert clock.position_ms() == 15_000


def test_toggle_starts_pauses_and_resumes(clock: Clock, now: FakeTime) -> None:
    clock.toggle()
    assert clock.is_playing() and clock.position_ms() == 0
    now.advance(2)
    clock.toggle()
    now.advance(2)
    assert not clock.is_playing() and clock.position_ms() == 2_000
    clock.toggle()
    now.advance(2)
    assert clock.position_ms() == 4_000


def test_play_and_pause_twice_change_nothing(clock: Clock, now: FakeTime) -> None:
    clock.play()
    now.advance(3)
    clock.play()  # must not restart the run
    assert clock.position_ms() == 3_000
    clock.pause()
    clock.pause()
    assert clock.position_ms() == 3_000


def test_start_again_goes_back_to_the_first_frame(clock: Clock, now: FakeTime) -> None:
    clock.start()
    now.advance(40)
    clock.start()
    assert clock.position_ms() == 0


def test_sync_while_running_corrects_drift(clock: Clock, now: FakeTime) -> None:
    clock.start()
    now.advance(2525)  # the clock says 0:42:05; the player shows 0:42:10
    clock.sync(2_530_000)
    assert clock.position_ms() == 2_530_000
    now.advance(1)
    assert clock.position_ms() == 2_531_000
    assert clock.is_playing()


def test_sync_counts_the_seconds_spent_typing(clock: Clock, now: FakeTime) -> None:
    clock.start()
    read_at = now()  # the sync field opens as the user reads 0:42:10 off the player
    now.advance(4)  # four seconds to type it
    clock.sync(2_530_000, at=read_at)
    assert clock.position_ms() == 2_534_000


def test_sync_while_paused_holds_that_position(clock: Clock, now: FakeTime) -> None:
    clock.start()
    now.advance(10)
    clock.pause()
    clock.sync(60_000, at=now() - 5)  # paused: typing time is not film time
    now.advance(30)
    assert clock.position_ms() == 60_000
    assert not clock.is_playing()


def test_sync_before_start_sets_a_paused_clock(clock: Clock, now: FakeTime) -> None:
    clock.sync(600_000)  # joined a broadcast late
    assert clock.state == "paused"
    assert clock.position_ms() == 600_000
    clock.play()
    now.advance(1.5)
    assert clock.position_ms() == 601_500


@pytest.mark.parametrize("bad", [-1, MAX_POSITION_MS + 1, 1.5, True, "0:42:10"])
def test_a_bad_sync_is_refused_and_changes_nothing(
    clock: Clock, now: FakeTime, bad: object
) -> None:
    clock.start()
    now.advance(7)
    with pytest.raises(ValidationError) as refused:
        clock.sync(bad)  # type: ignore[arg-type]
    assert refused.value.field == "position"
    assert clock.position_ms() == 7_000 and clock.is_playing()


def test_a_time_that_steps_back_never_moves_the_film_backwards(clock: Clock, now: FakeTime) -> None:
    clock.start()
    now.advance(-5)
    assert clock.position_ms() == 0


def test_close_is_harmless(clock: Clock) -> None:
    clock.start()
    clock.close()
    clock.close()
    assert "running" in repr(clock)
