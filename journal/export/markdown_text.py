"""Escaping a person's text for Markdown: it must render as exactly that text, never as
Markdown, and read as typed in the source.

A character is escaped (with a backslash, which CommonMark and Obsidian both honour) only where
leaving it would start Markdown syntax: ``# not a heading`` at the start of a line, ``*stars*``,
``[x](y)``, ``<div>``, but not ``#1``, ``[spoiler]``, ``50%``, ``a_b_c`` or ``3 < 4``.
Whitespace that Markdown would strip or read as indentation is written as a numeric character
reference (``&#32;``). A blank line is a paragraph break; other line breaks are hard breaks
(a trailing backslash). Used by ``journal.export.markdown``.
"""

from __future__ import annotations

import re
import unicodedata

# --- escaping user text ----------------------------------------------------------------------

# Whitespace as CommonMark parsers judge it next to `*` (markdown-it's isWhiteSpace): Python's
# str.isspace() also counts U+2028/2029 and U+0085, which a parser reads as ordinary letters.
_MD_WHITESPACE = frozenset("\t\n\v\f\r \u00a0\u1680\u202f\u205f\u3000") | frozenset(
    chr(code) for code in range(0x2000, 0x200B)
)
# Characters that can take part in Markdown syntax anywhere in a line, and those that can only
# at its start. A line with none of them is written exactly as typed, without further checks:
# most lines of prose are.
_SIGNIFICANT = re.compile(r"[\\`*_\[\]<#$^&~%=]")
_BLOCK_CHARS = frozenset("-+*#>=_|:[0123456789`~")
# Candidates, each judged in context by _marks; the match is where a backslash may go.
_INLINE = re.compile(
    # A backslash that would escape the next character (a trailing space is written `&#32;`)
    # or, at the end of a line, make a hard break.
    r"\\(?=[!-/:-@\[-`{-~]|\s?$)"
    r"|`+|\*+|_+"  # code spans, emphasis: judged by their neighbours
    r"|~~+|%%+|==+"  # ~~strike~~ and ~~~ fences, %%comments%%, ==highlight== (Obsidian)
    r"|\$"  # $math$ (Obsidian)
    r"|\^(?=\[)|(?:(?<=\s)|^)\^(?=[A-Za-z0-9-]+$)"  # ^[inline footnote], a ^block-id
    r"|\[(?=[\[^])|\](?=\()"  # [[wiki links]], [^footnotes], [inline](links)
    r"|<(?=[A-Za-z/!?])"  # HTML tags, comments and <autolinks>
    r"|&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)"  # entities
    r"|#(?=[0-9]*(?:[^\W\d]|[/-]))"  # an Obsidian #tag (at least one character not a digit)
)
# Syntax that only counts at the start of a line (leading whitespace is written as a
# character reference, so every block marker is at the very start when it matters).
_BLOCK_START = re.compile(
    r"[-+*](?=[ \t]|$)"  # bullet
    r"|(?:[0-9]{1,9})([.)])(?=[ \t]|$)"  # ordered list number: the delimiter is escaped
    r"|#{1,6}(?=[ \t]|$)"  # ATX heading
    r"|>"  # block quote, callout
    r"|([-*_])(?=(?:[ \t]*\2){2,}[ \t]*$)"  # thematic break
    r"|[-=](?=[-=]*[ \t]*$)"  # setext underline
)
# A GFM/Obsidian table needs a delimiter row under its header: `|---|:--:|`.
_TABLE_DELIMITER_ROW = re.compile(r"\|?(?:[ \t]*:?-+:?[ \t]*\|?)+[ \t]*")
# A link reference definition (`[label]: url`) may only open a paragraph.
_BLANK_LINE = re.compile(r"[ \t]*")
# Code spans and fences are made of backtick runs; only runs whose length occurs twice in a
# text can pair up (a lone run is literal), and three at a line's start open a fence. Lines
# are escaped in order, so _TextContext counts down the runs still to come.
_BACKTICK_RUNS = re.compile(r"`+")
# The closing `#` run of an ATX heading, which a heading drops: `# Title ##`.
HEADING_CLOSE = re.compile(r"(?:^|[ \t])(#+)[ \t]*$")

