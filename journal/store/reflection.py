"""The store's API for reflection prompts and answers, motif threads and statistics.

Part of the :class:`journal.store.Store` facade (``Store`` inherits it), kept in its own file
so the facade stays readable: each method cleans its input, runs one transaction through
``journal.store.prompts``, and announces the change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from journal import prompts as deck_ops
from journal.errors import NotFoundError, ValidationError
from journal.prompts import Answer, Deck, ViewingContext
from journal.prompts.deck import validate_uid
from journal.rows import Change
from journal.store import prompts as ops
from journal.store.connections import Connections

if TYPE_CHECKING:  # loaded with the thread and statistics views, not at start-up
    from journal.statistics import Statistics
    from journal.threads import ThreadRow


class ReflectionApi(Connections):
    """Prompt deck, answers, threads and statistics (see the module's note)."""

    # --- the deck ------------------------------------------------------------------------

    def prompt_deck(self) -> Deck:
        """The journal's deck, hidden prompts included, in canonical order."""
        with self._read() as connection:
            return ops.deck(connection)

    def _change_deck(self, change: Callable[[Deck], Deck]) -> Deck:
        with self._write() as session:
            old = ops.session_deck(session)
            new = change(old)
            ops.write_deck(session, old, new)
        self._announce(Change("prompt", "updated"))
        return new

    def add_prompt(self, text: str, moment: str, *, uid: str | None = None) -> Deck:
        """Add the person's own prompt at the end of its moment."""
        return self._change_deck(lambda deck: deck_ops.add_prompt(deck, text, moment, uid=uid))

    def edit_prompt(self, uid: str, *, text: str | None = None, moment: str | None = None) -> Deck:
        """Change a prompt's words or moment; answers keep the words they were written under."""
        return self._change_deck(
            lambda deck: deck_ops.edit_prompt(deck, uid, text=text, moment=moment)
        )

    def set_prompt_hidden(self, uid: str, hidden: bool) -> Deck:
        return self._change_deck(lambda deck: deck_ops.set_hidden(deck, uid, hidden))

    def move_prompt(self, uid: str, steps: int) -> Deck:
        """Move a prompt up (negative) or down within its moment."""
        return self._change_deck(lambda deck: deck_ops.move_prompt(deck, uid, steps))

    def delete_prompt(self, uid: str) -> Deck:
        return self._change_deck(lambda deck: deck_ops.remove_prompt(deck, uid))

    def restore_builtin_prompts(self) -> Deck:
        """Every built-in prompt back as written and visible; the person's own stay as they are."""
        return self._change_deck(deck_ops.restore_builtins)

    def replace_deck(self, deck: Deck) -> Deck:
        """Make the deck exactly ``deck`` (an undo of a deck edit)."""
        checked = deck_ops.make_deck(deck.prompts)
        return self._change_deck(lambda _old: checked)

    # --- answers -------------------------------------------------------------------------

    def list_answers(self, viewing_id: int) -> list[Answer]:
        """A viewing's answers, oldest first."""
        with self._read() as connection:
            return ops.answers(connection, viewing_id)

    def viewing_context(self, viewing_id: int) -> ViewingContext:
        """The viewing as prompts need it, with the film's viewing before it (date, rating)."""
        with self._read() as connection:
            return ops.viewing_context(connection, viewing_id)

    def answer_prompt(
        self,
        viewing_id: int,
        prompt_uid: str,
        prompt_text: str,
        text: str,
        *,
        uid: str | None = None,
    ) -> Answer:
        """Keep an answer with the viewing, with a copy of the question's words as shown."""
        with self._read() as connection:
            context = ops.viewing_context(connection, viewing_id)
        answer = Answer(
            uid=validate_uid(uid) if uid is not None else _new_uid(),
            viewing_uid=context.uid,
            prompt_uid=validate_uid(prompt_uid, "prompt_uid"),
            prompt_text_copy=deck_ops.answers.validate_prompt_copy(prompt_text),
            text=deck_ops.validate_answer_text(text),
        )
        with self._write() as session:
            ops.insert_answer(session, viewing_id, answer)
        self._announce_answer(answer.uid, "created")
        return answer

    def edit_answer(self, uid: str, text: str) -> Answer:
        """New words for an answer; its question stays the one it was written under."""
        clean = deck_ops.validate_answer_text(text)
        with self._write() as session:
            ops.update_answer(session, uid, clean)
        self._announce_answer(uid, "updated")
        return self.get_answer(uid)

    def delete_answer(self, uid: str) -> None:
        with self._read() as connection:
            viewing_id, film_id = ops.answer_viewing(connection, uid)
        with self._write() as session:
            ops.delete_answer(session, uid)
        self._announce(Change("answer", "deleted", (viewing_id,), film_id=film_id))

    def get_answer(self, uid: str) -> Answer:
        with self._read() as connection:
            viewing_id, _film = ops.answer_viewing(connection, uid)
            for answer in ops.answers(connection, viewing_id):
                if answer.uid == uid:
                    return answer
        raise NotFoundError("that answer no longer exists")

    def _announce_answer(self, uid: str, action: str) -> None:
        with self._read() as connection:
            viewing_id, film_id = ops.answer_viewing(connection, uid)
        self._announce(Change("answer", action, (viewing_id,), film_id=film_id))

    # --- threads and statistics ----------------------------------------------------------

    def thread_rows(self, motif_ids: Sequence[int]) -> list[ThreadRow]:
        """Every entry tagged with all of ``motif_ids`` (one or two motifs), in one query;
        ``journal.threads`` orders them."""
        wanted = tuple(dict.fromkeys(motif_ids))
        if not 1 <= len(wanted) <= 2:
            raise ValidationError("motifs", "a thread follows one motif, or where two meet")
        with self._read() as connection:
            return ops.thread_rows(connection, wanted)

    def statistics(self) -> Statistics:
        """The statistics page's figures, from a few narrow queries."""
        with self._read() as connection:
            return ops.statistics(connection)


def _new_uid() -> str:
    import uuid

    return str(uuid.uuid4())
