"""Switching View → Appearance while a film's page is shown re-measures the viewing bar
(its labels switch between full and short forms). Measuring once re-entered itself through
the size hints until the app crashed; the link colour also stayed that of the old palette."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)


@pytest.mark.parametrize("size", [(900, 600), (1280, 800)])
def test_switching_appearance_with_a_film_open_keeps_the_page_whole(
    window, store, qtbot, size, themed
):
    film = store.create_film(
        "Tokyo Story",
        year=1953,
        director="Yasujirō Ozu",
        notes="Seen on a rainy evening.",
        letterboxd_uri="https://letterboxd.com/film/tokyo-story/",
    )
    viewing = store.create_viewing(film.id, date(2024, 3, 1), reflection="The held pause.")
    store.create_entry(viewing.id, 62_000, "pause", "A long look at the cup.")
    window.resize(*size)
    window.film_list.select_film(film.id)
    qtbot.waitUntil(lambda: window.journal.current_film_id() == film.id)
    for mode in ("dark", "light", "dark", "system"):
        window.set_appearance(mode)
        qtbot.wait(10)
        bar = window.journal.viewing_bar
        assert bar.width() >= bar.minimumSizeHint().width()
    link = window.journal.link_label
    assert "letterboxd.com" in link.text()
