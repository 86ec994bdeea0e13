"""Undoable subtitle edits, in the style of ui/commands.py: applied first, then pushed, and
naming tracks by uid (undoing a delete puts the track back with its uid but a new id)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journal.errors import NotFoundError
from journal.fields import new_uid
from journal.store import Store
from journal.subtitles import storage
from journal.subtitles.cues import Cue
from ui.commands import StoreCommand


def track_id(store: Store, film_uid: str, track_uid: str) -> int:
    """The current id of a track known by its uid."""
    film_id = store.id_for_uid("film", film_uid)
    for track in store.list_subtitle_tracks(film_id):
        if track.uid == track_uid:
            return track.id
    raise NotFoundError("that subtitle track no longer exists")


class AttachTrack(StoreCommand):
    def __init__(
        self, store: Store, film_uid: str, cues: Sequence[Cue], values: dict[str, Any]
    ) -> None:
        super().__init__(store, "Attach subtitles")
        self.film_uid, self.cues, self.values = film_uid, tuple(cues), values
        self.uid = new_uid()

    def _do(self) -> Any:
        film_id = self.store.id_for_uid("film", self.film_uid)
        return self.store.attach_subtitles(film_id, self.cues, **self.values, uid=self.uid)

    def _undo(self) -> None:
        self.store.delete_subtitle_track(track_id(self.store, self.film_uid, self.uid))


class DeleteTrack(StoreCommand):
    def __init__(self, store: Store, film_uid: str, track_uid: str, name: str) -> None:
        super().__init__(store, f"Delete subtitles “{name}”")
        self.film_uid, self.track_uid = film_uid, track_uid
        self.document: dict[str, Any] | None = None

    def _do(self) -> None:
        self.document = self.store.delete_subtitle_track(
            track_id(self.store, self.film_uid, self.track_uid)
        )

    def _undo(self) -> None:
        assert self.document is not None
        self.store.restore_subtitle_track(
            self.store.id_for_uid("film", self.film_uid), self.document
        )


class AlignTrack(StoreCommand):
    """Shift or rescale a track: the adjustment before and after, so undo is exact."""

    def __init__(
        self,
        store: Store,
        film_uid: str,
        track_uid: str,
        text: str,
        before: tuple[int, float],
        after: tuple[int, float],
    ) -> None:
        super().__init__(store, text)
        self.film_uid, self.track_uid = film_uid, track_uid
        self.before, self.after = before, after

    def _set(self, adjustment: tuple[int, float]) -> Any:
        offset_ms, scale = adjustment
        return self.store.align_subtitles(
            track_id(self.store, self.film_uid, self.track_uid), offset_ms=offset_ms, scale=scale
        )

    def _do(self) -> Any:
        return self._set(self.after)

    def _undo(self) -> None:
        self._set(self.before)


class MakeMotifFromRefrain(StoreCommand):
    """A refrain becomes a motif: entries at its lines tagged, missing lines quoted."""

    def __init__(
        self,
        store: Store,
        viewing_uid: str,
        name: str,
        lines: Sequence[tuple[int, int, str]],
    ) -> None:
        super().__init__(store, f"Make motif “{name}”")
        self.viewing_uid, self.name, self.lines = viewing_uid, name, list(lines)
        self.done: storage.MotifFromRefrain | None = None

    def _do(self) -> storage.MotifFromRefrain:
        viewing_id = self.store.id_for_uid("viewing", self.viewing_uid)
        self.done = storage.make_motif_from_refrain(self.store, viewing_id, self.name, self.lines)
        return self.done

    def _undo(self) -> None:
        assert self.done is not None
        storage.undo_motif_from_refrain(self.store, self.done)
