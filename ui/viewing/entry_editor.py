"""The editor for one journal entry (the selected one, or a new one), saving as you type.

Edits go through undo commands: an existing entry's changed fields with ``EditEntry``
(debounced while typing, at once for the kind and intensity choosers), a new entry with
``CreateEntry`` as soon as it has text or motifs (or on Ctrl+Return). A position that is not a
timecode is answered under the field and nothing is written; the typed text stays put.

Over 400 lines on purpose: the entry's fields, their autosave, the position's inline messages and
the keyboard rhythm (Ctrl+Return, Alt+1…6, Ctrl+Z routing) all act on the one entry being edited.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from journal import rules, timecode
from journal.errors import JournalError, NotFoundError, ValidationError
from journal.fields import KIND_LABELS
from journal.records import ENTRY, limits
from journal.store import EntryRow, FilmRow, Store, ViewingRow
from ui import commands
from ui.subtitles.line import CueLine
from ui.widgets import (
    Autosave,
    ElidedLabel,
    InlineMessage,
    MotifTagEdit,
    PlainTextField,
    PositionEdit,
    UndoRouter,
    intensity_dots,
    motif_key_set,
    muted,
)

DEFAULT_KIND = "note"
ENTRY_KINDS = ENTRY["kind"].choices
_INTENSITY_LOW, _INTENSITY_HIGH = (int(limit) for limit in limits(ENTRY["intensity"]))
FIELDS = (*ENTRY.names, "motifs")

_KIND_KEYS = {getattr(Qt.Key, f"Key_{n}"): kind for n, kind in enumerate(ENTRY_KINDS, start=1)}
KIND_SHORTCUTS = ", ".join(f"Alt+{n} {KIND_LABELS[k]}" for n, k in enumerate(ENTRY_KINDS, 1))


def _snapshot(entry: EntryRow) -> dict[str, Any]:
    return {
        "position_ms": entry.position_ms,
        "kind": entry.kind,
        "text": entry.text,
        "intensity": entry.intensity,
        "motifs": list(entry.motifs),
    }


def _index_of(combo: QComboBox, value: Any) -> int:
    for index in range(combo.count()):
        if combo.itemData(index) == value:
            return index
    return 0


def _same(field: str, left: Any, right: Any) -> bool:
    if field == "motifs":
        return motif_key_set(left) == motif_key_set(right)
    return left == right


class _StepOfItsOwn(commands.EditEntry):
    """An edit that follows the field's own undo: never merged with the typing before it."""

    def id(self) -> int:
        return -1


