"""Timing of the subtitle functions on a 2-hour film of 1,500 cues (not a test).

Run: .venv/bin/python -m tests.journal.subtitles.timing [--runs N]

Prints the median of N runs of each step beside the issue's target.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from journal.subtitles.analysis import CueTimeline, cues_at, refrains, silences, variants
from journal.subtitles.cues import Cue
from journal.subtitles.reading import read_bytes
from tests.journal.subtitles.script import SCRIPT, as_srt

FILM_MS = 2 * 60 * 60 * 1000
CUE_COUNT = 1_500
_WORDS = [
    "the",
    "cup",
    "letter",
    "clay",
    "kiln",
    "gold",
    "shelf",
    "window",
    "train",
    "gate",
    "winter",
    "river",
    "house",
    "night",
    "morning",
    "hands",
    "wheel",
    "crack",
    "drawer",
    "mother",
    "father",
    "daughter",
    "tea",
    "rain",
    "road",
    "years",
    "home",
    "promise",
]
_OPENERS = ["I think", "Did you", "You never", "We should", "It's", "Don't", "Where is", "Tell me"]


def generated_cues(seed: int = 13) -> list[Cue]:
    """1,500 cues over two hours: dialogue, the script's lines, sound cues, a few overlaps."""
    rng = random.Random(seed)
    cues = []
    step = (FILM_MS - 10 * 60_000) // CUE_COUNT
    for number in range(CUE_COUNT):
        start = 60_000 + number * step + rng.randrange(0, step // 3)
        if number % 40 == 0:
            start += rng.randrange(20_000, 40_000)  # a held silence now and then
        roll = rng.random()
        if roll < 0.08:
            text = rng.choice(["[door closes]", "(sighs)", "♪ and carries home ♪", "[rain]"])
        elif roll < 0.25:
            text = rng.choice(SCRIPT)[2]
        else:
            words = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(3, 9)))
            text = f"{rng.choice(_OPENERS)} {words}."
            if rng.random() < 0.3:
                text += f"\n- {rng.choice(_OPENERS)} the {rng.choice(_WORDS)}?"
        length = rng.randrange(1_200, 4_500) if rng.random() > 0.02 else 30_000
        cues.append(Cue(start, start + length, text))
    return cues


def median_ms(action: Callable[[], Any], runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    cues = generated_cues()
    data = as_srt(cues, newline="\r\n").encode("utf-8-sig")
    legacy = as_srt(cues, newline="\r\n").replace("'", "’").encode("utf-16")
    cp1252 = as_srt(cues).replace("I think", "Je pense à l’été").replace("♪", "#").encode("cp1252")
    parsed = read_bytes(data, "film.srt").cues
    timeline = CueTimeline(parsed)
    found = refrains(parsed)
    positions = [random.Random(1).randrange(0, FILM_MS) for _ in range(1_000)]
    rows = [
        (
            "parse 2-hour SRT, 1,500 cues (UTF-8 BOM, CRLF)",
            lambda: read_bytes(data, "film.srt"),
            150,
        ),
        ("parse the same as UTF-16", lambda: read_bytes(legacy, "film.srt"), 150),
        ("parse the same as cp1252 (detected)", lambda: read_bytes(cp1252, "film.srt"), 150),
        ("silences", lambda: silences(parsed), 20),
        ("refrains", lambda: refrains(parsed), 200),
        ("variants of the first refrain", lambda: variants(found[0], parsed), 200),
        ("cues_at, 1 lookup on a built timeline", lambda: timeline.at(positions[0]), 1),
        (
            "cues_at, 1,000 lookups on a built timeline (total)",
            lambda: [timeline.at(p) for p in positions],
            1000,
        ),
        (
            "cues_at on a plain sequence (indexes it each call)",
            lambda: cues_at(parsed, positions[0]),
            1,
        ),
        ("CueTimeline build", lambda: CueTimeline(parsed), 5),
    ]
    print(f"{len(parsed)} cues, {len(data) / 1024:.0f} KB; median of {runs} runs")
    for name, action, target in rows:
        print(f"  {name:55} {median_ms(action, runs):8.3f} ms   (target ≤ {target} ms)")
    print(f"  refrains found: {len(found)}; top 5: {[r.label for r in found[:5]]}")


if __name__ == "__main__":
    main()
