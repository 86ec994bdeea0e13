"""Refrains: what the film says again and again, ranked so apology and content come first."""

from __future__ import annotations

from journal.subtitles.analysis import refrains, variants
from journal.subtitles.cues import Cue
from journal.subtitles.text import normalised, segments
from tests.journal.subtitles.script import script_cues


def phrases(found: list) -> list[str]:
    return [refrain.phrase for refrain in found]


def test_im_sorry_ranks_first_in_the_drama() -> None:
    cues = script_cues()
    found = refrains(cues)
    first = found[0]
    assert (first.phrase, first.label, first.apology) == ("i am sorry", "I'm sorry", True)
    # Counted once per cue: "Dad, I'm sorry. I'm sorry I ran." is one occurrence.
    assert [o.start_ms // 1000 for o in first.occurrences] == [140, 1312, 2112, 2118, 4718, 5400]
    assert first.occurrences[1].text == "I'm sorry, Dad."


def test_runs_of_function_words_are_not_refrains() -> None:
    found = phrases(refrains(script_cues()))
    # "Did you …?", "It's …", "I'm …", "on the", "in the" recur through the drama: grammar.
    assert found == ["i am sorry", "the letter", "the cup"]


# A scene-by-scene drama as real subtitle files have it: the commonest words said alone and
# in contractions ("Yes.", "Oh.", "Don't.", "I'm …", "It's …"), a name called out, "Sorry."
# said on its own, and "Don't go." pleaded three times.
HOMECOMING = [
    (60, "Hana? Is that you?"),
    (64, "Yes. It's me."),
    (70, "I'm sorry I didn't call first."),
    (75, "Oh. You're wet through."),
    (80, "It's only rain."),
    (300, "Don't. Leave it."),
    (305, "I'm only looking."),
    (600, "Yes."),
    (900, "Sorry."),
    (905, "It's fine. It's old."),
    (1200, "Hana?"),
    (1203, "I'm here, Dad."),
    (1500, "Don't go."),
    (1504, "I'm not going anywhere."),
    (1800, "Oh."),
    (1803, "You kept my drawings."),
    (2100, "Sorry."),
    (2104, "Don't be. You were nine."),
    (2400, "Yes, I know."),
    (2700, "Don't."),
    (2703, "It's my turn to say it."),
    (3000, "Hana?"),
    (3003, "I'm in the kiln room."),
    (3300, "Oh, you're up."),
    (3600, "- Don't go.\n- I'm only going to the station."),
    (3900, "Yes."),
    (4200, "Sorry. Sorry, I'm late."),
    (4204, "It's all right."),
    (4500, "Don't."),
    (4800, "Don't go."),
    (4804, "Yes. I'll stay."),
    (5100, "Oh."),
    (5400, "Hana."),
    (5403, "I'm here."),
]


def homecoming_cues() -> list[Cue]:
    return [Cue(second * 1000, second * 1000 + 2_500, text) for second, text in HOMECOMING]


def test_a_lone_contraction_or_function_word_is_never_a_refrain() -> None:
    found = refrains(homecoming_cues())
    labels = [refrain.label for refrain in found]
    for lone in ("I'm", "It's", "Don't", "Yes", "Oh", "You", "you"):
        assert lone not in labels
    # What is left is what the scene repeats: an apology said on its own, a name called out,
    # and a plea of function words said whole, which weighs nothing and so comes last.
    assert labels == ["Sorry", "Hana", "Don't go"]
    sorry, hana, dont_go = found
    assert (sorry.apology, sorry.cue_count) == (True, 3)
    assert [o.start_ms // 1000 for o in hana.occurrences] == [60, 1200, 3000, 5400]
    assert [o.start_ms // 1000 for o in dont_go.occurrences] == [1500, 3600, 4800]
    assert dont_go.content_weight == 0 < hana.content_weight


def test_a_word_counts_alone_only_when_said_as_a_sentence_of_its_own() -> None:
    # "cup" and "letter" run all through the drama inside sentences: motifs, not refrains.
    found = phrases(refrains(script_cues()))
    assert "cup" not in found and "letter" not in found
    # "Sorry" inside a longer sentence is that sentence's word, not "Sorry." said alone.
    sorry = refrains(homecoming_cues())[0]
    assert [o.start_ms // 1000 for o in sorry.occurrences] == [900, 2100, 4200]
    said_changed = [v.occurrence.text for v in variants(sorry, homecoming_cues())]
    assert said_changed == ["I'm sorry I didn't call first."]


def test_refrains_are_maximal_and_spread_across_the_film() -> None:
    found = phrases(refrains(script_cues()))
    assert "am sorry" not in found  # the same cues as "i am sorry"
    # "the letter" recurs at 10:06, 10:12, 35:00, 1:18:26, 1:18:32: spread, so kept.
    assert "the letter" in found
    # Said three times within one minute: that scene's phrase, not a refrain.
    scene = [
        Cue(start, start + 2_000, "Gold in the cracks.") for start in (600_000, 620_000, 640_000)
    ]
    rest = [Cue(0, 1_000, "Hello."), Cue(6_000_000, 6_001_000, "Goodbye.")]
    assert refrains([rest[0], *scene, rest[1]]) == []
    spread = [
        Cue(start, start + 2_000, "Gold in the cracks.")
        for start in (600_000, 3_000_000, 5_000_000)
    ]
    assert phrases(refrains([rest[0], *spread, rest[1]])) == ["gold in the cracks"]


def test_normalisation_joins_apostrophes_contractions_case_and_punctuation() -> None:
    cues = [
        Cue(0, 1_000, "I’M SORRY!"),
        Cue(100_000, 101_000, "i am sorry..."),
        Cue(200_000, 201_000, "- I'm sorry, Dad."),
        Cue(300_000, 301_000, "Don't go. Do not go."),
        Cue(400_000, 401_000, "don’t go"),
        Cue(500_000, 501_000, "[sobbing] DON'T GO!"),
    ]
    found = refrains(cues)
    assert phrases(found) == ["i am sorry", "do not go"]
    assert found[0].label in {"I’M SORRY", "i am sorry", "I'm sorry"}
    assert (
        normalised("We're sure it's Dad's cup, isn't it?")
        == "we are sure it is dad's cup is not it"
    )


def test_phrases_do_not_cross_sentences() -> None:
    words = [[token.word for token in segment] for segment in segments("Stay. Please, stay! Now")]
    assert words == [["stay"], ["please", "stay"], ["now"]]


def test_sound_descriptions_lyrics_and_credits_are_not_refrains() -> None:
    cues = [
        Cue(minute * 60_000, minute * 60_000 + 2_000, text)
        for minute, text in enumerate(
            [
                "[door closes]",
                "♪ carries home ♪",
                "Hello.",
                "[door closes]",
                "♪ carries home ♪",
                "Subtitles by the team",
                "[door closes]",
                "♪ carries home ♪",
                "Subtitles by the team",
                "Subtitles by the team",
                "Bye.",
            ]
        )
    ]
    assert refrains(cues) == []


def test_every_apology_word_is_surfaced_before_other_refrains() -> None:
    lines = [
        "Forgive me, please.",
        "It was my fault.",
        "Let me apologize to her.",
        "Bring the clay.",
    ]
    cues = [
        Cue(minute * 600_000 + offset, minute * 600_000 + offset + 1_000, line)
        for minute in range(3)
        for offset, line in enumerate(lines)
    ]
    found = refrains(cues)
    assert [refrain.apology for refrain in found] == [True, True, True, False]
    assert found[-1].phrase == "bring the clay"


def test_variants_gather_the_refrain_said_changed() -> None:
    cues = [
        *script_cues(),
        Cue(5_500_000, 5_502_000, "I'm not sorry I came back."),
        Cue(5_510_000, 5_512_000, "I'm worried about you."),
        Cue(5_520_000, 5_522_000, "Sorry, which drawer?"),
    ]
    im_sorry = refrains(cues)[0]
    found = variants(im_sorry, cues)
    texts = [variant.occurrence.text for variant in found]
    assert texts == ["I'm so sorry, Dad.", "I'm not sorry I came back."]
    assert all(50 <= variant.similarity < 100 for variant in found)
    exact = {occurrence.cue_index for occurrence in im_sorry.occurrences}
    assert not exact & {variant.occurrence.cue_index for variant in found}


def test_variants_accept_other_spellings() -> None:
    cues = [
        Cue(start, start + 1_000, "I apologise for that.") for start in (0, 1_000_000, 2_000_000)
    ] + [Cue(3_000_000, 3_001_000, "I apologize for all that.")]
    refrain = refrains(cues)[0]
    assert refrain.phrase == "i apologise for that"
    assert [v.occurrence.text for v in variants(refrain, cues)] == ["I apologize for all that."]
