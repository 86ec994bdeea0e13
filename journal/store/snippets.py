"""Snippets: the words a search matched, marked in the text shown, and hits as plain JSON.

Marking follows FTS5's tokenizer: words match as prefixes of words, ignoring case and accents
("cafe" marks "café"), so the words marked are the words that were found. The marks are
HIGHLIGHT_START/HIGHLIGHT_END; :func:`unmarked` turns them into offsets for scripts.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from journal import timecode
from journal.rows import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit


def mark_words(body: str, words: list[str], width: int = 120) -> str:
    """About ``width`` characters of ``body`` around the first match, matched words marked
    with HIGHLIGHT_START/HIGHLIGHT_END."""
    spans = _match_spans(body, words)
    start = 0
    # A body that fits is shown whole; a longer one starts a little before the first match.
    if spans and len(body) > width and spans[0][0] > width // 3:
        first = spans[0][0]
        start = first - width // 3
        space = body.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(body), start + width)
    if end < len(body):
        space = body.rfind(" ", start + width // 2, end)
        end = space if space > 0 else end
    parts: list[str] = []
    done = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, done), min(span_end, end)
        if span_start >= span_end:
            continue
        parts += [body[done:span_start], HIGHLIGHT_START, body[span_start:span_end], HIGHLIGHT_END]
        done = span_end
    parts.append(body[done:end])
    return ("…" if start else "") + "".join(parts) + ("…" if end < len(body) else "")


def _match_spans(body: str, words: list[str]) -> list[tuple[int, int]]:
    """Where words (as prefixes) occur in ``body``, ignoring case and, like the FTS5
    tokenizer, accents: "cafe" marks "café"."""
    if body.isascii() and all(word.isascii() for word in words):
        return [m.span() for m in _prefix_pattern(words).finditer(body)]
    folded, origin = _fold(body)
    pattern = _prefix_pattern([_fold(word)[0] for word in words])
    return [
        (origin[m.start()], origin[m.end() - 1] + 1)
        for m in pattern.finditer(folded)
        if m.end() > m.start()
    ]


def _prefix_pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w)
    return re.compile(r"\b(?:" + alternatives + r")\w*", re.IGNORECASE)


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` case-folded without combining marks, and for each folded character the
    index of the character of ``text`` it came from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char < "\x80":  # most of any text: folding is lower-casing
            folded.append(char.lower())
            origin.append(index)
            continue
        for part in unicodedata.normalize("NFD", char):
            if unicodedata.combining(part):
                continue
            for piece in part.casefold():
                folded.append(piece)
                origin.append(index)
    return "".join(folded), origin


# --- hits for scripts and terminals -----------------------------------------------------


def unmarked(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """The snippet without highlight markers, and the [start, end) spans they marked."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for char in snippet:
        if char == HIGHLIGHT_START:
            start = len(text) if start is None else start
        elif char == HIGHLIGHT_END:
            if start is not None and len(text) > start:
                spans.append((start, len(text)))
            start = None
        else:
            text.append(char)
    return "".join(text), spans


def hit_record(hit: SearchHit) -> dict[str, Any]:
    """A hit as plain JSON values: the stable shape of ``reflective-journal search --json``."""
    snippet, spans = unmarked(hit.snippet)
    title = hit.film_title + (f" ({hit.film_year})" if hit.film_year else "")
    return {
        "source": hit.source,
        "film": title,
        "film_id": hit.film_id,
        "film_title": hit.film_title,
        "film_year": hit.film_year,
        "viewing_id": hit.viewing_id,
        "watched_on": hit.watched_on.isoformat() if hit.watched_on else None,
        "entry_id": hit.entry_id,
        "position_ms": hit.position_ms,
        "position": None if hit.position_ms is None else timecode.format(hit.position_ms),
        "kind": hit.kind if hit.source == "entry" and hit.kind else hit.source,
        "motifs": list(hit.motifs),
        "tags": list(hit.tags),
        "snippet": snippet,
        "highlights": [list(span) for span in spans],
    }
