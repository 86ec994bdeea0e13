"""The journal page's vertical split: the timeline area, the reading view, the writing (editor
and earlier-viewings panel), and how room is shared between them.

- The first real height gives the timeline its natural height on a tall window, its least
  (the curve flatter) on a lower one, and folds it to one line when even that would squeeze
  the reading and the writing below their least; the writing gets its least and a little
  more (while the reading keeps room for a few blocks); the reading takes the rest.
- A window made taller unfolds a folded timeline again, from the reading's share.
- Comparing viewings (a strip per viewing) takes the room it needs from the reading, then,
  through the page's layout, from the reflection (down to its least); back to one viewing,
  the sizes from before are restored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSplitter, QWidget

from ui.viewing.compare import ViewingTimelines

TIMELINE, READING, WRITING = range(3)
READING_ROOM = 150  # about three short blocks


class PageSplitter(QSplitter):
    """See the module docstring. ``reflection_spare`` says how many pixels the reflection
    above could give up (its height less its least)."""

    def __init__(
        self,
        timelines: ViewingTimelines,
        reading: QWidget,
        writing: QWidget,
        reflection_spare: Callable[[], int],
        writing_line: Callable[[], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("journalSplitter")
        self.setChildrenCollapsible(False)
        self.setHandleWidth(10)
        self.timelines = timelines
        self._reflection_spare = reflection_spare
        self._writing_line = writing_line
        for widget in (timelines, reading, writing):
            self.addWidget(widget)
        # Room goes to the reading first, then to the writing; the timeline keeps its own.
        self.setStretchFactor(TIMELINE, 0)
        self.setStretchFactor(READING, 3)
        self.setStretchFactor(WRITING, 2)
        self.sized = False
        self._before_compare: list[int] | None = None
        timelines.compare_toggled.connect(self.fit_for_compare)

    def _least(self, pane: int) -> int:
        widget = self.widget(pane)
        assert widget is not None
        return widget.minimumSizeHint().height()

    def size_once(self) -> None:
        height = self.height()
        if self.sized or not self.isVisible() or height < 200:
            return
        self.sized = True
        handles = 2 * self.handleWidth()
        others = self._least(READING) + self._least(WRITING)
        unfolded = self.timelines.unfolded_height()
        if height - handles - others >= unfolded:
            wanted = self.timelines.sizeHint().height() if height > 600 else unfolded
            timeline = max(unfolded, min(wanted, int(height * 0.35)))
        else:
            timeline = self.timelines.minimumSizeHint().height()
        rest = height - handles - timeline
        least = self._least(WRITING)
        writing = max(least, min(int(rest * 0.45), least + 2 * self._writing_line()))
        # Two lines more to write in only while the reading keeps room for a few blocks.
        writing = max(least, min(writing, rest - READING_ROOM))
        self.setSizes([timeline, max(0, rest - writing), writing])

    def unfold_if_room(self) -> None:
        sizes = self.sizes()
        if not self.sized or len(sizes) != 3 or not self.timelines.is_folded():
            return
        spare = sizes[READING] - self._least(READING)
        missing = self.timelines.unfolded_height() - sizes[TIMELINE]
        if 0 < missing <= spare:
            self.setSizes([sizes[0] + missing, sizes[1] - missing, sizes[2]])

    def fit_for_compare(self, *_args: object) -> None:
        sizes = self.sizes()
        if len(sizes) != 3 or sum(sizes) == 0:
            return
        reading_least = self._least(READING)
        comparing = self.timelines.is_comparing()
        unfolded = self.timelines.unfolded_height()
        if not comparing and self._before_compare:
            self.timelines.set_foldable(True)
            before, self._before_compare = self._before_compare, None
            if sum(before) == sum(sizes):
                self.setSizes(before)
                return
        if comparing:
            self._before_compare = sizes
            from_reading = max(0, sizes[READING] - reading_least)
            # Unfoldable only when the reflection can give what the reading cannot: the page
            # then shrinks the reflection to make the splitter's least height fit.
            missing = unfolded - sizes[TIMELINE] - from_reading
            too_low = missing > self._reflection_spare()
            self.timelines.set_foldable(too_low)
            if too_low and missing > 0:
                return  # it will not fit: the reading keeps its room, the line says why
        else:
            self.timelines.set_foldable(True)
        wanted = max(unfolded, min(self.timelines.sizeHint().height(), unfolded + 40))
        if not comparing:
            wanted = min(wanted, sizes[TIMELINE])
        timeline = max(0, min(wanted, sizes[0] + sizes[1] - reading_least))
        if timeline:
            self.setSizes([timeline, sizes[0] + sizes[1] - timeline, sizes[2]])

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.size_once()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.size_once()
        self.unfold_if_room()
