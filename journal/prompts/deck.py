"""The prompt deck as a plain, immutable value and the edits a person can make to it.

A deck is a tuple of prompts kept in one canonical order (by moment, then ``order``), so two
decks with the same prompts are equal and a deck's JSON form is always written the same way.
Every edit returns a new deck and leaves the old one untouched: the caller (an undo command,
the store) decides what to keep. A rejected edit raises ``ValidationError`` naming the field
and saying what was wrong; the deck it was given is, being immutable, unchanged.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Final

from journal.errors import NotFoundError, ValidationError
from journal.fields import ENTRY_KINDS
from journal.prompts.builtin import BUILTIN_PROMPTS

MOMENTS: Final[tuple[str, ...]] = ("viewing", "rewatch", *ENTRY_KINDS)
"""When a prompt is shown: after a viewing, on a rewatch, or under the editor of an entry kind."""

PROMPT_TEXT_MAX: Final = 500
ORDER_MAX: Final = 1_000_000

_MOMENT_RANK: Final = {moment: rank for rank, moment in enumerate(MOMENTS)}
# Tabs and newlines are allowed (a prompt may have two sentences on two lines); other control
# characters cannot be seen or typed on purpose.
_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Prompt:
    """One question in the deck.

    ``order`` sorts prompts within their moment (smaller first). ``builtin`` marks the prompts
    that came with the app; they can be edited, hidden or deleted, and restored.
    """

    uid: str
    text: str
    moment: str
    order: int
    hidden: bool = False
    builtin: bool = False


@dataclass(frozen=True, slots=True)
class Deck:
    """All prompts of a journal, in canonical order. Build one with ``make_deck``."""

    prompts: tuple[Prompt, ...] = ()

    def get(self, uid: str) -> Prompt | None:
        """The prompt with this uid, or None."""
        for prompt in self.prompts:
            if prompt.uid == uid:
                return prompt
        return None

    def __len__(self) -> int:
        return len(self.prompts)


def _sort_key(prompt: Prompt) -> tuple[int, int, str]:
    return (_MOMENT_RANK.get(prompt.moment, len(MOMENTS)), prompt.order, prompt.uid)


def make_deck(prompts: Iterable[Prompt]) -> Deck:
    """A deck of these prompts in canonical order; duplicate uids are refused."""
    ordered = tuple(sorted(prompts, key=_sort_key))
    seen: set[str] = set()
    for prompt in ordered:
        if prompt.uid in seen:
            raise ValidationError("uid", f"{prompt.uid} is used by two prompts")
        seen.add(prompt.uid)
    return Deck(ordered)


def builtin_prompts() -> tuple[Prompt, ...]:
    """The app's own prompts as first installed: visible, in their written order."""
    counters: dict[str, int] = {}
    prompts = []
    for uid, moment, text in BUILTIN_PROMPTS:
        order = counters.get(moment, 0)
        counters[moment] = order + 1
        prompts.append(Prompt(uid, text, moment, order, hidden=False, builtin=True))
    return tuple(prompts)


def builtin_deck() -> Deck:
    """The deck a new journal starts with."""
    return make_deck(builtin_prompts())


# --- validation --------------------------------------------------------------------------


def validate_text(value: object, field: str = "text") -> str:
    """A prompt's text, trimmed and with ``\\n`` line endings, or ValidationError."""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {type(value).__name__}")
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValidationError(field, "is empty; a prompt needs a few words to ask")
    found = _CONTROL.search(text)
    if found:
        raise ValidationError(field, f"contains a control character (U+{ord(found[0]):04X})")
    if len(text) > PROMPT_TEXT_MAX:
        raise ValidationError(
            field,
            f"is {len(text):,} characters long; a prompt can be at most {PROMPT_TEXT_MAX}",
        )
    return text


def validate_moment(value: object, field: str = "moment") -> str:
    """One of ``MOMENTS``, or ValidationError listing them."""
    if not isinstance(value, str) or value not in MOMENTS:
        shown = repr(value) if isinstance(value, str) else type(value).__name__
        raise ValidationError(field, f"{shown} is not a moment; use one of {', '.join(MOMENTS)}")
    return value


def validate_uid(value: object, field: str = "uid") -> str:
    """A UUID in its canonical text form, or ValidationError."""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {type(value).__name__}")
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError as exc:
        raise ValidationError(field, f"{value[:40]!r} is not a UUID") from exc


# --- edits -------------------------------------------------------------------------------


def _require(deck: Deck, uid: str) -> Prompt:
    prompt = deck.get(uid)
    if prompt is None:
        raise NotFoundError(f"No prompt {uid} in the deck; it may have been deleted already.")
    return prompt


