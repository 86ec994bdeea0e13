"""The shape of a viewing, in plain numbers: what the timeline strip and the intensity curve
draw, computed without Qt so that the widget (ui/viewing/timeline.py) and the SVG in the
Markdown export (journal/timeline_svg.py) draw the same thing and tests need no window.

Promises:

- The axis spans the film's runtime, or up to the last entry when the runtime is unknown (and
  never less than a minute, so one entry at 0:00:00 still has an axis). Several viewings of one
  film share one axis: the longest of their spans.
- Minute ticks fall on round minutes (1, 2, 5, 10, 15, 20, 30 minutes, or whole hours) and are
  labelled ``h:mm``, the first part of the ``h:mm:ss`` the app shows everywhere.
- The intensity curve passes through the entries that carry an intensity (1–5); entries at the
  same moment count as their mean. It is drawn as straight segments or as a monotone cubic whose
  Bézier control points stay between their neighbours' values, so neither the curve nor its
  convex hull can leave 1–5. Where two readings lie more than ``CURVE_GAP_MS`` apart the curve
  stops and starts again: no value is invented for a stretch nobody wrote about.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from journal.fields import ENTRY_KINDS, KIND_LABELS
from journal.timecode import format as format_position

INTENSITY_MIN, INTENSITY_MAX = 1, 5
MIN_SPAN_MS = 60_000
# Longer than the gap between two ordinary notes in a scene, shorter than a film's act.
CURVE_GAP_MS = 10 * 60_000
TICK_STEPS_MIN = (1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 600)
FIRST_LINE_LIMIT = 120

# One colour per kind, muted to sit beside the app's paper-and-ink palette (ui/theme.py); each
# kind also has its own shape (MARK_SHAPES), so the marks stay distinct without colour.
KIND_COLOURS: dict[str, dict[str, str]] = {
    "light": {
        "pause": "#4f6f7e",
        "motif": "#a27a2c",
        "dialogue": "#4d7d5e",
        "reaction": "#a4523f",
        "scene": "#6f5e92",
        "note": "#7c766b",
    },
    "dark": {
        "pause": "#93b4c3",
        "motif": "#d6b36b",
        "dialogue": "#8fc29f",
        "reaction": "#de9480",
        "scene": "#b3a2d0",
        "note": "#aaa398",
    },
}
# Overlaid curves of several viewings: a colour and a dash pattern each (distinct without colour).
SERIES_COLOURS: dict[str, tuple[str, ...]] = {
    "light": ("#3f6474", "#a4523f", "#4d7d5e", "#a27a2c", "#6f5e92"),
    "dark": ("#9cbccb", "#de9480", "#8fc29f", "#d6b36b", "#b3a2d0"),
}
SERIES_DASHES: tuple[tuple[float, ...], ...] = ((), (6, 3), (2, 3), (8, 3, 2, 3), (1, 2))

# Shape per kind: pause = hollow upright bar (a held silence), motif = diamond, dialogue =
# circle, reaction = triangle, scene = square, note = small dot.
MARK_SHAPES: dict[str, str] = {
    "pause": "bar",
    "motif": "diamond",
    "dialogue": "circle",
    "reaction": "triangle",
    "scene": "square",
    "note": "dot",
}


@dataclass(frozen=True)
class TimelineEntry:
    """One mark: an entry's id, where it is, what kind, how strongly (1–5 or None), its first line."""

    entry_id: int
    position_ms: int
    kind: str
    intensity: int | None
    first_line: str

    def __post_init__(self) -> None:
        # Given a whole text by mistake, keep only its first line: a tooltip is one line.
        object.__setattr__(self, "first_line", first_line(self.first_line))
        if self.position_ms < 0:
            raise ValueError(f"entry {self.entry_id}: position_ms {self.position_ms} is negative")
        if self.intensity is not None and not (INTENSITY_MIN <= self.intensity <= INTENSITY_MAX):
            raise ValueError(
                f"entry {self.entry_id}: intensity {self.intensity} is outside "
                f"{INTENSITY_MIN}–{INTENSITY_MAX}"
            )

    @property
    def shape(self) -> str:
        """The mark's shape; a kind this module does not know is drawn as a note."""
        return MARK_SHAPES.get(self.kind, MARK_SHAPES["note"])

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class TimelineViewing:
    """One viewing to draw: a label (its date), the film's runtime if known, its entries.

    Entries are kept in time order (ties by id), whatever order they were given in."""

    label: str
    runtime_ms: int | None
    entries: tuple[TimelineEntry, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.entries, key=lambda e: (e.position_ms, e.entry_id)))
        object.__setattr__(self, "entries", ordered)
        if self.runtime_ms is not None and self.runtime_ms < 0:
            raise ValueError(f"{self.label}: runtime_ms {self.runtime_ms} is negative")

    @property
    def positions(self) -> list[int]:
        return [entry.position_ms for entry in self.entries]


