"""Undoable edits of answers and of the prompt deck (see ui/commands.py for the pattern).

Answers are named by uid and their viewing by uid, so undoing a viewing's delete (which
gives it a new id) leaves these steps working. A deck edit keeps the whole deck before and
after: undo and redo put back exactly that deck.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from journal.fields import new_uid
from journal.prompts import Answer, Deck
from journal.store import Store
from ui.commands import StoreCommand

MERGE_ANSWER_TEXT = 1004


class AnswerPrompt(StoreCommand):
    """The first words of an answer: the answer is kept with the viewing."""

    def __init__(
        self, store: Store, viewing_uid: str, prompt_uid: str, prompt_text: str, text: str
    ) -> None:
        super().__init__(store, "Answer a prompt")
        self.viewing_uid, self.prompt_uid, self.prompt_text = viewing_uid, prompt_uid, prompt_text
        self.text = text
        self.uid = new_uid()

    def _do(self) -> Answer:
        viewing_id = self.store.id_for_uid("viewing", self.viewing_uid)
        return self.store.answer_prompt(
            viewing_id, self.prompt_uid, self.prompt_text, self.text, uid=self.uid
        )

    def _undo(self) -> None:
        self.store.delete_answer(self.uid)


class EditAnswer(StoreCommand):
    """New words for an answer; a stretch of typing is one step."""

    def __init__(self, store: Store, uid: str, before: str, after: str) -> None:
        super().__init__(store, "Edit answer")
        self.uid, self.before, self.after = uid, before, after

    def id(self) -> int:
        return MERGE_ANSWER_TEXT

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, EditAnswer) or other.uid != self.uid:
            return False
        self.after = other.after
        return True

    def _do(self) -> Answer:
        return self.store.edit_answer(self.uid, self.after)

    def _undo(self) -> None:
        self.store.edit_answer(self.uid, self.before)


class DeleteAnswer(StoreCommand):
    """An answer emptied: it goes; undo brings it back with its uid and its question."""

    def __init__(self, store: Store, viewing_uid: str, answer: Answer) -> None:
        super().__init__(store, "Delete answer")
        self.viewing_uid, self.answer = viewing_uid, answer

    def _do(self) -> None:
        self.store.delete_answer(self.answer.uid)

    def _undo(self) -> None:
        answer = self.answer
        self.store.answer_prompt(
            self.store.id_for_uid("viewing", self.viewing_uid),
            answer.prompt_uid,
            answer.prompt_text_copy,
            answer.text,
            uid=answer.uid,
        )


class ChangeDeck(StoreCommand):
    """One edit of the deck (add, edit, hide, move, delete, restore the built-ins)."""

    def __init__(self, store: Store, text: str, change: Callable[[], Deck]) -> None:
        super().__init__(store, text)
        self._change = change
        self.before: Deck | None = None
        self.after: Deck | None = None

    def _do(self) -> Any:
        if self.after is not None:  # a redo
            return self.store.replace_deck(self.after)
        self.before = self.store.prompt_deck()
        self.after = self._change()
        return self.after

    def _undo(self) -> None:
        assert self.before is not None
        self.store.replace_deck(self.before)
