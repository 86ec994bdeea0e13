"""Which prompts a viewing shows, the rewatch prompts' context, and the next-prompt key."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from journal.prompts import (
    ViewingContext,
    add_prompt,
    builtin_deck,
    choose_for_viewing,
    format_date,
    format_rating,
    line_for_entry,
    make_deck,
    moment_prompts,
    next_prompt,
    render_text,
    set_hidden,
)

LETTER_UID = "8df865ca-349c-453d-8255-91425c5e8cb7"
VIEWING = ViewingContext(uid="0b8c4f64-3f5e-4d5e-9a55-2d7c1c1f0a01")


def test_same_viewing_shows_the_same_prompts_and_others_differ() -> None:
    deck = builtin_deck()
    first = choose_for_viewing(deck, VIEWING, set())
    assert len(first) == 4
    assert choose_for_viewing(deck, VIEWING, set()) == first
    assert choose_for_viewing(builtin_deck(), VIEWING, frozenset()) == first
    assert all(shown.prompt.moment == "viewing" for shown in first)
    # Shown in the deck's order.
    orders = [shown.prompt.order for shown in first]
    assert orders == sorted(orders)
    others = {
        tuple(s.prompt.uid for s in choose_for_viewing(deck, ViewingContext(str(n)), set()))
        for n in range(20)
    }
    assert len(others) > 10


def test_answered_and_hidden_prompts_are_skipped_and_the_rest_stay() -> None:
    deck = builtin_deck()
    first = choose_for_viewing(deck, VIEWING, set())
    answered = {first[0].prompt.uid}
    after = choose_for_viewing(deck, VIEWING, answered)
    assert first[0].prompt.uid not in {s.prompt.uid for s in after}
    assert {s.prompt.uid for s in first[1:]} <= {s.prompt.uid for s in after}
    hidden = set_hidden(deck, first[1].prompt.uid, True)
    assert first[1].prompt.uid not in {
        s.prompt.uid for s in choose_for_viewing(hidden, VIEWING, ())
    }


@pytest.mark.parametrize("count", [0, 1, 3, 5])
def test_count_is_respected(count: int) -> None:
    assert len(choose_for_viewing(builtin_deck(), VIEWING, set(), count=count)) == count


def test_when_every_prompt_is_answered_nothing_is_shown() -> None:
    deck = builtin_deck()
    everything = {p.uid for p in deck.prompts}
    assert choose_for_viewing(deck, VIEWING, everything) == ()
    assert next_prompt(deck, VIEWING, everything, ()) is None
    assert choose_for_viewing(make_deck(()), VIEWING, ()) == ()


def test_rewatch_shows_rewatch_prompts_first_with_the_last_viewing_filled_in() -> None:
    deck = builtin_deck()
    rewatch = ViewingContext(
        uid=VIEWING.uid, rewatch=True, last_watched_on=date(2024, 3, 12), last_rating=3.5
    )
    chosen = choose_for_viewing(deck, rewatch, set(), count=4)
    moments = [s.prompt.moment for s in chosen]
    assert moments == ["rewatch", "rewatch", "viewing", "viewing"]
    # Walk the whole ranking: the letter to last time appears, with date and rating in words.
    seen: list[str] = []
    while (shown := next_prompt(deck, rewatch, set(), seen)) is not None:
        seen.append(shown.prompt.uid)
        if shown.prompt.uid == LETTER_UID:
            assert shown.text == (
                "You last watched this on 12 March 2024 (3½ stars). "
                "Write a few lines to the person who watched it then."
            )
    assert LETTER_UID in seen
    assert len(seen) == len(moment_prompts(deck, "rewatch")) + len(moment_prompts(deck, "viewing"))
    # Rewatch prompts come before viewing prompts.
    kinds = [deck.get(uid).moment for uid in seen]  # type: ignore[union-attr]
    assert kinds == sorted(kinds, key=lambda moment: moment != "rewatch")


def test_a_rewatch_with_no_earlier_viewing_skips_the_letter() -> None:
    deck = builtin_deck()
    unknown = ViewingContext(uid=VIEWING.uid, rewatch=True)
    shown_uids: list[str] = []
    while (shown := next_prompt(deck, unknown, (), shown_uids)) is not None:
        shown_uids.append(shown.prompt.uid)
        assert "{" not in shown.text
    assert LETTER_UID not in shown_uids
    first_watch = choose_for_viewing(deck, ViewingContext(VIEWING.uid), (), count=30)
    assert {s.prompt.moment for s in first_watch} == {"viewing"}


def test_next_prompt_follows_the_ranking_and_skips_what_is_on_screen() -> None:
    deck = builtin_deck()
    shown = choose_for_viewing(deck, VIEWING, set())
    following = next_prompt(deck, VIEWING, set(), {s.prompt.uid for s in shown})
    assert following is not None
    assert following.prompt.uid not in {s.prompt.uid for s in shown}
    # It is the one that steps in when one of the shown ones is answered.
    after = choose_for_viewing(deck, VIEWING, {shown[0].prompt.uid})
    assert following.prompt.uid in {s.prompt.uid for s in after}


def test_render_leaves_unknown_braces_alone_and_formats_ratings() -> None:
    text = "On {last_date} you gave it {last_rating}; {name} stays as typed."
    assert render_text(text, date(2025, 1, 2), None) == (
        "On 2 January 2025 you gave it no rating; {name} stays as typed."
    )
    assert render_text(text, None, 4.0) == text
    assert [format_rating(r) for r in (0.5, 1.0, 1.5, 4.0, 5.0)] == [
        "½ star",
        "1 star",
        "1½ stars",
        "4 stars",
        "5 stars",
    ]
    assert format_date(date(1999, 12, 31)) == "31 December 1999"


def test_own_rewatch_prompt_with_placeholders_is_rendered() -> None:
    deck = add_prompt(make_deck(()), "Since {last_date}, what has changed?", "rewatch")
    ctx = ViewingContext(str(uuid.uuid4()), rewatch=True, last_watched_on=date(2020, 5, 1))
    (shown,) = choose_for_viewing(deck, ctx, ())
    assert shown.text == "Since 1 May 2020, what has changed?"


def test_one_line_per_entry_kind() -> None:
    deck = builtin_deck()
    pauses = moment_prompts(deck, "pause")
    assert line_for_entry(deck, "pause") == pauses[0]
    keyed = line_for_entry(deck, "pause", key="entry-1")
    assert keyed in pauses and line_for_entry(deck, "pause", key="entry-1") == keyed
    for prompt in pauses:
        deck = set_hidden(deck, prompt.uid, True)
    assert line_for_entry(deck, "pause") is None
