"""Shifting and rescaling a track to fit the copy of the film being watched."""

from __future__ import annotations

import pytest

from journal.subtitles.align import (
    FPS_FILM,
    FPS_PAL,
    adjust,
    adjust_position,
    frame_rate_factor,
    rescale,
    shift,
)
from journal.subtitles.cues import Cue, SubtitleError

CUES = (Cue(500, 2_000, "Dad?"), Cue(3_000, 4_000, "It's me."), Cue(3_600_000, 3_602_000, "Stay."))


def test_shift_later_and_earlier() -> None:
    assert shift(CUES, 1_500)[0] == Cue(2_000, 3_500, "Dad?")
    assert shift(CUES, -2_500) == (Cue(500, 1_500, "It's me."), Cue(3_597_500, 3_599_500, "Stay."))


def test_shift_never_goes_below_zero() -> None:
    moved = shift(CUES, -1_000)
    assert moved[0] == Cue(0, 1_000, "Dad?")  # partly before the start: starts at 0
    assert all(cue.start_ms >= 0 and cue.end_ms >= cue.start_ms for cue in moved)
    assert len(shift(CUES, -2_000)) == 2  # entirely before the start: dropped
    assert adjust_position(1_000, offset_ms=-5_000) == 0


def test_shift_and_back_restores_cues_that_stay_in_the_film() -> None:
    assert shift(shift(CUES, 7_000), -7_000) == CUES


def test_pal_to_film_rescale_uses_25_over_23_976() -> None:
    factor = frame_rate_factor(FPS_PAL, FPS_FILM)
    assert factor == pytest.approx(25 / 23.976)
    slowed = rescale(CUES, FPS_PAL, FPS_FILM)
    assert slowed[2].start_ms == round(3_600_000 * 25 / 23.976)  # one hour in: 2.5 minutes later
    assert slowed[2].start_ms - 3_600_000 == pytest.approx(153_754, abs=1)


def test_film_to_pal_is_the_inverse() -> None:
    there = rescale(CUES, FPS_PAL, FPS_FILM)
    back = rescale(there, FPS_FILM, FPS_PAL)
    assert [(c.start_ms, c.end_ms) for c in back] == [(c.start_ms, c.end_ms) for c in CUES]


def test_adjust_rescales_then_shifts() -> None:
    assert adjust([Cue(10_000, 20_000, "x")], factor=2.0, offset_ms=-1_000) == (
        Cue(19_000, 39_000, "x"),
    )


@pytest.mark.parametrize(
    ("offset", "factor"), [(0, 0.0), (0, -1.0), (0, float("nan")), (0, 3.0), (10**12, 1.0)]
)
def test_impossible_adjustments_are_refused(offset: int, factor: float) -> None:
    with pytest.raises(SubtitleError):
        adjust(CUES, offset_ms=offset, factor=factor)


@pytest.mark.parametrize("fps", [0, -25, float("inf"), 1000])
def test_impossible_frame_rates_are_refused(fps: float) -> None:
    with pytest.raises(SubtitleError, match="not a frame rate"):
        frame_rate_factor(fps, 25)
