"""The built-in deck and the edits a person makes to it."""

from __future__ import annotations

import uuid

import pytest

from journal.errors import NotFoundError, ValidationError
from journal.fields import ENTRY_KINDS
from journal.prompts import (
    ABOUT,
    MOMENTS,
    Prompt,
    add_prompt,
    builtin_deck,
    edit_prompt,
    make_deck,
    moment_prompts,
    move_prompt,
    remove_prompt,
    reorder,
    restore_builtins,
    set_hidden,
)
from journal.prompts.builtin import BUILTIN_PROMPTS

LETTER_UID = "8df865ca-349c-453d-8255-91425c5e8cb7"
FIRST_VIEWING_UID = "311e8a44-ab95-4e2d-9f60-f3b9f22d550f"


def _texts(deck_prompts: tuple[Prompt, ...]) -> list[str]:
    return [prompt.text for prompt in deck_prompts]


def test_builtin_deck_covers_every_moment_with_stable_uuids() -> None:
    deck = builtin_deck()
    assert 30 <= len(deck) <= 40
    uids = [prompt.uid for prompt in deck.prompts]
    assert len(set(uids)) == len(uids)
    assert all(str(uuid.UUID(uid)) == uid for uid in uids)
    assert all(prompt.builtin and not prompt.hidden for prompt in deck.prompts)
    assert 3 <= len(moment_prompts(deck, "viewing")) <= 20
    assert len(moment_prompts(deck, "rewatch")) >= 3
    for kind in ENTRY_KINDS:
        assert moment_prompts(deck, kind), kind
    # Two of the uids are a promise: answers in people's journals name them.
    assert deck.get(FIRST_VIEWING_UID) is not None
    letter = deck.get(LETTER_UID)
    assert letter is not None and "{last_date}" in letter.text and letter.moment == "rewatch"


def test_builtin_texts_are_kind_sized_and_about_says_journal_not_therapy() -> None:
    for _uid, moment, text in BUILTIN_PROMPTS:
        assert moment in MOMENTS
        assert text == text.strip() and len(text) <= 500
    for kind in ENTRY_KINDS:
        assert all(len(p.text) <= 80 for p in moment_prompts(builtin_deck(), kind))
    assert "not therapy" in ABOUT and "stop" in ABOUT


def test_moment_prompts_are_in_order_and_hide_hidden_ones() -> None:
    deck = builtin_deck()
    viewing = moment_prompts(deck, "viewing")
    assert [prompt.order for prompt in viewing] == list(range(len(viewing)))
    assert viewing[0].uid == FIRST_VIEWING_UID
    hidden = set_hidden(deck, FIRST_VIEWING_UID, True)
    assert FIRST_VIEWING_UID not in {p.uid for p in moment_prompts(hidden, "viewing")}
    assert moment_prompts(hidden, "viewing", include_hidden=True)[0].hidden
    assert set_hidden(hidden, FIRST_VIEWING_UID, False) == deck
    with pytest.raises(ValidationError, match="'later' is not a moment"):
        moment_prompts(deck, "later")


def test_edits_return_a_new_deck_and_leave_the_old_one_alone() -> None:
    deck = builtin_deck()
    before = deck.prompts
    added = add_prompt(deck, "  What did the rain stand for?  ", "scene")
    assert deck.prompts == before
    mine = moment_prompts(added, "scene")[-1]
    assert mine.text == "What did the rain stand for?"
    assert not mine.builtin and not mine.hidden
    assert mine.order == moment_prompts(deck, "scene")[-1].order + 1

    edited = edit_prompt(added, mine.uid, text="What did the rain wash away?")
    assert edited.get(mine.uid) == Prompt(
        mine.uid, "What did the rain wash away?", "scene", mine.order
    )
    assert added.get(mine.uid) == mine

    moved = edit_prompt(edited, mine.uid, moment="viewing")
    assert moment_prompts(moved, "viewing")[-1].uid == mine.uid
    assert mine.uid not in {p.uid for p in moment_prompts(moved, "scene")}

    removed = remove_prompt(moved, mine.uid)
    assert removed == deck


@pytest.mark.parametrize(
    ("text", "moment", "message"),
    [
        ("   ", "viewing", "text: is empty"),
        ("x" * 501, "viewing", "text: is 501 characters long; a prompt can be at most 500"),
        ("Fine words", "afterwards", "moment: 'afterwards' is not a moment; use one of viewing"),
        ("Bell\x07", "note", r"text: contains a control character \(U\+0007\)"),
        (None, "note", "text: must be text"),
    ],
)
def test_bad_prompts_are_refused_with_a_message(text: object, moment: str, message: str) -> None:
    deck = builtin_deck()
    with pytest.raises(ValidationError, match=message):
        add_prompt(deck, text, moment)
    if text is not None:  # None asks edit_prompt to keep the text
        with pytest.raises(ValidationError, match=message):
            edit_prompt(deck, FIRST_VIEWING_UID, text=text, moment=moment)
    assert deck == builtin_deck()


