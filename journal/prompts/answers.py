"""Answers to prompts: what a person wrote, kept with the viewing it belongs to.

An answer keeps its own copy of the question as it was shown (placeholders filled in), so
editing, hiding or deleting the prompt later never changes what was written, nor what it was
written in answer to. Only the prompt's uid links back, for "which prompts are answered".
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final

from journal.errors import ValidationError
from journal.prompts.choosing import ShownPrompt
from journal.prompts.deck import validate_uid

ANSWER_TEXT_MAX: Final = 1_000_000
PROMPT_COPY_MAX: Final = 2_000
"""A copy may be longer than a prompt (500): a rewatch prompt's date and rating are filled in."""

_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer: the viewing it belongs to, the prompt's uid and words, and the text."""

    uid: str
    viewing_uid: str
    prompt_uid: str
    prompt_text_copy: str
    text: str


def validate_answer_text(value: object, field: str = "text") -> str:
    """An answer's text as typed (line endings made ``\\n``), or ValidationError.

    Only blank text is refused: an answer with nothing in it is no answer, and the caller
    deletes it instead.
    """
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {type(value).__name__}")
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValidationError(field, "is empty; an answer needs some words (or delete it)")
    found = _CONTROL.search(text)
    if found:
        raise ValidationError(field, f"contains a control character (U+{ord(found[0]):04X})")
    if len(text) > ANSWER_TEXT_MAX:
        raise ValidationError(
            field, f"is {len(text):,} characters long; the limit is {ANSWER_TEXT_MAX:,}"
        )
    return text


def validate_prompt_copy(value: object, field: str = "prompt_text") -> str:
    """The copied question's words, trimmed, or ValidationError."""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {type(value).__name__}")
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValidationError(field, "is empty; an answer keeps the question it answered")
    found = _CONTROL.search(text)
    if found:
        raise ValidationError(field, f"contains a control character (U+{ord(found[0]):04X})")
    if len(text) > PROMPT_COPY_MAX:
        raise ValidationError(
            field, f"is {len(text):,} characters long; the limit is {PROMPT_COPY_MAX:,}"
        )
    return text


def make_answer(
    viewing_uid: str, shown: ShownPrompt, text: object, *, uid: str | None = None
) -> Answer:
    """A new answer to a prompt as it was shown, with a copy of the words shown."""
    return Answer(
        uid=validate_uid(uid) if uid is not None else str(uuid.uuid4()),
        viewing_uid=validate_uid(viewing_uid, "viewing_uid"),
        prompt_uid=shown.prompt.uid,
        prompt_text_copy=validate_prompt_copy(shown.text),
        text=validate_answer_text(text),
    )


def edit_answer(answer: Answer, text: object) -> Answer:
    """The same answer with new text; its question stays the one it was written under."""
    return replace(answer, text=validate_answer_text(text))


def answered_prompt_uids(answers: Iterable[Answer]) -> frozenset[str]:
    """The uids of the prompts these answers answer (for ``choose_for_viewing``)."""
    return frozenset(answer.prompt_uid for answer in answers)
