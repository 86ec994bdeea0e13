"""A deterministic large journal for the benchmarks: 2,000 films, 4,000 viewings,
100,000 entries, 300 motifs — made through the store's own import."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from typing import Any

FILMS = 2_000
VIEWINGS = 4_000
ENTRIES = 100_000
MOTIFS = 300
BIG_FILM_ENTRIES = 1_000  # one film has a viewing this long, for the "open film" metric
SEED = 20261121

_WORDS = [
    "the",
    "letter",
    "finally",
    "opened",
    "on",
    "the",
    "table",
    "a",
    "mended",
    "cup",
    "light",
    "falls",
    "across",
    "her",
    "hands",
    "silence",
    "held",
    "too",
    "long",
    "father",
    "daughter",
    "station",
    "platform",
    "rain",
    "on",
    "glass",
    "a",
    "phrase",
    "comes",
    "back",
    "changed",
    "the",
    "camera",
    "waits",
    "in",
    "the",
    "doorway",
    "nobody",
    "speaks",
    "tea",
    "poured",
    "slowly",
    "forgiveness",
    "is",
    "not",
    "said",
    "but",
    "shown",
    "an",
    "old",
    "photograph",
    "re-framed",
    "the",
    "sea",
    "the",
    "train",
    "leaves",
    "morning",
    "kitchen",
    "window",
    "we",
    "never",
    "talked",
    "about",
    "it",
    "she",
    "turns",
    "away",
    "then",
    "back",
    "the",
    "clock",
    "ticks",
    "repair",
    "reconciliation",
    "grief",
    "memory",
    "distance",
    "warmth",
    "a",
    "hand",
    "on",
    "the",
    "shoulder",
    "the",
    "garden",
    "snow",
    "evening",
    "lamp",
    "mother",
    "brother",
    "letters",
    "unsent",
    "the",
    "bicycle",
    "the",
    "bridge",
    "the",
    "river",
]
_MOTIF_STEMS = (
    "mended cup",
    "the letter",
    "held silence",
    "rain on glass",
    "train",
    "photograph",
    "doorway",
    "tea",
    "hands",
    "window",
    "clock",
    "sea",
    "garden",
    "snow",
    "lamp",
    "bridge",
    "river",
    "bicycle",
    "station",
    "kitchen",
)
_KINDS = ("pause", "motif", "dialogue", "reaction", "scene", "note")


def _sentence(rng: random.Random, low: int, high: int) -> str:
    count = rng.randint(low, high)
    words = [rng.choice(_WORDS) for _ in range(count)]
    return " ".join(words).capitalize() + "."


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def big_film_title() -> str:
    return "A Long Reconciliation (the 1,000-entry film)"


def build_document(seed: int = SEED) -> dict[str, Any]:
    """The whole large journal as a Journal JSON document (deterministic for a seed)."""
    rng = random.Random(seed)
    motif_names = [
        f"{stem} {index // len(_MOTIF_STEMS)}" if index >= len(_MOTIF_STEMS) else stem
        for index, stem in ((i, _MOTIF_STEMS[i % len(_MOTIF_STEMS)]) for i in range(MOTIFS))
    ]
    motifs = [{"uid": _uid(rng), "name": name, "description": ""} for name in motif_names]
    films: list[dict[str, Any]] = []
    # Entries spread over the other viewings so the total is exact.
    remaining = ENTRIES - BIG_FILM_ENTRIES
    other_viewings = VIEWINGS - 1
    per_viewing = [remaining // other_viewings] * other_viewings
    for i in range(remaining % other_viewings):
        per_viewing[i] += 1
    rng.shuffle(per_viewing)
    viewing_index = 0
    start = date(2015, 1, 1)
    for film_index in range(FILMS):
        is_big = film_index == 0
        title = (
            big_film_title()
            if is_big
            else " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 5))).title()
        )
        viewings = []
        for v in range(2):
            count = BIG_FILM_ENTRIES if (is_big and v == 0) else per_viewing[viewing_index]
            if not (is_big and v == 0):
                viewing_index += 1
            runtime = rng.randint(80, 160) * 60_000
            positions = sorted(rng.randrange(runtime) for _ in range(count))
            entries = [
                {
                    "uid": _uid(rng),
                    "position_ms": position,
                    "kind": rng.choice(_KINDS),
                    "text": " ".join(_sentence(rng, 6, 30) for _ in range(rng.randint(1, 3))),
                    "intensity": rng.choice((None, 1, 2, 3, 4, 5)),
                    "motifs": sorted({rng.choice(motif_names) for _ in range(rng.randint(0, 2))}),
                }
                for position in positions
            ]
            viewings.append(
                {
                    "uid": _uid(rng),
                    "watched_on": (start + timedelta(days=rng.randrange(3800))).isoformat(),
                    "rewatch": v == 1,
                    "rating": rng.choice((None, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0)),
                    "reflection": " ".join(_sentence(rng, 8, 25) for _ in range(rng.randint(1, 4))),
                    "entries": entries,
                }
            )
        films.append(
            {
                "uid": _uid(rng),
                "title": title,
                "year": rng.randint(1925, 2026),
                "director": " ".join(rng.choice(_WORDS).title() for _ in range(2)),
                "runtime_ms": 160 * 60_000,
                "notes": _sentence(rng, 5, 20) if rng.random() < 0.5 else "",
                "letterboxd_uri": None,
                "viewings": viewings,
            }
        )
    return {
        "format": "reflective-journal",
        "version": 1,
        "exported_at": None,
        "motifs": motifs,
        "films": films,
    }
