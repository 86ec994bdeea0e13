"""What a cue says: formatting stripped, sound descriptions told apart from dialogue, and the
words normalised so that a phrase said twice is recognised as the same phrase.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# --- formatting -------------------------------------------------------------------------------

# HTML-like tags as SRT and WebVTT use them: <i>, </b>, <font color="…">, <v Anna>, <c.yellow>,
# <lang en>, <ruby>/<rt>. A tag must start with a letter so that "I <3 you" stays text.
_MARKUP_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:[ .][^<>\n]*)?>")
# WebVTT karaoke timestamps inside a cue: <00:00:01.500>.
_TIMESTAMP_TAG = re.compile(r"<\d{1,}:\d{2}(?::\d{2})?[.,]\d{1,3}>")
# ASS/SSA override blocks: {\an8}, {\i1}, {\pos(10,20)}; in ASS every {…} is hidden.
_OVERRIDE_WITH_BACKSLASH = re.compile(r"\{[^{}]*\\[^{}]*\}")
_ANY_BRACE_BLOCK = re.compile(r"\{[^{}]*\}")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\ufeff\u202a\u202b\u202c\u202d\u202e"))


def plain_text(raw: str, *, markup: str) -> str:
    """Return the text a viewer reads, without formatting.

    ``markup`` says how the source marks formatting: ``"html"`` (SRT: tags and stray ``{\\an8}``),
    ``"vtt"`` (tags plus character references like ``&amp;``) or ``"ass"`` (override blocks,
    ``\\N`` hard breaks, ``\\n`` soft breaks, ``\\h`` hard spaces). Lines are trimmed, runs of
    spaces collapsed and empty lines dropped.
    """
    text = raw
    if markup == "ass":
        text = _ANY_BRACE_BLOCK.sub("", text)
        text = text.replace("\\N", "\n").replace("\\n", " ").replace("\\h", " ")
    else:
        text = _OVERRIDE_WITH_BACKSLASH.sub("", text)
        text = _TIMESTAMP_TAG.sub("", text)
        text = _MARKUP_TAG.sub("", text)
        if markup == "vtt":
            text = html.unescape(text)
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# --- dialogue or not ----------------------------------------------------------------------------

# [door closes], (sighs), *laughs*, ♪ lyrics ♪ (or a line that opens with ♪ and never closes).
_BRACKETED = re.compile(r"\[[^\]]*\]|\([^)]*\)|\*[^*\n]*\*|[♪♫#][^♪♫#\n]*(?:[♪♫#]|$)", re.M)
# "MAN:", "ANNA (V.O.):" — a speaker label is not something said.
_SPEAKER_LABEL = re.compile(r"^\s*-?\s*[A-Z][A-Z0-9 .'’-]{0,30}(?:\([^)]*\))?\s*:(?=\s|$)", re.M)
_WORD = re.compile(r"[^\W_]")
# Lines that credit the subtitles or advertise a site: not dialogue, often alone at the end.
_CREDIT = re.compile(
    r"(?:subtitle[sd]?|subs|captions?|captioning|sync(?:ed|hed|ronized)?|corrected|transcri(?:pt|bed)"
    r"|translat(?:ed|ion)|ripped|encoded)\s+(?:and\s+\w+\s+)?by\b"
    r"|opensubtitles|addic7ed|subscene|podnapisi|www\.|https?://|\.(?:com|org|net)\b"
    r"|advertise your product|support us and become vip",
    re.IGNORECASE,
)


_NON_SPEECH_HINT = re.compile(r"[\[(*♪♫#:]")
_CREDIT_HINTS = (
    "by",
    "www",
    "http",
    ".com",
    ".org",
    ".net",
    "opensub",
    "addic7ed",
    "subscene",
    "podnapisi",
    "advertise",
    "vip",
)


def spoken_text(text: str) -> str:
    """The words of a cue that are said: sound descriptions, lyrics and speaker labels removed.

    ``"[door closes] MAN: I'm sorry."`` → ``"I'm sorry."``; ``"♪ Hold me ♪"`` → ``""``.
    """
    without_labels = text
    if _NON_SPEECH_HINT.search(text):  # most cues have nothing to remove: skip the work
        without_labels = _SPEAKER_LABEL.sub(" ", _BRACKETED.sub(" ", text))
    lines = (_SPACES.sub(" ", line).strip(" -–—") for line in without_labels.split("\n"))
    return "\n".join(line for line in lines if _WORD.search(line))


def is_credit(text: str) -> bool:
    """True for a cue that credits the subtitlers or advertises a website."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _CREDIT_HINTS):
        return False
    return _CREDIT.search(text) is not None


