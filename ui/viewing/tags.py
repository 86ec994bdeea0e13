"""A viewing's tags in the viewing bar: one line of comma-separated names, saved as one undo
step when the person leaves the field or presses Enter.

Names complete from the journal's tags (the part after the last comma); the store makes a
name that differs only in case the same tag, so the field shows the journal's spelling back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from journal.store import Store
from ui.commands import StoreCommand


def split_tags(text: str) -> list[str]:
    """``"ozu, slow cinema,"`` → ``["ozu", "slow cinema"]``: the names between commas."""
    return [" ".join(part.split()) for part in text.split(",") if part.strip()]


def join_tags(names: Iterable[str]) -> str:
    return ", ".join(names)


class EditViewingTags(StoreCommand):
    """Set a viewing's tags; undo puts the earlier ones back (both by name)."""

    def __init__(
        self, store: Store, viewing_uid: str, before: Iterable[str], after: Iterable[str]
    ) -> None:
        super().__init__(store, "Edit tags")
        self.viewing_uid, self.before, self.after = viewing_uid, list(before), list(after)

    def _do(self) -> Any:
        return self.store.set_viewing_tags(
            self.store.id_for_uid("viewing", self.viewing_uid), self.after
        )

    def _undo(self) -> None:
        self.store.set_viewing_tags(self.store.id_for_uid("viewing", self.viewing_uid), self.before)


class TagsField(QLineEdit):
    """Comma-separated tag names, completing each from the journal's tags."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewingTagsEdit")
        self.setAccessibleName("Tags")
        self.setPlaceholderText("Tags, separated by commas")
        self.setToolTip("Your own labels for this viewing (Letterboxd's tags arrive here)")
        self.setClearButtonEnabled(True)
        self._store = store
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.textEdited.connect(self._offer)

    def _offer(self, text: str) -> None:
        """Completions are the whole text with its last name completed."""
        head, _, _last = text.rpartition(",")
        prefix = f"{head}, " if head else ""
        used = {name.casefold() for name in split_tags(head)}
        self._model.setStringList(
            [prefix + name for name in self._store.tag_names() if name.casefold() not in used]
        )
