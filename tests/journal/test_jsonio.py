"""Journal JSON: lossless round trips, idempotent imports, whole-document refusals, safe files."""

from __future__ import annotations

import copy
import json
import os
import shutil
import stat
import tempfile
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal import rules
from journal.db import journal_path
from journal.errors import JournalError, ValidationError
from journal.export.document import ImportCancelled
from journal.export.jsonio import dumps, read_file, validate_document, write_atomic, write_file
from journal.models import ENTRY_KINDS
from journal.store import Change, Store
from journal.timecode import MAX_POSITION_MS

FORMAT = {"format": "reflective-journal", "version": 1}


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly migrated journal file; stores below open copies of it (migrating is slow)."""
    folder = tmp_path_factory.mktemp("migrated")
    Store.open(folder).close()
    return journal_path(folder)


def _open_copy(migrated: Path, folder: Path) -> Store:
    folder.mkdir(mode=0o700, exist_ok=True)
    shutil.copy2(migrated, journal_path(folder))
    return Store.open(folder)


@pytest.fixture
def store(data_dir: Path, migrated: Path) -> Iterator[Store]:
    opened = _open_copy(migrated, data_dir)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def filled_template(tmp_path_factory: pytest.TempPathFactory, migrated: Path) -> Path:
    folder = tmp_path_factory.mktemp("filled")
    store = _open_copy(migrated, folder)
    _fill(store)
    store.close()
    return journal_path(folder)


@pytest.fixture
def filled(data_dir: Path, filled_template: Path) -> Iterator[Store]:
    """A store on its own copy of a journal with a little of everything (see ``_fill``)."""
    opened = _open_copy(filled_template, data_dir)
    yield opened
    opened.close()


@pytest.fixture
def other(tmp_path: Path, migrated: Path) -> Iterator[Store]:
    """A second, empty journal."""
    opened = _open_copy(migrated, tmp_path / "other")
    yield opened
    opened.close()


def _fill(store: Store) -> None:
    tokyo = store.create_film(
        "Tokyo Story",
        year=1953,
        director="Yasujirō Ozu",
        runtime_ms=8_160_000,
        notes='Family.\n"Isn\'t life disappointing?"\n# not a heading',
        letterboxd_uri="https://letterboxd.com/film/tokyo-story/",
    )
    untitled = store.create_film("Ärger 🎞️ <b>im</b> Paradies")
    first = store.create_viewing(tokyo.id, "2020-05-01", rating=4.0, reflection="quiet\n\tindent")
    second = store.create_viewing(tokyo.id, "2026-11-21", rewatch=True, rating=0.5)
    store.create_viewing(untitled.id, "1870-01-01")
    store.create_entry(first.id, 90_000, "scene", "the clock", intensity=1, motifs=["Time"])
    store.create_entry(first.id, 0, "pause", "", motifs=["Ärger", "Cup", "Time"])
    store.create_entry(second.id, MAX_POSITION_MS, "dialogue", "\\n is not a newline", intensity=5)
    store.create_entry(second.id, 30_000, "reaction", "tears", motifs=["cup"])
    store.create_motif("Letter", "finally opened")  # a motif no entry uses yet
    store.set_viewing_tags(first.id, ["Ozu", "family"])
    store.set_viewing_tags(second.id, ["ozu"])
    with store._write() as session:  # as a Letterboxd import leaves it
        from journal.models import Viewing

        session.get(Viewing, first.id).letterboxd_uri = "https://boxd.it/a1"


def _without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "exported_at"}


def _snapshot(store: Store) -> tuple[dict[str, int], dict[str, Any]]:
    return store.counts(), _without_time(store.export_document())


# --- round trips ----------------------------------------------------------------------------


def test_export_import_export_gives_the_same_document(filled: Store, other: Store) -> None:
    store = filled
    exported = store.export_document()
    other.import_document(json.loads(dumps(exported)))
    assert _without_time(other.export_document()) == _without_time(exported)
    assert other.counts() == store.counts()


def test_the_export_is_the_designed_format(filled: Store) -> None:
    store = filled
    document = json.loads(dumps(store.export_document()))
    assert (document["format"], document["version"]) == ("reflective-journal", 2)
    assert isinstance(document["exported_at"], str) and "T" in document["exported_at"]
    assert set(document) == {
        "format",
        "version",
        "exported_at",
        "prompts",
        "motifs",
        "tags",
        "films",
    }
    assert document["tags"] == [
        {"uid": document["tags"][0]["uid"], "name": "family"},
        {"uid": document["tags"][1]["uid"], "name": "Ozu"},
    ]
    assert set(document["prompts"][0]) == {"uid", "moment", "order", "text", "hidden", "builtin"}
    assert set(document["motifs"][0]) == {"uid", "name", "description"}
    film = document["films"][0]
    assert set(film) == {
        "uid",
        "title",
        "year",
        "director",
        "runtime_ms",
        "notes",
        "letterboxd_uri",
        "viewings",
        "subtitles",
    }
    viewing = film["viewings"][0]
    assert set(viewing) == {
        "uid",
        "watched_on",
        "rewatch",
        "rating",
        "reflection",
        "letterboxd_uri",
        "lag_ms",
        "tags",
        "entries",
        "answers",
    }
    assert (viewing["tags"], viewing["letterboxd_uri"]) == (["family", "Ozu"], "https://boxd.it/a1")
    entry = viewing["entries"][0]
    assert set(entry) == {"uid", "position_ms", "kind", "text", "intensity", "motifs"}
    # Entries in time order; motif names as the journal spells them.
    assert [e["position_ms"] for e in viewing["entries"]] == [0, 90_000]
    assert viewing["entries"][0]["motifs"] == ["Cup", "Time", "Ärger"]  # by case-folded name
    assert viewing["watched_on"] == "2020-05-01"


def test_a_version_1_document_still_imports_without_tags(other: Store) -> None:
    document = {
        **FORMAT,
        "films": [
            {
                "title": "Late Spring",
                "viewings": [{"watched_on": "2024-01-01", "reflection": "the vase"}],
            }
        ],
    }
    summary = other.import_document(document)
    assert (summary.films, summary.viewings) == (1, 1)
    (film,) = other.list_films()
    (viewing,) = other.list_viewings(film.id)
    assert (viewing.tags, viewing.letterboxd_uri, viewing.reflection) == ((), None, "the vase")
    again = other.export_document()
    assert again["version"] == 2 and again["tags"] == []
    assert again["films"][0]["viewings"][0]["tags"] == []


def test_version_2_tags_and_diary_links_round_trip(filled: Store, other: Store) -> None:
    exported = filled.export_document()
    other.import_document(json.loads(dumps(exported)))
    tokyo = next(film for film in other.list_films() if film.title == "Tokyo Story")
    first, second = other.list_viewings(tokyo.id)
    assert (first.tags, first.letterboxd_uri) == (("family", "Ozu"), "https://boxd.it/a1")
    assert (second.tags, second.letterboxd_uri) == (("Ozu",), None)
    assert other.tag_names() == ["family", "Ozu"]
    assert _without_time(other.export_document()) == _without_time(exported)


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["films"][0]["viewings"][0].update(tags="Ozu"), "films[0].viewings[0].tags"),
        (lambda d: d["films"][0]["viewings"][0].update(tags=[""]), "films[0].viewings[0].tags[0]"),
        (
            lambda d: d["films"][0]["viewings"][1].update(letterboxd_uri="https://boxd.it/a1"),
            "films[0].viewings[1].letterboxd_uri",
        ),
        (
            lambda d: d["films"][0]["viewings"][1].update(letterboxd_uri="boxd.it/a1"),
            "films[0].viewings[1].letterboxd_uri",
        ),
        (lambda d: d["tags"].append({"name": "OZU"}), "tags[2].name"),
    ],
)
def test_bad_version_2_fields_are_named(filled: Store, mutate: Any, path: str) -> None:
    document = filled.export_document()
    mutate(document)
    with pytest.raises(ValidationError) as caught:
        validate_document(document)
    assert caught.value.field == path


def test_importing_twice_changes_nothing(filled: Store, other: Store) -> None:
    store = filled
    document = store.export_document()
    first = other.import_document(document)
    assert first.changed > 0
    assert (first.films, first.viewings, first.entries, first.motifs) == (2, 3, 4, 4)
    before = _snapshot(other)
    heard: list[Change] = []
    other.subscribe(heard.append)
    again = other.import_document(document)
    assert again.changed == 0
    assert _snapshot(other) == before
    assert heard == []  # nothing changed, nothing announced


def test_importing_into_the_same_journal_changes_nothing(filled: Store) -> None:
    store = filled
    before = _snapshot(store)
    assert store.import_document(store.export_document()).changed == 0
    assert _snapshot(store) == before


def test_import_keeps_what_the_journal_has_and_deletes_nothing(filled: Store, other: Store) -> None:
    """The journal wins: importing an older or edited copy never takes back words written
    since; only what the journal lacks is added."""
    store = filled
    document = store.export_document()
    other.import_document(document)
    before = other.export_document()
    heard: list[Change] = []
    other.subscribe(heard.append)
    edited = copy.deepcopy(document)
    edited["films"][0]["title"] = "Tokyo Monogatari"
    edited["films"][0]["viewings"][0]["entries"][0]["motifs"] = ["Cup", "Time"]
    edited["films"][0]["viewings"][0]["reflection"] = "an older reflection"
    del edited["films"][1]  # absent from the document: kept in the journal
    summary = other.import_document(edited)
    assert summary.changed == 0
    assert heard == []
    after = other.export_document()
    before.pop("exported_at"), after.pop("exported_at")
    assert after == before

    # What is new is added, beside what was kept.
    edited["films"][0]["viewings"][0]["entries"].append(
        {"position_ms": 5_000, "kind": "note", "text": "written elsewhere", "motifs": ["Rain"]}
    )
    summary = other.import_document(edited)
    assert summary.changed == 2  # the entry and its new motif
    assert heard == [Change("journal", "imported")]
    assert other.counts()["entry"] == store.counts()["entry"] + 1
    assert other.find_motif("Rain") is not None


def test_missing_uids_and_optional_fields_are_filled(store: Store) -> None:
    minimal = {
        **FORMAT,
        "films": [
            {
                "title": "  Late Spring ",
                "viewings": [
                    {"watched_on": "2026-01-02", "entries": [{"position_ms": 0, "kind": "note"}]}
                ],
            },
            {"title": "Early Summer"},
        ],
    }
    summary = store.import_document(minimal)
    assert (summary.films, summary.viewings, summary.entries, summary.motifs) == (2, 1, 1, 0)
    document = store.export_document()
    assert document["motifs"] == []
    late, early = document["films"]
    for film in (late, early):
        assert uuid.UUID(film["uid"])
    assert {k: v for k, v in late.items() if k not in ("uid", "viewings", "subtitles")} == {
        "title": "Late Spring",
        "year": None,
        "director": "",
        "runtime_ms": None,
        "notes": "",
        "letterboxd_uri": None,
    }
    (viewing,) = late["viewings"]
    assert uuid.UUID(viewing["uid"])
    assert {k: v for k, v in viewing.items() if k not in ("uid", "entries", "answers")} == {
        "watched_on": "2026-01-02",
        "rewatch": False,
        "rating": None,
        "reflection": "",
        "letterboxd_uri": None,
        "lag_ms": 2000,
        "tags": [],
    }
    (entry,) = viewing["entries"]
    assert uuid.UUID(entry["uid"])
    assert {k: v for k, v in entry.items() if k != "uid"} == {
        "position_ms": 0,
        "kind": "note",
        "text": "",
        "intensity": None,
        "motifs": [],
    }
    assert early["viewings"] == []


def test_motifs_named_only_on_entries_are_created_and_matched_ignoring_case(store: Store) -> None:
    store.create_motif("Letter", "kept")
    document = {
        **FORMAT,
        "films": [
            {
                "title": "Late Spring",
                "viewings": [
                    {
                        "watched_on": "2026-01-02",
                        "entries": [
                            {"position_ms": 1, "kind": "motif", "motifs": ["letter", "Vase"]},
                            {"position_ms": 2, "kind": "motif", "motifs": ["VASE", " vase "]},
                        ],
                    }
                ],
            }
        ],
    }
    store.import_document(document)
    motifs = {m.name: (m.description, m.usage_count) for m in store.list_motifs()}
    assert motifs == {"Letter": ("kept", 1), "Vase": ("", 2)}


def test_a_cancelled_import_keeps_nothing(filled: Store, other: Store) -> None:
    store = filled
    document = store.export_document()
    before = _snapshot(other)
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) < 3

    with pytest.raises(ImportCancelled):
        other.import_document(document, progress=progress)
    assert _snapshot(other) == before
    assert calls and all(total == calls[0][1] for _, total in calls)


# --- refusals -------------------------------------------------------------------------------


def _base_document() -> dict[str, Any]:
    """A valid document with a third film whose viewing has six entries."""

    def entries(count: int) -> list[dict[str, Any]]:
        return [
            {"uid": str(uuid.uuid4()), "position_ms": 1000 * n, "kind": "note", "motifs": ["Cup"]}
            for n in range(count)
        ]

    def film(title: str, entry_count: int) -> dict[str, Any]:
        return {
            "uid": str(uuid.uuid4()),
            "title": title,
            "year": 1953,
            "viewings": [
                {
                    "uid": str(uuid.uuid4()),
                    "watched_on": "2026-11-21",
                    "entries": entries(entry_count),
                }
            ],
        }

    return {
        **FORMAT,
        "exported_at": "2026-11-21T12:00:00+00:00",
        "motifs": [{"uid": str(uuid.uuid4()), "name": "Cup", "description": ""}],
        "films": [film("One", 1), film("Two", 2), film("Three", 6)],
    }


Mutation = Callable[[dict[str, Any]], Any]


def _set(path: str, value: Any) -> Mutation:
    """Set a value at a dotted path such as ``films.2.viewings.0.entries.5.position_ms``."""

    def mutate(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        del node[last]

    return mutate


def _copy_uid(source: str, target: str) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        node: Any = document
        for part in source.split("."):
            node = node[int(part)] if isinstance(node, list) else node[part]
        _set(target, node)(document)

    return mutate


E5 = "films.2.viewings.0.entries.5"
BAD_DOCUMENTS: list[tuple[str, Mutation, str]] = [
    ("version 3", _set("version", 3), "version"),
    ("version as text", _set("version", "1"), "version"),
    ("version true", _set("version", True), "version"),
    ("wrong format", _set("format", "letterboxd"), "format"),
    ("films is text", _set("films", "Tokyo Story"), "films"),
    ("motifs is an object", _set("motifs", {"name": "Cup"}), "motifs"),
    ("a film is a number", _set("films.1", 5), "films[1]"),
    ("title missing", _delete("films.0.title"), "films[0].title"),
    ("title empty", _set("films.0.title", "  "), "films[0].title"),
    ("title with NUL", _set("films.1.title", "a\x00b"), "films[1].title"),
    ("year as text", _set("films.0.year", "1953"), "films[0].year"),
    ("year too early", _set("films.0.year", 1869), "films[0].year"),
    ("viewings is text", _set("films.1.viewings", "none"), "films[1].viewings"),
    (
        "impossible date",
        _set("films.0.viewings.0.watched_on", "2026-02-30"),
        "films[0].viewings[0].watched_on",
    ),
    (
        "date as number",
        _set("films.0.viewings.0.watched_on", 20261121),
        "films[0].viewings[0].watched_on",
    ),
    ("rating off the steps", _set("films.0.viewings.0.rating", 4.3), "films[0].viewings[0].rating"),
    ("rewatch as text", _set("films.0.viewings.0.rewatch", "yes"), "films[0].viewings[0].rewatch"),
    (
        "negative position",
        _set(f"{E5}.position_ms", -1),
        "films[2].viewings[0].entries[5].position_ms",
    ),
    (
        "position as a timecode",
        _set(f"{E5}.position_ms", "1:02:03"),
        "films[2].viewings[0].entries[5].position_ms",
    ),
    (
        "position as bool",
        _set(f"{E5}.position_ms", True),
        "films[2].viewings[0].entries[5].position_ms",
    ),
    (
        "unknown kind",
        _set("films.2.viewings.0.entries.3.kind", "silence"),
        "films[2].viewings[0].entries[3].kind",
    ),
    (
        "kind missing",
        _delete("films.2.viewings.0.entries.2.kind"),
        "films[2].viewings[0].entries[2].kind",
    ),
    (
        "intensity 9",
        _set("films.2.viewings.0.entries.1.intensity", 9),
        "films[2].viewings[0].entries[1].intensity",
    ),
    (
        "motifs as one string",
        _set("films.2.viewings.0.entries.0.motifs", "Cup"),
        "films[2].viewings[0].entries[0].motifs",
    ),
    (
        "empty motif name",
        _set("films.2.viewings.0.entries.0.motifs", ["Cup", ""]),
        "films[2].viewings[0].entries[0].motifs[1]",
    ),
    (
        "lone surrogate",
        _set("films.2.viewings.0.entries.4.text", "a\ud800"),
        "films[2].viewings[0].entries[4].text",
    ),
    (
        "entries is an object",
        _set("films.2.viewings.0.entries", {}),
        "films[2].viewings[0].entries",
    ),
    ("duplicate film uid", _copy_uid("films.0.uid", "films.1.uid"), "films[1].uid"),
    (
        "entry reusing a film uid",
        _copy_uid("films.0.uid", "films.2.viewings.0.entries.1.uid"),
        "films[2].viewings[0].entries[1].uid",
    ),
    ("bad uid", _set("films.1.viewings.0.uid", "not-a-uuid"), "films[1].viewings[0].uid"),
    (
        "motif name repeated in another case",
        _set("motifs", [{"name": "Cup"}, {"name": "CUP"}]),
        "motifs[1].name",
    ),
    ("motif without a name", _set("motifs", [{"description": "x"}]), "motifs[0].name"),
]


@pytest.mark.parametrize(
    ("mutate", "path"),
    [(mutate, path) for _, mutate, path in BAD_DOCUMENTS],
    ids=[name for name, _, _ in BAD_DOCUMENTS],
)
def test_a_bad_document_is_refused_whole_with_the_path(
    filled: Store, mutate: Mutation, path: str
) -> None:
    store = filled
    document = _base_document()
    mutate(document)
    with pytest.raises(ValidationError) as caught:
        validate_document(document)
    assert caught.value.field == path
    assert str(caught.value).startswith(f"{path}: ")

    before = _snapshot(store)
    with pytest.raises(ValidationError):
        store.import_document(document)
    assert _snapshot(store) == before


def test_the_base_document_is_valid(store: Store) -> None:
    summary = store.import_document(_base_document())
    assert (summary.films, summary.entries) == (3, 9)


@pytest.mark.parametrize("raw", [None, [], "journal", 1, True])
def test_a_document_that_is_not_an_object_is_refused(raw: Any) -> None:
    with pytest.raises(ValidationError, match="^document: must be an object"):
        validate_document(raw)


def test_a_newer_version_says_to_update() -> None:
    with pytest.raises(ValidationError, match="newer than this app"):
        validate_document({**FORMAT, "version": 3})


def test_the_first_bad_field_in_document_order_is_named() -> None:
    document = _base_document()
    del document["films"][1]["title"]
    document["films"][1]["viewings"][0]["rating"] = 4.3
    document["films"][2]["viewings"][0]["entries"][0]["kind"] = "silence"
    with pytest.raises(ValidationError) as caught:
        validate_document(document)
    assert caught.value.field == "films[1].title"


# --- generated journals ---------------------------------------------------------------------

ADVERSARIAL = [
    '"quoted"',
    "back\\slash",
    "# not a heading",
    "- not a list",
    "<script>alert(1)</script>",
    "'; DROP TABLE film; --",
    "\u202eright-to-left",
    "zero\u200bwidth",
    "\ufeffBOM",
    "line\u2028separator",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🎞️👨‍👩‍👧",
    "NULL",
    "null",
    "{}",
    "[]",
    "   padded   ",
]
PRINTABLE = st.characters(exclude_categories=("Cs", "Cc"))
single_line = st.one_of(
    st.sampled_from(ADVERSARIAL), st.text(PRINTABLE, min_size=1, max_size=20)
).filter(
    # A title needs a character one can see (a lone soft hyphen is refused, rightly).
    lambda text: any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in text)
)
free_text = st.one_of(
    st.sampled_from(ADVERSARIAL),
    st.text(
        st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\t\r"), max_size=40
    ),
)
MOTIF_POOL = [
    "Letter",
    "letter",
    "Ärger",
    "ärger",
    "A\u0308rger",
    "cup",
    "  Mended   Cup ",
    "🍵",
    "Straße",
    "STRASSE",
]


def _motif_key(name: str) -> str:
    return rules.motif_key(rules.motif_name(name))


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


entry_strategy = st.fixed_dictionaries(
    {
        "position_ms": st.integers(0, MAX_POSITION_MS),
        "kind": st.sampled_from(ENTRY_KINDS),
    },
    optional={
        "text": free_text,
        "intensity": _maybe(st.integers(1, 5)),
        "motifs": st.lists(st.sampled_from(MOTIF_POOL), max_size=3),
    },
)
viewing_strategy = st.fixed_dictionaries(
    {"watched_on": st.dates(min_value=rules.DATE_MIN, max_value=rules.DATE_MAX).map(str)},
    optional={
        "rewatch": st.booleans(),
        "rating": _maybe(st.integers(1, 10).map(lambda n: n / 2)),
        "reflection": free_text,
        "entries": st.lists(entry_strategy, max_size=3),
    },
)
film_strategy = st.fixed_dictionaries(
    {"title": single_line},
    optional={
        "year": _maybe(st.integers(1870, 2100)),
        "director": single_line,
        "runtime_ms": _maybe(st.integers(1, MAX_POSITION_MS)),
        "notes": free_text,
        "letterboxd_uri": _maybe(
            st.sampled_from(["https://letterboxd.com/film/x/", "http://a.b/c"])
        ),
        "viewings": st.lists(viewing_strategy, max_size=2),
    },
)
motif_strategy = st.fixed_dictionaries(
    {"name": st.sampled_from(MOTIF_POOL)}, optional={"description": free_text}
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    document = {
        **FORMAT,
        "motifs": draw(
            st.lists(motif_strategy, max_size=3, unique_by=lambda m: _motif_key(m["name"]))
        ),
        "films": draw(st.lists(film_strategy, max_size=3)),
    }
    # Some records carry a uid, some do not (the importer makes one); given uids are unique.
    records = list(document["motifs"])
    for film in document["films"]:
        records.append(film)
        for viewing in film.get("viewings", []):
            records.append(viewing)
            records.extend(viewing.get("entries", []))
    for number, record in enumerate(records):
        if draw(st.booleans()):
            record["uid"] = str(uuid.UUID(int=number + 1))
    return document


def _content(document: dict[str, Any]) -> tuple[Any, ...]:
    """What a document says, independent of uids made on import and of record order."""

    def entry(e: dict[str, Any]) -> str:
        tags = sorted(_motif_key(name) for name in e["motifs"])
        return repr((e["position_ms"], e["kind"], e["text"], e["intensity"], tags))

    def viewing(v: dict[str, Any]) -> str:
        fields = (v["watched_on"], v["rewatch"], v["rating"], v["reflection"])
        return repr((fields, sorted(entry(e) for e in v["entries"])))

    def film(f: dict[str, Any]) -> str:
        fields = tuple(
            f[k] for k in ("title", "year", "director", "runtime_ms", "notes", "letterboxd_uri")
        )
        return repr((fields, sorted(viewing(v) for v in f["viewings"])))

    listed = sorted(
        (_motif_key(m["name"]), m["name"], m["description"]) for m in document["motifs"]
    )
    return tuple(sorted(film(f) for f in document["films"])), tuple(listed)


def _given_uids(document: dict[str, Any]) -> set[str]:
    found = {m["uid"] for m in document["motifs"] if "uid" in m}
    for film in document["films"]:
        found |= {film["uid"]} if "uid" in film else set()
        for viewing in film.get("viewings", []):
            found |= {viewing["uid"]} if "uid" in viewing else set()
            found |= {e["uid"] for e in viewing.get("entries", []) if "uid" in e}
    return found


def _all_uids(document: dict[str, Any]) -> set[str]:
    found = {m["uid"] for m in document["motifs"]}
    for film in document["films"]:
        found.add(film["uid"])
        for viewing in film["viewings"]:
            found.add(viewing["uid"])
            found |= {e["uid"] for e in viewing["entries"]}
    return found


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(documents())
def test_generated_journals_survive_the_round_trip(
    migrated: Path, document: dict[str, Any]
) -> None:
    normalized = validate_document(copy.deepcopy(document))
    with tempfile.TemporaryDirectory() as folder:
        first = _open_copy(migrated, Path(folder) / "first")
        second = _open_copy(migrated, Path(folder) / "second")
        try:
            first.import_document(copy.deepcopy(document))
            exported = first.export_document()
            # Nothing lost or changed: the journal says what the document said.
            films, listed = _content(exported)
            assert films == _content(normalized)[0]
            assert set(listed) >= set(_content(normalized)[1])
            assert _given_uids(document) <= _all_uids(exported)

            # Export → import → export gives the same document.
            second.import_document(json.loads(dumps(exported)))
            assert _without_time(second.export_document()) == _without_time(exported)

            # Importing the export again changes nothing.
            before = _snapshot(first)
            assert first.import_document(exported).changed == 0
            assert _snapshot(first) == before
        finally:
            first.close()
            second.close()


# --- files ----------------------------------------------------------------------------------


def test_write_then_read_a_file(filled: Store, tmp_path: Path) -> None:
    store = filled
    target = tmp_path / "journal.json"
    write_file(target, store.export_document())
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    raw = target.read_text(encoding="utf-8")
    assert raw.endswith("\n") and "Yasujirō" in raw  # readable UTF-8, not \u escapes
    assert read_file(target) == json.loads(raw)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["journal.json"]


def test_write_atomic_replaces_whole_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


def test_write_atomic_refuses_missing_folders_and_folders(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="nothing was written"):
        write_atomic(tmp_path / "missing" / "x.json", "{}")
    (tmp_path / "folder").mkdir()
    with pytest.raises(JournalError, match="is a folder"):
        write_atomic(tmp_path / "folder", "{}")
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "not valid JSON (line 1"),
        (b'{"a": 1}\n{"b": 2}', "not valid JSON (line 2"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"", "not valid JSON"),
    ],
)
def test_read_file_explains_what_is_wrong(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(JournalError, match=reason.replace("(", r"\(")):
        read_file(path)


def test_read_file_of_nothing_or_a_folder(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="does not exist"):
        read_file(tmp_path / "missing.json")
    with pytest.raises(JournalError, match="is a folder"):
        read_file(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may read any file")
def test_read_file_without_permission(tmp_path: Path) -> None:
    path = tmp_path / "locked.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(JournalError, match="cannot be read"):
        read_file(path)
