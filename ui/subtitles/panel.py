"""Film → Silences & refrains…: what the film's subtitles say about what is left unsaid and
what comes back.

Silences are stretches without dialogue (music may play), listed with their start and length;
Enter (or "Make a pause entry") writes a ``pause`` entry at the selected one. Refrains are the
phrases the film repeats, each with every line that says it and when; "Pin" gathers the lines
that say it changed ("I'm so sorry, Dad" for "I'm sorry"); "Make motif" turns it into a motif
tagging the entries at those lines (see journal.subtitles.storage.make_motif_from_refrain).
Every change is an undo step on the window's stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal import timecode
from journal.errors import JournalError
from journal.store import Change, FilmRow, Store, ViewingRow
from journal.subtitles import storage
from journal.subtitles.analysis import Refrain, Silence
from ui import commands
from ui.bridge import StoreBridge
from ui.subtitles.commands import MakeMotifFromRefrain
from ui.subtitles.line import line_text

ROLE = Qt.ItemDataRole.UserRole


def length_text(length_ms: int) -> str:
    """``2:05`` (minutes and seconds), ``1:02:05`` past an hour."""
    seconds = round(length_ms / 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


class SilencesRefrainsDialog(QDialog):
    """The film's silences and refrains, from one of its subtitle tracks."""

    def __init__(
        self,
        store: Store,
        bridge: StoreBridge,
        undo_stack: QUndoStack,
        film: FilmRow,
        viewing_for_entries: Callable[[], ViewingRow | None],
        show_entry: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("silencesRefrainsDialog")
        self.store, self.stack, self.film = store, undo_stack, film
        self._viewing_for_entries = viewing_for_entries
        self._show_entry = show_entry
        self._pinned: dict[str, list[tuple[int, int, str]]] = {}  # refrain phrase → variants
        title = film.title + (f" ({film.year})" if film.year else "")
        self.setWindowTitle(f"Silences & refrains — {title}")
        self.resize(640, 520)
        self._build()
        bridge.changed.connect(self._on_change)
        self.reload()

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.track_combo = QComboBox(self)
        self.track_combo.setObjectName("trackCombo")
        self.track_label = QLabel("&Subtitles:", self)
        self.track_label.setBuddy(self.track_combo)
        self.empty = QLabel(
            "This film has no subtitles yet. Attach them with Film → Subtitles…", self
        )
        self.empty.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.track_label)
        top.addWidget(self.track_combo, 1)

        self.tabs = QTabWidget(self)
        silences_page = QWidget(self.tabs)
        self.min_seconds = QSpinBox(silences_page)
        self.min_seconds.setObjectName("minSeconds")
        self.min_seconds.setRange(1, 3600)
        self.min_seconds.setValue(20)
        self.min_seconds.setSuffix(" s")
        min_label = QLabel("At &least", silences_page)
        min_label.setBuddy(self.min_seconds)
        about = QLabel("Stretches without dialogue (music may play); end credits not counted.")
        about.setProperty("role", "muted")
        about.setWordWrap(True)
        self.silences = QTreeWidget(silences_page)
        self.silences.setObjectName("silencesList")
        self.silences.setAccessibleName("Stretches without dialogue")
        self.silences.setHeaderLabels(["Starts", "Lasts", ""])
        self.silences.setRootIsDecorated(False)
        self.silences.setUniformRowHeights(True)
        self.pause_button = QPushButton("Make a &pause entry", silences_page)
        self.pause_button.setToolTip("A Pause entry at the start of the selected stretch (Enter)")
        row = QHBoxLayout()
        row.addWidget(min_label)
        row.addWidget(self.min_seconds)
        row.addStretch(1)
        row.addWidget(self.pause_button)
        silences_layout = QVBoxLayout(silences_page)
        silences_layout.addWidget(about)
        silences_layout.addLayout(row)
        silences_layout.addWidget(self.silences, 1)
        self.tabs.addTab(silences_page, "Si&lences")

        refrains_page = QWidget(self.tabs)
        about = QLabel(
            "Phrases said in three lines or more across the film; apology and forgiveness first."
        )
        about.setProperty("role", "muted")
        about.setWordWrap(True)
        self.refrains = QTreeWidget(refrains_page)
        self.refrains.setObjectName("refrainsList")
        self.refrains.setAccessibleName("Refrains")
        self.refrains.setHeaderLabels(["Refrain / line", "At"])
        self.refrains.setUniformRowHeights(True)
        self.refrains.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.refrains.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.pin_button = QPushButton("Pi&n: gather variants", refrains_page)
        self.pin_button.setToolTip(
            "Add the lines that say the selected refrain changed (“I'm so sorry, Dad”)"
        )
        self.motif_button = QPushButton("Make &motif", refrains_page)
        self.motif_button.setToolTip(
            "A motif named after the refrain, tagging the entries at its lines; a line with no "
            "entry in this viewing gets a Dialogue entry quoting it"
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.pin_button)
        buttons.addWidget(self.motif_button)
        refrains_layout = QVBoxLayout(refrains_page)
        refrains_layout.addWidget(about)
        refrains_layout.addWidget(self.refrains, 1)
        refrains_layout.addLayout(buttons)
        self.tabs.addTab(refrains_page, "&Refrains")

        self.status = QLabel("", self)
        self.status.setObjectName("panelStatus")
        self.status.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        # Enter in a list acts on its row (the list passes the key on to the dialog too):
        # no button may take Enter as its default as well.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(close)

        for keys, slot in (
            (QKeySequence.StandardKey.Undo, undo_stack_slot(self, "undo")),
            (QKeySequence.StandardKey.Redo, undo_stack_slot(self, "redo")),
        ):
            QShortcut(QKeySequence(keys), self, activated=slot)
        self.track_combo.currentIndexChanged.connect(lambda _i: self.reload_lists())
        self.min_seconds.valueChanged.connect(lambda _v: self.load_silences())
        self.silences.itemActivated.connect(lambda _item, _col: self.make_pause())
        self.pause_button.clicked.connect(self.make_pause)
        self.pin_button.clicked.connect(self.pin)
        self.motif_button.clicked.connect(self.make_motif)
        self.silences.itemSelectionChanged.connect(self._update_buttons)
        self.refrains.itemSelectionChanged.connect(self._update_buttons)

    # --- loading -------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.entity == "subtitles" and change.film_id == self.film.id:
            self.reload()

    def reload(self) -> None:
        """The film's tracks again (one was attached, aligned or deleted)."""
        chosen = self.track_combo.currentData()
        self.track_combo.blockSignals(True)
        self.track_combo.clear()
        try:
            tracks = self.store.list_subtitle_tracks(self.film.id)
        except JournalError:
            tracks = []
        for track in tracks:
            self.track_combo.addItem(track.name, track.id)
            if track.id == chosen:
                self.track_combo.setCurrentIndex(self.track_combo.count() - 1)
        self.track_combo.blockSignals(False)
        has = bool(tracks)
        self.empty.setVisible(not has)
        self.tabs.setEnabled(has)
        for widget in (self.track_label, self.track_combo):
            widget.setVisible(len(tracks) > 1)
        self.reload_lists()

    def track_id(self) -> int | None:
        return self.track_combo.currentData()

    def reload_lists(self) -> None:
        self._pinned.clear()
        self.load_silences()
        self.load_refrains()

    def load_silences(self) -> None:
        self.silences.clear()
        track_id = self.track_id()
        if track_id is None:
            self._update_buttons()
            return
        found = self.store.subtitle_silences(track_id, min_gap_ms=self.min_seconds.value() * 1000)
        for silence in found:
            note = "before the first line" if silence.opening else ""
            item = QTreeWidgetItem(
                [timecode.format(silence.start_ms), length_text(silence.length_ms), note]
            )
            item.setData(0, ROLE, silence)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.silences.addTopLevelItem(item)
        self.silences.resizeColumnToContents(0)
        self.silences.resizeColumnToContents(1)
        if found:
            self.silences.setCurrentItem(self.silences.topLevelItem(0))
        self.tabs.setTabText(0, f"Si&lences ({len(found)})")
        self._update_buttons()

    def load_refrains(self) -> None:
        self.refrains.clear()
        track_id = self.track_id()
        if track_id is None:
            self._update_buttons()
            return
        found = self.store.subtitle_refrains(track_id)
        for refrain in found:
            self.refrains.addTopLevelItem(self._refrain_item(refrain))
        if found:
            self.refrains.setCurrentItem(self.refrains.topLevelItem(0))
            self.refrains.topLevelItem(0).setExpanded(True)
        self.tabs.setTabText(1, f"&Refrains ({len(found)})")
        self._update_buttons()

    def _refrain_item(self, refrain: Refrain) -> QTreeWidgetItem:
        lines = f"{refrain.cue_count} lines"
        item = QTreeWidgetItem([f"{refrain.label} — {lines}", ""])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setData(0, ROLE, refrain)
        for occurrence in refrain.occurrences:
            child = QTreeWidgetItem(
                [line_text([_cue(occurrence)]), timecode.format(occurrence.start_ms)]
            )
            child.setData(0, ROLE, None)
            item.addChild(child)
        return item

    # --- acting --------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        self.pause_button.setEnabled(self.selected_silence() is not None)
        refrain = self.selected_refrain()
        self.motif_button.setEnabled(refrain is not None)
        self.pin_button.setEnabled(refrain is not None and refrain.phrase not in self._pinned)

    def selected_silence(self) -> Silence | None:
        item = self.silences.currentItem()
        return item.data(0, ROLE) if item is not None else None

    def _refrain_top(self) -> QTreeWidgetItem | None:
        item = self.refrains.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item

    def selected_refrain(self) -> Refrain | None:
        item = self._refrain_top()
        return item.data(0, ROLE) if item is not None else None

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _viewing(self) -> ViewingRow | None:
        viewing = self._viewing_for_entries()
        if viewing is None:
            self._say("Could not find or start a viewing to write in")
        return viewing

    def make_pause(self) -> int | None:
        """A Pause entry at the selected silence's start (undoable); returns its id."""
        silence = self.selected_silence()
        if silence is None:
            return None
        viewing = self._viewing()
        if viewing is None:
            return None
        values = {
            "position_ms": silence.start_ms,
            "kind": "pause",
            "text": f"No one speaks for {length_text(silence.length_ms)}.",
            "intensity": None,
            "motifs": [],
        }
        try:
            entry = commands.perform(
                self.stack, commands.CreateEntry(self.store, viewing.uid, values)
            )
        except JournalError as exc:
            self._say(f"The pause entry was not added: {exc}")
            return None
        self._say(f"Added a Pause entry at {timecode.format(silence.start_ms)}.")
        self._show_entry(entry.id)
        return entry.id

    def pin(self) -> int:
        """Gather the selected refrain's near variants under it; returns how many."""
        item, refrain, track_id = self._refrain_top(), self.selected_refrain(), self.track_id()
        if item is None or refrain is None or track_id is None:
            return 0
        found = storage.variants(self.store, track_id, refrain)
        self._pinned[refrain.phrase] = [
            (v.occurrence.start_ms, v.occurrence.end_ms, v.occurrence.text) for v in found
        ]
        for variant in found:
            occurrence = variant.occurrence
            child = QTreeWidgetItem(
                [f"≈ {line_text([_cue(occurrence)])}", timecode.format(occurrence.start_ms)]
            )
            child.setToolTip(0, f"Says it changed ({variant.similarity:.0f}% alike)")
            item.addChild(child)
        item.sortChildren(1, Qt.SortOrder.AscendingOrder)
        item.setExpanded(True)
        noun = "variant" if len(found) == 1 else "variants"
        self._say(f"Pinned “{refrain.label}”: {len(found)} {noun} gathered.")
        self._update_buttons()
        return len(found)

    def make_motif(self) -> bool:
        """The selected refrain (with its pinned variants) as a motif, in one undo step."""
        refrain = self.selected_refrain()
        if refrain is None:
            return False
        viewing = self._viewing()
        if viewing is None:
            return False
        lines = [(o.start_ms, o.end_ms, o.text) for o in refrain.occurrences]
        lines += self._pinned.get(refrain.phrase, [])
        lines.sort()
        command = MakeMotifFromRefrain(self.store, viewing.uid, refrain.label, lines)
        try:
            done = commands.perform(self.stack, command)
        except JournalError as exc:
            self._say(f"The motif was not made: {exc}")
            return False
        made = len(done.created_entry_ids)
        tagged = len(done.tagged_entry_ids)
        self._say(
            f"Motif “{refrain.label}”: {tagged} existing "
            f"{'entry' if tagged == 1 else 'entries'} tagged, {made} Dialogue "
            f"{'entry' if made == 1 else 'entries'} added for lines not yet noted. "
            "Ctrl+Z takes it back."
        )
        return True


def _cue(occurrence):  # type: ignore[no-untyped-def]
    from journal.subtitles.cues import Cue

    return Cue(occurrence.start_ms, occurrence.end_ms, occurrence.text)


def undo_stack_slot(dialog: SilencesRefrainsDialog, name: str) -> Callable[[], None]:
    return lambda: getattr(dialog.stack, name)()
