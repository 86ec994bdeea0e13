"""Time the statistics page's computation (issue 15's floor: ≤ 150 ms on the large journal).

Usage: python -m tests.bench.statistics_timing [--runs N]

Rows for 2,000 films, 4,000 viewings and 100,000 entries are generated deterministically in
memory: the figure is the computation alone, not the database read.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from journal.fields import ENTRY_KINDS
from journal.statistics import EntryRow, FilmRow, ViewingRow, compute_statistics

MOTIFS = [f"motif {n}" for n in range(150)]


def make_rows(
    films: int = 2_000, viewings: int = 4_000, entries: int = 100_000, seed: int = 15
) -> tuple[list[FilmRow], list[ViewingRow], list[EntryRow]]:
    """A large journal's rows: about a third of entries carry one to three motifs."""
    rng = random.Random(seed)
    film_rows = [
        FilmRow(n, f"Film {n}", rng.choice([None, *range(1930, 2026)])) for n in range(films)
    ]
    viewing_rows = [
        ViewingRow(
            n,
            n % films,
            date(2012, 1, 1) + timedelta(days=rng.randrange(5000)),
            rewatch=n >= films and rng.random() < 0.8,
        )
        for n in range(viewings)
    ]
    entry_rows = [
        EntryRow(
            n,
            rng.randrange(viewings),
            rng.choice(ENTRY_KINDS),
            rng.choice([None, None, 1, 2, 3, 4, 5]),
            tuple(rng.sample(MOTIFS, rng.randint(1, 3))) if rng.random() < 0.35 else (),
        )
        for n in range(entries)
    ]
    return film_rows, viewing_rows, entry_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    films, viewings, entries = make_rows()
    samples = []
    for _ in range(args.runs):
        start = time.perf_counter()
        result = compute_statistics(films, viewings, entries)
        samples.append(time.perf_counter() - start)
    print(
        f"statistics of {len(films):,} films / {len(viewings):,} viewings / "
        f"{len(entries):,} entries: {statistics.median(samples) * 1000:.1f} ms median "
        f"(min {min(samples) * 1000:.1f}; floor 150 ms)"
    )
    print(
        f"  {len(result.months)} months, {len(result.motifs)} motifs, "
        f"{result.rewatches.rewatches} rewatches, {len(result.intensity)} films with intensity"
    )


if __name__ == "__main__":
    main()
