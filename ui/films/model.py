"""The film list's data: an item model over ``Store.list_films`` and a filter-as-you-type
proxy (the pane that shows them is ``ui.films.pane``).

The model refreshes from the store's change notices, row by row where it can, so the view keeps
its selection and scroll position while the person writes.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QPalette

from journal.errors import NotFoundError
from journal.store import Change, FilmRow, Store
from ui.messages import plural

FILM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ModelIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TITLE = 0
    YEAR = 1
    LAST_WATCHED = 2
    ENTRIES = 3


HEADERS = {
    Column.TITLE: "Title",
    Column.YEAR: "Year",
    Column.LAST_WATCHED: "Watched",
    Column.ENTRIES: "Entries",
}
HEADER_TIPS = {
    Column.TITLE: "Title (the director is matched by the filter too)",
    Column.YEAR: "Release year",
    Column.LAST_WATCHED: "Last watched",
    Column.ENTRIES: "Journal entries across all viewings",
}
# The widest thing each narrow column shows, to size it once.
COLUMN_SAMPLES = {Column.YEAR: "0000", Column.LAST_WATCHED: "0000-00-00", Column.ENTRIES: "0000"}
SORTABLE = (Column.TITLE, Column.YEAR, Column.LAST_WATCHED)


def sort_value(film: FilmRow, column: int) -> Any:
    """The real value a column sorts by (None when the film has none)."""
    if column == Column.YEAR:
        return film.year
    if column == Column.LAST_WATCHED:
        return film.last_watched
    if column == Column.ENTRIES:
        return film.entry_count
    return film.title.casefold()


def _affects_row(entity: str, action: str) -> bool:
    # An entry's text edit changes nothing shown here; everything else may change a count,
    # a date or the title.
    return entity in ("film", "viewing") or (entity == "entry" and action != "updated")


def _haystack(film: FilmRow) -> str:
    return f"{film.title}\n{film.director}".casefold()


_COLUMN_COUNT = len(Column)
_BY_TITLE = (int(Column.TITLE), Qt.SortOrder.AscendingOrder)
_TITLE = int(Column.TITLE)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class FilmListModel(QAbstractTableModel):
    """Every film with its year, last viewing date and entry count, in the store's order."""

    def __init__(self, store: Store, bridge: QObject | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._rows: list[FilmRow] = []
        self._haystacks: list[str] = []
        # The store lists films by title, which is this model's first order too.
        self._sort: tuple[int, Qt.SortOrder] | None = _BY_TITLE
        self._in_order = True  # False while a changed row may be out of place
        self._muted: Any = None
        self.version = 0  # bumped whenever rows change or move (the proxy caches matches)
        self.reload()
        if bridge is not None:
            bridge.changed.connect(self.on_change)  # type: ignore[attr-defined]

    # --- reading ---------------------------------------------------------------------------

    # The view asks for these thousands of times per keystroke and paint: plain ints and
    # early returns keep each call short.

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else _COLUMN_COUNT

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        column = index.column()
        if role == _DISPLAY:
            return self._display(self._rows[row], column)
        if role == _ALIGNMENT:
            return _RIGHT_ALIGNED if column != _TITLE else None
        if role == _FOREGROUND:
            if column == _TITLE:
                return None
            if self._muted is None:
                self._muted = QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
            return self._muted
        film = self._rows[row]
        if role == FILM_ID_ROLE:
            return film.id
        if role == _TOOLTIP:
            return self._tooltip(film)
        return None

    def palette_changed(self) -> None:
        """The muted colour of the number columns follows the (light or dark) palette."""
        self._muted = None
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 1), self.index(len(self._rows) - 1, _COLUMN_COUNT - 1)
            )

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole and section != Column.TITLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(film: FilmRow, column: int) -> str:
        if column == Column.TITLE:
            return film.title
        if column == Column.YEAR:
            return str(film.year) if film.year else ""
        if column == Column.LAST_WATCHED:
            return film.last_watched.isoformat() if film.last_watched else ""
        return str(film.entry_count) if film.entry_count else ""

    @staticmethod
    def _tooltip(film: FilmRow) -> str:
        lines = [f"{film.title} ({film.year})" if film.year else film.title]
        if film.director:
            lines.append(f"Directed by {film.director}")
        viewings = plural(film.viewing_count, "viewing", "viewings")
        lines.append(f"{viewings}, {plural(film.entry_count, 'entry', 'entries')}")
        return "\n".join(lines)

    def film_at(self, row: int) -> FilmRow:
        return self._rows[row]

    def row_of(self, film_id: int) -> int | None:
        for row, film in enumerate(self._rows):
            if film.id == film_id:
                return row
        return None

    def matches_all(self, needle: str) -> list[bool]:
        """``matches`` for every row at once."""
        return [needle in haystack for haystack in self._haystacks]

    # --- refreshing ------------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        films = self.store.list_films()
        self._rows = films if self._sort == _BY_TITLE else self._sorted(films)
        self._haystacks = [_haystack(film) for film in self._rows]
        self.version += 1
        self.endResetModel()

    # --- sorting ----------------------------------------------------------------------------
    # The model keeps its rows sorted itself (one list.sort with a key) and the proxy leaves
    # them in that order: a proxy sorting through a Python lessThan costs ~20,000 calls for
    # 2,000 films, which was a fifth of a second at every launch.

    def sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        """Order the rows by ``column``; films without a value go last either way."""
        if self._sort == (column, order) and self._in_order:
            return
        self._sort = (column, order)
        self._in_order = True
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = [
            (index, self._rows[index.row()].id, index.column())
            for index in self.persistentIndexList()
            if 0 <= index.row() < len(self._rows)
        ]
        self._rows = self._sorted(self._rows)
        self._haystacks = [_haystack(film) for film in self._rows]
        self.version += 1
        rows = {film.id: row for row, film in enumerate(self._rows)}
        for index, film_id, column_of in persistent:
            self.changePersistentIndex(index, self.index(rows[film_id], column_of))
        self.layoutChanged.emit()

    def _sorted(self, films: list[FilmRow]) -> list[FilmRow]:
        if self._sort is None:
            return list(films)
        column, order = self._sort
        present = [film for film in films if sort_value(film, column) is not None]
        missing = [film for film in films if sort_value(film, column) is None]
        present.sort(
            key=lambda film: (sort_value(film, column), _tie_key(film)),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        missing.sort(key=_tie_key)
        return present + missing

    def _resort(self) -> None:
        if self._sort is not None:
            self._in_order = False
            self.sort_rows(*self._sort)

    def on_change(self, change: Change) -> None:
        """Bring the affected rows up to date after a committed write."""
        entity, action = change.entity, change.action
        if entity == "journal":
            self.reload()
        elif entity == "film" and action == "created":
            for film_id in change.ids:
                self._insert(film_id)
        elif entity == "film" and action == "deleted":
            for film_id in change.ids:
                self._remove(film_id)
        elif change.film_id is not None and _affects_row(entity, action):
            self._update(change.film_id)

    def _insert(self, film_id: int) -> None:
        if self.row_of(film_id) is not None:
            self._update(film_id)
            return
        try:
            film = self.store.get_film(film_id)
        except NotFoundError:  # deleted again before this notice arrived
            return
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(film)
        self._haystacks.append(_haystack(film))
        self.version += 1
        self.endInsertRows()
        self._resort()

    def _remove(self, film_id: int) -> None:
        row = self.row_of(film_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        del self._haystacks[row]
        self.version += 1
        self.endRemoveRows()

    def _update(self, film_id: int) -> None:
        row = self.row_of(film_id)
        if row is None:
            return
        try:
            film = self.store.get_film(film_id)
        except NotFoundError:
            self._remove(film_id)
            return
        moved = self._sort is not None and sort_value(self._rows[row], self._sort[0]) != sort_value(
            film, self._sort[0]
        )
        self._rows[row] = film
        self._haystacks[row] = _haystack(film)
        self.version += 1
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        if moved:  # most saves (a reflection, an entry) leave the film where it is
            self._resort()


class FilmFilterProxy(QSortFilterProxyModel):
    """Filters by title and director as the person types; sorting is passed to the model.

    The filter runs over text the model already holds: no query per keystroke.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._matches: list[bool] = []
        self._matches_version = -1
        self._source: FilmListModel

    @property
    def filter_text(self) -> str:
        return self._needle

    def set_filter_text(self, text: str) -> None:
        needle = " ".join(text.split()).casefold()
        if needle == self._needle:
            return
        self._matches_version = -1
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = needle
            self.invalidateRowsFilter()

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt's name
        assert isinstance(model, FilmListModel)
        self._source = model
        super().setSourceModel(model)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:  # noqa: N802
        # Called for every film at every keystroke: one pass over the held text answers them
        # all, and each call is then a version check and a list lookup.
        if not self._needle:
            return True
        if self._matches_version != self._source.version:
            self._matches = self._source.matches_all(self._needle)
            self._matches_version = self._source.version
        return self._matches[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's job (see FilmListModel.sort_rows); the proxy only
        filters and keeps the source's order."""
        self._source.sort_rows(column, order)


def _tie_key(film: FilmRow) -> tuple[str, int, int]:
    return (film.title.casefold(), film.year or 0, film.id)
