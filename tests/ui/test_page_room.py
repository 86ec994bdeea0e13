"""The rule by which the journal page shares its height (ui/viewing/page_room.py), on plain
numbers: the order in which it gives way, what being written keeps, and comparing."""

from __future__ import annotations

import pytest

from ui.viewing.page_room import (
    READING_LEAST,
    READING_ROOM,
    Heights,
    choose_shape,
    least_page,
)

# A 1280×800-like page: notes 16 px, the reflection 3/4/6 lines, the timeline 120/102/62 px.
FIXED = 360
HEADERS = (57, 41)
BOX = (76, 94, 130)
TIMELINE = (120, 102, 62)


def heights(page: int, box: tuple[int, int, int] = BOX) -> Heights:
    return Heights(page, FIXED, HEADERS, box, TIMELINE)


def test_a_tall_page_shows_everything_at_its_natural_height() -> None:
    shape = choose_shape(heights(2000), writing=False, comparing=False)
    assert shape == (57, 94, 120, True, False, False)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (FIXED + 57 + 94 + 120 + READING_ROOM, (57, 94, 120, True, False, False)),
        (FIXED + 57 + 94 + 102 + READING_ROOM, (57, 94, 102, True, False, False)),  # flatter
        (FIXED + 57 + 76 + 102 + READING_ROOM, (57, 76, 102, True, False, False)),  # resting
        (FIXED + 41 + 76 + 102 + READING_ROOM, (41, 76, 102, True, True, False)),  # brief
        (FIXED + 41 + 76 + 62 + READING_ROOM, (41, 76, 62, False, True, False)),  # no curve
        (FIXED + 41 + 0 + 62 + READING_ROOM, (41, 0, 62, False, True, True)),  # folded
        (300, (41, 0, 62, False, True, True)),  # below everything: the last, and it scrolls
    ],
)
def test_a_lower_page_gives_way_step_by_step(page: int, expected: tuple) -> None:
    shape = choose_shape(heights(page), writing=False, comparing=False)
    assert shape == expected
    fits = FIXED + shape.header + shape.box + shape.timeline + READING_ROOM <= page
    assert fits or shape.folded  # only the last shape may leave the entries short
    assert least_page(heights(page), shape) == FIXED + sum(shape[:3]) + READING_LEAST


def test_a_reflection_being_written_keeps_its_height_and_never_folds() -> None:
    for page in (2000, 700, 560, 300):
        shape = choose_shape(heights(page), writing=True, comparing=False)
        assert shape.box == 94 and not shape.folded


def test_a_long_text_grows_to_its_most_and_a_short_one_keeps_its_least() -> None:
    assert choose_shape(heights(2000, (76, 900, 130)), writing=False, comparing=False).box == 130
    assert choose_shape(heights(2000, (76, 20, 130)), writing=False, comparing=False).box == 76


def test_comparing_lets_the_entries_give_way_before_the_curves() -> None:
    page = FIXED + 57 + 94 + 120 + READING_LEAST
    assert choose_shape(heights(page), writing=False, comparing=True).curve
    assert choose_shape(heights(page), writing=False, comparing=False).timeline < 120
