"""The statistics page: drawn from the store's figures, reachable from View."""

from __future__ import annotations

from datetime import date

import pytest

from ui.statistics.dialog import StatisticsDialog
from ui.statistics.page import StatisticsPage


def fill(store) -> None:
    tokyo = store.create_film("Tokyo Story", year=1953)
    late = store.create_film("Late Spring", year=1949)
    v1 = store.create_viewing(tokyo.id, date(2024, 1, 10))
    v2 = store.create_viewing(late.id, date(2024, 1, 20))
    v3 = store.create_viewing(tokyo.id, date(2024, 3, 2), rewatch=True)
    store.create_entry(v1.id, 1_000, "pause", "x", intensity=4, motifs=["Cup"])
    store.create_entry(v2.id, 1_000, "dialogue", "z", intensity=5, motifs=["cup"])
    store.create_entry(v3.id, 1_000, "motif", "w", motifs=["Cup"])


def test_the_page_states_the_hand_counted_figures(qtbot, store):
    fill(store)
    dialog = StatisticsDialog(store)
    qtbot.addWidget(dialog)
    page = dialog.page
    assert isinstance(page, StatisticsPage)
    assert page.summary() == "2 films · 3 viewings · 3 entries · 1 rewatch (33%)"
    assert [(m.month, m.viewings) for m in page.stats.months] == [(1, 2), (2, 0), (3, 1)]
    dialog.resize(700, 600)
    image = page.grab()  # paints without error, as tall as its five sections
    assert image.height() == page.height() > 400


def test_an_empty_journal_has_a_calm_page(qtbot, store):
    dialog = StatisticsDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.page.summary() == "0 films · 0 viewings · 0 entries · 0 rewatches (0%)"
    dialog.page.grab()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_view_statistics_opens_the_page(window, store):
    fill(store)
    dialog = window.show_statistics()
    assert dialog.isVisible() and dialog.page.stats.viewings == 3
    dialog.close()
