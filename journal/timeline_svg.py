"""One viewing's timeline and intensity curve (or several viewings on one axis) as plain SVG text,
for the Markdown export: a file beside the ``.md`` that Obsidian and GitHub show as an image.

The drawing follows journal/timeline.py, as the widget does: the same axis, ticks, mark shapes,
kind colours and curve. The output is a pure function of its input (no dates, no random ids,
numbers rounded to a tenth of a pixel), so exporting twice writes the same bytes. The picture
carries its own paper-coloured background, and a ``prefers-color-scheme: dark`` rule turns it
to the dark palette where the viewer supports that; renderers that ignore CSS get the light one.
"""

from __future__ import annotations

import functools
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
    TimelineEntry,
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
_FONT_ATTRIBUTE = quoteattr(FONT)
PAD = 14
CURVE_HEIGHT = 84
STRIP_HEIGHT = 30
TICK_ROOM = 22
LEGEND_ROOM = 24
MARK_SIZE = 5.0
CHAR_WIDTH = 6.6  # a generous average for 11 px text, for laying out labels without a font


def _num(value: float) -> str:
    """A coordinate to a tenth of a pixel, without a trailing ``.0`` (hot: keep it cheap)."""
    tenths = round(value * 10)
    return str(tenths // 10) if tenths % 10 == 0 else str(tenths / 10)


@functools.cache
def _outline_path(shape: str, size: float) -> tuple[float, float, str] | None:
    """A polygon mark as (start x, start y, relative path) around a centre at 0, 0, so that
    drawing a thousand marks formats two numbers each instead of eight."""
    form, values = mark_outline(shape, 0.0, 0.0, size)
    if form != "polygon":
        return None
    points = [(values[i], values[i + 1]) for i in range(0, len(values), 2)]
    steps = "".join(
        f"l{_num(x1 - x0)} {_num(y1 - y0)}"
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False)
    )
    return points[0][0], points[0][1], steps + "z"


@functools.cache
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


@functools.cache
def _style() -> str:
    rules = []
    for name, colours in _colour_names().items():
        dark = colours["dark"]
        rules.append(f".f-{name}{{fill:{dark}}} .s-{name}{{stroke:{dark}}}")
    return "@media (prefers-color-scheme: dark) {" + " ".join(rules) + "}"


@functools.cache
def _fill(name: str) -> str:
    """The attributes that fill a shape with a named colour (light, with its dark class)."""
    return f'fill="{_colour_names()[name]["light"]}" class="f-{name}"'


@functools.cache
def _stroke(name: str, extra: str = "") -> str:
    """The attributes that stroke a line in a named colour (light, with its dark class)."""
    classes = f"s-{name} {extra}".strip()
    return f'fill="none" stroke="{_colour_names()[name]["light"]}" class="{classes}"'


@functools.cache
def _paint(shape: str, colour: str) -> str:
    """How a mark of ``shape`` is painted in a named colour: hollow ones stroked, others filled."""
    return _stroke(colour) + ' stroke-width="1.5"' if is_hollow(shape) else _fill(colour)


@functools.lru_cache(maxsize=1024)  # a kind's marks on one strip differ only in their x
def _mark_parts(shape: str, kind: str, cy: float) -> tuple[str, str, float]:
    """A mark without tooltip as :meth:`_Svg.mark` writes it, split around its x: the text
    before the x, the text after it, and what to add to the centre's x to get that x."""
    colour = kind if kind in KIND_COLOURS["light"] else "note"
    paint = _paint(shape, colour)
    outline = _outline_path(shape, MARK_SIZE)
    if outline is not None:
        start_x, start_y, steps = outline
        return (
            f'<path data-kind="{kind}" d="M',
            f' {_num(cy + start_y)}{steps}" {paint}/>',
            start_x,
        )
    _form, (_x, y, r) = mark_outline(shape, 0.0, cy, MARK_SIZE)
    return (f'<circle data-kind="{kind}" cx="', f'" cy="{_num(y)}" r="{_num(r)}" {paint}/>', 0.0)


