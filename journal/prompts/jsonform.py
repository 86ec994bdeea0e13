"""The deck and its answers as JSON values, for the journal's JSON document.

The deck is written as ``"prompts": [{uid, moment, order, text, hidden, builtin}, …]`` at the
top of the document; a viewing's answers as ``"answers": [{uid, prompt_uid, prompt_text,
text}, …]`` inside that viewing. Writing then reading gives back an equal value, and reading
then writing gives back the same JSON. A bad value is refused whole, with a ValidationError
whose field is the JSON path of the first bad field (``prompts[3].moment``).

On reading, a missing ``uid`` is made, missing ``hidden``/``builtin`` are false, and a
missing ``order`` puts the prompt after those before it in its moment. Unknown keys are
ignored (a newer version may add some).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from journal.errors import ValidationError
from journal.prompts.answers import Answer, validate_answer_text, validate_prompt_copy
from journal.prompts.deck import (
    ORDER_MAX,
    Deck,
    Prompt,
    make_deck,
    validate_moment,
    validate_text,
    validate_uid,
)

JsonObject = dict[str, Any]


def deck_to_json(deck: Deck) -> list[JsonObject]:
    """The deck as a JSON-ready list, in the deck's canonical order."""
    return [
        {
            "uid": prompt.uid,
            "moment": prompt.moment,
            "order": prompt.order,
            "text": prompt.text,
            "hidden": prompt.hidden,
            "builtin": prompt.builtin,
        }
        for prompt in deck.prompts
    ]


def deck_from_json(value: object, path: str = "prompts") -> Deck:
    """A deck from its JSON form, or ValidationError naming the first bad field's path."""
    items = _list(value, path)
    prompts: list[Prompt] = []
    seen: set[str] = set()
    next_order: dict[str, int] = {}
    for index, item in enumerate(items):
        where = f"{path}[{index}]"
        fields = _object(item, where)
        uid = _uid(fields, where, seen)
        moment = validate_moment(fields.get("moment"), f"{where}.moment")
        text = validate_text(fields.get("text"), f"{where}.text")
        if "order" in fields:
            order = _order(fields["order"], f"{where}.order")
        else:
            order = next_order.get(moment, 0)
        next_order[moment] = max(next_order.get(moment, 0), order + 1)
        hidden = _flag(fields.get("hidden", False), f"{where}.hidden")
        builtin = _flag(fields.get("builtin", False), f"{where}.builtin")
        prompts.append(Prompt(uid, text, moment, order, hidden=hidden, builtin=builtin))
    return make_deck(prompts)


def answers_to_json(answers: Iterable[Answer]) -> list[JsonObject]:
    """One viewing's answers as a JSON-ready list, in the order given."""
    return [
        {
            "uid": answer.uid,
            "prompt_uid": answer.prompt_uid,
            "prompt_text": answer.prompt_text_copy,
            "text": answer.text,
        }
        for answer in answers
    ]


def answers_from_json(value: object, viewing_uid: str, path: str = "answers") -> list[Answer]:
    """One viewing's answers from their JSON form, or ValidationError naming the path."""
    items = _list(value, path)
    answers: list[Answer] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"{path}[{index}]"
        fields = _object(item, where)
        uid = _uid(fields, where, seen)
        prompt_uid = validate_uid(fields.get("prompt_uid"), f"{where}.prompt_uid")
        prompt_text = validate_prompt_copy(fields.get("prompt_text"), f"{where}.prompt_text")
        text = validate_answer_text(fields.get("text"), f"{where}.text")
        answers.append(Answer(uid, viewing_uid, prompt_uid, prompt_text, text))
    return answers


def _list(value: object, path: str) -> list[object]:
    if not isinstance(value, list):
        raise ValidationError(path, f"must be a list, not {_kind_of(value)}")
    return value


def _object(value: object, path: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise ValidationError(path, f"must be an object, not {_kind_of(value)}")
    return value


def _uid(fields: Mapping[str, object], where: str, seen: set[str]) -> str:
    raw = fields.get("uid")
    uid = str(uuid.uuid4()) if raw is None else validate_uid(raw, f"{where}.uid")
    if uid in seen:
        raise ValidationError(f"{where}.uid", f"{uid} appears twice in this list")
    seen.add(uid)
    return uid


def _order(value: object, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(path, f"must be a whole number, not {_kind_of(value)}")
    if not 0 <= value <= ORDER_MAX:
        raise ValidationError(path, f"{value} is outside 0–{ORDER_MAX:,}")
    return value


def _flag(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(path, f"must be true or false, not {_kind_of(value)}")
    return value


def _kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