def first_line(text: str, limit: int = FIRST_LINE_LIMIT) -> str:
    """The first non-blank line of an entry's text, cut to ``limit`` characters with "…"."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped:
            return stripped if len(stripped) <= limit else stripped[: limit - 1].rstrip() + "…"
    return ""


# --- the axis ---------------------------------------------------------------------------------


def axis_span_ms(viewings: Iterable[TimelineViewing]) -> int:
    """The shared axis length: each viewing's runtime (or last entry), the longest of them, and
    never under a minute. An entry past a (wrong) runtime stretches the axis rather than falling
    off it."""
    span = MIN_SPAN_MS
    for viewing in viewings:
        if viewing.runtime_ms:
            span = max(span, viewing.runtime_ms)
        if viewing.entries:
            span = max(span, viewing.entries[-1].position_ms)
    return span


def tick_label(position_ms: int) -> str:
    """``h:mm`` for a tick on a whole minute (``0:05``, ``1:40``)."""
    minutes = position_ms // 60_000
    return f"{minutes // 60}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Tick:
    position_ms: int
    label: str


def tick_step_minutes(span_ms: int, max_ticks: int) -> int:
    """The smallest round step that keeps the number of ticks at or under ``max_ticks``."""
    max_ticks = max(1, max_ticks)
    for step in TICK_STEPS_MIN:
        if span_ms // (step * 60_000) + 1 <= max_ticks:
            return step
    return TICK_STEPS_MIN[-1]


def minute_ticks(span_ms: int, max_ticks: int) -> list[Tick]:
    """Labelled ticks from 0:00 to the end of the axis on round minutes, at most ``max_ticks``
    (callers pass how many labels fit their width)."""
    step_ms = tick_step_minutes(span_ms, max_ticks) * 60_000
    return [Tick(at, tick_label(at)) for at in range(0, span_ms + 1, step_ms)]


@dataclass(frozen=True)
class Scale:
    """Maps film positions onto a horizontal pixel range ``left``…``right``."""

    span_ms: int
    left: float
    right: float

    def x(self, position_ms: float) -> float:
        return self.left + (self.right - self.left) * position_ms / self.span_ms

    def position_at(self, x: float) -> float:
        width = self.right - self.left
        return 0.0 if width <= 0 else (x - self.left) * self.span_ms / width


def intensity_y(value: float, top: float, bottom: float) -> float:
    """The y of an intensity between ``top`` (5) and ``bottom`` (1)."""
    share = (value - INTENSITY_MIN) / (INTENSITY_MAX - INTENSITY_MIN)
    return bottom - (bottom - top) * share


def nearest_mark(xs: Sequence[float], x: float, tolerance: float) -> int | None:
    """The index of the mark nearest to ``x`` within ``tolerance`` pixels (``xs`` sorted);
    None between marks. Of marks drawn on top of one another, the later (drawn last) wins."""
    low = bisect.bisect_left(xs, x - tolerance)
    high = bisect.bisect_right(xs, x + tolerance)
    best: int | None = None
    for index in range(low, high):
        if best is None or abs(xs[index] - x) <= abs(xs[best] - x):
            best = index
    return best


def mark_outline(shape: str, cx: float, cy: float, size: float) -> tuple[str, list[float]]:
    """A mark's outline around its centre, ``size`` being half its usual width:
    ("polygon", [x0, y0, x1, y1, …]) or ("ellipse", [cx, cy, radius]). Bars are drawn hollow."""
    if shape == "bar":
        half_w, half_h = size * 0.45, size * 1.3
        return "polygon", [cx - half_w, cy - half_h, cx + half_w, cy - half_h,
                           cx + half_w, cy + half_h, cx - half_w, cy + half_h]  # fmt: skip
    if shape == "diamond":
        r = size * 1.25
        return "polygon", [cx, cy - r, cx + r, cy, cx, cy + r, cx - r, cy]
    if shape == "triangle":
        r = size * 1.15
        return "polygon", [cx, cy - r, cx + r, cy + r * 0.8, cx - r, cy + r * 0.8]
    if shape == "square":
        r = size * 0.85
        return "polygon", [cx - r, cy - r, cx + r, cy - r, cx + r, cy + r, cx - r, cy + r]
    if shape == "circle":
        return "ellipse", [cx, cy, size * 0.95]
    return "ellipse", [cx, cy, size * 0.5]  # dot


def is_hollow(shape: str) -> bool:
    return shape == "bar"


# --- the intensity curve ----------------------------------------------------------------------


def intensity_points(viewing: TimelineViewing) -> list[tuple[int, float]]:
    """(position_ms, intensity) for the entries that carry one; one point per moment (mean)."""
    points: list[tuple[int, float]] = []
    count = 0
    for entry in viewing.entries:
        if entry.intensity is None:
            continue
        if points and points[-1][0] == entry.position_ms:
            count += 1
            position, total = points[-1]
            points[-1] = (position, total + (entry.intensity - total) / count)
        else:
            count = 1
            points.append((entry.position_ms, float(entry.intensity)))
    return points


@dataclass(frozen=True)
class CurveRun:
    """One unbroken stretch of the curve: its readings and, when smooth, a tangent at each."""

    points: tuple[tuple[int, float], ...]
    tangents: tuple[float, ...] | None  # None: straight segments
    positions: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "positions", tuple(point[0] for point in self.points))

    def beziers(self) -> list[tuple[float, float, float, float, float, float]]:
        """Cubic segments after the first point, as (c1x, c1y, c2x, c2y, x, y) in ms and
        intensity. Straight segments have their control points on the line."""
        segments = []
        for i in range(len(self.points) - 1):
            (x0, y0), (x1, y1) = self.points[i], self.points[i + 1]
            third = (x1 - x0) / 3
            if self.tangents is None:
                c1y, c2y = y0 + (y1 - y0) / 3, y1 - (y1 - y0) / 3
            else:
                c1y, c2y = y0 + self.tangents[i] * third, y1 - self.tangents[i + 1] * third
            segments.append((x0 + third, c1y, x1 - third, c2y, float(x1), y1))
        return segments

    def value_at(self, position_ms: float) -> float | None:
        """The curve's value at a position, or None outside this run."""
        xs = self.positions
        if not xs or position_ms < xs[0] or position_ms > xs[-1]:
            return None
        i = min(bisect.bisect_right(xs, position_ms) - 1, len(xs) - 2)
        if i < 0:  # a single reading
            return self.points[0][1]
        (x0, y0), (x1, y1) = self.points[i], self.points[i + 1]
        h = x1 - x0
        t = (position_ms - x0) / h
        if self.tangents is None:
            return y0 + (y1 - y0) * t
        m0, m1 = self.tangents[i] * h, self.tangents[i + 1] * h
        t2, t3 = t * t, t * t * t
        return (
            (2 * t3 - 3 * t2 + 1) * y0
            + (t3 - 2 * t2 + t) * m0
            + (-2 * t3 + 3 * t2) * y1
            + (t3 - t2) * m1
        )


