"""The cue: one subtitle shown between two times, as plain text."""

from __future__ import annotations

from dataclasses import dataclass

from journal.errors import JournalError


class SubtitleError(JournalError):
    """A subtitle file (or an adjustment of its times) was refused; nothing was kept from it."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One subtitle: shown from ``start_ms`` up to (not including) ``end_ms``.

    ``text`` is plain: formatting tags stripped, lines joined by ``\\n``. Times are never
    negative and a cue never ends before it starts (a zero-length cue is allowed: some files
    have them, and they still say something).
    """

    start_ms: int
    end_ms: int
    text: str

    def __post_init__(self) -> None:
        if self.start_ms < 0:
            raise ValueError(f"a cue cannot start before 0 ms (got {self.start_ms})")
        if self.end_ms < self.start_ms:
            raise ValueError(f"a cue cannot end ({self.end_ms}) before it starts ({self.start_ms})")

    @property
    def duration_ms(self) -> int:
        """How long the cue stays on screen."""
        return self.end_ms - self.start_ms
