"""Search results as an item model, and the snippet helpers that turn store markers into bold."""

from __future__ import annotations

import html
import unicodedata
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from journal import timecode
from journal.store import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit
from ui.widgets import title_with_year

# Roles read by the two-line result delegate (ui/search_dialog.py); the occurrences model
# offers the same ones so both lists look alike.
TITLE_ROLE = Qt.ItemDataRole.UserRole + 10  # "Tokyo Story (1953)"
META_ROLE = Qt.ItemDataRole.UserRole + 11  # where / when, drawn muted on the right
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 14  # optional muted line under the title
BODY_ROLE = Qt.ItemDataRole.UserRole + 12  # plain text, drawn on one elided line
BODY_HTML_ROLE = Qt.ItemDataRole.UserRole + 13  # rich text (escaped user text + <b>)
HIT_ROLE = Qt.ItemDataRole.UserRole + 20  # the SearchHit itself

_ModelIndex = QModelIndex | QPersistentModelIndex


def film_label(title: str, year: int | None) -> str:
    return title_with_year(title, year)


def _is_control(ch: str) -> bool:
    # Only C0/C1 controls: format characters (ZWJ, ZWNJ) belong to the text.
    return unicodedata.category(ch) == "Cc"


def plain_snippet(snippet: str) -> str:
    """The snippet as a person reads it: markers and other control characters removed."""
    return "".join(
        "" if ch in (HIGHLIGHT_START, HIGHLIGHT_END) else " " if _is_control(ch) else ch
        for ch in snippet
    )


def snippet_html(snippet: str) -> str:
    """Escaped snippet with the matched words in <b>; markers never survive as characters."""
    parts: list[str] = []
    bold = False
    for ch in snippet:
        if ch == HIGHLIGHT_START:
            if not bold:
                parts.append("<b>")
                bold = True
        elif ch == HIGHLIGHT_END:
            if bold:
                parts.append("</b>")
                bold = False
        else:
            parts.append(" " if _is_control(ch) else html.escape(ch, quote=False))
    if bold:
        parts.append("</b>")
    return "".join(parts)


def where_text(hit: SearchHit) -> str:
    """Where the match sits: a position for entries (a motif's entries too), the viewing
    for reflections, the film's details otherwise."""
    if hit.source == "entry" and hit.position_ms is not None:
        when = f" · {hit.watched_on.isoformat()}" if hit.watched_on else ""
        return f"{timecode.format(hit.position_ms)}{when}"
    if hit.source == "reflection":
        return f"reflection · {hit.watched_on.isoformat()}" if hit.watched_on else "reflection"
    if hit.source == "answer":
        return f"answer · {hit.watched_on.isoformat()}" if hit.watched_on else "answer"
    return "film"


class SearchResultsModel(QAbstractListModel):
    """The hits of one query, best first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits([])

    def hit_at(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            title = film_label(hit.film_title, hit.film_year)
            return f"{title} — {where_text(hit)} — {plain_snippet(hit.snippet)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_snippet(hit.snippet)
        if role == TITLE_ROLE:
            return film_label(hit.film_title, hit.film_year)
        if role == META_ROLE:
            return where_text(hit)
        if role == BODY_HTML_ROLE:
            return snippet_html(hit.snippet)
        if role == HIT_ROLE:
            return hit
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and section == 0
        ):
            return "Match"
        return None
