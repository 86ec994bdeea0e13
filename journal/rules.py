"""The data model's rules as small functions: each takes a raw value and the name of the field
(or JSON path) it came from, and returns the clean value or raises ValidationError.

The store, the JSON importer and the UI's forms all call these, so a rule and its message are
written once.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
import uuid
from datetime import date, datetime
from pathlib import Path

from journal.errors import ValidationError
from journal.fields import ENTRY_KINDS, TITLE_MAX, YEAR_MAX, YEAR_MIN
from journal.timecode import MAX_POSITION_MS

SHORT_TEXT_MAX = 300
MOTIF_NAME_MAX = 100
LONG_TEXT_MAX = 1_000_000
URI_MAX = 2000
DATE_MIN = date(YEAR_MIN, 1, 1)
DATE_MAX = date(YEAR_MAX, 12, 31)


def _require_str(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {_describe(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError(field, "contains characters that are not valid Unicode") from exc
    return value


def _describe(value: object) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {_shown_number(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "the text " + _shown_text(value)
    return type(value).__name__


def _shown_text(value: str, limit: int = 30) -> str:
    """Some text as a message quotes it: escaped, and cut when long."""
    if len(value) <= limit:
        return repr(value)
    return repr(value[:limit]) + "…"


def _shown_number(value: int | float) -> str:
    """A number as a message shows it: a 400-digit integer would fill the screen."""
    text = repr(value)
    if len(text) <= 24:
        return text
    return f"{text[:12]}… ({len(text.lstrip('-'))} digits)"


# Unicode category Cc is exactly U+0000–U+001F and U+007F–U+009F.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_EXCEPT_NEWLINE_TAB = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _reject_controls(text: str, field: str, *, allow_newlines: bool) -> None:
    pattern = _CONTROL_EXCEPT_NEWLINE_TAB if allow_newlines else _CONTROL
    found = pattern.search(text)
    if found:
        char = found.group(0)
        shown = "NUL" if char == "\x00" else f"U+{ord(char):04X}"
        where = "" if allow_newlines else " (it must be a single line)"
        raise ValidationError(field, f"contains a control character ({shown}){where}")


def _single_line(value: object, field: str, *, required: bool, maximum: int | None) -> str:
    text = _require_str(value, field).strip()
    _reject_controls(text, field, allow_newlines=False)
    if required and not text:
        raise ValidationError(field, "is required")
    if required and all(unicodedata.category(char) == "Cf" or char.isspace() for char in text):
        # Zero-width spaces, joiners, a byte-order mark: a name no one could see or pick.
        raise ValidationError(field, "is required; it holds only invisible characters")
    if maximum is not None:
        _check_length(text, field, maximum)
    return text


def _check_length(text: str, field: str, maximum: int) -> None:
    if len(text) > maximum:
        raise ValidationError(field, f"is {len(text):,} characters long; the limit is {maximum:,}")


def title(value: object, field: str = "title") -> str:
    return _single_line(value, field, required=True, maximum=TITLE_MAX)


def short_text(value: object, field: str) -> str:
    """Optional one-line text such as a director's name; None becomes ''."""
    if value is None:
        return ""
    return _single_line(value, field, required=False, maximum=SHORT_TEXT_MAX)


def long_text(value: object, field: str) -> str:
    """Free text (notes, reflections, entries): newlines kept, line endings made ``\\n``."""
    if value is None:
        return ""
    text = _require_str(value, field).replace("\r\n", "\n").replace("\r", "\n")
    _reject_controls(text, field, allow_newlines=True)
    if len(text) > LONG_TEXT_MAX:
        raise ValidationError(
            field, f"is {len(text):,} characters long; the limit is {LONG_TEXT_MAX:,}"
        )
    return text


