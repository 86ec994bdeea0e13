"""The viewing selector (which watch of the film, its date, rewatch, rating) and the viewing's
reflection. Every edit is an undo command; the widgets follow the store."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QTextCursor, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from journal import rules
from journal.errors import JournalError
from journal.fields import YEAR_MAX, YEAR_MIN
from journal.store import FilmRow, Store, ViewingRow
from ui import commands
from ui.widgets import AUTOSAVE_DELAY_MS, PlainTextField, rating_stars

RATINGS = tuple(step / 2 for step in range(1, 11))


def viewing_label(viewing: ViewingRow) -> str:
    """``2024-03-02 · rewatch · ★★★½ · 12 entries`` — what the selector shows."""
    parts = [viewing.watched_on.isoformat()]
    if viewing.rewatch:
        parts.append("rewatch")
    if viewing.rating is not None:
        parts.append(rating_stars(viewing.rating))
    count = viewing.entry_count
    parts.append(f"{count} entr{'y' if count == 1 else 'ies'}")
    return " · ".join(parts)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class DateField(QDateEdit):
    """A date typed as yyyy-MM-dd. Tab leaves the field (reading order) instead of walking
    through year, month and day; ← and → move between those."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 - Qt's names
        return QWidget.focusNextPrevChild(self, next)