# A line typed inside a paragraph ends in a hard break (a trailing backslash), so it stays
# a line of its own in every viewer; a blank line typed is a paragraph break.
HARD_BREAK_LINE = "\\\n"
# An entry's further lines and paragraphs are indented past the "- " so they stay in the item.
ITEM_LINE = "\\\n  "
ITEM_PARAGRAPH = "\n\n  "


def _plain(char: str) -> bool:
    """A letter, digit or mark: never whitespace or punctuation to a Markdown parser."""
    return unicodedata.category(char)[0] in "LNM"


def _can_open(line: str, start: int, end: int, *, underscore: bool) -> bool:
    """Whether the run ``line[start:end]`` of `*` or `_` could open emphasis.

    CommonMark's flanking rules, judged on the characters around the run as they will be in
    the file: after the line comes the hard break's backslash, and trailing whitespace becomes
    a character reference (``&#32;``). Where parsers differ on a character (U+2028 is a
    letter to some), the run is escaped. Closers are left alone: without an opener they are
    literal.
    """
    if end >= len(line):
        after = "\\"
    elif end == len(line) - 1 and line[end].isspace():
        after = "&"
    else:
        after = line[end]
    if after in _MD_WHITESPACE:
        return False
    inside_word = start > 0 and _plain(line[start - 1])
    if underscore:
        # `_` inside a word never opens: `snake_case` and `a_b_c` stay as typed.
        return not inside_word
    # `*` inside a word opens unless punctuation follows (`a*b*` is emphasis, `a*.` is not).
    return not unicodedata.category(after).startswith(("P", "S")) or not inside_word


class _TextContext:
    """What escaping one line needs to know about the whole text it belongs to."""

    __slots__ = ("backtick_runs_left", "backticks_left", "math")

    def __init__(self, text: str) -> None:
        self.backtick_runs_left: dict[int, int] = {}
        self.backticks_left = 0
        if "`" in text:
            for run in _BACKTICK_RUNS.findall(text):
                self.backtick_runs_left[len(run)] = self.backtick_runs_left.get(len(run), 0) + 1
                self.backticks_left += 1
        self.math = text.count("$") > 1

    def pairs_later(self, length: int) -> bool:
        """Whether a run of ``length`` backticks, met in text order, could open a code span.

        A code span closes at the next run of the same length, and inside it a backslash
        escapes nothing, so escaped backticks count there as runs of one. So every run is
        escaped that has a twin after it, and a single backtick that has any backtick after it;
        what is left has nothing to pair with.
        """
        self.backtick_runs_left[length] -= 1
        self.backticks_left -= 1
        if length == 1:
            return self.backticks_left > 0
        return self.backtick_runs_left[length] > 0


def _marks(line: str, context: _TextContext, at_block_start: bool, definition: bool) -> set[int]:
    """Indices of the characters of ``line`` that need a backslash before them."""
    marks: set[int] = set()
    for match in _INLINE.finditer(line):
        start, end = match.span()
        char = line[start]
        if char == "`":
            if context.pairs_later(end - start) or (
                at_block_start and start == 0 and end - start >= 3
            ):
                marks.update(range(start, end))
        elif char in "*_":
            if _can_open(line, start, end, underscore=char == "_"):
                marks.update(range(start, end))
        elif char == "$":
            if context.math:
                marks.add(start)
        elif char == "#":
            if start == 0 or not _plain(line[start - 1]):
                marks.add(start)
        elif char in "~%=":
            marks.update(range(start, end))
        else:
            marks.add(start)
    if at_block_start:
        block = _BLOCK_START.match(line)
        if block:
            marks.add(block.start(1) if block.group(1) else 0)
        if definition:
            marks.add(0)
        if line[0] in "|:-" and _TABLE_DELIMITER_ROW.fullmatch(line):
            pipes = [index for index, char in enumerate(line) if char == "|"]
            marks.update(pipes or [0])
    return marks


