"""The deck and answers travel in the JSON document and back exactly."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from journal.errors import ValidationError
from journal.prompts import (
    ViewingContext,
    add_prompt,
    answers_from_json,
    answers_to_json,
    builtin_deck,
    choose_for_viewing,
    deck_from_json,
    deck_to_json,
    edit_prompt,
    make_answer,
    move_prompt,
    remove_prompt,
    set_hidden,
)

VIEWING_UID = "6a1c1f61-3d61-4e23-9d57-6b8d0b3e1a42"
FIRST_VIEWING_UID = "311e8a44-ab95-4e2d-9f60-f3b9f22d550f"


def _edited_deck() -> Any:
    deck = builtin_deck()
    deck = add_prompt(deck, "Line one\nline two: \u201cquoted\u201d, emoji \U0001f56f", "note")
    deck = edit_prompt(deck, FIRST_VIEWING_UID, text="My words for the first one")
    deck = set_hidden(deck, "3f896aae-ed2e-4285-8d89-bb3b946ae0bc", True)
    deck = move_prompt(deck, "cfa1200a-6261-4d9d-b63f-ed1f6effb21d", -3)
    return remove_prompt(deck, "13003429-aeb9-4768-93fb-dbc808fa0cd2")


def test_deck_round_trips_exactly_through_json_text() -> None:
    deck = _edited_deck()
    document = deck_to_json(deck)
    text = json.dumps({"prompts": document}, ensure_ascii=False)
    back = deck_from_json(json.loads(text)["prompts"])
    assert back == deck
    assert deck_to_json(back) == document
    assert document[0] == {
        "uid": "311e8a44-ab95-4e2d-9f60-f3b9f22d550f",
        "moment": "viewing",
        "order": 0,
        "text": "My words for the first one",
        "hidden": False,
        "builtin": True,
    }


def test_answers_round_trip_exactly() -> None:
    shown = choose_for_viewing(builtin_deck(), ViewingContext(VIEWING_UID), ())
    answers = [
        make_answer(VIEWING_UID, s, f"Answer {n}\n\nsecond paragraph") for n, s in enumerate(shown)
    ]
    document = answers_to_json(answers)
    assert set(document[0]) == {"uid", "prompt_uid", "prompt_text", "text"}
    back = answers_from_json(json.loads(json.dumps(document)), VIEWING_UID)
    assert back == answers
    assert answers_to_json(back) == document


def test_missing_optional_fields_are_filled_in() -> None:
    deck = deck_from_json(
        [
            {"moment": "pause", "text": "A"},
            {"moment": "pause", "text": "B"},
            {"moment": "note", "text": "C", "order": 7},
        ]
    )
    prompts = deck.prompts
    assert [(p.text, p.order, p.hidden, p.builtin) for p in prompts] == [
        ("A", 0, False, False),
        ("B", 1, False, False),
        ("C", 7, False, False),
    ]
    assert len({p.uid for p in prompts}) == 3
    assert deck_from_json([]) == deck_from_json([], "prompts")
    assert len(deck_from_json([])) == 0


@pytest.mark.parametrize(
    ("change", "path", "reason"),
    [
        (lambda d: d[3].__setitem__("moment", "later"), "prompts[3].moment", "not a moment"),
        (lambda d: d[2].__setitem__("text", ""), "prompts[2].text", "is empty"),
        (lambda d: d[1].__setitem__("text", "z" * 501), "prompts[1].text", "at most 500"),
        (lambda d: d[4].__setitem__("order", "first"), "prompts[4].order", "whole number"),
        (lambda d: d[4].__setitem__("order", -1), "prompts[4].order", "outside"),
        (lambda d: d[5].__setitem__("hidden", "yes"), "prompts[5].hidden", "true or false"),
        (lambda d: d[6].__setitem__("builtin", 1), "prompts[6].builtin", "true or false"),
        (lambda d: d[7].__setitem__("uid", "x"), "prompts[7].uid", "not a UUID"),
        (lambda d: d[8].__setitem__("uid", d[0]["uid"]), "prompts[8].uid", "appears twice"),
        (lambda d: d.__setitem__(9, "text"), "prompts[9]", "must be an object"),
    ],
)
def test_bad_deck_names_the_first_bad_field(change: Any, path: str, reason: str) -> None:
    document = deck_to_json(builtin_deck())
    before = copy.deepcopy(document)
    change(document)
    # A later bad field does not hide the first one.
    document[-1]["moment"] = "nonsense"
    with pytest.raises(ValidationError) as caught:
        deck_from_json(document)
    assert caught.value.field == path
    assert reason in caught.value.reason
    assert before != document


def test_bad_answers_name_the_path() -> None:
    with pytest.raises(
        ValidationError, match=r"^films\[0\]\.viewings\[1\]\.answers: must be a list"
    ):
        answers_from_json({"x": 1}, VIEWING_UID, "films[0].viewings[1].answers")
    good = {
        "uid": "0d1b7c55-96a6-4e8c-9a2b-7d7e1a7e5b01",
        "prompt_uid": FIRST_VIEWING_UID,
        "prompt_text": "Which pause said the most?",
        "text": "The one by the window.",
    }
    for key, value, reason in [
        ("prompt_uid", None, "must be text"),
        ("prompt_text", "  ", "keeps the question"),
        ("text", "", "is empty"),
    ]:
        bad = dict(good, uid="5e0f7a8c-2f0c-4d0b-8b7e-1c1a6f1d9e02", **{key: value})
        with pytest.raises(ValidationError) as caught:
            answers_from_json([good, bad], VIEWING_UID)
        assert caught.value.field == f"answers[1].{key}"
        assert reason in caught.value.reason
    with pytest.raises(ValidationError, match="appears twice"):
        answers_from_json([good, good], VIEWING_UID)
    with pytest.raises(ValidationError, match=r"^prompts: must be a list, not an object"):
        deck_from_json({})
