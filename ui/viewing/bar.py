"""The viewing selector: which watch of the film, its date, rewatch and rating (the viewing's
reflection is ``ui.viewing.reflection``). Every edit is an undo command; the widgets follow
the store.

Over 400 lines for one concern: the bar lays itself out in three shapes (full labels; short
ones; short ones with the tags on a line of their own), and the delete confirmation and date
field belong with it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QSize, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError
from journal.fields import YEAR_MAX, YEAR_MIN
from journal.store import FilmRow, Store, ViewingRow
from ui import commands
from ui.messages import plural
from ui.widgets import (
    Autosave,
    ElidingComboBox,
    rating_stars,
)

RATINGS = tuple(step / 2 for step in range(1, 11))
FULL, COMPACT, NARROW = range(3)  # the bar's shapes, widest first (see ViewingBar._set_shape)
# Button texts with room, and where the pane is narrow (the tooltips say it all).
NEW_TEXT = {False: "New viewing", True: "New"}
DELETE_TEXT = {False: "Delete viewing…", True: "Delete…"}


def viewing_label(viewing: ViewingRow) -> str:
    """``2024-03-02 · rewatch · ★★★½ · 12 entries`` — what the selector shows."""
    parts = [viewing.watched_on.isoformat()]
    if viewing.rewatch:
        parts.append("rewatch")
    if viewing.rating is not None:
        parts.append(rating_stars(viewing.rating))
    count = viewing.entry_count
    parts.append(plural(count, "entry", "entries"))
    return " · ".join(parts)


def delete_prompt(viewing: ViewingRow) -> str:
    """What deleting ``viewing`` takes with it: named by date (and rewatch), its reflection
    only if it has one, and how many entries."""
    name = viewing.watched_on.isoformat() + (" (rewatch)" if viewing.rewatch else "")
    count = viewing.entry_count
    entries = f"its {plural(count, 'entry', 'entries')}"
    reflection = bool(viewing.reflection.strip())
    if reflection and count:
        consequence = f"Its reflection and {entries} go with it."
    elif reflection:
        consequence = "Its reflection goes with it."
    elif count:
        consequence = f"{entries[0].upper()}{entries[1:]} go{'es' if count == 1 else ''} with it."
    else:
        consequence = "It has no reflection and no entries."
    return (
        f"Delete the viewing of {name}?\n\n{consequence}\n\n"
        "Edit → Undo (Ctrl+Z) brings it back while the app is open."
    )


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
        self._announced_uid: str | None = None  # the viewing last told to the pane
        self._updating = False
        # Counted so that the bar's own write reloads it once (see _refresh_unless_notified).
        self._refreshes = 0
        self._refreshes_before_write = 0
        self._date_autosave = Autosave(self._apply_date, self)
        self._build()
        self._show_controls()

    def _build(self) -> None:
        self.selector = ElidingComboBox(self)
        self.selector.setObjectName("viewingCombo")
        self.selector.setAccessibleName("Viewing")
        self.selector.setToolTip("Which viewing of the film you are writing about")
        # Wide enough for "2024-03-02 · rewatch · ★★★★½" where there is room; elided where not.
        self.selector.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.selector.setMinimumContentsLength(14)
        self.selector.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.new_button = QPushButton(NEW_TEXT[False], self)
        self.new_button.setObjectName("newViewingButton")
        self.new_button.setToolTip("Another watch of this film, dated today")
        self.delete_button = QPushButton(DELETE_TEXT[False], self)
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
        self.rating = ElidingComboBox(self)
        self.rating.setObjectName("ratingCombo")
        self.rating.setAccessibleName("Rating")
        self.rating.setToolTip("Your rating, ½ to 5 stars in half steps, or none")
        self.rating.addItem("No rating", None)
        for value in RATINGS:
            self.rating.addItem(f"{value:g}  {rating_stars(value)}", value)

        # A date after today is kept (the clock may be wrong, or it is planned) and flagged.
        self.future_warning = QLabel(self)
        self.future_warning.setObjectName("futureDateWarning")
        self.future_warning.setProperty("role", "warning")
        self.future_warning.hide()

        self.date_label = QLabel("Watched on", self)
        self.date_label.setBuddy(self.date_edit)
        self.rating_label = QLabel("Rating", self)
        self.rating_label.setBuddy(self.rating)
        self.viewing_label = QLabel("Viewing", self)
        self.viewing_label.setBuddy(self.selector)
        from ui.viewing.tags import TagsField

        self.tags_edit = TagsField(store=self._store, parent=self)
        self.tags_label = QLabel("Tags", self)
        self.tags_label.setBuddy(self.tags_edit)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.viewing_label)
        top.addWidget(self.selector, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)

        details = QHBoxLayout()
        details.setSpacing(8)
        details.addWidget(self.date_label)
        details.addWidget(self.date_edit)
        details.addWidget(self.future_warning)
        details.addSpacing(12)
        details.addWidget(self.rewatch)
        details.addSpacing(12)
        details.addWidget(self.rating_label)
        details.addWidget(self.rating)
        # The tags share the details' line where there is room (a line of the page saved for
        # the entries), and have a line of their own where the pane is narrow.
        self._tags_spacer = QWidget(self)
        self._tags_spacer.setFixedWidth(4)
        details.addWidget(self._tags_spacer)
        details.addWidget(self.tags_label)
        details.addWidget(self.tags_edit, 1)
        self.tags_edit.setMinimumWidth(self.tags_edit.fontMetrics().horizontalAdvance("x") * 8)
        self._tags_row = QHBoxLayout()
        self._tags_row.setSpacing(8)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(details)
        layout.addLayout(self._tags_row)
        self._top, self._details = top, details
        # The bar chooses its own shape (see _fit_width): it must be allowed narrower than the
        # full labels need, so the layout may not raise its minimum to theirs.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._shape = FULL
        self._reshaping = False
        # What else a new viewing starts with (the window gives the lag remembered from
        # watching along); nothing by default.
        self.new_viewing_defaults: Callable[[], dict[str, Any]] = dict
        self._extra_buttons: list[tuple[QPushButton, dict[bool, str]]] = []
        self._measuring = False
        self._widths: tuple[int, int, int] | None = None  # each shape's least width
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        QWidget.setTabOrder(self.selector, self.new_button)
        QWidget.setTabOrder(self.new_button, self.delete_button)
        QWidget.setTabOrder(self.delete_button, self.date_edit)
        QWidget.setTabOrder(self.date_edit, self.rewatch)
        QWidget.setTabOrder(self.rewatch, self.rating)
        QWidget.setTabOrder(self.rating, self.tags_edit)

        self.selector.currentIndexChanged.connect(self._on_selector_changed)
        self.new_button.clicked.connect(self.new_viewing)
        self.delete_button.clicked.connect(self.delete_current)
        self.date_edit.dateChanged.connect(self._on_date_changed)
        self._date_autosave.save_on(self.date_edit.editingFinished)
        self.rewatch.toggled.connect(self._on_rewatch_toggled)
        self.rating.currentIndexChanged.connect(self._on_rating_changed)
        self.tags_edit.editingFinished.connect(self._apply_tags)

    def add_button(self, button: QPushButton, texts: dict[bool, str]) -> None:
        """One more button after "Delete viewing…" (the page's "Compare viewings"), with its
        text where there is room and where the pane is narrow."""
        self._top.addWidget(button)
        self._extra_buttons.append((button, texts))
        button.setText(texts[self._shape != FULL])
        self._widths = None  # measured again

    # --- shape: full labels where there is room, short ones where not ----------------------

    def _set_shape(self, shape: int) -> None:
        """FULL: labels and long button texts; COMPACT: short ones; NARROW: short ones, and
        the tags (with the extra buttons) on a line of their own."""
        self._reshaping, was = True, self._reshaping
        try:
            self._apply_shape(shape)
        finally:
            self._reshaping = was

    def _apply_shape(self, shape: int) -> None:
        self._shape = shape
        compact = shape != FULL
        self.new_button.setText(NEW_TEXT[compact])
        self.delete_button.setText(DELETE_TEXT[compact])
        narrow = shape == NARROW
        self._details.removeWidget(self.tags_edit)
        self._tags_row.removeWidget(self.tags_edit)
        (self._tags_row if narrow else self._details).addWidget(self.tags_edit, 1)
        self._tags_spacer.setVisible(not narrow)
        for button, texts in self._extra_buttons:
            button.setText(texts[compact])
            self._top.removeWidget(button)
            self._tags_row.removeWidget(button)
            (self._tags_row if narrow else self._top).addWidget(button)
        for label in (self.viewing_label, self.date_label, self.rating_label, self.tags_label):
            label.setVisible(not compact)
        self.selector.setMinimumContentsLength(10 if compact else 14)
        self._show_future_warning()
        for layout in (self._top, self._details, self._tags_row, self.layout()):
            layout.invalidate()

    def _measure(self) -> tuple[int, int, int]:
        """The least width of each shape (FULL, COMPACT, NARROW)."""
        if self._widths is None:
            if self._measuring:
                # Switching shapes to measure them makes Qt ask for size hints again (a style
                # or font change, a label shown); answer from the layout as it stands rather
                # than measuring inside the measurement, which recursed until the app crashed.
                width = self.layout().minimumSize().width()
                return (width, width, width)
            self._measuring = True
            try:
                was = self._shape
                widths = []
                for shape in (FULL, COMPACT, NARROW):
                    self._set_shape(shape)
                    widths.append(self.layout().minimumSize().width())
                self._set_shape(was)
            finally:
                self._measuring = False
            self._widths = (widths[0], widths[1], widths[2])
        return self._widths

    def is_compact(self) -> bool:
        """Short labels (the pane is narrower than the full ones need)."""
        return self._shape != FULL

    def shape(self) -> int:
        return self._shape

    def comfortable_width(self) -> int:
        """The least width that keeps the tags on the details' line (short labels)."""
        return self._measure()[COMPACT]

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = self.layout().minimumSize()
        return QSize(self._measure()[NARROW], hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = self.layout().sizeHint()
        return QSize(max(hint.width(), self._measure()[FULL]), hint.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._fit_width(event.size().width())
        super().resizeEvent(event)

    def _fit_width(self, width: int) -> None:
        if self._measuring or self._reshaping:
            return  # moving widgets between lines resizes the bar: no shape inside a shape
        full, compact, _narrow = self._measure()
        shape = FULL if width >= full else COMPACT if width >= compact else NARROW
        if shape != self._shape:
            self._set_shape(shape)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # re-measure
            self._widths = None
        super().changeEvent(event)

    def _show_future_warning(self) -> None:
        watched = self.date_edit.date().toPython()
        future = self.current_viewing() is not None and watched > date.today()
        text = "⚠" if self._shape != FULL else "⚠ after today"
        self.future_warning.setText(text)
        self.future_warning.setToolTip(
            f"{watched.isoformat()} is after today ({date.today().isoformat()}). It is kept "
            "as typed — check the date if that is not what you meant."
            if future
            else ""
        )
        self.future_warning.setVisible(future)

    # --- which film and viewing -------------------------------------------------------------

    def set_film(self, film: FilmRow | None, viewing_uid: str | None = None) -> None:
        """Show ``film``'s viewings and choose ``viewing_uid`` (default: the latest)."""
        self._date_autosave.cancel()
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
        self._refreshes += 1
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
        if announce or moved or (after.uid if after else None) != self._announced_uid:
            self._announce(after)

    def _refresh_unless_notified(self) -> None:
        """After the bar's own write: the store's change notice (passed on by the journal
        pane) has normally refreshed the bar already; reload only if none did."""
        if self._refreshes == self._refreshes_before_write:
            self.refresh()

    def _perform(self, command: Any) -> Any:
        self._refreshes_before_write = self._refreshes
        return commands.perform(self._stack, command)

    def _announce(self, viewing: ViewingRow | None) -> None:
        self._announced_uid = viewing.uid if viewing else None
        self.viewing_changed.emit(viewing)

    def _show_controls(self) -> None:
        viewing = self.current_viewing()
        has_film = self._film is not None
        self.new_button.setEnabled(has_film)
        self.selector.setEnabled(bool(self._viewings))
        for widget in (
            self.delete_button,
            self.date_edit,
            self.rewatch,
            self.rating,
            self.tags_edit,
        ):
            widget.setEnabled(viewing is not None)
        if viewing is None:
            # Nothing to show: blank the controls rather than leave another film's values.
            self._updating = True
            try:
                self.date_edit.setDate(QDate.currentDate())
                self.rewatch.setChecked(False)
                self.rating.setCurrentIndex(0)
                self.tags_edit.clear()
            finally:
                self._updating = False
            self._show_future_warning()
            return
        self._updating = True
        try:
            if not self._date_autosave.is_pending():
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
            if not self.tags_edit.isModified():
                from ui.viewing.tags import join_tags

                self.tags_edit.setText(join_tags(viewing.tags))
        finally:
            self._updating = False
        self._show_future_warning()

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
        self._announce(self.current_viewing())

    # --- adding and deleting ----------------------------------------------------------------

    def new_viewing(self, watched_on: date | None = None) -> ViewingRow | None:
        """Add a viewing (today by default) and choose it."""
        if self._film is None:
            return None
        self.flush()
        values: dict[str, Any] = {**self.new_viewing_defaults()}
        values["watched_on"] = watched_on or date.today()
        if self._viewings:
            values["rewatch"] = True  # a second watch of the same film is a rewatch
        command = commands.CreateViewing(self._store, self._film.uid, values)
        chosen_before, self._current_uid = self._current_uid, command.uid
        try:
            self._perform(command)
        except JournalError as exc:
            self._current_uid = chosen_before
            self.error.emit(f"The viewing was not added: {exc}")
            return None
        # Chosen (and announced) by the refresh the store's change notice brought.
        self._refresh_unless_notified()
        return self.current_viewing()

    def delete_current(self) -> bool:
        """Delete the chosen viewing after asking (it says how many entries go with it)."""
        viewing = self.current_viewing()
        if viewing is None or self._film is None:
            return False
        self.flush()
        viewing = self._store.get_viewing(viewing.id)
        answer = QMessageBox.question(
            self,
            "Delete viewing",
            delete_prompt(viewing),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self._perform(commands.DeleteViewing(self._store, self._film.uid, viewing.uid))
        except JournalError as exc:
            self.error.emit(f"The viewing was not deleted: {exc}")
            return False
        self._refresh_unless_notified()
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
            self._perform(commands.EditViewing(self._store, viewing.uid, before, after))
        except JournalError as exc:
            self.error.emit(f"The viewing was not changed: {exc}")
            self.refresh()  # back to what the store holds
            return
        self._refresh_unless_notified()

    def _on_date_changed(self, _value: QDate) -> None:
        if not self._updating and self.current_viewing() is not None:
            self._date_autosave.schedule()
        self._show_future_warning()

    def _apply_date(self) -> None:
        self._date_autosave.cancel()
        if self._updating:
            return
        self._edit({"watched_on": self.date_edit.date().toPython()})

    def _on_rewatch_toggled(self, checked: bool) -> None:
        if not self._updating:
            self._edit({"rewatch": checked})

    def _on_rating_changed(self, index: int) -> None:
        if not self._updating:
            self._edit({"rating": self.rating.itemData(index)})

    def _apply_tags(self) -> None:
        """Save the tags typed (one undo step); the field then shows the journal's spelling."""
        from ui.viewing.tags import EditViewingTags, split_tags

        viewing = self.current_viewing()
        if self._updating or viewing is None or not self.tags_edit.isModified():
            return
        self.tags_edit.setModified(False)
        after = split_tags(self.tags_edit.text())
        if sorted(name.casefold() for name in after) == sorted(t.casefold() for t in viewing.tags):
            return
        try:
            commands.perform(
                self._stack, EditViewingTags(self._store, viewing.uid, viewing.tags, after)
            )
        except JournalError as exc:
            self.error.emit(f"The tags were not saved: {exc}. What you typed is still there.")
            self.tags_edit.setModified(True)
            return
        self.refresh()

    def flush(self) -> None:
        """Write a date or tags still being typed."""
        self._date_autosave.flush()
        self._apply_tags()
