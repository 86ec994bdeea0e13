"""The prompt deck, answers, threads and statistics through the store (real files)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from journal.db import journal_path
from journal.errors import NotFoundError, ValidationError
from journal.migrations import HEAD
from journal.prompts import builtin_deck, moment_prompts
from journal.store import Store
from journal.threads import ThreadOrder, build_thread, where_they_meet
from tests.journal.test_migrations import _data_rows, _fill, _schema_to


def test_a_new_journal_starts_with_the_builtin_deck(store: Store) -> None:
    assert store.prompt_deck() == builtin_deck()


def test_deck_edits_are_kept_and_builtins_can_be_restored(store: Store) -> None:
    first = moment_prompts(store.prompt_deck(), "viewing")[0]
    store.edit_prompt(first.uid, text="What stayed with you?")
    store.set_prompt_hidden(first.uid, True)
    own = store.add_prompt("Who would you watch this with?", "viewing")
    mine = [p for p in own.prompts if not p.builtin][0]
    store.move_prompt(mine.uid, -100)
    deck = store.prompt_deck()
    assert deck.get(first.uid).text == "What stayed with you?"
    assert deck.get(first.uid).hidden
    assert moment_prompts(deck, "viewing", include_hidden=True)[0].uid == mine.uid
    assert first.uid not in {p.uid for p in moment_prompts(deck, "viewing")}
    store.delete_prompt(moment_prompts(deck, "rewatch")[0].uid)
    restored = store.restore_builtin_prompts()
    assert restored.get(first.uid).text == first.text
    assert not restored.get(first.uid).hidden
    assert restored.get(mine.uid) is not None  # the person's own prompt stays
    assert len(restored) == len(builtin_deck()) + 1
    with pytest.raises(ValidationError):
        store.add_prompt("   ", "viewing")
    assert store.prompt_deck() == restored  # the refusal wrote nothing


def test_answers_keep_their_question_when_the_prompt_changes(store: Store) -> None:
    film = store.create_film("Tokyo Story", year=1953)
    viewing = store.create_viewing(film.id, date(2026, 11, 21))
    prompt = moment_prompts(store.prompt_deck(), "viewing")[0]
    answer = store.answer_prompt(viewing.id, prompt.uid, prompt.text, "The clock.")
    store.edit_prompt(prompt.uid, text="Something else entirely")
    store.delete_prompt(prompt.uid)
    (kept,) = store.list_answers(viewing.id)
    assert (kept.prompt_text_copy, kept.text) == (prompt.text, "The clock.")
    assert store.edit_answer(answer.uid, "The clock, and the fan.").text.endswith("fan.")
    store.delete_answer(answer.uid)
    assert store.list_answers(viewing.id) == []
    with pytest.raises(NotFoundError):
        store.edit_answer(answer.uid, "again")
    with pytest.raises(ValidationError):
        store.answer_prompt(viewing.id, prompt.uid, prompt.text, "  ")


def test_answers_go_with_their_viewing(store: Store) -> None:
    film = store.create_film("Tokyo Story")
    viewing = store.create_viewing(film.id, date(2026, 11, 21))
    prompt = moment_prompts(store.prompt_deck(), "viewing")[0]
    store.answer_prompt(viewing.id, prompt.uid, prompt.text, "words")
    store.delete_viewing(viewing.id)
    assert store.counts()["viewing"] == 0
    with store._read() as connection:
        assert connection.execute("SELECT count(*) FROM answer").fetchone()[0] == 0


def test_the_viewing_context_names_the_earlier_viewing(store: Store) -> None:
    film = store.create_film("Tokyo Story")
    first = store.create_viewing(film.id, date(2024, 3, 12), rating=3.5)
    second = store.create_viewing(film.id, date(2026, 11, 21), rewatch=True)
    assert store.viewing_context(first.id).last_watched_on is None
    context = store.viewing_context(second.id)
    assert (context.rewatch, context.last_watched_on, context.last_rating) == (
        True,
        date(2024, 3, 12),
        3.5,
    )


def test_answers_are_searched_and_lead_to_their_viewing(store: Store) -> None:
    film = store.create_film("Tokyo Story")
    viewing = store.create_viewing(film.id, date(2026, 11, 21))
    prompt = moment_prompts(store.prompt_deck(), "viewing")[0]
    store.answer_prompt(viewing.id, prompt.uid, prompt.text, "My grandmother's kitchen")
    (hit,) = store.search("grandmother")
    assert (hit.source, hit.viewing_id, hit.film_id) == ("answer", viewing.id, film.id)
    assert "grandmother" in hit.snippet


def test_a_thread_reads_every_tagged_entry_in_one_order(store: Store) -> None:
    late = store.create_film("Late Spring", year=1949)
    tokyo = store.create_film("Tokyo Story", year=1953)
    v_tokyo = store.create_viewing(tokyo.id, date(2020, 1, 5))
    v_late = store.create_viewing(late.id, date(2022, 6, 1))
    a = store.create_entry(v_late.id, 5_000, "motif", "the vase", motifs=["Cup", "Rain"])
    b = store.create_entry(v_tokyo.id, 9_000, "motif", "teacups", intensity=3, motifs=["cup"])
    c = store.create_entry(v_tokyo.id, 1_000, "pause", "a held look", motifs=["Cup", "Rain"])
    store.create_entry(v_tokyo.id, 2_000, "note", "untagged")
    cup = store.find_motif("cup")
    rain = store.find_motif("rain")
    rows = store.thread_rows([cup.id])
    thread = build_thread(rows, "Cup")
    assert [row.entry_id for row in thread.entries] == [c.id, b.id, a.id]
    by_year = build_thread(rows, "Cup", ThreadOrder.FILM_YEAR)
    assert [row.entry_id for row in by_year.entries] == [a.id, c.id, b.id]
    assert thread.entries[1].intensity == 3 and thread.entries[1].film_title == "Tokyo Story"
    both = where_they_meet(store.thread_rows([cup.id, rain.id]), "Cup", "Rain")
    assert [row.entry_id for row in both.entries] == [c.id, a.id]
    assert set(both.entries[0].motifs) == {"Cup", "Rain"}


def test_statistics_through_the_store_match_a_hand_count(store: Store) -> None:
    tokyo = store.create_film("Tokyo Story", year=1953)
    late = store.create_film("Late Spring", year=1949)
    store.create_film("Never Watched")
    v1 = store.create_viewing(tokyo.id, date(2024, 1, 10))
    v2 = store.create_viewing(late.id, date(2024, 1, 20))
    v3 = store.create_viewing(tokyo.id, date(2024, 3, 2), rewatch=True)
    store.create_entry(v1.id, 1_000, "pause", "x", intensity=4, motifs=["Cup"])
    store.create_entry(v1.id, 2_000, "pause", "y", intensity=2)
    store.create_entry(v2.id, 1_000, "dialogue", "z", intensity=5, motifs=["cup", "Rain"])
    store.create_entry(v3.id, 1_000, "motif", "w", motifs=["Cup"])
    stats = store.statistics()
    assert (stats.films, stats.viewings, stats.entries) == (3, 3, 4)
    assert [(m.year, m.month, m.viewings, m.films) for m in stats.months] == [
        (2024, 1, 2, 2),
        (2024, 2, 0, 0),
        (2024, 3, 1, 1),
    ]
    cup = stats.motifs[0]
    assert (cup.name.casefold(), cup.entries, cup.films) == ("cup", 3, 2)
    kinds = {k.kind: k.count for k in stats.kinds}
    assert (kinds["pause"], kinds["dialogue"], kinds["motif"], kinds["note"]) == (2, 1, 1, 0)
    assert (stats.rewatches.rewatches, stats.rewatches.films_rewatched) == (1, 1)
    assert [(f.title, f.average) for f in stats.intensity] == [
        ("Late Spring", 5.0),
        ("Tokyo Story", 3.0),
    ]


def test_a_journal_with_data_gains_prompts_keeping_every_row(data_dir: Path) -> None:
    store = Store.open(data_dir)
    _fill(store)
    store.close()
    path = journal_path(data_dir)
    _schema_to(path, "0002_search_motifs_directors")
    rows_before = _data_rows(path)
    connection = sqlite3.connect(path)
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert "prompt" not in tables and "answer" not in tables
    store = Store.open(data_dir)  # migrates to 0006
    try:
        assert store.schema_revision() == HEAD
        assert store.prompt_deck() == builtin_deck()
        (viewing, _rewatch) = store.list_viewings(store.list_films()[-1].id)
        prompt = moment_prompts(store.prompt_deck(), "viewing")[0]
        store.answer_prompt(viewing.id, prompt.uid, prompt.text, "an unhurried answer")
        assert [hit.source for hit in store.search("unhurried")] == ["answer"]
        assert store.integrity_check() == "ok"
    finally:
        store.close()
    after = _data_rows(path)
    assert all(row in after for row in rows_before)


def test_the_stores_counted_statistics_equal_compute_statistics_over_every_row(
    store: Store,
) -> None:
    import random

    from journal.statistics import EntryRow, FilmRow, ViewingRow, compute_statistics

    rng = random.Random(15)
    motifs = ["Cup", "Rain", "Letter", "Doorway", "Hands"]
    for n in range(12):
        film = store.create_film(f"Film {n}", year=rng.choice([None, 1950, 1999, 2020]))
        for k in range(rng.randint(0, 3)):
            viewing = store.create_viewing(
                film.id, date(2019 + rng.randrange(6), rng.randint(1, 12), 1), rewatch=k > 0
            )
            for _ in range(rng.randint(0, 8)):
                store.create_entry(
                    viewing.id,
                    rng.randrange(100_000),
                    rng.choice(["pause", "motif", "dialogue", "note"]),
                    "x",
                    intensity=rng.choice([None, 1, 3, 5]),
                    motifs=rng.sample(motifs, rng.randint(0, 2)),
                )
    films = [FilmRow(f.id, f.title, f.year) for f in store.list_films()]
    viewings, entries = [], []
    for film in store.list_films():
        for v in store.list_viewings(film.id):
            viewings.append(ViewingRow(v.id, v.film_id, v.watched_on, v.rewatch))
            entries += [
                EntryRow(e.id, e.viewing_id, e.kind, e.intensity, e.motifs)
                for e in store.list_entries(v.id)
            ]
    assert store.statistics() == compute_statistics(films, viewings, entries)
