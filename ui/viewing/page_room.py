"""How the journal page shares its height: plain arithmetic on the heights its parts ask for
(measured by ``ui.viewing.journal_view.JournalView``), kept apart from the widgets so that
the rule can be read, and tested, on its own.

The page is read top to bottom: the film, the viewing, the reflection, the timeline, the
entries and the editor. The editor (with the earlier-viewings panel) keeps the height it
needs; the entries take what is left. The reflection follows its text: while it is being
written it gets at least REFLECTION_MIN_LINES and up to half the page; while the entries are,
it keeps REFLECTION_RESTING_LINES to 6 lines and scrolls. The timeline shows its curve at
full height where there is room.

Where the entries would get less than READING_ROOM, the page gives way step by step: the
curve flatter, the reflection at its resting least, the film's notes into a tooltip, the
curve away (the marks stay), and last — not while it is being written — the reflection
folded to its heading line with its first words. Below the least of all that the page
scrolls as a whole. Comparing viewings, the strips and curves are what is being read: the
entries give way first, down to READING_LEAST.
"""

from __future__ import annotations

from typing import NamedTuple

REFLECTION_MIN_LINES = 6  # while it is being written
REFLECTION_RESTING_LINES = 3  # while the entries are
READING_ROOM = 120  # the entries' room before the reflection or the timeline grow (2+ blocks)
READING_LEAST = 100  # below this the page scrolls instead
ROOMY_PAGE = 700  # from this page height up the entry's text box gets a third line


class PageShape(NamedTuple):
    """How the journal page gives way on a low window."""

    header: int  # the film header's height
    box: int  # the reflection box's (0: folded)
    timeline: int
    curve: bool  # the timeline shows its curve
    brief: bool  # the header leaves out the notes and the link
    folded: bool  # the reflection is folded to its heading line


class Heights(NamedTuple):
    """What the page's parts ask for, in pixels."""

    page: int  # the height the page is given
    fixed: int  # what does not bend: margins, the viewing bar, headings, the writing
    headers: tuple[int, int]  # the film header with its notes, and brief
    box: tuple[int, int, int]  # the reflection box: least, wanted (its text), most
    timeline: tuple[int, int, int]  # natural, least with the curve, without the curve


def choose_shape(heights: Heights, *, writing: bool, comparing: bool) -> PageShape:
    """The first shape, in the order the page gives way, that leaves the entries their room;
    the last one if none does (then the page scrolls). ``writing``: the reflection (or its
    prompts) is being written and keeps its height."""
    full_header, brief_header = heights.headers
    least, wanted, most = heights.box
    box = min(most, max(least, wanted))
    natural, flat, bare = heights.timeline
    shapes = [
        PageShape(full_header, box, natural, True, False, False),
        PageShape(full_header, box, flat, True, False, False),
        PageShape(full_header, least, flat, True, False, False),
        PageShape(brief_header, least, flat, True, True, False),
        PageShape(brief_header, least, bare, False, True, False),
        PageShape(brief_header, 0, bare, False, True, True),
    ]
    if writing:  # the box being written keeps its height; the rest gives way
        shapes = [shape._replace(box=box) for shape in shapes[:1] + shapes[3:5]]
    room = READING_LEAST if comparing else READING_ROOM
    for shape in shapes:
        if heights.fixed + shape.header + shape.box + shape.timeline + room <= heights.page:
            return shape
    return shapes[-1]


def least_page(heights: Heights, shape: PageShape) -> int:
    """The page's least height in ``shape``: below it the page scrolls."""
    return heights.fixed + shape.header + shape.box + shape.timeline + READING_LEAST