class _Svg:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.light = _colour_names()

    def fill(self, name: str) -> str:
        return _fill(name)

    def stroke(self, name: str, extra: str = "") -> str:
        return _stroke(name, extra)

    def add(self, line: str) -> None:
        self.lines.append(line)

    def text(self, x: float, y: float, words: str, colour: str, anchor: str = "start") -> None:
        self.add(
            f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}" {self.fill(colour)}>'
            f"{escape(words)}</text>"
        )

    def paint(self, shape: str, colour: str) -> str:
        return _paint(shape, colour)

    def mark(self, shape: str, kind: str, cx: float, cy: float, tooltip: str | None) -> None:
        colour = kind if kind in KIND_COLOURS["light"] else "note"
        paint = self.paint(shape, colour)
        title = "" if tooltip is None else f"<title>{escape(tooltip)}</title>"
        outline = _outline_path(shape, MARK_SIZE)
        if outline is not None:
            start_x, start_y, steps = outline
            head = f'<path data-kind="{kind}" d="M{_num(cx + start_x)} {_num(cy + start_y)}{steps}" {paint}'
            self.add(f"{head}>{title}</path>" if title else f"{head}/>")
        else:
            _form, (x, y, r) = mark_outline(shape, cx, cy, MARK_SIZE)
            head = f'<circle data-kind="{kind}" cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" {paint}'
            self.add(f"{head}>{title}</circle>" if title else f"{head}/>")

    def strip_marks(self, entries: Sequence[TimelineEntry], scale: Scale, cy: float) -> None:
        """The marks of one strip without tooltips, as :meth:`mark` draws each: all share the
        strip's centre line, so only a mark's x is formatted per mark (a long viewing has a
        thousand of them, and an export draws a hundred thousand)."""
        add = self.lines.append
        left, width, span = scale.left, scale.right - scale.left, scale.span_ms
        for entry in entries:
            before, after, offset = _mark_parts(entry.shape, entry.kind, cy)
            # scale.x(), and then the outline's offset, in the same float steps as mark().
            add(before + _num(left + width * entry.position_ms / span + offset) + after)


