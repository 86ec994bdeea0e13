"""One quiet line under the entry editor: a short prompt for the kind of entry being written
(a pause, a motif, a line of dialogue…). It asks nothing to be answered; it only keeps a
question in view, and stays out of the way of the keyboard."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from journal.errors import JournalError
from journal.prompts import Deck, line_for_entry
from journal.rows import Change
from journal.store import Store
from ui.widgets import ElidedLabel, muted


class KindPromptLine(ElidedLabel):
    """The prompt for the kind chosen in ``kind_combo`` (its item data is the kind)."""

    def __init__(
        self,
        store: Store,
        bridge: object,
        kind_combo: QComboBox,
        key: object = None,
        parent: QWidget | None = None,
        *,
        field: QPlainTextEdit | None = None,
    ) -> None:
        super().__init__("", parent)
        # Given a text field, the prompt is that field's placeholder (shown until one
        # writes) instead of a line of its own; the field's own placeholder is the fallback.
        self._field = field
        self._default_placeholder = field.placeholderText() if field is not None else ""
        self.setObjectName("kindPrompt")
        muted(self)
        font = self.font()
        font.setItalic(True)
        self.setFont(font)
        self._store = store
        self._combo = kind_combo
        # Which of a kind's prompts shows: the same for a viewing each time (None: the first).
        self._key = key if callable(key) else (lambda: "")
        self._deck: Deck | None = None
        self._enabled = True
        kind_combo.currentIndexChanged.connect(self.refresh)
        bridge.changed.connect(self._on_store_changed)  # type: ignore[attr-defined]
        self.refresh()

    def set_enabled_by_setting(self, enabled: bool) -> None:
        self._enabled = enabled
        self.refresh()

    def _on_store_changed(self, change: Change) -> None:
        if change.entity in ("prompt", "journal"):
            self._deck = None
            self.refresh()

    def refresh(self, *_args: object) -> None:
        kind = self._combo.currentData()
        prompt = None
        if self._enabled and isinstance(kind, str):
            try:
                if self._deck is None:
                    self._deck = self._store.prompt_deck()
                prompt = line_for_entry(self._deck, kind, str(self._key() or ""))
            except JournalError:
                prompt = None
        self.setText(prompt.text if prompt else "")
        self.setToolTip(f"A prompt for this kind of entry: {prompt.text}" if prompt else "")
        if self._field is not None:
            self._field.setPlaceholderText(prompt.text if prompt else self._default_placeholder)
            self.setVisible(False)
            return
        self.setVisible(prompt is not None)
