"""EntriesModel: one viewing's entries, in time order, kept in step with the store."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from ui.viewing.entries_model import (
    COLUMN_INTENSITY,
    COLUMN_KIND,
    COLUMN_MOTIFS,
    COLUMN_POSITION,
    COLUMN_TEXT,
    ENTRY_ID_ROLE,
    EntriesModel,
)


@pytest.fixture
def viewing(store):
    film = store.create_film("Still Water", year=2019, runtime_ms=92 * 60_000)
    return store.create_viewing(film.id, date(2024, 3, 2))


def cell(model, row, column, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def test_empty_model_passes_the_model_tester(store, qtmodeltester):
    model = EntriesModel(store)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_rows_are_in_time_order_with_readable_cells(store, viewing, qtmodeltester):
    store.create_entry(viewing.id, 754_000, "pause", "She waits.\nThe kettle ticks.", intensity=3)
    store.create_entry(viewing.id, 65_000, "dialogue", "“I kept your letters.”", motifs=["letters"])
    model = EntriesModel(store)
    model.set_viewing(viewing.id, viewing.film_id)
    qtmodeltester.check(model)

    assert model.rowCount() == 2
    assert cell(model, 0, COLUMN_POSITION) == "0:01:05"
    assert cell(model, 0, COLUMN_KIND) == "Dialogue"
    assert cell(model, 0, COLUMN_MOTIFS) == "letters"
    assert cell(model, 1, COLUMN_POSITION) == "0:12:34"
    # The table shows the first line; the tooltip shows every line.
    assert cell(model, 1, COLUMN_TEXT) == "She waits. …"
    tooltip = cell(model, 1, COLUMN_TEXT, Qt.ItemDataRole.ToolTipRole)
    assert "She waits." in tooltip and "The kettle ticks." in tooltip
    assert cell(model, 1, COLUMN_INTENSITY) == "●●●○○"
    assert cell(model, 0, COLUMN_INTENSITY) == ""


def test_tooltip_escapes_markup_so_text_reads_as_typed(store, viewing):
    store.create_entry(viewing.id, 0, "note", "<b>not bold</b> & more")
    model = EntriesModel(store)
    model.set_viewing(viewing.id, viewing.film_id)
    tooltip = cell(model, 0, COLUMN_TEXT, Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; more" in tooltip


def test_refreshes_on_store_changes_for_its_film(store, viewing, bridge, qtmodeltester):
    model = EntriesModel(store, bridge)
    model.set_viewing(viewing.id, viewing.film_id)
    qtmodeltester.check(model)

    first = store.create_entry(viewing.id, 10_000, "note", "first")
    assert model.rowCount() == 1
    store.create_entry(viewing.id, 5_000, "scene", "earlier")
    assert [cell(model, r, COLUMN_TEXT) for r in range(2)] == ["earlier", "first"]

    # An edit that keeps the order updates the row in place …
    store.update_entry(first.id, text="first, revised", motifs=["light"])
    assert cell(model, 1, COLUMN_TEXT) == "first, revised"
    assert cell(model, 1, COLUMN_MOTIFS) == "light"
    # … and one that moves it in time re-sorts.
    store.update_entry(first.id, position_ms=1_000)
    assert model.data(model.index(0, COLUMN_TEXT), ENTRY_ID_ROLE) == first.id

    # A motif renamed elsewhere shows its new name.
    motif = store.find_motif("light")
    store.rename_motif(motif.id, "Window light")
    assert cell(model, 0, COLUMN_MOTIFS) == "Window light"

    store.delete_entry(first.id)
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_ignores_other_films(store, viewing, bridge):
    other_film = store.create_film("Another")
    other = store.create_viewing(other_film.id, date(2024, 1, 1))
    model = EntriesModel(store, bridge)
    model.set_viewing(viewing.id, viewing.film_id)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    store.create_entry(other.id, 0, "note", "elsewhere")
    assert resets == [] and model.rowCount() == 0


def test_deleting_the_viewing_empties_the_model(store, viewing, bridge):
    store.create_entry(viewing.id, 0, "note", "x")
    model = EntriesModel(store, bridge)
    model.set_viewing(viewing.id, viewing.film_id)
    store.delete_viewing(viewing.id)
    assert model.rowCount() == 0


def add_many_entries(store, film_id, viewing_uid, count, *, kinds=("note",), text="line"):
    """Write ``count`` entries into a viewing in one transaction (through a document import,
    as one entry per transaction would make the test slow on a synced disk)."""
    document = store.export_document([film_id])
    viewing_doc = next(v for v in document["films"][0]["viewings"] if v["uid"] == viewing_uid)
    for n in range(count):
        viewing_doc["entries"].append(
            {
                "position_ms": n * 1000,
                "kind": kinds[n % len(kinds)],
                "text": f"{text} {n}\nmore",
                "intensity": None,
                "motifs": [],
            }
        )
    store.import_document(document)


def test_thousand_entries_load_in_one_query_pass(store, viewing, qtmodeltester):
    add_many_entries(store, viewing.film_id, viewing.uid, 1000)
    model = EntriesModel(store)
    model.set_viewing(viewing.id, viewing.film_id)
    assert model.rowCount() == 1000
    assert cell(model, 999, COLUMN_POSITION) == "0:16:39"
    assert model.row_for_entry(model.entry_at(500).id) == 500
