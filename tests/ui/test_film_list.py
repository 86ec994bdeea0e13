"""The film list: model contract, refresh on store changes, filter and sort."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtCore import Qt

from ui.films.model import FILM_ID_ROLE, Column, FilmFilterProxy, FilmListModel
from ui.films.pane import FilmListPane

# Only the offscreen test platform says it cannot pass on size limits or raise a window.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)


def film_titled(store, words: str):
    """The film whose title holds ``words`` (ignoring case)."""
    return next(f for f in store.list_films() if words.casefold() in f.title.casefold())


def titles(proxy: FilmFilterProxy) -> list[str]:
    return [proxy.index(row, Column.TITLE).data() for row in range(proxy.rowCount())]


@pytest.fixture
def films(store):
    """Five films with different years, directors and viewing dates."""
    tokyo = store.create_film("Tokyo Story", year=1953, director="Yasujirō Ozu")
    store.create_viewing(tokyo.id, date(2024, 3, 1))
    late = store.create_film("Late Spring", year=1949, director="Yasujirō Ozu")
    store.create_viewing(late.id, date(2025, 1, 5))
    after = store.create_film("Aftersun", year=2022, director="Charlotte Wells")
    viewing = store.create_viewing(after.id, date(2023, 6, 2))
    store.create_entry(viewing.id, 60_000, "pause", "the held look")
    store.create_entry(viewing.id, 90_000, "reaction", "")
    store.create_film("an undated home movie")
    store.create_film("Yi Yi", year=2000, director="Edward Yang")
    return store


def test_empty_model_passes_the_model_tester(store, qtmodeltester):
    model = FilmListModel(store)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_model_with_films_passes_the_model_tester_and_shows_columns(films, qtmodeltester):
    model = FilmListModel(films)
    qtmodeltester.check(model)
    row = model.row_of(film_titled(films, "Aftersun").id)
    assert [model.index(row, c).data() for c in Column] == ["Aftersun", "2022", "2023-06-02", "2"]
    undated = model.row_of(film_titled(films, "undated").id)
    assert [model.index(undated, c).data() for c in Column] == ["an undated home movie", "", "", ""]
    assert "Charlotte Wells" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_model_follows_store_changes_and_stays_valid(films, bridge, qtmodeltester):
    model = FilmListModel(films, bridge)
    qtmodeltester.check(model)  # keeps watching every change below
    new = films.create_film("Past Lives", year=2023)
    assert model.rowCount() == 6
    assert model.index(model.row_of(new.id), 0).data() == "Past Lives"

    viewing = films.create_viewing(new.id, date(2025, 2, 2))
    films.create_entry(viewing.id, 1000, "note", "x")
    row = model.row_of(new.id)
    assert model.index(row, Column.LAST_WATCHED).data() == "2025-02-02"
    assert model.index(row, Column.ENTRIES).data() == "1"

    films.update_film(new.id, title="Past Lives (director's cut)")
    assert model.index(model.row_of(new.id), 0).data() == "Past Lives (director's cut)"

    films.delete_film(new.id)
    assert model.row_of(new.id) is None
    assert model.rowCount() == 5

    films.import_document(
        {
            "format": "reflective-journal",
            "version": 1,
            "films": [{"title": "Imported Film", "viewings": []}],
        }
    )
    assert model.rowCount() == 6
    qtmodeltester.check(model)


def test_pane_keeps_the_selection_while_the_list_changes(films, bridge, qtbot):
    pane = FilmListPane(films, bridge)
    qtbot.addWidget(pane)
    after = film_titled(films, "Aftersun")
    with qtbot.waitSignal(pane.film_selected) as selected:
        assert pane.select_film(after.id)
    assert selected.args == [after.id]
    films.create_film("A film that sorts first", year=1901)
    films.update_film(after.id, title="Aftersun (2022 release)")
    films.create_viewing(after.id, date(2025, 5, 5))
    assert pane.view.currentIndex().data(FILM_ID_ROLE) == after.id
    assert pane.current_film_id() == after.id


def test_filter_matches_title_or_director_ignoring_case(films, qtbot):
    pane = FilmListPane(films)
    qtbot.addWidget(pane)
    qtbot.keyClicks(pane.filter_edit, "OZU")
    assert sorted(titles(pane.proxy)) == ["Late Spring", "Tokyo Story"]
    pane.filter_edit.setText("  spring ")
    assert titles(pane.proxy) == ["Late Spring"]
    pane.filter_edit.setText("")
    assert pane.proxy.rowCount() == 5


def test_filter_with_no_match_says_so_and_keeps_the_current_film(films, qtbot):
    pane = FilmListPane(films)
    qtbot.addWidget(pane)
    tokyo = film_titled(films, "Tokyo")
    pane.select_film(tokyo.id)
    pane.filter_edit.setText("nothing like this")
    assert pane.proxy.rowCount() == 0
    assert pane.stack.currentWidget() is pane.no_match
    assert "nothing like this" in pane.no_match.text()
    assert pane.current_film_id() == tokyo.id
    pane.filter_edit.clear()
    assert pane.stack.currentWidget() is pane.view


def test_select_film_clears_a_filter_that_hides_it(films, qtbot):
    pane = FilmListPane(films)
    qtbot.addWidget(pane)
    pane.filter_edit.setText("ozu")
    yi_yi = film_titled(films, "Yi Yi")
    assert pane.select_film(yi_yi.id)
    assert pane.filter_edit.text() == ""
    assert pane.view.currentIndex().data(FILM_ID_ROLE) == yi_yi.id


def test_escape_clears_the_filter_and_down_enters_the_list(films, qtbot):
    pane = FilmListPane(films)
    qtbot.addWidget(pane)
    pane.show()
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    pane.focus_filter()
    qtbot.keyClicks(pane.filter_edit, "ozu")
    qtbot.keyClick(pane.filter_edit, Qt.Key.Key_Down)
    assert pane.view.hasFocus()
    assert pane.view.currentIndex().isValid()
    pane.focus_filter()
    qtbot.keyClick(pane.filter_edit, Qt.Key.Key_Escape)
    assert pane.filter_edit.text() == ""


def test_enter_in_the_filter_opens_the_first_match(films, qtbot):
    pane = FilmListPane(films)
    qtbot.addWidget(pane)
    pane.sort_by(Column.TITLE, Qt.SortOrder.AscendingOrder)
    qtbot.keyClicks(pane.filter_edit, "yang")
    with qtbot.waitSignal(pane.film_activated) as activated:
        qtbot.keyClick(pane.filter_edit, Qt.Key.Key_Return)
    assert activated.args == [film_titled(films, "Yi Yi").id]


def test_sort_by_title_year_and_last_watched_with_blanks_last(films, qtbot):
    pane = FilmListPane(films)
    qtbot.addWidget(pane)
    pane.sort_by(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(pane.proxy) == [
        "Aftersun",
        "an undated home movie",
        "Late Spring",
        "Tokyo Story",
        "Yi Yi",
    ]
    pane.sort_by(Column.YEAR, Qt.SortOrder.AscendingOrder)
    assert titles(pane.proxy) == [
        "Late Spring",
        "Tokyo Story",
        "Yi Yi",
        "Aftersun",
        "an undated home movie",
    ]
    pane.sort_by(Column.YEAR, Qt.SortOrder.DescendingOrder)
    assert titles(pane.proxy)[0] == "Aftersun"
    assert titles(pane.proxy)[-1] == "an undated home movie"
    pane.sort_by(Column.LAST_WATCHED, Qt.SortOrder.DescendingOrder)
    assert titles(pane.proxy)[:3] == ["Late Spring", "Tokyo Story", "Aftersun"]
    assert set(titles(pane.proxy)[3:]) == {"an undated home movie", "Yi Yi"}


def test_clicking_a_header_sorts_and_reports_it(films, qtbot):
    pane = FilmListPane(films)
    qtbot.addWidget(pane)
    pane.resize(500, 400)
    pane.show()
    pane.sort_by(Column.TITLE, Qt.SortOrder.AscendingOrder)
    header = pane.view.header()
    x = header.sectionViewportPosition(Column.YEAR) + header.sectionSize(Column.YEAR) // 2
    with qtbot.waitSignal(pane.sort_changed) as changed:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_point(x, 5))
    assert changed.args[0] == Column.YEAR
    assert titles(pane.proxy)[0] in ("Late Spring", "an undated home movie")


def _point(x: int, y: int):
    from PySide6.QtCore import QPoint

    return QPoint(x, y)


def test_filter_at_two_thousand_films_queries_nothing_per_keystroke(store, qtbot, monkeypatch):
    document = {
        "format": "reflective-journal",
        "version": 1,
        "films": [
            {"title": f"Film number {n} about repair", "director": f"Director {n % 97}"}
            for n in range(2000)
        ],
    }
    store.import_document(document)
    pane = FilmListPane(store)
    qtbot.addWidget(pane)
    assert pane.proxy.rowCount() == 2000

    def no_queries(*_args, **_kwargs):
        raise AssertionError("the filter must not query the store")

    monkeypatch.setattr(store, "list_films", no_queries)
    monkeypatch.setattr(store, "get_film", no_queries)
    started = time.perf_counter()
    qtbot.keyClicks(pane.filter_edit, "director 42")
    elapsed = time.perf_counter() - started
    assert pane.proxy.rowCount() == len([n for n in range(2000) if n % 97 == 42])
    print(f"filtering 2,000 films, 11 keystrokes: {elapsed * 1000:.0f} ms")
