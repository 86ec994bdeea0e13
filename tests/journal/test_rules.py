"""The data model's rules at their edges: what is accepted, what is refused, and how it is said."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal import rules
from journal.errors import ValidationError
from journal.models import ENTRY_KINDS


def _refused(rule, value, field: str = "field") -> ValidationError:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        rule(value, field)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    return caught.value


# --- title ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("T", "T"),
        ("Tokyo Story", "Tokyo Story"),
        ("  Tokyo Story  ", "Tokyo Story"),
        ("x" * 300, "x" * 300),
        ("  " + "x" * 300 + "  ", "x" * 300),  # trimmed before measuring
        ("Ärger im Paradies", "Ärger im Paradies"),
        ("🎞️ Still Life", "🎞️ Still Life"),  # emoji with a variation selector
        ("a\u200db", "a\u200db"),  # zero-width joiner is a format character, not a control
    ],
)
def test_title_accepts(typed: str, kept: str) -> None:
    assert rules.title(typed) == kept


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "is required"),
        ("   ", "is required"),
        ("x" * 301, "301 characters long; the limit is 300"),
        ("Tokyo\nStory", "control character (U+000A)"),
        ("Tokyo\tStory", "control character (U+0009)"),
        ("Tokyo\x00Story", "control character (NUL)"),
        ("Tokyo\x7fStory", "control character (U+007F)"),
        ("Tokyo\x85Story", "control character (U+0085)"),
        ("Tokyo\ud800Story", "not valid Unicode"),
        ("\udfff", "not valid Unicode"),
    ],
)
def test_title_refuses(typed: str, reason: str) -> None:
    error = _refused(rules.title, typed, "title")
    assert reason in error.reason


@pytest.mark.parametrize("value", [None, 5, 5.0, True, ["Tokyo Story"], {"title": "x"}, b"x"])
def test_title_must_be_text(value: object) -> None:
    assert "must be text" in _refused(rules.title, value).reason


def test_short_text_is_optional_single_line() -> None:
    assert rules.short_text(None, "director") == ""
    assert rules.short_text("  Ozu ", "director") == "Ozu"
    assert rules.short_text("", "director") == ""
    _refused(rules.short_text, "Ozu\nYasujirō", "director")
    _refused(rules.short_text, "x" * 301, "director")


def test_long_text_keeps_newlines_and_tabs_and_unifies_line_endings() -> None:
    assert rules.long_text("a\r\nb\rc\n\td", "notes") == "a\nb\nc\n\td"
    assert rules.long_text(None, "notes") == ""
    assert rules.long_text("  kept  ", "notes") == "  kept  "  # free text is not trimmed
    assert rules.long_text("x" * rules.LONG_TEXT_MAX, "notes") == "x" * rules.LONG_TEXT_MAX


@pytest.mark.parametrize("typed", ["a\x00b", "a\x0bb", "a\x1bb", "a\ud834b", "x" * 1_000_001])
def test_long_text_refuses(typed: str) -> None:
    _refused(rules.long_text, typed, "notes")


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kept"), [(1870, 1870), (2100, 2100), (1953, 1953), (None, None)]
)
def test_year_accepts(value: object, kept: int | None) -> None:
    assert rules.year(value) == kept


def test_year_accepts_a_whole_float_as_the_integer() -> None:
    kept = rules.year(1953.0)
    assert kept == 1953 and type(kept) is int


@pytest.mark.parametrize(
    "value", [1869, 2101, 0, -1953, True, False, 1953.5, "1953", float("nan"), float("inf")]
)
def test_year_refuses(value: object) -> None:
    _refused(rules.year, value, "year")


def test_bool_is_never_a_number() -> None:
    assert "true/false" in _refused(rules.year, True).reason
    assert "true/false" in _refused(rules.intensity, True).reason
    assert "true/false" in _refused(rules.position_ms, False).reason
    assert "true/false" in _refused(rules.runtime_ms, True).reason
    assert "true/false" in _refused(rules.rating, True).reason


@pytest.mark.parametrize("value", [0.5, 1, 1.0, 2.5, 4.5, 5, 5.0])
def test_rating_accepts_half_steps(value: float) -> None:
    kept = rules.rating(value)
    assert kept == value and type(kept) is float


def test_rating_may_be_absent() -> None:
    assert rules.rating(None) is None


@pytest.mark.parametrize(
    "value", [0, 0.0, 0.25, 4.3, 4.75, 5.5, 6, -0.5, float("nan"), float("inf"), "4", "4.5"]
)
def test_rating_refuses(value: object) -> None:
    _refused(rules.rating, value, "rating")


@pytest.mark.parametrize(("value", "kept"), [(1, 1), (5, 5), (3.0, 3), (None, None)])
def test_intensity_accepts(value: object, kept: int | None) -> None:
    assert rules.intensity(value) == kept


@pytest.mark.parametrize("value", [0, 6, 9, -1, 2.5, "3", float("nan")])
def test_intensity_refuses(value: object) -> None:
    _refused(rules.intensity, value, "intensity")


def test_position_and_runtime_bounds() -> None:
    limit = 1000 * 3600 * 1000
    assert rules.position_ms(0) == 0
    assert rules.position_ms(limit) == limit
    _refused(rules.position_ms, -1)
    _refused(rules.position_ms, limit + 1)
    _refused(rules.position_ms, None)
    assert rules.runtime_ms(None) is None
    assert rules.runtime_ms(1) == 1
    _refused(rules.runtime_ms, 0)
    _refused(rules.runtime_ms, limit + 1)


# --- kinds, flags, dates, addresses ---------------------------------------------------------


@pytest.mark.parametrize("kind", ENTRY_KINDS)
def test_every_kind_is_accepted(kind: str) -> None:
    assert rules.kind(kind) == kind


def test_the_kinds_are_the_designed_six() -> None:
    assert set(ENTRY_KINDS) == {"pause", "motif", "dialogue", "reaction", "scene", "note"}


@pytest.mark.parametrize("value", ["Pause", "PAUSE", " pause", "silence", "", None, 1, ["pause"]])
def test_unknown_kinds_are_refused_with_the_list(value: object) -> None:
    error = _refused(rules.kind, value, "kind")
    assert "pause, motif, dialogue, reaction, scene, note" in error.reason


def test_flag_takes_only_booleans() -> None:
    assert rules.flag(True, "rewatch") is True
    assert rules.flag(False, "rewatch") is False
    for value in (0, 1, "true", None):
        _refused(rules.flag, value, "rewatch")


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("2026-11-21", date(2026, 11, 21)),
        (" 2026-11-21 ", date(2026, 11, 21)),
        (date(1870, 1, 1), date(1870, 1, 1)),
        (date(2100, 12, 31), date(2100, 12, 31)),
        (datetime(2026, 11, 21, 23, 59), date(2026, 11, 21)),
    ],
)
def test_watched_on_accepts(value: object, kept: date) -> None:
    assert rules.watched_on(value) == kept
    assert type(rules.watched_on(value)) is date


@pytest.mark.parametrize(
    "value",
    ["2026-13-01", "2026-02-30", "yesterday", "", "1869-12-31", "2101-01-01", None, 20261121],
)
def test_watched_on_refuses(value: object) -> None:
    _refused(rules.watched_on, value, "watched_on")


def test_uri_needs_a_web_address() -> None:
    assert rules.uri(None) is None
    assert rules.uri("  ") is None
    assert rules.uri("https://letterboxd.com/film/tokyo-story/") == (
        "https://letterboxd.com/film/tokyo-story/"
    )
    for value in ("letterboxd.com/film/x", "javascript:alert(1)", "https://a b", "ftp://x"):
        _refused(rules.uri, value, "letterboxd_uri")


# --- motifs -------------------------------------------------------------------------------


def test_motif_names_are_trimmed_collapsed_and_composed() -> None:
    assert rules.motif_name("  mended   cup ") == "mended cup"
    assert rules.motif_name("A\u0308rger") == "Ärger"  # decomposed input is stored composed
    assert rules.motif_name("a" + " " * 200 + "b") == "a b"  # measured after collapsing
    assert rules.motif_name("x" * 100) == "x" * 100


@pytest.mark.parametrize(
    "value", ["", "   ", "x" * 101, "\u0958" * 60, "cup\nletter", "cup\x00", "\ud800", None, 3]
)
def test_motif_names_refused(value: object) -> None:
    _refused(rules.motif_name, value, "motif")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Ärger", "ärger"),
        ("ÄRGER", "ärger"),
        ("A\u0308rger", "ärger"),  # decomposed and composed are the same motif
        ("Letter", "letter"),
        ("Straße", "STRASSE"),
        ("Ὀδυσσεύς", "ὀδυσσεύσ"),  # final sigma
    ],
)
def test_motif_keys_ignore_case_beyond_ascii(one: str, other: str) -> None:
    assert rules.motif_key(rules.motif_name(one)) == rules.motif_key(rules.motif_name(other))


def test_motif_key_composes_even_without_motif_name() -> None:
    # find_motif and importers key raw names; decomposed and composed must meet.
    assert rules.motif_key("A\u0308rger") == rules.motif_key("Ärger") == "ärger"


def test_motif_keys_keep_different_letters_apart() -> None:
    assert rules.motif_key("ärger") != rules.motif_key("arger")
    assert rules.motif_key("cup") != rules.motif_key("cups")


@given(st.text(min_size=1, max_size=40))
def test_motif_key_is_the_same_for_any_normalization(text: str) -> None:
    try:
        composed = rules.motif_name(unicodedata.normalize("NFC", text))
    except ValidationError:
        return
    decomposed = rules.motif_name(unicodedata.normalize("NFD", text))
    assert rules.motif_key(composed) == rules.motif_key(decomposed)
    assert rules.motif_key(composed) == rules.motif_key(composed.upper())


# --- uids -----------------------------------------------------------------------------------


def test_uid_is_made_when_missing() -> None:
    made = rules.uid(None)
    assert uuid.UUID(made).version == 4
    assert rules.uid(None) != made


def test_uid_is_normalized_to_lowercase_hyphenated_text() -> None:
    value = "12345678-1234-4678-9234-567812345678"
    assert rules.uid(value.upper()) == value
    assert rules.uid(f"  {value} ") == value
    assert rules.uid(value.replace("-", "")) == value


@pytest.mark.parametrize("value", ["", "not-a-uuid", "1234", "g" * 32, 5, ["x"]])
def test_uid_refuses(value: object) -> None:
    _refused(rules.uid, value, "uid")
