"""The bad-input catalogue: every way into the journal, fed with hostile input.

The ways in: positions typed by hand, the fields of films, viewings, entries and motifs, Journal
JSON (as a document and as a file), the command line's arguments, and export destinations.
The input: empty and blank text, a megabyte of text, control characters and NUL, bytes that are
not UTF-8, lone surrogates, numbers out of range, values of the wrong JSON type, duplicate uids,
unknown kinds, a pasted subtitle block, and folders that are missing, files, or under a file.

Every refusal must be a JournalError that names the field, JSON path or file and says what was
wrong (on the command line: exit 1 with exactly one ``reflective-journal:`` line, or exit 2 with
a usage message; never a traceback), and must leave the journal and the file system exactly as
they were. Hostile but valid text (right-to-left, combining marks, emoji, CRLF) must be accepted
and come back exactly as written.
"""

from __future__ import annotations

import copy
import io
import json
import os
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from journal import rules, timecode
from journal.cli import run_cli
from journal.errors import ConflictError, JournalError, ValidationError
from journal.export import markdown
from journal.export.jsonio import read_file, write_file
from journal.store import Store
from journal.timecode import MAX_POSITION_MS

MEGABYTE = 1_048_576
MB_TEXT = "x" * MEGABYTE
HUGE = 10**400
NAN = float("nan")
INF = float("inf")
# A refusal quotes at most a short excerpt of what it was given, never the whole megabyte.
MESSAGE_MAX = 400

SUBTITLE_BLOCK = (
    "12\n00:01:02,500 --> 00:01:05,000\nYou came back.\n\n"
    "13\n00:01:06,000 --> 00:01:08,250\nI never left.\n"
)


# --- helpers ---------------------------------------------------------------------------------


def snapshot(store: Store) -> tuple[dict[str, int], dict[str, Any]]:
    """Everything the journal holds, to compare before and after a refusal."""
    document = store.export_document()
    document.pop("exported_at")
    return store.counts(), document


def refused(call: Callable[[], object], field: str, *fragments: str) -> ValidationError:
    """``call`` raises a ValidationError for ``field`` whose message holds every fragment."""
    with pytest.raises(ValidationError) as raised:
        call()
    error = raised.value
    message = str(error)
    assert error.field == field, message
    assert message.startswith(f"{field}: "), message
    for fragment in fragments:
        assert fragment in message, message
    assert len(message) <= MESSAGE_MAX, message[:MESSAGE_MAX]
    return error


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = run_cli([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_error_line(err: str) -> str:
    """The single ``reflective-journal:`` line of an exit-1 failure."""
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, err[:2000]
    assert lines[0].startswith("reflective-journal: "), lines[0][:200]
    return lines[0]


def usage_error(err: str) -> str:
    """The last line of an exit-2 usage message (argparse: usage, then ``…: error: …``)."""
    assert "Traceback" not in err, err
    last = err.strip().splitlines()[-1]
    assert last.startswith("reflective-journal"), err
    assert ": error: " in last, err
    return last


def tree(root: Path, *, skip: Path | None = None) -> set[str]:
    """Every file and folder under ``root`` (relative), leaving out the ``skip`` folder."""
    found = set()
    for path in root.rglob("*"):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        found.add(str(path.relative_to(root)))
    return found


@dataclass(frozen=True)
class Ids:
    film: int
    viewing: int
    entry: int
    motif: int


@pytest.fixture
def journal(store: Store) -> Ids:
    """A small journal: one film, one viewing, one tagged entry, two motifs."""
    film = store.create_film("Tokyo Story", year=1953, director="Yasujirō Ozu", notes="The clock.")
    viewing = store.create_viewing(film.id, "2024-03-01", rating=4.5, reflection="Quiet.")
    entry = store.create_entry(
        viewing.id, 61_000, "pause", "a held look", intensity=3, motifs=["Mended cup"]
    )
    motif = store.find_motif("Mended cup")
    assert motif is not None
    store.create_motif("Letter", "Opened at last.")
    return Ids(film.id, viewing.id, entry.id, motif.id)


# --- positions typed by hand ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        pytest.param("", "is empty", id="empty"),
        pytest.param("   ", "is empty", id="spaces"),
        pytest.param("\t\n\u3000", "is empty", id="unicode-blank"),
        pytest.param(MB_TEXT, "is not a position", id="megabyte"),
        pytest.param("1:02\x00", "is not a position", id="nul"),
        pytest.param("\x1b[2J1:02", "is not a position", id="escape-sequence"),
        pytest.param("1:02\ud800", "is not a position", id="lone-surrogate"),
        pytest.param("١:٠٢", "is not a position", id="arabic-digits"),
        pytest.param("１:０２", "is not a position", id="fullwidth-digits"),
        pytest.param("1:02 🎬", "is not a position", id="emoji"),
        pytest.param(SUBTITLE_BLOCK, "is not a position", id="srt-block"),
        pytest.param("00:01:02,500 --> 00:01:05,000", "is not a position", id="srt-timing-line"),
        pytest.param("00:01:02,500", "is not a position", id="srt-comma-millis"),
        pytest.param("-0:05", "is not a position", id="negative"),
        pytest.param("1e3", "is not a position", id="exponent"),
        pytest.param("nan", "is not a position", id="nan"),
        pytest.param("1:60:00", "is not a position", id="sixty-minutes"),
        pytest.param("0:00:60", "is not a position", id="sixty-seconds"),
        pytest.param("1:2:3:4", "is not a position", id="four-parts"),
        pytest.param("9" * 38, "longer than any film", id="huge-seconds"),
        pytest.param("1000h0m1s", "longer than any film", id="over-1000-hours"),
    ],
)
def test_a_hostile_position_is_refused_with_the_accepted_forms(typed: str, fragment: str) -> None:
    error = refused(lambda: timecode.parse(typed), "position", fragment)
    if "longer than any film" not in fragment:
        assert timecode.ACCEPTED_FORMS in str(error)


@pytest.mark.parametrize("value", [None, 5, 61.5, b"1:02", ["1:02"]], ids=repr)
def test_a_position_that_is_not_text_is_refused(value: object) -> None:
    refused(lambda: timecode.parse(value), "position", "expected text")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "position_ms"),
    [(" 1:02:03\n", 3_723_000), ("\u3000 62:03 ", 3_723_000), ("\t2m\t", 120_000)],
)
def test_positions_with_surrounding_blanks_are_accepted(typed: str, position_ms: int) -> None:
    assert timecode.parse(typed) == position_ms


# --- the fields of films, viewings, entries and motifs ----------------------------------------

# Each writer creates a new record (with sensible other fields) or updates the journal's one.


def _write_film(store: Store, ids: Ids, way: str, field: str, value: object) -> object:
    if way == "create":
        return store.create_film(**{"title": "Hostile", field: value})
    return store.update_film(ids.film, **{field: value})


def _write_viewing(store: Store, ids: Ids, way: str, field: str, value: object) -> object:
    if way == "create":
        return store.create_viewing(ids.film, **{"watched_on": "2024-03-02", field: value})
    return store.update_viewing(ids.viewing, **{field: value})


