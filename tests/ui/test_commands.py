"""Undo commands against a real store: every step can be undone and redone in turn."""

from ui import commands


def test_redo_after_undo_finds_a_motif_that_an_entry_brought_in(store, stack):
    """Undoing an entry takes back the motif it introduced; redoing brings it back under the
    same uid, so a later rename on the stack still applies."""
    film = commands.perform(stack, commands.CreateFilm(store, {"title": "Aftersun"}))
    viewing = commands.perform(
        stack, commands.CreateViewing(store, film.uid, {"watched_on": "2026-11-20"})
    )
    commands.perform(
        stack,
        commands.CreateEntry(
            store, viewing.uid, {"position_ms": 0, "kind": "motif", "text": "", "motifs": ["sil"]}
        ),
    )
    motif = store.find_motif("sil")
    commands.perform(stack, commands.RenameMotif(store, motif.uid, "sil", "silence"))

    stack.undo()
    stack.undo()
    assert store.find_motif("sil") is None and store.find_motif("silence") is None
    stack.redo()
    stack.redo()
    renamed = store.find_motif("silence")
    assert renamed is not None and renamed.uid == motif.uid and renamed.usage_count == 1
    assert stack.index() == stack.count()


def test_a_step_the_journal_refuses_is_reported_through_its_stack_and_dropped(store, qapp):
    stack = commands.JournalUndoStack()
    said: list[str] = []
    stack.step_failed.connect(said.append)
    film = commands.perform(stack, commands.CreateFilm(store, {"title": "Aftersun"}))
    store.delete_film(store.id_for_uid("film", film.uid))  # gone behind the stack's back
    stack.undo()
    assert said and "Could not undo" in said[0] and "no longer exists" in said[0]
    assert not hasattr(commands, "report_error")  # no module-wide sink any more


def _tagged_journal(store, entries: int):
    film = store.create_film("Late Spring")
    viewing = store.create_viewing(film.id, "2026-11-20")
    for position in range(entries):
        store.create_entry(viewing.id, position, "note", "", motifs=["clock", "train"])
    store.create_entry(viewing.id, entries, "note", "", motifs=["clock"])
    return store.find_motif("clock"), store.find_motif("train")


def _count_writes(store, monkeypatch) -> list[int]:
    """How many write transactions the store opens (one per store call)."""
    opened = [0]
    write = store._write

    def counting():
        opened[0] += 1
        return write()

    monkeypatch.setattr(store, "_write", counting)
    return opened


def test_undo_of_a_motif_merge_is_one_transaction(store, stack, monkeypatch):
    clock, train = _tagged_journal(store, 3)
    before = store.export_document()
    commands.perform(
        stack, commands.MergeMotifs(store, clock.uid, train.uid, clock.name, train.name)
    )
    assert store.find_motif("clock") is None
    writes = _count_writes(store, monkeypatch)
    stack.undo()
    assert writes == [1]
    after = store.export_document()
    assert {**after, "exported_at": None} == {**before, "exported_at": None}
    stack.redo()
    assert store.find_motif("clock") is None and store.find_motif("train").usage_count == 4


def test_undo_of_a_motif_delete_is_one_transaction(store, stack, monkeypatch):
    clock, _train = _tagged_journal(store, 3)
    before = store.export_document()
    commands.perform(stack, commands.DeleteMotif(store, clock.uid, clock.name))
    writes = _count_writes(store, monkeypatch)
    stack.undo()
    assert writes == [1]
    after = store.export_document()
    assert {**after, "exported_at": None} == {**before, "exported_at": None}
    assert store.find_motif("clock").uid == clock.uid
