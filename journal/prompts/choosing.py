"""Which prompts a viewing or an entry editor shows, and the words they show.

The choice is deterministic: a viewing always shows the same prompts (ranked by a hash of the
viewing's uid and each prompt's uid), so reopening a viewing does not shuffle its questions.
Answering or hiding one lets the next in that viewing's ranking step in; the others stay.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Final

from journal.prompts.deck import Deck, Prompt, moment_prompts

DATE_PLACEHOLDER: Final = "{last_date}"
RATING_PLACEHOLDER: Final = "{last_rating}"
_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class ViewingContext:
    """What choosing needs to know about a viewing.

    ``last_watched_on``/``last_rating`` describe the film's previous viewing, if the journal
    has one; rewatch prompts that name it are only shown when it is known.
    """

    uid: str
    rewatch: bool = False
    last_watched_on: date | None = None
    last_rating: float | None = None


@dataclass(frozen=True, slots=True)
class ShownPrompt:
    """A prompt as it appears on screen: ``text`` has its placeholders filled in.

    ``text`` is what an answer keeps as its copy of the question.
    """

    prompt: Prompt
    text: str


def format_date(day: date) -> str:
    """A date as a sentence says it: ``12 March 2024`` (the same in every locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_rating(rating: float | None) -> str:
    """A 0.5–5 star rating in words: ``3½ stars``, ``1 star``, ``no rating``."""
    if rating is None:
        return "no rating"
    whole = math.floor(rating)
    half = rating - whole >= 0.5
    if whole == 0:
        return "½ star"
    number = f"{whole}½" if half else str(whole)
    return f"{number} star" if whole == 1 and not half else f"{number} stars"


def needs_last_viewing(text: str) -> bool:
    """True when the text names the previous viewing and cannot be shown without it."""
    return DATE_PLACEHOLDER in text or RATING_PLACEHOLDER in text


def render_text(text: str, last_watched_on: date | None, last_rating: float | None) -> str:
    """The prompt's words with the previous viewing's date and rating filled in.

    Only the two known placeholders are replaced; any other braces a person typed stay as
    typed (no format-string surprises). Without a previous date the text comes back as is.
    """
    if last_watched_on is None:
        return text
    return text.replace(DATE_PLACEHOLDER, format_date(last_watched_on)).replace(
        RATING_PLACEHOLDER, format_rating(last_rating)
    )


def _rank(viewing_uid: str, prompt_uid: str) -> bytes:
    # A stable hash (Python's hash() is salted per process).
    import hashlib  # OpenSSL loads here, when prompts are chosen, not with the window

    return hashlib.sha256(f"{viewing_uid}\x00{prompt_uid}".encode()).digest()


def _ranked(
    deck: Deck, moment: str, viewing: ViewingContext, skipped: Collection[str]
) -> list[Prompt]:
    eligible = [
        prompt
        for prompt in moment_prompts(deck, moment)
        if prompt.uid not in skipped
        and (viewing.last_watched_on is not None or not needs_last_viewing(prompt.text))
    ]
    return sorted(eligible, key=lambda prompt: _rank(viewing.uid, prompt.uid))


def _show(prompt: Prompt, viewing: ViewingContext) -> ShownPrompt:
    return ShownPrompt(
        prompt, render_text(prompt.text, viewing.last_watched_on, viewing.last_rating)
    )


def choose_for_viewing(
    deck: Deck, viewing: ViewingContext, answered_uids: Collection[str], count: int = 4
) -> tuple[ShownPrompt, ...]:
    """Up to ``count`` unanswered, visible prompts to show beside a viewing's reflection.

    A rewatch gets rewatch prompts in up to half the places (rounded up) and viewing prompts
    in the rest; either kind fills in when the other runs out. The result lists rewatch
    prompts first, each group in the deck's order.
    """
    if count <= 0:
        return ()
    viewing_pool = _ranked(deck, "viewing", viewing, answered_uids)
    rewatch_pool = _ranked(deck, "rewatch", viewing, answered_uids) if viewing.rewatch else []
    rewatch_places = min(len(rewatch_pool), math.ceil(count / 2))
    viewing_places = min(len(viewing_pool), count - rewatch_places)
    rewatch_places = min(len(rewatch_pool), count - viewing_places)
    chosen = {prompt.uid for prompt in rewatch_pool[:rewatch_places]}
    chosen.update(prompt.uid for prompt in viewing_pool[:viewing_places])
    in_deck_order = [prompt for prompt in deck.prompts if prompt.uid in chosen]
    in_deck_order.sort(key=lambda prompt: prompt.moment != "rewatch")
    return tuple(_show(prompt, viewing) for prompt in in_deck_order)


def next_prompt(
    deck: Deck,
    viewing: ViewingContext,
    answered_uids: Collection[str],
    shown_uids: Collection[str],
) -> ShownPrompt | None:
    """The prompt that one key press brings next: the best-ranked one not answered or shown.

    Rewatch prompts (on a rewatch) come before viewing prompts. None when every eligible
    prompt is answered or already on screen; the caller can then start again with an empty
    ``shown_uids``.
    """
    skipped = {*answered_uids, *shown_uids}
    pools = [_ranked(deck, "rewatch", viewing, skipped)] if viewing.rewatch else []
    pools.append(_ranked(deck, "viewing", viewing, skipped))
    for pool in pools:
        if pool:
            return _show(pool[0], viewing)
    return None


def line_for_entry(deck: Deck, kind: str, key: str = "") -> Prompt | None:
    """The one short line shown under the entry editor for this kind, or None.

    With several visible prompts for the kind, ``key`` (an entry's or viewing's uid) picks one
    the same way every time; with an empty key the first in the deck's order is used.
    """
    candidates = moment_prompts(deck, kind)
    if not candidates:
        return None
    if not key:
        return candidates[0]
    return min(candidates, key=lambda prompt: _rank(key, prompt.uid))
