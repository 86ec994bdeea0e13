"""The timeline picture that goes beside a film's Markdown file.

One SVG per film, named after the ``.md`` (``still-water-2019.md`` →
``still-water-2019.timeline.svg``), so every export writes the same names and two films never
share one (their ``.md`` names are already distinct). It shows every viewing of the film on
one time axis — a single viewing's timeline and curve, or all of them stacked with their curves
overlaid and labelled by date, which is what a rewatch is read against. The ``.md`` embeds it
with a relative image link that Obsidian and GitHub both show. A film with no entries gets no
picture (there is nothing to draw) and no link.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from journal.rewatch import viewing_labels
from journal.timeline import TimelineEntry, TimelineViewing
from journal.timeline_svg import timeline_svg

SUFFIX = ".timeline.svg"
ALT_TEXT = "Timeline of the viewings"


def timeline_filename(markdown_name: str) -> str:
    """The picture's name for a film's Markdown file name (``x.md`` → ``x.timeline.svg``)."""
    stem = markdown_name[:-3] if markdown_name.endswith(".md") else markdown_name
    return stem + SUFFIX


def has_timeline(film: Mapping[str, Any]) -> bool:
    """True when the film (a Journal JSON document film) has an entry to draw."""
    return any(viewing["entries"] for viewing in film["viewings"])


def image_link(filename: str) -> str:
    """``![Timeline of the viewings](name.timeline.svg)``: relative, in the same folder. The
    name is one of ours (letters, digits, hyphens, dots), so it needs no escaping; angle
    brackets keep it a link all the same should it ever hold a space."""
    target = f"<{filename}>" if " " in filename else filename
    return f"![{ALT_TEXT}]({target})"


def film_timelines(film: Mapping[str, Any]) -> list[TimelineViewing]:
    """A document film's viewings as timelines, oldest first, labelled by date."""
    viewings = film["viewings"]
    labels = viewing_labels([date.fromisoformat(str(v["watched_on"])) for v in viewings])
    runtime = film.get("runtime_ms")
    timelines = []
    first = 1  # entries are numbered through the film, in document order
    for label, viewing in zip(labels, viewings, strict=True):
        marks = [
            TimelineEntry(
                number,
                max(0, int(entry["position_ms"])),
                entry["kind"],
                entry.get("intensity") if entry.get("intensity") in (1, 2, 3, 4, 5) else None,
                "",  # the picture carries no text of the entries (see film_timeline_svg)
            )
            for number, entry in enumerate(viewing["entries"], first)
        ]
        first += len(marks)
        timelines.append(TimelineViewing(label, runtime, tuple(marks)))
    return timelines


def film_timeline_svg(film: Mapping[str, Any]) -> str:
    """The SVG text of the film's timeline (see the module docstring). Without per-mark hover
    titles: Obsidian and GitHub show the picture as an image, where titles never appear, and
    they would be most of its bytes and of the time an export of thousands of films takes."""
    return timeline_svg(film_timelines(film), tooltips=False)