class EntryEditor(QWidget):
    """Position, kind, text, intensity and motifs of one entry."""

    saved = Signal(int)  # the entry's id, after it was created or changed
    error = Signal(str)  # a refused or adjusted save, for the status bar
    save_and_next_requested = Signal()  # Ctrl+Return inside the editor
    # Typing began in a film with no viewing: the journal pane starts one (as Ctrl+N does)
    # and hands it over with ``attach_viewing``, the words staying where they were typed.
    viewing_needed = Signal()

    def __init__(self, store: Store, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("entryEditor")
        self._store = store
        self._stack = undo_stack
        self._film: FilmRow | None = None
        self._viewing: ViewingRow | None = None
        self._entry: EntryRow | None = None
        self._saved: dict[str, Any] | None = None  # what the store holds, for existing entries
        self._start_position = 0  # a new entry's prefilled position
        self._loading = False
        self._awaiting_viewing = False  # a film with no viewing yet: typing starts one
        self._own_step = False  # the next save follows a field's own undo: see UndoRouter
        self._timer = Autosave(self._autosave, self)
        self._build()
        self.clear()

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setObjectName("entryHeading")
        heading_font = self.heading.font()
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.status = ElidedLabel("", self)
        self.status.setObjectName("entryStatus")
        muted(self.status)
        self.hint = ElidedLabel("Ctrl+Return: next entry · Alt+1…6: kind", self)
        self.hint.setObjectName("editorHint")
        self.hint.setToolTip(
            "Ctrl+Return saves this entry and starts the next at the same position.\n"
            + KIND_SHORTCUTS
        )
        muted(self.hint)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.heading)
        top.addWidget(self.status, 1)
        top.addWidget(self.hint, 1)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.position = PositionEdit(self)
        self.position.setObjectName("positionEdit")
        self.position_message = InlineMessage(self)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kindCombo")
        for kind in ENTRY_KINDS:
            self.kind.addItem(KIND_LABELS[kind], kind)
        self.kind.setToolTip(f"What kind of note this is — {KIND_SHORTCUTS}")
        self.kind.setAccessibleName("Kind")
        self.text = PlainTextField(self)
        self.text.setObjectName("entryText")
        self.text.setPlaceholderText("What happens here, what you noticed, what it stirred in you…")
        self.text.setAccessibleName("Entry text")
        self.intensity = QComboBox(self)
        self.intensity.setObjectName("intensityCombo")
        self.intensity.addItem("— none", None)
        for level in range(_INTENSITY_LOW, _INTENSITY_HIGH + 1):
            self.intensity.addItem(f"{level}  {intensity_dots(level)}", level)
        self.intensity.setToolTip("How strongly it moved you, 1–5 (type a digit), or none")
        self.intensity.setAccessibleName("Intensity")
        self.motifs = MotifTagEdit(self)
        self.motifs.setObjectName("motifEdit")
        self.motifs.setAccessibleName("Motifs")
        self.message = InlineMessage(self)
        self.cue_line = CueLine(self._store, self)  # the subtitle at this position, if any

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        position_label = QLabel("Position", self)
        position_label.setBuddy(self.position)
        kind_label = QLabel("Kind", self)
        kind_label.setBuddy(self.kind)
        intensity_label = QLabel("Intensity", self)
        intensity_label.setBuddy(self.intensity)
        # Position, kind and intensity share a line, so the text and the reading view above
        # keep the height.
        row_one = QHBoxLayout()
        row_one.setSpacing(10)
        row_one.addWidget(self.position)
        row_one.addSpacing(8)
        row_one.addWidget(kind_label)
        row_one.addWidget(self.kind)
        self._intensity_gap = QWidget(self)
        self._intensity_gap.setFixedWidth(8)
        row_one.addWidget(self._intensity_gap)
        row_one.addWidget(intensity_label)
        row_one.addWidget(self.intensity)
        row_one.addStretch(1)
        self._intensity_label = intensity_label
        self._row_one = row_one
        grid.addWidget(position_label, 0, 0)
        grid.addLayout(row_one, 0, 1)
        grid.addWidget(self.position_message, 1, 1)
        text_label = QLabel("Text", self)
        text_label.setBuddy(self.text)
        text_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(text_label, 2, 0)
        grid.addWidget(self.text, 2, 1)
        motifs_label = QLabel("Motifs", self)
        motifs_label.setBuddy(self.motifs)
        # Where the pane is narrow, the intensity moves down beside the motifs.
        self._row_three = QHBoxLayout()
        self._row_three.setSpacing(10)
        self._row_three.addWidget(self.motifs, 1)
        grid.addWidget(motifs_label, 3, 0)
        grid.addLayout(self._row_three, 3, 1)
        self._intensity_below = False
        self._reshaping = False
        self._grid = grid
        self._field_labels = (position_label, text_label, motifs_label)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        # The editor chooses its own shape (see _fit_width): the layout may not raise its
        # least width to the wide shape's.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        layout.addWidget(self.cue_line)
        layout.addWidget(self.message)

        # Reading order: position → kind → text → intensity → motifs.
        QWidget.setTabOrder(self.position, self.kind)
        QWidget.setTabOrder(self.kind, self.text)
        QWidget.setTabOrder(self.text, self.intensity)
        QWidget.setTabOrder(self.intensity, self.motifs)

        self.position.textEdited.connect(self._on_position_edited)
        self.text.textChanged.connect(self._on_typed)
        self.motifs.textEdited.connect(self._on_typed)
        self.motifs.token_completed.connect(self._on_typed)
        self.kind.currentIndexChanged.connect(self._on_choice_changed)
        self.intensity.currentIndexChanged.connect(self._on_choice_changed)
        for field in (self.position, self.text, self.motifs):
            field.focus_left.connect(self._on_focus_left)
        for widget in self.input_widgets():
            widget.installEventFilter(self)
        self.undo_router = UndoRouter(self._stack, self.flush, self, self._on_field_undone)
        self.undo_router.watch(self.position, self.text, self.motifs)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._fit_width(event.size().width())
        super().resizeEvent(event)

    def _widths(self) -> tuple[int, int]:
        """The editor's least width with the intensity on the first line, and below it."""
        row = self._row_one.minimumSize().width()
        moved = self._row_one.spacing() * 3 + self._intensity_gap.width()
        moved += self._intensity_label.sizeHint().width()
        moved += self.intensity.minimumSizeHint().width()
        with_it, without = (row + moved, row) if self._intensity_below else (row, row - moved)
        labels = max(label.sizeHint().width() for label in self._field_labels)
        labels += self._grid.horizontalSpacing()
        return labels + with_it, labels + max(without, self._row_three.minimumSize().width())

    def _fit_width(self, width: int) -> None:
        """The intensity beside the kind where the first line has room for it, else beside
        the motifs."""
        below = width < self._widths()[0]
        if below == self._intensity_below or self._reshaping:
            return
        self._reshaping = True
        try:
            self._move_intensity(below)
        finally:
            self._reshaping = False

    def _move_intensity(self, below: bool) -> None:
        self._intensity_below = below
        for widget in (self._intensity_label, self.intensity):
            self._row_one.removeWidget(widget)
            self._row_three.removeWidget(widget)
        if below:
            self._row_three.addWidget(self._intensity_label)
            self._row_three.addWidget(self.intensity)
        else:
            stretch = self._row_one.count() - 1  # before the stretch at the end
            self._row_one.insertWidget(stretch, self.intensity)
            self._row_one.insertWidget(stretch, self._intensity_label)
        self._intensity_gap.setVisible(not below)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # As narrow as the shape with the intensity below (the editor picks its shape).
        hint = self.layout().minimumSize()
        return QSize(min(hint.width(), self._widths()[1]), hint.height())

    def input_widgets(self) -> list[QWidget]:
        """The fields, in tab order."""
        return [self.position, self.kind, self.text, self.intensity, self.motifs]

    # --- keyboard ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # Ctrl+Return and Alt+1…6 are claimed here, before any shortcut sees them: the window's
        # menu may carry the same keys, and a key must never act twice (or be ambiguous).
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            action = self._key_action(event)
            if action is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    action()
                return True
        return super().eventFilter(watched, event)

    def _key_action(self, event: QKeyEvent):
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            modifiers == Qt.KeyboardModifier.ControlModifier
        ):
            return self.save_and_next_requested.emit
        if modifiers == Qt.KeyboardModifier.AltModifier and key in _KIND_KEYS:
            kind = _KIND_KEYS[key]
            return lambda: self.set_kind(kind)
        return None

    # --- what it edits ----------------------------------------------------------------------

    def set_film(self, film: FilmRow | None) -> None:
        """The film the entries belong to (for its runtime)."""
        self._film = film
        self._update_position_message(show_errors=False)

    def clear(self) -> None:
        """No viewing to write in: an empty, disabled editor."""
        self._timer.cancel()
        self._viewing = None
        self._entry = None
        self._saved = None
        self._awaiting_viewing = False
        self._fill(0, DEFAULT_KIND, "", None, [])
        self.position.clear()
        self.heading.setText("Entry")
        self.status.setText("")
        self.setEnabled(False)

    def await_viewing(self) -> None:
        """The film has no viewing yet: a new entry at 0:00:00 that can be written. The first
        words typed ask for a viewing (``viewing_needed``); nothing is lost meanwhile."""
        self.clear()
        self._awaiting_viewing = True
        self._start_position = 0
        self._loading = True
        try:
            self.position.set_position(0)
        finally:
            self._loading = False
        self.heading.setText("New entry")
        self.status.setText("Starts a viewing dated today")
        self.setEnabled(True)
        self._update_cue_line()

    def is_awaiting_viewing(self) -> bool:
        return self._awaiting_viewing and self._viewing is None

    def attach_viewing(self, viewing: ViewingRow) -> None:
        """The viewing that typing in ``await_viewing`` asked for: what is in the fields
        becomes a new entry in it (saved after the usual pause in typing)."""
        self._awaiting_viewing = False
        self._viewing = viewing
        self._entry = None
        self._saved = None
        self._timer.schedule()
        self._show_state()

    def start_new(self, viewing: ViewingRow, position_ms: int, kind: str = DEFAULT_KIND) -> None:
        """A fresh entry in ``viewing`` at ``position_ms``; nothing is stored until it has text
        or motifs (or Ctrl+Return)."""
        self._timer.cancel()
        self._viewing = viewing
        self._entry = None
        self._saved = None
        self._start_position = position_ms
        self._fill(position_ms, kind, "", None, [])
        self.setEnabled(True)
        self._show_state()

    def load_entry(self, entry: EntryRow, viewing: ViewingRow) -> None:
        self._timer.cancel()
        self._viewing = viewing
        self._entry = entry
        self._saved = _snapshot(entry)
        self._start_position = entry.position_ms
        self._fill(entry.position_ms, entry.kind, entry.text, entry.intensity, entry.motifs)
        self.text.moveCursor(QTextCursor.MoveOperation.End)  # ready to go on writing
        self.setEnabled(True)
        self._show_state()

    def _fill(self, position_ms, kind, text, intensity, motifs) -> None:
        self._loading = True
        try:
            self.position.set_position(position_ms)
            self.kind.setCurrentIndex(_index_of(self.kind, kind))
            self.text.setPlainText(text)
            self.intensity.setCurrentIndex(_index_of(self.intensity, intensity))
            self.motifs.set_names(list(motifs))
        finally:
            self._loading = False
        self.message.clear_message()
        self._update_position_message(show_errors=False)

    def set_known_motifs(self, names: list[str]) -> None:
        self.motifs.set_known_motifs(names)

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(_index_of(self.kind, kind))

    def focus_position(self) -> None:
        self.position.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.position.selectAll()

    # --- state ------------------------------------------------------------------------------

    def viewing(self) -> ViewingRow | None:
        return self._viewing

    def entry(self) -> EntryRow | None:
        """The stored entry being edited; None for a new, unsaved one."""
        return self._entry

    def entry_id(self) -> int | None:
        return self._entry.id if self._entry else None

    def entry_uid(self) -> str | None:
        return self._entry.uid if self._entry else None

    def is_new(self) -> bool:
        return self._viewing is not None and self._entry is None

    def is_pending(self) -> bool:
        """Whether an autosave is waiting for a pause in typing."""
        return self._timer.is_pending()

    def saved_position_ms(self) -> int:
        return self._saved["position_ms"] if self._saved else self._start_position

    def values(self, *, finished_motifs_only: bool = False) -> tuple[dict[str, Any], str | None]:
        """The fields as store values, and the reason the position is refused (or None)."""
        values: dict[str, Any] = {
            "kind": self.kind.currentData(),
            "text": rules.typed_text(self.text.toPlainText()),
            "intensity": self.intensity.currentData(),
            "motifs": self.motifs.names(include_unfinished=not finished_motifs_only),
        }
        try:
            values["position_ms"] = self.position.position_ms()
        except ValidationError as exc:
            return values, exc.reason
        return values, None

    def is_dirty(self) -> bool:
        values, problem = self.values()
        if self._saved is None:
            return bool(values["text"].strip() or values["motifs"])
        if problem is not None:
            return True
        return any(not _same(f, values[f], self._saved[f]) for f in FIELDS)

    # --- saving -----------------------------------------------------------------------------

    def _on_position_edited(self, _text: str) -> None:
        self._update_position_message(show_errors=False)
        self._on_typed()

    def _on_typed(self, *_args: object) -> None:
        if self._loading:
            return
        if self._viewing is None and self._awaiting_viewing:
            self.viewing_needed.emit()  # answered with attach_viewing, or an error message
        if self._viewing is None:
            return
        self._timer.schedule()
        # The person is writing: load the write machinery now, not at the save.
        self._store.warm_up_in_background()
        self._show_state()

    def _on_field_undone(self) -> None:
        self._own_step = True

    def _on_choice_changed(self, _index: int) -> None:
        if self._loading or self._viewing is None:
            return
        # A motif name still being typed is not a motif yet.
        self.save(finished_motifs_only=True)

    def _on_focus_left(self) -> None:
        if self._viewing is not None and not self._loading:
            self.save()

    def _autosave(self) -> None:
        self.save(finished_motifs_only=True)

    def flush(self) -> bool:
        """Write what is pending now, while the editor stays where it is."""
        return self.save()

    def flush_before_leaving(self) -> bool:
        """Write what is pending before the editor moves elsewhere. Typed words are never
        dropped: if the position is not a timecode, the entry keeps (or a new one gets) the
        last good position, and ``error`` says so."""
        return self.save(leaving=True)

    def save(
        self, *, force_create: bool = False, leaving: bool = False, finished_motifs_only=False
    ) -> bool:
        """Write the changes; False if nothing could be written (the reason is shown)."""
        self._timer.cancel()
        if self.is_awaiting_viewing() and self.is_dirty():
            # Typed while no viewing could be started for it: nowhere to write yet, and the
            # words must not be thrown away.
            self._refuse_text("no viewing could be started for it")
            return False
        if self._viewing is None:
            return True
        values, problem = self.values(finished_motifs_only=finished_motifs_only)
        if problem is not None:
            if not leaving:
                self._refuse_position(problem)
                return False
            if self._saved is None and not (values["text"].strip() or values["motifs"]):
                return True
            values["position_ms"] = self.saved_position_ms()
            self.error.emit(
                f"“{self.position.text().strip()[:30]}” is not a position, so the entry was "
                f"kept at {timecode.format(values['position_ms'])}; its text is saved."
            )
        try:
            if self._saved is None:
                return self._create(values, force_create)
            return self._update(values)
        except JournalError as exc:
            self._refuse(exc)
            return False

    def _create(self, values: dict[str, Any], force: bool) -> bool:
        assert self._viewing is not None
        if not force and not (values["text"].strip() or values["motifs"]):
            self._show_state()
            return True
        bare = not (values["text"].strip() or values["motifs"] or values["intensity"])
        if bare and values["kind"] != "pause":
            # A bare marker means something only as a pause (a silence, a held look).
            self.message.show_message(
                f"Nothing to save yet: a {KIND_LABELS[values['kind']].lower()} needs words, a "
                "motif or an intensity. An empty entry is kept only as a Pause (Alt+1).",
                "warning",
            )
            self.status.setText("Not saved — empty")
            return False
        command = commands.CreateEntry(self._store, self._viewing.uid, values)
        entry = commands.perform(self._stack, command)
        self._entry = entry
        self._saved = _snapshot(entry)
        self._after_save(entry.id)
        return True

    def _update(self, values: dict[str, Any]) -> bool:
        assert self._entry is not None and self._saved is not None
        after = {f: values[f] for f in FIELDS if not _same(f, values[f], self._saved[f])}
        if not after:
            self._after_save(None)
            return True
        before = {f: self._saved[f] for f in after}
        kind = _StepOfItsOwn if self._own_step else commands.EditEntry
        command = kind(self._store, self._entry.uid, before, after)
        entry = commands.perform(self._stack, command)
        self._own_step = False
        self._entry = entry
        # Only what was written is now known to be stored: a name still being typed in the
        # motif field stays pending, and the next save compares against this.
        self._saved.update({f: _snapshot(entry)[f] for f in after})
        self._after_save(entry.id)
        if before.get("text", "").strip() and not after.get("text", "x").strip():
            # Saved as shown (the person may mean to clear it), and one key away from return.
            self.message.show_message(
                "The text is empty now and saved so — Ctrl+Z brings it back.", "info"
            )
        return True

    def _after_save(self, entry_id: int | None) -> None:
        self.message.clear_message()
        self._update_position_message(show_errors=False)
        self._show_state()
        if entry_id is not None:
            self.saved.emit(entry_id)

    def _refuse_position(self, reason: str) -> None:
        if "is not a position" in reason:
            problem = f"Not a position — use {timecode.ACCEPTED_FORMS}."
        else:
            problem = f"The position {reason}."
        self.position_message.show_message(
            f"{problem} Nothing is saved until it is fixed; your text is kept.", "error"
        )
        self.status.setText("Not saved — check the position")
        self.error.emit(f"Entry not saved yet. {problem}")

    def _refuse_text(self, reason: str) -> None:
        text = f"Not saved: {reason}. Your text is still here — New viewing, then it saves."
        self.message.show_message(text, "error")
        self.status.setText("Not saved")
        self.error.emit(text)

    def _refuse(self, exc: JournalError) -> None:
        if isinstance(exc, NotFoundError):
            text = f"This entry could not be saved: {exc}. Your text is still here."
        else:
            text = f"Not saved: {exc}. Your text is still here — change it and it saves again."
        self.message.show_message(text, "error")
        self.status.setText("Not saved")
        self.error.emit(text)

    def _update_cue_line(self) -> None:
        writing = self._viewing is not None or self._awaiting_viewing
        film_id = self._film.id if self._film is not None and writing else None
        try:
            position_ms: int | None = self.position.position_ms()
        except ValidationError:
            position_ms = None
        self.cue_line.show_at(film_id, position_ms)

    def _update_position_message(self, *, show_errors: bool) -> None:
        self._update_cue_line()
        try:
            position_ms = self.position.position_ms()
        except ValidationError as exc:
            if show_errors:
                self._refuse_position(exc.reason)
            elif self.position_message.level() != "error":
                self.position_message.clear_message()
            return
        runtime = self._film.runtime_ms if self._film else None
        if runtime is not None and position_ms > runtime:
            self.position_message.show_message(
                f"Past the film's runtime of {timecode.format(runtime)} — kept, check the position.",
                "warning",
            )
        else:
            self.position_message.clear_message()

    def _show_state(self) -> None:
        if self._viewing is None:
            return
        if self._entry is None:
            self.heading.setText("New entry")
            self.status.setText(
                "Saving…" if self._timer.is_pending() else "Saved as soon as you write"
            )
        else:
            self.heading.setText(f"Entry at {timecode.format(self._entry.position_ms)}")
            self.status.setText("Saving…" if self._timer.is_pending() else "Saved")

    # --- the store changed elsewhere (undo, motif rename, another window) -------------------

    def sync_from_store(self) -> bool:
        """Take in changes made elsewhere to the entry being edited, field by field, without
        touching fields with unsaved typing. Returns False if the entry no longer exists."""
        if self._entry is None or self._saved is None:
            return True
        try:
            entry = self._store.get_entry(self._store.id_for_uid("entry", self._entry.uid))
        except NotFoundError:
            return False
        stored = _snapshot(entry)
        values, problem = self.values()
        self._entry = entry
        self._loading = True
        try:
            for field in FIELDS:
                if _same(field, stored[field], self._saved[field]):
                    continue
                untouched = (field != "position_ms" or problem is None) and _same(
                    field, values.get(field), self._saved[field]
                )
                if untouched:
                    self._set_field(field, stored[field])
                self._saved[field] = stored[field]
        finally:
            self._loading = False
        self._update_position_message(show_errors=False)
        self._show_state()
        return True

    def _set_field(self, field: str, value: Any) -> None:
        if field == "position_ms":
            self.position.set_position(value)
        elif field == "kind":
            self.kind.setCurrentIndex(_index_of(self.kind, value))
        elif field == "text":
            self.text.setPlainText(value)
        elif field == "intensity":
            self.intensity.setCurrentIndex(_index_of(self.intensity, value))
        else:
            self.motifs.set_names(value)