def _write_entry(store: Store, ids: Ids, way: str, field: str, value: object) -> object:
    if way == "create":
        return store.create_entry(ids.viewing, **{"position_ms": 0, "kind": "note", field: value})
    return store.update_entry(ids.entry, **{field: value})


def _write_motif(store: Store, ids: Ids, way: str, field: str, value: object) -> object:
    if way == "create":
        return store.create_motif(**{"name": "Fresh thread", field: value})
    if field == "name":
        return store.rename_motif(ids.motif, value)  # type: ignore[arg-type]
    return store.update_motif(ids.motif, description=value)  # type: ignore[arg-type]


WRITERS = {
    "film": _write_film,
    "viewing": _write_viewing,
    "entry": _write_entry,
    "motif": _write_motif,
}

# (entity, field) → [(case id, value, fragment of the message, field named if not ``field``)]
_REQUIRED_LINE = [
    ("empty", "", "is required"),
    ("spaces", "  \t ", "is required"),
    ("unicode-blank", "\u00a0\u3000\u2003", "is required"),
    ("invisible", "\u200b\ufeff\u2060", "invisible characters"),
    ("nul", "Tokyo\x00Story", "control character (NUL)"),
    ("escape", "Tokyo\x1b[31mStory", "control character (U+001B)"),
    ("newline", "Tokyo\nStory", "single line"),
    ("lone-surrogate", "Tokyo\ud800Story", "not valid Unicode"),
    ("null", None, "must be text, not empty (null)"),
    ("number", 5, "must be text, not the number 5"),
    ("bool", True, "must be text, not true/false"),
    ("list", ["Tokyo Story"], "must be text, not a list"),
]
_OPTIONAL_LINE = [
    ("nul", "Ozu\x00", "control character (NUL)"),
    ("newline", "Ozu\nYasujirō", "single line"),
    ("lone-surrogate", "\udfffOzu", "not valid Unicode"),
    ("number", 5, "must be text, not the number 5"),
    ("object", {"name": "Ozu"}, "must be text, not an object"),
]
_LONG_TEXT = [
    ("megabyte", MB_TEXT, "1,048,576 characters long; the limit is 1,000,000"),
    ("one-over", "y" * 1_000_001, "1,000,001 characters long; the limit is 1,000,000"),
    ("nul", "before\x00after", "control character (NUL)"),
    ("vertical-tab", "a\x0bb", "control character (U+000B)"),
    ("c1-control", "a\x85b", "control character (U+0085)"),
    ("lone-surrogate", "a\ud800b", "not valid Unicode"),
    ("number", 5, "must be text, not the number 5"),
    ("list", ["a"], "must be text, not a list"),
]
FIELD_CASES: dict[tuple[str, str], list[tuple[Any, ...]]] = {
    ("film", "title"): [
        *_REQUIRED_LINE,
        ("megabyte", MB_TEXT, "1,048,576 characters long; the limit is 300"),
        ("one-over", "t" * 301, "301 characters long; the limit is 300"),
    ],
    ("film", "year"): [
        ("text", "1953", "not the text '1953'"),
        ("too-early", 1869, "1869 is outside 1870–2100"),
        ("too-late", 2101, "2101 is outside 1870–2100"),
        ("huge", HUGE, "(401 digits) is outside"),
        ("bool", True, "not true/false"),
        ("fraction", 1953.5, "whole number"),
        ("nan", NAN, "whole number"),
        ("infinity", INF, "whole number"),
        ("list", [1953], "not a list"),
    ],
    ("film", "director"): [
        *_OPTIONAL_LINE,
        ("megabyte", MB_TEXT, "1,048,576 characters long; the limit is 300"),
    ],
    ("film", "runtime_ms"): [
        ("zero", 0, "more than zero"),
        ("negative", -1, "more than zero"),
        ("over-1000-hours", MAX_POSITION_MS + 1, "at most 1000 hours"),
        ("huge", HUGE, "at most 1000 hours"),
        ("text", "90m", "not the text '90m'"),
        ("bool", True, "not true/false"),
        ("fraction", 1.5, "whole number"),
    ],
    ("film", "notes"): _LONG_TEXT,
    ("film", "letterboxd_uri"): [
        ("ftp", "ftp://example.org/film", "https://"),
        ("javascript", "javascript:alert(1)", "https://"),
        ("space-inside", "https://letterboxd.com/film/tokyo story/", "https://"),
        ("megabyte", "https://" + MB_TEXT, "the limit is 2,000"),
        ("nul", "https://letterboxd.com/\x00", "control character (NUL)"),
        ("lone-surrogate", "https://\ud800", "not valid Unicode"),
        ("number", 5, "must be text"),
    ],
    ("viewing", "watched_on"): [
        ("empty", "", "is not a date like 2026-11-21"),
        ("spaces", "   ", "is not a date"),
        ("megabyte", MB_TEXT, "is not a date"),
        ("no-such-day", "2024-02-30", "'2024-02-30' is not a date"),
        ("too-early", "1869-12-31", "1869-12-31 is outside 1870–2100"),
        ("too-late", "2101-01-01", "is outside 1870–2100"),
        ("nul", "2024-03-01\x00", "is not a date"),
        ("lone-surrogate", "\ud800", "is not a date"),
        ("srt-block", SUBTITLE_BLOCK, "is not a date"),
        ("number", 20240301, "not the number 20240301"),
        ("null", None, "not empty (null)"),
        ("bool", True, "not true/false"),
        ("list", ["2024-03-01"], "not a list"),
    ],
    ("viewing", "rewatch"): [
        ("text", "true", "must be true or false, not the text 'true'"),
        ("one", 1, "not the number 1"),
        ("null", None, "not empty (null)"),
    ],
    ("viewing", "rating"): [
        ("text", "4", "not the text '4'"),
        ("zero", 0, "0 is not a rating from 0.5 to 5"),
        ("quarter", 0.25, "half steps"),
        ("over", 5.5, "half steps"),
        ("negative", -1, "half steps"),
        ("not-a-half", 4.2, "half steps"),
        ("huge", HUGE, "(401 digits) is not a rating"),
        ("nan", NAN, "not the number nan"),
        ("infinity", -INF, "not the number -inf"),
        ("bool", True, "not true/false"),
        ("list", [4], "not a list"),
    ],
    ("viewing", "reflection"): _LONG_TEXT,
    ("entry", "position_ms"): [
        ("negative", -1, "between 0 and 1000 hours"),
        ("over-1000-hours", MAX_POSITION_MS + 1, "between 0 and 1000 hours"),
        ("huge", HUGE, "between 0 and 1000 hours"),
        ("typed-text", "1:02", "not the text '1:02'"),
        ("fraction", 1.5, "whole number"),
        ("bool", True, "not true/false"),
        ("null", None, "not empty (null)"),
        ("nan", NAN, "whole number"),
    ],
    ("entry", "kind"): [
        ("empty", "", "'' is not one of pause, motif, dialogue, reaction, scene, note"),
        ("capitalised", "Pause", "'Pause' is not one of"),
        ("padded", " pause", "is not one of"),
        ("unknown", "thought", "'thought' is not one of"),
        ("megabyte", MB_TEXT, "is not one of"),
        ("nul", "pause\x00", "is not one of"),
        ("lone-surrogate", "\ud800", "is not one of"),
        ("null", None, "empty (null) is not one of"),
        ("number", 1, "the number 1 is not one of"),
    ],
    ("entry", "text"): _LONG_TEXT,
    ("entry", "intensity"): [
        ("zero", 0, "0 is outside 1–5"),
        ("six", 6, "6 is outside 1–5"),
        ("huge", -HUGE, "(401 digits) is outside 1–5"),
        ("text", "3", "not the text '3'"),
        ("bool", True, "not true/false"),
        ("fraction", 2.5, "whole number"),
    ],
    ("entry", "motifs"): [
        ("empty-name", [""], "is required", "motifs[0]"),
        ("blank-name", ["Letter", "  "], "is required", "motifs[1]"),
        ("invisible-name", ["\u200b"], "invisible characters", "motifs[0]"),
        ("null-name", [None], "must be text", "motifs[0]"),
        ("number-name", [5], "must be text", "motifs[0]"),
        ("long-name", ["m" * 101], "101 characters long; the limit is 100", "motifs[0]"),
        ("megabyte-name", [MB_TEXT], "the limit is 100", "motifs[0]"),
        ("nul-name", ["cup\x00"], "control character (NUL)", "motifs[0]"),
        ("newline-name", ["mended\ncup"], "single line", "motifs[0]"),
        ("lone-surrogate-name", ["\ud800"], "not valid Unicode", "motifs[0]"),
    ],
    ("motif", "name"): [
        *_REQUIRED_LINE,
        ("megabyte", MB_TEXT, "1,048,576 characters long; the limit is 100"),
        ("one-over", "m" * 101, "101 characters long; the limit is 100"),
    ],
    ("motif", "description"): _LONG_TEXT,
}


