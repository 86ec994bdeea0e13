"""The line at a moment, and the stretches without dialogue."""

from __future__ import annotations

import random

import pytest

from journal.subtitles.analysis import CueTimeline, Silence, cues_at, dialogue_cues, silences
from journal.subtitles.cues import Cue
from tests.journal.subtitles.script import RUNTIME_MS, script_cues


def brute_force_at(cues: list[Cue], position_ms: int) -> list[Cue]:
    return [
        cue
        for cue in cues
        if cue.start_ms <= position_ms < cue.end_ms or cue.start_ms == cue.end_ms == position_ms
    ]


def test_cue_at_a_position_start_inclusive_end_exclusive() -> None:
    cues = [Cue(1_000, 2_000, "a"), Cue(2_000, 3_000, "b")]
    assert cues_at(cues, 999) == []
    assert cues_at(cues, 1_000) == [cues[0]]
    assert cues_at(cues, 1_999) == [cues[0]]
    assert cues_at(cues, 2_000) == [cues[1]]  # touching cues never show together
    assert cues_at(cues, 3_000) == []


def test_overlapping_cues_are_all_found_even_under_a_long_one() -> None:
    sign = Cue(0, 60_000, "[SIGN: Tanaka Pottery]")
    lines = [Cue(start, start + 2_000, f"line {start}") for start in range(1_000, 60_000, 3_000)]
    timeline = CueTimeline(tuple([*lines, sign]))  # any order in: sorted inside
    assert timeline.at(7_500) == [sign, Cue(7_000, 9_000, "line 7000")]
    assert timeline.at(9_500) == [sign]
    assert timeline.at(60_000) == []


def test_cues_at_matches_brute_force_on_random_overlaps() -> None:
    rng = random.Random(13)
    cues = []
    for _ in range(400):
        start = rng.randrange(0, 600_000)
        cues.append(Cue(start, start + rng.choice([0, 500, 2_000, 8_000, 90_000]), "x"))
    ordered = sorted(cues, key=lambda cue: cue.start_ms)
    timeline = CueTimeline(tuple(cues))
    for position in [*range(0, 700_000, 997), *(cue.start_ms for cue in cues)]:
        assert timeline.at(position) == brute_force_at(ordered, position)


def test_sound_descriptions_lyrics_and_credits_are_not_dialogue() -> None:
    texts = [
        "[door closes]",
        "(sighs)",
        "♪ Slowly, slowly ♪",
        "♪ and carries home",
        "*laughs*",
        "MAN: [coughs]",
        "- [thunder]\n- (gasps)",
        "Subtitles by Team Mended\nwww.example.org",
        "Synced and corrected by someone",
    ]
    spoken = [
        "[sighs] I'm sorry.",
        "HANA: Dad?",
        "- [thunder]\n- Did you hear that?",
        "(whispering) Stay.",
    ]
    cues = [Cue(i * 1_000, i * 1_000 + 500, text) for i, text in enumerate(texts + spoken)]
    assert [cue.text for cue in dialogue_cues(cues)] == spoken


def test_silences_skip_sound_cues_merge_overlaps_and_ignore_the_credits() -> None:
    cues = [
        Cue(30_000, 32_000, "Dad?"),
        Cue(40_000, 70_000, "[long low hum of the kiln]"),
        Cue(45_000, 46_000, "♪ carries home ♪"),
        Cue(90_000, 130_000, "It's a long story, and I'll tell it."),  # long cue
        Cue(95_000, 97_000, "Go on."),  # overlaps the long one: no gap inside
        Cue(160_000, 162_000, "Stay."),
        Cue(170_000, 172_000, "I will."),
        Cue(175_000, 180_000, "♪ the river turns ♪"),
        Cue(400_000, 405_000, "Subtitles by Team Mended"),  # the credits roll after the last line
    ]
    found = silences(cues, min_gap_ms=20_000, runtime_ms=420_000)
    assert found == [
        Silence(0, 30_000, opening=True),
        Silence(32_000, 90_000),
        Silence(130_000, 160_000),
    ]
    assert [silence.length_ms for silence in found] == [30_000, 58_000, 30_000]


def test_min_gap_is_inclusive_and_adjustable() -> None:
    cues = [Cue(0, 1_000, "a"), Cue(21_000, 22_000, "b"), Cue(32_000, 33_000, "c")]
    assert silences(cues) == [Silence(1_000, 21_000)]
    assert silences(cues, min_gap_ms=9_000) == [Silence(1_000, 21_000), Silence(22_000, 32_000)]
    assert silences(cues, min_gap_ms=30_000) == []
    with pytest.raises(ValueError):
        silences(cues, min_gap_ms=0)


def test_cues_past_the_runtime_are_ignored() -> None:
    cues = [Cue(10_000, 11_000, "a"), Cue(50_000, 51_000, "b"), Cue(500_000, 501_000, "stray")]
    assert silences(cues, runtime_ms=100_000) == [Silence(11_000, 50_000)]
    assert silences(cues)[-1] == Silence(51_000, 500_000)


def test_no_dialogue_no_silences() -> None:
    assert silences([Cue(0, 5_000, "♪ ♪"), Cue(60_000, 61_000, "[wind]")]) == []
    assert silences([]) == []


def test_the_drama_script_silences() -> None:
    cues = script_cues()
    found = silences(cues, runtime_ms=RUNTIME_MS)
    assert found[0] == Silence(0, 130_000, opening=True)  # wind before Hana's first word
    # The song at 15:00 sits inside a stretch without dialogue; it does not break it.
    assert Silence(622_000, 1_300_000) in found
    # The last stretch ends on the last line said; the credits (and the credit cue) are not one.
    assert found[-1] == Silence(5_110_000, 5_400_000)
    assert all(silence.length_ms >= 20_000 for silence in found)
