"""The timeline widget (ui/viewing/timeline.py): hit-testing, keyboard, tooltip, description,
stacked viewings, and that what it paints is the marks in their kinds' colours."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from journal.timeline import KIND_COLOURS, TimelineEntry, TimelineViewing
from ui.theme import build_palette
from ui.viewing.timeline import StackedTimelines, TimelineWidget

MINUTE = 60_000


def viewing(label="2024-05-01", offset=0):
    return TimelineViewing(
        label,
        108 * MINUTE,
        (
            TimelineEntry(offset + 1, 5 * MINUTE, "pause", 2, "A held look"),
            TimelineEntry(offset + 2, 20 * MINUTE, "dialogue", 4, "You kept it all these years?"),
            TimelineEntry(offset + 3, 42 * MINUTE + 10_000, "motif", 5, "The letter, unopened"),
            TimelineEntry(offset + 4, 80 * MINUTE, "scene", None, "Window light"),
            TimelineEntry(offset + 5, 100 * MINUTE, "reaction", 3, "I cried\nsecond line"),
        ),
    )


@pytest.fixture
def timeline(qtbot):
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.set_viewing(viewing())
    widget.resize(1000, widget.sizeHint().height())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def centre(widget, entry_id) -> QPoint:
    return widget.mark_center(entry_id).toPoint()


def test_a_click_on_a_mark_opens_that_entry(timeline, qtbot):
    with qtbot.waitSignal(timeline.entry_activated) as opened:
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=centre(timeline, 3))
    assert opened.args == [3]
    assert timeline.current_entry().entry_id == 3


def test_a_click_a_few_pixels_off_still_hits_the_mark(timeline, qtbot):
    point = centre(timeline, 2) + QPoint(4, 3)
    with qtbot.waitSignal(timeline.entry_activated) as opened:
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=point)
    assert opened.args == [2]


def test_a_click_between_marks_or_on_the_curve_opens_nothing(timeline, qtbot):
    between = (centre(timeline, 2) + centre(timeline, 3)) / 2
    above = QPoint(centre(timeline, 3).x(), 20)
    with qtbot.assertNotEmitted(timeline.entry_activated):
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=between)
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=above)
    assert timeline.entry_at(QPointF(between)) is None


def test_marks_sit_in_time_order_across_the_runtime(timeline):
    xs = [timeline.mark_center(i).x() for i in range(1, 6)]
    assert xs == sorted(xs)
    # 100 of 108 minutes: most of the way along, not at the end (the runtime sets the axis).
    width = timeline.width()
    assert 0.8 * width < xs[-1] < 0.95 * width


def test_arrow_keys_walk_the_marks_and_enter_opens(timeline, qtbot):
    timeline.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(timeline.hasFocus)
    assert timeline.current_entry().entry_id == 1  # arriving by keyboard lands on the first
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert timeline.current_entry().entry_id == 3
    qtbot.keyClick(timeline, Qt.Key.Key_Left)
    assert timeline.current_entry().entry_id == 2
    qtbot.keyClick(timeline, Qt.Key.Key_End)
    assert timeline.current_entry().entry_id == 5
    qtbot.keyClick(timeline, Qt.Key.Key_Right)  # stays on the last
    assert timeline.current_entry().entry_id == 5
    qtbot.keyClick(timeline, Qt.Key.Key_Home)
    assert timeline.current_entry().entry_id == 1
    with qtbot.waitSignal(timeline.entry_activated) as opened:
        qtbot.keyClick(timeline, Qt.Key.Key_Return)
    assert opened.args == [1]
    with qtbot.waitSignal(timeline.entry_activated) as opened:
        qtbot.keyClick(timeline, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert opened.args == [1]


def test_moving_the_current_mark_announces_it(timeline, qtbot):
    timeline.set_current_entry(2)
    timeline.setFocus()
    with qtbot.waitSignal(timeline.current_changed) as moved:
        qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert moved.args == [3]
    assert timeline.set_current_entry(999) is False
    assert timeline.current_entry().entry_id == 3


# Only the offscreen test platform says it cannot raise the tooltip's window.
@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")
def test_hover_shows_the_entrys_first_line(timeline, qtbot):
    point = centre(timeline, 5)
    event = QHelpEvent(QEvent.Type.ToolTip, point, timeline.mapToGlobal(point))
    QApplication.sendEvent(timeline, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "1:40:00 Reaction (intensity 3) — I cried"
    QToolTip.hideText()


def test_no_tooltip_between_marks(timeline, qtbot):
    point = (centre(timeline, 3) + centre(timeline, 4)) / 2
    event = QHelpEvent(QEvent.Type.ToolTip, point, timeline.mapToGlobal(point))
    QApplication.sendEvent(timeline, event)
    assert not QToolTip.isVisible() or QToolTip.text() == ""


def test_the_accessible_description_follows_the_focus(timeline, qtbot):
    assert timeline.accessibleName() == "Timeline"
    timeline.set_current_entry(None)
    assert timeline.accessibleDescription() == (
        "Timeline of 5 entries over 1:48:00, 4 with an intensity"
    )
    timeline.set_current_entry(3)
    assert timeline.accessibleDescription() == (
        "Timeline of 5 entries over 1:48:00, 4 with an intensity; "
        "focused: 0:42:10 Motif (intensity 5) — The letter, unopened"
    )


def test_the_focus_ring_is_visible(timeline, qtbot):
    timeline.set_current_entry(3)
    timeline.clearFocus()
    point = centre(timeline, 3) + QPoint(11, 0)  # where the focused ring is bolder
    unfocused = timeline.grab().toImage().pixelColor(point)
    timeline.setFocus()
    qtbot.waitUntil(timeline.hasFocus)
    focused = timeline.grab().toImage().pixelColor(point)
    assert focused != unfocused
    # Keyboard focus also draws the frame in the highlight colour.
    frame = timeline.grab().toImage().pixelColor(QPoint(timeline.width() // 2, 1))
    assert frame == timeline.palette().color(timeline.palette().ColorRole.Highlight)


def test_marks_are_painted_in_their_kinds_colours(timeline, qapp):
    image = timeline.grab().toImage()
    # The dialogue mark is a filled circle: its centre is the kind's colour.
    assert image.pixelColor(centre(timeline, 2)) == QColor(KIND_COLOURS["light"]["dialogue"])
    old = qapp.palette()
    try:
        timeline.setPalette(build_palette(dark=True))
        image = timeline.grab().toImage()
        assert image.pixelColor(centre(timeline, 2)) == QColor(KIND_COLOURS["dark"]["dialogue"])
    finally:
        timeline.setPalette(old)


def test_new_data_keeps_the_current_entry_when_it_is_still_there(timeline):
    timeline.set_current_entry(4)
    shown = viewing()
    timeline.set_viewing(TimelineViewing(shown.label, None, shown.entries[2:]))
    assert timeline.current_entry().entry_id == 4
    assert timeline.span_ms() == 100 * MINUTE  # no runtime: the axis ends at the last entry
    timeline.set_viewing(TimelineViewing(shown.label, None, shown.entries[:2]))
    assert timeline.current_entry() is None


def test_an_empty_viewing_is_not_a_tab_stop(qtbot):
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.set_viewing(TimelineViewing("2024-05-01", None, ()))
    assert widget.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert widget.accessibleDescription() == "Timeline of 0 entries over 0:01:00"
    widget.resize(600, widget.sizeHint().height())
    widget.grab()  # paints the empty state without trouble


@pytest.fixture
def stacked(qtbot):
    widget = StackedTimelines()
    qtbot.addWidget(widget)
    widget.set_viewings([viewing("2019-03-02", 10), viewing("2022-11-20", 20), viewing()])
    widget.resize(1000, widget.sizeHint().height())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_stacked_viewings_share_one_axis_one_strip_each(stacked):
    first, last = stacked.mark_center(13), stacked.mark_center(3)
    assert first.x() == last.x()  # the same moment lines up
    assert first.y() < stacked.mark_center(23).y() < last.y()


def test_stacked_clicks_find_the_entry_of_their_own_row(stacked, qtbot):
    with qtbot.waitSignal(stacked.entry_activated) as opened:
        qtbot.mouseClick(stacked, Qt.MouseButton.LeftButton, pos=centre(stacked, 23))
    assert opened.args == [23]


def test_up_and_down_move_between_viewings_at_the_nearest_moment(stacked, qtbot):
    stacked.set_current_entry(3)
    stacked.setFocus()
    qtbot.keyClick(stacked, Qt.Key.Key_Up)
    assert stacked.current_entry().entry_id == 23
    qtbot.keyClick(stacked, Qt.Key.Key_Up)
    assert stacked.current_entry().entry_id == 13
    qtbot.keyClick(stacked, Qt.Key.Key_Up)  # already at the top
    assert stacked.current_entry().entry_id == 13
    qtbot.keyClick(stacked, Qt.Key.Key_Right)
    assert stacked.current_entry().entry_id == 14


def test_stacked_tooltip_and_description_name_the_viewing(stacked, qtbot):
    stacked.set_current_entry(21)
    assert stacked.accessibleName() == "Viewings on one time axis"
    assert stacked.accessibleDescription() == (
        "3 viewings over 1:48:00 (2019-03-02: 5 entries; 2022-11-20: 5 entries; "
        "2024-05-01: 5 entries); focused: 2022-11-20, 0:05:00 Pause (intensity 2) — A held look"
    )
    entry = stacked.entry_at(QPointF(stacked.mark_center(21)))
    assert stacked.tooltip_text(entry) == "2022-11-20, 0:05:00 Pause (intensity 2) — A held look"