@pytest.mark.parametrize(
    ("entity", "field"), list(FIELD_CASES), ids=[f"{e}.{f}" for e, f in FIELD_CASES]
)
def test_a_hostile_field_is_refused_and_nothing_is_written(
    store: Store, journal: Ids, entity: str, field: str
) -> None:
    """Every case of the field, through both the create and the update call; one test per
    field (a fresh journal per case would cost most of the suite's time) that reports every
    case that went wrong, not only the first."""
    before = snapshot(store)
    failures = []
    for case_id, value, fragment, *named in FIELD_CASES[entity, field]:
        for way in ("create", "update"):
            try:
                refused(
                    lambda: WRITERS[entity](store, journal, way, field, value),  # noqa: B023
                    named[0] if named else field,
                    fragment,
                )
                assert snapshot(store) == before, "something was written"
            except Exception as error:  # a crash is a failure as much as a wrong message
                failures.append(f"{way} {case_id}: {type(error).__name__}: {str(error)[:300]}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("entity", ["film", "viewing", "entry", "motif"])
def test_a_hostile_uid_is_refused_and_a_taken_one_conflicts(
    store: Store, journal: Ids, entity: str
) -> None:
    create = {
        "film": lambda uid: store.create_film("Hostile", uid=uid),
        "viewing": lambda uid: store.create_viewing(journal.film, "2024-03-02", uid=uid),
        "entry": lambda uid: store.create_entry(journal.viewing, 0, "note", uid=uid),
        "motif": lambda uid: store.create_motif("Fresh thread", uid=uid),
    }[entity]
    taken = store.export_document()["films"][0]
    taken_uid = {
        "film": taken["uid"],
        "viewing": taken["viewings"][0]["uid"],
        "entry": taken["viewings"][0]["entries"][0]["uid"],
        "motif": store.get_motif(journal.motif).uid,
    }[entity]
    before = snapshot(store)
    for hostile in ("", "not-a-uuid", MB_TEXT, "1234\x00"):
        refused(lambda hostile=hostile: create(hostile), "uid", "is not a UUID")
    refused(lambda: create("\ud800"), "uid", "not valid Unicode")
    refused(lambda: create(5), "uid", "must be text")
    with pytest.raises(ConflictError, match="uid already exists; nothing was saved"):
        create(taken_uid)
    assert snapshot(store) == before


def test_one_bad_motif_name_among_good_ones_creates_none_of_them(
    store: Store, journal: Ids
) -> None:
    before = snapshot(store)
    refused(
        lambda: store.create_entry(journal.viewing, 0, "note", motifs=["New one", "bad\x00"]),
        "motifs[1]",
        "NUL",
    )
    refused(
        lambda: store.update_entry(journal.entry, text="changed", motifs=["New two", ""]),
        "motifs[1]",
        "is required",
    )
    assert snapshot(store) == before
    assert store.find_motif("New one") is None and store.find_motif("New two") is None


def test_renaming_a_motif_onto_another_ignoring_case_conflicts(store: Store, journal: Ids) -> None:
    before = snapshot(store)
    with pytest.raises(ConflictError, match="'Letter' already exists"):
        store.rename_motif(journal.motif, "  LETTER ")
    with pytest.raises(ConflictError, match="already exists"):
        store.create_motif("letter")
    assert snapshot(store) == before


# The motif list of an entry is checked for being a list, not only for its items.
def test_motifs_given_as_one_string_are_refused_with_a_validation_error(
    store: Store, journal: Ids
) -> None:
    refused(lambda: store.create_entry(journal.viewing, 0, "note", motifs="cup"), "motifs")


def test_motifs_given_as_null_are_refused_or_mean_none(store: Store, journal: Ids) -> None:
    entry = store.create_entry(journal.viewing, 0, "note", motifs=None)  # type: ignore[arg-type]
    assert entry.motifs == ()


def test_motifs_given_as_an_object_are_refused(store: Store, journal: Ids) -> None:
    before = snapshot(store)
    with pytest.raises(ValidationError):
        store.update_entry(journal.entry, motifs={"Secret": 1})
    assert snapshot(store) == before


# --- hostile but valid text comes back exactly -------------------------------------------------

VALID_TEXTS = {
    "rtl": "\u200fשלום, אבא\u200e — مرحبا يا أبي",
    "rtl-override": "a\u202edcba\u202c z",
    "combining-decomposed": "Ame\u0301lie — Cafe\u0301 — n\u0303",
    "zalgo": "Z\u0351\u0364\u036ba\u0301\u0316l\u0300g\u0489o",
    "emoji": "🎞️ 👩🏽‍🦳 🇯🇵 ❤️‍🩹 🫖",
    "cjk-and-astral": "東京物語 𠮷野家 𝄞",
    "zero-width-joiner": "a\u200db\u200cc",
}


@pytest.mark.parametrize("text", VALID_TEXTS.values(), ids=VALID_TEXTS.keys())
def test_valid_hostile_text_round_trips_through_store_and_json_export(
    store: Store, tmp_path: Path, text: str
) -> None:
    film = store.create_film(text, director=text, notes=f"{text}\r\n{text}\r")
    viewing = store.create_viewing(film.id, "2024-03-01", reflection=f"  {text}\n\n")
    entry = store.create_entry(viewing.id, 1_000, "dialogue", f"\t{text}\r\n")
    motif = store.create_motif(f"{text} thread", description=text)

    # Free text keeps everything but CR/CRLF, which become LF; one-line fields keep the text.
    assert store.get_film(film.id).title == text
    assert store.get_film(film.id).director == text
    assert store.get_film(film.id).notes == f"{text}\n{text}\n"
    assert store.get_viewing(viewing.id).reflection == f"  {text}\n\n"
    assert store.get_entry(entry.id).text == f"\t{text}\n"
    assert store.get_motif(motif.id).description == text
    # Motif names are their identity, kept in NFC (a name typed either way is the same thread).
    assert store.get_motif(motif.id).name == unicodedata.normalize("NFC", f"{text} thread")
    store.update_entry(entry.id, motifs=[f"{text} thread"])

    exported = tmp_path / "export.json"
    write_file(exported, store.export_document())
    on_disk = json.loads(exported.read_text(encoding="utf-8"))
    assert on_disk["films"][0]["title"] == text
    assert on_disk["films"][0]["viewings"][0]["entries"][0]["text"] == f"\t{text}\n"
    assert text in exported.read_text(encoding="utf-8")  # written as UTF-8, not \u escapes

    other = Store.open(tmp_path / "other")
    try:
        other.import_document(read_file(exported))
        again = other.export_document()
    finally:
        other.close()
    first = store.export_document()
    first.pop("exported_at")
    again.pop("exported_at")
    assert again == first


def test_text_at_the_limit_is_accepted_and_exported_whole(store: Store, tmp_path: Path) -> None:
    at_limit = ("word " * (rules.LONG_TEXT_MAX // 5))[: rules.LONG_TEXT_MAX]
    film = store.create_film("T" * rules.SHORT_TEXT_MAX, notes=at_limit)
    viewing = store.create_viewing(film.id, "2024-03-01", reflection=at_limit)
    store.create_entry(viewing.id, 0, "note", at_limit, motifs=["m" * rules.MOTIF_NAME_MAX])
    exported = tmp_path / "big.json"
    write_file(exported, store.export_document())
    film_doc = read_file(exported)["films"][0]
    assert film_doc["notes"] == at_limit
    assert film_doc["viewings"][0]["entries"][0]["text"] == at_limit


# --- Journal JSON documents -------------------------------------------------------------------

UIDS = [f"6f1c1a4e-0000-4000-8000-00000000000{n}" for n in range(10)]
BASE_DOCUMENT: dict[str, Any] = {
    "format": "reflective-journal",
    "version": 1,
    "exported_at": "2024-03-02T21:00:00+00:00",
    "motifs": [{"uid": UIDS[0], "name": "Photograph", "description": "Re-framed."}],
    "films": [
        {
            "uid": UIDS[1],
            "title": "Late Spring",
            "year": 1949,
            "director": "Yasujirō Ozu",
            "runtime_ms": 6_480_000,
            "notes": "",
            "letterboxd_uri": None,
            "viewings": [
                {
                    "uid": UIDS[2],
                    "watched_on": "2024-03-02",
                    "rewatch": False,
                    "rating": 4.0,
                    "reflection": "The vase.",
                    "entries": [
                        {
                            "uid": UIDS[3],
                            "position_ms": 5_000,
                            "kind": "motif",
                            "text": "the photograph",
                            "intensity": 4,
                            "motifs": ["Photograph"],
                        }
                    ],
                }
            ],
        }
    ],
}
DELETE = object()
F = ("films", 0)
V = (*F, "viewings", 0)
E = (*V, "entries", 0)
M = ("motifs", 0)
FP = "films[0]"
VP = f"{FP}.viewings[0]"
EP = f"{VP}.entries[0]"


def mutated(where: tuple[Any, ...], value: Any) -> Any:
    document = copy.deepcopy(BASE_DOCUMENT)
    if not where:
        return value
    parent = document
    for step in where[:-1]:
        parent = parent[step]
    if value is DELETE:
        del parent[where[-1]]
    else:
        parent[where[-1]] = value
    return document


BAD_DOCUMENTS = [
    # (id, where, value, path named, fragment)
    ("list-document", (), [BASE_DOCUMENT], "document", "must be an object, not a list"),
    ("null-document", (), None, "document", "not empty (null)"),
    ("text-document", (), "reflective-journal", "document", "must be an object"),
    ("no-format", ("format",), DELETE, "format", "not a journal export"),
    ("other-format", ("format",), "letterboxd", "format", "not a journal export"),
    ("version-text", ("version",), "1", "version", "must be 1 or 2"),
    ("version-bool", ("version",), True, "version", "must be 1 or 2"),
    ("version-newer", ("version",), 3, "version", "update the app"),
    ("films-object", ("films",), {"title": "A"}, "films", "must be a list, not an object"),
    ("films-null", ("films",), None, "films", "must be a list, not empty (null)"),
    ("film-text", F, "Late Spring", FP, "must be an object, not the text"),
    ("title-missing", (*F, "title"), DELETE, f"{FP}.title", "is missing"),
    ("title-null", (*F, "title"), None, f"{FP}.title", "must be text, not empty (null)"),
    ("title-number", (*F, "title"), 1949, f"{FP}.title", "must be text, not the number 1949"),
    ("title-blank", (*F, "title"), " \u3000 ", f"{FP}.title", "is required"),
    ("title-megabyte", (*F, "title"), MB_TEXT, f"{FP}.title", "the limit is 300"),
    ("title-nul", (*F, "title"), "Late\x00Spring", f"{FP}.title", "NUL"),
    ("title-surrogate", (*F, "title"), "Late \ud800", f"{FP}.title", "not valid Unicode"),
    ("year-text", (*F, "year"), "1949", f"{FP}.year", "not the text '1949'"),
    ("year-bool", (*F, "year"), True, f"{FP}.year", "not true/false"),
    ("year-range", (*F, "year"), 1869, f"{FP}.year", "outside 1870–2100"),
    ("year-nan", (*F, "year"), NAN, f"{FP}.year", "whole number"),
    ("year-infinity", (*F, "year"), INF, f"{FP}.year", "whole number"),
    ("year-huge", (*F, "year"), HUGE, f"{FP}.year", "(401 digits)"),
    ("runtime-negative", (*F, "runtime_ms"), -1, f"{FP}.runtime_ms", "more than zero"),
    ("notes-megabyte", (*F, "notes"), MB_TEXT, f"{FP}.notes", "the limit is 1,000,000"),
    ("notes-list", (*F, "notes"), ["a"], f"{FP}.notes", "must be text, not a list"),
    ("uri-ftp", (*F, "letterboxd_uri"), "ftp://x", f"{FP}.letterboxd_uri", "https://"),
    ("viewings-object", (*F, "viewings"), {}, f"{FP}.viewings", "must be a list"),
    ("viewing-list", V, [], VP, "must be an object, not a list"),
    ("watched-missing", (*V, "watched_on"), DELETE, f"{VP}.watched_on", "is missing"),
    ("watched-null", (*V, "watched_on"), None, f"{VP}.watched_on", "not empty (null)"),
    ("watched-bad", (*V, "watched_on"), "2024-13-01", f"{VP}.watched_on", "is not a date"),
    ("watched-number", (*V, "watched_on"), 20240302, f"{VP}.watched_on", "not the number"),
    ("rewatch-text", (*V, "rewatch"), "yes", f"{VP}.rewatch", "true or false"),
    ("rewatch-number", (*V, "rewatch"), 1, f"{VP}.rewatch", "not the number 1"),
    ("rewatch-null", (*V, "rewatch"), None, f"{VP}.rewatch", "not empty (null)"),
    ("rating-text", (*V, "rating"), "4", f"{VP}.rating", "not the text '4'"),
    ("rating-steps", (*V, "rating"), 4.2, f"{VP}.rating", "half steps"),
    ("rating-bool", (*V, "rating"), True, f"{VP}.rating", "not true/false"),
    ("rating-huge", (*V, "rating"), HUGE, f"{VP}.rating", "(401 digits)"),
    ("rating-infinity", (*V, "rating"), -INF, f"{VP}.rating", "-inf"),
    ("reflection-megabyte", (*V, "reflection"), MB_TEXT, f"{VP}.reflection", "1,000,000"),
    ("entries-null", (*V, "entries"), None, f"{VP}.entries", "must be a list"),
    ("position-missing", (*E, "position_ms"), DELETE, f"{EP}.position_ms", "is missing"),
    ("position-typed", (*E, "position_ms"), "0:05", f"{EP}.position_ms", "not the text '0:05'"),
    ("position-negative", (*E, "position_ms"), -5, f"{EP}.position_ms", "between 0 and"),
    ("position-huge", (*E, "position_ms"), HUGE, f"{EP}.position_ms", "between 0 and"),
    ("position-bool", (*E, "position_ms"), False, f"{EP}.position_ms", "not true/false"),
    ("position-null", (*E, "position_ms"), None, f"{EP}.position_ms", "not empty (null)"),
    ("kind-missing", (*E, "kind"), DELETE, f"{EP}.kind", "is missing"),
    ("kind-unknown", (*E, "kind"), "thought", f"{EP}.kind", "'thought' is not one of pause"),
    ("kind-upper", (*E, "kind"), "MOTIF", f"{EP}.kind", "is not one of"),
    ("kind-null", (*E, "kind"), None, f"{EP}.kind", "is not one of"),
    ("kind-megabyte", (*E, "kind"), MB_TEXT, f"{EP}.kind", "is not one of"),
    ("text-number", (*E, "text"), 5, f"{EP}.text", "must be text"),
    ("text-nul", (*E, "text"), "a\x00", f"{EP}.text", "NUL"),
    ("intensity-range", (*E, "intensity"), 6, f"{EP}.intensity", "outside 1–5"),
    ("intensity-text", (*E, "intensity"), "4", f"{EP}.intensity", "not the text '4'"),
    ("tags-text", (*E, "motifs"), "Photograph", f"{EP}.motifs", "must be a list, not the text"),
    ("tags-null", (*E, "motifs"), None, f"{EP}.motifs", "must be a list"),
    ("tag-number", (*E, "motifs"), [5], f"{EP}.motifs[0]", "must be text"),
    ("tag-blank", (*E, "motifs"), ["ok", " "], f"{EP}.motifs[1]", "is required"),
    ("motifs-object", ("motifs",), {}, "motifs", "must be a list"),
    ("motif-text", M, "Photograph", "motifs[0]", "must be an object"),
    ("motif-name-missing", (*M, "name"), DELETE, "motifs[0].name", "is missing"),
    ("motif-name-long", (*M, "name"), "m" * 101, "motifs[0].name", "the limit is 100"),
    ("motif-description-big", (*M, "description"), MB_TEXT, "motifs[0].description", "1,000,000"),
    ("uid-number", (*F, "uid"), 7, f"{FP}.uid", "must be text"),
    ("uid-not-uuid", (*F, "uid"), "late-spring", f"{FP}.uid", "is not a UUID"),
    ("uid-megabyte", (*E, "uid"), MB_TEXT, f"{EP}.uid", "is not a UUID"),
    ("uid-surrogate", (*V, "uid"), "\ud800", f"{VP}.uid", "not valid Unicode"),
]


@pytest.mark.parametrize(
    ("where", "value", "path", "fragment"),
    [pytest.param(w, v, p, f, id=i) for i, w, v, p, f in BAD_DOCUMENTS],
)
def test_a_bad_document_is_refused_whole_naming_the_path(
    store: Store, journal: Ids, where: tuple[Any, ...], value: Any, path: str, fragment: str
) -> None:
    before = snapshot(store)
    refused(lambda: store.import_document(mutated(where, value)), path, fragment)
    assert snapshot(store) == before


def _with_extra_films(count: int) -> dict[str, Any]:
    document = copy.deepcopy(BASE_DOCUMENT)
    document["films"] += [{"title": f"Film {n}"} for n in range(count)]
    return document


DUPLICATES = [
    ("film-film", lambda d: d["films"].append({"uid": UIDS[1], "title": "Copy"}), "films[1].uid"),
    (
        "film-entry",
        lambda d: d["films"][0]["viewings"][0]["entries"][0].update(uid=UIDS[1]),
        f"{EP}.uid",
    ),
    (
        "upper-case",
        lambda d: d["films"].append({"uid": UIDS[1].upper(), "title": "Copy"}),
        "films[1].uid",
    ),
    (
        "braces",
        lambda d: d["films"].append({"uid": "{" + UIDS[1] + "}", "title": "Copy"}),
        "films[1].uid",
    ),
    ("motif-film", lambda d: d["films"][0].update(uid=UIDS[0]), f"{FP}.uid"),
    (
        "motif-name",
        lambda d: d["motifs"].append({"uid": UIDS[5], "name": "  PHOTOGRAPH "}),
        "motifs[1].name",
    ),
]


@pytest.mark.parametrize(("change", "path"), [pytest.param(c, p, id=i) for i, c, p in DUPLICATES])
def test_duplicates_in_one_document_are_refused_whole(
    store: Store, journal: Ids, change: Callable[[dict[str, Any]], None], path: str
) -> None:
    document = copy.deepcopy(BASE_DOCUMENT)
    change(document)
    before = snapshot(store)
    refused(lambda: store.import_document(document), path, "repeats the")
    assert snapshot(store) == before


def test_a_bad_field_late_in_a_document_keeps_out_the_good_films_before_it(
    store: Store, journal: Ids
) -> None:
    document = _with_extra_films(3)
    document["films"].append(
        {"title": "Last", "viewings": [{"watched_on": "2024-03-03", "entries": [{"kind": "x"}]}]}
    )
    before = snapshot(store)
    refused(
        lambda: store.import_document(document),
        "films[4].viewings[0].entries[0].position_ms",
        "is missing",
    )
    assert snapshot(store) == before


# --- Journal JSON files: reading and importing ------------------------------------------------

VALID_JSON = json.dumps(BASE_DOCUMENT).encode("utf-8")
BAD_FILES = [
    ("invalid-utf8", b'{"format": "reflective-journal", "t": "\xff\xfe"}', "is not UTF-8 text"),
    ("latin-1", '{"title": "Amélie"}'.encode("latin-1"), "is not UTF-8 text (byte 13)"),
    ("utf-16", VALID_JSON.decode().encode("utf-16"), "is not UTF-8 text (byte 0)"),
    ("empty", b"", "is empty"),
    ("blank", b" \n\t\n", "is empty"),
    ("bom-only", b"\xef\xbb\xbf", "is empty"),
    ("nul-bytes", b"\x00" * 64, "is not valid JSON (line 1, column 1"),
    ("truncated", VALID_JSON[: len(VALID_JSON) // 2], "is not valid JSON (line 1"),
    ("two-documents", VALID_JSON + b"\n" + VALID_JSON, "is not valid JSON (line 2"),
    ("subtitle-file", SUBTITLE_BLOCK.encode(), "is not valid JSON"),
    ("deep-nesting", b"[" * 100_000 + b"]" * 100_000, "nests lists or objects too deeply"),
    (
        "huge-integer",
        b'{"format": "reflective-journal", "version": ' + b"9" * 5000 + b"}",
        "number",
    ),
]


@pytest.mark.parametrize(
    ("content", "fragment"), [pytest.param(c, f, id=i) for i, c, f in BAD_FILES]
)
def test_reading_a_bad_file_says_what_is_wrong(
    tmp_path: Path, content: bytes, fragment: str
) -> None:
    source = tmp_path / "journal.json"
    source.write_bytes(content)
    with pytest.raises(JournalError) as raised:
        read_file(source)
    message = str(raised.value)
    assert message.startswith(str(source)), message
    assert fragment in message, message
    assert len(message) <= MESSAGE_MAX


@pytest.mark.parametrize(
    ("content", "fragment"), [pytest.param(c, f, id=i) for i, c, f in BAD_FILES]
)
def test_importing_a_bad_file_is_one_line_and_changes_nothing(
    store: Store,
    journal: Ids,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    fragment: str,
) -> None:
    source = tmp_path / "journal.json"
    source.write_bytes(content)
    before = snapshot(store)
    code, out, err = cli(capsys, "--data-dir", data_dir, "import", source)
    assert code == 1
    assert fragment in one_error_line(err)
    assert out == ""
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("document", "path"),
    [
        pytest.param(
            '{"format": "reflective-journal", "version": 1, "films": [{"title": "\\ud800"}]}',
            "films[0].title",
            id="escaped-lone-surrogate",
        ),
        pytest.param(
            '{"format": "reflective-journal", "version": 1, "films": [{"title": "A\\u0000B"}]}',
            "films[0].title",
            id="escaped-nul",
        ),
        pytest.param(
            '{"format": "reflective-journal", "version": 1, "films": [{"title": "A", "year": NaN}]}',
            "films[0].year",
            id="nan",
        ),
        pytest.param(
            '{"format": "reflective-journal", "version": 1, "films": [{"title": "A", '
            '"runtime_ms": 1e400}]}',
            "films[0].runtime_ms",
            id="overflowing-float",
        ),
    ],
)
def test_importing_a_file_with_a_bad_value_names_its_path(
    store: Store,
    journal: Ids,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    document: str,
    path: str,
) -> None:
    source = tmp_path / "journal.json"
    source.write_text(document, encoding="utf-8")
    before = snapshot(store)
    code, _, err = cli(capsys, "--data-dir", data_dir, "import", source)
    assert code == 1
    assert one_error_line(err).startswith(f"reflective-journal: {path}: ")
    assert snapshot(store) == before


def test_a_file_with_a_byte_order_mark_imports(
    store: Store, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "from-notepad.json"
    source.write_bytes(b"\xef\xbb\xbf" + VALID_JSON)
    code, _, err = cli(capsys, "--data-dir", data_dir, "import", source)
    assert code == 0, err
    assert [film.title for film in store.list_films()] == ["Late Spring"]


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_refused_before_it_is_read(
    store: Store, journal: Ids, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """/dev/zero would never end; every device is refused by its type, without reading."""
    with pytest.raises(JournalError, match="is a device, not a journal file"):
        read_file(Path("/dev/null"))
    before = snapshot(store)
    code, _, err = cli(capsys, "--data-dir", data_dir, "import", "/dev/null")
    assert code == 1
    assert "is a device" in one_error_line(err)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("missing.json", "does not exist"),
        (".", "is a folder, not a journal file"),
        ("somefile.txt/journal.json", "cannot be read: Not a directory"),
    ],
)
def test_importing_from_a_path_that_is_not_a_file(
    store: Store,
    journal: Ids,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    fragment: str,
) -> None:
    (tmp_path / "somefile.txt").write_text("not a folder", encoding="utf-8")
    before = snapshot(store)
    code, _, err = cli(capsys, "--data-dir", data_dir, "import", tmp_path / name)
    assert code == 1
    assert fragment in one_error_line(err)
    assert snapshot(store) == before


# --- command-line arguments --------------------------------------------------------------------

USAGE_MISTAKES = [
    [],
    ["exprot"],
    ["export"],
    ["export", "xml", "out"],
    ["export", "json"],
    ["export", "json", "a.json", "b.json"],
    ["export", "markdown"],
    ["export", "markdown", "out", "--film"],
    ["import"],
    ["import", "a.json", "b.json"],
    ["check", "extra"],
    ["backup", "--bogus"],
    ["restore"],
    ["--data-dir"],
    ["--data-dir", "", "check"],
    ["check", "--data-dir", "   "],
    ["backup", "--data-dir", "data\x00"],
    ["import", ""],
    ["import", "journal\x00.json"],
    ["import", "\ud800.json"],
    ["export", "json", ""],
    ["export", "json", "out\x00.json"],
    ["export", "json", "\udfff"],
    ["export", "markdown", ""],
    ["export", "markdown", " \t"],
    ["export", "markdown", "out\x00"],
    ["restore", ""],
    ["restore", "backup\x00.sqlite3"],
    ["restore", "\ud800"],
]


@pytest.mark.parametrize("args", USAGE_MISTAKES, ids=repr)
def test_a_usage_mistake_exits_2_and_touches_nothing(
    store: Store,
    journal: Ids,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("REFLECTIVE_JOURNAL_HOME", str(data_dir))
    before = snapshot(store), tree(tmp_path, skip=data_dir)
    code, out, err = cli(capsys, *args)
    assert code == 2
    usage_error(err)
    assert out == ""
    assert (snapshot(store), tree(tmp_path, skip=data_dir)) == before
    assert not list(cwd.iterdir())


# (id, arguments with {tmp} and {data} standing for the folders, fragment of the error line)
FAILING_COMMANDS = [
    (
        "data-dir-file-check",
        ["--data-dir", "{tmp}/somefile.txt", "check"],
        "somefile.txt is a file",
    ),
    ("data-dir-file-backup", ["--data-dir", "{tmp}/somefile.txt", "backup"], "is a file, not a"),
    (
        "data-dir-under-file-import",
        ["--data-dir", "{tmp}/somefile.txt/sub", "import", "{tmp}/good.json"],
        "somefile.txt is a file, not a folder",
    ),
    (
        "data-dir-file-export",
        ["--data-dir", "{tmp}/somefile.txt", "export", "json", "{tmp}/x.json"],
        "is a file, not a folder",
    ),
    (
        "data-dir-file-restore",
        ["--data-dir", "{tmp}/somefile.txt", "restore", "{tmp}/good.json"],
        "is a file, not a folder",
    ),
    ("data-dir-typo-check", ["--data-dir", "{tmp}/typo", "check"], "there is no journal at"),
    (
        "data-dir-typo-export",
        ["--data-dir", "{tmp}/typo", "export", "markdown", "{tmp}/md"],
        "there is no journal at",
    ),
    (
        "data-dir-name-too-long",
        ["--data-dir", "{tmp}/" + "n" * 300, "import", "{tmp}/good.json"],
        "File name too long",
    ),
    (
        "data-dir-megabyte",
        ["--data-dir", "{tmp}/" + "a" * MEGABYTE, "check"],
        "characters left out",
    ),
    (
        "restore-missing",
        ["--data-dir", "{data}", "restore", "{tmp}/gone.sqlite3"],
        "does not exist",
    ),
    ("restore-folder", ["--data-dir", "{data}", "restore", "{tmp}"], "is not a file"),
    (
        "restore-text",
        ["--data-dir", "{data}", "restore", "{tmp}/somefile.txt"],
        "is not an SQLite file",
    ),
    ("restore-json", ["--data-dir", "{data}", "restore", "{tmp}/good.json"], "is not an SQLite"),
    (
        "restore-empty",
        ["--data-dir", "{data}", "restore", "{tmp}/empty.sqlite3"],
        "is not an SQLite",
    ),
    (
        "film-empty",
        ["--data-dir", "{data}", "export", "markdown", "{tmp}/md", "--film", ""],
        "no film titled ''",
    ),
    (
        "film-megabyte",
        ["--data-dir", "{data}", "export", "markdown", "{tmp}/md", "--film", MB_TEXT],
        "xxx'…; ",
    ),
    (
        "film-nul",
        ["--data-dir", "{data}", "export", "markdown", "{tmp}/md", "--film", "Tokyo\x00"],
        "no film titled 'Tokyo\\x00'",
    ),
    (
        "film-lone-surrogate",
        ["--data-dir", "{data}", "export", "markdown", "{tmp}/md", "--film", "\ud800"],
        "no film titled",
    ),
    (
        "json-name-too-long",
        ["--data-dir", "{data}", "export", "json", "{tmp}/" + "j" * 300],
        "File name too long",
    ),
]


@pytest.mark.parametrize(
    ("args", "fragment"), [pytest.param(a, f, id=i) for i, a, f in FAILING_COMMANDS]
)
def test_a_failing_command_is_one_line_and_changes_nothing(
    store: Store,
    journal: Ids,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    fragment: str,
) -> None:
    (tmp_path / "somefile.txt").write_text("not a folder", encoding="utf-8")
    (tmp_path / "good.json").write_bytes(VALID_JSON)
    (tmp_path / "empty.sqlite3").write_bytes(b"")
    args = [arg.replace("{tmp}", str(tmp_path)).replace("{data}", str(data_dir)) for arg in args]
    before = snapshot(store), tree(tmp_path, skip=data_dir)
    code, out, err = cli(capsys, *args)
    assert code == 1, err[:500]
    line = one_error_line(err)
    assert fragment in line, line[:500]
    assert len(line) <= 4100
    assert out == ""
    assert (snapshot(store), tree(tmp_path, skip=data_dir)) == before
    assert not (data_dir / "backups").exists() or not any((data_dir / "backups").iterdir())


def test_a_file_name_that_is_not_utf8_works_and_is_reported_readably(
    store: Store, journal: Ids, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bytes that are not UTF-8 in a name reach Python as U+DC80–U+DCFF; the report line must
    not crash on a strict UTF-8 stream (capsys is one) after the export was written."""
    target = tmp_path / "caf\udce9.json"  # "café" in Latin-1 bytes
    code, out, err = cli(capsys, "--data-dir", data_dir, "export", "json", target)
    assert code == 0, err
    assert "caf\\udce9.json" in out
    assert os.fsencode(target).endswith(b"caf\xe9.json") and target.is_file()
    other = tmp_path / "other"
    code, out, err = cli(capsys, "--data-dir", other, "import", target)
    assert code == 0, err
    assert "caf\\udce9.json" in out


# --- export destinations -------------------------------------------------------------------------


def _md_exports(store: Store, ids: Ids) -> dict[str, Callable[[Path], object]]:
    return {
        "export_all": lambda folder: markdown.export_all(store, folder),
        "export_film": lambda folder: markdown.export_film(store, ids.film, folder),
    }


@pytest.mark.parametrize("how", ["export_all", "export_film", "cli"])
def test_markdown_into_a_missing_folder_creates_it_private(
    store: Store,
    journal: Ids,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    how: str,
) -> None:
    folder = tmp_path / "new" / "nested" / "films"
    if how == "cli":
        code, _, err = cli(capsys, "--data-dir", data_dir, "export", "markdown", folder)
        assert code == 0, err
    else:
        _md_exports(store, journal)[how](folder)
    # The film's note, and the notes of its motifs (the vault's links).
    assert sorted(path.name for path in folder.iterdir()) == [
        "motifs",
        "tokyo-story-1953.md",
        "tokyo-story-1953.timeline.svg",  # its timeline picture (issue 12)
    ]
    if os.name == "posix":
        for made in (tmp_path / "new", tmp_path / "new" / "nested", folder, folder / "motifs"):
            assert stat.S_IMODE(made.stat().st_mode) == 0o700, made


BLOCKED_FOLDERS = [
    ("somefile.txt", "is a file, not a folder; nothing was written"),
    ("somefile.txt/out", "Not a directory; nothing was written"),
    ("somefile.txt/out/deeper", "Not a directory; nothing was written"),
]


@pytest.mark.parametrize(
    ("name", "fragment"), [pytest.param(n, f, id=n) for n, f in BLOCKED_FOLDERS]
)
@pytest.mark.parametrize("how", ["export_all", "export_film", "cli"])
def test_markdown_into_a_file_or_under_one_is_refused_and_writes_nothing(
    store: Store,
    journal: Ids,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    how: str,
    name: str,
    fragment: str,
) -> None:
    """Root may write anywhere, so "unwritable" is a path through a regular file."""
    (tmp_path / "somefile.txt").write_text("keep me", encoding="utf-8")
    folder = tmp_path / name
    before = tree(tmp_path, skip=data_dir)
    if how == "cli":
        code, _, err = cli(capsys, "--data-dir", data_dir, "export", "markdown", folder)
        assert code == 1
        message = one_error_line(err)
    else:
        with pytest.raises(JournalError) as raised:
            _md_exports(store, journal)[how](folder)
        message = str(raised.value)
    assert fragment in message and str(tmp_path / "somefile.txt") in message, message
    assert tree(tmp_path, skip=data_dir) == before
    assert (tmp_path / "somefile.txt").read_text(encoding="utf-8") == "keep me"


def test_markdown_refuses_before_writing_when_a_folder_has_a_films_name(
    store: Store, journal: Ids, tmp_path: Path
) -> None:
    store.create_film("Late Spring", year=1949)
    (tmp_path / "tokyo-story-1953.md").mkdir()
    with pytest.raises(JournalError, match="is a folder.*nothing was written"):
        markdown.export_all(store, tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "tokyo-story-1953.md"]


@pytest.mark.parametrize("name", ["out\x00", "\ud800"], ids=["nul", "lone-surrogate"])
@pytest.mark.parametrize("how", ["export_all", "export_film"])
def test_markdown_into_an_impossible_name_is_refused(
    store: Store, journal: Ids, tmp_path: Path, how: str, name: str
) -> None:
    before = tree(tmp_path, skip=store.data_dir)
    with pytest.raises(ValidationError, match="NUL|not valid Unicode"):
        _md_exports(store, journal)[how](tmp_path / name)
    assert tree(tmp_path, skip=store.data_dir) == before


# JSON export refuses a missing folder (the command line's contract: it names the folder and
# creates nothing), a folder, a path under a file, and (below) impossible names.
BAD_JSON_DESTINATIONS = [
    ("missing/journal.json", "missing does not exist"),
    ("folder", "is a folder; give a file name; nothing was written"),
    ("somefile.txt/journal.json", "somefile.txt is a file, not a folder; nothing was written"),
    ("somefile.txt/sub/journal.json", "does not exist"),
]


@pytest.mark.parametrize(
    ("name", "fragment"), [pytest.param(n, f, id=n) for n, f in BAD_JSON_DESTINATIONS]
)
@pytest.mark.parametrize("how", ["write_file", "cli"])
def test_json_export_to_a_bad_destination_is_refused_and_writes_nothing(
    store: Store,
    journal: Ids,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    how: str,
    name: str,
    fragment: str,
) -> None:
    (tmp_path / "somefile.txt").write_text("keep me", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    target = tmp_path / name
    before = tree(tmp_path, skip=data_dir)
    if how == "cli":
        code, _, err = cli(capsys, "--data-dir", data_dir, "export", "json", target)
        assert code == 1
        message = one_error_line(err)
    else:
        with pytest.raises(JournalError) as raised:
            write_file(target, store.export_document())
        message = str(raised.value)
    assert fragment in message, message
    assert tree(tmp_path, skip=data_dir) == before
    assert (tmp_path / "somefile.txt").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("how", ["write_file", "cli"])
def test_json_export_over_an_existing_file_replaces_it_whole(
    store: Store,
    journal: Ids,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    how: str,
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "journal.json"
    target.write_text("an older, longer export " * 1000, encoding="utf-8")
    if how == "cli":
        code, _, err = cli(capsys, "--data-dir", data_dir, "export", "json", target)
        assert code == 0, err
    else:
        write_file(target, store.export_document())
    written = read_file(target)
    written.pop("exported_at")
    assert (store.counts(), written) == snapshot(store)
    assert [path.name for path in folder.iterdir()] == ["journal.json"]  # no temporary files
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_json_export_never_replaces_a_pipe_or_device(
    store: Store, journal: Ids, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As root, replacing the target would swap /dev/null for a plain file; a pipe stands in."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(JournalError, match="is a device or a pipe, not a file; nothing was"):
        write_file(pipe, store.export_document())
    code, _, err = cli(capsys, "--data-dir", data_dir, "export", "json", pipe)
    assert code == 1
    assert "device or a pipe" in one_error_line(err)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert tree(tmp_path, skip=data_dir) == {"pipe"}


@pytest.mark.parametrize("name", ["out\x00.json", "\ud800.json"], ids=["nul", "lone-surrogate"])
def test_json_export_to_an_impossible_name_is_refused(
    store: Store, journal: Ids, tmp_path: Path, name: str
) -> None:
    before = tree(tmp_path, skip=store.data_dir)
    with pytest.raises(ValidationError, match="NUL|not valid Unicode"):
        write_file(tmp_path / name, store.export_document())
    with pytest.raises(ValidationError, match="NUL|not valid Unicode"):
        read_file(tmp_path / name)
    assert tree(tmp_path, skip=store.data_dir) == before


# --- round two: never write over the journal or its siblings --------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "journal.sqlite3",
        "journal.sqlite3-wal",
        "journal.sqlite3-shm",
        "journal.sqlite3.lock",
        "backups/mine.json",
        "backups",
    ],
)
def test_export_json_refuses_the_journal_and_its_siblings(tmp_path, name):
    import hashlib

    from journal.cli import run_cli
    from journal.store import Store

    data_dir = tmp_path / "data"
    store = Store.open(data_dir)
    store.create_film("Tokyo Story")
    store.close()
    (data_dir / "backups").mkdir(exist_ok=True)
    journal = data_dir / "journal.sqlite3"
    before = hashlib.sha256(journal.read_bytes()).hexdigest()
    out, err = io.StringIO(), io.StringIO()
    # Reached by a path that is not written the same way (a "..", a link) all the same.
    target = data_dir / "backups" / ".." / name
    code = run_cli(
        ["--data-dir", str(data_dir), "export", "json", str(target)], stdout=out, stderr=err
    )
    assert code == 1
    assert "nothing was written" in err.getvalue()
    assert hashlib.sha256(journal.read_bytes()).hexdigest() == before
    assert not (data_dir / "backups" / "mine.json").exists()


def test_export_markdown_refuses_the_backups_folder(tmp_path):
    from journal.cli import run_cli
    from journal.store import Store

    data_dir = tmp_path / "data"
    store = Store.open(data_dir)
    store.create_film("Tokyo Story")
    store.close()
    out, err = io.StringIO(), io.StringIO()
    target = data_dir / "backups" / "notes"
    code = run_cli(
        ["--data-dir", str(data_dir), "export", "markdown", str(target)], stdout=out, stderr=err
    )
    assert code == 1 and "backups folder" in err.getvalue()
    assert not target.exists()


def test_an_import_whose_known_records_were_edited_says_the_journal_kept_its_own(tmp_path):
    from journal.cli import run_cli
    from journal.store import Store

    data_dir = tmp_path / "data"
    store = Store.open(data_dir)
    film = store.create_film("Tokyo Story")
    viewing = store.create_viewing(film.id, "2024-03-01", reflection="mine")
    store.create_entry(viewing.id, position_ms=1000, kind="note", text="original")
    document = store.export_document()
    store.close()
    document["films"][0]["viewings"][0]["entries"][0]["text"] = "edited elsewhere"
    document["films"][0]["viewings"][0]["reflection"] = "also edited"
    source = tmp_path / "edited.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run_cli(["--data-dir", str(data_dir), "import", str(source)], stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    line = out.getvalue()
    assert "2 records in the file differed from the journal's own version, which was kept" in line
    assert "all already in the journal" not in line
