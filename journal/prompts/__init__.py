"""Reflection prompts: the deck, the choice of what to show, answers, and their JSON form.

Plain values and functions only (no Qt, no database): the store saves decks and answers, the
UI shows them. ``builtin`` holds the app's own prompts and the deck's About note.
"""

from journal.prompts.answers import (
    Answer,
    answered_prompt_uids,
    edit_answer,
    make_answer,
    validate_answer_text,
)
from journal.prompts.builtin import ABOUT
from journal.prompts.choosing import (
    ShownPrompt,
    ViewingContext,
    choose_for_viewing,
    format_date,
    format_rating,
    line_for_entry,
    next_prompt,
    render_text,
)
from journal.prompts.deck import (
    MOMENTS,
    PROMPT_TEXT_MAX,
    Deck,
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
    validate_moment,
    validate_text,
)
from journal.prompts.jsonform import (
    answers_from_json,
    answers_to_json,
    deck_from_json,
    deck_to_json,
)

__all__ = [
    "ABOUT",
    "MOMENTS",
    "PROMPT_TEXT_MAX",
    "Answer",
    "Deck",
    "Prompt",
    "ShownPrompt",
    "ViewingContext",
    "add_prompt",
    "answered_prompt_uids",
    "answers_from_json",
    "answers_to_json",
    "builtin_deck",
    "choose_for_viewing",
    "deck_from_json",
    "deck_to_json",
    "edit_answer",
    "edit_prompt",
    "format_date",
    "format_rating",
    "line_for_entry",
    "make_answer",
    "make_deck",
    "moment_prompts",
    "move_prompt",
    "next_prompt",
    "remove_prompt",
    "render_text",
    "reorder",
    "restore_builtins",
    "set_hidden",
    "validate_answer_text",
    "validate_moment",
    "validate_text",
]