def _escape(
    line: str, context: _TextContext, *, at_block_start: bool, definition: bool = False
) -> str:
    """One line of user text as inline Markdown that renders as exactly that line."""
    if not line:
        return line
    escaped = line
    if _SIGNIFICANT.search(line) or (at_block_start and line[0] in _BLOCK_CHARS):
        marks = _marks(line, context, at_block_start, definition)
        if marks:
            escaped = "".join(
                "\\" + char if index in marks else char for index, char in enumerate(line)
            )
    # Markdown strips whitespace at either end of a line (and reads four leading spaces as
    # code); a character reference is never taken for whitespace.
    if escaped[-1].isspace():
        escaped = escaped[:-1] + _entity(escaped[-1])
    if escaped[0].isspace():
        escaped = _entity(escaped[0]) + escaped[1:]
    return escaped


def _entity(char: str) -> str:
    return f"&#{ord(char)};"


def escape_line(line: str, *, at_block_start: bool = True) -> str:
    """A single line of user text (a title, a label) as Markdown that renders as exactly it.

    ``at_block_start`` says whether the line begins a Markdown line, where `# `, `- ` or `> `
    would start a block; text that follows other text on its line needs only inline escapes.
    """
    return _escape(line, _TextContext(line), at_block_start=at_block_start)


def paragraphs(text: str) -> list[list[str]]:
    """User text as Markdown reads its paragraphs: runs of lines between blank lines.

    A line holding only spaces and tabs is blank to Markdown, so it separates paragraphs too;
    blank lines at either end separate nothing and are left out.
    """
    if "\n" not in text:
        return [[text]] if text and not _BLANK_LINE.fullmatch(text) else []
    groups: list[list[str]] = [[]]
    for line in text.split("\n"):
        if _BLANK_LINE.fullmatch(line):
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(line)
    return [group for group in groups if group]


def escape_paragraphs(text: str, *, first_inline: bool = False) -> list[list[str]]:
    """User text as escaped Markdown lines, grouped by paragraph.

    The lines of a paragraph are to be joined by hard breaks (a trailing backslash) and the
    paragraphs by blank lines. ``first_inline`` says the first line follows other text on its
    Markdown line (an entry's text after its position and kind).
    """
    if (
        "\n" not in text
        and text
        and not _SIGNIFICANT.search(text)
        and not text[0].isspace()
        and not text[-1].isspace()
        and (first_inline or text[0] not in _BLOCK_CHARS)
    ):
        return [[text]]  # one line of prose: most texts, so they skip the checks below
    groups = paragraphs(text)
    if not groups:
        return []
    context = _TextContext(text)
    escaped = []
    for number, group in enumerate(groups):
        inline = first_inline and number == 0
        # A paragraph that starts `[label]:` would be a link definition and vanish.
        definition = not inline and group[0].startswith("[") and "]:" in "\n".join(group)
        escaped.append(
            [
                _escape(
                    line,
                    context,
                    at_block_start=not (inline and index == 0),
                    definition=definition and index == 0,
                )
                for index, line in enumerate(group)
            ]
        )
    return escaped


def item_text(text: str) -> str:
    """User text that follows other text on a list item's line (an entry's text after its
    position and kind): its lines joined by hard breaks and its paragraphs by blank lines,
    both indented under the item so they stay in it; '' when the text is only blank."""
    if (
        "\n" not in text
        and not _SIGNIFICANT.search(text)
        and not text[:1].isspace()
        and not text[-1:].isspace()
    ):
        return text  # one line of prose, as escape_paragraphs would leave it: most texts
    groups = escape_paragraphs(text, first_inline=True)
    return ITEM_PARAGRAPH.join(ITEM_LINE.join(lines) for lines in groups)


def paragraphs_block(text: str) -> str:
    """Top-level paragraphs of user text."""
    return "\n\n".join(HARD_BREAK_LINE.join(lines) for lines in escape_paragraphs(text))
