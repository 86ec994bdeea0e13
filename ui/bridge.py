"""The store's change notices as a Qt signal, so item models can refresh on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from journal.store import Change, Store


class StoreBridge(QObject):
    """Re-emits every committed change of ``store`` as ``changed(Change)``."""

    changed = Signal(object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._unsubscribe = store.subscribe(self._on_change)

    def _on_change(self, change: Change) -> None:
        self.changed.emit(change)

    def detach(self) -> None:
        self._unsubscribe()
