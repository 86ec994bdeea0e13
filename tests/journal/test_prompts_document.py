"""Answers and the prompt deck in the JSON document and the Markdown export."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from journal.errors import ValidationError
from journal.export.jsonio import dumps
from journal.export.markdown import export_film
from journal.prompts import builtin_deck, moment_prompts
from journal.store import Store


def _without_time(document: dict) -> dict:
    return {k: v for k, v in document.items() if k != "exported_at"}


def _answered(store: Store) -> tuple[int, int]:
    film = store.create_film("Tokyo Story", year=1953)
    viewing = store.create_viewing(film.id, date(2023, 5, 1), reflection="quiet")
    deck = store.prompt_deck()
    first, second = moment_prompts(deck, "viewing")[:2]
    store.answer_prompt(viewing.id, first.uid, first.text, "The kettle.\n\nNobody speaks.")
    store.answer_prompt(viewing.id, second.uid, "# Is #1 hard to watch? #", "*Yes*")
    store.edit_prompt(first.uid, text="My own words for it")
    store.set_prompt_hidden(second.uid, True)
    store.add_prompt("Who would you call after this?", "viewing")
    return film.id, viewing.id


def test_the_deck_and_answers_round_trip_exactly(store: Store, tmp_path: Path) -> None:
    _answered(store)
    exported = json.loads(dumps(store.export_document()))
    viewing = exported["films"][0]["viewings"][0]
    assert [a["text"] for a in viewing["answers"]] == ["The kettle.\n\nNobody speaks.", "*Yes*"]
    assert viewing["answers"][0]["prompt_text"] != "My own words for it"  # the copy
    assert any(p["text"] == "My own words for it" for p in exported["prompts"])
    other = Store.open(tmp_path / "other")
    try:
        other.import_document(exported)
        assert _without_time(json.loads(dumps(other.export_document()))) == _without_time(exported)
        assert other.prompt_deck() == store.prompt_deck()
        again = other.import_document(exported)
        assert again.changed == 0
    finally:
        other.close()


def test_a_v1_document_keeps_the_builtin_deck(store: Store) -> None:
    document = {
        "format": "reflective-journal",
        "version": 1,
        "films": [{"title": "Late Spring", "viewings": [{"watched_on": "2024-01-02"}]}],
    }
    store.import_document(document)
    assert store.prompt_deck() == builtin_deck()
    assert store.export_document()["films"][0]["viewings"][0]["answers"] == []


def test_a_shaped_deck_is_kept_and_only_gains_new_prompts(store: Store, tmp_path: Path) -> None:
    _answered(store)
    exported = store.export_document()
    other = Store.open(tmp_path / "other")
    try:
        first = moment_prompts(other.prompt_deck(), "viewing")[0]
        other.edit_prompt(first.uid, text="Mine, not the document's")
        summary = other.import_document(exported)
        deck = other.prompt_deck()
        assert deck.get(first.uid).text == "Mine, not the document's"
        assert any(p.text == "Who would you call after this?" for p in deck.prompts)
        assert summary.kept_own >= 2  # the document's edited and hidden prompts
    finally:
        other.close()


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["prompts"][0].update(moment="someday"), "prompts[0].moment"),
        (
            lambda d: d["films"][0]["viewings"][0]["answers"][1].update(text=" "),
            "films[0].viewings[0].answers[1].text",
        ),
        (
            lambda d: d["films"][0]["viewings"][0]["answers"][0].pop("prompt_text"),
            "films[0].viewings[0].answers[0].prompt_text",
        ),
    ],
)
def test_a_bad_deck_or_answer_is_refused_whole(store: Store, tmp_path: Path, mutate, path) -> None:
    _answered(store)
    document = json.loads(dumps(store.export_document()))
    mutate(document)
    other = Store.open(tmp_path / "other")
    try:
        with pytest.raises(ValidationError) as caught:
            other.import_document(document)
        assert caught.value.field == path
        assert other.counts()["film"] == 0
        assert other.prompt_deck() == builtin_deck()
    finally:
        other.close()


def test_markdown_shows_answers_under_their_question(store: Store, tmp_path: Path) -> None:
    film_id, _ = _answered(store)
    text = export_film(store, film_id, tmp_path / "md").read_text()
    first = moment_prompts(builtin_deck(), "viewing")[0].text
    assert (
        "### Reflection\n\nquiet\n\n### Prompts\n\n"
        f"#### {first}\n\nThe kettle.\n\nNobody speaks.\n\n"
        # Inside a heading a leading "#" is text; a final one would close it, so is escaped.
        "#### # Is #1 hard to watch? \\#\n\n\\*Yes*\n" in text
    )
