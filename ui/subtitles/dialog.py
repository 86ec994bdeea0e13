"""Film → Subtitles…: attach a subtitle file, see what was read, fit a track to the film, remove it.

Every change is an undo step on the window's stack (Ctrl+Z works here and after closing).
Reading happens before anything is written: a refused file leaves the journal as it was, and
the report says what was read, in which encoding, and which cues were skipped and where.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError
from journal.store import Change, FilmRow, Store
from journal.subtitles import storage
from journal.subtitles.align import FPS_FILM, FPS_PAL
from journal.subtitles.reading import SubtitleFile, read_file
from journal.subtitles.storage import TrackRow
from ui import commands
from ui.bridge import StoreBridge
from ui.subtitles.commands import AlignTrack, AttachTrack, DeleteTrack

# What the encoding box offers besides detection: the encodings real subtitle files come in.
ENCODINGS = (
    ("Detect automatically", None),
    ("UTF-8", "utf-8"),
    ("UTF-16", "utf-16"),
    ("Windows Western (cp1252)", "cp1252"),
    ("Windows Central European (cp1250)", "cp1250"),
    ("Windows Cyrillic (cp1251)", "cp1251"),
    ("Latin-1 (ISO 8859-1)", "latin-1"),
    ("Latin-9 (ISO 8859-15)", "iso8859-15"),
)
FILE_FILTER = (
    "Subtitles (*.srt *.vtt *.ass *.ssa *.sub *.txt *.smi *.sami *.ttml *.dfxp *.mpl);;"
    "All files (*)"
)


def adjustment_text(track: TrackRow) -> str:
    """``shifted +1.5 s · rescaled ×1.0427``, or ``as in the file``."""
    parts = []
    if track.offset_ms:
        parts.append(f"shifted {track.offset_ms / 1000:+g} s")
    if abs(track.scale - 1.0) > 1e-9:
        if abs(track.scale - FPS_PAL / FPS_FILM) < 1e-6:
            parts.append(f"rescaled {FPS_PAL:g} → {FPS_FILM:g} fps")
        elif abs(track.scale - FPS_FILM / FPS_PAL) < 1e-6:
            parts.append(f"rescaled {FPS_FILM:g} → {FPS_PAL:g} fps")
        else:
            parts.append(f"rescaled ×{track.scale:.4f}")
    return " · ".join(parts) if parts else "timed as in the file"


def track_summary(track: TrackRow) -> str:
    lines = f"{track.cue_count:,} line" + ("" if track.cue_count == 1 else "s")
    source = f" · {track.file_name}" if track.file_name and track.file_name != track.name else ""
    return f"{track.name} — {lines}{source} · {adjustment_text(track)}"


class SubtitlesDialog(QDialog):
    """The film's subtitle tracks: attach, fit (shift, rescale), delete."""

    def __init__(
        self,
        store: Store,
        bridge: StoreBridge,
        undo_stack: QUndoStack,
        film: FilmRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("subtitlesDialog")
        self.store, self.stack, self.film = store, undo_stack, film
        title = film.title + (f" ({film.year})" if film.year else "")
        self.setWindowTitle(f"Subtitles — {title}")
        self.setMinimumWidth(620)
        self._last_file: Path | None = None
        self._last_track_uid: str | None = None
        self._build()
        bridge.changed.connect(self._on_change)
        self.refresh()

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        intro = QLabel(
            "The lines are copied into the journal, so it stays one file. The entry editor "
            "shows the line at each entry's position (Ctrl+D quotes it).",
            self,
        )
        intro.setWordWrap(True)
        self.tracks = QListWidget(self)
        self.tracks.setObjectName("subtitleTracks")
        self.tracks.setAccessibleName("Subtitle tracks")
        self.tracks.setMinimumHeight(90)
        self.empty = QLabel("No subtitles yet: attach a file below.", self)
        self.empty.setProperty("role", "muted")

        attach_box = QGroupBox("Attach a file", self)
        self.label_edit = QLineEdit(attach_box)
        self.label_edit.setPlaceholderText("e.g. English, or Director's commentary")
        self.language_edit = QLineEdit(attach_box)
        self.language_edit.setPlaceholderText("e.g. en")
        self.language_edit.setMaximumWidth(90)
        self.encoding = QComboBox(attach_box)
        self.encoding.setObjectName("encodingCombo")
        for label, codec in ENCODINGS:
            self.encoding.addItem(label, codec)
        self.attach_button = QPushButton("&Attach file…", attach_box)
        self.reread_button = QPushButton("Read &again in this encoding", attach_box)
        self.reread_button.setToolTip(
            "Replace the track just attached with the same file read in the chosen encoding"
        )
        self.reread_button.setEnabled(False)
        self.report = QLabel("", attach_box)
        self.report.setObjectName("subtitleReport")
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report.hide()
        form = QFormLayout()
        form.addRow("&Label:", self.label_edit)
        form.addRow("La&nguage:", self.language_edit)
        form.addRow("&Encoding:", self.encoding)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.attach_button)
        buttons_row.addWidget(self.reread_button)
        buttons_row.addStretch(1)
        attach_layout = QVBoxLayout(attach_box)
        attach_layout.addLayout(form)
        attach_layout.addLayout(buttons_row)
        attach_layout.addWidget(self.report)

        fit_box = QGroupBox("Fit the selected track to your copy", self)
        self.shift_seconds = QDoubleSpinBox(fit_box)
        self.shift_seconds.setObjectName("shiftSeconds")
        self.shift_seconds.setRange(0.1, 600.0)
        self.shift_seconds.setDecimals(1)
        self.shift_seconds.setSingleStep(0.5)
        self.shift_seconds.setValue(1.0)
        self.shift_seconds.setSuffix(" s")
        self.earlier_button = QPushButton("Ea&rlier", fit_box)
        self.later_button = QPushButton("La&ter", fit_box)
        self.to_film_button = QPushButton(f"{FPS_PAL:g} → {FPS_FILM:g} fps", fit_box)
        self.to_film_button.setToolTip(
            "The subtitles were timed for a 25 fps (PAL) release and drift later and later"
        )
        self.to_pal_button = QPushButton(f"{FPS_FILM:g} → {FPS_PAL:g} fps", fit_box)
        self.to_pal_button.setToolTip(
            "The subtitles were timed for a 23.976 fps release and come too late, more and more"
        )
        self.delete_button = QPushButton("&Delete track", fit_box)
        shift_row = QHBoxLayout()
        shift_row.addWidget(QLabel("Shift by", fit_box))
        shift_row.addWidget(self.shift_seconds)
        shift_row.addWidget(self.earlier_button)
        shift_row.addWidget(self.later_button)
        shift_row.addSpacing(16)
        shift_row.addWidget(QLabel("Rescale", fit_box))
        shift_row.addWidget(self.to_film_button)
        shift_row.addWidget(self.to_pal_button)
        shift_row.addStretch(1)
        fit_layout = QVBoxLayout(fit_box)
        fit_layout.addLayout(shift_row)
        delete_row = QHBoxLayout()
        delete_row.addWidget(self.delete_button)
        delete_row.addStretch(1)
        fit_layout.addLayout(delete_row)
        self.fit_box = fit_box

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        # Enter in a list acts on its row (the list passes the key on to the dialog too):
        # no button may take Enter as its default as well.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tracks, 1)
        layout.addWidget(self.empty)
        layout.addWidget(attach_box)
        layout.addWidget(fit_box)
        layout.addWidget(self.buttons)

        self.attach_button.clicked.connect(self.choose_file)
        self.reread_button.clicked.connect(self.read_again)
        self.earlier_button.clicked.connect(lambda: self.shift(-self.shift_seconds.value()))
        self.later_button.clicked.connect(lambda: self.shift(self.shift_seconds.value()))
        self.to_film_button.clicked.connect(lambda: self.rescale(FPS_PAL, FPS_FILM))
        self.to_pal_button.clicked.connect(lambda: self.rescale(FPS_FILM, FPS_PAL))
        self.delete_button.clicked.connect(self.delete_track)
        self.tracks.itemSelectionChanged.connect(self._update_buttons)
        # The window's Undo and Redo reach here too: every change in this dialog is a step.
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self, activated=self.stack.undo)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Redo), self, activated=self.stack.redo)

    # --- the list ------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.entity in ("subtitles", "journal") and change.film_id in (self.film.id, None):
            self.refresh()

    def refresh(self) -> None:
        selected = self.selected_track()
        keep_uid = selected.uid if selected else self._last_track_uid
        self.tracks.clear()
        try:
            found = self.store.list_subtitle_tracks(self.film.id)
        except JournalError:
            found = []
        for track in found:
            item = QListWidgetItem(track_summary(track), self.tracks)
            item.setData(Qt.ItemDataRole.UserRole, track)
            if track.uid == keep_uid:
                self.tracks.setCurrentItem(item)
        if self.tracks.currentItem() is None and self.tracks.count():
            self.tracks.setCurrentRow(0)
        self.empty.setVisible(not found)
        self.tracks.setVisible(bool(found))
        self._update_buttons()

    def selected_track(self) -> TrackRow | None:
        item = self.tracks.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        self.fit_box.setEnabled(self.selected_track() is not None)
        still_there = any(
            self.tracks.item(row).data(Qt.ItemDataRole.UserRole).uid == self._last_track_uid
            for row in range(self.tracks.count())
        )
        self.reread_button.setEnabled(self._last_file is not None and still_there)

    # --- attaching -----------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Attach subtitles", str(Path.home()), FILE_FILTER
        )
        if chosen:
            self.attach_file(Path(chosen))

    def _read(self, path: Path) -> SubtitleFile | None:
        try:
            return read_file(path, encoding=self.encoding.currentData())
        except JournalError as exc:
            self._say(f"{exc} Nothing was attached.", error=True)
            return None

    def attach_file(self, path: Path) -> bool:
        """Read ``path`` and attach it as a new track (one undo step). False if refused."""
        read = self._read(path)
        if read is None:
            return False
        values = {
            "file_name": path.name,
            "label": self.label_edit.text(),
            "language": self.language_edit.text() or None,
        }
        command = AttachTrack(self.store, self.film.uid, read.cues, values)
        try:
            commands.perform(self.stack, command)
        except JournalError as exc:
            self._say(f"{exc} Nothing was attached.", error=True)
            return False
        self._last_file, self._last_track_uid = path, command.uid
        self._say(read.report.summary())
        self.refresh()
        return True

    def read_again(self) -> bool:
        """Replace the track just attached with its file read in the chosen encoding."""
        if self._last_file is None or self._last_track_uid is None:
            return False
        read = self._read(self._last_file)
        if read is None:
            return False
        old = next(
            (
                t
                for t in self.store.list_subtitle_tracks(self.film.id)
                if t.uid == self._last_track_uid
            ),
            None,
        )
        if old is None:
            return False
        values = {"file_name": old.file_name, "label": old.label, "language": old.language}
        attach = AttachTrack(self.store, self.film.uid, read.cues, values)
        self.stack.beginMacro(f"Read {old.file_name} again as {read.report.encoding}")
        try:
            commands.perform(self.stack, DeleteTrack(self.store, self.film.uid, old.uid, old.name))
            commands.perform(self.stack, attach)
        except JournalError as exc:
            self._say(f"{exc}", error=True)
            return False
        finally:
            self.stack.endMacro()
        self._last_track_uid = attach.uid
        self._say(read.report.summary())
        self.refresh()
        return True

    def _say(self, text: str, *, error: bool = False) -> None:
        self.report.setText(text)
        self.report.setProperty("role", "error" if error else "")
        self.report.style().unpolish(self.report)
        self.report.style().polish(self.report)
        self.report.show()

    # --- fitting and deleting ------------------------------------------------------------

    def _align(self, text: str, after: tuple[int, float]) -> bool:
        track = self.selected_track()
        if track is None:
            return False
        before = (track.offset_ms, track.scale)
        command = AlignTrack(self.store, self.film.uid, track.uid, text, before, after)
        try:
            commands.perform(self.stack, command)
        except JournalError as exc:
            self._say(str(exc), error=True)
            return False
        self.refresh()
        return True

    def shift(self, seconds: float) -> bool:
        """Move the selected track's lines ``seconds`` later (negative: earlier); undoable."""
        track = self.selected_track()
        if track is None:
            return False
        try:
            after = storage.shifted(track, seconds)
        except JournalError as exc:
            self._say(str(exc), error=True)
            return False
        word = "later" if seconds > 0 else "earlier"
        return self._align(f"Shift subtitles {abs(seconds):g} s {word}", after)

    def rescale(self, subtitle_fps: float, video_fps: float) -> bool:
        """Fit the selected track timed for ``subtitle_fps`` to a ``video_fps`` copy; undoable."""
        track = self.selected_track()
        if track is None:
            return False
        try:
            after = storage.rescaled(track, subtitle_fps, video_fps)
        except JournalError as exc:
            self._say(str(exc), error=True)
            return False
        return self._align(f"Rescale subtitles {subtitle_fps:g} → {video_fps:g} fps", after)

    def delete_track(self) -> bool:
        """Delete the selected track (undoable with Ctrl+Z, so no question asked)."""
        track = self.selected_track()
        if track is None:
            return False
        try:
            commands.perform(
                self.stack, DeleteTrack(self.store, self.film.uid, track.uid, track.name)
            )
        except JournalError as exc:
            self._say(str(exc), error=True)
            return False
        self._say(f"Deleted “{track.name}”. Edit → Undo (Ctrl+Z) puts it back.")
        self.refresh()
        return True
