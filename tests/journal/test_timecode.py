"""Positions typed by a person: every accepted form, exact milliseconds, and clear refusals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal import timecode
from journal.errors import ValidationError
from journal.timecode import ACCEPTED_FORMS, MAX_POSITION_MS

# Characters that can appear in an accepted position (after trimming surrounding spaces).
POSITION_ALPHABET = set("0123456789:.hmsHMS")

# A message may quote the start of what was typed (at most 40 characters, escaped), never
# the whole of a long paste.
QUOTED_MAX = 40
FIXED_WORDING_MAX = len("position: ") + len(ACCEPTED_FORMS) + 40


def _message_limit(typed: str) -> int:
    return FIXED_WORDING_MAX + len(repr(typed.strip()[:QUOTED_MAX]))


@pytest.mark.parametrize(
    ("typed", "expected_ms"),
    [
        ("1:02:03", 3_723_000),
        ("62:03", 3_723_000),
        ("1:02:03.5", 3_723_500),
        ("1:02:03.25", 3_723_250),
        ("1:02:03.125", 3_723_125),
        ("0:00:00", 0),
        ("0:59", 59_000),
        ("3723", 3_723_000),
        ("0", 0),
        ("12.5", 12_500),
        ("1h2m3s", 3_723_000),
        ("1h", 3_600_000),
        ("2m", 120_000),
        ("45s", 45_000),
        ("2m30s", 150_000),
        ("1h30s", 3_630_000),
        ("  1:02:03  ", 3_723_000),
        ("\t62:03\n", 3_723_000),
        (" 3723 ", 3_723_000),
        (" 2m ", 120_000),
        ("1000:00:00", MAX_POSITION_MS),
    ],
)
def test_every_accepted_form_gives_exact_milliseconds(typed: str, expected_ms: int) -> None:
    assert timecode.parse(typed) == expected_ms


@pytest.mark.parametrize(
    ("position_ms", "shown"),
    [
        (0, "0:00:00"),
        (751_000, "0:12:31"),
        (3_723_000, "1:02:03"),
        (36_000_000, "10:00:00"),
        (3_723_500, "1:02:03"),  # display drops the fraction unless asked
    ],
)
def test_format_shows_h_mm_ss(position_ms: int, shown: str) -> None:
    assert timecode.format(position_ms) == shown


def test_format_with_millis_keeps_only_a_real_fraction() -> None:
    assert timecode.format(3_723_500, millis=True) == "1:02:03.5"
    assert timecode.format(3_723_050, millis=True) == "1:02:03.05"
    assert timecode.format(3_723_001, millis=True) == "1:02:03.001"
    assert timecode.format(3_723_000, millis=True) == "1:02:03"


def test_format_refuses_a_negative_position() -> None:
    with pytest.raises(ValueError):
        timecode.format(-1)


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=MAX_POSITION_MS // 1000))
def test_whole_seconds_survive_format_then_parse(seconds: int) -> None:
    position_ms = seconds * 1000
    assert timecode.parse(timecode.format(position_ms)) == position_ms


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=MAX_POSITION_MS))
def test_any_millisecond_survives_format_with_millis_then_parse(position_ms: int) -> None:
    assert timecode.parse(timecode.format(position_ms, millis=True)) == position_ms


def _assert_clear_refusal(typed: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        timecode.parse(typed)
    message = str(caught.value)
    assert ACCEPTED_FORMS in message, message
    assert len(message) <= _message_limit(typed), message
    return caught.value


SUBTITLE_FILE = (
    """1
00:00:01,000 --> 00:00:04,000
The letter was never opened.

2
00:00:05,500 --> 00:00:08,250
Then open it now.
"""
    * 40
)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "1:60:00",
        "1:02:60",
        "62:60",
        "-5",
        "-0:01",
        "abc",
        "1:02:03.",
        ".5",
        "1.5h",
        "1h 2m",
        "1::2",
        "1:02:03:04",
        "2m1h",
        "h",
        "🎬",
        "1:02🎬",
        "\x00",
        "12\x00",
        "٣٧٢٣",  # Arabic-Indic digits: not what the forms mean
        "１２",  # full-width digits
        "0x10",
        "1e3",
        "+5",
        SUBTITLE_FILE,
    ],
    ids=lambda value: repr(value[:12]),
)
def test_junk_is_refused_with_the_accepted_forms(typed: str) -> None:
    error = _assert_clear_refusal(typed)
    assert error.field == "position"


def test_a_megabyte_paste_is_refused_without_being_echoed() -> None:
    pasted = "1:02:03 and then the cup is mended " * 30_000
    assert len(pasted) > 1_000_000
    error = _assert_clear_refusal(pasted)
    assert pasted[:40] not in str(error)


def test_a_subtitle_file_is_not_echoed() -> None:
    error = _assert_clear_refusal(SUBTITLE_FILE)
    assert "The letter was never opened" not in str(error)


def test_the_field_name_is_the_callers() -> None:
    with pytest.raises(ValidationError) as caught:
        timecode.parse("soon", "entries[3].position")
    assert caught.value.field == "entries[3].position"
    assert str(caught.value).startswith("entries[3].position: ")


def test_beyond_any_film_is_refused() -> None:
    with pytest.raises(ValidationError, match="1000 hours"):
        timecode.parse("1000:00:01")
    with pytest.raises(ValidationError):
        timecode.parse(str(10**30))


def test_non_text_is_refused() -> None:
    for value in (None, 5, 5.0, b"1:02"):
        with pytest.raises(ValidationError):
            timecode.parse(value)  # type: ignore[arg-type]


def _outside_the_forms(text: str) -> bool:
    stripped = text.strip()
    return not stripped or any(char not in POSITION_ALPHABET for char in stripped)


@settings(max_examples=400)
@given(st.text(max_size=200).filter(_outside_the_forms))
def test_text_outside_the_position_alphabet_is_always_refused_clearly(typed: str) -> None:
    _assert_clear_refusal(typed)


@settings(max_examples=400)
@given(st.text(alphabet="0123456789:.hms ", max_size=30))
def test_text_made_of_position_characters_parses_or_is_refused_clearly(typed: str) -> None:
    try:
        position_ms = timecode.parse(typed)
    except ValidationError as error:
        assert len(str(error)) <= _message_limit(typed)
    else:
        assert isinstance(position_ms, int)
        assert 0 <= position_ms <= MAX_POSITION_MS