class ViewingBar(QWidget):
    """Choose a viewing of the film, add one, edit its date, rewatch flag and rating, or
    delete it. ``viewing_changed`` carries the chosen ViewingRow (or None)."""

    viewing_changed = Signal(object)
    error = Signal(str)

    def __init__(self, store: Store, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("viewingBar")
        self._store = store
        self._stack = undo_stack
        self._film: FilmRow | None = None
        self._viewings: list[ViewingRow] = []
        self._current_uid: str | None = None
        self._updating = False
        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._date_timer.timeout.connect(self._apply_date)
        self._build()
        self._show_controls()

    def _build(self) -> None:
        self.selector = QComboBox(self)
        self.selector.setObjectName("viewingCombo")
        self.selector.setAccessibleName("Viewing")
        self.selector.setToolTip("Which viewing of the film you are writing about")
        # Wide enough for "2024-03-02 · rewatch · ★★★★½" where there is room; elided where not.
        self.selector.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.selector.setMinimumContentsLength(14)
        self.selector.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.new_button = QPushButton("New viewing", self)
        self.new_button.setObjectName("newViewingButton")
        self.new_button.setToolTip("Another watch of this film, dated today")
        self.delete_button = QPushButton("Delete viewing…", self)
        self.delete_button.setObjectName("deleteViewingButton")
        self.delete_button.setToolTip("Delete this viewing with its reflection and entries")

        self.date_edit = DateField(self)
        self.date_edit.setObjectName("watchedOnEdit")
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDateRange(QDate(YEAR_MIN, 1, 1), QDate(YEAR_MAX, 12, 31))
        self.date_edit.setAccessibleName("Watched on")
        self.date_edit.setToolTip("The day you watched it — type it, ← → between year, month, day")
        self.rewatch = QCheckBox("Rewatch", self)
        self.rewatch.setObjectName("rewatchCheck")
        self.rewatch.setToolTip("You had seen the film before")
        self.rating = QComboBox(self)
        self.rating.setObjectName("ratingCombo")
        self.rating.setAccessibleName("Rating")
        self.rating.setToolTip("Your rating, ½ to 5 stars in half steps, or none")
        self.rating.addItem("No rating", None)
        for value in RATINGS:
            self.rating.addItem(f"{value:g}  {rating_stars(value)}", value)

        date_label = QLabel("Watched on", self)
        date_label.setBuddy(self.date_edit)
        rating_label = QLabel("Rating", self)
        rating_label.setBuddy(self.rating)
        viewing_label_widget = QLabel("Viewing", self)
        viewing_label_widget.setBuddy(self.selector)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(viewing_label_widget)
        top.addWidget(self.selector, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)

        details = QHBoxLayout()
        details.setSpacing(8)
        details.addWidget(date_label)
        details.addWidget(self.date_edit)
        details.addSpacing(12)
        details.addWidget(self.rewatch)
        details.addSpacing(12)
        details.addWidget(rating_label)
        details.addWidget(self.rating)
        details.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(details)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        QWidget.setTabOrder(self.selector, self.new_button)
        QWidget.setTabOrder(self.new_button, self.delete_button)
        QWidget.setTabOrder(self.delete_button, self.date_edit)
        QWidget.setTabOrder(self.date_edit, self.rewatch)
        QWidget.setTabOrder(self.rewatch, self.rating)

        self.selector.currentIndexChanged.connect(self._on_selector_changed)
        self.new_button.clicked.connect(self.new_viewing)
        self.delete_button.clicked.connect(self.delete_current)
        self.date_edit.dateChanged.connect(self._on_date_changed)
        self.date_edit.editingFinished.connect(self._apply_date)
        self.rewatch.toggled.connect(self._on_rewatch_toggled)
        self.rating.currentIndexChanged.connect(self._on_rating_changed)

    # --- which film and viewing -------------------------------------------------------------

    def set_film(self, film: FilmRow | None, viewing_uid: str | None = None) -> None:
        """Show ``film``'s viewings and choose ``viewing_uid`` (default: the latest)."""
        self._date_timer.stop()
        self._film = film
        self._current_uid = viewing_uid
        self.refresh(announce=True)

    def set_film_row(self, film: FilmRow) -> None:
        """The film's details changed (title, runtime …); its viewings did not."""
        self._film = film

    def film(self) -> FilmRow | None:
        return self._film

    def viewings(self) -> list[ViewingRow]:
        return list(self._viewings)

    def current_viewing(self) -> ViewingRow | None:
        for viewing in self._viewings:
            if viewing.uid == self._current_uid:
                return viewing
        return None

    def select_viewing(self, viewing_id: int) -> bool:
        for index, viewing in enumerate(self._viewings):
            if viewing.id == viewing_id:
                self.selector.setCurrentIndex(index)
                return True
        return False

    def refresh(self, *, announce: bool = False) -> None:
        """Re-read the viewings, keeping the chosen one (by uid); if it is gone, choose the
        latest. ``viewing_changed`` is emitted when the choice changed (or ``announce``)."""
        before = self.current_viewing()
        self._viewings = self._store.list_viewings(self._film.id) if self._film else []
        uids = [v.uid for v in self._viewings]
        if self._current_uid not in uids:
            self._current_uid = uids[-1] if uids else None
        self._updating = True
        try:
            self.selector.clear()
            for viewing in self._viewings:
                self.selector.addItem(viewing_label(viewing), viewing.uid)
            if self._current_uid is not None:
                self.selector.setCurrentIndex(uids.index(self._current_uid))
            if not self._viewings:
                self.selector.addItem("No viewings yet — Ctrl+N starts one dated today", None)
        finally:
            self._updating = False
        self._show_controls()
        after = self.current_viewing()
        moved = (before.uid if before else None) != (after.uid if after else None)
        if announce or moved:
            self.viewing_changed.emit(after)

    def _show_controls(self) -> None:
        viewing = self.current_viewing()
        has_film = self._film is not None
        self.new_button.setEnabled(has_film)
        self.selector.setEnabled(bool(self._viewings))
        for widget in (self.delete_button, self.date_edit, self.rewatch, self.rating):
            widget.setEnabled(viewing is not None)
        if viewing is None:
            # Nothing to show: blank the controls rather than leave another film's values.
            self._updating = True
            try:
                self.date_edit.setDate(QDate.currentDate())
                self.rewatch.setChecked(False)
                self.rating.setCurrentIndex(0)
            finally:
                self._updating = False
            return
        self._updating = True
        try:
            if not self._date_timer.isActive():
                self.date_edit.setDate(_qdate(viewing.watched_on))
            self.rewatch.setChecked(viewing.rewatch)
            index = next(
                (
                    i
                    for i in range(self.rating.count())
                    if self.rating.itemData(i) == viewing.rating
                ),
                0,
            )
            self.rating.setCurrentIndex(index)
        finally:
            self._updating = False

    def _on_selector_changed(self, index: int) -> None:
        if self._updating or not 0 <= index < len(self._viewings):
            return
        # Chosen by uid before writing a date still being typed: that write re-reads and
        # re-sorts the viewings, after which ``index`` may name another one.
        chosen = self._viewings[index].uid
        self.flush()
        self._current_uid = chosen
        uids = [viewing.uid for viewing in self._viewings]
        if chosen in uids and self.selector.currentIndex() != uids.index(chosen):
            self._updating = True
            try:
                self.selector.setCurrentIndex(uids.index(chosen))
            finally:
                self._updating = False
        self._show_controls()
        self.viewing_changed.emit(self.current_viewing())

    # --- adding and deleting ----------------------------------------------------------------

    def new_viewing(self, watched_on: date | None = None) -> ViewingRow | None:
        """Add a viewing (today by default) and choose it."""
        if self._film is None:
            return None
        self.flush()
        values: dict[str, Any] = {"watched_on": watched_on or date.today()}
        if self._viewings:
            values["rewatch"] = True  # a second watch of the same film is a rewatch
        try:
            command = commands.CreateViewing(self._store, self._film.uid, values)
            viewing = commands.perform(self._stack, command)
        except JournalError as exc:
            self.error.emit(f"The viewing was not added: {exc}")
            return None
        self._current_uid = viewing.uid
        self.refresh(announce=True)
        return self.current_viewing()

    def delete_current(self) -> bool:
        """Delete the chosen viewing after asking (it says how many entries go with it)."""
        viewing = self.current_viewing()
        if viewing is None or self._film is None:
            return False
        self.flush()
        viewing = self._store.get_viewing(viewing.id)
        count = viewing.entry_count
        entries = f"its {count} entr{'y' if count == 1 else 'ies'}" if count else "no entries"
        answer = QMessageBox.question(
            self,
            "Delete viewing",
            f"Delete the viewing of {viewing.watched_on.isoformat()} with its reflection "
            f"and {entries}?\n\nEdit → Undo brings it back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            commands.perform(
                self._stack, commands.DeleteViewing(self._store, self._film.uid, viewing.uid)
            )
        except JournalError as exc:
            self.error.emit(f"The viewing was not deleted: {exc}")
            return False
        self.refresh()
        return True

    # --- editing date, rewatch, rating ------------------------------------------------------

    def _edit(self, after: dict[str, Any]) -> None:
        viewing = self.current_viewing()
        if viewing is None:
            return
        before = {name: getattr(viewing, name) for name in after}
        if before == after:
            return
        try:
            commands.perform(
                self._stack, commands.EditViewing(self._store, viewing.uid, before, after)
            )
        except JournalError as exc:
            self.error.emit(f"The viewing was not changed: {exc}")
            self.refresh()
            return
        self.refresh()

    def _on_date_changed(self, _value: QDate) -> None:
        if not self._updating and self.current_viewing() is not None:
            self._date_timer.start()

    def _apply_date(self) -> None:
        self._date_timer.stop()
        if self._updating:
            return
        self._edit({"watched_on": self.date_edit.date().toPython()})

    def _on_rewatch_toggled(self, checked: bool) -> None:
        if not self._updating:
            self._edit({"rewatch": checked})

    def _on_rating_changed(self, index: int) -> None:
        if not self._updating:
            self._edit({"rating": self.rating.itemData(index)})

    def flush(self) -> None:
        """Write a date still being typed."""
        if self._date_timer.isActive():
            self._apply_date()


class ReflectionEdit(PlainTextField):
    """The viewing's after-the-credits reflection, saved as you type (one undo step per
    stretch of typing)."""

    error = Signal(str)

    def __init__(self, store: Store, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reflectionEdit")
        self.setAccessibleName("Reflection")
        self.setPlaceholderText(
            "After the credits: what stayed with you? What was repaired, what was left open?"
        )
        self._store = store
        self._stack = undo_stack
        self._viewing: ViewingRow | None = None
        self._saved = ""
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._on_changed)
        self.focus_left.connect(self.flush)
        self.set_viewing(None)

    def set_viewing(self, viewing: ViewingRow | None) -> None:
        self._timer.stop()
        self._viewing = viewing
        self._saved = viewing.reflection if viewing else ""
        self._loading = True
        try:
            self.setPlainText(self._saved)
        finally:
            self._loading = False
        self.moveCursor(QTextCursor.MoveOperation.End)  # ready to go on writing
        self.setEnabled(viewing is not None)

    def viewing(self) -> ViewingRow | None:
        return self._viewing

    def is_pending(self) -> bool:
        return self._timer.isActive()

    def _on_changed(self) -> None:
        if not self._loading and self._viewing is not None:
            self._timer.start()
            self._store.warm_up_in_background()

    def flush(self) -> bool:
        self._timer.stop()
        if self._viewing is None:
            return True
        text = rules.typed_text(self.toPlainText())
        if text == self._saved:
            return True
        command = commands.EditViewing(
            self._store, self._viewing.uid, {"reflection": self._saved}, {"reflection": text}
        )
        try:
            commands.perform(self._stack, command)
        except JournalError as exc:
            self.error.emit(f"The reflection was not saved: {exc}. Your text is still here.")
            return False
        self._saved = text
        return True

    def sync_from_store(self, viewing: ViewingRow | None) -> None:
        """Take in a change made elsewhere (undo); unsaved typing is left alone."""
        if viewing is None or self._viewing is None or viewing.uid != self._viewing.uid:
            return
        untouched = self.toPlainText() == self._saved and not self._timer.isActive()
        self._viewing = viewing
        if viewing.reflection != self._saved and untouched:
            self._loading = True
            try:
                self.setPlainText(viewing.reflection)
            finally:
                self._loading = False
        self._saved = viewing.reflection
