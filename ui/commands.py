"""Undoable edits. Each command applies one store call and knows how to take it back.

Commands name records by uid, never by id: undoing a delete re-creates the record with its
uid but a new id, and later commands on the stack must still find it.

Use :func:`perform` to run a command: it applies the change first and pushes it on the
stack only if the store accepted it, so a rejected edit leaves no undo step behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from journal.errors import JournalError
from journal.fields import new_uid
from journal.store import MotifSnapshot, Store

# Ids for QUndoCommand.mergeWith: consecutive text edits of one record merge into one step.
MERGE_ENTRY_TEXT = 1001
MERGE_VIEWING_TEXT = 1002
MERGE_FILM_TEXT = 1003


logger = logging.getLogger(__name__)


class JournalUndoStack(QUndoStack):
    """The journal's undo history. A step the journal refuses when undone or redone is
    dropped, and ``step_failed`` says why (the main window shows it in the status bar)."""

    step_failed = Signal(str)


def perform(stack: QUndoStack, command: StoreCommand) -> Any:
    """Apply ``command`` (raising JournalError if the store refuses) and push it for undo.
    Failures of its later undo/redo are told through the stack's ``step_failed``."""
    result = command.apply()
    if isinstance(stack, JournalUndoStack):
        command.report_error = stack.step_failed.emit
    stack.push(command)
    return result


class StoreCommand(QUndoCommand):
    def __init__(self, store: Store, text: str) -> None:
        super().__init__(text)
        self.store = store
        self._applied = False
        # Where a refused undo/redo is told; set by perform() from the stack it joins.
        self.report_error: Callable[[str], None] = logger.warning

    def apply(self) -> Any:
        result = self._do()
        self._applied = True
        return result

    def redo(self) -> None:
        # QUndoStack.push calls redo(); the first time, perform() has already applied it.
        if self._applied:
            self._applied = False
            return
        self._guarded(self._do, "redo")

    def undo(self) -> None:
        self._guarded(self._undo, "undo")

    def _guarded(self, step: Callable[[], Any], verb: str) -> None:
        # Qt calls undo()/redo() with nowhere for an exception to go. If the journal refuses
        # (the record changed in a way this step did not expect), say so and drop the step
        # from the history rather than leave a step that fails every time.
        try:
            step()
        except JournalError as exc:
            self.setObsolete(True)
            self.report_error(f"Could not {verb} “{self.text()}”: {exc}")

    def _do(self) -> Any:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


def _film_document(store: Store, film_uid: str) -> dict[str, Any]:
    document = store.export_document([store.id_for_uid("film", film_uid)])
    document.pop("prompts", None)  # the deck is not the film's: an undo leaves it as it is
    return document


def _prune(
    document: dict[str, Any], viewing_uid: str, entry_uid: str | None = None
) -> dict[str, Any]:
    """Keep only one viewing (and optionally one entry) of a one-film document."""
    film = document["films"][0]
    viewings = [v for v in film["viewings"] if v["uid"] == viewing_uid]
    if entry_uid is not None:
        for viewing in viewings:
            viewing["entries"] = [e for e in viewing["entries"] if e["uid"] == entry_uid]
    film["viewings"] = viewings
    return document


# --- films --------------------------------------------------------------------------------


class CreateFilm(StoreCommand):
    def __init__(self, store: Store, values: dict[str, Any]) -> None:
        super().__init__(store, f"Add film “{values.get('title', '')}”")
        self.values = values
        self.uid = new_uid()

    def _do(self) -> Any:
        return self.store.create_film(**self.values, uid=self.uid)

    def _undo(self) -> None:
        self.store.delete_film(self.store.id_for_uid("film", self.uid))


class EditFilm(StoreCommand):
    def __init__(
        self, store: Store, film_uid: str, before: dict[str, Any], after: dict[str, Any]
    ) -> None:
        super().__init__(store, f"Edit film “{after.get('title', before.get('title', ''))}”")
        self.film_uid, self.before, self.after = film_uid, before, after

    def _do(self) -> Any:
        return self.store.update_film(self.store.id_for_uid("film", self.film_uid), **self.after)

    def _undo(self) -> None:
        self.store.update_film(self.store.id_for_uid("film", self.film_uid), **self.before)


