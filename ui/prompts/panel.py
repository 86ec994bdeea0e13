"""The questions beside the reflection: three to five prompts for the viewing, each answered
in place (saved as you type, one undo step per stretch of typing), and a key for the next.

A viewing shows the same questions each time it is opened (``journal.prompts`` ranks them by
the viewing's uid); answered ones stay, with the question as it was asked. On a rewatch, a
quiet line names the earlier viewing's date and rating, and rewatch questions come first.

Just over 400 lines on purpose: the questions, their answer boxes and their autosave share one layout and one state.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal import rules
from journal.errors import JournalError
from journal.prompts import (
    Answer,
    Deck,
    ShownPrompt,
    ViewingContext,
    choose_for_viewing,
    format_date,
    format_rating,
    next_prompt,
)
from journal.rows import Change, ViewingRow
from journal.store import Store
from ui import commands
from ui.prompts.commands import AnswerPrompt, DeleteAnswer, EditAnswer
from ui.widgets import Autosave, PlainTextField, UndoRouter, muted

# How many questions a viewing shows at first (the issue asks for three to five).
SHOWN = 4
NEXT_PROMPT_KEY = "Ctrl+Shift+P"


class _EditOfItsOwn(EditAnswer):
    """An edit after the box's own undo: never merged with the typing it took back."""

    def id(self) -> int:
        return -1


