"""Entry → Re-sync entries…: move a viewing's entries to another copy of the film.

Notes written against one copy drift on another: a longer studio logo puts every moment N
seconds later (shift), and a film sped up to 25 fps on a PAL copy runs about 4 % shorter
(scale by 23.976/25, or 25/23.976 the other way). Either is one store call and one undo step
that restores the positions exactly as they were.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError
from journal.store import MovedEntries, Store, ViewingRow
from journal.watch.stamp import FILM_TO_PAL, PAL_TO_FILM
from ui import commands
from ui.messages import plural
from ui.watch.commands import MoveEntries

SHIFT, FILM_TO_PAL_CHOICE, PAL_TO_FILM_CHOICE = 0, 1, 2
MAX_SHIFT_S = 3600.0


def shift(store: Store, stack: QUndoStack, viewing: ViewingRow, delta_ms: int) -> MovedEntries:
    """Shift every entry of ``viewing`` by ``delta_ms`` (one undo step); JournalError if refused."""
    sign = "+" if delta_ms >= 0 else "−"
    text = f"Shift entries by {sign}{abs(delta_ms) / 1000:g} s"
    command = MoveEntries(
        store, viewing.uid, text, lambda viewing_id: store.shift_entries(viewing_id, delta_ms)
    )
    return commands.perform(stack, command)


def scale(store: Store, stack: QUndoStack, viewing: ViewingRow, factor: Fraction) -> MovedEntries:
    """Scale every entry of ``viewing`` by ``factor`` (one undo step); JournalError if refused."""
    text = f"Scale entries by {float(factor):.4f}"
    command = MoveEntries(
        store, viewing.uid, text, lambda viewing_id: store.scale_entries(viewing_id, factor)
    )
    return commands.perform(stack, command)


class ResyncDialog(QDialog):
    """Choose a shift (seconds, + later / − earlier) or a frame-rate conversion."""

    def __init__(self, viewing: ViewingRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Re-sync entries")
        layout = QVBoxLayout(self)
        count = plural(viewing.entry_count, "entry", "entries")
        intro = QLabel(
            f"Move the {count} of the viewing of {viewing.watched_on:%-d %b %Y} to another "
            "copy of the film. Undo (Ctrl+Z) puts them back exactly.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.shift_choice = QRadioButton("&Shift every entry by", self)
        self.seconds = QDoubleSpinBox(self)
        self.seconds.setRange(-MAX_SHIFT_S, MAX_SHIFT_S)
        self.seconds.setDecimals(1)
        self.seconds.setSuffix(" s")
        self.seconds.setToolTip("Positive: later (this copy starts later); negative: earlier")
        row = QHBoxLayout()
        row.addWidget(self.shift_choice)
        row.addWidget(self.seconds)
        row.addStretch(1)
        layout.addLayout(row)
        self.to_pal = QRadioButton(
            "From a 23.976 fps copy to a &25 fps one (PAL speed-up: entries earlier)", self
        )
        self.to_film = QRadioButton("From a 25 fps copy to a 23.976 &fps one (entries later)", self)
        for number, button in enumerate((self.shift_choice, self.to_pal, self.to_film)):
            self.group.addButton(button, number)
            if number:
                layout.addWidget(button)
        self.shift_choice.setChecked(True)
        self.seconds.valueChanged.connect(lambda _v: self.shift_choice.setChecked(True))
        note = QLabel("An entry shifted before the start stays at 0:00:00.", self)
        note.setEnabled(False)
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Re-sync")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> tuple[int, int | Fraction]:
        """(SHIFT, delta ms) or (FILM_TO_PAL_CHOICE / PAL_TO_FILM_CHOICE, factor)."""
        chosen = self.group.checkedId()
        if chosen == FILM_TO_PAL_CHOICE:
            return chosen, FILM_TO_PAL
        if chosen == PAL_TO_FILM_CHOICE:
            return chosen, PAL_TO_FILM
        return SHIFT, round(self.seconds.value() * 1000)


def apply_choice(
    store: Store, stack: QUndoStack, viewing: ViewingRow, choice: tuple[int, int | Fraction]
) -> MovedEntries:
    kind, amount = choice
    if kind == SHIFT:
        assert isinstance(amount, int)
        return shift(store, stack, viewing, amount)
    assert isinstance(amount, Fraction)
    return scale(store, stack, viewing, amount)


def open_resync(host: Any) -> ResyncDialog | None:
    """Entry → Re-sync entries…: the dialog (window-modal) for the journal pane's viewing;
    ``host`` is the main window (its store, undo stack, journal pane and status bar)."""
    viewing = host.journal.viewing_bar.current_viewing()
    if viewing is None:
        host.show_status("This film has no viewing to re-sync yet")
        return None
    viewing = host.store.get_viewing(viewing.id)
    if viewing.entry_count == 0:
        host.show_status("This viewing has no entries to re-sync yet")
        return None
    dialog = ResyncDialog(viewing, host)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def accepted() -> None:
        try:
            moved = apply_choice(host.store, host.undo_stack, viewing, dialog.choice())
        except JournalError as exc:
            host.show_error_status(f"Nothing was moved: {exc}")
            return
        host.show_undoable_status(
            f"Re-synced {plural(moved.moved, 'entry', 'entries')} (Ctrl+Z puts them back)"
        )

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog
