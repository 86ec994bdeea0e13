"""Turn a Letterboxd review's HTML into plain paragraphs.

Letterboxd keeps reviews as a small subset of HTML: ``<p>`` paragraphs, ``<br>`` line breaks,
``<i>``/``<em>``, ``<b>``/``<strong>``, ``<a href>``, ``<blockquote>`` and character entities.
Older exports hold the paragraphs as ``<p>`` elements; newer ones hold raw line breaks. The
journal keeps reflections as plain text where a blank line separates paragraphs, so:

- a ``<p>``, ``<blockquote>`` or ``<div>`` becomes a paragraph, a ``<br>`` a line break;
- emphasis tags vanish and keep their words; a link keeps its words and, when the words are not
  the address itself, the address in brackets after them (so nothing the reviewer linked is lost);
- entities become the characters they stand for (``&amp;`` → ``&``, ``&#8217;`` → ``’``);
- when the review has no block tags at all, its own line breaks are the paragraphs.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset(
    {"p", "div", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_DROPPED_TAGS = frozenset({"script", "style"})
_HAS_BLOCKS = re.compile(r"<\s*(p|br|div|blockquote|li)\b", re.IGNORECASE)
_HAS_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_MANY_BREAKS = re.compile(r"\n{3,}")


class _PlainText(HTMLParser):
    """Collects the text of a review, with ``\\n`` for line breaks and ``\\n\\n`` for paragraphs."""

    def __init__(self, *, html_whitespace: bool) -> None:
        super().__init__(convert_charrefs=True)
        self._html_whitespace = html_whitespace
        self._parts: list[str] = []
        self._links: list[str | None] = []
        self._link_text_start: list[int] = []
        self._dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_TAGS:
            self._dropping += 1
        elif tag == "br":
            self._parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self._parts.append("\n\n")
        elif tag == "a":
            self._links.append(dict(attrs).get("href"))
            self._link_text_start.append(len(self._parts))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self._parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_TAGS:
            self._dropping = max(0, self._dropping - 1)
        elif tag in _BLOCK_TAGS:
            self._parts.append("\n\n")
        elif tag == "a" and self._links:
            href = self._links.pop()
            start = self._link_text_start.pop()
            words = "".join(self._parts[start:]).strip()
            if href and href.strip() and href.strip() != words:
                self._parts.append(f" ({href.strip()})" if words else href.strip())

    def handle_data(self, data: str) -> None:
        if self._dropping:
            return
        if self._html_whitespace:
            data = re.sub(r"\s+", " ", data)
        self._parts.append(data)

    def text(self) -> str:
        """The collected text, paragraphs separated by one blank line, ends trimmed."""
        return tidy_paragraphs("".join(self._parts))


def tidy_paragraphs(text: str) -> str:
    """Normalise line ends to ``\\n``, trim each line, keep at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_BREAKS.sub("\n\n", "\n".join(lines)).strip()


def review_to_text(review: str) -> str:
    """The plain-text paragraphs of a Letterboxd review (HTML or plain text)."""
    if not review.strip():
        return ""
    if not _HAS_MARKUP.search(review):
        return tidy_paragraphs(review)
    parser = _PlainText(html_whitespace=bool(_HAS_BLOCKS.search(review)))
    parser.feed(review.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    return parser.text()
