"""Small wording and formatting helpers shared by the widgets: dots, stars, tooltips,
motif lists and ``Title (Year)``."""

from __future__ import annotations

import html

from PySide6.QtGui import (
    QFont,
)
from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)

READABLE_POINT_SIZE = 11.5


def muted(label: QLabel) -> QLabel:
    """Mark a label as secondary text (the stylesheet greys ``role="muted"``)."""
    label.setProperty("role", "muted")
    return label


def readable_font(widget: QWidget) -> QFont:
    """The widget's font, raised to a size that is comfortable for reading and writing prose."""
    font = widget.font()
    if font.pointSizeF() > 0 and font.pointSizeF() < READABLE_POINT_SIZE:
        font.setPointSizeF(READABLE_POINT_SIZE)
    return font


def intensity_dots(intensity: int | None) -> str:
    """``●●●○○`` for 3; empty for none."""
    if intensity is None:
        return ""
    return "●" * intensity + "○" * (5 - intensity)


def rating_stars(rating: float | None) -> str:
    """``★★★½`` for 3.5; empty for none."""
    if rating is None:
        return ""
    full = int(rating)
    return "★" * full + ("½" if rating - full >= 0.5 else "")


def rich_tooltip(text: str, limit: int = 2000) -> str:
    """Plain text as a tooltip that wraps and shows exactly what was typed."""
    shown = text if len(text) <= limit else text[:limit] + "…"
    return "<p>" + html.escape(shown).replace("\n", "<br>") + "</p>"


def split_motifs(text: str) -> list[str]:
    """Comma-separated motif names, trimmed, without empties or case-insensitive repeats."""
    names: list[str] = []
    seen: set[str] = set()
    for part in text.split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def motif_key_set(names: list[str] | tuple[str, ...]) -> frozenset[str]:
    return frozenset(" ".join(name.split()).casefold() for name in names)


def title_with_year(title: str, year: int | None) -> str:
    """``Tokyo Story (1953)``, or the title alone when the year is not known."""
    return f"{title} ({year})" if year else title
