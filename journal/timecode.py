"""Film positions: parse what people type, format what they read.

Positions are integer milliseconds. Accepted input (surrounding spaces ignored):
``1:02:03``, ``62:03``, ``1:02:03.5``, ``3723`` (seconds), ``1h2m3s``, ``2m``.
"""

from __future__ import annotations

import re

from journal.errors import ValidationError

ACCEPTED_FORMS = "h:mm:ss (1:02:03), m:ss (62:03), with optional fraction (1:02:03.5), seconds (3723), or 1h2m3s / 2m"

# Longer than any film, shorter than anything that would overflow SQLite's integers.
MAX_POSITION_MS = 1000 * 60 * 60 * 1000  # 1000 hours

_CLOCK = re.compile(r"^(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)$")
_SECONDS = re.compile(r"^\d+(?:\.\d+)?$")
_UNITS = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$", re.IGNORECASE)
_MAX_INPUT = 40


def _seconds_to_ms(text: str) -> int:
    whole, _, fraction = text.partition(".")
    fraction = (fraction + "000")[:3]
    return int(whole) * 1000 + int(fraction)


def parse(text: str, field: str = "position") -> int:
    """Return the position in milliseconds, or raise ValidationError naming the accepted forms."""
    if not isinstance(text, str):
        raise ValidationError(field, f"expected text, got {type(text).__name__}")
    stripped = text.strip()
    if not stripped:
        raise ValidationError(field, f"is empty; use {ACCEPTED_FORMS}")
    if len(stripped) > _MAX_INPUT or not stripped.isascii():
        shown = stripped[:20] + ("…" if len(stripped) > 20 else "")
        raise ValidationError(field, f"{shown!r} is not a position; use {ACCEPTED_FORMS}")
    position_ms = _parse_stripped(stripped)
    if position_ms is None:
        raise ValidationError(field, f"{stripped!r} is not a position; use {ACCEPTED_FORMS}")
    if position_ms > MAX_POSITION_MS:
        raise ValidationError(field, f"{stripped!r} is longer than any film (over 1000 hours)")
    return position_ms


def _parse_stripped(text: str) -> int | None:
    clock = _CLOCK.match(text)
    if clock:
        hours, minutes, seconds = clock.groups()
        if hours is not None and int(minutes) >= 60:
            return None
        if float(seconds) >= 60:
            return None
        return (int(hours or 0) * 3600 + int(minutes) * 60) * 1000 + _seconds_to_ms(seconds)
    if _SECONDS.match(text):
        return _seconds_to_ms(text)
    units = _UNITS.match(text)
    if units and any(units.groups()):
        hours, minutes, seconds = units.groups()
        return (int(hours or 0) * 3600 + int(minutes or 0) * 60) * 1000 + _seconds_to_ms(
            seconds or "0"
        )
    return None


def format(position_ms: int, *, millis: bool = False) -> str:  # noqa: A001 - mirrors parse()
    """Format as ``h:mm:ss`` (``0:12:31``); with ``millis``, keep a fraction when there is one."""
    if position_ms < 0:
        raise ValueError("position_ms must not be negative")
    seconds, ms = divmod(position_ms, 1000)
    minutes, secs = divmod(seconds, 60)
    hours, mins = divmod(minutes, 60)
    text = f"{hours}:{mins:02d}:{secs:02d}"
    if millis and ms:
        text += "." + f"{ms:03d}".rstrip("0")
    return text