class DeleteFilm(StoreCommand):
    def __init__(self, store: Store, film_uid: str, title: str) -> None:
        super().__init__(store, f"Delete film “{title}”")
        self.film_uid = film_uid
        self.document: dict[str, Any] | None = None

    def _do(self) -> None:
        self.document = _film_document(self.store, self.film_uid)
        self.store.delete_film(self.store.id_for_uid("film", self.film_uid))

    def _undo(self) -> None:
        assert self.document is not None
        self.store.import_document(self.document)


# --- viewings -----------------------------------------------------------------------------


class CreateViewing(StoreCommand):
    def __init__(self, store: Store, film_uid: str, values: dict[str, Any]) -> None:
        super().__init__(store, "New viewing")
        self.film_uid, self.values = film_uid, values
        self.uid = new_uid()

    def _do(self) -> Any:
        return self.store.create_viewing(
            self.store.id_for_uid("film", self.film_uid), **self.values, uid=self.uid
        )

    def _undo(self) -> None:
        self.store.delete_viewing(self.store.id_for_uid("viewing", self.uid))


class EditViewing(StoreCommand):
    def __init__(
        self, store: Store, viewing_uid: str, before: dict[str, Any], after: dict[str, Any]
    ) -> None:
        super().__init__(
            store, "Edit reflection" if set(after) == {"reflection"} else "Edit viewing"
        )
        self.viewing_uid, self.before, self.after = viewing_uid, before, after

    def id(self) -> int:
        return MERGE_VIEWING_TEXT if set(self.after) == {"reflection"} else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, EditViewing) or other.viewing_uid != self.viewing_uid:
            return False
        self.after = other.after
        return True

    def _do(self) -> Any:
        return self.store.update_viewing(
            self.store.id_for_uid("viewing", self.viewing_uid), **self.after
        )

    def _undo(self) -> None:
        self.store.update_viewing(self.store.id_for_uid("viewing", self.viewing_uid), **self.before)


class DeleteViewing(StoreCommand):
    def __init__(self, store: Store, film_uid: str, viewing_uid: str) -> None:
        super().__init__(store, "Delete viewing")
        self.film_uid, self.viewing_uid = film_uid, viewing_uid
        self.document: dict[str, Any] | None = None

    def _do(self) -> None:
        self.document = _prune(_film_document(self.store, self.film_uid), self.viewing_uid)
        self.store.delete_viewing(self.store.id_for_uid("viewing", self.viewing_uid))

    def _undo(self) -> None:
        assert self.document is not None
        self.store.import_document(self.document)


# --- entries ------------------------------------------------------------------------------


class CreateEntry(StoreCommand):
    def __init__(self, store: Store, viewing_uid: str, values: dict[str, Any]) -> None:
        super().__init__(store, "Add entry")
        self.viewing_uid, self.values = viewing_uid, values
        self.uid = new_uid()
        self.motifs = _NewMotifs(store)

    def _do(self) -> Any:
        self.motifs.before_do(self.values.get("motifs", ()))
        return self.store.create_entry(
            self.store.id_for_uid("viewing", self.viewing_uid), **self.values, uid=self.uid
        )

    def _undo(self) -> None:
        self.store.delete_entry(self.store.id_for_uid("entry", self.uid))
        self.motifs.after_undo()


class EditEntry(StoreCommand):
    def __init__(
        self, store: Store, entry_uid: str, before: dict[str, Any], after: dict[str, Any]
    ) -> None:
        super().__init__(store, "Edit entry")
        self.entry_uid, self.before, self.after = entry_uid, before, after
        self.motifs = _NewMotifs(store)

    def id(self) -> int:
        return MERGE_ENTRY_TEXT if set(self.after) == {"text"} else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, EditEntry) or other.entry_uid != self.entry_uid:
            return False
        self.after = other.after
        return True

    def _do(self) -> Any:
        self.motifs.before_do(self.after.get("motifs", ()))
        return self.store.update_entry(self.store.id_for_uid("entry", self.entry_uid), **self.after)

    def _undo(self) -> None:
        self.store.update_entry(self.store.id_for_uid("entry", self.entry_uid), **self.before)
        self.motifs.after_undo()