def _integer(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise ValidationError(field, f"must be a whole number, not {_describe(value)}")
    return value


def year(value: object, field: str = "year") -> int | None:
    if value is None:
        return None
    number = _integer(value, field)
    if not YEAR_MIN <= number <= YEAR_MAX:
        raise ValidationError(field, f"{_shown_number(number)} is outside {YEAR_MIN}–{YEAR_MAX}")
    return number


def runtime_ms(value: object, field: str = "runtime_ms") -> int | None:
    if value is None:
        return None
    number = _integer(value, field)
    if not 0 < number <= MAX_POSITION_MS:
        raise ValidationError(field, "must be more than zero and at most 1000 hours")
    return number


def position_ms(value: object, field: str = "position_ms") -> int:
    number = _integer(value, field)
    if not 0 <= number <= MAX_POSITION_MS:
        raise ValidationError(field, "must be between 0 and 1000 hours")
    return number


def uri(value: object, field: str = "letterboxd_uri") -> str | None:
    if value is None:
        return None
    text = _single_line(value, field, required=False, maximum=URI_MAX)
    if not text:
        return None
    if not text.startswith(("https://", "http://")) or any(c.isspace() for c in text):
        raise ValidationError(field, "must be a web address beginning https://")
    return text


def watched_on(value: object, field: str = "watched_on") -> date:
    if isinstance(value, str):
        text = value
        try:
            value = date.fromisoformat(text.strip())
        except ValueError as exc:
            raise ValidationError(field, f"{text[:30]!r} is not a date like 2026-11-21") from exc
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise ValidationError(field, f"must be a date like 2026-11-21, not {_describe(value)}")
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValidationError(field, f"{value.isoformat()} is outside {YEAR_MIN}–{YEAR_MAX}")
    return value


def rating(value: object, field: str = "rating") -> float | None:
    if value is None:
        return None
    # isfinite() is asked of floats only: it converts an int to float, and a huge int overflows.
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (isinstance(value, float) and not math.isfinite(value))
    ):
        raise ValidationError(field, f"must be a number from 0.5 to 5, not {_describe(value)}")
    if not 0.5 <= value <= 5.0 or (value * 2) != int(value * 2):
        raise ValidationError(
            field, f"{_shown_number(value)} is not a rating from 0.5 to 5 in half steps"
        )
    return float(value)


def flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(field, f"must be true or false, not {_describe(value)}")
    return value


def kind(value: object, field: str = "kind") -> str:
    if not isinstance(value, str) or value not in ENTRY_KINDS:
        shown = repr(value[:30]) if isinstance(value, str) else _describe(value)
        raise ValidationError(field, f"{shown} is not one of {', '.join(ENTRY_KINDS)}")
    return value


def intensity(value: object, field: str = "intensity") -> int | None:
    if value is None:
        return None
    number = _integer(value, field)
    if not 1 <= number <= 5:
        raise ValidationError(field, f"{_shown_number(number)} is outside 1–5")
    return number


def motif_name(value: object, field: str = "motif") -> str:
    text = " ".join(_single_line(value, field, required=True, maximum=None).split())
    # Measured after normalizing: NFC can lengthen text (U+0958 becomes two code points), and
    # the schema checks the stored length.
    text = unicodedata.normalize("NFC", text)
    _check_length(text, field, MOTIF_NAME_MAX)
    return text


def motif_key(name: str) -> str:
    """The case-insensitive identity of a motif name (Unicode-aware, unlike SQLite's NOCASE)."""
    return unicodedata.normalize("NFC", name.casefold())


def uid(value: object, field: str = "uid") -> str:
    if value is None:
        return str(uuid.uuid4())
    text = _require_str(value, field).strip()
    try:
        return str(uuid.UUID(text))
    except ValueError as exc:
        raise ValidationError(field, f"{text[:40]!r} is not a UUID") from exc


def file_path(value: object, field: str = "path") -> Path:
    """A file or folder name given by a person or a script.

    Refuses what no file system can hold (an empty name, a NUL character, text that cannot be
    encoded as a file name) with a message, rather than letting the OS call fail later.
    Bytes of a name that are not UTF-8 reach Python as U+DC80–U+DCFF and encode back: fine.
    """
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise ValidationError(field, f"must be a file or folder name, not {_describe(value)}")
    if not value.strip():
        raise ValidationError(field, "is empty; give a file or folder name")
    if "\x00" in value:
        raise ValidationError(field, "contains a NUL character, which no file name can hold")
    try:
        os.fsencode(value)
    except UnicodeEncodeError as exc:
        raise ValidationError(field, "contains characters that are not valid Unicode") from exc
    return Path(value)


def typed_text(text: str) -> str:
    """Free text as a person typed or pasted it, made storable: line endings become ``\\n``
    and invisible control characters (a pasted form feed, a stray U+0096) are dropped, so a
    paste is saved rather than refused. Used by the desktop app's text fields."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_EXCEPT_NEWLINE_TAB.sub("", text)


TAG_NAME_MAX = 100


def tag_name(value: object, field: str = "tag") -> str:
    """A viewing's tag: one line, spaces collapsed, 1–100 characters (like a motif's name)."""
    text = " ".join(_single_line(value, field, required=True, maximum=None).split())
    text = unicodedata.normalize("NFC", text)
    _check_length(text, field, TAG_NAME_MAX)
    return text


def tag_key(name: str) -> str:
    """The case-insensitive identity of a tag name (Unicode-aware, as for motifs)."""
    return unicodedata.normalize("NFC", name.casefold())