def monotone_tangents(points: Sequence[tuple[int, float]]) -> list[float]:
    """Fritsch–Carlson tangents, limited so each tangent is at most three times its secants:
    the cubic is then monotone between readings and its control points lie between them."""
    n = len(points)
    if n < 2:
        return [0.0] * n
    secants = [
        (points[i + 1][1] - points[i][1]) / (points[i + 1][0] - points[i][0]) for i in range(n - 1)
    ]
    tangents = [secants[0]] + [0.0] * (n - 2) + [secants[-1]]
    for i in range(1, n - 1):
        before, after = secants[i - 1], secants[i]
        tangents[i] = 0.0 if before * after <= 0 else (before + after) / 2
    for i, secant in enumerate(secants):
        if secant == 0:
            tangents[i] = tangents[i + 1] = 0.0
            continue
        alpha, beta = tangents[i] / secant, tangents[i + 1] / secant
        # A tangent against its secant's direction (possible only at the ends) flattens.
        if alpha < 0:
            tangents[i], alpha = 0.0, 0.0
        if beta < 0:
            tangents[i + 1], beta = 0.0, 0.0
        tangents[i] = secant * min(alpha, 3.0)
        tangents[i + 1] = secant * min(beta, 3.0)
    return tangents


def curve_runs(
    viewing: TimelineViewing, *, smooth: bool = True, max_gap_ms: int = CURVE_GAP_MS
) -> list[CurveRun]:
    """The viewing's intensity curve, broken wherever readings lie more than ``max_gap_ms``
    apart. A run of one reading is a lone point (drawn as a dot)."""
    runs: list[list[tuple[int, float]]] = []
    for point in intensity_points(viewing):
        if runs and point[0] - runs[-1][-1][0] <= max_gap_ms:
            runs[-1].append(point)
        else:
            runs.append([point])
    return [CurveRun(tuple(run), tuple(monotone_tangents(run)) if smooth else None) for run in runs]


