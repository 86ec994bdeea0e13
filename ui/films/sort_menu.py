"""View → Sort films by: Title, Year or Last watched. The menu follows the list's header clicks
too, and the choice is remembered for the next launch."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QWidget

from ui import settings as window_settings
from ui.actions import choice_group
from ui.films.model import Column
from ui.films.pane import FilmListPane

CHOICES = ((Column.TITLE, "&Title"), (Column.YEAR, "&Year"), (Column.LAST_WATCHED, "&Last watched"))


class SortMenu(QObject):
    """The checkable sort actions (``actions[column]``) for ``pane``."""

    def __init__(self, pane: FilmListPane, settings: QSettings, owner: QWidget) -> None:
        super().__init__(owner)
        self._pane = pane
        self._settings = settings
        self.group, self.actions = choice_group(owner, CHOICES, self.sort_by)
        pane.sort_changed.connect(self._on_sort_changed)

    def restore(self) -> None:
        """The sort saved last time (by title when none was)."""
        column, order = window_settings.read_sort(self._settings, len(Column))
        self._pane.sort_by(column, order)
        self.sync(column)

    def sort_by(self, column: int) -> None:
        descending = column == Column.LAST_WATCHED  # the most recent first
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self._pane.sort_by(column, order)

    def _on_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self.sync(column)
        window_settings.write_sort(self._settings, column, order)

    def sync(self, column: int) -> None:
        """Check the action for ``column``; none for a column the menu does not offer."""
        action = self.actions.get(column)
        if action is not None:
            action.setChecked(True)
        elif (checked := self.group.checkedAction()) is not None:
            checked.setChecked(False)
