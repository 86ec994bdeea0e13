"""The timeline area of the journal pane: the current viewing's timeline and intensity curve,
or — with "Compare viewings" on (``COMPARE_KEY``) — every viewing of the film stacked on one
time axis with their curves overlaid, each labelled by its date.

Comparing needs two viewings; with one the toggle is off and says why. The stacked picture is
only laid out while it is shown, so opening a film pays for one timeline, not for all.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal.timeline import TimelineViewing
from ui import actions
from ui.viewing.timeline import StackedTimelines, TimelineWidget
from ui.widgets import muted

COMPARE_KEY = actions.spec("compare_viewings").keys[0]  # the key table in ui/actions.py
COMPARE_TEXT = "Compare viewings"
ONE_VIEWING_TEXT = "This viewing only"
FOLDED_TEXT = (
    "Timeline folded away: the window is too low for it and the entries — a taller one shows it"
)


class ViewingTimelines(QWidget):
    """See the module docstring."""

    entry_activated = Signal(int)  # an entry's id, of this viewing or (comparing) another
    compare_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewingTimelines")
        self._viewings: list[TimelineViewing] = []
        self._current = -1  # index of the current viewing in _viewings
        self._stale = True  # the stacked picture lags behind _viewings
        self._foldable = True
        self._comparing = False

        # The toggle is placed by the journal pane (on the Entries heading line).
        self.compare_button = QPushButton(COMPARE_TEXT, self)
        self.compare_button.setObjectName("compareButton")
        self.compare_button.setCheckable(True)
        self.compare_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.compare_button.toggled.connect(self._on_toggled)
        self.folded = QLabel(FOLDED_TEXT, self)
        self.folded.setObjectName("sectionHint")
        self.folded.setWordWrap(False)
        muted(self.folded)
        self.folded.hide()

        self.single = TimelineWidget(self)
        self.stacked = StackedTimelines(self)
        for widget in (self.single, self.stacked):
            widget.entry_activated.connect(self.entry_activated)
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.single)
        self.pages.addWidget(self.stacked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The least height is this widget's own (see minimumSizeHint), not the layout's sum.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.folded, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.pages, 1)
        self._update_toggle()
        self._fit_height()

    # --- what it shows -----------------------------------------------------------------------

    def set_viewings(self, viewings: Sequence[TimelineViewing], current: int) -> None:
        """Every viewing of the film, oldest first, and the index of the one being written."""
        self._viewings = list(viewings)
        self._current = current if 0 <= current < len(self._viewings) else -1
        self.single.set_viewing(self._viewings[self._current] if self._current >= 0 else None)
        self._stale = True
        self._update_toggle()
        if self.is_comparing():
            self._fill_stacked()
            self._fit_height()

    def viewings(self) -> list[TimelineViewing]:
        return list(self._viewings)

    def is_comparing(self) -> bool:
        """Compare viewings is on (even while the window is too low to show it)."""
        return self._comparing

    def timeline(self) -> TimelineWidget:
        """The timeline shown now (the single one or the stacked one)."""
        return self.stacked if self.is_comparing() else self.single

    def set_current_entry(self, entry_id: int | None) -> None:
        """Follow the entry selected elsewhere (its mark gets the ring)."""
        self.single.set_current_entry(entry_id)
        if self.is_comparing():
            self.stacked.set_current_entry(entry_id)

    def set_comparing(self, on: bool) -> None:
        self.compare_button.setChecked(on and self.compare_button.isEnabled())

    def toggle_compare(self) -> bool:
        """COMPARE_KEY: switch between this viewing and all of them; False when there is only
        one viewing (nothing changes)."""
        if not self.compare_button.isEnabled():
            return False
        self.compare_button.toggle()
        return True

    # --- inside ------------------------------------------------------------------------------

    def _update_toggle(self) -> None:
        can = len(self._viewings) >= 2
        self.compare_button.setEnabled(can)
        if can:
            self.compare_button.setToolTip(
                f"All {len(self._viewings)} viewings on one time axis, curves overlaid "
                f"({COMPARE_KEY})"
            )
        else:
            self.compare_button.setToolTip("Comparing needs a second viewing of this film")
            if self.compare_button.isChecked():
                self.compare_button.setChecked(False)

    def _fit_height(self) -> None:
        """Room up to the shown timeline's natural height: more would only stretch the curve."""
        self.pages.setMaximumHeight(int(self.timeline().sizeHint().height() * 1.4))
        self.setMaximumHeight(self.pages.maximumHeight())
        self.updateGeometry()
        self._fold()

    def unfolded_height(self) -> int:
        """The least height that shows the timeline rather than only its heading line."""
        return self.timeline().minimumSizeHint().height()

    def is_folded(self) -> bool:
        """True when the pane is too low for what is asked (the timeline, or comparing)."""
        return self.pages.isHidden() or self.pages.currentWidget() is not self.timeline()

    def _fold(self) -> None:
        """On a low window the timeline folds away to its heading line rather than take the
        room the entries and the editor need; given the room again, it comes back."""
        height = self.height()
        line = self.folded.sizeHint().height()
        shown: TimelineWidget | None = None
        if height >= self.unfolded_height():
            shown = self.timeline()
        elif self._comparing and height >= line + self.single.minimumSizeHint().height():
            shown = self.single  # this viewing, with a line saying why not all of them
        if self._comparing:
            self.folded.setText(
                f"Comparing {len(self._viewings)} viewings needs a taller window: their strips "
                "do not fit beside the entries and the editor"
            )
        else:
            self.folded.setText(FOLDED_TEXT)
        if shown is not None and self.pages.currentWidget() is not shown:
            self.pages.setCurrentWidget(shown)
        self.pages.setVisible(shown is not None)
        self.folded.setVisible(shown is not self.timeline())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fold()

    def set_foldable(self, foldable: bool) -> None:
        """Whether a low pane may fold the timeline away (else its least height is the
        timeline's own, and the page finds the room elsewhere)."""
        if foldable != self._foldable:
            self._foldable = foldable
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        if not self._foldable:
            return QSize(200, self.unfolded_height())
        # Folded, the pane may shrink to nothing on a very low window (its one line of
        # explanation shows where there is room for it).
        return QSize(200, 0)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.timeline().sizeHint()

    def _fill_stacked(self) -> None:
        if self._stale:
            self._stale = False
            keep = self.single.current_entry()
            self.stacked.set_viewings(self._viewings)
            if keep is not None:
                self.stacked.set_current_entry(keep.entry_id)

    def _on_toggled(self, on: bool) -> None:
        had_focus = self.timeline().hasFocus()
        # The button says what pressing it does next, so its state reads without its look.
        self.compare_button.setText(ONE_VIEWING_TEXT if on else COMPARE_TEXT)
        self._comparing = on
        if on:
            self._fill_stacked()
        self._fold()
        self._fit_height()
        if had_focus:
            self.timeline().setFocus(Qt.FocusReason.OtherFocusReason)
        self.updateGeometry()
        self.compare_toggled.emit(on)
