"""Fit a subtitle track to a copy of the film: shift every cue, or rescale for a frame rate.

A track timed for a 25 fps (PAL) release runs ahead of a 23.976 fps copy and drifts further
every minute; rescaling by 25 / 23.976 (and shifting for a different opening) makes it fit.
Times never go below zero: a cue pushed entirely before the film's start is dropped, one pushed
partly before it starts at 0.

These are pure functions; the store keeps the raw cues and the track's adjustment, so an
adjustment can be undone exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from journal.subtitles.cues import Cue, SubtitleError

# NTSC film rate, as subtitle tools name it. The exact rate is 24000/1001 (23.976023…); the
# difference is under 8 ms over two hours, far below what a viewer can notice.
FPS_FILM = 23.976
FPS_PAL = 25.0
MAX_SHIFT_MS = 24 * 60 * 60 * 1000  # a day: further than any track is ever off
_FACTOR_RANGE = (0.5, 2.0)


def frame_rate_factor(subtitle_fps: float, video_fps: float) -> float:
    """The factor that fits cues timed for ``subtitle_fps`` to a video at ``video_fps``.

    ``frame_rate_factor(25, 23.976)`` is 25/23.976 ≈ 1.0427: the slower copy reaches each
    line later. The reverse conversion is its inverse.
    """
    for value in (subtitle_fps, video_fps):
        if not (math.isfinite(value) and 1 <= value <= 240):
            raise SubtitleError(f"{value} is not a frame rate; use a value like 23.976, 24 or 25.")
    return subtitle_fps / video_fps


def adjust_position(position_ms: int, *, offset_ms: int = 0, factor: float = 1.0) -> int:
    """One time rescaled by ``factor`` then shifted by ``offset_ms``; never below zero."""
    return max(0, round(position_ms * factor) + offset_ms)


def adjust(cues: Iterable[Cue], *, offset_ms: int = 0, factor: float = 1.0) -> tuple[Cue, ...]:
    """Every cue rescaled by ``factor`` (from time 0) then shifted by ``offset_ms``.

    Cues that end at or before 0 afterwards are dropped; a cue that starts before 0 starts at
    0. Raises :class:`SubtitleError` for a shift longer than a day or a factor outside
    0.5–2 (no frame-rate conversion comes near either).
    """
    if not isinstance(offset_ms, int) or abs(offset_ms) > MAX_SHIFT_MS:
        raise SubtitleError(f"A shift of {offset_ms} ms is not possible; shift by less than a day.")
    low, high = _FACTOR_RANGE
    if not (math.isfinite(factor) and low <= factor <= high):
        raise SubtitleError(
            f"A rescale by {factor} is not possible; use a factor between {low} and {high}."
        )
    adjusted = []
    for cue in cues:
        end_ms = round(cue.end_ms * factor) + offset_ms
        if end_ms <= 0 and not (cue.end_ms == 0 and offset_ms >= 0):
            continue
        start_ms = max(0, round(cue.start_ms * factor) + offset_ms)
        adjusted.append(Cue(start_ms, max(start_ms, end_ms), cue.text))
    return tuple(adjusted)


def shift(cues: Iterable[Cue], offset_ms: int) -> tuple[Cue, ...]:
    """Every cue moved by ``offset_ms`` (negative: earlier). See :func:`adjust`."""
    return adjust(cues, offset_ms=offset_ms)


def rescale(cues: Iterable[Cue], subtitle_fps: float, video_fps: float) -> tuple[Cue, ...]:
    """Cues timed for ``subtitle_fps`` fitted to a video at ``video_fps``. See :func:`adjust`."""
    return adjust(cues, factor=frame_rate_factor(subtitle_fps, video_fps))
