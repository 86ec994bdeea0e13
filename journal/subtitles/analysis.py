"""What a film's subtitles say about it: the line at a moment, and the stretches without dialogue.

The phrases a film repeats live in :mod:`journal.subtitles.refrains` (re-exported here).

Every function takes cues sorted by start time, as :mod:`journal.subtitles.reading` returns
them; overlapping cues are expected (two speakers, a sign translated over a line).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from journal.subtitles.cues import Cue
from journal.subtitles.refrains import Occurrence, Refrain, Variant, refrains, variants
from journal.subtitles.text import is_dialogue

__all__ = [
    "CueTimeline",
    "Occurrence",
    "Refrain",
    "Silence",
    "Variant",
    "cues_at",
    "dialogue_cues",
    "refrains",
    "silences",
    "variants",
]

DEFAULT_MIN_GAP_MS = 20_000


# --- the line at this moment ---------------------------------------------------------------------


@dataclass(frozen=True)
class CueTimeline:
    """Cues indexed for "what is on screen at this position?" in O(log n) (plus the answer).

    Built once per track (O(n)); keep it while the track is shown. ``reach[i]`` is the latest
    end among ``cues[0..i]``: scanning back from the last cue that has started, a cue can only
    still be showing while that reach is beyond the position, so long overlapping cues are
    found without looking at every earlier cue.
    """

    cues: tuple[Cue, ...]
    starts: tuple[int, ...] = field(init=False, repr=False)
    reach: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.cues, key=lambda cue: cue.start_ms))
        reach: list[int] = []
        latest = -1
        for cue in ordered:
            latest = max(latest, cue.end_ms)
            reach.append(latest)
        object.__setattr__(self, "cues", ordered)
        object.__setattr__(self, "starts", tuple(cue.start_ms for cue in ordered))
        object.__setattr__(self, "reach", tuple(reach))

    def at(self, position_ms: int) -> list[Cue]:
        """The cues showing at ``position_ms``, in start order.

        A cue shows from its start up to, not including, its end (so two cues that touch never
        show together); a zero-length cue shows at its one instant.
        """
        showing: list[Cue] = []
        index = bisect_right(self.starts, position_ms) - 1
        while index >= 0 and self.reach[index] >= position_ms:
            cue = self.cues[index]
            if cue.end_ms > position_ms or cue.start_ms == cue.end_ms == position_ms:
                showing.append(cue)
            index -= 1
        showing.reverse()
        return showing


def cues_at(cues: Sequence[Cue] | CueTimeline, position_ms: int) -> list[Cue]:
    """The cue(s) showing at ``position_ms``; empty when no line is on screen.

    Pass a :class:`CueTimeline` when asking many times about one track; a plain sequence is
    indexed for this one call.
    """
    timeline = cues if isinstance(cues, CueTimeline) else CueTimeline(tuple(cues))
    return timeline.at(position_ms)


# --- stretches without dialogue ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Silence:
    """A stretch with no dialogue (music and sounds may play) from ``start_ms`` to ``end_ms``.

    ``opening`` marks the stretch before the film's first line.
    """

    start_ms: int
    end_ms: int
    opening: bool = False

    @property
    def length_ms(self) -> int:
        """How long the stretch lasts."""
        return self.end_ms - self.start_ms


def dialogue_cues(cues: Sequence[Cue]) -> list[Cue]:
    """The cues in which someone speaks: not ``[door closes]``, ``(sighs)``, ``♪ lyrics ♪`` or
    a subtitler's credit."""
    return [cue for cue in cues if is_dialogue(cue.text)]


def silences(
    cues: Sequence[Cue], min_gap_ms: int = DEFAULT_MIN_GAP_MS, runtime_ms: int | None = None
) -> list[Silence]:
    """The stretches of at least ``min_gap_ms`` in which nobody speaks, in film order.

    Sound descriptions, lyrics and subtitle credits do not count as speech; overlapping cues
    are merged first, so a long cue under a short one is not mistaken for a gap.

    Decided where the issue is silent:

    - The stretch before the first line counts (``opening=True``): a quiet drama often opens
      on minutes of wordless images, which is exactly such a stretch.
    - Nothing after the last line counts: that is the end credits, and a subtitle track cannot
      tell a final wordless scene from them.
    - ``runtime_ms``, when known, ignores cues that start at or after it (a track longer than
      the film, or one not yet aligned).
    """
    if min_gap_ms <= 0:
        raise ValueError("min_gap_ms must be positive")
    spoken = [cue for cue in dialogue_cues(cues) if runtime_ms is None or cue.start_ms < runtime_ms]
    spoken.sort(key=lambda cue: cue.start_ms)
    found: list[Silence] = []
    if not spoken:
        return found
    if spoken[0].start_ms >= min_gap_ms:
        found.append(Silence(0, spoken[0].start_ms, opening=True))
    covered_until = spoken[0].end_ms
    for cue in spoken[1:]:
        if cue.start_ms - covered_until >= min_gap_ms:
            found.append(Silence(covered_until, cue.start_ms))
        covered_until = max(covered_until, cue.end_ms)
    return found