# --- words --------------------------------------------------------------------------------------


def entry_summary(entry: TimelineEntry) -> str:
    """``0:42:10 Pause (intensity 4) — first line``: the tooltip and the spoken description."""
    text = f"{format_position(entry.position_ms)} {entry.kind_label}"
    if entry.intensity is not None:
        text += f" (intensity {entry.intensity})"
    return f"{text} — {entry.first_line}" if entry.first_line else text


def _entries(number: int) -> str:
    return f"{number} {'entry' if number == 1 else 'entries'}"


def describe_viewing(
    viewing: TimelineViewing, span_ms: int, focused: TimelineEntry | None = None
) -> str:
    """``Timeline of 12 entries over 1:48:00; focused: 0:42:10 Pause — …`` for screen readers."""
    text = f"Timeline of {_entries(len(viewing.entries))}"
    text += f" over {format_position(span_ms)}"
    readings = sum(1 for entry in viewing.entries if entry.intensity is not None)
    if readings:
        text += f", {readings} with an intensity"
    if focused is not None:
        text += f"; focused: {entry_summary(focused)}"
    return text


def describe_viewings(
    viewings: Sequence[TimelineViewing],
    span_ms: int,
    focused: tuple[int, TimelineEntry] | None = None,
) -> str:
    """The same for several viewings on one axis; ``focused`` is (viewing index, entry)."""
    if len(viewings) == 1:
        return describe_viewing(viewings[0], span_ms, focused[1] if focused else None)
    parts = [f"{viewing.label}: {_entries(len(viewing.entries))}" for viewing in viewings]
    text = f"{len(viewings)} viewings over {format_position(span_ms)} ({'; '.join(parts)})"
    if focused is not None:
        index, entry = focused
        text += f"; focused: {viewings[index].label}, {entry_summary(entry)}"
    return text


def kinds_present(viewings: Iterable[TimelineViewing]) -> list[str]:
    """The kinds that occur, in the app's order (unknown kinds last), for a legend."""
    seen = {entry.kind for viewing in viewings for entry in viewing.entries}
    known = [kind for kind in ENTRY_KINDS if kind in seen]
    return known + sorted(seen - set(ENTRY_KINDS))
