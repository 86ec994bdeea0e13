"""From a source's raw position to the position a note is written at, and re-syncing later.

*Reaction lag*: people press the stamp key a second or two after the moment that moved them,
so every stamp is taken back by the viewing's lag (default 2 s, 0–10 s).

*Re-sync*: notes written against one copy of a film can be moved to another: shifted by a
fixed offset (a copy with a longer studio logo), or scaled for a copy played at another frame
rate (a 23.976 fps film sped up to 25 fps on a PAL DVD or broadcast runs about 4 % shorter).
These helpers only compute; the caller writes every new position in one transaction and keeps
the old ones for undo (a position clamped at 0 cannot be recovered by shifting back).
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from journal.errors import ValidationError
from journal.timecode import MAX_POSITION_MS

DEFAULT_LAG_MS = 2_000
MAX_LAG_MS = 10_000

FILM_FPS = Fraction(24_000, 1_001)  # "23.976": film shot at 24 fps, as NTSC video carries it
PAL_FPS = Fraction(25)
# Notes written against a 23.976 fps copy, moved to a 25 fps (PAL speed-up) copy: earlier.
FILM_TO_PAL = FILM_FPS / PAL_FPS
# Notes written against a 25 fps copy, moved to a 23.976 fps copy: later.
PAL_TO_FILM = PAL_FPS / FILM_FPS

# A factor outside this range is a typo, not a frame-rate conversion (24 ↔ 25 is ±4 %,
# 24 ↔ 30 is ±25 %); refusing it keeps a slip from scattering every note of a viewing.
MIN_SCALE = Fraction(1, 2)
MAX_SCALE = Fraction(2)


def _whole_ms(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"expected whole milliseconds, got {value!r}")
    return value


def validate_lag(lag_ms: object, field: str = "lag_ms") -> int:
    """Return ``lag_ms`` if it is a whole number of ms from 0 to 10,000, else ValidationError."""
    lag = _whole_ms(lag_ms, field)
    if not 0 <= lag <= MAX_LAG_MS:
        raise ValidationError(
            field,
            f"the reaction lag must be from 0 to 10 seconds (0–{MAX_LAG_MS} ms), not {lag} ms",
        )
    return lag


def stamp_position(raw_ms: int, lag_ms: int) -> int:
    """The position to write a stamp at: ``raw_ms`` minus the reaction lag, never below 0.

    ``raw_ms`` is what the source said at the key press (a player may report a little below 0
    at the very start; that stamps at 0). Raises ValidationError for a lag outside 0–10 s.
    """
    raw = _whole_ms(raw_ms, "position")
    lag = validate_lag(lag_ms)
    return min(max(0, raw - lag), MAX_POSITION_MS)


def shift_positions(positions: Iterable[int], delta_ms: int) -> list[int]:
    """Each position moved by ``delta_ms`` (negative = earlier), in the same order.

    A position that would fall before the film's start stays at 0, and none goes beyond the
    longest film a position may hold.
    """
    delta = _whole_ms(delta_ms, "shift")
    if abs(delta) > MAX_POSITION_MS:
        raise ValidationError("shift", f"{delta} ms is longer than any film")
    return [
        min(max(0, _whole_ms(position, "position") + delta), MAX_POSITION_MS)
        for position in positions
    ]


def frame_rate_factor(from_fps: float | Fraction, to_fps: float | Fraction) -> Fraction:
    """The scale factor that moves notes from a copy at ``from_fps`` to one at ``to_fps``.

    The same frame comes ``from_fps / to_fps`` times as late in the new copy: from 23.976 to
    25 the factor is about 0.959 (notes move earlier).
    """
    for field, fps in (("from_fps", from_fps), ("to_fps", to_fps)):
        if isinstance(fps, bool) or not isinstance(fps, int | float | Fraction) or not fps > 0:
            raise ValidationError(field, f"a frame rate must be a number above 0, not {fps!r}")
    return Fraction(from_fps) / Fraction(to_fps)


def scale_positions(positions: Iterable[int], factor: float | Fraction) -> list[int]:
    """Each position multiplied by ``factor`` and rounded to the millisecond, in order.

    Use :data:`FILM_TO_PAL`, :data:`PAL_TO_FILM` or :func:`frame_rate_factor`. A factor outside
    0.5–2 is refused with ValidationError (nothing is computed); results are never negative.
    """
    if isinstance(factor, bool) or not isinstance(factor, int | float | Fraction):
        raise ValidationError("scale", f"expected a number, got {factor!r}")
    if factor != factor or not MIN_SCALE <= factor <= MAX_SCALE:  # factor != factor: NaN
        raise ValidationError(
            "scale",
            f"{factor} is not a frame-rate conversion; use a factor from 0.5 to 2 "
            "(25/23.976 ≈ 1.043 or its inverse)",
        )
    exact = Fraction(factor)
    return [
        min(max(0, round(_whole_ms(position, "position") * exact)), MAX_POSITION_MS)
        for position in positions
    ]
