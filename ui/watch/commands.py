"""The undo command of a re-sync: a viewing's entries shifted or scaled as one step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journal.store import MovedEntries, Store
from ui.commands import StoreCommand


class MoveEntries(StoreCommand):
    """Shift or scale every entry of a viewing (one store call, one transaction).

    The first run computes the new positions in the store and keeps both the old and the new
    ones by entry uid; undo writes the old ones back exactly (a position a shift clamped at 0
    comes back too), redo writes the new ones again.
    """

    def __init__(
        self, store: Store, viewing_uid: str, text: str, move: Callable[[int], MovedEntries]
    ) -> None:
        super().__init__(store, text)
        self.viewing_uid = viewing_uid
        self._move = move
        self.moved: MovedEntries | None = None

    def _viewing_id(self) -> int:
        return self.store.id_for_uid("viewing", self.viewing_uid)

    def _do(self) -> Any:
        if self.moved is None:
            self.moved = self._move(self._viewing_id())
        else:
            self.store.set_entry_positions(self._viewing_id(), self.moved.after)
        return self.moved

    def _undo(self) -> None:
        assert self.moved is not None
        self.store.set_entry_positions(self._viewing_id(), self.moved.before)
