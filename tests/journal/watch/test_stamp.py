"""Reaction lag and re-sync arithmetic: never a negative position, bad input named clearly."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.errors import ValidationError
from journal.timecode import MAX_POSITION_MS
from journal.watch.stamp import (
    DEFAULT_LAG_MS,
    FILM_TO_PAL,
    PAL_TO_FILM,
    frame_rate_factor,
    scale_positions,
    shift_positions,
    stamp_position,
    validate_lag,
)

positions = st.lists(st.integers(min_value=0, max_value=MAX_POSITION_MS), max_size=50)


def test_a_stamp_at_0_30_with_the_default_lag_is_written_at_0_28() -> None:
    assert DEFAULT_LAG_MS == 2_000
    assert stamp_position(30_000, DEFAULT_LAG_MS) == 28_000


def test_a_stamp_in_the_first_seconds_is_written_at_0() -> None:
    assert stamp_position(1_500, 2_000) == 0
    assert stamp_position(-40, 0) == 0  # mpv can report a little below 0 at the start


@pytest.mark.parametrize("lag", [0, 10_000])
def test_the_lag_limits_are_accepted(lag: int) -> None:
    assert validate_lag(lag) == lag
    assert stamp_position(20_000, lag) == 20_000 - lag


@pytest.mark.parametrize("lag", [-1, 10_001, 2.5, True, None, "2s"])
def test_a_lag_outside_0_to_10_s_is_refused_by_name(lag: object) -> None:
    with pytest.raises(ValidationError) as refused:
        stamp_position(30_000, lag)  # type: ignore[arg-type]
    assert refused.value.field == "lag_ms"


def test_the_lag_message_says_the_range() -> None:
    with pytest.raises(ValidationError, match=r"from 0 to 10 seconds .* not 12000 ms"):
        validate_lag(12_000)


def test_shift_moves_every_position_and_keeps_the_order() -> None:
    assert shift_positions([0, 14_000, 3_600_000], 14_000) == [14_000, 28_000, 3_614_000]
    assert shift_positions([20_000, 5_000], -14_000) == [6_000, 0]


@given(positions, st.integers(min_value=-MAX_POSITION_MS, max_value=MAX_POSITION_MS))
def test_shift_never_gives_a_position_outside_a_film(values: list[int], delta: int) -> None:
    shifted = shift_positions(values, delta)
    assert len(shifted) == len(values)
    assert all(0 <= position <= MAX_POSITION_MS for position in shifted)


def test_a_shift_longer_than_any_film_is_refused() -> None:
    with pytest.raises(ValidationError, match="shift"):
        shift_positions([0], MAX_POSITION_MS + 1)


def test_pal_scaling_moves_a_note_at_one_hour_to_its_frame_in_the_other_copy() -> None:
    # Frame 86,313 of the film: at 1:00:00.0 in a 23.976 fps copy, at 0:57:32.52 at 25 fps.
    assert scale_positions([3_600_000], FILM_TO_PAL) == [3_452_547]
    assert scale_positions([3_452_547], PAL_TO_FILM) == [3_600_000]
    assert float(PAL_TO_FILM) == pytest.approx(25 / 23.976, rel=1e-5)


def test_frame_rate_factor_goes_from_the_old_copy_to_the_new() -> None:
    assert frame_rate_factor(Fraction(24_000, 1_001), 25) == FILM_TO_PAL
    assert frame_rate_factor(25, 24) == Fraction(25, 24)


@pytest.mark.parametrize("fps", [0, -25, True, "25", float("nan")])
def test_a_bad_frame_rate_is_refused(fps: object) -> None:
    with pytest.raises(ValidationError, match="frame rate"):
        frame_rate_factor(fps, 25)  # type: ignore[arg-type]


@given(positions, st.sampled_from([FILM_TO_PAL, PAL_TO_FILM, 0.5, 2.0, Fraction(25, 24)]))
def test_scale_never_gives_a_negative_position(values: list[int], factor: float) -> None:
    scaled = scale_positions(values, factor)
    assert all(0 <= position <= MAX_POSITION_MS for position in scaled)
    assert scaled == sorted(scaled) or values != sorted(values)


@pytest.mark.parametrize("factor", [0, -1.0427, 0.49, 2.01, float("nan"), float("inf"), "1.04"])
def test_a_factor_that_is_no_frame_rate_conversion_is_refused(factor: object) -> None:
    with pytest.raises(ValidationError) as refused:
        scale_positions([1_000], factor)  # type: ignore[arg-type]
    assert refused.value.field == "scale"


def test_a_bad_position_in_the_list_is_refused() -> None:
    with pytest.raises(ValidationError, match="position"):
        shift_positions([1_000, 2.5], 10)  # type: ignore[list-item]