def _next_order(deck: Deck, moment: str) -> int:
    orders = [prompt.order for prompt in deck.prompts if prompt.moment == moment]
    return max(orders) + 1 if orders else 0


def moment_prompts(deck: Deck, moment: str, *, include_hidden: bool = False) -> tuple[Prompt, ...]:
    """The prompts of one moment in order; hidden ones only when asked (the deck editor)."""
    validate_moment(moment)
    return tuple(
        prompt
        for prompt in deck.prompts
        if prompt.moment == moment and (include_hidden or not prompt.hidden)
    )


def add_prompt(deck: Deck, text: object, moment: object, *, uid: str | None = None) -> Deck:
    """A new deck with the person's own prompt added at the end of its moment."""
    clean_text = validate_text(text)
    clean_moment = validate_moment(moment)
    new_uid = validate_uid(uid) if uid is not None else str(uuid.uuid4())
    if deck.get(new_uid) is not None:
        raise ValidationError("uid", f"{new_uid} is already a prompt in the deck")
    added = Prompt(new_uid, clean_text, clean_moment, _next_order(deck, clean_moment))
    return make_deck((*deck.prompts, added))


def edit_prompt(
    deck: Deck, uid: str, *, text: object | None = None, moment: object | None = None
) -> Deck:
    """A new deck with one prompt's text and/or moment changed.

    A prompt moved to another moment goes to the end of it. Answers already written keep the
    text they were written under (see ``journal.prompts.answers``).
    """
    prompt = _require(deck, uid)
    changed = prompt
    if text is not None:
        changed = replace(changed, text=validate_text(text))
    if moment is not None:
        clean_moment = validate_moment(moment)
        if clean_moment != prompt.moment:
            changed = replace(changed, moment=clean_moment, order=_next_order(deck, clean_moment))
    return _swap(deck, changed)


def set_hidden(deck: Deck, uid: str, hidden: bool) -> Deck:
    """A new deck with one prompt hidden (never shown) or shown again."""
    return _swap(deck, replace(_require(deck, uid), hidden=bool(hidden)))


def remove_prompt(deck: Deck, uid: str) -> Deck:
    """A new deck without this prompt. A built-in one comes back with ``restore_builtins``."""
    _require(deck, uid)
    return make_deck(prompt for prompt in deck.prompts if prompt.uid != uid)


def reorder(deck: Deck, moment: str, uids: Sequence[str]) -> Deck:
    """A new deck whose prompts of ``moment`` follow ``uids`` (all of them, each once)."""
    current = moment_prompts(deck, moment, include_hidden=True)
    wanted = list(uids)
    if sorted(wanted) != sorted(prompt.uid for prompt in current):
        raise ValidationError(
            "order", f"the new order must list each of the {len(current)} {moment} prompts once"
        )
    by_uid = {prompt.uid: prompt for prompt in current}
    renumbered = {uid: replace(by_uid[uid], order=index) for index, uid in enumerate(wanted)}
    return make_deck(renumbered.get(prompt.uid, prompt) for prompt in deck.prompts)


def move_prompt(deck: Deck, uid: str, steps: int) -> Deck:
    """A new deck with one prompt moved ``steps`` places within its moment (−1 is up).

    Moving past either end stops there, as a list's Move Up does at the top.
    """
    prompt = _require(deck, uid)
    uids = [other.uid for other in moment_prompts(deck, prompt.moment, include_hidden=True)]
    index = uids.index(uid)
    target = min(max(index + steps, 0), len(uids) - 1)
    uids.insert(target, uids.pop(index))
    return reorder(deck, prompt.moment, uids)


def restore_builtins(deck: Deck) -> Deck:
    """A new deck where every built-in prompt is back as written and visible.

    Built-ins still in their moment keep their place; deleted ones (and ones the person moved
    to another moment) return at the end of their own moment, in their written order. The
    person's own prompts are left exactly as they are.
    """
    original = {prompt.uid: prompt for prompt in builtin_prompts()}
    prompts = []
    for prompt in deck.prompts:
        first = original.get(prompt.uid)
        if first is None:
            prompts.append(prompt)
        elif first.moment == prompt.moment:
            del original[prompt.uid]
            prompts.append(
                replace(prompt, text=first.text, moment=first.moment, hidden=False, builtin=True)
            )
    restored = make_deck(prompts)
    for missing in original.values():
        placed = replace(missing, order=_next_order(restored, missing.moment))
        restored = make_deck((*restored.prompts, placed))
    return restored


def _swap(deck: Deck, changed: Prompt) -> Deck:
    return make_deck(changed if prompt.uid == changed.uid else prompt for prompt in deck.prompts)