def timeline_svg(
    viewings: Sequence[TimelineViewing], *, width: int = 960, tooltips: bool = True
) -> str:
    """The SVG text of one viewing's timeline and curve, or of several viewings stacked on one
    axis with their curves overlaid and labelled by date. Raises ValueError with no viewings.

    ``tooltips``: a ``<title>`` per mark (its position, kind and first line), which a viewer
    showing the SVG itself offers on hover; a picture embedded as an image never shows them,
    so the Markdown export leaves them out (they are most of the text of a long viewing)."""
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
        f'viewBox="0 0 {width} {height}" font-family={_FONT_ATTRIBUTE} font-size="11" '
        'role="img" aria-labelledby="title desc">'
    )
    svg.add(f'<title id="title">{escape(title)}</title>')
    svg.add(f'<desc id="desc">{escape(description)}</desc>')
    svg.add(f"<style>{_style()}</style>")
    svg.add(f'<rect width="{width}" height="{height}" rx="6" {svg.fill("bg")}/>')

    # Every horizontal line runs from the gutter to the right edge.
    x1, x2 = _num(gutter), _num(right)
    svg.lines.extend(_grid(gutter, right, curve_top, curve_bottom))

    for index, viewing in enumerate(viewings):
        _curve(svg, viewing, index, scale, curve_top, curve_bottom, stacked)

    for index, viewing in enumerate(viewings):
        centre = strips_top + STRIP_HEIGHT * index + STRIP_HEIGHT / 2
        centre_text = _num(centre)
        svg.add(f'<g class="strip" data-label={quoteattr(viewing.label)}>')
        svg.add(
            f'<line x1="{x1}" y1="{centre_text}" x2="{x2}" y2="{centre_text}" '
            f"{svg.stroke('grid')}/>"
        )
        if stacked:
            series = f"s{index % len(SERIES_COLOURS['light'])}"
            dash = SERIES_DASHES[index % len(SERIES_DASHES)]
            dashes = f' stroke-dasharray="{" ".join(_num(d) for d in dash)}"' if dash else ""
            svg.add(
                f'<line x1="{_num(PAD)}" y1="{centre_text}" x2="{_num(PAD + 16)}" '
                f'y2="{centre_text}" {svg.stroke(series)} stroke-width="2"{dashes}/>'
            )
            svg.text(PAD + 22, centre + 4, viewing.label, "ink")
        if tooltips:
            for entry in viewing.entries:
                svg.mark(
                    entry.shape,
                    entry.kind,
                    scale.x(entry.position_ms),
                    centre,
                    entry_summary(entry),
                )
        else:
            svg.strip_marks(viewing.entries, scale, centre)
        svg.add("</g>")

    axis_text, muted = _num(axis_y), svg.stroke("muted")
    svg.add('<g class="axis">')
    svg.add(f'<line x1="{x1}" y1="{axis_text}" x2="{x2}" y2="{axis_text}" {muted}/>')
    max_ticks = max(2, int((right - gutter) // 56))
    tick_end, label_y, label_fill = _num(axis_y + 4), _num(axis_y + 16), _fill("muted")
    for tick in minute_ticks(span, max_ticks):
        x_text = _num(scale.x(tick.position_ms))
        svg.add(f'<line x1="{x_text}" y1="{axis_text}" x2="{x_text}" y2="{tick_end}" {muted}/>')
        # As svg.text() writes it, with the x and y already formatted.
        svg.add(
            f'<text x="{x_text}" y="{label_y}" text-anchor="middle" {label_fill}>'
            f"{escape(tick.label)}</text>"
        )
    svg.add("</g>")

    svg.lines.extend(_legend(tuple(kinds_present(viewings)), gutter, legend_y))
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
    dot_head = f'<circle class="reading f-{series}" cx="'
    dot_tail = f'" r="2.2" fill="{svg.light[series]["light"]}"/>'
    dot_ys: dict[float, str] = {}  # few intensities recur: each y is formatted once
    add = svg.lines.append
    # scale.x() spelled out, in the same float steps: a dot per reading is most of the curve.
    left, width, span = scale.left, scale.right - scale.left, scale.span_ms
    for run in runs:
        x0, y0 = run.points[0]
        if dotted and len(run.points) > 1:
            for x, y in run.points:
                y_text = dot_ys.get(y)
                if y_text is None:
                    y_text = dot_ys[y] = _num(intensity_y(y, top, bottom))
                add(f'{dot_head}{_num(left + width * x / span)}" cy="{y_text}{dot_tail}')
        if len(run.points) == 1:
            svg.add(
                f'<circle cx="{_num(scale.x(x0))}" cy="{_num(intensity_y(y0, top, bottom))}" '
                f'r="2.5" {svg.fill(series)}/>'
            )
            continue
        # Pixels from film time and intensity by one multiply-add each; one format per segment
        # (a long viewing's curve is most of the numbers in the picture).
        sx, ox = (scale.right - scale.left) / scale.span_ms, scale.left
        sy, oy = (
            (top - bottom) / (INTENSITY_MAX - INTENSITY_MIN),
            bottom - (top - bottom) / (INTENSITY_MAX - INTENSITY_MIN) * INTENSITY_MIN,
        )
        pieces = [f"M{x0 * sx + ox:.1f} {y0 * sy + oy:.1f}"]
        pieces += [
            f" C{a * sx + ox:.1f} {b * sy + oy:.1f} {c * sx + ox:.1f} {d * sy + oy:.1f}"
            f" {e * sx + ox:.1f} {f * sy + oy:.1f}"
            for a, b, c, d, e, f in run.beziers()
        ]
        parts.append("".join(pieces))
    if parts:
        svg.add(
            f'<path d="{" ".join(parts)}" {svg.stroke(series, "curve-line")} stroke-width="2" '
            f'stroke-linejoin="round" stroke-linecap="round"{dashes}/>'
        )
    svg.add("</g>")


# The grid and the legend depend on a few numbers and the kinds present, which recur from
# picture to picture: each is drawn once per combination.


@functools.lru_cache(maxsize=256)
def _grid(left: float, right: float, top: float, bottom: float) -> tuple[str, ...]:
    """The intensity grid: a faint line per level, the levels 1 and 5 named at the left."""
    svg = _Svg()
    x1, x2 = _num(left), _num(right)
    svg.add('<g class="grid">')
    for level in range(INTENSITY_MIN, INTENSITY_MAX + 1):
        y = intensity_y(level, top, bottom)
        y_text = _num(y)
        svg.add(f'<line x1="{x1}" y1="{y_text}" x2="{x2}" y2="{y_text}" {svg.stroke("grid")}/>')
        if level in (INTENSITY_MIN, INTENSITY_MAX):
            svg.text(left - 6, y + 4, str(level), "muted", "end")
    svg.add("</g>")
    return tuple(svg.lines)


@functools.lru_cache(maxsize=1024)
def _legend(kinds: tuple[str, ...], left: float, y: float) -> tuple[str, ...]:
    """The kinds that occur, each with its mark, so shapes read without a key elsewhere."""
    svg = _Svg()
    svg.add('<g class="legend">')
    x = left
    for kind in kinds:
        svg.mark(MARK_SHAPES.get(kind, "dot"), kind, x + 5, y - 4, KIND_LABELS.get(kind, kind))
        label = KIND_LABELS.get(kind, kind)
        svg.text(x + 14, y, label, "muted")
        x += 14 + len(label) * CHAR_WIDTH + 16
    svg.add("</g>")
    return tuple(svg.lines)