class DeleteEntry(StoreCommand):
    def __init__(self, store: Store, film_uid: str, viewing_uid: str, entry_uid: str) -> None:
        super().__init__(store, "Delete entry")
        self.film_uid, self.viewing_uid, self.entry_uid = film_uid, viewing_uid, entry_uid
        self.document: dict[str, Any] | None = None

    def _do(self) -> None:
        document = _film_document(self.store, self.film_uid)
        self.document = _prune(document, self.viewing_uid, self.entry_uid)
        self.store.delete_entry(self.store.id_for_uid("entry", self.entry_uid))

    def _undo(self) -> None:
        assert self.document is not None
        self.store.import_document(self.document)


class _NewMotifs:
    """The motifs an entry edit brought into being by naming them.

    Undo takes them back (if nothing else uses them); redo brings them back with the same
    uid, so later steps on the stack (a rename, a merge) still find them.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.names: list[str] = []
        self.removed: list[tuple[str, str]] = []  # (name, uid) taken back by the last undo

    def before_do(self, names: Any) -> None:
        restored = []
        for name, uid in self.removed:
            if self.store.find_motif(name) is None:
                self.store.create_motif(name, uid=uid)
                restored.append(name)
        self.removed = []
        self.names = restored + [name for name in names if self.store.find_motif(name) is None]

    def after_undo(self) -> None:
        self.removed = []
        for name in self.names:
            motif = self.store.find_motif(name)
            if motif is not None and motif.usage_count == 0:
                self.removed.append((motif.name, motif.uid))
                self.store.delete_motif(motif.id)


# --- motifs -------------------------------------------------------------------------------


class CreateMotif(StoreCommand):
    def __init__(self, store: Store, name: str, description: str = "") -> None:
        super().__init__(store, f"Add motif “{name}”")
        self.name, self.description = name, description
        self.uid = new_uid()

    def _do(self) -> Any:
        return self.store.create_motif(self.name, self.description, uid=self.uid)

    def _undo(self) -> None:
        self.store.delete_motif(self.store.id_for_uid("motif", self.uid))


class RenameMotif(StoreCommand):
    def __init__(self, store: Store, motif_uid: str, old_name: str, new_name: str) -> None:
        super().__init__(store, f"Rename motif “{old_name}” to “{new_name}”")
        self.motif_uid, self.old_name, self.new_name = motif_uid, old_name, new_name

    def _do(self) -> Any:
        return self.store.rename_motif(
            self.store.id_for_uid("motif", self.motif_uid), self.new_name
        )

    def _undo(self) -> None:
        self.store.rename_motif(self.store.id_for_uid("motif", self.motif_uid), self.old_name)


class MergeMotifs(StoreCommand):
    def __init__(
        self, store: Store, source_uid: str, target_uid: str, source_name: str, target_name: str
    ) -> None:
        super().__init__(store, f"Merge motif “{source_name}” into “{target_name}”")
        self.source_uid, self.target_uid = source_uid, target_uid
        self.snapshot: MotifSnapshot | None = None
        self.moved_uids: list[str] = []

    def _do(self) -> None:
        source_id = self.store.id_for_uid("motif", self.source_uid)
        self.snapshot = self.store.motif_snapshot(source_id)
        moved = self.store.merge_motifs(source_id, self.store.id_for_uid("motif", self.target_uid))
        self.moved_uids = self.store.uids_for_ids("entry", moved)

    def _undo(self) -> None:
        # One store call, one transaction: the target gives back what the merge moved onto it
        # and the merged motif returns with its tags, or nothing changes.
        assert self.snapshot is not None
        target_id = self.store.id_for_uid("motif", self.target_uid)
        self.store.unmerge_motifs(self.snapshot, target_id, self.moved_uids)


class DeleteMotif(StoreCommand):
    def __init__(self, store: Store, motif_uid: str, name: str) -> None:
        super().__init__(store, f"Delete motif “{name}”")
        self.motif_uid = motif_uid
        self.snapshot: MotifSnapshot | None = None

    def _do(self) -> None:
        motif_id = self.store.id_for_uid("motif", self.motif_uid)
        self.snapshot = self.store.motif_snapshot(motif_id)
        self.store.delete_motif(motif_id)

    def _undo(self) -> None:
        assert self.snapshot is not None
        self.store.restore_motif(self.snapshot)
