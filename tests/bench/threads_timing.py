"""Time building motif threads (issue 15's floor: a 5,000-entry thread well under 50 ms).

Usage: python -m tests.bench.threads_timing [--runs N]

Rows are generated deterministically in memory: the figure is the domain's share of opening
a thread (sorting and filtering), not the database read.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from journal.threads import ThreadOrder, ThreadRow, build_thread, where_they_meet

MOTIFS = ["letter", "cup", "rain", "photograph", "doorway", "silence", "train", "hands"]


def make_rows(count: int, motif: str, seed: int = 15) -> list[ThreadRow]:
    """``count`` rows that all carry ``motif`` (plus one or two others), in shuffled order."""
    rng = random.Random(seed)
    rows = []
    for entry_id in range(count):
        viewing_id = rng.randrange(count // 5 + 1)
        others = rng.sample([m for m in MOTIFS if m != motif], rng.randint(0, 2))
        rows.append(
            ThreadRow(
                entry_id=entry_id,
                viewing_id=viewing_id,
                film_title=f"Film {viewing_id % 700}",
                film_year=rng.choice([None, *range(1950, 2026)]),
                watched_on=date(2010, 1, 1) + timedelta(days=rng.randrange(5000)),
                position_ms=rng.randrange(7_200_000),
                kind="motif",
                text="A sentence or two about what the object did this time. " * 3,
                intensity=rng.choice([None, 1, 2, 3, 4, 5]),
                motifs=(motif.title(), *others),
            )
        )
    return rows


def median_ms(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    rows = make_rows(5_000, "letter")
    cases: list[tuple[str, Callable[[], object]]] = [
        ("thread of 5,000 (by watched)", lambda: build_thread(rows, "letter")),
        (
            "thread of 5,000 (by film year)",
            lambda: build_thread(rows, "letter", ThreadOrder.FILM_YEAR),
        ),
        ("thread of 5,000 + sections", lambda: build_thread(rows, "letter").sections()),
        ("where letter meets rain", lambda: where_they_meet(rows, "letter", "rain")),
    ]
    for name, action in cases:
        print(f"{name:34} {median_ms(action, args.runs):7.2f} ms  (floor 50 ms)")
    print(f"entries in the thread: {len(build_thread(rows, 'letter').entries)}")


if __name__ == "__main__":
    main()
