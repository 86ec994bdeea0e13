"""Answers keep their own copy of the question."""

from __future__ import annotations

from datetime import date

import pytest

from journal.errors import ValidationError
from journal.prompts import (
    ViewingContext,
    answered_prompt_uids,
    builtin_deck,
    choose_for_viewing,
    edit_answer,
    edit_prompt,
    make_answer,
    next_prompt,
    remove_prompt,
)

VIEWING_UID = "6a1c1f61-3d61-4e23-9d57-6b8d0b3e1a42"
LETTER_UID = "8df865ca-349c-453d-8255-91425c5e8cb7"


def test_editing_or_deleting_a_prompt_never_changes_an_answer() -> None:
    deck = builtin_deck()
    shown = choose_for_viewing(deck, ViewingContext(VIEWING_UID), ())[0]
    answer = make_answer(VIEWING_UID, shown, "The long pause at the kitchen table.\r\nThen rain.")
    assert answer.prompt_uid == shown.prompt.uid
    assert answer.prompt_text_copy == shown.prompt.text
    assert answer.text == "The long pause at the kitchen table.\nThen rain."
    snapshot = (answer.prompt_text_copy, answer.text)

    edited = edit_prompt(deck, shown.prompt.uid, text="Completely different words")
    removed = remove_prompt(edited, shown.prompt.uid)
    assert removed.get(shown.prompt.uid) is None
    assert (answer.prompt_text_copy, answer.text) == snapshot
    assert answered_prompt_uids([answer]) == {shown.prompt.uid}
    # The answered prompt is not offered again for this viewing.
    again = choose_for_viewing(deck, ViewingContext(VIEWING_UID), answered_prompt_uids([answer]))
    assert shown.prompt.uid not in {s.prompt.uid for s in again}


def test_a_rewatch_answer_keeps_the_question_with_its_date() -> None:
    ctx = ViewingContext(VIEWING_UID, rewatch=True, last_watched_on=date(2023, 8, 9), last_rating=2)
    deck = builtin_deck()
    seen: list[str] = []
    while (shown := next_prompt(deck, ctx, (), seen)) and shown.prompt.uid != LETTER_UID:
        seen.append(shown.prompt.uid)
    assert shown is not None
    answer = make_answer(VIEWING_UID, shown, "Dear you: you were right to cry at the end.")
    assert answer.prompt_text_copy.startswith("You last watched this on 9 August 2023 (2 stars).")


def test_answer_edits_and_bad_text() -> None:
    shown = choose_for_viewing(builtin_deck(), ViewingContext(VIEWING_UID), ())[0]
    answer = make_answer(VIEWING_UID, shown, "First thought")
    changed = edit_answer(answer, "Second thought")
    assert changed.text == "Second thought" and changed.uid == answer.uid
    assert changed.prompt_text_copy == answer.prompt_text_copy
    with pytest.raises(ValidationError, match="text: is empty"):
        edit_answer(answer, " \n ")
    with pytest.raises(ValidationError, match="control character"):
        make_answer(VIEWING_UID, shown, "bad\x00")
    with pytest.raises(ValidationError, match="viewing_uid"):
        make_answer("not-a-uuid", shown, "words")
