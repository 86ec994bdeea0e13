"""One spec per record (film, viewing, entry, motif, tag, prompt, answer): the only place a
field's rule is written.

Each field names its type, its limits, whether it is required or its default, the rule from
``journal.rules`` that cleans it (the rule also writes the message), and the label a form
shows. The store validates with these specs, the JSON document validator checks each
record with them (the JSON path in the message), the film dialog and the entry editor take
their rules and labels from them, and ``journal.models`` builds its CHECK constraints from
their limits. Adding a field is one edit here plus a migration.

Importable without SQLAlchemy or SQLModel: the desktop app reads these at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from journal import rules
from journal.errors import ValidationError
from journal.fields import ENTRY_KINDS, TITLE_MAX, YEAR_MAX, YEAR_MIN
from journal.prompts import answers as prompt_answers
from journal.prompts import deck as prompt_deck
from journal.timecode import MAX_POSITION_MS
from journal.watch.stamp import DEFAULT_LAG_MS, MAX_LAG_MS, validate_lag

# Cleans a raw value; the second argument names the field (or JSON path) in its message.
Rule = Callable[[Any, str], Any]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a record: what it holds and the rule that cleans it."""

    name: str
    type: type | tuple[type, ...]
    rule: Rule
    label: str
    required: bool = False  # must be given (a document without it "is missing")
    default: Any = None  # what a document that leaves it out means
    minimum: float | None = None
    maximum: float | None = None  # a number's largest value, or a text's length
    choices: tuple[str, ...] = ()  # the only values allowed, when there is such a list
    # How a clean value is written in a JSON document (dates as ISO text).
    to_json: Callable[[Any], Any] | None = None

    def clean(self, value: Any, where: str | None = None) -> Any:
        """The clean value, or ValidationError naming ``where`` (default: the field name)."""
        return self.rule(value, self.name if where is None else where)

    def from_json(self, obj: Mapping[str, Any], path: str) -> Any:
        """This field of the JSON object at ``path``, cleaned and in its JSON form: left out,
        a required field "is missing" and another takes its default."""
        where = f"{path}.{self.name}"
        if self.required and self.name not in obj:
            raise ValidationError(where, "is missing")
        value = self.clean(obj.get(self.name, self.default), where)
        return self.to_json(value) if self.to_json is not None else value


