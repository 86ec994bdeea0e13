"""Refrains: the phrases a film says again and again, and their near variants.

A refrain is a phrase, normalised (case, ’ vs ', contractions, punctuation: "I’m sorry." and
"i am sorry" are one phrase), that occurs in at least three dialogue cues spread across the
film. Phrases never run across a sentence break. A refrain must carry meaning of its own:

- a run of two or more words holding at least one content word (a word not in ``STOPWORDS``):
  "I'm sorry", "the letter", "I should have come sooner". Only maximal runs are kept: "am sorry"
  is dropped when it occurs in exactly the cues where "i am sorry" does. Runs of function words
  only ("did you", "on the", and "I'm", "it's", "don't", which normalise to two such words) are
  grammar that every film repeats, not refrains;
- or a whole sentence said on its own: one content word ("Sorry.", "Hana?"), or two or more
  written words that are all function words ("Don't go.", "Come back!"). A lone function word or
  contraction said as a sentence ("Yes.", "Oh.", "Don't.") is still not a refrain.

Ranking, so the list opens on what a person would call the film's refrains:

1. apology and forgiveness first (sorry, forgive, apologise, my fault, promise, regret…), the
   most repeated first;
2. then by ``cue count × content weight``, where the content weight is the mean, over the
   phrase's words, of an IDF-like weight that is zero for function words (a phrase like
   "don't go" weighs nothing and sinks to the end) and higher for words the film says rarely.

The stopword and apology lists are English; in another language every word is a content word
and weighs by its IDF.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from journal.subtitles.cues import Cue
from journal.subtitles.text import Token, is_credit, segments, spoken_text

MIN_CUES = 3
MIN_SPREAD = 0.10
MIN_WORDS = 2
MAX_WORDS = 12

# Function words and the commonest verbs of speech: they weigh nothing in a refrain's rank.
_STOPWORD_TEXT = """
a about after again all also am an and any are as at back be because been before being but by
can could did do does doing done down even ever for from get gets getting go goes going gone got
had has have having he her here hers herself him himself his how i if in into is it its itself
just know let like me mean more most much must my myself no not now of off oh ok okay on once one
only or other our ours out over really right said say says see she should so some something such
than that the their them then there these they thing things think this those through to too um
uh up us very want was way we well were what when where which while who whom why will with would
yeah yes yet you your yours yourself come came look tell told make made take took give gave need
still shall may might
"""
_APOLOGY_TEXT = """
sorry forgive forgiven forgives forgiving forgave forgiveness apologise apologize apologised
apologized apologising apologizing apology apologies fault promise promised promises promising
regret regrets regretted pardon
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_APOLOGY_WORDS = frozenset(_APOLOGY_TEXT.split())


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One cue in which a refrain is said: its times, its text, its index in the cues given."""

    cue_index: int
    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True, slots=True)
class Refrain:
    """A phrase the film repeats.

    ``phrase`` is the normalised form it is matched by (``"i am sorry"``); ``label`` the form
    the film writes most often (``"I'm sorry"``). ``occurrences`` lists every cue that says
    it, in film order.
    """

    phrase: str
    label: str
    occurrences: tuple[Occurrence, ...]
    apology: bool
    content_weight: float

    @property
    def cue_count(self) -> int:
        """In how many distinct cues the phrase is said."""
        return len(self.occurrences)

    @property
    def score(self) -> float:
        """How much the refrain stands out: cue count × content weight."""
        return self.cue_count * self.content_weight


@dataclass(frozen=True, slots=True)
class Variant:
    """A cue that says a refrain changed ("I'm so sorry, Dad" for "I'm sorry"); ``similarity``
    is 0–100 over words (100: the same words)."""

    occurrence: Occurrence
    similarity: float


@dataclass(frozen=True, slots=True)
class _Spoken:
    cue_index: int
    cue: Cue
    text: str
    segments: list[list[Token]]


def _spoken_cues(cues: Sequence[Cue]) -> list[_Spoken]:
    result = []
    for index, cue in enumerate(cues):
        text = spoken_text(cue.text)
        if not text or is_credit(cue.text):  # what is_dialogue() asks, without the work twice
            continue
        words = segments(text)
        if words:
            result.append(_Spoken(index, cue, text, words))
    return result


def _is_apology(words: tuple[str, ...]) -> bool:
    if any(word in _APOLOGY_WORDS for word in words):
        return True
    return any(words[i : i + 2] == ("my", "fault") for i in range(len(words) - 1))


def _index_phrases(
    spoken: list[_Spoken], min_cues: int
) -> dict[tuple[str, ...], dict[int, tuple[int, int]]]:
    """Every phrase of ``MIN_WORDS``–``MAX_WORDS`` words said in ≥ ``min_cues`` cues, mapped to
    {position in ``spoken``: (start, end) of its first span in that cue}.

    Built level by level: a phrase of n words can only be frequent if both of its (n-1)-word
    parts are, so only those are extended (this keeps 1,500 cues well under 100 ms).
    """
    frequent: dict[tuple[str, ...], dict[int, tuple[int, int]]] = {}
    previous: dict[tuple[str, ...], dict[int, tuple[int, int]]] | None = None
    runs = [
        (position, segment, tuple(token.word for token in segment))
        for position, item in enumerate(spoken)
        for segment in item.segments
        if len(segment) >= MIN_WORDS
    ]
    for length in range(MIN_WORDS, MAX_WORDS + 1):
        level: dict[tuple[str, ...], dict[int, tuple[int, int]]] = {}
        runs = [run for run in runs if len(run[2]) >= length]
        for position, segment, words in runs:
            for start in range(len(words) - length + 1):
                phrase = words[start : start + length]
                if previous is not None and (
                    phrase[:-1] not in previous or phrase[1:] not in previous
                ):
                    continue
                spans = level.setdefault(phrase, {})
                if position not in spans:
                    spans[position] = (segment[start].start, segment[start + length - 1].end)
        previous = {phrase: spans for phrase, spans in level.items() if len(spans) >= min_cues}
        if not previous:
            break
        frequent.update(previous)
    return frequent


def _has_content(words: tuple[str, ...]) -> bool:
    return any(word not in STOPWORDS for word in words)


def _index_sentences(
    spoken: list[_Spoken], min_cues: int
) -> dict[tuple[str, ...], dict[int, tuple[int, int]]]:
    """Whole sentences said in ≥ ``min_cues`` cues that the runs of words leave out but that
    carry meaning said on their own: one content word ("Sorry.") or two or more written words
    of function words only ("Don't go."), mapped like :func:`_index_phrases`' result.
    """
    found: dict[tuple[str, ...], dict[int, tuple[int, int]]] = {}
    for position, item in enumerate(spoken):
        for segment in item.segments:
            words = tuple(token.word for token in segment)
            if len(words) == 1:
                wanted = _has_content(words)
            else:  # a contraction is one written word: its tokens share the span
                written = len({(token.start, token.end) for token in segment})
                wanted = written >= 2 and not _has_content(words)
            if wanted:
                spans = found.setdefault(words, {})
                spans.setdefault(position, (segment[0].start, segment[-1].end))
    return {words: spans for words, spans in found.items() if len(spans) >= min_cues}


def _word_weights(spoken: list[_Spoken]) -> dict[str, float]:
    """An IDF-like weight in 0–1 per word: 0 for stopwords, higher for rarer words."""
    document_count = len(spoken)
    frequency: Counter[str] = Counter()
    for item in spoken:
        frequency.update({token.word for segment in item.segments for token in segment})
    scale = math.log(document_count + 1)
    return {
        word: 0.0 if word in STOPWORDS else math.log((document_count + 1) / count) / scale
        for word, count in frequency.items()
    }


def refrains(
    cues: Sequence[Cue], *, min_cues: int = MIN_CUES, min_spread: float = MIN_SPREAD
) -> list[Refrain]:
    """The phrases the film repeats, best first (see the module's docstring for what counts as
    a refrain and how they are ranked).

    A phrase counts once per cue however often the cue says it, is kept when said in at least
    ``min_cues`` cues, and when its first and last occurrences are at least ``min_spread`` of
    the dialogue's span apart (said in one scene only, it is that scene's phrase, not a refrain).
    Sound descriptions, lyrics and subtitle credits are left out.
    """
    spoken = _spoken_cues(cues)
    if len(spoken) < min_cues:
        return []
    dialogue_span = max(item.cue.end_ms for item in spoken) - min(
        item.cue.start_ms for item in spoken
    )
    phrases = _index_phrases(spoken, min_cues)
    # Maximal only: a phrase said in exactly the cues of a phrase one word longer is its part.
    covered: set[tuple[str, ...]] = set()
    for phrase, spans in phrases.items():
        for part in (phrase[:-1], phrase[1:]):
            if len(part) >= MIN_WORDS and len(phrases.get(part, ())) == len(spans):
                covered.add(part)
    # Runs of function words only are grammar; such words count said whole, as a sentence.
    kept = {
        phrase: spans
        for phrase, spans in phrases.items()
        if phrase not in covered and _has_content(phrase)
    }
    kept.update(_index_sentences(spoken, min_cues))
    weights = _word_weights(spoken)
    found: list[Refrain] = []
    for phrase, spans in kept.items():
        positions = sorted(spans, key=lambda position: spoken[position].cue.start_ms)
        first, last = spoken[positions[0]].cue, spoken[positions[-1]].cue
        if last.start_ms - first.start_ms < min_spread * dialogue_span:
            continue
        surfaces = Counter(spoken[position].text[slice(*spans[position])] for position in positions)
        label = max(surfaces.items(), key=lambda pair: pair[1])[0]
        occurrences = tuple(
            Occurrence(item.cue_index, item.cue.start_ms, item.cue.end_ms, item.cue.text)
            for item in (spoken[position] for position in positions)
        )
        weight = sum(weights.get(word, 0.0) for word in phrase) / len(phrase)
        found.append(Refrain(" ".join(phrase), label, occurrences, _is_apology(phrase), weight))
    found.sort(
        key=lambda refrain: (
            not refrain.apology,
            -refrain.cue_count if refrain.apology else 0,
            -refrain.score,
            -refrain.cue_count,
            refrain.occurrences[0].start_ms,
        )
    )
    return found


def _content_words_present(content: list[str], words: list[str]) -> bool:
    from rapidfuzz import fuzz  # loaded when variants are asked for, not at start-up

    return all(any(fuzz.ratio(wanted, word) >= 85 for word in words) for wanted in content)


def variants(refrain: Refrain, cues: Sequence[Cue], *, min_similarity: float = 50) -> list[Variant]:
    """Cues that say ``refrain`` changed, in film order, its exact occurrences left out.

    A variant keeps every content word of the refrain (spelling may differ: apologise and
    apologize) and, in its closest run of words, at least ``min_similarity`` percent of the
    refrain's words in order (an Indel similarity over words, computed by rapidfuzz): "I'm so
    sorry, Dad" and "I'm not sorry" for "I'm sorry"; not "I'm worried". ``cues`` must be the
    sequence the refrain was found in (occurrences name cues by their index in it).
    """
    from rapidfuzz.distance import Indel  # loaded on demand: the window opens without it

    target = refrain.phrase.split()
    content = [word for word in target if word not in STOPWORDS]
    exact = {occurrence.cue_index for occurrence in refrain.occurrences}
    found: list[Variant] = []
    for item in _spoken_cues(cues):
        if item.cue_index in exact:
            continue
        best = 0.0
        for segment in item.segments:
            words = [token.word for token in segment]
            if content and not _content_words_present(content, words):
                continue
            for width in range(max(1, len(target) - 1), len(target) + 3):
                for start in range(max(1, len(words) - width + 1)):
                    window = words[start : start + width]
                    best = max(best, Indel.normalized_similarity(target, window) * 100)
        if best >= min_similarity:
            cue = item.cue
            occurrence = Occurrence(item.cue_index, cue.start_ms, cue.end_ms, cue.text)
            found.append(Variant(occurrence, round(best, 1)))
    return found
