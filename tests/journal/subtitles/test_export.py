"""Subtitle tracks travel in the JSON document (v2); quoted lines read as quotes in Markdown."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from journal.errors import ValidationError
from journal.export.jsonio import dumps
from journal.export.markdown import render_film
from journal.store import Store
from journal.subtitles.cues import Cue


def _without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


@pytest.fixture
def other(tmp_path: Path):
    opened = Store.open(tmp_path / "other")
    yield opened
    opened.close()


def _film_with_tracks(store: Store) -> int:
    film = store.create_film("The Mended Cup", year=2024)
    english = store.attach_subtitles(
        film.id,
        [Cue(1000, 2500, "I'm sorry.\nDad."), Cue(2000, 2000, "[door]"), Cue(9000, 9500, "Go.")],
        file_name="cup.en.srt",
        label="English",
        language="en",
    )
    store.align_subtitles(english.id, offset_ms=-1200, scale=25 / 23.976)
    store.attach_subtitles(film.id, [Cue(1000, 2000, "Pardon.")], language="fr")
    return film.id


def test_tracks_round_trip_exactly(store: Store, other: Store) -> None:
    _film_with_tracks(store)
    exported = json.loads(dumps(store.export_document()))
    assert exported["version"] == 2
    (film,) = exported["films"]
    english, french = film["subtitles"]
    assert english == {
        "uid": english["uid"],
        "label": "English",
        "language": "en",
        "file_name": "cup.en.srt",
        "offset_ms": -1200,
        "scale": 25 / 23.976,
        "cues": [[1000, 2500, "I'm sorry.\nDad."], [2000, 2000, "[door]"], [9000, 9500, "Go."]],
    }
    assert (french["language"], french["cues"]) == ("fr", [[1000, 2000, "Pardon."]])
    summary = other.import_document(exported)
    assert summary.changed == 3  # the film and its two tracks
    assert _without_time(other.export_document()) == _without_time(exported)
    assert other.import_document(exported).changed == 0  # idempotent by uid


def test_the_lines_of_an_imported_track_are_at_the_same_times(store: Store, other: Store) -> None:
    film_id = _film_with_tracks(store)
    other.import_document(store.export_document())
    imported = other.list_films()[0].id
    for position in (0, 500, 1000, 2000, 8200, 8700, 9000):
        assert other.cues_at(imported, position) == store.cues_at(film_id, position)


def test_a_version_1_document_still_imports(store: Store) -> None:
    store.import_document(
        {"format": "reflective-journal", "version": 1, "films": [{"title": "Late Spring"}]}
    )
    (film,) = store.export_document()["films"]
    assert (film["title"], film["subtitles"]) == ("Late Spring", [])


@pytest.mark.parametrize(
    ("track", "path"),
    [
        ({"cues": [[5, 4, "x"]]}, "films[0].subtitles[0].cues[0][1]"),
        ({"cues": [[-1, 4, "x"]]}, "films[0].subtitles[0].cues[0][0]"),
        ({"cues": [[0, 4]]}, "films[0].subtitles[0].cues[0]"),
        ({"cues": [[0, 4, "a\x07b"]]}, "films[0].subtitles[0].cues[0][2]"),
        ({}, "films[0].subtitles[0].cues"),
        ({"cues": [], "scale": 7}, "films[0].subtitles[0].scale"),
        ({"cues": [], "language": "English!"}, "films[0].subtitles[0].language"),
    ],
)
def test_a_bad_track_is_refused_naming_its_path_and_nothing_is_written(
    store: Store, track: dict[str, Any], path: str
) -> None:
    document = {
        "format": "reflective-journal",
        "version": 2,
        "films": [{"title": "Late Spring", "subtitles": [track]}],
    }
    with pytest.raises(ValidationError) as caught:
        store.import_document(document)
    assert str(caught.value).startswith(path)
    assert store.list_films() == []


def _entry(text: str, kind: str = "dialogue") -> dict[str, Any]:
    return {"position_ms": 1_312_000, "kind": kind, "text": text, "intensity": None, "motifs": []}


def _film(*entries: dict[str, Any]) -> dict[str, Any]:
    viewing = {"watched_on": "2026-11-30", "rewatch": False, "rating": None, "reflection": ""}
    return {"title": "The Mended Cup", "year": 2024, "viewings": [{**viewing, "entries": entries}]}


def _html(film: dict[str, Any]) -> str:
    return MarkdownIt("commonmark").render(render_film(film).split("---\n", 2)[2])


def test_a_quoted_line_reads_as_a_quote_with_the_persons_words_after_it() -> None:
    film = _film(_entry("\u201c- Did you eat?\n- # Yes.\u201d\n\nHe asks it *every* time."))
    markdown = render_film(film)
    assert "- **0:21:52** · *Dialogue*\n  > \\- Did you eat?\\\n  > \\- # Yes.\n\n" in markdown
    html = _html(film)
    assert "<blockquote>\n<p>- Did you eat?<br />\n- # Yes.</p>\n</blockquote>" in html
    assert "<p>He asks it *every* time.</p>" in html


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry",
        "\u201cunfinished quote",
        "\u201c\u201d",
        "\u201ca\n\nb\u201d",
        "say \u201cx\u201d",
    ],
)
def test_other_dialogue_is_written_as_before(text: str) -> None:
    html = _html(_film(_entry(text)))
    assert "<blockquote>" not in html


def test_only_dialogue_entries_become_quotes() -> None:
    assert "<blockquote>" not in _html(_film(_entry("\u201cI'm sorry.\u201d", kind="note")))
    assert "<blockquote>" in _html(_film(_entry("\u201cI'm sorry.\u201d")))


def test_a_dialogue_entry_made_from_a_line_exports_as_a_quote(store: Store, tmp_path) -> None:
    from journal.export.markdown import export_film
    from journal.subtitles import storage

    film_id = _film_with_tracks(store)
    viewing = store.create_viewing(film_id, date(2026, 11, 30))
    (cue,) = store.cues_at(film_id, 800)
    store.create_entry(viewing.id, cue.start_ms, "dialogue", storage.quote(cue.text))
    text = export_film(store, film_id, tmp_path).read_text(encoding="utf-8")
    assert "*Dialogue*\n  > I'm sorry.\\\n  > Dad.\n" in text
    assert "subtitles" not in text.lower() and "silence" not in text.lower()