def test_exactly_500_characters_is_allowed() -> None:
    deck = add_prompt(builtin_deck(), "y" * 500, "note")
    assert moment_prompts(deck, "note")[-1].text == "y" * 500


def test_unknown_uids_and_duplicates_are_refused() -> None:
    deck = builtin_deck()
    with pytest.raises(NotFoundError, match="No prompt"):
        edit_prompt(deck, str(uuid.uuid4()), text="x")
    with pytest.raises(NotFoundError):
        remove_prompt(deck, "nope")
    with pytest.raises(ValidationError, match="already a prompt"):
        add_prompt(deck, "Again?", "note", uid=FIRST_VIEWING_UID)
    with pytest.raises(ValidationError, match="used by two prompts"):
        make_deck((*deck.prompts, deck.prompts[0]))


def test_reorder_and_move_within_a_moment() -> None:
    deck = builtin_deck()
    rewatch = [p.uid for p in moment_prompts(deck, "rewatch")]
    reversed_deck = reorder(deck, "rewatch", list(reversed(rewatch)))
    assert [p.uid for p in moment_prompts(reversed_deck, "rewatch")] == rewatch[::-1]
    assert [p.order for p in moment_prompts(reversed_deck, "rewatch")] == list(range(len(rewatch)))
    # Other moments are untouched.
    assert moment_prompts(reversed_deck, "viewing") == moment_prompts(deck, "viewing")

    down = move_prompt(deck, rewatch[0], 1)
    assert [p.uid for p in moment_prompts(down, "rewatch")][:2] == [rewatch[1], rewatch[0]]
    assert move_prompt(deck, rewatch[0], -1) == deck  # already at the top: stays
    last = move_prompt(deck, rewatch[0], 99)
    assert moment_prompts(last, "rewatch")[-1].uid == rewatch[0]

    with pytest.raises(ValidationError, match="must list each of the 5 rewatch prompts once"):
        reorder(deck, "rewatch", rewatch[:-1])
    with pytest.raises(ValidationError, match="once"):
        reorder(deck, "rewatch", [*rewatch[:-1], rewatch[0]])


def test_hidden_prompts_keep_their_place_when_reordering() -> None:
    deck = set_hidden(builtin_deck(), LETTER_UID, True)
    uids = [p.uid for p in moment_prompts(deck, "rewatch", include_hidden=True)]
    moved = move_prompt(deck, LETTER_UID, -2)
    after = [p.uid for p in moment_prompts(moved, "rewatch", include_hidden=True)]
    assert after[0] == LETTER_UID and set(after) == set(uids)
    assert moved.get(LETTER_UID) is not None and moved.get(LETTER_UID).hidden  # type: ignore[union-attr]


def test_restore_builtins_brings_back_text_visibility_and_deleted_ones() -> None:
    deck = builtin_deck()
    changed = edit_prompt(deck, FIRST_VIEWING_UID, text="My own words")
    changed = set_hidden(changed, LETTER_UID, True)
    rewatch = moment_prompts(deck, "rewatch")
    changed = remove_prompt(changed, rewatch[0].uid)
    changed = add_prompt(changed, "What would you ask the director?", "viewing")
    mine = moment_prompts(changed, "viewing")[-1]
    changed = edit_prompt(changed, moment_prompts(deck, "pause")[0].uid, moment="note")

    restored = restore_builtins(changed)
    assert restored.get(FIRST_VIEWING_UID) == deck.get(FIRST_VIEWING_UID)
    assert not restored.get(LETTER_UID).hidden  # type: ignore[union-attr]
    assert restored.get(mine.uid) == mine
    # The deleted one is back, last in its moment; the others keep their order.
    assert [p.uid for p in moment_prompts(restored, "rewatch")] == [
        *(p.uid for p in rewatch[1:]),
        rewatch[0].uid,
    ]
    # The one moved away is back in its own moment (at its end) and no longer under notes.
    pause_uid = moment_prompts(deck, "pause")[0].uid
    assert moment_prompts(restored, "pause")[-1].uid == pause_uid
    assert pause_uid not in {p.uid for p in moment_prompts(restored, "note")}
    assert {p.uid for p in restored.prompts} == {p.uid for p in deck.prompts} | {mine.uid}
    assert restore_builtins(builtin_deck()) == builtin_deck()