def is_dialogue(text: str) -> bool:
    """True when a cue has words someone says (not only ``[door closes]`` or ``♪ … ♪``)."""
    return bool(spoken_text(text)) and not is_credit(text)


# --- words, normalised -------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Sentence ends and clause breaks: a phrase never runs across one.
_SEGMENT_BREAK = re.compile(r"[.!?;:…—–\"“”()\[\]]+|\s-\s|\n|(?<=\s)-|^-", re.M)

_WHOLE_CONTRACTIONS = {
    "i'm": ("i", "am"),
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    "let's": ("let", "us"),
    "y'all": ("you", "all"),
    "gonna": ("going", "to"),
    "wanna": ("want", "to"),
    "gotta": ("got", "to"),
}
_SUFFIXES = (
    ("n't", ("not",)),
    ("'re", ("are",)),
    ("'ve", ("have",)),
    ("'ll", ("will",)),
    ("'d", ("would",)),
)
# "'s" is "is" after these words, a possessive after any other ("dad's" stays one word).
_S_IS = frozenset(
    [
        "it",
        "he",
        "she",
        "that",
        "what",
        "there",
        "here",
        "where",
        "who",
        "how",
        "this",
        "everything",
        "nothing",
        "something",
        "someone",
    ]
)


class Token(NamedTuple):
    """A normalised word and the span of the original text it came from."""

    word: str
    start: int
    end: int


def _expand(word: str) -> tuple[str, ...]:
    if "'" not in word and word not in _WHOLE_CONTRACTIONS:
        return (word,)
    if word in _WHOLE_CONTRACTIONS:
        return _WHOLE_CONTRACTIONS[word]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return (word[: -len(suffix)], *replacement)
    if word.endswith("'s") and word[:-2] in _S_IS:
        return (word[:-2], "is")
    return (word,)


@lru_cache(maxsize=65_536)
def normalise_word(raw: str) -> tuple[str, ...]:
    """Lower-case, one kind of apostrophe, contractions expanded: ``"I’m"`` → ``("i", "am")``."""
    return _expand(unicodedata.normalize("NFKC", raw).casefold().replace("’", "'"))


def segments(text: str) -> list[list[Token]]:
    """The spoken words of ``text``, normalised, split at sentence and clause breaks.

    Each token keeps the span of ``text`` it came from, so a phrase can be shown as it was
    written (``I'm sorry``) while it is matched as normalised (``i am sorry``). Commas do not
    break a phrase: ``"I'm sorry, Dad"`` is one phrase.
    """
    result: list[list[Token]] = []
    position = 0
    for piece in _SEGMENT_BREAK.split(text):
        offset = text.find(piece, position) if piece else position
        position = offset + len(piece)
        tokens = [
            Token(word, match.start() + offset, match.end() + offset)
            for match in _TOKEN.finditer(piece)
            for word in normalise_word(match.group())
        ]
        if tokens:
            result.append(tokens)
    return result


def normalised(text: str) -> str:
    """The spoken words of ``text`` as one normalised string (for fuzzy matching)."""
    return " ".join(token.word for segment in segments(spoken_text(text)) for token in segment)
