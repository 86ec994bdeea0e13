"""One viewing's timeline and intensity curve (or several viewings on one axis) as plain SVG text,
for the Markdown export: a file beside the ``.md`` that Obsidian and GitHub show as an image.

The drawing follows journal/timeline.py, as the widget does: the same axis, ticks, mark shapes,
kind colours and curve. The output is a pure function of its input (no dates, no random ids,
numbers rounded to a tenth of a pixel), so exporting twice writes the same bytes. The picture
carries its own paper-coloured background, and a ``prefers-color-scheme: dark`` rule turns it
to the dark palette where the viewer supports that; renderers that ignore CSS get the light one.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from journal.fields import KIND_LABELS
from journal.timeline import (
    INTENSITY_MAX,
    INTENSITY_MIN,
    KIND_COLOURS,
    MARK_SHAPES,
    SERIES_COLOURS,
    SERIES_DASHES,
    Scale,
    TimelineViewing,
    axis_span_ms,
    curve_runs,
    describe_viewings,
    entry_summary,
    intensity_y,
    is_hollow,
    kinds_present,
    mark_outline,
    minute_ticks,
)

PAPER = {
    "light": {"bg": "#fbfaf7", "ink": "#2c2b28", "muted": "#76726a", "grid": "#e4e0d7"},
    "dark": {"bg": "#1f1e1c", "ink": "#dedacf", "muted": "#99948a", "grid": "#36342f"},
}
FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif"
PAD = 14
CURVE_HEIGHT = 84
STRIP_HEIGHT = 30
TICK_ROOM = 22
LEGEND_ROOM = 24
MARK_SIZE = 5.0
CHAR_WIDTH = 6.6  # a generous average for 11 px text, for laying out labels without a font


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _points(values: Sequence[float]) -> str:
    return " ".join(f"{_num(values[i])},{_num(values[i + 1])}" for i in range(0, len(values), 2))


def _colour_names() -> dict[str, dict[str, str]]:
    """Every colour the picture uses, by class name, in both schemes."""
    names: dict[str, dict[str, str]] = {}
    for scheme in ("light", "dark"):
        table = dict(PAPER[scheme])
        table.update(KIND_COLOURS[scheme])
        table.update({f"s{i}": colour for i, colour in enumerate(SERIES_COLOURS[scheme])})
        for name, colour in table.items():
            names.setdefault(name, {})[scheme] = colour
    return names


def _style() -> str:
    rules = []
    for name, colours in _colour_names().items():
        dark = colours["dark"]
        rules.append(f".f-{name}{{fill:{dark}}} .s-{name}{{stroke:{dark}}}")
    return "@media (prefers-color-scheme: dark) {" + " ".join(rules) + "}"


class _Svg:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.light = _colour_names()

    def fill(self, name: str) -> str:
        return f'fill="{self.light[name]["light"]}" class="f-{name}"'

    def stroke(self, name: str, extra: str = "") -> str:
        classes = f"s-{name} {extra}".strip()
        return f'fill="none" stroke="{self.light[name]["light"]}" class="{classes}"'

    def add(self, line: str) -> None:
        self.lines.append(line)

    def text(self, x: float, y: float, words: str, colour: str, anchor: str = "start") -> None:
        self.add(
            f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}" {self.fill(colour)}>'
            f"{escape(words)}</text>"
        )

    def mark(self, shape: str, kind: str, cx: float, cy: float, tooltip: str) -> None:
        colour = kind if kind in KIND_COLOURS["light"] else "note"
        form, values = mark_outline(shape, cx, cy, MARK_SIZE)
        paint = (
            self.stroke(colour) + ' stroke-width="1.5"' if is_hollow(shape) else self.fill(colour)
        )
        title = f"<title>{escape(tooltip)}</title>"
        if form == "polygon":
            self.add(
                f'<polygon data-kind="{kind}" points="{_points(values)}" {paint}>{title}</polygon>'
            )
        else:
            x, y, r = values
            self.add(
                f'<circle data-kind="{kind}" cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" '
                f"{paint}>{title}</circle>"
            )


def timeline_svg(viewings: Sequence[TimelineViewing], *, width: int = 960) -> str:
    """The SVG text of one viewing's timeline and curve, or of several viewings stacked on one
    axis with their curves overlaid and labelled by date. Raises ValueError with no viewings."""
    if not viewings:
        raise ValueError("a timeline needs at least one viewing")
    stacked = len(viewings) > 1
    longest_label = max(len(viewing.label) for viewing in viewings)
    gutter = PAD + (longest_label * CHAR_WIDTH + 30 if stacked else 16)
    right = width - PAD - 8
    span = axis_span_ms(viewings)
    scale = Scale(span, gutter, right)
    curve_top, curve_bottom = PAD + 6, PAD + 6 + CURVE_HEIGHT
    strips_top = curve_bottom + 12
    axis_y = strips_top + STRIP_HEIGHT * len(viewings)
    legend_y = axis_y + TICK_ROOM + 16
    height = int(legend_y + LEGEND_ROOM - 6)

    svg = _Svg()
    description = describe_viewings(viewings, span)
    title = "Timeline: " + ", ".join(viewing.label for viewing in viewings)
    svg.add(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family={quoteattr(FONT)} font-size="11" '
        'role="img" aria-labelledby="title desc">'
    )
    svg.add(f'<title id="title">{escape(title)}</title>')
    svg.add(f'<desc id="desc">{escape(description)}</desc>')
    svg.add(f"<style>{_style()}</style>")
    svg.add(f'<rect width="{width}" height="{height}" rx="6" {svg.fill("bg")}/>')

    # Intensity grid: a faint line per level, the levels 1 and 5 named at the left.
    svg.add('<g class="grid">')
    for level in range(INTENSITY_MIN, INTENSITY_MAX + 1):
        y = intensity_y(level, curve_top, curve_bottom)
        svg.add(
            f'<line x1="{_num(gutter)}" y1="{_num(y)}" x2="{_num(right)}" y2="{_num(y)}" '
            f"{svg.stroke('grid')}/>"
        )
        if level in (INTENSITY_MIN, INTENSITY_MAX):
            svg.text(gutter - 6, y + 4, str(level), "muted", "end")
    svg.add("</g>")

    for index, viewing in enumerate(viewings):
        _curve(svg, viewing, index, scale, curve_top, curve_bottom, stacked)

    for index, viewing in enumerate(viewings):
        centre = strips_top + STRIP_HEIGHT * index + STRIP_HEIGHT / 2
        svg.add(f'<g class="strip" data-label={quoteattr(viewing.label)}>')
        svg.add(
            f'<line x1="{_num(gutter)}" y1="{_num(centre)}" x2="{_num(right)}" '
            f'y2="{_num(centre)}" {svg.stroke("grid")}/>'
        )
        if stacked:
            series = f"s{index % len(SERIES_COLOURS['light'])}"
            dash = SERIES_DASHES[index % len(SERIES_DASHES)]
            dashes = f' stroke-dasharray="{" ".join(_num(d) for d in dash)}"' if dash else ""
            svg.add(
                f'<line x1="{_num(PAD)}" y1="{_num(centre)}" x2="{_num(PAD + 16)}" '
                f'y2="{_num(centre)}" {svg.stroke(series)} stroke-width="2"{dashes}/>'
            )
            svg.text(PAD + 22, centre + 4, viewing.label, "ink")
        for entry in viewing.entries:
            svg.mark(
                entry.shape, entry.kind, scale.x(entry.position_ms), centre, entry_summary(entry)
            )
        svg.add("</g>")

    svg.add('<g class="axis">')
    svg.add(
        f'<line x1="{_num(gutter)}" y1="{_num(axis_y)}" x2="{_num(right)}" y2="{_num(axis_y)}" '
        f"{svg.stroke('muted')}/>"
    )
    max_ticks = max(2, int((right - gutter) // 56))
    for tick in minute_ticks(span, max_ticks):
        x = scale.x(tick.position_ms)
        svg.add(
            f'<line x1="{_num(x)}" y1="{_num(axis_y)}" x2="{_num(x)}" y2="{_num(axis_y + 4)}" '
            f"{svg.stroke('muted')}/>"
        )
        svg.text(x, axis_y + 16, tick.label, "muted", "middle")
    svg.add("</g>")

    _legend(svg, viewings, gutter, legend_y)
    svg.add("</svg>")
    return "\n".join(svg.lines) + "\n"


def _curve(
    svg: _Svg,
    viewing: TimelineViewing,
    index: int,
    scale: Scale,
    top: float,
    bottom: float,
    stacked: bool,
) -> None:
    runs = curve_runs(viewing)
    if not runs:
        return
    series = f"s{index % len(SERIES_COLOURS['light'])}" if stacked else "s0"
    dash = SERIES_DASHES[index % len(SERIES_DASHES)] if stacked else ()
    dashes = f' stroke-dasharray="{" ".join(_num(d) for d in dash)}"' if dash else ""
    svg.add(f'<g class="curve" data-label={quoteattr(viewing.label)}>')
    parts = []
    readings = sum(len(run.points) for run in runs)
    # Dots on the readings while they stand apart (as in the app); a dense curve is the line.
    dotted = readings * 8 <= scale.right - scale.left
    for run in runs:
        x0, y0 = run.points[0]
        if dotted and len(run.points) > 1:
            for x, y in run.points:
                svg.add(
                    f'<circle class="reading f-{series}" cx="{_num(scale.x(x))}" '
                    f'cy="{_num(intensity_y(y, top, bottom))}" r="2.2" '
                    f'fill="{svg.light[series]["light"]}"/>'
                )
        if len(run.points) == 1:
            svg.add(
                f'<circle cx="{_num(scale.x(x0))}" cy="{_num(intensity_y(y0, top, bottom))}" '
                f'r="2.5" {svg.fill(series)}/>'
            )
            continue
        path = f"M{_num(scale.x(x0))} {_num(intensity_y(y0, top, bottom))}"
        for c1x, c1y, c2x, c2y, end_x, end_y in run.beziers():
            path += (
                f" C{_num(scale.x(c1x))} {_num(intensity_y(c1y, top, bottom))}"
                f" {_num(scale.x(c2x))} {_num(intensity_y(c2y, top, bottom))}"
                f" {_num(scale.x(end_x))} {_num(intensity_y(end_y, top, bottom))}"
            )
        parts.append(path)
    if parts:
        svg.add(
            f'<path d="{" ".join(parts)}" {svg.stroke(series, "curve-line")} stroke-width="2" '
            f'stroke-linejoin="round" stroke-linecap="round"{dashes}/>'
        )
    svg.add("</g>")


def _legend(svg: _Svg, viewings: Sequence[TimelineViewing], left: float, y: float) -> None:
    """The kinds that occur, each with its mark, so shapes read without a key elsewhere."""
    svg.add('<g class="legend">')
    x = left
    for kind in kinds_present(viewings):
        svg.mark(MARK_SHAPES.get(kind, "dot"), kind, x + 5, y - 4, KIND_LABELS.get(kind, kind))
        label = KIND_LABELS.get(kind, kind)
        svg.text(x + 14, y, label, "muted")
        x += 14 + len(label) * CHAR_WIDTH + 16
    svg.add("</g>")
