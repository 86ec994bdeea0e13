"""The shape of a viewing (journal/timeline.py) and its SVG (journal/timeline_svg.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.timeline import (
    CURVE_GAP_MS,
    TimelineEntry,
    TimelineViewing,
    axis_span_ms,
    curve_runs,
    describe_viewing,
    describe_viewings,
    entry_summary,
    first_line,
    intensity_points,
    minute_ticks,
    nearest_mark,
    tick_label,
)
from journal.timeline_svg import timeline_svg

SVG = "{http://www.w3.org/2000/svg}"
MINUTE = 60_000


def entry(entry_id, position_ms, kind="note", intensity=None, text="a line"):
    return TimelineEntry(entry_id, position_ms, kind, intensity, text)


def viewing(*entries, runtime_ms=108 * MINUTE, label="2024-05-01"):
    return TimelineViewing(label, runtime_ms, tuple(entries))


# --- axis -----------------------------------------------------------------------------------


def test_the_axis_spans_the_runtime_when_it_is_known():
    assert axis_span_ms([viewing(entry(1, 5 * MINUTE))]) == 108 * MINUTE


def test_without_a_runtime_the_axis_ends_at_the_last_entry():
    assert axis_span_ms([viewing(entry(1, 61 * MINUTE), runtime_ms=None)]) == 61 * MINUTE


def test_the_axis_is_never_shorter_than_a_minute():
    assert axis_span_ms([viewing(entry(1, 0), runtime_ms=None)]) == MINUTE
    assert axis_span_ms([viewing(runtime_ms=None)]) == MINUTE


def test_an_entry_past_a_wrong_runtime_stretches_the_axis():
    assert axis_span_ms([viewing(entry(1, 120 * MINUTE))]) == 120 * MINUTE


def test_several_viewings_share_the_longest_span():
    first = viewing(entry(1, 10 * MINUTE), runtime_ms=None)
    second = viewing(entry(2, 95 * MINUTE), runtime_ms=None)
    assert axis_span_ms([first, second]) == 95 * MINUTE


def test_entries_are_kept_in_time_order():
    shown = viewing(entry(3, 50), entry(1, 10), entry(2, 10))
    assert [e.entry_id for e in shown.entries] == [1, 2, 3]


def test_minute_ticks_fall_on_round_minutes_labelled_h_mm():
    ticks = minute_ticks(108 * MINUTE, 12)
    assert [t.label for t in ticks] == [
        "0:00", "0:10", "0:20", "0:30", "0:40", "0:50",
        "1:00", "1:10", "1:20", "1:30", "1:40",
    ]  # fmt: skip
    assert [t.position_ms for t in ticks][:2] == [0, 10 * MINUTE]


def test_a_short_axis_gets_a_tick_every_minute():
    assert [t.label for t in minute_ticks(3 * MINUTE, 20)] == ["0:00", "0:01", "0:02", "0:03"]


def test_tick_labels_carry_hours():
    assert tick_label(125 * MINUTE) == "2:05"
    assert tick_label(0) == "0:00"


@given(st.integers(MINUTE, 1000 * 60 * MINUTE), st.integers(2, 40))
def test_ticks_never_crowd_past_what_fits(span_ms, max_ticks):
    ticks = minute_ticks(span_ms, max_ticks)
    assert ticks[0].position_ms == 0
    assert ticks[-1].position_ms <= span_ms
    assert all(t.position_ms % MINUTE == 0 for t in ticks)
    # The largest step (10 hours) is the one exception, for axes longer than any film.
    assert len(ticks) <= max_ticks or span_ms > 600 * MINUTE * (max_ticks - 1)


# --- marks ------------------------------------------------------------------------------------


def test_a_click_near_a_mark_finds_it_and_between_marks_nothing():
    xs = [10.0, 50.0, 52.0, 200.0]
    assert nearest_mark(xs, 11, 6) == 0
    assert nearest_mark(xs, 51.5, 6) == 2
    assert nearest_mark(xs, 120, 6) is None
    assert nearest_mark([], 5, 6) is None


def test_of_marks_on_top_of_one_another_the_one_drawn_last_is_found():
    assert nearest_mark([30.0, 30.0, 30.0], 30, 6) == 2


def test_bad_entries_are_refused_with_what_was_wrong():
    with pytest.raises(ValueError, match="intensity 6 is outside 1–5"):
        entry(1, 0, intensity=6)
    with pytest.raises(ValueError, match="position_ms -1 is negative"):
        entry(1, -1)


def test_an_unknown_kind_is_drawn_as_a_note():
    assert entry(1, 0, kind="future-kind").shape == "dot"
    assert entry(1, 0, kind="pause").shape == "bar"


def test_first_line_skips_blank_lines_and_cuts_long_ones():
    assert first_line("\n  \n  The letter, again.\nSecond line") == "The letter, again."
    cut = first_line("word " * 100, limit=20)
    assert len(cut) <= 20 and cut.endswith("…")
    assert first_line("") == ""


# --- the curve -------------------------------------------------------------------------------


def test_entries_at_the_same_moment_count_as_their_mean():
    shown = viewing(entry(1, 1000, intensity=2), entry(2, 1000, intensity=5), entry(3, 9000))
    assert intensity_points(shown) == [(1000, 3.5)]


def test_the_curve_passes_through_every_reading():
    shown = viewing(*(entry(i, i * MINUTE, intensity=v) for i, v in enumerate([1, 5, 2, 4, 4])))
    (run,) = curve_runs(shown)
    for position, value in run.points:
        assert run.value_at(position) == pytest.approx(value)


def test_the_curve_stops_where_nobody_wrote_for_a_long_stretch():
    shown = viewing(
        entry(1, 0, intensity=2),
        entry(2, 2 * MINUTE, intensity=4),
        entry(3, 2 * MINUTE + CURVE_GAP_MS + 1, intensity=5),
        entry(4, 60 * MINUTE, text="no intensity"),
    )
    runs = curve_runs(shown)
    assert [len(run.points) for run in runs] == [2, 1]
    gap = 2 * MINUTE + CURVE_GAP_MS // 2
    assert all(run.value_at(gap) is None for run in runs)
    # Nothing before the first reading or after the last either.
    assert all(run.value_at(60 * MINUTE) is None for run in runs)


def test_straight_segments_interpolate_linearly():
    shown = viewing(entry(1, 0, intensity=1), entry(2, MINUTE, intensity=5))
    (run,) = curve_runs(shown, smooth=False)
    assert run.value_at(MINUTE / 4) == pytest.approx(2.0)


readings = st.lists(
    st.tuples(st.integers(0, 3 * 60 * MINUTE), st.integers(1, 5)), min_size=1, max_size=60
)


@settings(max_examples=150, deadline=None)
@given(readings, st.booleans())
def test_the_curve_never_leaves_one_to_five(points, smooth):
    shown = viewing(*(entry(i, at, intensity=v) for i, (at, v) in enumerate(points)))
    for run in curve_runs(shown, smooth=smooth):
        first, last = run.points[0][0], run.points[-1][0]
        for step in range(401):
            value = run.value_at(first + (last - first) * step / 400)
            assert value is not None and 1 - 1e-9 <= value <= 5 + 1e-9
        # Between two readings it stays between them (monotone: no invented peaks).
        for (x0, y0), (x1, y1) in zip(run.points, run.points[1:], strict=False):
            for step in range(1, 20):
                value = run.value_at(x0 + (x1 - x0) * step / 20)
                assert min(y0, y1) - 1e-9 <= value <= max(y0, y1) + 1e-9
        # The Bézier control points too, so any renderer's curve stays inside (convex hull).
        for c1x, c1y, c2x, c2y, _x, _y in run.beziers():
            assert 1 - 1e-9 <= c1y <= 5 + 1e-9 and 1 - 1e-9 <= c2y <= 5 + 1e-9
            assert first <= c1x <= c2x <= last


# --- words --------------------------------------------------------------------------------------


def test_the_description_names_count_span_and_focus():
    shown = viewing(
        entry(1, 42 * MINUTE + 10_000, "pause", 4, "She holds the cup."),
        entry(2, 50 * MINUTE, "dialogue", None, "You kept it?"),
    )
    assert describe_viewing(shown, 108 * MINUTE, shown.entries[0]) == (
        "Timeline of 2 entries over 1:48:00, 1 with an intensity; "
        "focused: 0:42:10 Pause (intensity 4) — She holds the cup."
    )
    assert describe_viewing(viewing(entry(1, 0)), MINUTE) == "Timeline of 1 entry over 0:01:00"


def test_several_viewings_are_described_by_date():
    first = viewing(entry(1, 0), label="2019-03-02")
    second = viewing(entry(2, 0), entry(3, 5), label="2024-05-01")
    text = describe_viewings([first, second], MINUTE, (1, second.entries[1]))
    assert text == (
        "2 viewings over 0:01:00 (2019-03-02: 1 entry; 2024-05-01: 2 entries); "
        "focused: 2024-05-01, 0:00:00 Note — a line"
    )


def test_an_entry_without_text_is_summarised_by_time_and_kind():
    assert entry_summary(entry(1, 3_723_000, "pause", None, "")) == "1:02:03 Pause"


# --- SVG ------------------------------------------------------------------------------------------


def sample():
    return viewing(
        entry(1, 2 * MINUTE, "pause", 2, "A held look"),
        entry(2, 5 * MINUTE, "motif", 4, 'The mended cup <again> & "more"'),
        entry(3, 7 * MINUTE, "dialogue", 5, "You kept it?"),
        entry(4, 40 * MINUTE, "reaction", None, "I cried"),
        entry(5, 70 * MINUTE, "scene", 3, "Window light"),
        entry(6, 75 * MINUTE, "note", 1, "Quiet end"),
    )


def marks_of(root):
    return [e for e in root.iter() if e.get("data-kind") and e.find(f"{SVG}title") is not None]


def test_svg_parses_back_with_one_mark_per_entry_labels_and_a_curve():
    text = timeline_svg([sample()])
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    strips = [g for g in root.iter(f"{SVG}g") if g.get("class") == "strip"]
    assert len(strips) == 1
    marks = [e for e in strips[0] if e.get("data-kind")]
    assert [m.get("data-kind") for m in marks] == [
        "pause", "motif", "dialogue", "reaction", "scene", "note"
    ]  # fmt: skip
    assert marks[1].find(f"{SVG}title").text == (
        '0:05:00 Motif (intensity 4) — The mended cup <again> & "more"'
    )
    labels = [t.text for t in root.iter(f"{SVG}text")]
    for tick in ("0:00", "0:30", "1:00", "1:40"):
        assert tick in labels
    assert {"Pause", "Motif", "Dialogue", "Reaction", "Scene", "Note"} <= set(labels)
    paths = [p for p in root.iter(f"{SVG}path") if "curve-line" in p.get("class", "")]
    assert len(paths) == 1
    # Two runs: the readings at 2–7 minutes, and 70–75 (the 40-minute entry has none).
    assert paths[0].get("d").count("M") == 2
    assert root.find(f"{SVG}desc").text.startswith("Timeline of 6 entries over 1:48:00")


def test_svg_curve_stays_inside_its_band():
    text = timeline_svg([sample()])
    root = ET.fromstring(text)
    grid_ys = [
        float(line.get("y1"))
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "grid"
        for line in g.iter(f"{SVG}line")
    ]
    top, bottom = min(grid_ys), max(grid_ys)
    (path,) = [p for p in root.iter(f"{SVG}path") if "curve-line" in p.get("class", "")]
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
    assert all(top - 0.05 <= y <= bottom + 0.05 for y in numbers[1::2])


def test_svg_without_tooltips_draws_the_same_marks_without_their_titles():
    """The export's marks (drawn a strip at a time) are the marks drawn one by one, titles
    left out; the legend keeps its titles either way."""
    older = viewing(entry(10, MINUTE, "pause", 3), entry(11, 3 * MINUTE, "odd kind", 5),
                    label="2019-03-02")  # fmt: skip
    for viewings in ([sample()], [older, sample()]):
        with_titles = timeline_svg(viewings)
        strips = re.findall(r'<g class="strip".*?</g>', with_titles, flags=re.DOTALL)
        assert strips and all("<title>" in strip for strip in strips)
        expected = with_titles
        for strip in strips:
            bare = re.sub(r"><title>[^<]*</title></(path|circle)>", "/>", strip)
            expected = expected.replace(strip, bare)
        assert timeline_svg(viewings, tooltips=False) == expected


def test_svg_is_the_same_for_the_same_input():
    assert timeline_svg([sample()]) == timeline_svg([sample()])


def test_stacked_svg_has_a_strip_and_a_labelled_curve_per_viewing():
    older = viewing(entry(10, MINUTE, "pause", 3), entry(11, 3 * MINUTE, "note", 5),
                    label="2019-03-02")  # fmt: skip
    middle = viewing(entry(20, 30 * MINUTE, "scene"), label="2022-11-20")
    root = ET.fromstring(timeline_svg([older, middle, sample()]))
    strips = [g for g in root.iter(f"{SVG}g") if g.get("class") == "strip"]
    assert [g.get("data-label") for g in strips] == ["2019-03-02", "2022-11-20", "2024-05-01"]
    assert [len([e for e in g if e.get("data-kind")]) for g in strips] == [2, 1, 6]
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert {"2019-03-02", "2022-11-20", "2024-05-01"} <= set(labels)
    curves = [g for g in root.iter(f"{SVG}g") if g.get("class") == "curve"]
    assert [g.get("data-label") for g in curves] == ["2019-03-02", "2024-05-01"]
    assert root.find(f"{SVG}desc").text.startswith("3 viewings over 1:48:00")


def test_svg_of_a_viewing_without_entries_is_still_a_picture():
    root = ET.fromstring(timeline_svg([viewing(runtime_ms=None)]))
    assert not marks_of(root)
    assert not list(root.iter(f"{SVG}path"))


def test_svg_needs_a_viewing():
    with pytest.raises(ValueError, match="at least one viewing"):
        timeline_svg([])