@dataclass(frozen=True, slots=True)
class Record:
    """A record's fields, in the order they are checked and reported."""

    name: str
    fields: tuple[Field, ...]

    def __getitem__(self, name: str) -> Field:
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    def clean(self, values: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
        """Clean the values a caller of the store gave (in the caller's order); ``partial``
        allows leaving fields out (an update). Unknown or missing names are a programming
        error (ValueError), a bad value a ValidationError."""
        unknown = set(values) - set(self.names)
        if unknown:
            raise ValueError(f"unknown fields: {sorted(unknown)}")
        if not partial:
            missing = set(self.names) - set(values)
            if missing:
                raise ValueError(f"missing fields: {sorted(missing)}")
        return {name: self[name].clean(value) for name, value in values.items()}

    def clean_json(self, obj: Mapping[str, Any], path: str) -> dict[str, Any]:
        """Clean one record of a JSON document at ``path`` (``films[2]``), field by field in
        spec order: a required field left out "is missing", another takes its default."""
        return {field.name: field.from_json(obj, path) for field in self.fields}


def _iso(value: date) -> str:
    return value.isoformat()


FILM = Record(
    "film",
    (
        Field("title", str, rules.title, "Title", required=True, minimum=1, maximum=TITLE_MAX),
        Field("year", int, rules.year, "Year", minimum=YEAR_MIN, maximum=YEAR_MAX),
        Field("director", str, rules.short_text, "Director", maximum=rules.SHORT_TEXT_MAX),
        Field("runtime_ms", int, rules.runtime_ms, "Runtime", minimum=1, maximum=MAX_POSITION_MS),
        Field("notes", str, rules.long_text, "Notes", maximum=rules.LONG_TEXT_MAX),
        Field("letterboxd_uri", str, rules.uri, "Letterboxd", maximum=rules.URI_MAX),
    ),
)

VIEWING = Record(
    "viewing",
    (
        Field(
            "watched_on",
            date,
            rules.watched_on,
            "Date",
            required=True,
            minimum=YEAR_MIN,
            maximum=YEAR_MAX,
            to_json=_iso,
        ),
        Field("rewatch", bool, rules.flag, "Rewatch", default=False),
        Field("rating", float, rules.rating, "Rating", minimum=0.5, maximum=5.0),
        Field("reflection", str, rules.long_text, "Reflection", maximum=rules.LONG_TEXT_MAX),
        # The Letterboxd diary entry the viewing was imported from (data model v2).
        Field("letterboxd_uri", str, rules.uri, "Letterboxd diary entry", maximum=rules.URI_MAX),
        # Reaction lag taken off every stamp made while watching along (journal/watch/).
        Field(
            "lag_ms",
            int,
            validate_lag,
            "Reaction lag",
            default=DEFAULT_LAG_MS,
            minimum=0,
            maximum=MAX_LAG_MS,
        ),
    ),
)

ENTRY = Record(
    "entry",
    (
        Field(
            "position_ms",
            int,
            rules.position_ms,
            "Position",
            required=True,
            minimum=0,
            maximum=MAX_POSITION_MS,
        ),
        Field("kind", str, rules.kind, "Kind", required=True, choices=ENTRY_KINDS),
        Field("text", str, rules.long_text, "Text", maximum=rules.LONG_TEXT_MAX),
        Field("intensity", int, rules.intensity, "Intensity", minimum=1, maximum=5),
    ),
)

MOTIF = Record(
    "motif",
    (
        Field(
            "name",
            str,
            rules.motif_name,
            "Name",
            required=True,
            minimum=1,
            maximum=rules.MOTIF_NAME_MAX,
        ),
        Field("description", str, rules.long_text, "Description", maximum=rules.LONG_TEXT_MAX),
    ),
)


# A viewing's free tag (data model v2): unique ignoring case, like a motif's name.
TAG = Record(
    "tag",
    (
        Field(
            "name",
            str,
            rules.tag_name,
            "Name",
            required=True,
            minimum=1,
            maximum=rules.TAG_NAME_MAX,
        ),
    ),
)


def clean_motif_names(names: Iterable[str] | None) -> list[str]:
    """An entry's motif names, checked and without repeats (None means none)."""
    if names is None:
        return []
    if isinstance(names, str | bytes | Mapping) or not isinstance(names, Iterable):
        raise ValidationError(
            "motifs", f"must be a list of motif names, not {rules._describe(names)}"
        )
    clean: dict[str, str] = {}
    for index, name in enumerate(names):
        value = MOTIF["name"].clean(name, f"motifs[{index}]")
        clean.setdefault(rules.motif_key(value), value)
    return list(clean.values())


# --- data model v2: reflection prompts and answers ------------------------------------------
# The rules live with the prompt deck (journal/prompts/), whose pure functions and JSON form
# check the same fields with the same messages; the specs name them once for the store and
# the schema.


def _prompt_order(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"must be a whole number, not {rules._describe(value)}")
    if not 0 <= value <= prompt_deck.ORDER_MAX:
        raise ValidationError(field, f"{value} is outside 0–{prompt_deck.ORDER_MAX:,}")
    return value


PROMPT = Record(
    "prompt",
    (
        Field(
            "text",
            str,
            prompt_deck.validate_text,
            "Prompt",
            required=True,
            minimum=1,
            maximum=prompt_deck.PROMPT_TEXT_MAX,
        ),
        Field(
            "moment",
            str,
            prompt_deck.validate_moment,
            "Moment",
            required=True,
            choices=prompt_deck.MOMENTS,
        ),
        Field("sort_order", int, _prompt_order, "Order", minimum=0, maximum=prompt_deck.ORDER_MAX),
        Field("hidden", bool, rules.flag, "Hidden", default=False),
        Field("builtin", bool, rules.flag, "Built-in", default=False),
    ),
)

ANSWER = Record(
    "answer",
    (
        Field("prompt_uid", str, prompt_deck.validate_uid, "Prompt", required=True),
        Field(
            "prompt_text",
            str,
            prompt_answers.validate_prompt_copy,
            "Question",
            required=True,
            minimum=1,
            maximum=prompt_answers.PROMPT_COPY_MAX,
        ),
        Field(
            "text",
            str,
            prompt_answers.validate_answer_text,
            "Answer",
            required=True,
            minimum=1,
            maximum=prompt_answers.ANSWER_TEXT_MAX,
        ),
    ),
)


RECORDS: dict[str, Record] = {
    record.name: record for record in (FILM, VIEWING, ENTRY, MOTIF, TAG, PROMPT, ANSWER)
}


def limits(field: Field) -> tuple[str, str]:
    """A field's (minimum, maximum) as the schema's CHECK constraints write them."""
    if field.minimum is None or field.maximum is None:
        raise ValueError(f"{field.name} has no range")
    return str(field.minimum), str(field.maximum)
