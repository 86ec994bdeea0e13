"""View → Edit prompts…: the journal's prompt deck, one moment at a time.

Add a prompt of your own, edit one's words, hide one (it is kept but never asked), move it
up or down, delete it, or restore the built-in prompts as they came. Every change is one
undo step in the journal's history. The deck's About note says what the prompts are for.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal import prompts as deck_ops
from journal.errors import JournalError
from journal.fields import KIND_LABELS, new_uid
from journal.prompts import ABOUT, MOMENTS, Deck, Prompt, moment_prompts
from journal.store import Store
from ui import commands
from ui.prompts.commands import ChangeDeck
from ui.widgets import InlineMessage, muted

MOMENT_LABELS = {
    "viewing": "After a viewing",
    "rewatch": "On a rewatch",
    **{kind: f"Under the editor: {label}" for kind, label in KIND_LABELS.items()},
}
UID_ROLE = Qt.ItemDataRole.UserRole


class DeckDialog(QDialog):
    """The deck editor (see the module docstring)."""

    error = Signal(str)

    def __init__(self, store: Store, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deckDialog")
        self.setWindowTitle("Reflection prompts")
        self._store, self._stack = store, stack
        self._deck: Deck = deck_ops.Deck()
        self._build()
        self.reload()
        self.resize(620, 560)

    def _build(self) -> None:
        about = QLabel(ABOUT, self)
        about.setObjectName("deckAbout")
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        muted(about)
        self.moment = QComboBox(self)
        self.moment.setObjectName("deckMoment")
        for moment in MOMENTS:
            self.moment.addItem(MOMENT_LABELS.get(moment, moment), moment)
        self.moment.currentIndexChanged.connect(self.reload)
        moment_label = QLabel("&When", self)
        moment_label.setBuddy(self.moment)
        self.list = QListWidget(self)
        self.list.setObjectName("deckList")
        self.list.setAccessibleName("Prompts")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAlternatingRowColors(True)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda _item: self.edit_current())
        self.message = InlineMessage(self)

        self.add_button = QPushButton("&Add…", self)
        self.edit_button = QPushButton("&Edit…", self)
        self.hide_button = QPushButton("&Hide", self)
        self.up_button = QPushButton("Move &up", self)
        self.down_button = QPushButton("Move do&wn", self)
        self.delete_button = QPushButton("&Delete", self)
        self.restore_button = QPushButton("&Restore built-in prompts", self)
        self.add_button.clicked.connect(self.add_prompt)
        self.edit_button.clicked.connect(self.edit_current)
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.delete_button.clicked.connect(self.delete_current)
        self.restore_button.clicked.connect(self.restore_builtins)
        side = QVBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.hide_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        ):
            side.addWidget(button)
        side.addStretch(1)
        side.addWidget(self.restore_button)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(moment_label)
        top.addWidget(self.moment, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    # --- showing ---------------------------------------------------------------------------

    def current_moment(self) -> str:
        return str(self.moment.currentData())

    def current_prompt(self) -> Prompt | None:
        item = self.list.currentItem()
        return self._deck.get(item.data(UID_ROLE)) if item is not None else None

    def reload(self, *_args: object, keep: str | None = None) -> None:
        keep = keep or (self.current_prompt().uid if self.current_prompt() else None)
        try:
            self._deck = self._store.prompt_deck()
        except JournalError as exc:
            self.message.show_message(f"The prompts could not be read: {exc}")
            return
        self.list.clear()
        for prompt in moment_prompts(self._deck, self.current_moment(), include_hidden=True):
            item = QListWidgetItem(prompt.text + ("  (hidden)" if prompt.hidden else ""))
            item.setData(UID_ROLE, prompt.uid)
            if prompt.hidden:
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
                item.setForeground(self.palette().placeholderText())
            tip = "Built in" if prompt.builtin else "Your own"
            item.setToolTip(tip + (" · hidden: never asked" if prompt.hidden else ""))
            self.list.addItem(item)
            if prompt.uid == keep:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        prompt = self.current_prompt()
        row, count = self.list.currentRow(), self.list.count()
        for button in (self.edit_button, self.hide_button, self.delete_button):
            button.setEnabled(prompt is not None)
        self.hide_button.setText("S&how" if prompt is not None and prompt.hidden else "&Hide")
        self.up_button.setEnabled(prompt is not None and row > 0)
        self.down_button.setEnabled(prompt is not None and 0 <= row < count - 1)

    # --- changing --------------------------------------------------------------------------

    def _change(self, text: str, change: Callable[[], Deck], keep: str | None = None) -> bool:
        try:
            commands.perform(self._stack, ChangeDeck(self._store, text, change))
        except JournalError as exc:
            self.message.show_message(f"{exc}. The prompts are as they were.")
            return False
        self.message.clear_message()
        self.reload(keep=keep)
        return True

    def _ask_text(self, title: str, text: str) -> str | None:
        value, ok = QInputDialog.getMultiLineText(self, title, "Prompt:", text)
        return value if ok else None

    def add_prompt(self) -> None:
        text = self._ask_text("Add a prompt", "")
        if text is None:
            return
        moment = self.current_moment()
        uid = new_uid()
        self._change("Add prompt", lambda: self._store.add_prompt(text, moment, uid=uid), keep=uid)

    def edit_current(self) -> None:
        prompt = self.current_prompt()
        if prompt is None:
            return
        text = self._ask_text("Edit the prompt", prompt.text)
        if text is None or text.strip() == prompt.text:
            return
        self._change(
            "Edit prompt", lambda: self._store.edit_prompt(prompt.uid, text=text), keep=prompt.uid
        )

    def toggle_hidden(self) -> None:
        prompt = self.current_prompt()
        if prompt is not None:
            hidden = not prompt.hidden
            self._change(
                "Hide prompt" if hidden else "Show prompt",
                lambda: self._store.set_prompt_hidden(prompt.uid, hidden),
                keep=prompt.uid,
            )

    def move_current(self, steps: int) -> None:
        prompt = self.current_prompt()
        if prompt is not None:
            self._change(
                "Move prompt",
                lambda: self._store.move_prompt(prompt.uid, steps),
                keep=prompt.uid,
            )

    def delete_current(self) -> None:
        prompt = self.current_prompt()
        if prompt is not None:
            self._change("Delete prompt", lambda: self._store.delete_prompt(prompt.uid))

    def restore_builtins(self) -> None:
        self._change("Restore built-in prompts", self._store.restore_builtin_prompts)
