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
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal.timeline import TimelineViewing
from ui import actions
from ui.viewing.timeline import StackedTimelines, TimelineWidget

COMPARE_KEY = actions.spec("compare_viewings").keys[0]  # the key table in ui/actions.py
# Where the pane has room, and where it is narrow (the viewing bar chooses; see its shapes).
COMPARE_TEXTS = {False: "Compare viewings", True: "Compare"}


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
        self._comparing = False

        # The toggle is placed by the journal pane (with the viewing bar's buttons).
        self.compare_button = QPushButton(COMPARE_TEXTS[False], self)
        self.compare_button.setObjectName("compareButton")
        self.compare_button.setCheckable(True)
        self.compare_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.compare_button.toggled.connect(self._on_toggled)

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
        layout.addWidget(self.pages, 1)
        self._update_toggle()

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
        self.updateGeometry()

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

    def set_curve_shown(self, shown: bool) -> None:
        """With the curves, or (a very low window) the strips and the axis alone."""
        self.single.set_curve_shown(shown)
        self.stacked.set_curve_shown(shown)
        self.updateGeometry()

    def heights(self) -> tuple[int, int, int]:
        """The shown timeline's natural height, its least, and its height without curves."""
        return self.timeline().heights()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """The shown timeline's least: its curve flattened, every strip kept."""
        return QSize(200, self.timeline().minimumSizeHint().height())

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
        # A toggle: its pressed look and its checked state (read out) say it is on.
        self.compare_button.setAccessibleDescription(
            "On: every viewing on one time axis" if on else "Off: this viewing only"
        )
        self._comparing = on
        if on:
            self._fill_stacked()
        self.pages.setCurrentWidget(self.timeline())
        if had_focus:
            self.timeline().setFocus(Qt.FocusReason.OtherFocusReason)
        self.updateGeometry()
        self.compare_toggled.emit(on)