class AnswerCard(QFrame):
    """One question and the box for its answer."""

    error = Signal(str)

    def __init__(
        self,
        store: Store,
        stack: QUndoStack,
        viewing_uid: str,
        prompt_uid: str,
        question: str,
        answer: Answer | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promptCard")
        self._store, self._stack, self.viewing_uid = store, stack, viewing_uid
        self.prompt_uid, self.question = prompt_uid, question
        self.answer_uid: str | None = answer.uid if answer else None
        self.saved = answer.text if answer else ""
        self._own_step = False
        self.label = QLabel(question, self)
        self.label.setObjectName("promptQuestion")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.box = PlainTextField(self)
        self.box.setObjectName("promptAnswer")
        self.box.setAccessibleName(f"Answer: {question}")
        self.box.setPlaceholderText("Write here, or skip it")
        self.label.setBuddy(self.box)
        line = QFontMetrics(self.box.font()).lineSpacing()
        self.box.setFixedHeight(int(2.6 * line) + 12)
        self.box.setPlainText(self.saved)
        self.autosave = Autosave(self.flush, self)
        self.box.textChanged.connect(self._on_changed)
        self.autosave.save_on(self.box.focus_left)
        UndoRouter(stack, self.flush, self, self._on_field_undone).watch(self.box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(3)
        layout.addWidget(self.label)
        layout.addWidget(self.box)

    def _on_field_undone(self) -> None:
        self._own_step = True

    def _on_changed(self) -> None:
        if rules.typed_text(self.box.toPlainText()) != self.saved:
            self.autosave.schedule()

    def is_empty(self) -> bool:
        return self.answer_uid is None and not self.box.toPlainText().strip()

    def set_question(self, prompt_uid: str, question: str) -> None:
        """Ask another question in this (unanswered) place."""
        self.prompt_uid, self.question = prompt_uid, question
        self.label.setText(question)
        self.box.setAccessibleName(f"Answer: {question}")

    def flush(self) -> bool:
        """Write what was typed: a first answer, an edit, or (emptied) the answer's removal."""
        self.autosave.cancel()
        text = rules.typed_text(self.box.toPlainText())
        if text == self.saved or (self.answer_uid is None and not text.strip()):
            return True
        # The card knows its new state before the store announces it (the panel reconciles
        # with the journal on every announcement), and goes back to the old one if refused.
        before = (self.answer_uid, self.saved)
        try:
            if self.answer_uid is None:
                command = AnswerPrompt(
                    self._store, self.viewing_uid, self.prompt_uid, self.question, text
                )
                self.answer_uid, self.saved = command.uid, text
                commands.perform(self._stack, command)
            elif not text.strip():
                gone = Answer(
                    self.answer_uid, self.viewing_uid, self.prompt_uid, self.question, self.saved
                )
                self.answer_uid, self.saved = None, ""
                commands.perform(self._stack, DeleteAnswer(self._store, self.viewing_uid, gone))
                text = ""
            else:
                kind = _EditOfItsOwn if self._own_step else EditAnswer
                self.saved = text
                commands.perform(self._stack, kind(self._store, before[0], before[1], text))
                self._own_step = False
        except JournalError as exc:
            self.answer_uid, self.saved = before
            self.error.emit(f"The answer was not saved: {exc}. Your text is still here.")
            return False
        self.saved = text
        return True

    def take(self, answer: Answer | None) -> None:
        """Take in the stored answer after an undo or redo (typing in progress is kept)."""
        if self.autosave.is_pending():
            return
        self.answer_uid = answer.uid if answer else None
        self.saved = answer.text if answer else ""
        if self.box.toPlainText() != self.saved:
            self.box.setPlainText(self.saved)


class PromptsPanel(QWidget):
    """The viewing's questions (see the module docstring)."""

    error = Signal(str)
    edit_deck_requested = Signal()

    def __init__(
        self, store: Store, bridge: object, stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promptsPanel")
        self._store, self._stack = store, stack
        self._viewing: ViewingRow | None = None
        self._context: ViewingContext | None = None
        self._skipped: set[str] = set()
        self.cards: list[AnswerCard] = []
        self._build()
        bridge.changed.connect(self._on_store_changed)  # type: ignore[attr-defined]
        self.set_viewing(None)

    def _build(self) -> None:
        # Hidden where the journal pane shows the prompts as a tab named so.
        self.heading = heading = QLabel("Prompts", self)
        heading.setObjectName("sectionHeading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.context_label = QLabel("", self)
        self.context_label.setObjectName("promptsContext")
        self.context_label.setWordWrap(True)
        muted(self.context_label)
        self.next_button = QToolButton(self)
        self.next_button.setText("Another")
        self.next_button.setToolTip(f"Show the next prompt ({NEXT_PROMPT_KEY})")
        self.next_button.setAutoRaise(True)
        self.next_button.clicked.connect(self.show_next)
        self.edit_button = QToolButton(self)
        self.edit_button.setText("Edit…")
        self.edit_button.setToolTip("Add, edit, hide or reorder prompts")
        self.edit_button.setAutoRaise(True)
        self.edit_button.clicked.connect(self.edit_deck_requested)
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.next_button)
        top.addWidget(self.edit_button)
        self.top = top  # the journal pane may show the buttons on its own heading line

        self.cards_widget = QWidget(self)
        self.cards_layout = QVBoxLayout(self.cards_widget)
        self.cards_layout.setContentsMargins(0, 0, 4, 0)
        self.cards_layout.setSpacing(4)
        self.cards_layout.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.cards_widget)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A low window may squeeze the questions to a few lines (they scroll); the journal
        # pane asks for more (``comfortable_height``) through the reflection beside them.
        line = QFontMetrics(self.font()).lineSpacing()
        self.scroll.setMinimumHeight(2 * line)
        self.empty_label = QLabel("Every prompt here is answered or hidden.", self)
        self.empty_label.setWordWrap(True)
        muted(self.empty_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.context_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.scroll, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(320, self.comfortable_height())

    def comfortable_height(self) -> int:
        """Room for the heading, the rewatch line and about two questions."""
        line = QFontMetrics(self.font()).lineSpacing()
        context = 0 if self.context_label.isHidden() else 2 * line
        return int(11.5 * line) + context

    # --- the viewing -----------------------------------------------------------------------

    def viewing(self) -> ViewingRow | None:
        return self._viewing

    def set_viewing(self, viewing: ViewingRow | None) -> None:
        """Show ``viewing``'s questions (pending answers to the one left are written first)."""
        self.flush()
        same = (
            viewing is not None and self._viewing is not None and viewing.uid == self._viewing.uid
        )
        self._viewing = viewing
        if same:
            self._reconcile()
            return
        self._skipped = set()
        self._clear_cards()
        self._context = None
        if viewing is None:
            self.context_label.hide()
            self.empty_label.hide()
            self._set_enabled(False)
            return
        self._set_enabled(True)
        try:
            self._context = self._store.viewing_context(viewing.id)
            answers = self._store.list_answers(viewing.id)
            deck = self._store.prompt_deck()
        except JournalError as exc:
            self.error.emit(f"The prompts could not be read: {exc}")
            return
        self._show_context()
        for answer in answers:
            self._add_card(answer.prompt_uid, answer.prompt_text_copy, answer)
        answered = {answer.prompt_uid for answer in answers}
        for shown in choose_for_viewing(
            deck, self._context, answered, max(0, SHOWN - len(answers))
        ):
            self._add_card(shown.prompt.uid, shown.text, None)
        self._update_empty()

    def _set_enabled(self, enabled: bool) -> None:
        self.setEnabled(enabled)
        # The buttons too, wherever the journal pane has put them.
        self.next_button.setEnabled(enabled)
        self.edit_button.setEnabled(enabled)

    def _show_context(self) -> None:
        context = self._context
        if context is not None and context.rewatch and context.last_watched_on is not None:
            self.context_label.setText(
                f"A rewatch. You last watched this on {format_date(context.last_watched_on)} "
                f"({format_rating(context.last_rating)})."
            )
            self.context_label.show()
        else:
            self.context_label.hide()

    def _add_card(self, prompt_uid: str, question: str, answer: Answer | None) -> AnswerCard:
        assert self._viewing is not None
        card = AnswerCard(
            self._store, self._stack, self._viewing.uid, prompt_uid, question, answer,
            self.cards_widget,
        )  # fmt: skip
        card.error.connect(self.error)
        self.cards_layout.insertWidget(self.cards_layout.count() - 1, card)
        self.cards.append(card)
        return card

    def _remove_card(self, card: AnswerCard) -> None:
        card.autosave.cancel()
        self.cards.remove(card)
        self.cards_layout.removeWidget(card)
        card.hide()
        card.deleteLater()

    def _clear_cards(self) -> None:
        for card in list(self.cards):
            self._remove_card(card)

    def _update_empty(self) -> None:
        self.empty_label.setVisible(self._viewing is not None and not self.cards)

    # --- the next prompt -------------------------------------------------------------------

    def show_next(self) -> ShownPrompt | None:
        """Ask the next question: in the focused empty place (or the first empty one), else
        in a new place. Returns what is shown, or None when no prompt is left."""
        if self._viewing is None or self._context is None:
            return None
        try:
            deck = self._store.prompt_deck()
        except JournalError as exc:
            self.error.emit(f"The prompts could not be read: {exc}")
            return None
        answered = {card.prompt_uid for card in self.cards if card.answer_uid is not None}
        on_screen = {card.prompt_uid for card in self.cards}
        shown = next_prompt(deck, self._context, answered, on_screen | self._skipped)
        if shown is None and self._skipped:
            self._skipped = set()  # round again, past the ones on screen
            shown = next_prompt(deck, self._context, answered, on_screen)
        if shown is None:
            self.error.emit("No other prompt is left for this viewing.")
            return None
        target = self._empty_target()
        if target is None:
            target = self._add_card(shown.prompt.uid, shown.text, None)
        else:
            self._skipped.add(target.prompt_uid)
            target.set_question(shown.prompt.uid, shown.text)
        self._update_empty()
        target.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.scroll.ensureWidgetVisible(target)
        return shown

    def _empty_target(self) -> AnswerCard | None:
        focused = [card for card in self.cards if card.box.hasFocus() and card.is_empty()]
        if focused:
            return focused[0]
        return next((card for card in self.cards if card.is_empty()), None)

    # --- keeping up with the journal -------------------------------------------------------

    def flush(self) -> bool:
        """Write every pending answer now; False if one could not be written."""
        return all([card.flush() for card in self.cards])

    def is_pending(self) -> bool:
        return any(card.autosave.is_pending() for card in self.cards)

    def _on_store_changed(self, change: Change) -> None:
        if self._viewing is None:
            return
        if change.entity in ("answer", "prompt", "journal") or (
            change.entity == "viewing" and self._viewing.id in change.ids
        ):
            self._reconcile()

    def _reconcile(self) -> None:
        """Bring the places in step with the journal after an undo, a redo or a deck edit,
        leaving alone a place where typing is waiting to be written."""
        viewing = self._viewing
        if viewing is None:
            return
        try:
            viewing_id = self._store.id_for_uid("viewing", viewing.uid)
            answers = {a.uid: a for a in self._store.list_answers(viewing_id)}
            deck: Deck = self._store.prompt_deck()
        except JournalError:
            return  # the viewing is gone: the journal pane moves on
        placed = {card.answer_uid for card in self.cards if card.answer_uid}
        for card in list(self.cards):
            if card.autosave.is_pending():
                continue
            if card.answer_uid is not None and card.answer_uid in answers:
                card.take(answers[card.answer_uid])
            elif card.answer_uid is not None:
                card.take(None)  # its answer was taken back: the question stays, empty
            else:
                prompt = deck.get(card.prompt_uid)
                if prompt is None or prompt.hidden:
                    self._remove_card(card)
        for uid, answer in answers.items():
            if uid in placed or any(c.answer_uid == uid for c in self.cards):
                continue
            # An answer back (a redo): into its own question's empty place, else a new one.
            empty = [
                c for c in self.cards
                if c.prompt_uid == answer.prompt_uid and c.is_empty() and not c.autosave.is_pending()
            ]  # fmt: skip
            if empty:
                empty[0].take(answer)
            else:
                self._add_card(answer.prompt_uid, answer.prompt_text_copy, answer)
        self._update_empty()
